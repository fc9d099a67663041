package org.spectrumledger.ledger;

/**
 * What a contract's refusal blames, read from its typed {@link ContractError}: one order, one
 * maker, the market as a whole, or the batch. A broker decides from this which orders to reject and
 * which to put back in the book.
 */
public sealed interface Refusal {

  /** The error itself. */
  ContractError error();

  /** The error names one order (its order hash: the EIP-712 digest its maker signed). */
  record OfOrder(ContractError error, Bytes32 orderHash) implements Refusal {}

  /** The error names a maker (a suspended operator, a short escrow, a seller short of SRU). */
  record OfMaker(ContractError error, Address maker) implements Refusal {}

  /** The market as a whole may not trade now (policy, slot, price); no order is at fault. */
  record OfMarket(ContractError error) implements Refusal {}

  /** The batch itself was wrong; nothing in it is at fault. */
  record OfBatch(ContractError error) implements Refusal {}

  /** The refusal {@code error} carries; an order hash outranks a maker. */
  static Refusal of(ContractError error) {
    if (error instanceof ContractError.BlamesOrder o) {
      return new OfOrder(error, o.orderHash());
    }
    if (error instanceof ContractError.BlamesMaker m) {
      return new OfMaker(error, m.maker());
    }
    return error instanceof ContractError.BlamesBatch ? new OfBatch(error) : new OfMarket(error);
  }
}
