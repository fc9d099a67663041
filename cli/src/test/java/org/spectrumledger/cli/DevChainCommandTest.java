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
import org.spectrumledger.ledger.Deployment;
import org.spectrumledger.ledger.LedgerClient;
import org.spectrumledger.ledger.LedgerConfig;
import org.spectrumledger.ledger.Role;
import org.spectrumledger.ledger.SigningKey;
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
                  + " --key env:SPECTRUM_ADMIN_KEY --gas free --broker 0x")
          .contains(
              "./spectrum broker run --rpc http://127.0.0.1:"
                  + port
                  + " --key env:SPECTRUM_BROKER_KEY");
      // the printed steps, with the keys from files instead of the environment, deploy and grant
      // the broker role to the key the printed broker run uses
      Matcher key = Pattern.compile("SPECTRUM_ADMIN_KEY=(0x[0-9a-f]{64})").matcher(out.toString());
      assertThat(key.find()).isTrue();
      Path keyFile = home.resolve("admin.key");
      Files.writeString(keyFile, key.group(1));
      Matcher brokerKey =
          Pattern.compile("SPECTRUM_BROKER_KEY=(0x[0-9a-f]{64})").matcher(out.toString());
      assertThat(brokerKey.find()).isTrue();
      SigningKey broker = SigningKey.fromPrivateKey(brokerKey.group(1));
      Matcher brokerFlag = Pattern.compile("--broker (0x[0-9a-fA-F]{40})").matcher(out.toString());
      assertThat(brokerFlag.find()).isTrue();
      assertThat(brokerFlag.group(1)).isEqualTo(broker.address().toString());
      Path record = home.resolve(".spectrum/deployment.json");
      String rpc = "http://127.0.0.1:" + port;
      CliRunner deployed =
          CliRunner.run(
              "network",
              "deploy",
              "--rpc",
              rpc,
              "--key",
              keyFile.toString(),
              "--deployment",
              record.toString(),
              "--gas",
              "free",
              "--broker",
              brokerFlag.group(1));
      assertThat(deployed.exitCode()).as(deployed.toString()).isZero();
      assertThat(record).exists();
      try (LedgerClient chain =
          LedgerClient.connect(LedgerConfig.of(rpc, Deployment.read(record), broker))) {
        assertThat(chain.policy().hasRole(Role.BROKER, broker.address()))
            .as("broker run starts with the printed key")
            .isTrue();
      }
    } finally {
      running.interrupt();
      running.join(20_000);
    }
    assertThat(running.isAlive()).isFalse();
  }
}
