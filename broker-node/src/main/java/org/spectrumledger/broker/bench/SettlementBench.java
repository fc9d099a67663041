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
import java.util.stream.IntStream;
import org.spectrumledger.broker.epoch.Timescale;
import org.spectrumledger.broker.intake.IntakeResult;
import org.spectrumledger.broker.store.BrokerStore;
import org.spectrumledger.broker.store.ClearingRecord;
import org.spectrumledger.broker.store.ClearingState;
import org.spectrumledger.broker.store.OrderRecord;
import org.spectrumledger.ledger.BlockSummary;
import org.spectrumledger.ledger.MarketKey;
import org.spectrumledger.ledger.Side;
import org.spectrumledger.ledger.SignedOrder;
import org.spectrumledger.ledger.SigningKey;
import org.spectrumledger.ledger.besu.QbftGenesis;
import org.spectrumledger.ledger.cli.TextTable;
import org.spectrumledger.ledger.devchain.DevChainOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The broker against a dev chain that mines a block every second, as a Besu QBFT network would:
 * settled trades per second under a steady flow of crossing orders over several markets; the time
 * from an order's acceptance to its settlement, in block periods; and, in a near-RT market, the
 * time from sending a crossing order to holding the broker's signed fill receipt.
 *
 * <p>With {@code --orders-per-side N}, one auction instead: N bids and N asks in one market, booked
 * first and cleared at once, then settled on a chain with the block gas limit of the generated Besu
 * genesis; it measures the settled trades per second and the share of the blocks' gas limit the
 * settlement used, from the blocks themselves.
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

  @Option(
      names = "--orders-per-side",
      description =
          "instead of the flow: one auction of this many bids and as many asks in one market,"
              + " settled in blocks of the Besu genesis's gas limit (100 million)")
  int ordersPerSide;

  @Option(
      names = "--makers",
      defaultValue = "50",
      description = "with --orders-per-side: operators per side (default ${DEFAULT-VALUE})")
  int makers;

  @Option(
      names = "--in-flight",
      description =
          "with --orders-per-side: settlement batches the broker keeps sent and not yet mined, at"
              + " most (default: the broker's own, which keeps three blocks' worth)")
  Integer inFlight;

  private static double median(List<Double> values) {
    return BenchLedger.percentile(
        values.stream().mapToDouble(Double::doubleValue).sorted().toArray(), 50);
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    if (ordersPerSide < 0 || makers < 1 || (inFlight != null && inFlight < 1)) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "--orders-per-side, --makers and --in-flight must be positive");
    }
    if (ordersPerSide > 0) {
      return auction(out);
    }
    List<Long> cells = new ArrayList<>();
    for (int i = 0; i <= markets; i++) {
      cells.add(BenchLedger.cell(i));
    }
    // set up on a chain that mines each transaction at once (some 220 of them: at one a block
    // that was most of the run), then measure with 1-second blocks
    try (BenchLedger b =
        new BenchLedger(
            0,
            8,
            cells,
            c ->
                c.withEpochs(
                    Duration.ofMillis(500), Duration.ofMillis(100), Duration.ofSeconds(1)))) {
      b.chain.mineEvery(BLOCK_SECONDS);
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

  /** One auction of {@code ordersPerSide} a side, cleared at once and settled block by block. */
  private int auction(PrintWriter out) throws Exception {
    long cell = BenchLedger.cell(0);
    // set up on a chain that mines each transaction at once, then measure with 1-second blocks
    try (BenchLedger b =
        new BenchLedger(
            DevChainOptions.defaults().withBlockGasLimit(QbftGenesis.DEFAULT_GAS_LIMIT),
            makers,
            List.of(cell),
            c -> {
              var daily =
                  c.withEpochs(Duration.ofDays(1), Duration.ofMillis(100), Duration.ofSeconds(1));
              return inFlight == null ? daily : daily.withInFlight(inFlight);
            })) {
      MarketKey market = BenchLedger.nextHour(cell, b.ledger.admin().chainTime());
      List<SignedOrder> orders =
          IntStream.range(0, 2 * ordersPerSide)
              .parallel()
              .mapToObj(
                  i -> {
                    boolean bid = i % 2 == 0;
                    int k = i / 2;
                    SigningKey maker = (bid ? b.buyers : b.sellers).get(k % makers);
                    return b.order(
                        maker,
                        bid ? Side.BID : Side.ASK,
                        market,
                        1_000,
                        bid ? 2_500_000 : 2_000_000,
                        k / makers + 1);
                  })
              .toList();
      long t0 = System.nanoTime();
      orders.parallelStream()
          .forEach(
              o -> {
                IntakeResult r = b.broker.submit(o, null, null);
                if (!(r instanceof IntakeResult.Accepted)) {
                  throw new IllegalStateException("an order of the auction was refused: " + r);
                }
              });
      double intakeSeconds = (System.nanoTime() - t0) / 1e9;

      b.chain.mineEvery(BLOCK_SECONDS);
      long firstBlock = b.ledger.admin().blockNumber() + 1;
      long lastBefore = b.broker.store().lastClearingId();
      long t1 = System.nanoTime();
      b.broker.clearNow(Timescale.NON_RT);
      double clearSeconds = (System.nanoTime() - t1) / 1e9;
      // the auction's parts (the first batches may be on their way already, so a part can move
      // from one state to the next between two reads: each is counted once, by its id)
      Map<Long, ClearingRecord> byId = new java.util.TreeMap<>();
      for (ClearingState state : ClearingState.values()) {
        for (ClearingRecord c : b.broker.store().clearings(state)) {
          if (c.id() > lastBefore) {
            byId.put(c.id(), c);
          }
        }
      }
      List<ClearingRecord> parts = List.copyOf(byId.values());
      long fills = parts.stream().mapToLong(c -> c.fills().size()).sum();
      if (parts.isEmpty()) {
        throw new IllegalStateException("the auction did not clear");
      }
      // until every fill has settled, or nothing has moved for a minute
      long settled = 0;
      long movedAt = System.nanoTime();
      while (settled < fills && System.nanoTime() - movedAt < Duration.ofMinutes(1).toNanos()) {
        Thread.sleep(200);
        long now = b.broker.metrics().counter("broker_trades_settled_total");
        if (now != settled) {
          settled = now;
          movedAt = System.nanoTime();
        }
      }
      double settleSeconds = (System.nanoTime() - t1) / 1e9;
      if (settled < fills) {
        throw new IllegalStateException(
            "only "
                + settled
                + " of "
                + fills
                + " fills settled, and none for a minute; the broker's log says why");
      }
      // the blocks from the first that carried a batch to the last
      long lastBlock = b.ledger.admin().blockNumber();
      List<BlockSummary> blocks = new ArrayList<>();
      for (long n = firstBlock; n <= lastBlock; n++) {
        blocks.add(b.ledger.admin().block(n));
      }
      int from = 0;
      while (from < blocks.size() && blocks.get(from).gasUsed() == 0) {
        from++;
      }
      int to = blocks.size() - 1;
      while (to > from && blocks.get(to).gasUsed() == 0) {
        to--;
      }
      List<BlockSummary> used = blocks.subList(from, to + 1);
      long gas = used.stream().mapToLong(BlockSummary::gasUsed).sum();
      long limit = used.stream().mapToLong(BlockSummary::gasLimit).sum();
      double seconds = used.size() * (double) BLOCK_SECONDS;
      double share = (double) gas / limit;
      double perSecond = fills / seconds;
      long fullest = used.stream().mapToLong(BlockSummary::gasUsed).max().orElse(0);
      // The first block holds what reached the node before it was sealed: where in a block period
      // the clearing ends decides it, not the settler (an auction of five blocks' worth takes six
      // or seven by that alone). From the next block on, the share is the settler's own.
      List<BlockSummary> afterFirst = used.subList(1, used.size());
      String shareAfterFirst =
          afterFirst.isEmpty()
              ? "n/a"
              : String.format(
                  "%.2f",
                  (double) afterFirst.stream().mapToLong(BlockSummary::gasUsed).sum()
                      / afterFirst.stream().mapToLong(BlockSummary::gasLimit).sum());

      TextTable t = new TextTable("figure", "value");
      t.row(
          "auction",
          ordersPerSide
              + " bids and "
              + ordersPerSide
              + " asks in one market, "
              + makers
              + " operators a side");
      t.row("orders accepted (in-process, no HTTP)", String.format("%.1f s", intakeSeconds));
      t.row(
          "cleared",
          fills
              + " fills in "
              + parts.size()
              + " parts at one price, "
              + String.format("%.2f s", clearSeconds));
      t.row(
          "settled",
          used.size()
              + " blocks of "
              + BLOCK_SECONDS
              + " s, "
              + String.format("%.1f s", settleSeconds)
              + " from clearing to the last receipt");
      t.row("gas per trade", String.format("%.0f", (double) gas / fills));
      t.row(
          "block gas used (all blocks / fullest)",
          String.format(
              "%.2f / %.2f of %d",
              share, (double) fullest / used.get(0).gasLimit(), used.get(0).gasLimit()));
      t.row(
          "block gas used after the first block",
          afterFirst.isEmpty()
              ? "n/a (one block)"
              : shareAfterFirst + " of " + afterFirst.size() + " blocks");
      t.row(
          "block by block (share of the limit)",
          String.join(
              " ",
              used.stream()
                  .map(x -> String.format("%.2f", (double) x.gasUsed() / x.gasLimit()))
                  .toList()));
      t.row("settled trades per second", String.format("%.0f", perSecond));
      out.print(t);
      out.println();
      out.printf("settled trades per second: %.0f%n", perSecond);
      out.printf("block gas used share: %.2f%n", share);
      out.printf("block gas used share after the first block: %s%n", shareAfterFirst);
      out.flush();
    }
    return 0;
  }
}
