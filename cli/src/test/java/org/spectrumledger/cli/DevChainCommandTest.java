package org.spectrumledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code spectrum devchain} listens where every command looks, and says what to do next. */
class DevChainCommandTest {

  @Test
  void defaultsToThePortEveryCommandLooksAt() {
    CommandLine cli = new CommandLine(new DevChainCommand());
    String port = cli.getCommandSpec().findOption("--port").defaultValue();
    assertThat(new org.spectrumledger.operator.cli.AccountOptions().rpcUrl())
        .isEqualTo("http://127.0.0.1:" + port);
  }

  @Test
  void runsOnAGivenPortAndPrintsADeployThatWorks(@TempDir Path home) throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Thread running =
        new Thread(
            () ->
                SpectrumCli.execute(
                    new String[] {"devchain", "--port", Integer.toString(port)},
                    new PrintWriter(out, true),
                    new PrintWriter(err, true)));
    running.start();
    try {
      long deadline = System.nanoTime() + 60_000_000_000L;
      while (!out.toString().contains("Ctrl-C") && running.isAlive()) {
        assertThat(System.nanoTime()).as("started within 60 s: " + err).isLessThan(deadline);
        Thread.sleep(100);
      }
      assertThat(out.toString())
          .as(err.toString())
          .contains("rpc: http://127.0.0.1:" + port)
          .contains("export SPECTRUM_ADMIN_KEY=0x")
          .contains(
              "./spectrum network deploy --rpc http://127.0.0.1:"
                  + port
                  + " --key env:SPECTRUM_ADMIN_KEY --gas free");
      // the printed step, with the key from a file instead of the environment, deploys
      Matcher key = Pattern.compile("SPECTRUM_ADMIN_KEY=(0x[0-9a-f]{64})").matcher(out.toString());
      assertThat(key.find()).isTrue();
      Path keyFile = home.resolve("admin.key");
      Files.writeString(keyFile, key.group(1));
      Path record = home.resolve(".spectrum/deployment.json");
      CliRunner deployed =
          CliRunner.run(
              "network",
              "deploy",
              "--rpc",
              "http://127.0.0.1:" + port,
              "--key",
              keyFile.toString(),
              "--deployment",
              record.toString(),
              "--gas",
              "free");
      assertThat(deployed.exitCode()).as(deployed.toString()).isZero();
      assertThat(record).exists();
    } finally {
      running.interrupt();
      running.join(20_000);
    }
    assertThat(running.isAlive()).isFalse();
  }
}
