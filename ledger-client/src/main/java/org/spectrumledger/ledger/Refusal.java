package org.spectrumledger.ledger;

import java.util.Set;

/**
 * What a contract's refusal blames, read from its custom error: one order, one maker, the market as
 * a whole, or the batch. A broker decides from this which orders to reject and which to put back in
 * the book; only ledger-client reads the errors' argument names.
 */
public sealed interface Refusal {

  /** The custom error's name, e.g. {@code ExchangeOrderCancelled}. */
  String error();

  /** The error names one order (its order hash: the EIP-712 digest its maker signed). */
  record OfOrder(String error, Bytes32 orderHash) implements Refusal {}

  /** The error names a maker (a suspended operator, a short escrow, a seller short of SRU). */
  record OfMaker(String error, Address maker) implements Refusal {}

  /** The market as a whole may not trade now (policy, slot, price); no order is at fault. */
  record OfMarket(String error) implements Refusal {}

  /** The batch itself was wrong; nothing in it is at fault. */
  record OfBatch(String error) implements Refusal {}

  /** The refusal {@code e} carries. */
  static Refusal of(ContractRevertedException e) {
    String name = e.errorName();
    var orderHash = e.argument("orderHash");
    if (orderHash.isPresent()) {
      return new OfOrder(name, Bytes32.of(orderHash.get()));
    }
    var maker = e.argument("maker").or(() -> e.argument("operator"));
    if (maker.isPresent()) {
      return new OfMaker(name, Address.of(maker.get()));
    }
    return BATCH_ERRORS.contains(name) ? new OfBatch(name) : new OfMarket(name);
  }

  Set<String> BATCH_ERRORS =
      Set.of(
          "ExchangeBatchAlreadySettled",
          "ExchangeEmptyBatch",
          "ExchangeTooManyFills",
          "ExchangeMarketsNotAscending",
          "ExchangeCallerNotBroker",
          "ExchangeMarketOutOfGas");
}
