package org.spectrumledger.operator.daemon;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spectrumledger.broker.api.BrokerClient;
import org.spectrumledger.broker.api.FillState;
import org.spectrumledger.broker.api.FillView;
import org.spectrumledger.broker.api.OrderAccepted;
import org.spectrumledger.broker.api.OrderStatus;
import org.spectrumledger.broker.api.OrderView;
import org.spectrumledger.ledger.Bytes32;
import org.spectrumledger.ledger.Fees;
import org.spectrumledger.ledger.LedgerClient;
import org.spectrumledger.ledger.LedgerException;
import org.spectrumledger.ledger.MarketKey;
import org.spectrumledger.ledger.Order;
import org.spectrumledger.ledger.Side;
import org.spectrumledger.ledger.SigningKey;
import org.spectrumledger.operator.fairness.BookAuditor;
import org.spectrumledger.operator.fairness.IntakeAuditor;
import org.spectrumledger.operator.fairness.ReceiptAuditor;
import org.spectrumledger.operator.fairness.ReceiptBook;
import org.spectrumledger.operator.sensing.MarketEligibility;

/**
 * One operator's node at work. Every interval it reads the demand just measured, forecasts the
 * next, reads the SRU it holds now from the leases granted on chain, decides with its trained agent
 * (or the rule trader) what to hold next, and sends the difference from its licence as a signed bid
 * or ask for the next slot, in the first band its sensing finds idle and the policy does not
 * protect. Then it follows its orders' fills and books the profit. A broker or chain that is away
 * costs one interval's trade, not the daemon.
 */
public final class OperatorDaemon {

  private static final Logger LOG = LoggerFactory.getLogger(OperatorDaemon.class);

  /**
   * How the daemon trades.
   *
   * @param name the operator's name, for logs and reports
   * @param bands bands in order of preference
   * @param cell the cell it serves
   * @param licenceSru its base licence in each slot (SRU)
   * @param priceCoefficient c in P = c × T, T its forecast demand (tokens per SRU)
   * @param limitMargin a bid's limit is P × (1 + margin), an ask's P × (1 − margin)
   * @param tickSize prices are rounded to this many token base units
   */
  public record Settings(
      String name,
      long[] bands,
      long cell,
      double licenceSru,
      double priceCoefficient,
      double limitMargin,
      long tickSize) {
    public Settings {
      if (bands == null || bands.length == 0) {
        throw new IllegalArgumentException("the daemon needs at least one band");
      }
      bands = bands.clone();
      if (!(priceCoefficient > 0) || !(limitMargin >= 0 && limitMargin < 1) || tickSize <= 0) {
        throw new IllegalArgumentException("need c > 0, 0 <= margin < 1 and a positive tick");
      }
    }
  }

  /** A sent order, until nothing more can happen to it; {@code booked} its fills booked. */
  private record Pending(Order order, Bytes32 orderHash, long step, Set<Long> booked) {
    Pending(Order order, Bytes32 orderHash, long step) {
      this(order, orderHash, step, new HashSet<>());
    }
  }

  private final Settings settings;
  private final SigningKey key;
  private final LedgerClient ledger;
  private final BrokerClient broker;
  private final TradingBrain brain;
  private final DemandSource demand;
  private final SlotClock clock;
  private final Function<List<MarketKey>, List<MarketEligibility.Verdict>> gate;
  private final ProfitBook book;
  private final AtomicLong nonce;
  private final List<Pending> pending = new ArrayList<>();
  // read by the metrics endpoint's thread while the daemon's thread counts
  private final Map<String, Long> counters = new ConcurrentSkipListMap<>();
  private long step;
  private double lastHolding;
  private ReceiptAuditor auditor;
  private IntakeAuditor intakeAuditor;
  private BookAuditor bookAuditor;
  private org.spectrumledger.ledger.Address brokerAddress;

  /**
   * @param gate the verdicts of sensing and policy on candidate markets (sensing gates the market)
   * @param firstNonce the first order nonce to use (persist {@link #nextNonce()} across restarts)
   */
  public OperatorDaemon(
      Settings settings,
      SigningKey key,
      LedgerClient ledger,
      BrokerClient broker,
      TradingBrain brain,
      DemandSource demand,
      SlotClock clock,
      Function<List<MarketKey>, List<MarketEligibility.Verdict>> gate,
      long firstNonce) {
    this.settings = settings;
    this.key = key;
    this.ledger = ledger;
    // its own orders and fills are private at the broker: every read of them is signed with its key
    this.broker = broker.signedBy(key);
    this.brain = brain;
    this.demand = demand;
    this.clock = clock;
    this.gate = gate;
    this.book =
        new ProfitBook(
            settings.licenceSru(),
            brain.market().revenuePerSru(),
            brain.market().transactionCostPerSru());
    this.nonce = new AtomicLong(firstNonce);
    this.lastHolding = settings.licenceSru();
  }

  public Settings settings() {
    return settings;
  }

  /**
   * Keeps the broker's fill receipts in {@code book} (a file, so that they outlive the daemon)
   * rather than in memory.
   */
  public OperatorDaemon keepReceiptsIn(ReceiptBook book) {
    this.auditor = new ReceiptAuditor(ledger, book);
    auditBooksIn(book);
    return this;
  }

  /** The daemon's receipt auditor: every receipt it kept, and what became of it. */
  public ReceiptAuditor auditor() {
    if (auditor == null) {
      ReceiptBook book = ReceiptBook.inMemory();
      auditor = new ReceiptAuditor(ledger, book);
      auditBooksIn(book);
    }
    return auditor;
  }

  private void auditBooksIn(ReceiptBook book) {
    this.bookAuditor = new BookAuditor(ledger, book, BookAuditor.Books.of(broker));
    this.intakeAuditor = new IntakeAuditor(ledger, book).readingBooks(bookAuditor);
  }

  /**
   * The daemon's auditor of the books the broker publishes: the price and layout of every auction
   * of the markets its orders went to, proven to the court when they break the published rule.
   */
  public BookAuditor bookAuditor() {
    auditor();
    return bookAuditor;
  }

  /**
   * The daemon's auditor of intake receipts: the auctions of the markets its orders went to, and
   * the omission challenges it made.
   */
  public IntakeAuditor intakeAuditor() {
    auditor();
    return intakeAuditor;
  }

  public ProfitBook book() {
    return book;
  }

  public long nextNonce() {
    return nonce.get();
  }

  /** Counts of what the daemon did (orders sent, refused, skipped intervals, …). */
  public Map<String, Long> counters() {
    return Map.copyOf(counters);
  }

  private void count(String what) {
    counters.merge(what, 1L, Long::sum);
  }

  private void count(String what, long n) {
    if (n > 0) {
      counters.merge(what, n, Long::sum);
    }
  }

  /** One interval. Returns false when the demand source has run out. */
  public boolean step() {
    OptionalDouble measured = demand.next();
    if (measured.isEmpty()) {
      return false;
    }
    double d = measured.getAsDouble();
    long k = step++;
    brain.observe(d);
    double holding = holdingInSlot(k);
    book.serve(d, holding);
    double forecast = brain.forecast();
    double action = brain.decide(holding);
    double target = holding + action;
    double quantity = target - settings.licenceSru();
    if (Math.abs(quantity) < 1e-9) {
      LOG.debug(
          "{} step {}: demand {} forecast {} holding {}: hold the licence",
          settings.name(),
          k,
          round(d),
          round(forecast),
          holding);
      count("intervals holding the licence");
      return true;
    }
    List<MarketKey> candidates = new ArrayList<>();
    for (long band : settings.bands()) {
      candidates.add(clock.market(band, settings.cell(), k + 1));
    }
    MarketKey market = null;
    List<String> refused = new ArrayList<>();
    for (MarketEligibility.Verdict v : gate.apply(candidates)) {
      if (v.eligible()) {
        market = v.market();
        break;
      }
      refused.add(v.market().band() + ": " + v.refusals().get(0).reason());
    }
    if (market == null) {
      LOG.info(
          "{} step {}: wanted {} SRU but no band may trade ({})",
          settings.name(),
          k,
          round(quantity),
          refused);
      count("intervals with no eligible band");
      return true;
    }
    Side side = quantity > 0 ? Side.BID : Side.ASK;
    double price =
        settings.priceCoefficient()
            * Math.max(forecast, 0.1)
            * (side == Side.BID ? 1 + settings.limitMargin() : 1 - settings.limitMargin());
    long limit =
        Math.max(
            settings.tickSize(),
            Math.round(price * 1_000_000 / settings.tickSize()) * settings.tickSize());
    long milli = Math.round(Math.abs(quantity) * 1000);
    Order order =
        new Order(
            key.address(),
            side,
            market,
            milli,
            limit,
            nonce.getAndIncrement(),
            market.slotStart(),
            true);
    try {
      OrderAccepted answer = broker.submit(ledger.exchange().orderSigner().sign(order, key));
      pending.add(new Pending(order, answer.orderHash(), k + 1));
      count("orders sent");
      keepIntakeReceipt(order, answer);
      LOG.info(
          "{} step {}: demand {} forecast {} holding {} -> {} {} SRU at {} in {} ({})",
          settings.name(),
          k,
          round(d),
          round(forecast),
          round(holding),
          side == Side.BID ? "bid" : "ask",
          round(Math.abs(quantity)),
          limit / 1e6,
          market,
          brain.name());
    } catch (BrokerClient.BrokerRefusal e) {
      count("orders refused: " + e.reason());
      LOG.warn("{} step {}: broker refused the {}: {}", settings.name(), k, side, e.getMessage());
    } catch (BrokerClient.BrokerUnavailable e) {
      count("intervals with the broker away");
      LOG.warn("{} step {}: {}; trying again next interval", settings.name(), k, e.getMessage());
    }
    return true;
  }

  /** SRU held in slot {@code k}: the licence plus leases bought minus SRU sold, from the chain. */
  private double holdingInSlot(long k) {
    try {
      double h =
          ledger
                  .exchange()
                  .holdings(
                      key.address(),
                      clock.market(
                          settings.bands()[settings.bands().length - 1], settings.cell(), k))
              / 1000.0;
      for (int i = 0; i < settings.bands().length - 1; i++) {
        h +=
            ledger
                    .exchange()
                    .leaseBalance(
                        key.address(), clock.market(settings.bands()[i], settings.cell(), k))
                / 1000.0;
      }
      lastHolding = h;
    } catch (LedgerException e) {
      count("intervals with the chain away");
      LOG.warn(
          "{}: cannot read holdings ({}); using the last known {}",
          settings.name(),
          e.getMessage(),
          lastHolding);
    }
    return lastHolding;
  }

  /**
   * Books the settled fills of the orders sent for slots up to {@code uptoStep}: what settled is
   * paid or earned, by the exchange's rule ({@link Fees}): a bid pays the price plus the fee, all
   * within its limit; an ask receives the price. Each fill is booked once, when the broker reports
   * it settled; an order is forgotten only when nothing more can happen to it (no longer open and
   * no fill still on its way to the chain).
   *
   * <p>NOTE: an order's counterparty may arrive after the daemon first looks at it (another daemon
   * one interval behind, a hand-placed order), so an order still open or with fills in flight stays
   * pending: forgetting it then lost every later fill and left the book at zero.
   *
   * @return whether an order looked at has a fill matched and not yet settled
   */
  public boolean reconcile(long uptoStep) {
    if (pending.stream().noneMatch(p -> p.step() <= uptoStep)) {
      auditReceipts(); // receipts kept earlier may have reached their deadline
      return false; // nothing due: no fee read, no request to the broker
    }
    int feeBps;
    try {
      feeBps = ledger.exchange().feeBps();
    } catch (LedgerException e) {
      LOG.warn("{}: cannot read the fee to book fills: {}", settings.name(), e.getMessage());
      return false;
    }
    boolean anyInFlight = false;
    List<Pending> done = new ArrayList<>();
    Map<Bytes32, OrderView> recent;
    try {
      recent = recentOrders();
    } catch (BrokerClient.BrokerUnavailable e) {
      LOG.warn("{}: cannot reach the broker to book fills: {}", settings.name(), e.getMessage());
      return false;
    }
    for (Pending p : pending) {
      if (p.step() > uptoStep) {
        continue;
      }
      try {
        OrderView view = recent.get(p.orderHash());
        if (view == null) {
          view = broker.order(p.orderHash());
        }
        boolean inFlight = false;
        double sru = 0;
        double tokens = 0;
        for (FillView f : view.fills()) {
          if (f.state() == FillState.MATCHED) {
            inFlight = true;
          } else if (f.state() == FillState.SETTLED && p.booked().add(f.fillId())) {
            long q = f.quantity();
            long price = f.price();
            BigInteger amount =
                p.order().side() == Side.BID
                    ? Fees.buyerCost(price, q, feeBps)
                    : Fees.sellerProceeds(price, q);
            tokens += amount.doubleValue() / 1e6;
            sru += q / 1000.0;
          }
        }
        if (sru > 0) {
          book.trade(p.order().side() == Side.BID ? sru : -sru, tokens);
          count("fills settled");
          LOG.info(
              "{}: {} {} SRU settled in {} for {} tokens",
              settings.name(),
              p.order().side() == Side.BID ? "bought" : "sold",
              round(sru),
              p.order().market(),
              round(tokens));
        }
        keepReceipts(view);
        anyInFlight |= inFlight;
        if (view.status() != OrderStatus.OPEN && !inFlight) {
          if (view.settled() > 0) {
            count("orders filled");
          }
          done.add(p);
        }
      } catch (BrokerClient.BrokerUnavailable e) {
        LOG.warn("{}: cannot reach the broker to book fills: {}", settings.name(), e.getMessage());
        return false;
      } catch (BrokerClient.BrokerRefusal e) {
        done.add(p);
      }
    }
    pending.removeAll(done);
    auditReceipts();
    return anyInFlight;
  }

  /** Checks and keeps the broker's intake receipt of an accepted order. */
  private void keepIntakeReceipt(Order order, OrderAccepted answer) {
    try {
      if (brokerAddress == null) {
        brokerAddress = broker.info().broker();
      }
      List<String> problems = intakeAuditor().take(order, answer, brokerAddress);
      count(problems.isEmpty() ? "intake receipts kept" : "intake receipts refused");
      for (String p : problems) {
        LOG.warn("{}: {}", settings.name(), p);
      }
    } catch (RuntimeException e) {
      // the node or the broker went away: this order's auctions go unaudited
      LOG.warn("{}: cannot check the intake receipt now: {}", settings.name(), e.getMessage());
    }
  }

  /** Checks and keeps the receipts of {@code view}'s fills (near-RT fills carry one). */
  private void keepReceipts(OrderView view) {
    if (view.fills().isEmpty()) {
      return;
    }
    try {
      if (brokerAddress == null) {
        brokerAddress = broker.info().broker();
      }
      int before = auditor().book().all().size();
      List<String> problems = auditor().take(view, brokerAddress);
      count("receipts kept", auditor().book().all().size() - before);
      count("receipts refused", problems.size());
    } catch (RuntimeException e) {
      // the node or the broker went away: the receipts are taken again at the next reconcile
      LOG.warn("{}: cannot check fill receipts now: {}", settings.name(), e.getMessage());
    }
  }

  /**
   * Audits the receipts whose deadline has passed and claims the withheld ones in the broker court.
   * A chain that went away is retried at the next reconcile.
   */
  private void auditReceipts() {
    if (intakeAuditor != null && !auditor.book().intakes().isEmpty()) {
      try {
        // the books first: a book convicted of breaking its own order cannot answer for an order
        // it left unfilled, which the intake audit then challenges
        BookAuditor.Findings b = bookAuditor.audit(true);
        if (b.convictedNow() > 0) {
          count("auctions convicted", b.convictedNow());
        }
        for (String p : b.problems()) {
          LOG.warn("{}: {}", settings.name(), p);
        }
        IntakeAuditor.Findings f = intakeAuditor.audit(true);
        if (f.challengedNow() > 0) {
          count("omissions challenged", f.challengedNow());
        }
        for (String p : f.problems()) {
          LOG.warn("{}: {}", settings.name(), p);
        }
      } catch (RuntimeException e) {
        LOG.warn("{}: cannot audit auctions now: {}", settings.name(), e.getMessage());
      }
    }
    if (auditor == null || auditor.book().all().isEmpty()) {
      return;
    }
    try {
      ReceiptAuditor.Findings f = auditor.audit(true);
      if (f.claimedNow() > 0) {
        count("receipts claimed", f.claimedNow());
      }
      for (String p : f.problems()) {
        LOG.warn("{}: {}", settings.name(), p);
      }
    } catch (RuntimeException e) {
      LOG.warn("{}: cannot audit fill receipts now: {}", settings.name(), e.getMessage());
    }
  }

  /**
   * Books every fill still on its way: waits, up to {@code timeout}, until no pending order has a
   * fill matched but not settled. Orders still open when it returns are left to the broker.
   */
  public void drain(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (reconcile(Long.MAX_VALUE) && System.nanoTime() <= deadline) {
      Thread.sleep(200);
    }
  }

  /**
   * The maker's latest orders in one request, by hash: enough to cover every pending order but the
   * oldest, which are asked for one by one. A daemon replaying hourly slots fast keeps many orders
   * open for slots still ahead; one request per order and interval would grow with the run.
   */
  private Map<Bytes32, OrderView> recentOrders() {
    if (pending.isEmpty()) {
      return Map.of();
    }
    int limit = Math.min(1_000, Math.max(100, pending.size() + 50));
    Map<Bytes32, OrderView> byHash = new HashMap<>();
    for (OrderView v : broker.orders(key.address(), limit).orders()) {
      byHash.put(v.orderHash(), v);
    }
    return byHash;
  }

  /** How many intervals have run. */
  public long steps() {
    return step;
  }

  private static String round(double v) {
    return String.format(java.util.Locale.ROOT, "%.2f", v);
  }
}
