package org.spectrumledger.operator.fairness;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.spectrumledger.broker.api.AuctionBookView;
import org.spectrumledger.ledger.Address;
import org.spectrumledger.ledger.AuctionBook;
import org.spectrumledger.ledger.Bytes32;
import org.spectrumledger.ledger.ChainEvent;
import org.spectrumledger.ledger.ContractError;
import org.spectrumledger.ledger.ContractRevertedException;
import org.spectrumledger.ledger.CourtClient;
import org.spectrumledger.ledger.CourtClient.CommittedAuction;
import org.spectrumledger.ledger.LedgerClient;
import org.spectrumledger.ledger.MarketKey;
import org.spectrumledger.ledger.OffChainMessages;
import org.spectrumledger.ledger.Order;
import org.spectrumledger.ledger.Side;

/**
 * The operator's side of the published clearing rule: for every auction the broker committed in a
 * market the operator placed orders in, fetches the book the broker publishes, checks it is the one
 * committed on chain, and checks it against the rule ({@link AuctionBook}): the price is the
 * midpoint of the marginal pair, each side is listed in rank order, the layout holds, and the
 * operator's own filled orders are listed as they were signed. A flaw is proven to the broker court
 * (anyone may), and once an auction is convicted — by this operator or another — the operator
 * claims what the published formula owes each of its orders the auction filled.
 *
 * <p>A book the broker does not publish, or publishes unlike its commitment, cannot be checked: it
 * is reported, and the audit tries again at its next pass.
 */
public final class BookAuditor {

  /** Where the broker's published books come from (the broker's HTTP API). */
  public interface Books {
    /** The published book, or empty when the broker has none for it. */
    Optional<AuctionBookView> book(MarketKey market, long cutoff);

    /** The books {@code broker} serves: a 404 is no book; a broker away is {@link Unreachable}. */
    static Books of(org.spectrumledger.broker.api.BrokerClient broker) {
      return (market, cutoff) -> {
        try {
          return Optional.of(broker.auctionBook(market, cutoff));
        } catch (org.spectrumledger.broker.api.BrokerClient.BrokerRefusal e) {
          if (e.status() == 404) {
            return Optional.empty();
          }
          throw e;
        } catch (org.spectrumledger.broker.api.BrokerClient.BrokerUnavailable e) {
          throw new Unreachable(e.getMessage(), e);
        }
      };
    }
  }

  /** The books cannot be read now: the audit stops its pass and tries again at the next. */
  public static final class Unreachable extends RuntimeException {
    public Unreachable(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** What the audit found, over its life. */
  public record Findings(
      int auctionsChecked,
      int unavailable,
      int convictedNow,
      int convicted,
      int claimsPaid,
      BigInteger compensation,
      List<String> problems) {}

  private final LedgerClient ledger;
  private final ReceiptBook book;
  private final Books books;
  private final OffChainMessages messages;

  /** The commitments of the markets followed, read block range by block range. */
  private final CommitmentLog log;

  /** Each kept intake receipt's signer, recovered once. */
  private final Map<Bytes32, Optional<Address>> signers = new HashMap<>();

  /** Auctions judged for good (market/cutoff/broker): honest, or convicted with claims paid. */
  private final Set<String> done = new HashSet<>();

  private int checked;
  private int convicted;
  private int claimsPaid;
  private BigInteger compensation = BigInteger.ZERO;

  public BookAuditor(LedgerClient ledger, ReceiptBook book, Books books) {
    this.ledger = ledger;
    this.book = book;
    this.books = books;
    this.messages = new OffChainMessages(ledger.config().deployment().domain());
    this.log = new CommitmentLog(ledger);
  }

  /**
   * Checks every committed auction of the kept orders' markets not judged yet, at least {@link
   * IntakeAuditor#GRACE_SECONDS} after its commitment; proves flaws and claims when {@code act}.
   */
  public Findings audit(boolean act) {
    long now = ledger.chainTime();
    List<String> problems = new ArrayList<>();
    int unavailable = 0;
    int convictedNow = 0;
    Map<String, List<Order>> mine = new HashMap<>();
    Map<String, Address> brokerOf = new HashMap<>();
    for (KeptIntake k : book.intakes()) {
      Optional<Address> broker = signers.computeIfAbsent(k.receipt().orderHash(), h -> signer(k));
      if (broker.isEmpty()) {
        continue;
      }
      String key = CommitmentLog.key(k.order().market(), broker.get());
      mine.computeIfAbsent(key, x -> new ArrayList<>()).add(k.order());
      brokerOf.put(key, broker.get());
    }
    CourtClient court = ledger.court();
    long window = 0;
    Map<String, List<ChainEvent.BookCommitted>> commitments = log.read(brokerOf);
    markets:
    for (var e : mine.entrySet()) {
      Address broker = brokerOf.get(e.getKey());
      MarketKey market = e.getValue().getFirst().market();
      if (log.isFinished(e.getKey())) {
        continue;
      }
      // no auction of a market settles once its slot is over: when every one committed is judged,
      // the market is not read again
      boolean allJudged = true;
      for (ChainEvent.BookCommitted committed : commitments.getOrDefault(e.getKey(), List.of())) {
        long cutoff = committed.cutoff();
        String auctionKey = market + "/" + cutoff + "/" + broker;
        if (done.contains(auctionKey)) {
          continue;
        }
        allJudged = false;
        try {
          long committedAt = IntakeAuditor.committedAt(ledger, market, cutoff, broker);
          if (now < committedAt + IntakeAuditor.GRACE_SECONDS) {
            continue;
          }
          if (window == 0) {
            window = court.terms().challengeWindow();
          }
          Optional<CommittedAuction> auction = published(committed, market, cutoff, broker);
          if (auction.isEmpty()) {
            if (now > committedAt + window) {
              // nothing could be proven of it any more: not read again
              done.add(auctionKey);
            }
            unavailable++;
            problems.add(
                "the broker publishes no book matching its commitment for the auction of "
                    + market
                    + " cut off at "
                    + cutoff
                    + ": its price cannot be checked");
            continue;
          }
          CourtClient.Verdict verdict = court.verdictOf(market, cutoff, broker);
          if (verdict.flaw() == CourtClient.Verdict.Flaw.NONE) {
            boolean open = now <= committedAt + window;
            Optional<String> flaw = flaw(auction.get(), e.getValue());
            if (flaw.isEmpty() || !open) {
              if (flaw.isPresent()) {
                problems.add(flaw.get() + ", found after the challenge window closed");
              }
              judged(auctionKey);
              continue;
            }
            if (!act) {
              problems.add(flaw.get() + " (a dry run proves nothing)");
              checked++;
              continue;
            }
            prove(auction.get(), e.getValue());
            convictedNow++;
            convicted++;
            verdict = court.verdictOf(market, cutoff, broker);
          }
          if (act && claimAll(auction.get(), e.getValue(), problems)) {
            judged(auctionKey);
          }
        } catch (Unreachable ex) {
          // one line for the pass, not one per auction: the next pass tries again
          problems.add("the broker's books cannot be read now: " + ex.getMessage());
          break markets;
        } catch (ContractRevertedException ex) {
          problems.add(
              "the court refused a proof about the auction of "
                  + market
                  + " cut off at "
                  + cutoff
                  + ": "
                  + ex.errorName()
                  + " "
                  + ex.getMessage());
        } catch (RuntimeException ex) {
          problems.add(
              "the auction of " + market + " cut off at " + cutoff + " not audited: " + ex);
        }
      }
      if (allJudged && now > market.slotEnd() + IntakeAuditor.GRACE_SECONDS) {
        log.finish(e.getKey());
      }
    }
    return new Findings(
        checked, unavailable, convictedNow, convicted, claimsPaid, compensation, problems);
  }

  private void judged(String auctionKey) {
    if (done.add(auctionKey)) {
      checked++;
    }
  }

  private Optional<Address> signer(KeptIntake k) {
    try {
      return messages.intakeSigner(k.receipt().message(), k.receipt().signatureValue());
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** Books read and found to be the committed ones, the latest {@link #CACHED} of them. */
  private final Map<String, CommittedAuction> verified =
      new java.util.LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, CommittedAuction> eldest) {
          return size() > CACHED;
        }
      };

  private static final int CACHED = 1_024;

  /** The published book of a committed auction, when it is the one committed. */
  synchronized Optional<CommittedAuction> published(
      ChainEvent.BookCommitted committed, MarketKey market, long cutoff, Address broker) {
    String key = market + "/" + cutoff + "/" + broker;
    CommittedAuction known = verified.get(key);
    if (known != null) {
      return Optional.of(known);
    }
    Optional<CommittedAuction> read = read(committed, market, cutoff, broker);
    read.ifPresent(a -> verified.put(key, a));
    return read;
  }

  private Optional<CommittedAuction> read(
      ChainEvent.BookCommitted committed, MarketKey market, long cutoff, Address broker) {
    Optional<AuctionBookView> view = books.book(market, cutoff);
    if (view.isEmpty()) {
      return Optional.empty();
    }
    AuctionBook b;
    try {
      b = view.get().book();
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    long price = committed.price();
    int fee = committed.feeBps();
    if (!b.root().equals(committed.bookRoot()) || view.get().price() != price) {
      return Optional.empty();
    }
    return Optional.of(new CommittedAuction(market, cutoff, broker, price, fee, b));
  }

  /** The first flaw of the auction's book the court can be shown, described; empty if none. */
  private Optional<String> flaw(CommittedAuction a, List<Order> mine) {
    List<AuctionBook.Flaw> flaws = a.book().flaws(a.price());
    if (!flaws.isEmpty()) {
      AuctionBook.Flaw f = flaws.getLast();
      return Optional.of(
          switch (f.kind()) {
            case MISPRICED ->
                "the auction of "
                    + a.market()
                    + " cut off at "
                    + a.cutoff()
                    + " cleared at "
                    + a.price()
                    + ", the rule gives "
                    + f.fairPrice();
            case DISORDERED ->
                "the book of " + a.market() + " lists leaf " + f.next() + " out of rank order";
            case MISPLACED ->
                "the book of " + a.market() + " lists leaf " + f.index() + " out of its place";
          });
    }
    return misstated(a, mine)
        .map(i -> "the book of " + a.market() + " misstates this operator's order at leaf " + i);
  }

  /** The index of a filled leaf of one of {@code mine} that misstates it, if any. */
  private Optional<Integer> misstated(CommittedAuction a, List<Order> mine) {
    AuctionBook b = a.book();
    for (Order o : mine) {
      Optional<Integer> at = b.indexOf(orderHash(o));
      if (at.isEmpty() || !b.isFilled(at.get())) {
        continue;
      }
      AuctionBook.Leaf l = b.leaves().get(at.get());
      long limit =
          o.side() == Side.BID
              ? AuctionBook.bidLimit(o.limitPrice(), a.feeBps(), b.tick())
              : o.limitPrice();
      boolean listedAsBid = b.isFilledBid(at.get());
      if (listedAsBid != (o.side() == Side.BID) || l.limit() != limit || l.open() > o.quantity()) {
        return at;
      }
    }
    return Optional.empty();
  }

  /** Proves the auction's first flaw to the court. */
  private void prove(CommittedAuction a, List<Order> mine) {
    CourtClient court = ledger.court();
    List<AuctionBook.Flaw> flaws = a.book().flaws(a.price());
    if (flaws.isEmpty()) {
      int at = misstated(a, mine).orElseThrow();
      Order o =
          mine.stream()
              .filter(x -> a.book().indexOf(orderHash(x)).orElse(-1) == at)
              .findFirst()
              .orElseThrow();
      court.convictMisstated(a, at, o);
      return;
    }
    AuctionBook.Flaw f = flaws.getLast();
    switch (f.kind()) {
      case MISPRICED -> court.convictPrice(a);
      case DISORDERED -> court.convictDisorder(a, f.index());
      case MISPLACED -> court.convictMisplaced(a, f.index());
    }
  }

  /**
   * Claims what a convicted auction owes each of {@code mine} it filled; true when nothing is left
   * to claim.
   */
  private boolean claimAll(CommittedAuction a, List<Order> mine, List<String> problems) {
    CourtClient court = ledger.court();
    boolean all = true;
    for (Order o : mine) {
      Bytes32 hash = orderHash(o);
      Optional<Integer> at = a.book().indexOf(hash);
      if (at.isEmpty() || !a.book().isFilled(at.get())) {
        continue;
      }
      var claim =
          court.claimOf(CourtClient.auctionClaimId(a.market(), a.cutoff(), a.broker(), hash));
      if (claim.owed().signum() > 0 && claim.settled()) {
        continue;
      }
      try {
        BigInteger before = claim.paid();
        court.claimAuction(a, at.get(), o);
        var after =
            court.claimOf(CourtClient.auctionClaimId(a.market(), a.cutoff(), a.broker(), hash));
        claimsPaid++;
        compensation = compensation.add(after.paid().subtract(before));
        all &= after.settled();
      } catch (ContractRevertedException e) {
        // the verdict owes this order nothing (its side was not wronged), or the bond is empty
        if (!(e.error() instanceof ContractError.CourtNothingOwed)) {
          all = false;
          problems.add("claim for order " + hash + " refused: " + e.errorName());
        }
      }
    }
    return all;
  }

  private Bytes32 orderHash(Order o) {
    return Bytes32.wrap(ledger.exchange().orderSigner().hasher().digest(o));
  }

  /** What the audits so far found, without asking the chain. */
  public Findings findings() {
    return new Findings(checked, 0, 0, convicted, claimsPaid, compensation, List.of());
  }
}
