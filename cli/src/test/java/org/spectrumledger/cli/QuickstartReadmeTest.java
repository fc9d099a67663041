package org.spectrumledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's operator quickstart, the {@code sh} block right after {@code <!-- quickstart -->},
 * run verbatim with {@code bash -euo pipefail} from the repository's root, as a new operator would
 * on a fresh clone: it must succeed within ten minutes and leave no process behind. The launcher
 * runs the classes of this build ({@code SPECTRUM_CLASSPATH}) rather than building its jar, and the
 * chain and the broker get free ports ({@code PORT}, {@code BROKER_PORT}) so that a chain another
 * build left on 8545 does not get in the way.
 */
class QuickstartReadmeTest {

  private static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();

  /** The block that follows the marker line, without its fences. */
  static String quickstart(String readme) {
    Matcher m =
        Pattern.compile("(?m)^<!-- quickstart -->\\R```sh\\R(.*?)^```\\s*$", Pattern.DOTALL)
            .matcher(readme);
    if (!m.find()) {
      throw new AssertionError(
          "README.md has no ```sh block right after a line <!-- quickstart -->");
    }
    return m.group(1);
  }

  @Test
  void theReadmeHasTheQuickstartBlockRightAfterItsMarker() throws IOException {
    String block = quickstart(Files.readString(ROOT.resolve("README.md")));
    assertThat(block)
        .contains("./spectrum devchain")
        .contains("./spectrum network deploy")
        .contains("./spectrum regulator mint")
        .contains("./spectrum operator order")
        .contains("./spectrum broker run")
        .contains("./spectrum operator run")
        .contains("--execute")
        .contains("trap ");
  }

  @Test
  void theOperatorQuickstartRunsVerbatimAndLeavesNoProcessBehind(@TempDir Path tmp)
      throws Exception {
    String block = quickstart(Files.readString(ROOT.resolve("README.md")));
    Path script = tmp.resolve("quickstart.sh");
    Files.writeString(script, block);
    Path scratch = Files.createDirectories(tmp.resolve("scratch"));
    Path log = tmp.resolve("quickstart.log");
    int port = freePort();
    int brokerPort = freePort();
    ProcessBuilder pb =
        new ProcessBuilder("bash", "-euo", "pipefail", script.toString())
            .directory(ROOT.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    pb.environment().put("PORT", Integer.toString(port));
    pb.environment().put("BROKER_PORT", Integer.toString(brokerPort));
    pb.environment().put("TMPDIR", scratch.toString());
    pb.environment().put("SPECTRUM_CLASSPATH", System.getProperty("java.class.path"));
    pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
    pb.environment().keySet().removeIf(k -> k.startsWith("SPECTRUM_") && !k.endsWith("CLASSPATH"));
    long t0 = System.nanoTime();
    Process bash = pb.start();
    // every process the script starts, with its command line as first seen (a process on its way
    // out no longer shows one)
    Map<ProcessHandle, String> seen = new LinkedHashMap<>();
    boolean finished = false;
    while (!finished && System.nanoTime() - t0 < TimeUnit.MINUTES.toNanos(10)) {
      bash.toHandle()
          .descendants()
          .forEach(h -> seen.computeIfAbsent(h, QuickstartReadmeTest::describe));
      finished = bash.waitFor(200, TimeUnit.MILLISECONDS);
    }
    if (!finished) {
      bash.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
      bash.destroyForcibly();
    }
    long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0);
    String out = Files.readString(log, StandardCharsets.UTF_8);
    assertThat(finished).as("finished within 10 minutes:\n" + out).isTrue();
    assertThat(bash.exitValue()).as(out).isZero();
    System.out.println("quickstart took " + seconds + " s");

    assertThat(out)
        .as(out)
        .contains("ask 4 SRU at 0.5 tokens/SRU")
        .contains("bid 2.5 SRU at 1.25 tokens/SRU")
        // the rule's price: the midpoint of the marginal pair, (1.25 + 0.5) / 2
        .containsPattern("(?m)^bid .* 2\\.5 .* 0\\.875 ")
        .containsPattern("(?m)^ask .* 2\\.5 .* 0\\.875 ")
        .contains("1 lease(s)")
        .containsPattern(
            "explorer \\(latest trade\\): http://127\\.0\\.0\\.1:"
                + brokerPort
                + "/explorer/#/tx/0x[0-9a-f]{64}")
        .contains("withdrew 10 tokens")
        .doesNotContain("DISAGREE");
    assertThat(Pattern.compile("(?m)^books agree with the chain: ").matcher(out).results().count())
        .as("both daemons' books agree with the chain")
        .isEqualTo(2);
    Matcher bought = Pattern.compile("bought ([0-9.]+) SRU \\(chain").matcher(out);
    assertThat(bought.find()).isTrue();
    assertThat(Double.parseDouble(bought.group(1))).as("the daemons traded").isPositive();

    // nothing left: no process the script started, no listener on its ports, its files removed. A
    // process may still be on its way out when the script returns (anvil takes a moment after its
    // signal on a loaded machine): each gets 15 s to be gone.
    assertThat(seen).as("the script started processes").isNotEmpty();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (seen.keySet().stream().anyMatch(ProcessHandle::isAlive)
        && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertThat(
            seen.entrySet().stream()
                .filter(e -> e.getKey().isAlive())
                .map(e -> e.getValue() + " (now " + describe(e.getKey()) + ")"))
        .as("processes left behind")
        .isEmpty();
    assertThat(
            ProcessHandle.allProcesses()
                .filter(
                    h ->
                        h.info()
                            .commandLine()
                            .map(
                                c ->
                                    c.contains(scratch.toString())
                                        || c.contains("--port " + port)
                                        || c.contains("--port " + brokerPort))
                            .orElse(false))
                .map(QuickstartReadmeTest::describe))
        .as("processes naming the scratch directory or the chain's or the broker's port")
        .isEmpty();
    assertThat(listening(port)).as("the dev chain's port is free").isFalse();
    assertThat(listening(brokerPort)).as("the broker's port is free").isFalse();
    try (var left = Files.list(scratch)) {
      assertThat(left).as("the scratch directory was removed").isEmpty();
    }
  }

  private static String describe(ProcessHandle h) {
    return h.pid() + " " + h.info().commandLine().orElse("?");
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static boolean listening(int port) {
    try (var socket = new java.net.Socket(InetAddress.getLoopbackAddress(), port)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
