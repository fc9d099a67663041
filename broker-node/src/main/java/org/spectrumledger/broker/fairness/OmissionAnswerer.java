package org.spectrumledger.broker.fairness;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spectrumledger.broker.api.FillReceipt;
import org.spectrumledger.broker.epoch.ClearingLog;
import org.spectrumledger.ledger.Address;
import org.spectrumledger.ledger.AuctionBook;
import org.spectrumledger.ledger.Bytes32;
import org.spectrumledger.ledger.ChainEvent;
import org.spectrumledger.ledger.ContractError;
import org.spectrumledger.ledger.ContractRevertedException;
import org.spectrumledger.ledger.CourtClient;
import org.spectrumledger.ledger.LedgerClient;
import org.spectrumledger.ledger.LedgerEvent;
import org.spectrumledger.ledger.MarketKey;
import org.spectrumledger.ledger.Side;
import org.spectrumledger.ledger.Signature;

/**
 * Answers the omission challenges against this broker: for each {@code OmissionChallenged} naming
 * it, reads the challenged auction's book from the store and sends the order's leaf with its Merkle
 * proof to the court before the answer is due. For an order its auction left unfilled the answer
 * also carries the last filled leaf of the order's side (the court checks the order does not
 * outrank it) and the maker's signed cancel, when the maker cancelled it at the broker; should the
 * court still find the order passed over, the answer cites the fill receipt the broker signed for
 * the whole order in an earlier auction whose settlement was still due at the cut-off (the order
 * had nothing left to fill; if that fill never settles the receipt pays its maker). A challenge it
 * has no leaf for is one it cannot answer (the order really is missing from the book): it is
 * logged, and the court upholds it.
 *
 * <p>Challenges are read from the chain's logs block range by block range; the position read up to
 * is kept by the caller, so a restart goes on where it stopped and an unanswered challenge whose
 * answer failed is tried again on the next pass while it is open.
 */
public final class OmissionAnswerer {

  private static final Logger LOG = LoggerFactory.getLogger(OmissionAnswerer.class);

  /** A challenge as the court announced it. */
  public record Challenged(
      Bytes32 id, Bytes32 orderHash, MarketKey market, long cutoff, long answerBy) {}

  /** What the answerer needs of the chain. */
  public interface Court {
    long head();

    /** The chain's time, unix seconds. */
    long chainTime();

    /** Challenges against {@code broker} announced in blocks [from, to]. */
    List<Challenged> challenged(Address broker, long fromBlock, long toBlock);

    CourtClient.Challenge.State state(Bytes32 id);

    /**
     * The fee the auction of {@code market} cut off at {@code cutoff} settled under (its {@code
     * BookCommitted} event's); empty when the chain shows no such commitment of {@code broker}.
     */
    java.util.OptionalInt feeOf(MarketKey market, long cutoff, Address broker);

    /**
     * Answers {@code c} with the leaf at {@code index} of the auction's book and, for a leaf among
     * the unfilled ones, the last filled leaf of the order's side ({@code marginal}), the maker's
     * signed cancel, if any, and the broker's receipt for a fill of the order still settling at the
     * cut-off, if cited.
     */
    void answer(
        Challenged c,
        CourtClient.CommittedAuction auction,
        int index,
        int marginal,
        Optional<Signature> cancel,
        Optional<CourtClient.SignedFill> matched);

    /** The court of {@code ledger}'s deployment, answering with its key. */
    static Court of(LedgerClient ledger) {
      return new Court() {
        @Override
        public long head() {
          return ledger.blockNumber();
        }

        @Override
        public long chainTime() {
          return ledger.chainTime();
        }

        @Override
        public List<Challenged> challenged(Address broker, long fromBlock, long toBlock) {
          List<Challenged> out = new ArrayList<>();
          for (LedgerEvent e :
              ledger.eventsWhere(
                  "OmissionChallenged",
                  fromBlock,
                  toBlock,
                  null,
                  LedgerClient.topic(broker),
                  null)) {
            ChainEvent.OmissionChallenged c = ChainEvent.of(e, ChainEvent.OmissionChallenged.class);
            out.add(
                new Challenged(
                    c.challengeId(), c.orderHash(), c.market(), c.cutoff(), c.answerBy()));
          }
          return out;
        }

        @Override
        public CourtClient.Challenge.State state(Bytes32 id) {
          return ledger.court().challengeOf(id).state();
        }

        @Override
        public java.util.OptionalInt feeOf(MarketKey market, long cutoff, Address broker) {
          for (LedgerEvent e :
              ledger.eventsWhere(
                  "BookCommitted",
                  LedgerClient.topic(market.id()),
                  LedgerClient.topic(java.math.BigInteger.valueOf(cutoff)),
                  LedgerClient.topic(broker))) {
            return java.util.OptionalInt.of(
                ChainEvent.of(e, ChainEvent.BookCommitted.class).feeBps());
          }
          return java.util.OptionalInt.empty();
        }

        @Override
        public void answer(
            Challenged c,
            CourtClient.CommittedAuction auction,
            int index,
            int marginal,
            Optional<Signature> cancel,
            Optional<CourtClient.SignedFill> matched) {
          ledger.court().answerOmission(c.id(), auction, index, marginal, cancel, matched);
        }
      };
    }
  }

  private final Court court;
  private final ClearingLog log;
  private final Address broker;
  private final List<Challenged> waiting = new ArrayList<>();
  private long nextBlock;
  private int answered;

  /**
   * @param fromBlock the first block to read challenges from (the position a previous run reached)
   */
  public OmissionAnswerer(Court court, ClearingLog log, Address broker, long fromBlock) {
    this.court = court;
    this.log = log;
    this.broker = broker;
    this.nextBlock = fromBlock;
  }

  /**
   * Reads the challenges announced since the last pass and answers every open one it can; returns
   * the block to read from next time.
   */
  public synchronized long poll() {
    long head = court.head();
    if (head >= nextBlock) {
      waiting.addAll(court.challenged(broker, nextBlock, head));
      nextBlock = head + 1;
    }
    waiting.removeIf(this::settled);
    return nextBlock;
  }

  /** Answers made since the answerer started. */
  public synchronized int answered() {
    return answered;
  }

  /**
   * The last filled leaf of the side of {@code orderHash}, which the court compares an unfilled
   * order with (the bids' when the order is not in the log: its answer then rests on the leaf).
   */
  private int marginalFor(Bytes32 orderHash, AuctionBook book) {
    boolean ask = log.order(orderHash).map(r -> r.order().order().side() == Side.ASK).orElse(false);
    return book.marginal(!ask);
  }

  /**
   * The receipt this broker signed for the whole of the challenged order in an earlier auction,
   * still due at the challenged auction's cut-off (the earliest such): what the court accepts as
   * the reason the order had nothing left to fill. The order's quantity is the log's, or the leaf's
   * {@code open} for an order the log no longer holds (the court checks it either way).
   */
  private Optional<CourtClient.SignedFill> stillSettling(Challenged c, long open) {
    long quantity = log.order(c.orderHash()).map(r -> r.order().order().quantity()).orElse(open);
    return log.receiptsOf(c.orderHash()).stream()
        .filter(r -> r.promisesAllBy(quantity, c.cutoff()))
        .min(java.util.Comparator.comparingLong(FillReceipt::settleBy))
        .map(r -> new CourtClient.SignedFill(r.message(), r.signatureValue()));
  }

  /** Whether {@code c} needs nothing more: answered now, or past any answer. */
  private boolean settled(Challenged c) {
    CourtClient.Challenge.State state = court.state(c.id());
    if (state != CourtClient.Challenge.State.OPEN) {
      return true;
    }
    Optional<ClearingLog.Auction> auction = log.book(c.market(), c.cutoff());
    Optional<Integer> index = auction.flatMap(a -> a.book().indexOf(c.orderHash()));
    if (index.isEmpty()) {
      LOG.error(
          "omission challenge {} of order {} in the auction of {} cut off at {}: the book holds no"
              + " leaf for it, so it cannot be answered and the court will uphold it",
          c.id(),
          c.orderHash(),
          c.market(),
          c.cutoff());
      return true;
    }
    try {
      java.util.OptionalInt fee = court.feeOf(c.market(), c.cutoff(), broker);
      if (fee.isEmpty()) {
        LOG.warn("no commitment of the auction of challenge {} seen yet, trying again", c.id());
        return false;
      }
      AuctionBook book = auction.get().book();
      int i = index.get();
      var committed =
          new CourtClient.CommittedAuction(
              c.market(), c.cutoff(), broker, auction.get().price(), fee.getAsInt(), book);
      boolean filled = book.isFilled(i);
      int marginal = filled ? i : marginalFor(c.orderHash(), book);
      Optional<Signature> cancel = filled ? Optional.empty() : log.keptCancel(c.orderHash());
      try {
        court.answer(c, committed, i, marginal, cancel, Optional.empty());
      } catch (ContractRevertedException e) {
        Optional<CourtClient.SignedFill> matched =
            e.error() instanceof ContractError.CourtOrderPassedOver
                ? stillSettling(c, book.leaves().get(i).open())
                : Optional.empty();
        if (matched.isEmpty()) {
          throw e;
        }
        court.answer(c, committed, i, marginal, cancel, matched);
        LOG.info(
            "answered omission challenge {} citing the receipt of clearing {}: order {} was matched"
                + " whole before the cut-off and still settling",
            c.id(),
            matched.get().receipt().clearingId(),
            c.orderHash());
      }
      answered++;
      LOG.info("answered omission challenge {} with the leaf of order {}", c.id(), c.orderHash());
      return true;
    } catch (ContractRevertedException e) {
      if (e.error() instanceof ContractError.CourtFillNotSettled
          && court.chainTime() <= c.answerBy()) {
        // a later part of the auction, with the order's fill, is still on its way to the chain
        LOG.debug("challenge {}: the order's fill is not on chain yet, answering later", c.id());
        return false;
      }
      LOG.error("the court refused the answer to challenge {}: {}", c.id(), e.getMessage());
      return true;
    } catch (RuntimeException e) {
      LOG.warn("answering challenge {} failed, trying again: {}", c.id(), e.getMessage());
      return false;
    }
  }
}
