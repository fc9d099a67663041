package org.spectrumledger.cli;

import java.io.PrintWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.spectrumledger.broker.BrokerConfig;
import org.spectrumledger.broker.BrokerNode;
import org.spectrumledger.broker.epoch.Timescale;
import org.spectrumledger.broker.intake.IntakeResult;
import org.spectrumledger.broker.store.BatchRecord;
import org.spectrumledger.broker.store.BrokerStore;
import org.spectrumledger.broker.store.ClearingRecord;
import org.spectrumledger.broker.store.ClearingState;
import org.spectrumledger.broker.store.OrderRecord;
import org.spectrumledger.ledger.CellId;
import org.spectrumledger.ledger.GasFees;
import org.spectrumledger.ledger.LedgerClient;
import org.spectrumledger.ledger.MarketKey;
import org.spectrumledger.ledger.OperatorKind;
import org.spectrumledger.ledger.Order;
import org.spectrumledger.ledger.OrderSigner;
import org.spectrumledger.ledger.Side;
import org.spectrumledger.ledger.SignedOrder;
import org.spectrumledger.ledger.SigningKey;
import org.spectrumledger.ledger.cli.TextTable;
import org.spectrumledger.ledger.devchain.AnvilChain;
import org.spectrumledger.ledger.devchain.DevChainOptions;
import org.spectrumledger.ledger.devchain.DevLedger;

/**
 * {@code spectrum demo --city}: the marketplace at the scale of a city. Operators trade per-minute
 * markets of one band over cells in three altitude layers (ground, UAV, HAP) for an hour of chain
 * time: a few licensed network operators sell, the others buy what their demand needs, each cell's
 * demand the NIST LTE per-minute series shifted and scaled for that cell (seeded). Every minute the
 * broker takes the orders of every cell's market, clears them at once and settles them on the dev
 * chain before the chain's clock moves on a minute. The report: trades per second, gas per trade,
 * order-to-settlement latency, and the largest auction settled.
 */
final class CityDemo {

  /** The band of the per-minute markets. */
  static final long BAND = 21;

  static final long SLOT_SECONDS = 60;

  /** Base units of the settlement token per token (6 decimals). */
  private static final long TOKEN = 1_000_000;

  /** How the city is laid out and traded. */
  record Plan(int minutes, int cells, int operators, int sellers, int cellsPerBuyer, long seed) {
    Plan {
      if (minutes < 1 || cells < 3 || operators < 2 || sellers < 1 || sellers >= operators) {
        throw new IllegalArgumentException(
            "a city needs at least one minute, three cells (a layer each), and more operators than"
                + " sellers: minutes "
                + minutes
                + ", cells "
                + cells
                + ", operators "
                + operators);
      }
      if (cellsPerBuyer < 1 || cellsPerBuyer > cells) {
        throw new IllegalArgumentException("a buyer serves 1.." + cells + " cells");
      }
    }

    /** 50 operators (10 of them licensed sellers) over 200 cells for an hour. */
    static Plan defaults(long seed) {
      return new Plan(60, 200, 50, 10, 20, seed);
    }
  }

  /** What the run measured; written as the JSON report. */
  record Report(
      int minutes,
      int cells,
      int operators,
      long markets,
      long ordersSent,
      long ordersAccepted,
      long tradesSettled,
      long auctions,
      double tradingSeconds,
      double tradesPerSecond,
      long gasPerTrade,
      Latency orderToSettlementMs,
      Largest largestAuction,
      long batches,
      long unsettled) {}

  record Latency(double p50, double p99) {}

  record Largest(String market, long fills, long orders, int parts) {}

  private final Plan plan;
  private final double[] demandSeries;
  private final double demandMean;
  private final PrintWriter err;

  CityDemo(Plan plan, double[] demandSeries, PrintWriter err) {
    if (demandSeries.length < plan.minutes() + 1) {
      throw new IllegalArgumentException(
          "the demand series has " + demandSeries.length + " points, fewer than the minutes run");
    }
    this.plan = plan;
    this.demandSeries = demandSeries;
    this.demandMean = Arrays.stream(demandSeries).average().orElse(1);
    this.err = err;
  }

  private record Cell(
      long id, double scale, int offset, int[] sellers, int[] buyers, double[] shares) {}

  Report run() throws Exception {
    Random rnd = new Random(plan.seed());
    Path dir = Files.createTempDirectory("spectrum-city");
    err.println("starting the dev chain and deploying the ledger ...");
    err.flush();
    try (AnvilChain chain = AnvilChain.start(DevChainOptions.defaults().withAccounts(3));
        DevLedger ledger = DevLedger.deploy(chain, 60)) {
      LedgerClient admin = ledger.admin();
      admin.policy().registerBand(BAND, 3_400_000, 3_500_000, false, 0, SLOT_SECONDS);
      long now = admin.chainTime();

      List<Cell> cells = layOut(rnd);
      err.printf(
          "registering %d operators and licensing %d sellers over %d cells in 3 layers ...%n",
          plan.operators(), plan.sellers(), plan.cells());
      err.flush();
      List<SigningKey> sellers = new ArrayList<>();
      for (int i = 0; i < plan.sellers(); i++) {
        sellers.add(
            ledger.newOperator(
                "City network " + i,
                OperatorKind.MOBILE_NETWORK,
                BigInteger.ZERO,
                BigInteger.ZERO));
      }
      for (Cell c : cells) {
        for (int s : c.sellers()) {
          admin
              .policy()
              .grantLicence(
                  sellers.get(s).address(), BAND, c.id(), 1_000_000, now - 60, now + 7 * 86_400);
        }
      }
      OperatorKind[] kinds = {
        OperatorKind.VIRTUAL_NETWORK, OperatorKind.MICRO_OPERATOR, OperatorKind.LOCAL_OPERATOR
      };
      BigInteger funds = BigInteger.valueOf(1_000_000 * TOKEN);
      List<SigningKey> buyers = new ArrayList<>();
      for (int i = 0; i < plan.operators() - plan.sellers(); i++) {
        buyers.add(ledger.newOperator("City operator " + i, kinds[i % kinds.length], funds, funds));
      }

      BrokerConfig config =
          BrokerConfig.defaults(
                  chain.rpcUrl(),
                  ledger.deployment(),
                  ledger.brokerKey(),
                  BrokerStore.defaultUrl(dir))
              .withPort(0)
              .withFees(GasFees.free())
              // the demo drives the epochs and the settlement itself, minute by minute
              .withEpochs(Duration.ofHours(1), Duration.ofHours(1), Duration.ofHours(1))
              .withInFlight(8);
      try (BrokerNode broker = BrokerNode.start(config)) {
        // set up on a chain that mines each transaction at once; trade on one that mines a block
        // every second, as a Besu network would
        chain.mineEvery(1);
        OrderSigner signer = admin.exchange().orderSigner();
        Map<org.spectrumledger.ledger.Address, SigningKey> keys = new HashMap<>();
        for (SigningKey k : sellers) {
          keys.put(k.address(), k);
        }
        for (SigningKey k : buyers) {
          keys.put(k.address(), k);
        }
        Map<SigningKey, Long> nonces = new HashMap<>();
        long slotStart = 0;
        long sent = 0;
        AtomicInteger accepted = new AtomicInteger();
        long tradingStarted = System.nanoTime();
        for (int m = 0; m < plan.minutes(); m++) {
          // the next minute's slot, at least two minutes ahead of the chain's clock (which also
          // runs on with the wall clock while the demo works)
          slotStart =
              Math.max(
                  slotStart + SLOT_SECONDS, (admin.chainTime() / SLOT_SECONDS + 2) * SLOT_SECONDS);
          List<Order> orders = new ArrayList<>();
          for (Cell c : cells) {
            MarketKey market = new MarketKey(BAND, c.id(), slotStart, slotStart + SLOT_SECONDS);
            orders.addAll(ordersOf(c, m, market, sellers, buyers, nonces, rnd));
          }
          List<SignedOrder> signed =
              orders.parallelStream().map(o -> signer.sign(o, keys.get(o.maker()))).toList();
          signed.parallelStream()
              .forEach(
                  o -> {
                    if (broker.submit(o, null, null) instanceof IntakeResult.Accepted) {
                      accepted.incrementAndGet();
                    }
                  });
          sent += signed.size();
          broker.clearNow(Timescale.NON_RT);
          settleAll(broker);
          // on to two minutes before the next slot
          long ahead = slotStart - SLOT_SECONDS - admin.chainTime();
          if (ahead > 0) {
            chain.advanceTime(Duration.ofSeconds(ahead));
          }
          if ((m + 1) % 10 == 0 || m + 1 == plan.minutes()) {
            err.printf(
                "  minute %d of %d: %d orders so far, %d trades settled%n",
                m + 1,
                plan.minutes(),
                sent,
                broker.metrics().counter("broker_trades_settled_total"));
            err.flush();
          }
        }
        double tradingSeconds = (System.nanoTime() - tradingStarted) / 1e9;
        return report(broker.store(), sent, accepted.get(), tradingSeconds);
      }
    }
  }

  /** Cells in three layers, each with its sellers, its buyers and its demand's shift and scale. */
  private List<Cell> layOut(Random rnd) {
    CellId.Layer[] layers = CellId.Layer.values();
    int buyersTotal = plan.operators() - plan.sellers();
    List<List<Integer>> buyersOfCell = new ArrayList<>();
    for (int c = 0; c < plan.cells(); c++) {
      buyersOfCell.add(new ArrayList<>());
    }
    for (int b = 0; b < buyersTotal; b++) {
      // each buyer serves a run of neighbouring cells, starting anywhere
      int first = rnd.nextInt(plan.cells());
      for (int k = 0; k < plan.cellsPerBuyer(); k++) {
        buyersOfCell.get((first + k) % plan.cells()).add(b);
      }
    }
    List<Cell> cells = new ArrayList<>();
    int span = demandSeries.length - plan.minutes();
    for (int c = 0; c < plan.cells(); c++) {
      CellId.Layer layer = layers[c % layers.length];
      long id = CellId.of(layer, 10_000 + c).value();
      int nSellers = Math.min(plan.sellers(), 3);
      int[] sellers = new int[nSellers];
      for (int k = 0; k < nSellers; k++) {
        sellers[k] = (c + k) % plan.sellers();
      }
      int[] buyers = buyersOfCell.get(c).stream().mapToInt(Integer::intValue).toArray();
      double[] shares = new double[buyers.length];
      double total = 0;
      for (int k = 0; k < shares.length; k++) {
        shares[k] = 0.5 + rnd.nextDouble();
        total += shares[k];
      }
      for (int k = 0; k < shares.length; k++) {
        shares[k] /= total;
      }
      // the layers above ground serve fewer users: less demand
      double layerScale =
          layer == CellId.Layer.GROUND ? 1.0 : layer == CellId.Layer.UAV ? 0.6 : 0.3;
      cells.add(
          new Cell(
              id,
              layerScale * (0.5 + rnd.nextDouble()),
              rnd.nextInt(span),
              sellers,
              buyers,
              shares));
    }
    return cells;
  }

  /** One minute's orders of one cell: its buyers bid for their share of its demand, sellers ask. */
  private List<Order> ordersOf(
      Cell c,
      int minute,
      MarketKey market,
      List<SigningKey> sellers,
      List<SigningKey> buyers,
      Map<SigningKey, Long> nonces,
      Random rnd) {
    List<Order> out = new ArrayList<>();
    double demandSru = 3.0 * c.scale() * demandSeries[c.offset() + minute] / demandMean;
    for (int k = 0; k < c.buyers().length; k++) {
      long quantity = Math.round(demandSru * c.shares()[k] * 1_000);
      if (quantity < 50) {
        continue;
      }
      // a busier minute is worth more to a buyer
      double limit = 2.0 + 0.5 * Math.min(1.5, demandSru / 3.0) + 0.2 * rnd.nextDouble();
      SigningKey b = buyers.get(c.buyers()[k]);
      out.add(order(b, Side.BID, market, quantity, limit, nonces));
    }
    for (int s : c.sellers()) {
      long quantity = Math.round((0.5 + 1.5 * rnd.nextDouble()) * 1_000);
      double limit = 1.9 + 0.6 * rnd.nextDouble();
      out.add(order(sellers.get(s), Side.ASK, market, quantity, limit, nonces));
    }
    return out;
  }

  private static Order order(
      SigningKey maker,
      Side side,
      MarketKey market,
      long quantity,
      double limitTokens,
      Map<SigningKey, Long> nonces) {
    long limit = Math.round(limitTokens * 1_000) * 1_000; // on the 1,000-unit tick
    long nonce = nonces.merge(maker, 1L, Long::sum);
    return new Order(
        maker.address(), side, market, quantity, limit, nonce, market.slotStart(), true);
  }

  /** Settles until nothing the broker matched is waiting or on its way. */
  private static void settleAll(BrokerNode broker) {
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    while (!broker.store().clearings(ClearingState.PENDING).isEmpty()
        || !broker.store().clearings(ClearingState.BATCHED).isEmpty()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("a minute's trades did not settle within 2 minutes");
      }
      broker.settleNow();
    }
  }

  private Report report(BrokerStore store, long sent, long accepted, double tradingSeconds) {
    Map<String, Long> received = new HashMap<>();
    for (OrderRecord r : store.allOrders()) {
      received.put(r.orderHash().hex(), r.receivedAt());
    }
    List<Double> latency = new ArrayList<>();
    long trades = 0;
    for (BrokerStore.Trade t : store.trades(null, null, Integer.MAX_VALUE)) {
      trades++;
      Long at = received.get(t.fill().orderHash().hex());
      if (at != null && t.settledAt() > 0) {
        latency.add((double) (t.settledAt() - at));
      }
    }
    double[] sorted = latency.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    long gas = 0;
    long fillsInBatches = 0;
    List<BatchRecord> batches = store.batches(Integer.MAX_VALUE);
    for (BatchRecord b : batches) {
      if (b.gasUsed() > 0) {
        gas += b.gasUsed();
        fillsInBatches += b.fills();
      }
    }
    // an auction is one market's clearing in one epoch, its parts together
    Map<String, List<ClearingRecord>> auctions = new LinkedHashMap<>();
    for (ClearingRecord c : store.clearings(ClearingState.SETTLED)) {
      auctions.computeIfAbsent(c.market() + "@" + c.epoch(), k -> new ArrayList<>()).add(c);
    }
    Largest largest = new Largest("none", 0, 0, 0);
    for (var e : auctions.entrySet()) {
      long fills = e.getValue().stream().mapToLong(c -> c.fills().size()).sum();
      if (fills > largest.fills()) {
        long orders =
            e.getValue().stream()
                .flatMap(c -> c.fills().stream())
                .map(f -> f.orderHash())
                .distinct()
                .count();
        largest =
            new Largest(
                e.getValue().getFirst().market().toString(), fills, orders, e.getValue().size());
      }
    }
    long unsettled =
        store.clearings(ClearingState.PENDING).size()
            + store.clearings(ClearingState.BATCHED).size();
    return new Report(
        plan.minutes(),
        plan.cells(),
        plan.operators(),
        (long) plan.minutes() * plan.cells(),
        sent,
        accepted,
        trades,
        auctions.size(),
        Math.round(tradingSeconds * 10) / 10.0,
        Math.round(trades / tradingSeconds * 10) / 10.0,
        fillsInBatches == 0 ? 0 : gas / fillsInBatches,
        new Latency(percentile(sorted, 50), percentile(sorted, 99)),
        largest,
        batches.size(),
        unsettled);
  }

  private static double percentile(double[] sorted, double p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
  }

  /** The report as a table. */
  static void print(Report r, PrintWriter out) {
    TextTable t = new TextTable("figure", "value");
    t.row(
        "city",
        r.operators()
            + " operators, "
            + r.cells()
            + " cells in 3 layers, "
            + r.minutes()
            + " minutes");
    t.row("markets", r.markets() + " (one per cell and minute)");
    t.row("orders sent / accepted", r.ordersSent() + " / " + r.ordersAccepted());
    t.row("auctions that traded", r.auctions());
    t.row("trades settled", r.tradesSettled() + " in " + r.batches() + " batches");
    t.row("trading time", String.format("%.1f s", r.tradingSeconds()));
    t.row("trades per second", String.format("%.1f", r.tradesPerSecond()));
    t.row("gas per trade", r.gasPerTrade());
    t.row(
        "order → settlement p50 / p99",
        String.format(
            "%.0f ms / %.0f ms", r.orderToSettlementMs().p50(), r.orderToSettlementMs().p99()));
    t.row(
        "largest auction settled",
        r.largestAuction().fills()
            + " fills of "
            + r.largestAuction().orders()
            + " orders in "
            + r.largestAuction().parts()
            + " part(s), "
            + r.largestAuction().market());
    t.row("left unsettled", r.unsettled());
    out.print(t);
    out.flush();
  }
}
