package org.spectrumledger.broker.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.spectrumledger.broker.cli.BrokerMain;
import org.spectrumledger.ledger.ChainEvent;
import org.spectrumledger.ledger.LedgerEvent;
import org.spectrumledger.ledger.OrderStatus;
import org.spectrumledger.ledger.Side;
import org.spectrumledger.ledger.SignedOrder;
import org.spectrumledger.ledger.SigningKey;
import org.spectrumledger.ledger.devchain.DevChain;
import org.spectrumledger.ledger.devchain.DevChainExtension;
import org.spectrumledger.ledger.devchain.DevLedger;

/**
 * kill -9 the broker process 20 times at random points while orders flow and batches are in flight;
 * after each restart every accepted order is still known, the chain never settled an order beyond
 * what it was signed for, and in the end every accepted order is settled exactly once or still
 * open. On the embedded SQLite store here; {@link BrokerPostgresCrashTest} runs the same on
 * PostgreSQL.
 */
@ExtendWith(DevChainExtension.class)
class BrokerCrashTest {

  /** The broker's options that say where its store is; a subclass runs on another store. */
  protected List<String> storeOptions(Path dir) throws Exception {
    return List.of("--data-dir", dir.resolve("db").toString());
  }

  private static final Pattern LISTENING =
      Pattern.compile("^broker 0x[0-9a-fA-F]{40} listening on http://127\\.0\\.0\\.1:(\\d+)/v1");

  @Test
  void killNineTwentyTimesLosesNoOrderAndSettlesNoneTwice(DevChain chain, @TempDir Path dir)
      throws Exception {
    try {
      run(chain, dir);
    } catch (AssertionError | RuntimeException e) {
      // keep the brokers' log where a developer can read it after the temporary directory is gone
      Path log = dir.resolve("broker.log");
      if (Files.exists(log)) {
        Files.createDirectories(Path.of("target"));
        Files.copy(
            log,
            Path.of("target", getClass().getSimpleName() + ".log"),
            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
      throw e;
    } finally {
      for (Process p : started) {
        p.destroyForcibly();
      }
    }
  }

  /** Every broker process started, so none outlives the test whatever happens. */
  private final List<Process> started = new ArrayList<>();

  private void run(DevChain chain, Path dir) throws Exception {
    DevLedger ledger = DevLedger.deploy(chain, 60);
    BrokerHarness h = new BrokerHarness(ledger, 3_600);
    List<SigningKey> sellers = List.of(h.seller("S1", 100_000_000), h.seller("S2", 100_000_000));
    List<SigningKey> buyers =
        List.of(h.buyer("B1", 1_000_000_000_000L), h.buyer("B2", 1_000_000_000_000L));
    Path deployment = dir.resolve("deployment.json");
    ledger.deployment().write(deployment);
    Path key = dir.resolve("broker.key");
    Files.writeString(key, ledger.brokerKey().exportPrivateKey());

    Map<String, SignedOrder> accepted = new ConcurrentHashMap<>();
    Map<SigningKey, Long> nonces = new HashMap<>();
    Random random = new Random(7);
    for (int round = 0; round < 20; round++) {
      Process broker = startBroker(chain, dir, deployment, key);
      started.add(broker);
      int port = awaitPort(broker, dir.resolve("broker.log"), round);
      checkNothingLostNothingTwice(h, ledger, port, accepted);
      long runFor = 300 + random.nextInt(1_200);
      long until = System.nanoTime() + Duration.ofMillis(runFor).toNanos();
      int i = 0;
      while (System.nanoTime() < until) {
        boolean bid = i++ % 2 == 0;
        SigningKey maker = bid ? buyers.get(random.nextInt(2)) : sellers.get(random.nextInt(2));
        long nonce = nonces.merge(maker, 1L, Long::sum);
        SignedOrder o =
            h.order(
                maker,
                bid ? Side.BID : Side.ASK,
                h.market,
                1_000 * (1 + random.nextInt(3)),
                bid ? 2_500_000 : 2_000_000,
                nonce);
        try {
          var r = h.submit(port, o);
          if (r.status() == 202) {
            accepted.put(r.body().path("orderHash").asText(), o);
          }
        } catch (RuntimeException e) {
          break; // the broker is gone
        }
      }
      broker.destroyForcibly(); // SIGKILL
      assertThat(broker.waitFor(10, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(accepted).hasSizeGreaterThan(100);

    Process last = startBroker(chain, dir, deployment, key);
    started.add(last);
    try {
      int port = awaitPort(last, dir.resolve("broker.log"), 20);
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (true) {
        Map<String, Long> onChain = settledOnChain(ledger);
        boolean quiet = true;
        for (var e : accepted.entrySet()) {
          JsonNode o = h.get(port, "/v1/orders/" + e.getKey(), e.getValue().order().maker()).body();
          long settled = o.path("settled").asLong();
          if (settled != onChain.getOrDefault(e.getKey(), 0L)
              || o.path("matched").asLong() != settled) {
            quiet = false;
          }
        }
        if (quiet) {
          break;
        }
        assertThat(System.nanoTime())
            .as("broker did not settle everything within 60 s")
            .isLessThan(deadline);
        Thread.sleep(250);
      }
      checkNothingLostNothingTwice(h, ledger, port, accepted);
      for (var e : accepted.entrySet()) {
        SignedOrder o = e.getValue();
        JsonNode view =
            h.get(port, "/v1/orders/" + e.getKey(), e.getValue().order().maker()).body();
        OrderStatus status =
            ledger.admin().exchange().orderStatus(o.order().maker(), o.order().nonce());
        long settled = view.path("settled").asLong();
        if (settled == o.order().quantity()) {
          assertThat(status.state()).isEqualTo(OrderStatus.State.FILLED);
        } else {
          assertThat(view.path("status").asText()).isIn("open", "expired", "cancelled", "rejected");
          assertThat(status.state()).isEqualTo(OrderStatus.State.OPEN);
          assertThat(status.filled()).isEqualTo(settled);
        }
      }
    } finally {
      last.destroyForcibly();
      last.waitFor(10, TimeUnit.SECONDS);
    }
  }

  /**
   * Every accepted order is known to the broker, the chain never settled an order beyond its
   * quantity, and the broker never counts as settled more than the chain did. The broker's views
   * are read first: it records a settlement only after the chain has it, so the chain read second
   * can only be ahead.
   */
  private static void checkNothingLostNothingTwice(
      BrokerHarness h, DevLedger ledger, int port, Map<String, SignedOrder> accepted) {
    Map<String, JsonNode> views = new HashMap<>();
    for (var a : accepted.entrySet()) {
      String hash = a.getKey();
      var r = h.get(port, "/v1/orders/" + hash, a.getValue().order().maker());
      assertThat(r.status()).as("accepted order %s lost", hash).isEqualTo(200);
      views.put(hash, r.body());
    }
    Map<String, Long> onChain = settledOnChain(ledger);
    for (var e : accepted.entrySet()) {
      long chainSettled = onChain.getOrDefault(e.getKey(), 0L);
      assertThat(chainSettled).isLessThanOrEqualTo(e.getValue().order().quantity());
      assertThat(views.get(e.getKey()).path("settled").asLong())
          .as(
              "broker's settled quantity of %s against the chain's; broker view %s",
              e.getKey(), views.get(e.getKey()))
          .isLessThanOrEqualTo(chainSettled);
    }
  }

  /** Milli-SRU settled per order hash, summed over every TradeSettled event on chain. */
  private static Map<String, Long> settledOnChain(DevLedger ledger) {
    Map<String, Long> out = new HashMap<>();
    for (LedgerEvent e :
        ledger
            .admin()
            .events(ledger.deployment().deploymentBlock(), ledger.admin().blockNumber())) {
      if (ChainEvent.of(e) instanceof ChainEvent.TradeSettled t) {
        out.merge(t.orderHash().hex(), t.quantity(), Long::sum);
      }
    }
    return out;
  }

  private Process startBroker(DevChain chain, Path dir, Path deployment, Path key)
      throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> cmd =
        new ArrayList<>(
            List.of(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                BrokerMain.class.getName(),
                "run",
                "--rpc",
                chain.rpcUrl(),
                "--deployment",
                deployment.toString(),
                "--key-file",
                key.toString(),
                "--port",
                "0",
                "--gas",
                "free",
                "--non-rt-epoch-ms",
                "100",
                "--settle-ms",
                "150"));
    cmd.addAll(storeOptions(dir));
    return new ProcessBuilder(cmd)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("broker.log").toFile()))
        .start();
  }

  /** Waits for this run's "listening on" line in the broker log (runs append to one file). */
  private static int awaitPort(Process p, Path log, int run) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      if (Files.exists(log)) {
        List<Integer> ports = new ArrayList<>();
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
          Matcher m = LISTENING.matcher(line);
          if (m.find()) {
            ports.add(Integer.parseInt(m.group(1)));
          }
        }
        if (ports.size() > run) {
          return ports.get(run);
        }
      }
      if (!p.isAlive()) {
        break;
      }
      Thread.sleep(20);
    }
    throw new AssertionError(
        "the broker did not start:\n" + (Files.exists(log) ? Files.readString(log) : ""));
  }
}
