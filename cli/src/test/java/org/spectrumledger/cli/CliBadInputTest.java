package org.spectrumledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.spectrumledger.ledger.devchain.DevChain;
import org.spectrumledger.ledger.devchain.DevChainExtension;
import org.spectrumledger.ledger.devchain.DevLedger;

/** Bad input gets a clear message and a non-zero exit code, never a stack trace. */
@ExtendWith(DevChainExtension.class)
class CliBadInputTest {

  @Test
  void helpListsTheLaunchersOwnCommandsToo() {
    CliRunner help = CliRunner.run("--help");
    assertThat(help.exitCode()).isZero();
    assertThat(help.out())
        .contains("operator")
        .containsPattern("(?m)^  test +The full test suite")
        .containsPattern("(?m)^  build +Builds everything");
  }

  @Test
  void unknownCommandSuggestsAndExitsTwo() {
    CliRunner r = CliRunner.run("operatr");
    r.assertFailedCleanly(2, "error:");
    CliRunner sub = CliRunner.run("operator", "keys", "frobnicate");
    sub.assertFailedCleanly(2, "error:");
  }

  @Test
  void missingKeyAndWrongPasswordAreClear(DevChain chain, @TempDir Path home) throws Exception {
    DevLedger ledger = DevLedger.deploy(chain, 60);
    Path deployment = home.resolve("deployment.json");
    ledger.deployment().write(deployment);
    Path pw = home.resolve("pw");
    Files.writeString(pw, "the right password");
    Path wrong = home.resolve("wrong");
    Files.writeString(wrong, "not the password at all");
    CliRunner missing =
        CliRunner.run(
            "operator",
            "deposit",
            "--amount",
            "1",
            "--keystore",
            home.resolve("nope.json").toString(),
            "--password-file",
            pw.toString(),
            "--rpc",
            chain.rpcUrl(),
            "--deployment",
            deployment.toString());
    missing.assertFailedCleanly(2, "no key");
    CliRunner created =
        CliRunner.run(
            "operator",
            "keys",
            "new",
            "--light",
            "--keystore",
            home.resolve("k.json").toString(),
            "--password-file",
            pw.toString());
    assertThat(created.exitCode()).isZero();
    CliRunner bad =
        CliRunner.run(
            "operator",
            "keys",
            "show",
            "--check",
            "--keystore",
            home.resolve("k.json").toString(),
            "--password-file",
            wrong.toString());
    bad.assertFailedCleanly(2, "wrong password");
    CliRunner again =
        CliRunner.run(
            "operator",
            "keys",
            "new",
            "--light",
            "--keystore",
            home.resolve("k.json").toString(),
            "--password-file",
            pw.toString());
    again.assertFailedCleanly(2, "exists already");
  }

  @Test
  void unreachableChainAndBrokerAreClear(DevChain chain, @TempDir Path home) throws Exception {
    DevLedger ledger = DevLedger.deploy(chain, 60);
    Path deployment = home.resolve("deployment.json");
    ledger.deployment().write(deployment);
    Path pw = home.resolve("pw");
    Files.writeString(pw, "the right password");
    CliRunner.run(
        "operator",
        "keys",
        "new",
        "--light",
        "--keystore",
        home.resolve("k.json").toString(),
        "--password-file",
        pw.toString());
    CliRunner chainDown =
        CliRunner.run(
            "operator",
            "status",
            "--keystore",
            home.resolve("k.json").toString(),
            "--rpc",
            "http://127.0.0.1:9",
            "--deployment",
            deployment.toString());
    chainDown.assertFailedCleanly(3, "unreachable");
    assertThat(chainDown.err()).as("said once").doesNotContain("Failed to connect");
    assertThat(chainDown.err())
        .as("how to point the command at another node")
        .contains("; point --rpc (or $SPECTRUM_RPC) at the chain's node");
    CliRunner brokerDown =
        CliRunner.run(
            "operator",
            "orders",
            "--keystore",
            home.resolve("k.json").toString(),
            "--password-file", // the broker shows an operator's orders to its signed request only
            pw.toString(),
            "--broker",
            "http://127.0.0.1:9");
    brokerDown.assertFailedCleanly(3, "unreachable");
    assertThat(brokerDown.err()).contains("; point --broker (or $SPECTRUM_BROKER) at the broker");
    // the chain's URL given for the broker's: what answers there is not the broker's API
    CliRunner notTheBroker =
        CliRunner.run(
            "operator",
            "orders",
            "--keystore",
            home.resolve("k.json").toString(),
            "--password-file",
            pw.toString(),
            "--broker",
            chain.rpcUrl());
    notTheBroker.assertFailedCleanly(
        3, "is that the broker's URL? Point --broker (or $SPECTRUM_BROKER) at the broker");
    CliRunner noRecord =
        CliRunner.run(
            "explore",
            "operator",
            "0x" + "11".repeat(20),
            "--deployment",
            home.resolve("none.json").toString());
    noRecord.assertFailedCleanly(2, "deployment record not found");
    CliRunner badHash =
        CliRunner.run(
            "explore",
            "tx",
            "0x1234",
            "--rpc",
            chain.rpcUrl(),
            "--deployment",
            deployment.toString());
    badHash.assertFailedCleanly(2, "not a transaction hash");
  }

  @Test
  void malformedDataFileNamesTheLine(@TempDir Path home) throws Exception {
    Path data = home.resolve("demand.csv");
    Files.writeString(data, "time,value\n2023-01-01 00:00:00,1.0\n2023-01-01 01:00:00,oops\n");
    CliRunner r = CliRunner.run("operator", "forecast", "eval", "--data", data.toString());
    r.assertFailedCleanly(2, "demand.csv:3");
  }
}
