package org.spectrumledger.broker.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.spectrumledger.broker.store.BrokerStore;
import org.spectrumledger.broker.store.OrderRecord;
import org.spectrumledger.ledger.MarketKey;
import org.spectrumledger.ledger.Side;
import org.spectrumledger.ledger.SignedOrder;
import org.spectrumledger.ledger.SigningKey;
import org.spectrumledger.ledger.cli.TextTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The broker against a dev chain that mines a block every second, as a Besu QBFT network would:
 * settled trades per second under a steady flow of crossing orders over several markets; the time
 * from an order's acceptance to its settlement, in block periods; and, in a near-RT market, the
 * time from sending a crossing order to holding the broker's signed fill receipt.
 */
@Command(
    name = "settlement",
    mixinStandardHelpOptions = true,
    description =
        "Settled trades per second with 1-second blocks, order-to-settlement latency, near-RT receipt latency.")
public final class SettlementBench implements Callable<Integer> {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The dev chain mines a block every this many seconds; latencies are also given in blocks. */
  private static final int BLOCK_SECONDS = 1;

  @Spec CommandSpec spec;

  @Option(
      names = "--seconds",
      defaultValue = "30",
      description = "length of the order flow (default ${DEFAULT-VALUE})")
  int seconds;

  @Option(
      names = "--rate",
      defaultValue = "400",
      description = "orders per second sent (half bids, half asks; default ${DEFAULT-VALUE})")
  int rate;

  @Option(
      names = "--markets",
      defaultValue = "8",
      description = "markets the flow spreads over (default ${DEFAULT-VALUE})")
  int markets;

  @Option(
      names = "--receipts",
      defaultValue = "400",
      description = "near-RT crossings timed for the receipt latency (default ${DEFAULT-VALUE})")
  int receipts;

  private static double median(List<Double> values) {
    return BenchLedger.percentile(
        values.stream().mapToDouble(Double::doubleValue).sorted().toArray(), 50);
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    List<Long> cells = new ArrayList<>();
    for (int i = 0; i <= markets; i++) {
      cells.add(BenchLedger.cell(i));
    }
    try (BenchLedger b =
        new BenchLedger(
            BLOCK_SECONDS,
            8,
            cells,
            c ->
                c.withEpochs(
                    Duration.ofMillis(500), Duration.ofMillis(100), Duration.ofSeconds(1)))) {
      long now = b.ledger.admin().chainTime();
      List<MarketKey> keys = new ArrayList<>();
      for (int i = 0; i < markets; i++) {
        keys.add(BenchLedger.nextHour(cells.get(i), now));
      }
      Map<SigningKey, Long> nonces = new HashMap<>();
      // 1. the steady flow
      long flowStart = System.nanoTime();
      int sent = 0;
      long interval = 1_000_000_000L / rate;
      long end = flowStart + Duration.ofSeconds(seconds).toNanos();
      while (System.nanoTime() < end) {
        long due = flowStart + sent * interval;
        long wait = due - System.nanoTime();
        if (wait > 0) {
          Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
        boolean bid = sent % 2 == 0;
        int m = (sent / 2) % markets;
        List<SigningKey> side = bid ? b.buyers : b.sellers;
        SigningKey maker = side.get((sent / 2 / markets) % side.size());
        long nonce = nonces.merge(maker, 1L, Long::sum);
        int status =
            b.submit(
                b.order(
                    maker,
                    bid ? Side.BID : Side.ASK,
                    keys.get(m),
                    1_000,
                    bid ? 2_500_000 : 2_000_000,
                    nonce));
        if (status != 202) {
          throw new IllegalStateException("an order of the flow was refused with HTTP " + status);
        }
        sent++;
      }
      double flowSeconds = (System.nanoTime() - flowStart) / 1e9;
      // wait until every matched order has settled
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      long settledTrades;
      long last = -1;
      int still = 0;
      do {
        Thread.sleep(500);
        settledTrades = b.broker.metrics().counter("broker_trades_settled_total");
        still = settledTrades == last ? still + 1 : 0;
        last = settledTrades;
      } while (still < 6 && System.nanoTime() < deadline);
      double drainSeconds = (System.nanoTime() - flowStart) / 1e9;
      // order → settlement, from the broker's records (received, and the batch's receipt)
      BrokerStore store = b.broker.store();
      Map<String, Long> received = new HashMap<>();
      for (OrderRecord r : store.allOrders()) {
        received.put(r.orderHash().hex(), r.receivedAt());
      }
      List<Double> lat = new ArrayList<>();
      long firstSettled = Long.MAX_VALUE;
      long lastSettled = 0;
      for (BrokerStore.Trade t : store.trades(null, null, 1_000_000)) {
        Long rec = received.get(t.fill().orderHash().hex());
        if (rec != null && t.settledAt() > 0) {
          lat.add((t.settledAt() - rec) / 1000.0);
          firstSettled = Math.min(firstSettled, t.settledAt());
          lastSettled = Math.max(lastSettled, t.settledAt());
        }
      }
      double[] settleLatency = lat.stream().mapToDouble(Double::doubleValue).sorted().toArray();
      // where the time goes: arrival → match → batch sent → receipt recorded
      Map<Long, Long> clearingAt = new HashMap<>();
      Map<Long, long[]> batchAt = new HashMap<>();
      List<Double> toMatch = new ArrayList<>();
      List<Double> toSend = new ArrayList<>();
      List<Double> toReceipt = new ArrayList<>();
      for (BrokerStore.Trade t : store.trades(null, null, 1_000_000)) {
        long bid = t.batchId();
        long[] b2 =
            batchAt.computeIfAbsent(
                bid,
                id -> {
                  var rec = store.batch(id).orElseThrow();
                  for (var c : store.clearingsOfBatch(id)) {
                    clearingAt.put(c.id(), c.createdAt());
                  }
                  return new long[] {rec.createdAt(), rec.settledAt()};
                });
        Long rec = received.get(t.fill().orderHash().hex());
        Long matched = clearingAt.get(t.fill().clearingId());
        if (rec != null && matched != null) {
          toMatch.add((matched - rec) / 1000.0);
          toSend.add((b2[0] - matched) / 1000.0);
          toReceipt.add((b2[1] - b2[0]) / 1000.0);
        }
      }
      double settledPerSecond =
          lastSettled > firstSettled
              ? settleLatency.length / ((lastSettled - firstSettled) / 1000.0)
              : Double.NaN;

      // 2. near-RT receipts
      MarketKey nearRt = BenchLedger.nearRt(cells.get(markets), now, 600);
      double[] receiptMs = new double[receipts];
      for (int i = 0; i < receipts; i++) {
        SigningKey seller = b.sellers.get(i % b.sellers.size());
        SigningKey buyer = b.buyers.get(i % b.buyers.size());
        b.submit(
            b.order(
                seller, Side.ASK, nearRt, 1_000, 2_000_000, nonces.merge(seller, 1L, Long::sum)));
        SignedOrder bid =
            b.order(buyer, Side.BID, nearRt, 1_000, 2_500_000, nonces.merge(buyer, 1L, Long::sum));
        long t0 = System.nanoTime();
        var res =
            b.post(
                "/v1/orders",
                org.spectrumledger.broker.api.WireJson.write(
                    org.spectrumledger.broker.api.OrderSubmission.of(bid)));
        receiptMs[i] = (System.nanoTime() - t0) / 1e6;
        JsonNode body = JSON.readTree(res.body());
        JsonNode fills = body.path("fills");
        if (res.statusCode() != 202
            || fills.isEmpty()
            || fills.get(0).path("receipt").isMissingNode()) {
          throw new IllegalStateException(
              "a near-RT crossing got no signed receipt: " + res.body());
        }
      }
      Arrays.sort(receiptMs);

      TextTable t = new TextTable("figure", "value");
      t.row(
          "orders sent",
          sent + " over " + String.format("%.1f s", flowSeconds) + " in " + markets + " markets");
      t.row(
          "trades settled",
          settledTrades + " (all settled after " + String.format("%.1f s", drainSeconds) + ")");
      t.row("settled trades per second", String.format("%.0f", settledPerSecond));
      t.row(
          "order → settlement median",
          String.format(
              "%.2f s = %.2f block periods",
              BenchLedger.percentile(settleLatency, 50),
              BenchLedger.percentile(settleLatency, 50) / BLOCK_SECONDS));
      t.row(
          "order → settlement p90",
          String.format("%.2f s", BenchLedger.percentile(settleLatency, 90)));
      t.row("  of which arrival → matched, median", String.format("%.2f s", median(toMatch)));
      t.row("  of which matched → batch planned, median", String.format("%.2f s", median(toSend)));
      t.row(
          "  of which batch planned → receipt recorded, median",
          String.format("%.2f s", median(toReceipt)));
      t.row("batches settled", b.broker.metrics().counter("broker_batches_settled_total"));
      t.row(
          "near-RT order → signed receipt p50",
          String.format("%.2f ms", BenchLedger.percentile(receiptMs, 50)));
      t.row(
          "near-RT order → signed receipt p99",
          String.format("%.2f ms", BenchLedger.percentile(receiptMs, 99)));
      out.print(t);
      out.println();
      out.printf("settled trades per second: %.0f%n", settledPerSecond);
      out.printf("near-RT receipt p99 ms: %.2f%n", BenchLedger.percentile(receiptMs, 99));
      out.printf(
          "order to settlement median block periods: %.2f%n",
          BenchLedger.percentile(settleLatency, 50) / BLOCK_SECONDS);
      out.flush();
    }
    return 0;
  }
}
