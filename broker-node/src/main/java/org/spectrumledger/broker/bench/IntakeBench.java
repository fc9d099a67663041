package org.spectrumledger.broker.bench;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.spectrumledger.broker.api.OrderSubmission;
import org.spectrumledger.broker.api.WireJson;
import org.spectrumledger.ledger.MarketKey;
import org.spectrumledger.ledger.Side;
import org.spectrumledger.ledger.SignedOrder;
import org.spectrumledger.ledger.cli.TextTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Order intake over HTTP with every check on: signatures recovered, operators, nonces, escrow and
 * holdings from the chain cache, market policy, and each accepted order stored durably before it is
 * acknowledged. Clients and broker share this machine's cores. Orders do not cross, so the figure
 * is intake alone.
 */
@Command(
    name = "intake",
    mixinStandardHelpOptions = true,
    description = "Signed orders per second over HTTP with all intake checks, and their latency.")
public final class IntakeBench implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--orders",
      defaultValue = "40000",
      description = "orders measured (default ${DEFAULT-VALUE})")
  int orders;

  @Option(
      names = "--warmup",
      defaultValue = "20000",
      description =
          "orders sent first and not measured, until the JIT has compiled the intake path"
              + " (default ${DEFAULT-VALUE})")
  int warmup;

  @Option(
      names = "--clients",
      defaultValue = "16",
      description =
          "concurrent HTTP clients, each on one kept-alive connection (default ${DEFAULT-VALUE})")
  int clients;

  @Option(
      names = "--makers",
      defaultValue = "50",
      description = "operators per side (default ${DEFAULT-VALUE})")
  int makers;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    try (BenchLedger b = new BenchLedger(0, makers, List.of(BenchLedger.cell(0)), c -> c)) {
      long now = b.ledger.admin().chainTime();
      MarketKey market = BenchLedger.nextHour(BenchLedger.cell(0), now);
      // bodies are signed and serialised before the clock starts, as a load generator replays
      // prepared requests; the broker still parses, verifies and stores every one. Maker m's
      // k-th order on a side carries nonce k.
      List<String> signed =
          IntStream.range(0, warmup + orders)
              .parallel()
              .mapToObj(
                  i -> {
                    int m = (i / 2) % makers;
                    long nonce = (i / 2) / makers;
                    SignedOrder o =
                        i % 2 == 0
                            ? b.order(b.buyers.get(m), Side.BID, market, 1_500, 1_000_000, nonce)
                            : b.order(b.sellers.get(m), Side.ASK, market, 1_500, 3_000_000, nonce);
                    return WireJson.write(OrderSubmission.of(o));
                  })
              .toList();
      // warm-up: the JIT (a short one leaves the compiler busy and the figures low), the chain
      // cache, the connections
      run(b, signed.subList(0, warmup));
      Result r = run(b, signed.subList(warmup, signed.size()));
      TextTable t =
          new TextTable(
              "orders",
              "clients",
              "accepted",
              "refused",
              "seconds",
              "orders/s",
              "p50 ms",
              "p90 ms",
              "p99 ms",
              "max ms");
      t.row(
          r.sent,
          clients,
          r.accepted,
          r.sent - r.accepted,
          String.format("%.2f", r.seconds),
          Math.round(r.sent / r.seconds),
          String.format("%.2f", r.p50),
          String.format("%.2f", r.p90),
          String.format("%.2f", r.p99),
          String.format("%.2f", r.max));
      out.print(t);
      long commits = (long) b.broker.metrics().value("broker_order_commits_total");
      double nanos = b.broker.metrics().value("broker_order_commit_nanos_total");
      out.printf(
          "group commits: %d for %d orders (%.1f per commit, %.2f ms each)%n",
          commits,
          warmup + orders,
          (double) (warmup + orders) / Math.max(1, commits),
          nanos / 1e6 / Math.max(1, commits));
      long brokerCpu = r.processCpuNanos - r.clientCpuNanos;
      int cores = Runtime.getRuntime().availableProcessors();
      out.printf(
          "CPU per order: broker %.0f µs (with the JIT and GC), load generator %.0f µs (one"
              + " JVM, %d cores)%n",
          brokerCpu / 1e3 / r.sent, r.clientCpuNanos / 1e3 / r.sent, cores);
      out.printf(
          "broker capacity with every core to itself (estimate): %d orders/s%n",
          Math.round(cores * 1e9 * r.sent / Math.max(1, brokerCpu)));
      out.println();
      out.println("intake orders per second: " + Math.round(r.sent / r.seconds));
      out.printf("intake p99 ms: %.2f%n", r.p99);
      out.flush();
      if (r.accepted != r.sent) {
        throw new IllegalStateException(
            (r.sent - r.accepted) + " orders were refused; the benchmark measures accepted orders");
      }
    }
    return 0;
  }

  private record Result(
      int sent,
      int accepted,
      double seconds,
      double p50,
      double p90,
      double p99,
      double max,
      long processCpuNanos,
      long clientCpuNanos) {}

  private Result run(BenchLedger b, List<String> batch) throws Exception {
    double[] latency = new double[batch.size()];
    AtomicInteger next = new AtomicInteger();
    AtomicInteger accepted = new AtomicInteger();
    AtomicLong clientCpu = new AtomicLong();
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long cpu0 = processCpuNanos();
    long t0 = System.nanoTime();
    try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
      List<Future<?>> done = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        done.add(
            pool.submit(
                () -> {
                  try (RawHttpClient http = new RawHttpClient("127.0.0.1", b.broker.port())) {
                    int i;
                    while ((i = next.getAndIncrement()) < batch.size()) {
                      long s = System.nanoTime();
                      int status = http.post("/v1/orders", batch.get(i));
                      latency[i] = (System.nanoTime() - s) / 1e6;
                      if (status == 202) {
                        accepted.incrementAndGet();
                      }
                    }
                  }
                  clientCpu.addAndGet(threads.getCurrentThreadCpuTime());
                  return null;
                }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    long cpu = processCpuNanos() - cpu0;
    Arrays.sort(latency);
    return new Result(
        batch.size(),
        accepted.get(),
        seconds,
        BenchLedger.percentile(latency, 50),
        BenchLedger.percentile(latency, 90),
        BenchLedger.percentile(latency, 99),
        latency[latency.length - 1],
        cpu,
        clientCpu.get());
  }

  /** CPU time of this JVM, all threads, in nanoseconds. */
  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }
}
