package org.spectrumledger.broker;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spectrumledger.broker.epoch.EpochEngine;
import org.spectrumledger.broker.epoch.Timescale;
import org.spectrumledger.broker.explorer.ExplorerRoutes;
import org.spectrumledger.broker.http.HttpApi;
import org.spectrumledger.broker.http.Json;
import org.spectrumledger.broker.http.SseHub;
import org.spectrumledger.broker.intake.ChainView;
import org.spectrumledger.broker.intake.Exposure;
import org.spectrumledger.broker.intake.IntakeResult;
import org.spectrumledger.broker.intake.OrderIntake;
import org.spectrumledger.broker.intake.Rejection;
import org.spectrumledger.broker.metrics.Metrics;
import org.spectrumledger.broker.settlement.SettlementListener;
import org.spectrumledger.broker.settlement.Settler;
import org.spectrumledger.broker.store.BatchRecord;
import org.spectrumledger.broker.store.BrokerStore;
import org.spectrumledger.broker.store.ClearingRecord;
import org.spectrumledger.broker.store.ClearingState;
import org.spectrumledger.broker.store.FillRecord;
import org.spectrumledger.broker.store.OrderRecord;
import org.spectrumledger.broker.store.OrderState;
import org.spectrumledger.ledger.Address;
import org.spectrumledger.ledger.Bytes32;
import org.spectrumledger.ledger.EventCursor;
import org.spectrumledger.ledger.LedgerClient;
import org.spectrumledger.ledger.LedgerConfig;
import org.spectrumledger.ledger.LedgerEvent;
import org.spectrumledger.ledger.LedgerEventStream;
import org.spectrumledger.ledger.MarketKey;
import org.spectrumledger.ledger.OffChainMessages;
import org.spectrumledger.ledger.Order;
import org.spectrumledger.ledger.Role;
import org.spectrumledger.ledger.RoleMismatchException;
import org.spectrumledger.ledger.Signature;
import org.spectrumledger.ledger.SignedOrder;
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
  private final EpochEngine engine;
  private final OrderIntake intake;
  private final Settler settler;
  private final OffChainMessages messages;
  private final ScheduledExecutorService timers =
      Executors.newScheduledThreadPool(
          3,
          r -> {
            Thread t = new Thread(r, "broker-timer");
            t.setDaemon(true);
            return t;
          });
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
    if (!chain.hasRole(Role.BROKER, config.key().address())) {
      chain.close();
      throw new RoleMismatchException(
          config.key().address(), Role.BROKER, config.deployment().policy());
    }
    this.store = BrokerStore.open(config.jdbcUrl(), config.dbUser(), config.dbPassword());
    this.view = new ChainView(chain, 2_000);
    this.messages = new OffChainMessages(config.deployment().domain());
    this.engine =
        new EpochEngine(
            store,
            config.intake().rules(),
            config.auctionCapPerSide(),
            config.nearRtMaxSlotSeconds(),
            view::marketRefusal,
            this::onCleared,
            this::receipt,
            view::feeBps);
    this.intake =
        new OrderIntake(
            chain.orderSigner(), view, store, exposure, config.intake(), this::onAccepted);
    this.settler =
        new Settler(
            chain,
            store,
            metrics,
            new Listener(),
            config.maxFillsPerBatch(),
            config.maxBatchesInFlight());
    this.http = new HttpApi(this, config.host(), config.port());
    http.route(new ExplorerRoutes(new Explorer(chain), this));
    metrics.gauge("broker_open_orders", "orders in the books", engine::openOrders);
    metrics.gauge("broker_batches_in_flight", "batches sent and not yet mined", settler::inFlight);
    metrics.gauge("broker_sse_subscribers", "fill-stream subscribers", fills::subscriberCount);
    metrics.gauge(
        "broker_order_commits_total",
        "group commits of accepted orders",
        () -> intake.writer().commits());
    metrics.gauge(
        "broker_order_commit_nanos_total",
        "time in group commits",
        () -> intake.writer().commitNanos());
    metrics.describe("broker_orders_received_total", "orders submitted over HTTP");
    metrics.describe("broker_orders_accepted_total", "orders accepted into the books");
    metrics.describe("broker_orders_rejected_total", "orders and cancels refused, by reason");
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
    settler.recover();
    for (OrderRecord r : store.allOrders()) {
      long claim = unsettledClaim(r);
      if (claim > 0) {
        exposure.claim(r.orderHash(), r.order().order(), claim);
      }
      if (r.status() == OrderState.OPEN) {
        engine.add(r);
      }
    }
    LOG.info("broker recovered: {} open orders booked", engine.openOrders());
  }

  private void startLoops() {
    EventCursor cursor = store.meta("event_cursor").map(EventCursor::parse).orElse(null);
    events =
        chain
            .eventStream(cursor)
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
        guard("settlement", settler::tick),
        config.settlePeriod().toMillis(),
        config.settlePeriod().toMillis(),
        TimeUnit.MILLISECONDS);
  }

  private static Runnable guard(String what, Runnable r) {
    return () -> {
      try {
        r.run();
      } catch (RuntimeException e) {
        LOG.warn("{}: {}", what, e.getMessage(), e);
      }
    };
  }

  private void runEpoch(Timescale ts) {
    long now = view.chainTime();
    for (OrderRecord r : engine.expiring(now + config.intake().minValiditySeconds())) {
      if (engine.remove(r)
          && store.closeOrder(
              r.orderHash(), OrderState.EXPIRED, "expired before it could settle")) {
        releaseIfUnsettled(r.orderHash());
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

  private void onAccepted(OrderRecord r) {
    metrics.inc("broker_orders_accepted_total");
    engine.add(r);
    MarketKey m = r.order().order().market();
    if (engine.timescale(m) == Timescale.NEAR_RT) {
      engine.clearIfCrossing(m);
    }
  }

  private String receipt(OrderRecord r, long quantity, long price, long epoch, Timescale ts) {
    if (ts != Timescale.NEAR_RT) {
      return null;
    }
    long settleBy = view.chainTime() + config.settleBySeconds();
    var receipt = new OffChainMessages.FillReceipt(r.orderHash(), quantity, price, epoch, settleBy);
    return Json.write(
        Map.of(
            "orderHash", r.orderHash().hex(),
            "fillQuantity", quantity,
            "price", price,
            "clearingId", epoch,
            "settleBy", settleBy,
            "signature", messages.signReceipt(config.key(), receipt).toHex()));
  }

  private void onCleared(ClearingRecord c, Timescale ts) {
    metrics.inc("broker_clearings_total", "timescale", ts.label());
    for (FillRecord f : c.fills()) {
      Map<String, Object> fill = HttpApi.fillJson(f);
      fill.put("market", c.market().toString());
      fill.put("state", "matched");
      fills.publish(f.maker(), "fill", Json.write(fill));
    }
  }

  private void onChainEvent(LedgerEvent e) {
    view.onEvent(e);
    switch (e.name()) {
      case "FeeChanged" -> engine.rebook();
      case "OrderCancelled" ->
          engine
              .find(e.address("maker"), e.longValue("nonce"))
              .ifPresent(r -> closeOpen(r, OrderState.CANCELLED, "cancelled on chain"));
      case "NoncesInvalidated" -> {
        long min = e.longValue("minValidNonce");
        for (OrderRecord r : engine.openOf(e.address("maker"))) {
          if (r.order().order().nonce() < min) {
            closeOpen(r, OrderState.CANCELLED, "cancelled on chain (nonces below " + min + ")");
          }
        }
      }
      default -> {}
    }
  }

  private void closeOpen(OrderRecord r, OrderState state, String reason) {
    if (engine.remove(r) && store.closeOrder(r.orderHash(), state, reason)) {
      releaseIfUnsettled(r.orderHash());
    }
  }

  /** An order left the book: it now claims only what is matched and not yet settled. */
  private void releaseIfUnsettled(Bytes32 orderHash) {
    store
        .order(orderHash)
        .ifPresent(r -> exposure.claim(r.orderHash(), r.order().order(), unsettledClaim(r)));
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

  private final class Listener implements SettlementListener {
    @Override
    public void settled(BatchRecord batch, List<ClearingRecord> clearings) {
      for (ClearingRecord c : clearings) {
        for (FillRecord f : c.fills()) {
          store
              .order(f.orderHash())
              .ifPresent(r -> exposure.claim(r.orderHash(), r.order().order(), unsettledClaim(r)));
          Map<String, Object> fill = HttpApi.fillJson(f);
          fill.put("market", c.market().toString());
          fill.put("state", "settled");
          fill.put("batchId", batch.batchId());
          fill.put("txHash", batch.txHash() == null ? null : batch.txHash().hex());
          fills.publish(f.maker(), "settled", Json.write(fill));
        }
      }
    }

    @Override
    public void dropped(List<ClearingRecord> clearings, List<Bytes32> rejected, String reason) {
      view.invalidateMarkets();
      for (ClearingRecord c : clearings) {
        for (FillRecord f : c.fills()) {
          store
              .order(f.orderHash())
              .ifPresent(
                  r -> {
                    engine.remove(r);
                    if (r.status() == OrderState.OPEN) {
                      engine.add(r);
                    } else {
                      exposure.claim(r.orderHash(), r.order().order(), unsettledClaim(r));
                    }
                  });
          fills.publish(
              f.maker(),
              "dropped",
              Json.write(Map.of("orderHash", f.orderHash().hex(), "reason", reason)));
        }
      }
    }
  }

  // ------------------------------------------------------------------ BrokerApi

  @Override
  public IntakeResult submit(SignedOrder order, Long chainId, Address exchange) {
    metrics.inc("broker_orders_received_total");
    return intake.submit(order, chainId, exchange);
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
    closeOpen(r, OrderState.CANCELLED, "cancelled by its maker");
    return new IntakeResult.Accepted(store.order(r.orderHash()).orElse(r));
  }

  @Override
  public Optional<Map<String, Object>> order(Bytes32 orderHash) {
    return store.order(orderHash).map(this::orderJson);
  }

  private Map<String, Object> orderJson(OrderRecord r) {
    Order o = r.order().order();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("orderHash", r.orderHash().hex());
    m.put("maker", o.maker().hex());
    m.put("nonce", o.nonce());
    m.put("side", o.side().name().toLowerCase(Locale.ROOT));
    m.put("market", o.market().toString());
    m.put("timescale", engine.timescale(o.market()).label());
    m.put("quantity", o.quantity());
    m.put("limitPrice", o.limitPrice());
    m.put("validUntil", o.validUntil());
    m.put("partialFill", o.partialFill());
    m.put("status", r.status().name().toLowerCase(Locale.ROOT));
    m.put("matched", r.matched());
    m.put("settled", r.settled());
    m.put("reason", r.reason());
    List<Map<String, Object>> fl = new ArrayList<>();
    for (BrokerStore.OrderFill of : store.fillsOf(r.orderHash())) {
      Map<String, Object> f = HttpApi.fillJson(of.fill());
      f.put(
          "state",
          of.state() == ClearingState.SETTLED
              ? "settled"
              : of.state() == ClearingState.DROPPED ? "dropped" : "matched");
      f.put("batchId", of.batchId());
      fl.add(f);
    }
    m.put("fills", fl);
    return m;
  }

  @Override
  public List<Map<String, Object>> ordersOf(Address maker, int limit) {
    return store.ordersOf(maker, limit).stream().map(this::orderJson).toList();
  }

  @Override
  public List<Map<String, Object>> markets() {
    return engine.markets();
  }

  @Override
  public Map<String, Object> depth(MarketKey market, int levels) {
    return engine.depth(market, levels);
  }

  @Override
  public List<BrokerStore.Trade> trades(Address maker, MarketKey market, int limit) {
    return store.trades(maker, market, limit);
  }

  @Override
  public List<BatchRecord> batches(int limit) {
    return store.batches(limit);
  }

  @Override
  public Optional<BatchRecord> batch(long batchId) {
    return store.batch(batchId);
  }

  @Override
  public List<ClearingRecord> clearingsOfBatch(long batchId) {
    return store.clearingsOfBatch(batchId);
  }

  @Override
  public Map<String, Object> info() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("chainId", config.deployment().chainId());
    m.put("exchange", config.deployment().exchange().hex());
    m.put("policy", config.deployment().policy().hex());
    m.put("token", config.deployment().token().hex());
    m.put("broker", config.key().address().hex());
    m.put("nonRtEpochMillis", config.nonRtEpoch().toMillis());
    m.put("nearRtEpochMillis", config.nearRtEpoch().toMillis());
    m.put("nearRtMaxSlotSeconds", config.nearRtMaxSlotSeconds());
    m.put("settlePeriodMillis", config.settlePeriod().toMillis());
    m.put("lotSize", config.intake().lotSize());
    m.put("tickSize", config.intake().tickSize());
    return m;
  }

  @Override
  public boolean isNearRt(OrderRecord order) {
    return engine.timescale(order.order().order().market()) == Timescale.NEAR_RT;
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
    intake.close();
    settler.drain();
    store.close();
    chain.close();
  }
}
