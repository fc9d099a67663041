package org.spectrumledger.broker;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spectrumledger.broker.access.BookRules;
import org.spectrumledger.broker.access.RequestVerifier;
import org.spectrumledger.broker.api.BatchList;
import org.spectrumledger.broker.api.BatchView;
import org.spectrumledger.broker.api.BookRule;
import org.spectrumledger.broker.api.BrokerInfo;
import org.spectrumledger.broker.api.DepthView;
import org.spectrumledger.broker.api.DroppedFill;
import org.spectrumledger.broker.api.FillReceipt;
import org.spectrumledger.broker.api.FillState;
import org.spectrumledger.broker.api.FillView;
import org.spectrumledger.broker.api.IntakeReceipt;
import org.spectrumledger.broker.api.MarketList;
import org.spectrumledger.broker.api.OrderAccepted;
import org.spectrumledger.broker.api.OrderList;
import org.spectrumledger.broker.api.OrderView;
import org.spectrumledger.broker.api.TradeList;
import org.spectrumledger.broker.api.WireJson;
import org.spectrumledger.broker.epoch.EpochEngine;
import org.spectrumledger.broker.epoch.SettlingAuctions;
import org.spectrumledger.broker.epoch.Timescale;
import org.spectrumledger.broker.explorer.ExplorerRoutes;
import org.spectrumledger.broker.fairness.OmissionAnswerer;
import org.spectrumledger.broker.http.HttpApi;
import org.spectrumledger.broker.http.SseHub;
import org.spectrumledger.broker.http.WireViews;
import org.spectrumledger.broker.intake.ChainView;
import org.spectrumledger.broker.intake.Exposure;
import org.spectrumledger.broker.intake.IntakeResult;
import org.spectrumledger.broker.intake.OrderIntake;
import org.spectrumledger.broker.intake.Rejection;
import org.spectrumledger.broker.metrics.Metrics;
import org.spectrumledger.broker.settlement.SettlementChain;
import org.spectrumledger.broker.settlement.SettlementListener;
import org.spectrumledger.broker.settlement.Settler;
import org.spectrumledger.broker.store.BatchRecord;
import org.spectrumledger.broker.store.BrokerStore;
import org.spectrumledger.broker.store.ClearingRecord;
import org.spectrumledger.broker.store.ClearingState;
import org.spectrumledger.broker.store.FillRecord;
import org.spectrumledger.broker.store.OrderRecord;
import org.spectrumledger.broker.store.OrderState;
import org.spectrumledger.broker.store.OrderWriter;
import org.spectrumledger.ledger.Address;
import org.spectrumledger.ledger.Bytes32;
import org.spectrumledger.ledger.ChainEvent;
import org.spectrumledger.ledger.EventCursor;
import org.spectrumledger.ledger.LedgerClient;
import org.spectrumledger.ledger.LedgerConfig;
import org.spectrumledger.ledger.LedgerEvent;
import org.spectrumledger.ledger.LedgerEventStream;
import org.spectrumledger.ledger.LedgerException;
import org.spectrumledger.ledger.MarketKey;
import org.spectrumledger.ledger.NoContractException;
import org.spectrumledger.ledger.OffChainMessages;
import org.spectrumledger.ledger.Role;
import org.spectrumledger.ledger.RoleMismatchException;
import org.spectrumledger.ledger.Signature;
import org.spectrumledger.ledger.SignedOrder;
import org.spectrumledger.ledger.ThrottledLog;
import org.spectrumledger.ledger.explorer.Explorer;

/**
 * A broker node: intake over HTTP, books and auctions per market and timescale, settlement in
 * batches, persistence, metrics. Start it with {@link #start}; close it to stop.
 *
 * <p>Restart-safe: at start it finishes the batches a previous run left (found settled on chain, or
 * re-planned), rebuilds the books from the stored open orders, and resumes the chain's event stream
 * from the stored cursor.
 */
public final class BrokerNode implements BrokerApi, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(BrokerNode.class);

  private final BrokerConfig config;
  private final LedgerClient chain;
  private final BrokerStore store;
  private final Metrics metrics = new Metrics();
  private final SseHub fills = new SseHub();
  private final Exposure exposure = new Exposure();
  private final ChainView view;
  private final ThrottledLog failures = new ThrottledLog(LOG, Duration.ofSeconds(30));
  private final OrderWriter orderWriter;
  private final EpochEngine engine;
  private final SettlingAuctions settling = new SettlingAuctions();
  private final OrderIntake intake;
  private final Settler settler;
  private final OmissionAnswerer answerer;
  private final OffChainMessages messages;
  private final ScheduledExecutorService timers =
      Executors.newScheduledThreadPool(
          3,
          r -> {
            Thread t = new Thread(r, "broker-timer");
            t.setDaemon(true);
            return t;
          });
  private final RequestVerifier requests;
  private final BookRules bookRules;
  private final HttpApi http;
  private LedgerEventStream events;

  private BrokerNode(BrokerConfig config) throws IOException {
    this.config = config;
    this.chain =
        LedgerClient.connect(
            new LedgerConfig(
                config.rpcUrl(),
                config.deployment().chainId(),
                config.deployment(),
                config.key(),
                config.fees(),
                Duration.ofSeconds(60)));
    if (!chain.policy().hasRole(Role.BROKER, config.key().address())) {
      chain.close();
      throw new RoleMismatchException(
          config.key().address(), Role.BROKER, config.deployment().policy());
    }
    this.store = BrokerStore.open(config.jdbcUrl(), config.dbUser(), config.dbPassword());
    this.view = new ChainView(chain, 2_000, 60_000);
    this.orderWriter = new OrderWriter(store);
    this.messages = new OffChainMessages(config.deployment().domain());
    this.requests = new RequestVerifier(messages, config.key().address(), Clock.systemUTC());
    this.bookRules =
        new BookRules(
            messages,
            a -> chain.policy().hasRole(Role.REGULATOR, a),
            new BookRules.RuleStore() {
              @Override
              public java.util.Collection<String> load() {
                return store.metaWithPrefix("book_rule:");
              }

              @Override
              public void save(String key, String json) {
                store.setMeta(key, json);
              }
            });
    this.engine =
        new EpochEngine(
            store,
            config.intake().rules(),
            config.maxFillsPerBatch(),
            config.nearRtMaxSlotSeconds(),
            this::clearingRefusal,
            this::onCleared,
            this::receipt,
            view::feeBps,
            this::engineClock,
            this::cutoffClock);
    this.intake =
        new OrderIntake(
            chain.exchange().orderSigner(),
            view,
            orderWriter,
            exposure,
            config.intake(),
            this::onAccepted,
            Clock.systemUTC());
    this.settler =
        new Settler(
            SettlementChain.of(chain),
            store,
            metrics,
            new Listener(),
            config.maxFillsPerBatch(),
            config.maxBatchesInFlight());
    this.http = new HttpApi(this, config.host(), config.port());
    http.route(new ExplorerRoutes(new Explorer(chain), this));
    this.answerer =
        new OmissionAnswerer(
            OmissionAnswerer.Court.of(chain),
            store,
            config.key().address(),
            store.meta("omission_cursor").map(Long::parseLong).orElse(0L));
    metrics.gauge("broker_open_orders", "orders in the books", engine::openOrders);
    metrics.gauge("broker_batches_in_flight", "batches sent and not yet mined", settler::inFlight);
    metrics.gauge("broker_sse_subscribers", "fill-stream subscribers", fills::subscriberCount);
    metrics.gauge(
        "broker_order_commits_total",
        "group commits of accepted orders",
        () -> orderWriter.commits());
    metrics.gauge(
        "broker_order_commit_nanos_total",
        "time in group commits",
        () -> orderWriter.commitNanos());
    metrics.describe("broker_orders_received_total", "orders submitted over HTTP");
    metrics.describe("broker_orders_accepted_total", "orders accepted into the books");
    metrics.describe("broker_orders_rejected_total", "orders and cancels refused, by reason");
    metrics.describe(
        "broker_intake_seconds", "time to check an order and store it durably, or refuse it");
    metrics.describe("broker_clearing_seconds", "time to clear one market");
    metrics.describe("broker_batch_gas", "gas used per settled batch");
    metrics.describe("broker_settlement_latency_seconds", "from clearing to the batch's receipt");
  }

  /** Starts a broker: recovery, books, event stream, timers, HTTP. */
  public static BrokerNode start(BrokerConfig config) throws IOException {
    BrokerNode node = new BrokerNode(config);
    try {
      node.recover();
      node.startLoops();
      node.http.start();
    } catch (RuntimeException e) {
      node.close();
      throw e;
    }
    return node;
  }

  /** Shows every whole answer of the broker's API from now on to {@code watcher}. */
  public void watchAnswers(HttpApi.AnswerWatcher watcher) {
    http.watchAnswers(watcher);
  }

  public int port() {
    return http.port();
  }

  public LedgerClient chain() {
    return chain;
  }

  public BrokerStore store() {
    return store;
  }

  private void recover() {
    for (ClearingState state : List.of(ClearingState.PENDING, ClearingState.BATCHED)) {
      for (ClearingRecord c : store.clearings(state)) {
        if (engine.timescale(c.market()) == Timescale.NON_RT) {
          settling.cleared(c.market(), c.id());
        }
      }
    }
    settler.recover();
    for (OrderRecord r : store.allOrders()) {
      long claim = unsettledClaim(r);
      if (claim > 0) {
        exposure.claim(r.orderHash(), r.order().order(), claim);
      }
      if (r.status() == OrderState.OPEN) {
        engine.add(r);
      } else if (r.order().order().market().slotEnd() > Instant.now().getEpochSecond()) {
        // its place in the books of its market's later auctions, which its receipt promised
        engine.remember(r);
      }
    }
    // the markets that traded and whose slot is still to come are listed with their last price
    engine.restoreLastPrices(store.lastPrices(Instant.now().getEpochSecond()));
    LOG.info("broker recovered: {} open orders booked", engine.openOrders());
  }

  private void startLoops() {
    EventCursor cursor = store.meta("event_cursor").map(EventCursor::parse).orElse(null);
    events =
        chain
            // ERC-1155's TransferSingle says nothing TradeSettled does not, and is a third of a
            // large settlement's logs
            .eventStream(cursor, Set.of("TransferSingle"))
            .start(
                this::onChainEvent,
                c -> store.setMeta("event_cursor", c.toString()),
                Duration.ofMillis(250));
    timers.scheduleAtFixedRate(
        guard("non-RT epoch", () -> runEpoch(Timescale.NON_RT)),
        0,
        config.nonRtEpoch().toMillis(),
        TimeUnit.MILLISECONDS);
    timers.scheduleAtFixedRate(
        guard("near-RT epoch", () -> runEpoch(Timescale.NEAR_RT)),
        0,
        config.nearRtEpoch().toMillis(),
        TimeUnit.MILLISECONDS);
    timers.scheduleAtFixedRate(
        guard("omission challenges", this::answerChallengesNow),
        config.settlePeriod().toMillis(),
        Math.max(config.settlePeriod().toMillis(), 2_000),
        TimeUnit.MILLISECONDS);
    timers.scheduleAtFixedRate(
        guard("settlement", settler::tick),
        config.settlePeriod().toMillis(),
        config.settlePeriod().toMillis(),
        TimeUnit.MILLISECONDS);
  }

  /** Runs a timer's task; a task that keeps failing (a dead node) is logged once per window. */
  private Runnable guard(String what, Runnable r) {
    return () -> {
      try {
        r.run();
        failures.success(what);
      } catch (RuntimeException e) {
        failures.failure(what, e);
      }
    };
  }

  private void runEpoch(Timescale ts) {
    // The later of the chain's clock and the wall clock: an idle chain keeps no order alive.
    long now = Math.max(view.chainTime(), Instant.now().getEpochSecond());
    for (OrderRecord r : engine.expiring(now + config.intake().minValiditySeconds())) {
      if (engine.remove(r)
          && store.closeOrder(
              r.orderHash(), OrderState.EXPIRED, "expired before it could settle")) {
        reclaim(r.orderHash());
      }
    }
    long t0 = System.nanoTime();
    List<ClearingRecord> cleared = engine.runEpoch(ts);
    if (!cleared.isEmpty()) {
      metrics.observe("broker_clearing_seconds", (System.nanoTime() - t0) / 1e9 / cleared.size());
    }
    if (ts == Timescale.NON_RT) {
      engine.prune(now);
    }
    if (!cleared.isEmpty()) {
      // Send what was just matched now rather than at the next period: one batch per epoch.
      settler.tick();
    }
  }

  /** How long a reading of the broker's own bond is trusted before the court is asked again. */
  private static final long BOND_CHECK_NANOS = 2_000_000_000L;

  private final Object bondLock = new Object();

  /** The last reading of the broker's bond; null until the court has answered once. */
  private volatile Boolean bonded;

  private volatile long bondCheckedAt;

  /**
   * Why {@code market} may not clear now, or null. A broker whose bond is under the court's minimum
   * clears nothing: the exchange would settle none of it, and a near-RT receipt it signed could
   * only be broken.
   */
  private String clearingRefusal(MarketKey market) {
    if (!bonded()) {
      return bonded == null
          ? "the broker court has not answered for the broker's bond yet (is the chain reachable?)"
          : "the broker's bond in the broker court is below its minimum, so it can settle nothing;"
              + " post bond with: spectrum broker bond post";
    }
    if (engine.timescale(market) == Timescale.NON_RT && settling.settling(market)) {
      return "its last auction is still settling (the next waits for it, so that an order matched"
          + " in it is filled there or back in this one)";
    }
    return view.marketRefusal(market);
  }

  /**
   * Whether the broker's bond is at the court's minimum, read again once the last reading is {@link
   * #BOND_CHECK_NANOS} old. One thread reads at a time, and the others wait for its answer rather
   * than take an older one: until the court has answered once, the broker clears nothing.
   */
  private boolean bonded() {
    Boolean known = bonded;
    if (known != null && System.nanoTime() - bondCheckedAt < BOND_CHECK_NANOS) {
      return known;
    }
    synchronized (bondLock) {
      known = bonded;
      if (known != null && System.nanoTime() - bondCheckedAt < BOND_CHECK_NANOS) {
        return known;
      }
      try {
        boolean b = chain.court().isBonded(config.key().address());
        if (b && Boolean.FALSE.equals(known)) {
          LOG.info("the broker's bond is back at the court's minimum: clearing again");
        } else if (!b && !Boolean.FALSE.equals(known)) {
          LOG.warn(
              "the broker's bond is below the court's minimum: nothing clears until it is posted"
                  + " (spectrum broker bond post)");
        }
        bonded = b;
      } catch (org.spectrumledger.ledger.LedgerException e) {
        // the chain went away: keep the last reading (with none yet, clear nothing); settlement
        // will say more
      }
      bondCheckedAt = System.nanoTime();
      return Boolean.TRUE.equals(bonded);
    }
  }

  /**
   * The time the epoch engine dates intakes by: the chain's as last read (at most a second old),
   * the wall clock when it is ahead or the chain away.
   */
  private long engineClock() {
    long wall = System.currentTimeMillis();
    try {
      return Math.max(wall, view.chainTime() * 1000);
    } catch (RuntimeException e) {
      return wall;
    }
  }

  /**
   * The time an auction is cut off by: the chain's read now (the exchange refuses a cut-off older
   * than its settlement window, and a dev chain's clock may have just been moved on), the wall
   * clock when it is ahead, the last reading with the chain away.
   */
  private long cutoffClock() {
    long wall = System.currentTimeMillis();
    try {
      return Math.max(wall, chain.chainTime() * 1000);
    } catch (RuntimeException e) {
      return engineClock();
    }
  }

  private void onAccepted(OrderRecord r) {
    metrics.inc("broker_orders_accepted_total");
    engine.add(r);
    MarketKey m = r.order().order().market();
    if (engine.timescale(m) == Timescale.NEAR_RT) {
      try {
        engine.clearIfCrossing(m);
      } catch (org.spectrumledger.ledger.LedgerException e) {
        // the order is stored and booked: the near-RT epoch clears it once the chain answers
        LOG.debug("{} not cleared as it was booked: {}", m, e.getMessage());
      }
    }
  }

  private String receipt(
      OrderRecord r, long quantity, long filledAfter, long price, long clearingId, Timescale ts) {
    if (ts != Timescale.NEAR_RT) {
      return null;
    }
    // from the later of the chain's clock and the wall clock: on an idle chain the last block can
    // be minutes old, and the court holds the broker to the deadline by the next block's time
    long settleBy = engineClock() / 1000 + config.settleBySeconds();
    var receipt =
        new OffChainMessages.FillReceipt(
            r.orderHash(), quantity, filledAfter, price, clearingId, settleBy);
    return WireJson.write(
        new FillReceipt(
            r.orderHash(),
            quantity,
            filledAfter,
            price,
            clearingId,
            settleBy,
            messages.signReceipt(config.key(), receipt).toHex()));
  }

  private void onCleared(ClearingRecord c, Timescale ts) {
    metrics.inc("broker_clearings_total", "timescale", ts.label());
    if (ts == Timescale.NON_RT) {
      settling.cleared(c.market(), c.id());
    }
    for (FillRecord f : c.fills()) {
      FillView fill = WireViews.fill(f, c.market(), FillState.MATCHED, 0, null);
      fills.publish(f.maker(), "fill", WireJson.write(fill));
    }
  }

  private void onChainEvent(LedgerEvent e) {
    ChainEvent event = ChainEvent.of(e);
    view.onEvent(event);
    switch (event) {
      case ChainEvent.FeeChanged f -> engine.rebook();
      case ChainEvent.OrderCancelled c ->
          engine
              .find(c.maker(), c.nonce())
              .ifPresent(r -> closeOpen(r, OrderState.CANCELLED, "cancelled on chain"));
      case ChainEvent.NoncesInvalidated n -> {
        for (OrderRecord r : engine.openOf(n.maker())) {
          if (Long.compareUnsigned(r.order().order().nonce(), n.minValidNonce()) < 0) {
            closeOpen(
                r,
                OrderState.CANCELLED,
                "cancelled on chain (nonces below "
                    + Long.toUnsignedString(n.minValidNonce())
                    + ")");
          }
        }
      }
      default -> {}
    }
  }

  private void closeOpen(OrderRecord r, OrderState state, String reason) {
    if (engine.remove(r) && store.closeOrder(r.orderHash(), state, reason)) {
      reclaim(r.orderHash());
    }
  }

  /** Held while an order's claim is read from the store and set. */
  private final ReentrantLock claiming = new ReentrantLock();

  /**
   * Sets an order's claim on its maker's escrow or holdings to what the store now says of it (an
   * order that left the book claims only what is matched and not settled). Reading and claiming are
   * one step: a receipt being recorded and a market being dropped at once cannot leave the older
   * reading standing.
   */
  private void reclaim(Bytes32 orderHash) {
    claiming.lock();
    try {
      store
          .order(orderHash)
          .ifPresent(r -> exposure.claim(r.orderHash(), r.order().order(), unsettledClaim(r)));
    } finally {
      claiming.unlock();
    }
  }

  /**
   * What an order still claims of its maker's escrow or holdings, in milli-SRU: an order that may
   * still trade (open, or filled and settling) all it has not settled; a closed one only what was
   * matched and has not settled yet.
   */
  private static long unsettledClaim(OrderRecord r) {
    return r.status() == OrderState.OPEN || r.status() == OrderState.FILLED
        ? r.order().order().quantity() - r.settled()
        : r.matched() - r.settled();
  }

  private void finished(ClearingRecord c) {
    if (engine.timescale(c.market()) == Timescale.NON_RT) {
      settling.finished(c.market(), c.id());
    }
  }

  private final class Listener implements SettlementListener {
    @Override
    public void settled(BatchRecord batch, List<ClearingRecord> clearings) {
      for (ClearingRecord c : clearings) {
        finished(c);
        for (FillRecord f : c.fills()) {
          reclaim(f.orderHash());
          FillView fill =
              WireViews.fill(f, c.market(), FillState.SETTLED, batch.batchId(), batch.txHash());
          fills.publish(f.maker(), "settled", WireJson.write(fill));
        }
      }
    }

    @Override
    public void dropped(List<ClearingRecord> clearings, List<Bytes32> rejected, String reason) {
      view.invalidateMarkets();
      for (ClearingRecord c : clearings) {
        finished(c);
        for (FillRecord f : c.fills()) {
          store
              .order(f.orderHash())
              .ifPresent(
                  r -> {
                    engine.remove(r);
                    if (r.status() == OrderState.OPEN) {
                      engine.add(r);
                    } else {
                      reclaim(r.orderHash());
                    }
                  });
          fills.publish(
              f.maker(), "dropped", WireJson.write(new DroppedFill(f.orderHash(), reason)));
        }
      }
    }
  }

  // ------------------------------------------------------------------ BrokerApi

  /** The task name the deployment's contracts going missing is logged under. */
  private static final String CONTRACTS = "the deployment's contracts";

  /** What {@link #notReady} last found, and when (nanoTime): the node is asked once a second. */
  private record Readiness(Optional<String> notReady, long checkedAt) {}

  private volatile Readiness readiness;

  /** Set while one thread asks the node: the others answer from the last reading meanwhile. */
  private final java.util.concurrent.atomic.AtomicBoolean checkingReadiness =
      new java.util.concurrent.atomic.AtomicBoolean();

  @Override
  public boolean mayHaveFills(Address account) {
    try {
      return view.operator(account).registered();
    } catch (LedgerException e) {
      return true; // the chain cannot say: the stream is opened, as before
    }
  }

  @Override
  public Optional<String> marketClosed(MarketKey market) {
    try {
      return Optional.ofNullable(view.noSuchMarket(market));
    } catch (LedgerException e) {
      return Optional.empty(); // the chain cannot say: the book's answer, as before
    }
  }

  /**
   * Whether the broker can take orders: its node answers, and its chain holds the deployment's
   * contracts (a dev chain restarted under the broker answers with none). Asked at most once a
   * second; contracts gone, and back, are logged (throttled), whoever asked.
   */
  @Override
  public Optional<String> notReady() {
    Readiness r = readiness;
    long now = System.nanoTime();
    boolean stale = r == null || now - r.checkedAt() > 1_000_000_000L;
    if (!stale) {
      return r.notReady();
    }
    if (!checkingReadiness.compareAndSet(false, true)) {
      // another thread is asking the node (a hung node holds up one caller, not all)
      return r != null ? r.notReady() : Optional.of("its chain node is being asked; try again");
    }
    try {
      Optional<String> why;
      try {
        chain.requireContracts();
        failures.success(CONTRACTS);
        why = Optional.empty();
      } catch (NoContractException e) {
        failures.failure(CONTRACTS, e);
        why =
            Optional.of(
                "the deployment's contracts are not on the chain its node serves (a restarted"
                    + " chain, or a deployment record for another chain); orders wait until they"
                    + " are");
      } catch (LedgerException e) {
        why = Optional.of("its chain node does not answer; orders wait until it does");
      }
      r = new Readiness(why, now);
      readiness = r;
    } finally {
      checkingReadiness.set(false);
    }
    return r.notReady();
  }

  @Override
  public IntakeResult submit(SignedOrder order, Long chainId, Address exchange) {
    metrics.inc("broker_orders_received_total");
    long t0 = System.nanoTime();
    try {
      IntakeResult r = intake.submit(order, chainId, exchange);
      if (r instanceof IntakeResult.Refused f && f.reason() == Rejection.CHAIN_UNAVAILABLE) {
        // logs contracts gone from the chain (asked at most once a second, by one thread), off
        // the request's path: the refusal does not wait for the node a second time
        Thread.ofVirtual().name("readiness").start(this::notReady);
      }
      return r;
    } finally {
      metrics.observe("broker_intake_seconds", (System.nanoTime() - t0) / 1e9);
    }
  }

  @Override
  public IntakeResult cancel(Address maker, long nonce, Signature signature) {
    if (!messages.verifyCancel(maker, nonce, signature)) {
      return IntakeResult.refused(
          Rejection.BAD_SIGNATURE,
          "the cancel is not signed by " + maker + " under this deployment's domain");
    }
    Optional<OrderRecord> booked = engine.find(maker, nonce);
    if (booked.isEmpty()) {
      return store.nonceUsed(maker, nonce)
          ? IntakeResult.refused(
              Rejection.NOT_CANCELLABLE, "order " + nonce + " of " + maker + " is no longer open")
          : IntakeResult.refused(Rejection.UNKNOWN_ORDER, "no order " + nonce + " of " + maker);
    }
    OrderRecord r = booked.get();
    store.keepCancel(r.orderHash(), signature);
    closeOpen(r, OrderState.CANCELLED, "cancelled by its maker");
    return new IntakeResult.Accepted(store.order(r.orderHash()).orElse(r));
  }

  @Override
  public OrderAccepted answer(OrderRecord accepted) {
    MarketKey market = accepted.order().order().market();
    boolean nearRt = engine.timescale(market) == Timescale.NEAR_RT;
    // a near-RT order crosses as it is booked: answer with what the store holds of it now
    OrderRecord r = nearRt ? store.order(accepted.orderHash()).orElse(accepted) : accepted;
    boolean showFills = r.status() != OrderState.OPEN || r.matched() > 0 || nearRt;
    return new OrderAccepted(
        r.orderHash(),
        WireViews.status(r.status()),
        market,
        showFills ? WireViews.fills(r.orderHash(), market, store) : null,
        engine.acceptedAt(r.orderHash(), market).map(at -> intakeReceipt(r, at)).orElse(null));
  }

  /**
   * The broker's signed promise that {@code r} is in every auction of its market from {@code at}.
   */
  private IntakeReceipt intakeReceipt(OrderRecord r, long at) {
    var message =
        new OffChainMessages.IntakeReceipt(r.orderHash(), r.order().order().market(), at, r.seq());
    return new IntakeReceipt(
        r.orderHash(),
        message.market(),
        at,
        r.seq(),
        messages.signIntake(config.key(), message).toHex());
  }

  @Override
  public Optional<OrderView> order(Bytes32 orderHash, Address maker) {
    return store
        .order(orderHash)
        .filter(r -> r.order().order().maker().equals(maker))
        .map(this::view);
  }

  private OrderView view(OrderRecord r) {
    return WireViews.order(r, engine.timescale(r.order().order().market()), store);
  }

  @Override
  public OrderList ordersOf(Address maker, int limit) {
    return new OrderList(store.ordersOf(maker, limit).stream().map(this::view).toList());
  }

  @Override
  public MarketList markets() {
    return new MarketList(engine.markets(this::lit));
  }

  private boolean lit(MarketKey market) {
    return bookRules.lit(market, engine.timescale(market));
  }

  @Override
  public Optional<org.spectrumledger.broker.api.AuctionBookView> auctionBook(
      MarketKey market, long cutoff) {
    return store
        .book(market, cutoff)
        .map(
            a ->
                org.spectrumledger.broker.api.AuctionBookView.of(
                    market, cutoff, a.price(), a.book()));
  }

  @Override
  public Optional<DepthView> depth(MarketKey market, int levels) {
    // a sealed book is not even read: the answer and its timing cannot depend on it
    return lit(market) ? Optional.of(engine.depth(market, levels)) : Optional.empty();
  }

  @Override
  public RequestVerifier requests() {
    return requests;
  }

  @Override
  public BookRules.Outcome setBookRule(BookRule rule) {
    return bookRules.submit(rule);
  }

  @Override
  public TradeList trades(Address maker, MarketKey market, int limit) {
    return new TradeList(
        store.trades(maker, market, limit).stream().map(WireViews::trade).toList());
  }

  @Override
  public BatchList batches(int limit) {
    return new BatchList(store.batches(limit).stream().map(b -> WireViews.batch(b, null)).toList());
  }

  @Override
  public Optional<BatchView> batch(long batchId) {
    return store.batch(batchId).map(b -> WireViews.batch(b, store.clearingsOfBatch(batchId)));
  }

  @Override
  public BrokerInfo info() {
    return new BrokerInfo(
        config.deployment().chainId(),
        config.deployment().exchange(),
        config.deployment().policy(),
        config.deployment().token(),
        config.key().address(),
        config.nonRtEpoch().toMillis(),
        config.nearRtEpoch().toMillis(),
        config.nearRtMaxSlotSeconds(),
        config.settlePeriod().toMillis(),
        config.intake().lotSize(),
        config.intake().tickSize(),
        config.intake().horizonSeconds(),
        config.intake().minValiditySeconds(),
        bookRules.rules());
  }

  @Override
  public Metrics metrics() {
    return metrics;
  }

  @Override
  public SseHub fills() {
    return fills;
  }

  /** Runs one settlement period now and waits for its batches (tests). */
  public void settleNow() {
    settler.tick();
    settler.drain();
  }

  /** Runs an epoch of {@code ts} now (tests). */
  public void clearNow(Timescale ts) {
    runEpoch(ts);
  }

  /** The books and their auctions (tests, and the demo's cheating broker). */
  public EpochEngine engine() {
    return engine;
  }

  /** Answers the omission challenges announced so far now, rather than at its next period. */
  public void answerChallengesNow() {
    store.setMeta("omission_cursor", Long.toString(answerer.poll()));
  }

  /** Omission challenges answered since the broker started. */
  public int omissionsAnswered() {
    return answerer.answered();
  }

  @Override
  public void close() {
    timers.shutdownNow();
    try {
      timers.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (events != null) {
      events.close();
    }
    http.close();
    orderWriter.close();
    settler.close();
    settler.drain();
    store.close();
    chain.close();
  }
}
