package org.spectrumledger.operator.fairness;

import java.math.BigInteger;
import java.util.List;
import org.spectrumledger.broker.api.IntakeReceipt;
import org.spectrumledger.broker.api.Nullable;
import org.spectrumledger.ledger.Bytes32;
import org.spectrumledger.ledger.Order;

/**
 * A broker's intake receipt the operator verified and keeps, with the order it names (a challenge
 * needs both), and what the audit found of each auction of the order's market the broker committed
 * after the intake.
 *
 * @param keptAt unix seconds (chain time) when it was first kept
 * @param auctions the auctions looked at, oldest first
 * @param closed whether the audit is done with it: its market's slot is over, every auction of it
 *     judged, and no challenge waits
 */
public record KeptIntake(
    Order order, IntakeReceipt receipt, long keptAt, List<AuctionCheck> auctions, boolean closed) {

  /** What the audit made of one committed auction. */
  public enum Verdict {
    /**
     * The order was filled whole, or took no place it could claim (out of the money, all-or-none).
     */
    NOTHING_TO_CLAIM,
    /** Strictly in the money at the auction's price and not filled: challenged, no answer yet. */
    CHALLENGED,
    /**
     * Strictly in the money and not filled, but not challenged: reported by an audit without
     * challenges, never kept (a later audit challenges it).
     */
    SUSPECT,
    /** The broker showed the order's leaf in the book: it was there. */
    ANSWERED,
    /** Nobody showed the order in the book: upheld, and the court paid. */
    UPHELD,
    /** The window for a challenge closed before one was made. */
    LAPSED
  }

  /**
   * One auction of the order's market: its cut-off and price, the verdict, and the challenge's id
   * and what the court paid, when challenged.
   */
  public record AuctionCheck(
      long cutoff,
      long price,
      Verdict verdict,
      @Nullable String note,
      @Nullable Bytes32 challengeId,
      @Nullable BigInteger compensation) {

    AuctionCheck with(Verdict v, String why, BigInteger paid) {
      return new AuctionCheck(cutoff, price, v, why, challengeId, paid);
    }
  }

  public KeptIntake {
    if (order == null || receipt == null) {
      throw new IllegalArgumentException("a kept intake receipt needs its order and receipt");
    }
    auctions = auctions == null ? List.of() : List.copyOf(auctions);
  }

  public Bytes32 orderHash() {
    return receipt.orderHash();
  }

  /** One receipt per order. */
  public String key() {
    return receipt.orderHash().hex();
  }

  KeptIntake with(List<AuctionCheck> checks, boolean done) {
    return new KeptIntake(order, receipt, keptAt, checks, done);
  }
}
