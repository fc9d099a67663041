package org.spectrumledger.operator.fairness;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.spectrumledger.broker.api.FillReceipt;
import org.spectrumledger.broker.api.IntakeReceipt;
import org.spectrumledger.broker.api.OrderAccepted;
import org.spectrumledger.ledger.Address;
import org.spectrumledger.ledger.AuctionBook;
import org.spectrumledger.ledger.Bytes32;
import org.spectrumledger.ledger.ChainEvent;
import org.spectrumledger.ledger.ContractRevertedException;
import org.spectrumledger.ledger.CourtClient;
import org.spectrumledger.ledger.Eip712Domain;
import org.spectrumledger.ledger.Fees;
import org.spectrumledger.ledger.LedgerClient;
import org.spectrumledger.ledger.LedgerEvent;
import org.spectrumledger.ledger.MarketKey;
import org.spectrumledger.ledger.OffChainMessages;
import org.spectrumledger.ledger.Order;
import org.spectrumledger.ledger.OrderSigner;
import org.spectrumledger.ledger.Role;
import org.spectrumledger.ledger.Side;
import org.spectrumledger.operator.fairness.KeptIntake.AuctionCheck;
import org.spectrumledger.operator.fairness.KeptIntake.Verdict;

/**
 * The operator's side of T5: checks the intake receipt the broker gives for each accepted order,
 * keeps the good ones, and audits every auction of the order's market the broker commits after the
 * intake. An order its receipt put into an auction, strictly in the money at the auction's price (a
 * bid whose all-in limit covers more than the price plus the fee, an ask below the price), able to
 * fill in part, and with nothing of it filled once the auction has settled, was most likely left
 * out: it is challenged in the broker court, which pays the maker from the broker's bond unless the
 * broker shows the order's leaf in the book it committed. (An order strictly in the money may be
 * rationed honestly when its side is the long one, so a partial fill is not challenged; one with
 * nothing at all is, though a tie at the margin can leave it so honestly: the broker then answers,
 * and the deposit is the operator's cost.)
 *
 * <p>All-or-none orders are not challenged (the published rule lets one sit an auction out); the
 * audit waits {@link #GRACE_SECONDS} after a commitment before judging it, so that the auction's
 * other parts have landed.
 */
public final class IntakeAuditor {

  /** Seconds of chain time after an auction's commitment before the audit judges it. */
  public static final long GRACE_SECONDS = 30;

  /** What the audit found, over every intake receipt kept. */
  public record Findings(
      int receipts,
      int auctionsAudited,
      int challengedNow,
      int challenges,
      int answered,
      int upheld,
      int suspect,
      BigInteger compensation,
      List<String> problems) {}

  private final LedgerClient ledger;
  private final ReceiptBook book;
  private final OffChainMessages messages;
  private final Set<Address> brokers = new HashSet<>();
  private final Map<Bytes32, Optional<Address>> signers = new HashMap<>();
  private final CommitmentLog log;

  private BookAuditor books;

  public IntakeAuditor(LedgerClient ledger, ReceiptBook book) {
    this.ledger = ledger;
    this.book = book;
    this.messages = new OffChainMessages(ledger.config().deployment().domain());
    this.log = new CommitmentLog(ledger);
  }

  /**
   * Reads the books the broker publishes through {@code books}: an order left unfilled is then
   * challenged only when it ranks above the auction's marginal order on its side, where the
   * published rule says it fills (without a book, any unfilled order strictly in the money is).
   */
  public IntakeAuditor readingBooks(BookAuditor books) {
    this.books = books;
    return this;
  }

  /**
   * Checks the intake receipt of an accepted {@code order} and keeps it. A missing receipt, or one
   * the court would not hold {@code broker} to, is reported and not kept.
   *
   * @return problems found, one line each
   */
  public List<String> take(Order order, OrderAccepted answer, Address broker) {
    Bytes32 orderHash = Bytes32.wrap(ledger.exchange().orderSigner().hasher().digest(order));
    IntakeReceipt r = answer.intakeReceipt();
    if (r == null) {
      return noReceipt(orderHash);
    }
    // the broker dates intakes by the chain's clock, or the wall clock when it is ahead
    long chainTime = ledger.chainTime();
    long now = Math.max(System.currentTimeMillis(), chainTime * 1000);
    String refusal = refusal(messages, order, orderHash, r, broker, now);
    if (refusal == null) {
      refusal = roleRefusal(broker);
    }
    if (refusal != null) {
      return List.of("intake receipt of order " + orderHash + " refused: " + refusal);
    }
    book.keepIntake(new KeptIntake(order, r, chainTime, List.of(), false));
    return List.of();
  }

  /**
   * Checks and keeps the intake receipt of an accepted {@code order} without a node, for when the
   * node cannot be reached as the order is placed: what the receipt says against the order and its
   * signature are checked here, against the wall clock; whether {@code broker} holds the broker
   * role, which needs the chain, is checked by every audit before it judges the order's auctions.
   *
   * @return problems found, one line each; empty when the receipt was kept
   */
  public static List<String> takeWithoutNode(
      Eip712Domain domain, ReceiptBook book, Order order, OrderAccepted answer, Address broker) {
    Bytes32 orderHash = Bytes32.wrap(new OrderSigner(domain).hasher().digest(order));
    IntakeReceipt r = answer.intakeReceipt();
    if (r == null) {
      return noReceipt(orderHash);
    }
    long now = System.currentTimeMillis();
    String refusal = refusal(new OffChainMessages(domain), order, orderHash, r, broker, now);
    if (refusal != null) {
      return List.of("intake receipt of order " + orderHash + " refused: " + refusal);
    }
    book.keepIntake(new KeptIntake(order, r, now / 1000, List.of(), false));
    return List.of();
  }

  private static List<String> noReceipt(Bytes32 orderHash) {
    return List.of(
        "order "
            + orderHash
            + " was accepted without the broker's intake receipt: nothing holds the broker to"
            + " putting it in its auctions");
  }

  /**
   * How far ahead of this node's clock an intake time may be, in milliseconds: a receipt dated
   * later would keep the order out of every auction cut off before that date.
   */
  static final long CLOCK_SKEW_MILLIS = 60_000;

  /** What is wrong with receipt {@code r} of {@code order} from {@code broker}, seen offline. */
  private static String refusal(
      OffChainMessages messages,
      Order order,
      Bytes32 orderHash,
      IntakeReceipt r,
      Address broker,
      long now) {
    if (!r.orderHash().equals(orderHash)) {
      return "it names order " + r.orderHash();
    }
    if (r.acceptedAt() > now + CLOCK_SKEW_MILLIS) {
      return "it dates the intake at "
          + java.time.Instant.ofEpochMilli(r.acceptedAt())
          + ", after now ("
          + java.time.Instant.ofEpochMilli(now)
          + "): it would keep the order out of every auction cut off before then";
    }
    if (!r.market().equals(order.market())) {
      return "it names market " + r.market() + ", the order is for " + order.market();
    }
    Optional<Address> signer;
    try {
      signer = messages.intakeSigner(r.message(), r.signatureValue());
    } catch (IllegalArgumentException e) {
      return "its signature is malformed: " + e.getMessage();
    }
    if (signer.isEmpty() || !signer.get().equals(broker)) {
      return "it is signed by "
          + signer.map(Address::toString).orElse("nobody")
          + ", not "
          + broker;
    }
    return null;
  }

  /** Why the court would not hold {@code broker} to its receipts, or null when it would. */
  private String roleRefusal(Address broker) {
    if (!brokers.contains(broker)) {
      if (!ledger.policy().hasRole(Role.BROKER, broker)) {
        return broker + " holds no broker role: the court would not hold it to the receipt";
      }
      brokers.add(broker);
    }
    return null;
  }

  /**
   * Audits every committed auction of the kept orders' markets not judged yet, challenging the
   * suspect ones when {@code challenge}; follows every challenge made to its answer or conviction.
   */
  public Findings audit(boolean challenge) {
    long now = ledger.chainTime();
    int challengedNow = 0;
    int suspectNow = 0;
    List<String> problems = new ArrayList<>();
    pass = new Pass();
    Map<String, Address> brokerOf = new HashMap<>();
    for (KeptIntake k : book.intakes()) {
      if (!k.closed()) {
        signerOf(k).ifPresent(b -> brokerOf.put(CommitmentLog.key(k.receipt().market(), b), b));
      }
    }
    Map<String, List<ChainEvent.BookCommitted>> commitments = log.read(brokerOf);
    for (KeptIntake k : book.intakes()) {
      if (k.closed()) {
        continue;
      }
      IntakeReceipt r = k.receipt();
      Address broker;
      try {
        broker = signerOf(k).orElseThrow();
        // a receipt kept while the node was away was not checked for this yet
        String notABroker = roleRefusal(broker);
        if (notABroker != null) {
          problems.add("intake receipt of order " + r.orderHash() + " not audited: " + notABroker);
          continue;
        }
        List<ChainEvent.BookCommitted> committed =
            commitments.getOrDefault(CommitmentLog.key(r.market(), broker), List.of());
        List<AuctionCheck> checks = new ArrayList<>(k.auctions());
        boolean changed = false;
        for (ChainEvent.BookCommitted e : committed) {
          long cutoff = e.cutoff();
          if (cutoff < r.acceptedAt() || checks.stream().anyMatch(c -> c.cutoff() == cutoff)) {
            continue;
          }
          java.util.function.Supplier<Optional<CourtClient.CommittedAuction>> published =
              () ->
                  books == null ? Optional.empty() : books.published(e, r.market(), cutoff, broker);
          Optional<AuctionCheck> check =
              judge(k, broker, cutoff, e.price(), published, now, challenge);
          if (check.isEmpty()) {
            continue;
          }
          if (check.get().verdict() == Verdict.SUSPECT) {
            // an audit that challenges nothing reports the suspect auction and keeps no verdict
            // on it, so that a later audit still challenges it
            suspectNow++;
            continue;
          }
          checks.add(check.get());
          changed = true;
          if (check.get().verdict() == Verdict.CHALLENGED) {
            challengedNow++;
          }
        }
        for (int i = 0; i < checks.size(); i++) {
          AuctionCheck c = checks.get(i);
          if (c.verdict() == Verdict.CHALLENGED) {
            AuctionCheck next = follow(k, c, now);
            if (next != c) {
              checks.set(i, next);
              changed = true;
            }
          }
        }
        // no auction settles once the slot is over, and the last ones are judged after the grace
        boolean done =
            challenge
                && now > k.order().market().slotEnd() + GRACE_SECONDS
                && checks.stream().noneMatch(c -> c.verdict() == Verdict.CHALLENGED);
        if (changed || done) {
          book.updateIntake(k.with(checks, done));
        }
      } catch (ContractRevertedException e) {
        problems.add(
            "challenge for order "
                + r.orderHash()
                + " refused: "
                + e.errorName()
                + " "
                + e.getMessage());
      } catch (RuntimeException e) {
        problems.add(
            "intake receipt of order " + r.orderHash() + " not audited: " + e.getMessage());
      }
    }
    Findings f = findings(challengedNow, problems);
    return new Findings(
        f.receipts(),
        f.auctionsAudited() + suspectNow,
        f.challengedNow(),
        f.challenges(),
        f.answered(),
        f.upheld(),
        f.suspect() + suspectNow,
        f.compensation(),
        f.problems());
  }

  /** The broker that signed {@code k}'s intake receipt, recovered once. */
  private Optional<Address> signerOf(KeptIntake k) {
    IntakeReceipt r = k.receipt();
    return signers.computeIfAbsent(
        r.orderHash(),
        h -> {
          try {
            return messages.intakeSigner(r.message(), r.signatureValue());
          } catch (IllegalArgumentException e) {
            return Optional.empty();
          }
        });
  }

  /** The audit's verdict on one committed auction, or empty while it is too fresh to judge. */
  private Optional<AuctionCheck> judge(
      KeptIntake k,
      Address broker,
      long cutoff,
      long price,
      java.util.function.Supplier<Optional<CourtClient.CommittedAuction>> publishedBook,
      long now,
      boolean challenge) {
    Order o = k.order();
    MarketKey market = o.market();
    long committedAt = committedAt(ledger, market, cutoff, broker);
    if (committedAt == Long.MAX_VALUE || now < committedAt + GRACE_SECONDS) {
      return Optional.empty();
    }
    java.util.function.Function<String, Optional<AuctionCheck>> challengeFor =
        why ->
            Optional.of(
                challengeOrNote(k, broker, cutoff, price, committedAt, now, challenge, why));
    var progress = ledger.exchange().filledOf(o.maker(), o.nonce());
    if (!progress.complete()) {
      // a book that lists the order filled binds the broker to that fill, whatever the order's rank
      long promised = publishedBook.get().map(a -> promisedBy(a, k)).orElse(-1L);
      if (progress.filled() < promised) {
        return challengeFor.apply(
            "the committed book fills it up to "
                + promised
                + " milli-SRU, the chain shows "
                + progress.filled());
      }
    }
    if (progress.complete() || progress.filled() > 0) {
      return Optional.of(
          check(
              cutoff,
              price,
              Verdict.NOTHING_TO_CLAIM,
              progress.complete() ? "filled whole" : "filled in part",
              null));
    }
    if (!o.partialFill()) {
      return Optional.of(
          check(cutoff, price, Verdict.NOTHING_TO_CLAIM, "all-or-none: it may sit out", null));
    }
    if (o.validUntil() * 1000 < cutoff) {
      return Optional.of(
          check(cutoff, price, Verdict.NOTHING_TO_CLAIM, "expired by the cut-off", null));
    }
    int feeBps = pass.feeBps();
    boolean inTheMoney =
        o.side() == Side.BID
            ? Fees.highestPrice(o.limitPrice(), feeBps) > price
            : o.limitPrice() < price;
    if (!inTheMoney) {
      return Optional.of(
          check(cutoff, price, Verdict.NOTHING_TO_CLAIM, "not strictly in the money", null));
    }
    Optional<CourtClient.CommittedAuction> published = publishedBook.get();
    if (published.isPresent() && !outranksTheMarginalOrder(k, published.get())) {
      return Optional.of(
          check(
              cutoff,
              price,
              Verdict.NOTHING_TO_CLAIM,
              "ranked below the marginal order of its side in the published book",
              null));
    }
    if (matchedWholeAndDue(k, cutoff)) {
      return Optional.of(
          check(
              cutoff,
              price,
              Verdict.NOTHING_TO_CLAIM,
              "matched whole in an earlier auction, its fill still due at the cut-off (the broker"
                  + " would cite its receipt; the receipt's claim is the remedy if it never settles)",
              null));
    }
    // one read of the court, only for an order the audit would otherwise challenge
    long refused = ledger.court().refusedAt(k.orderHash());
    if (refused != 0 && refused * 1000 <= cutoff) {
      return Optional.of(
          check(
              cutoff,
              price,
              Verdict.NOTHING_TO_CLAIM,
              "not funded at its limit (a refusal noted at the court by the cut-off)",
              null));
    }
    return challengeFor.apply("strictly in the money at " + price + " and nothing of it filled");
  }

  /**
   * Challenges the auction for {@code k}'s order ({@code why}), or notes it as suspect (a dry run)
   * or lapsed (its window closed).
   */
  private AuctionCheck challengeOrNote(
      KeptIntake k,
      Address broker,
      long cutoff,
      long price,
      long committedAt,
      long now,
      boolean challenge,
      String why) {
    long closesAt = committedAt + pass.terms().challengeWindow();
    if (now > closesAt) {
      return check(cutoff, price, Verdict.LAPSED, why, null);
    }
    if (!challenge) {
      return check(cutoff, price, Verdict.SUSPECT, why, null);
    }
    IntakeReceipt r = k.receipt();
    ledger.court().challengeOmission(k.order(), r.message(), r.signatureValue(), cutoff);
    return check(
        cutoff,
        price,
        Verdict.CHALLENGED,
        why,
        CourtClient.challengeId(r.orderHash(), cutoff, broker));
  }

  /**
   * What the chain must show filled of {@code k}'s order once {@code a} settled, when its book
   * lists the order among the filled ones: what had settled of it before (its quantity less the
   * leaf's {@code open}) and the leaf's {@code fill}; -1 when the book does not fill it.
   */
  private static long promisedBy(CourtClient.CommittedAuction a, KeptIntake k) {
    AuctionBook b = a.book();
    return b.indexOf(k.receipt().orderHash())
        .filter(b::isFilled)
        .map(i -> b.leaves().get(i))
        .map(l -> k.order().quantity() - l.open() + l.fill())
        .orElse(-1L);
  }

  /** The fill receipt the answer to {@code challengeId} cited, if it cited one. */
  private Optional<FillReceipt> citedIn(Bytes32 challengeId, Bytes32 orderHash) {
    for (LedgerEvent e :
        ledger.eventsWhere("FillCited", challengeId.hex(), orderHash.hex(), null)) {
      ChainEvent.FillCited c = ChainEvent.of(e, ChainEvent.FillCited.class);
      return Optional.of(
          new FillReceipt(
              orderHash,
              c.fillQuantity(),
              c.filledAfter(),
              c.price(),
              c.clearingId(),
              c.settleBy(),
              c.signature()));
    }
    return Optional.empty();
  }

  /**
   * Whether this operator holds the broker's receipt for a fill of all of {@code k}'s order due no
   * earlier than {@code cutoff}: the order had nothing left to fill in that auction, and the court
   * accepts the receipt as the broker's answer.
   */
  private boolean matchedWholeAndDue(KeptIntake k, long cutoff) {
    long quantity = k.order().quantity();
    for (KeptReceipt r : book.all()) {
      if (r.receipt().orderHash().equals(k.orderHash())
          && r.receipt().promisesAllBy(quantity, cutoff)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether the order ranks above the last order its side filled in {@code a}'s book (limit as the
   * auction saw it, then sequence): the published rule fills it before that one.
   */
  private static boolean outranksTheMarginalOrder(KeptIntake k, CourtClient.CommittedAuction a) {
    AuctionBook b = a.book();
    // a book that breaks the rule (the book audit proves it first) vouches for no marginal order:
    // the court then refuses every answer that leaves an order among the rest
    if (!b.flaws(a.price()).isEmpty()) {
      return true;
    }
    Order o = k.order();
    boolean bid = o.side() == Side.BID;
    int marginal = b.marginal(bid);
    if (marginal < (bid ? 0 : b.filledBids())) {
      return true;
    }
    long limit = bid ? AuctionBook.bidLimit(o.limitPrice(), a.feeBps(), b.tick()) : o.limitPrice();
    var mine = new AuctionBook.Leaf(k.receipt().orderHash(), limit, k.receipt().sequence(), 0, 0);
    return AuctionBook.outranks(mine, b.leaves().get(marginal), bid);
  }

  /** When {@code broker} committed the auction (unix seconds), or Long.MAX_VALUE if it did not. */
  static long committedAt(LedgerClient ledger, MarketKey market, long cutoff, Address broker) {
    return ledger
        .exchange()
        .bookCommitment(market, cutoff, broker)
        .map(c -> c.committedAt())
        .orElse(Long.MAX_VALUE);
  }

  /** What one audit pass reads once: the fee and the court's terms. */
  private final class Pass {
    private Integer feeBps;
    private CourtClient.Terms terms;

    int feeBps() {
      if (feeBps == null) {
        feeBps = ledger.exchange().feeBps();
      }
      return feeBps;
    }

    CourtClient.Terms terms() {
      if (terms == null) {
        terms = ledger.court().terms();
      }
      return terms;
    }
  }

  private Pass pass = new Pass();

  private static AuctionCheck check(
      long cutoff, long price, Verdict v, String note, Bytes32 challengeId) {
    return new AuctionCheck(cutoff, price, v, note, challengeId, null);
  }

  /**
   * A challenge followed: answered, upheld (convicted here once overdue), or still waiting. An
   * answer that cites the broker's receipt for a fill of the order in an earlier auction leaves
   * that receipt in the receipt book, where the receipt audit claims it if the fill never settles.
   */
  private AuctionCheck follow(KeptIntake k, AuctionCheck c, long now) {
    CourtClient court = ledger.court();
    CourtClient.Challenge state = court.challengeOf(c.challengeId());
    switch (state.state()) {
      case ANSWERED:
        Optional<FillReceipt> cited = citedIn(c.challengeId(), k.orderHash());
        if (cited.isPresent()) {
          book.keep(
              new KeptReceipt(
                  k.order(),
                  cited.get(),
                  ledger.chainTime(),
                  KeptReceipt.Status.PENDING,
                  null,
                  null,
                  null,
                  null));
          return c.with(
              Verdict.ANSWERED,
              "the broker cited its receipt for the order's fill in clearing "
                  + cited.get().clearingId()
                  + ", due "
                  + cited.get().settleBy()
                  + " (kept with the receipts: claimed if it never settles)",
              null);
        }
        return c.with(Verdict.ANSWERED, "the broker showed the order's leaf in its book", null);
      case OPEN:
        if (now <= state.answerBy()) {
          return c;
        }
        court.convictOmission(c.challengeId());
        state = court.challengeOf(c.challengeId());
        return c.with(Verdict.UPHELD, "no answer by " + state.answerBy(), state.paid());
      case UPHELD:
        return c.with(Verdict.UPHELD, "upheld", state.paid());
      default:
        return c;
    }
  }

  /** What the audits so far found, without asking the chain. */
  public Findings findings() {
    return findings(0, List.of());
  }

  private Findings findings(int challengedNow, List<String> problems) {
    int audited = 0, challenges = 0, answered = 0, upheld = 0, suspect = 0;
    BigInteger paid = BigInteger.ZERO;
    List<KeptIntake> all = book.intakes();
    for (KeptIntake k : all) {
      for (AuctionCheck c : k.auctions()) {
        audited++;
        switch (c.verdict()) {
          case CHALLENGED -> challenges++;
          case ANSWERED -> {
            challenges++;
            answered++;
          }
          case UPHELD -> {
            challenges++;
            upheld++;
            paid = paid.add(c.compensation() == null ? BigInteger.ZERO : c.compensation());
          }
          case SUSPECT, LAPSED -> suspect++;
          default -> {}
        }
      }
    }
    return new Findings(
        all.size(), audited, challengedNow, challenges, answered, upheld, suspect, paid, problems);
  }
}
