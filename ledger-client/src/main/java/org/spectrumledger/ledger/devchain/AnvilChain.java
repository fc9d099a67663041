package org.spectrumledger.ledger.devchain;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spectrumledger.ledger.SigningKey;

/**
 * Anvil on a free loopback port with Besu-like settings: chain id 2018, zero base fee and gas
 * price, the cancun hard fork.
 *
 * <p>No anvil outlives the JVM that started it, however the JVM ends. Anvil runs under a small
 * {@code sh} watchdog that holds the read end of a pipe whose write end only this JVM holds: when
 * the JVM exits, even by {@code kill -9}, the kernel closes the pipe and the watchdog kills anvil.
 * A shutdown hook stops every chain on a normal exit as well.
 */
public final class AnvilChain implements DevChain {

  private static final Logger LOG = LoggerFactory.getLogger(AnvilChain.class);

  private static final String WATCHDOG =
      """
      bin="$1"; shift
      exec 3<&0
      "$bin" "$@" </dev/null &
      child=$!
      ( read -r _ <&3; kill -KILL "$child" 2>/dev/null ) &
      watcher=$!
      exec 3<&-
      trap 'kill -TERM "$child" 2>/dev/null' TERM
      trap 'kill -KILL "$child" 2>/dev/null' INT HUP
      status=0
      while kill -0 "$child" 2>/dev/null; do wait "$child"; status=$?; done
      kill "$watcher" 2>/dev/null
      exit "$status"
      """;

  private static final Pattern LISTENING = Pattern.compile("Listening on ([0-9.]+):(\\d+)");
  private static final Pattern PRIVATE_KEY = Pattern.compile("^\\(\\d+\\) (0x[0-9a-fA-F]{64})$");
  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
  private static final Set<AnvilChain> LIVE = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  for (AnvilChain chain : List.copyOf(LIVE)) {
                    chain.close();
                  }
                },
                "anvil-shutdown"));
  }

  private final DevChainOptions options;
  private final Path binary;
  private final Deque<String> recentOutput = new ArrayDeque<>();
  private volatile Process process;
  private volatile int port;
  private volatile List<SigningKey> keys = List.of();

  private AnvilChain(DevChainOptions options, Path binary) {
    this.options = options;
    this.binary = binary;
  }

  /** Starts anvil and waits until it answers JSON-RPC. */
  public static AnvilChain start(DevChainOptions options) {
    return start(options, 0);
  }

  /** Starts anvil on {@code port} of 127.0.0.1 (0: any free port). */
  public static AnvilChain start(DevChainOptions options, int port) {
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("a port is 0 .. 65535, got " + port);
    }
    AnvilChain chain = new AnvilChain(options, AnvilBinary.locate());
    chain.launch(port);
    return chain;
  }

  @Override
  public String kind() {
    return "anvil";
  }

  @Override
  public String rpcUrl() {
    return "http://127.0.0.1:" + port;
  }

  @Override
  public long chainId() {
    return options.chainId();
  }

  @Override
  public List<SigningKey> fundedKeys() {
    return keys;
  }

  /** The process id of anvil's watchdog (the process this JVM started), while it runs. */
  public long pid() {
    Process p = process;
    return p == null ? -1 : p.pid();
  }

  /** Whether anvil is running. */
  public boolean isRunning() {
    Process p = process;
    return p != null && p.isAlive();
  }

  @Override
  public boolean supportsTimeTravel() {
    return true;
  }

  @Override
  public void advanceTime(Duration by) {
    rpc("evm_increaseTime", "[" + by.toSeconds() + "]");
    rpc("evm_mine", "[]");
  }

  /** Mines one block now. */
  public void mine() {
    rpc("evm_mine", "[]");
  }

  /**
   * From now on mines a block every {@code seconds} (a set-up done on a chain that mines each
   * transaction at once, then the block period a measurement needs).
   */
  public void mineEvery(int seconds) {
    if (seconds < 1) {
      throw new IllegalArgumentException("a block period is at least 1 s: " + seconds);
    }
    rpc("evm_setAutomine", "[false]");
    rpc("evm_setIntervalMining", "[" + seconds + "]");
  }

  /**
   * Stops anvil gracefully, so it writes its state file, and starts it again from that state on the
   * same port. Needs a {@link DevChainOptions#statePath}.
   */
  public void restart() {
    if (options.statePath() == null) {
      throw new IllegalStateException("restart keeps state only with a state path; none was set");
    }
    int samePort = port;
    stopGracefully();
    launch(samePort);
  }

  /** Stops anvil gracefully (SIGTERM); with a state path it writes its state first. */
  public void stopGracefully() {
    Process p = process;
    if (p == null) {
      return;
    }
    // NOTE: Process.destroy() would also close anvil's stdin, which the watchdog reads as "the JVM
    // is gone" and answers with SIGKILL before anvil writes its state; signal the handle instead.
    p.toHandle().destroy();
    try {
      if (!p.waitFor(15, TimeUnit.SECONDS)) {
        LOG.warn("anvil did not stop within 15 s of SIGTERM; killing it");
        kill(p);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      kill(p);
    }
    process = null;
    LIVE.remove(this);
  }

  /** Kills anvil at once; any state not yet written is lost. */
  public void kill() {
    Process p = process;
    if (p != null) {
      kill(p);
      process = null;
      LIVE.remove(this);
    }
  }

  @Override
  public void close() {
    if (options.statePath() != null) {
      stopGracefully();
    } else {
      kill();
    }
  }

  private void kill(Process p) {
    try {
      OutputStream toWatchdog = p.getOutputStream();
      toWatchdog.write('\n');
      toWatchdog.close();
    } catch (IOException e) {
      // the watchdog has gone already
    }
    try {
      if (!p.waitFor(5, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        p.waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroyForcibly();
    }
  }

  private void launch(int requestedPort) {
    List<String> command = new ArrayList<>(List.of("sh", "-c", WATCHDOG, "anvil-watchdog"));
    command.add(binary.toString());
    command.addAll(
        List.of(
            "--host",
            "127.0.0.1",
            "--port",
            Integer.toString(requestedPort),
            "--chain-id",
            Long.toString(options.chainId()),
            "--hardfork",
            "cancun",
            "--gas-limit",
            Long.toString(options.blockGasLimit()),
            "--accounts",
            Integer.toString(options.accounts()),
            "--balance",
            "1000000"));
    if (!options.chargesGas()) {
      command.addAll(List.of("--base-fee", "0", "--gas-price", "0", "--disable-min-priority-fee"));
    }
    if (options.blockTimeSeconds() > 0) {
      command.addAll(List.of("--block-time", Integer.toString(options.blockTimeSeconds())));
    }
    if (options.statePath() != null) {
      command.addAll(List.of("--state", options.statePath().toAbsolutePath().toString()));
      command.add("--preserve-historical-states");
    }
    Process p;
    try {
      p = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new DevChainException("could not start anvil (" + binary + "): " + e.getMessage(), e);
    }
    process = p;
    LIVE.add(this);
    CountDownLatch ready = new CountDownLatch(1);
    List<SigningKey> found = new ArrayList<>();
    Thread reader = new Thread(() -> readOutput(p, ready, found), "anvil-output-" + p.pid());
    reader.setDaemon(true);
    reader.start();
    boolean started;
    try {
      started = ready.await(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      kill();
      throw new DevChainException("interrupted while anvil was starting", e);
    }
    if (!started || port == 0) {
      boolean exited = !p.isAlive();
      kill();
      String said = output();
      if (said.contains("Address already in use")) {
        throw new DevChainException(
            "anvil could not listen: port "
                + requestedPort
                + " is already in use (another dev chain or node?); stop it, or give another"
                + " --port");
      }
      throw new DevChainException(
          (exited
                  ? "anvil exited before it was ready"
                  : "anvil did not start within " + START_TIMEOUT.toSeconds() + " s")
              + "; its output:\n"
              + said);
    }
    synchronized (found) {
      keys = List.copyOf(found);
    }
    LOG.info("anvil listening on {} (chain id {}, pid {})", rpcUrl(), options.chainId(), p.pid());
  }

  private void readOutput(Process p, CountDownLatch ready, List<SigningKey> found) {
    try (BufferedReader in =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      boolean inKeys = false;
      while ((line = in.readLine()) != null) {
        remember(line);
        if (ready.getCount() == 0) {
          continue;
        }
        String trimmed = line.strip();
        if (trimmed.equals("Private Keys")) {
          inKeys = true;
        } else if (inKeys) {
          Matcher m = PRIVATE_KEY.matcher(trimmed);
          if (m.matches()) {
            synchronized (found) {
              found.add(SigningKey.fromPrivateKey(m.group(1)));
            }
          } else if (trimmed.startsWith("Wallet")) {
            inKeys = false;
          }
        }
        Matcher m = LISTENING.matcher(trimmed);
        if (m.find()) {
          port = Integer.parseInt(m.group(2));
          ready.countDown();
        }
      }
    } catch (IOException e) {
      // the process ended
    } finally {
      ready.countDown();
    }
  }

  private void remember(String line) {
    synchronized (recentOutput) {
      recentOutput.addLast(line);
      while (recentOutput.size() > 200) {
        recentOutput.removeFirst();
      }
    }
  }

  /** The last lines anvil printed, for diagnostics. */
  public String output() {
    synchronized (recentOutput) {
      return String.join("\n", recentOutput);
    }
  }

  private String rpc(String method, String params) {
    return JsonRpcProbe.rpc(rpcUrl(), method, params);
  }
}
