package org.spectrumledger.ledger;

import java.util.List;
import java.util.Optional;

/**
 * A readable view of one transaction: what it called with which arguments, what it emitted, and how
 * it ended.
 *
 * @param txHash the transaction
 * @param blockNumber its block (-1 while pending)
 * @param timestamp the block's unix time (0 while pending)
 * @param from the sender
 * @param to the contract called (null for a creation)
 * @param contract the contract's name, when it is one of the project's
 * @param function the function called, or "" when unknown
 * @param arguments the decoded arguments (settlement has {@link #settlement()} instead)
 * @param settlement the decoded batch, for a {@code settleBatch} call
 * @param events the project's events it emitted
 * @param success whether it succeeded
 * @param gasUsed gas used
 * @param revert the decoded revert of a failed transaction, when known
 */
public record TransactionView(
    Bytes32 txHash,
    long blockNumber,
    long timestamp,
    Address from,
    Address to,
    String contract,
    String function,
    List<DecodedValue> arguments,
    Optional<Settlement> settlement,
    List<LedgerEvent> events,
    boolean success,
    long gasUsed,
    Optional<String> revert) {

  /** A decoded {@code settleBatch} call. */
  public record Settlement(long batchId, List<ClearingView> clearings) {
    public int fills() {
      return clearings.stream().mapToInt(c -> c.fills().size()).sum();
    }
  }

  /** One market of a batch: its key, the uniform price and the fills. */
  public record ClearingView(MarketKey market, long price, List<FillView> fills) {}

  /**
   * One fill of a batch.
   *
   * @param maker the order's maker
   * @param side bid or ask
   * @param orderQuantity the order's size, milli-SRU
   * @param limitPrice the order's limit, token base units per SRU
   * @param nonce the order's nonce
   * @param validUntil the order's expiry
   * @param partialFill whether it allows partial fills
   * @param fillQuantity milli-SRU filled
   * @param orderHash the order's hash: the EIP-712 digest its maker signed
   */
  public record FillView(
      Address maker,
      Side side,
      long orderQuantity,
      long limitPrice,
      long nonce,
      long validUntil,
      boolean partialFill,
      long fillQuantity,
      Bytes32 orderHash) {}
}
