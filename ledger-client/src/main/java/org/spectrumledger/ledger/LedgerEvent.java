package org.spectrumledger.ledger;

import java.math.BigInteger;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * A decoded contract event: its name, the contract that emitted it, where, and its fields in ABI
 * order.
 *
 * @param name the event's name ({@code TradeSettled}, {@code TransferSingle}, …)
 * @param contract the emitting contract's name ({@code SpectrumExchange}, …)
 * @param address the emitting contract's address
 * @param position block, log index, transaction
 * @param fields the decoded fields
 */
public record LedgerEvent(
    String name,
    String contract,
    Address address,
    EventPosition position,
    List<DecodedValue> fields) {

  public LedgerEvent {
    fields = List.copyOf(fields);
  }

  /** The field named {@code field} as text. */
  public String text(String field) {
    for (DecodedValue v : fields) {
      if (v.name().equals(field)) {
        return v.value();
      }
    }
    throw new NoSuchElementException(name + " has no field " + field + "; fields: " + fields);
  }

  public BigInteger bigInteger(String field) {
    return new BigInteger(text(field));
  }

  public long longValue(String field) {
    return new BigInteger(text(field)).longValue();
  }

  public Address address(String field) {
    return Address.of(text(field));
  }

  public Bytes32 bytes32(String field) {
    return Bytes32.of(text(field));
  }

  /** The market of an event with a {@code marketId} field. */
  public MarketKey market() {
    return MarketKey.fromId(bigInteger("marketId"));
  }
}
