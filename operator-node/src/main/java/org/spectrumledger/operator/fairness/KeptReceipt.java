package org.spectrumledger.operator.fairness;

import java.math.BigInteger;
import org.spectrumledger.broker.api.FillReceipt;
import org.spectrumledger.broker.api.Nullable;
import org.spectrumledger.ledger.Bytes32;
import org.spectrumledger.ledger.Order;

/**
 * A broker's fill receipt the operator verified and keeps, with the order it names (a claim needs
 * both), and what the audit found.
 *
 * @param keptAt unix seconds (chain time) when it was first kept
 * @param claimTx the claim's transaction, once claimed
 * @param compensation token base units the court paid, once claimed
 * @param owed token base units the court found owed, once claimed (more than {@code compensation}
 *     while the broker's bond could not pay all of it)
 */
public record KeptReceipt(
    Order order,
    FillReceipt receipt,
    long keptAt,
    Status status,
    @Nullable String note,
    @Nullable Bytes32 claimTx,
    @Nullable BigInteger compensation,
    @Nullable BigInteger owed) {

  /** Where a kept receipt stands. */
  public enum Status {
    /** Its deadline has not passed. */
    PENDING,
    /** The chain shows what it promised filled. */
    SETTLED,
    /** Not honoured by its deadline; claimed, and the court paid. */
    CLAIMED,
    /**
     * Not honoured by its deadline and not claimed yet (an audit without claims, or one that
     * failed).
     */
    WITHHELD,
    /** Not honoured, and the window for claims closed before anyone claimed it. */
    LAPSED,
    /** The maker made the order unsettleable by the deadline (it expired or was cancelled). */
    VOIDED
  }

  public KeptReceipt {
    if (order == null || receipt == null || status == null) {
      throw new IllegalArgumentException("a kept receipt needs its order, receipt and status");
    }
  }

  public Bytes32 orderHash() {
    return receipt.orderHash();
  }

  /** The receipt's identity: its order and its clearing (unique for the life of a deployment). */
  public String key() {
    return key(receipt);
  }

  /** The key a kept receipt of {@code r} has. */
  static String key(FillReceipt r) {
    return r.orderHash().hex() + "/" + r.clearingId();
  }

  KeptReceipt with(Status s, String why, Bytes32 tx, BigInteger paid, BigInteger owedNow) {
    return new KeptReceipt(order, receipt, keptAt, s, why, tx, paid, owedNow);
  }

  /** Upheld, but the broker's bond has not paid all of it yet. */
  boolean stillOwed() {
    return status == Status.CLAIMED
        && owed != null
        && (compensation == null || compensation.compareTo(owed) < 0);
  }
}
