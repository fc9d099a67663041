package org.spectrumledger.network.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spectrumledger.network.generate.NetworkManifest;

class GenerateCommandTest {

  @Test
  void generatesFourValidatorsAndPrintsNodesAndAccountsButNoPrivateKey(@TempDir Path tmp)
      throws Exception {
    Path pw = tmp.resolve("pw");
    Files.writeString(pw, "a long enough password\n");
    Path out = tmp.resolve("net");
    Cli.Run run =
        Cli.network(
            "generate",
            "--validators",
            "4",
            "--chain-id",
            "2018",
            "--block-period",
            "2",
            "--out",
            out.toString(),
            "--kdf",
            "light",
            "--password-file",
            pw.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    NetworkManifest m = NetworkManifest.read(out);
    assertThat(run.out())
        .contains("Generated chain 2018: QBFT, 4 validators, block period 2 s, round timeout 4 s")
        .contains("genesis extraData: 0xf8")
        .contains("spectrum network deploy --network");
    for (NetworkManifest.Node n : m.nodes()) {
      assertThat(run.out()).contains(n.name()).contains(n.enode());
    }
    for (NetworkManifest.Account a : m.accounts().values()) {
      assertThat(run.out()).contains(a.address().checksummed());
    }
    try (var nodes = Files.list(out.resolve("nodes"))) {
      for (Path node : nodes.toList()) {
        String key = Files.readString(node.resolve("key")).strip();
        assertThat(run.out()).doesNotContain(key);
        assertThat(run.err()).doesNotContain(key);
      }
    }
  }

  @Test
  void refusesToOverwriteWithoutForceWithExitCode2(@TempDir Path tmp) throws Exception {
    Path out = Files.createDirectory(tmp.resolve("existing"));
    Files.writeString(out.resolve("mine.txt"), "keep me");
    Path pw = tmp.resolve("pw");
    Files.writeString(pw, "a long enough password\n");
    Cli.Run run =
        Cli.network(
            "generate",
            "--validators",
            "4",
            "--chain-id",
            "2018",
            "--out",
            out.toString(),
            "--kdf",
            "light",
            "--password-file",
            pw.toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).startsWith("error: ").contains("already exists").contains("--force");
    assertThat(Files.readString(out.resolve("mine.txt"))).isEqualTo("keep me");
  }

  @Test
  void forceReplacesOnlyANetworkNeverAnotherDirectory(@TempDir Path tmp) throws Exception {
    Path out = Files.createDirectory(tmp.resolve("work"));
    Files.writeString(out.resolve("mine.txt"), "keep me");
    Path pw = tmp.resolve("pw");
    Files.writeString(pw, "a long enough password\n");
    String[] generate = {
      "generate",
      "--validators",
      "1",
      "--chain-id",
      "2018",
      "--out",
      out.toString(),
      "--kdf",
      "light",
      "--password-file",
      pw.toString(),
      "--force"
    };
    Cli.Run run = Cli.network(generate);
    assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
    assertThat(run.err())
        .startsWith("error: ")
        .contains("is not a generated network")
        .contains("choose another --out");
    assertThat(Files.readString(out.resolve("mine.txt"))).isEqualTo("keep me");

    // an empty directory made for the network is taken, as --force always took it
    Path empty = Files.createDirectory(tmp.resolve("empty"));
    generate[6] = empty.toString();
    Cli.Run intoEmpty = Cli.network(generate);
    assertThat(intoEmpty.exitCode()).as(intoEmpty.err()).isZero();
    assertThat(Files.isRegularFile(empty.resolve(NetworkManifest.FILE))).isTrue();

    Path net = tmp.resolve("net");
    generate[6] = net.toString();
    assertThat(Cli.network(generate).exitCode()).isZero();
    NetworkManifest first = NetworkManifest.read(net);
    Cli.Run again = Cli.network(generate);
    assertThat(again.exitCode()).as(again.err()).isZero();
    assertThat(NetworkManifest.read(net)).isNotEqualTo(first);
  }

  @Test
  void badInputIsAOneLineErrorWithExitCode2(@TempDir Path tmp) throws Exception {
    Path pw = tmp.resolve("pw");
    Files.writeString(pw, "a long enough password\n");
    Cli.Run zero =
        Cli.network(
            "generate",
            "--validators",
            "0",
            "--chain-id",
            "2018",
            "--out",
            tmp.resolve("x").toString(),
            "--password-file",
            pw.toString());
    assertThat(zero.exitCode()).isEqualTo(2);
    assertThat(zero.err()).contains("--validators must be at least 1");
    Cli.Run mainnet =
        Cli.network(
            "generate",
            "--validators",
            "4",
            "--chain-id",
            "1",
            "--out",
            tmp.resolve("y").toString(),
            "--password-file",
            pw.toString(),
            "--kdf",
            "light");
    assertThat(mainnet.exitCode()).isEqualTo(2);
    assertThat(mainnet.err()).contains("public network");
    assertThat(tmp.resolve("y")).doesNotExist();
    Cli.Run missing = Cli.network("generate", "--validators", "4");
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err()).contains("--chain-id").contains("--out");
  }
}
