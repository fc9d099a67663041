package org.spectrumledger.network.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spectrumledger.network.generate.NetworkGenerator;
import org.spectrumledger.network.generate.TestOptions;

/**
 * A malformed address or URL is refused before any key is read or node called, by the option that
 * took it and with the form it takes, not in a parser's or an HTTP client's words.
 */
class OptionsNamedInRefusalsTest {

  /** An address whose EIP-55 checksum is broken by one letter's case. */
  private static final String BAD_CHECKSUM = "0x70997970c51812dc3A010C7d01b50e0d17dc79C8";

  @Test
  void aMalformedAddressNamesItsOption() {
    assertRefused(
        Cli.network("deploy", "--broker", BAD_CHECKSUM, "--key", "env:NOT_SET"),
        "'--broker'",
        "fails its EIP-55 checksum");
    assertRefused(
        Cli.network("deploy", "--regulator", "0x1234", "--key", "env:NOT_SET"),
        "'--regulator'",
        "not an address");
    assertRefused(
        Cli.network("revoke", "--account", BAD_CHECKSUM, "--role", "broker"),
        "'--account'",
        "fails its EIP-55 checksum");
    assertRefused(
        Cli.network("validator", "add", "--network", "nowhere", "--address", "0xzz"),
        "'--address'",
        "not an address");
    assertRefused(
        Cli.network("node", "add", "--network", "nowhere", "--account", BAD_CHECKSUM),
        "'--account'",
        "fails its EIP-55 checksum");
  }

  @Test
  void anRpcUrlWithoutItsSchemeNamesTheOptionAndTheForm() {
    assertRefused(
        Cli.network("deploy", "--rpc", "127.0.0.1:8545", "--key", "env:NOT_SET"),
        "--rpc (or $SPECTRUM_RPC) '127.0.0.1:8545': it needs http:// or https:// in front",
        "http://HOST:PORT");
    assertRefused(
        Cli.network(
            "revoke",
            "--account",
            "0x70997970c51812dc3a010c7d01b50e0d17dc79c8",
            "--role",
            "broker",
            "--rpc",
            "http://:8545",
            "--key",
            "env:NOT_SET",
            "--deployment",
            "nowhere.json"),
        "--rpc 'http://:8545': it names no host",
        "http://HOST:PORT");
  }

  @Test
  void aNewNodesHostAndNameAndANegativeWaitAreRefusedByName(@TempDir Path tmp) {
    Path net = tmp.resolve("net");
    new NetworkGenerator(new SecureRandom(), 0)
        .generate(TestOptions.of(1, 0, null), net, "a long enough password".toCharArray(), false);
    String dir = net.toString();
    assertRefused(
        Cli.network("node", "add", "--network", dir, "--host", "10.0.0.300", "--dry-run"),
        "--host takes the node's IPv4 address",
        "'10.0.0.300'");
    assertRefused(
        Cli.network("node", "add", "--network", dir, "--name", "Member 2", "--dry-run"),
        "--name takes lowercase letters",
        "'Member 2'");
    assertRefused(
        Cli.network(
            "validator", "add", "--network", dir, "--node", "rpcnode", "--wait", "-5", "--dry-run"),
        "--wait takes seconds, 0 (do not wait) or more",
        "-5");
    assertRefused(
        Cli.network("verify", "submit", "--bundle", dir, "--explorer", "http://x", "--wait", "-1"),
        "--wait takes seconds",
        "-1");
  }

  private static void assertRefused(Cli.Run run, String option, String why) {
    assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
    assertThat(run.err()).startsWith("error: ").contains(option).contains(why);
    assertThat(run.err().strip().lines()).as("one line").hasSize(1);
  }
}
