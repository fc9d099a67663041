package org.spectrumledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spectrumledger.network.generate.NetworkManifest;

/**
 * The keystores {@code network generate} writes open in the operator and regulator commands with
 * the same password file: one keystore format and one password rule for every tool.
 */
class GeneratedKeystoresTest {

  @Test
  void aGeneratedAccountKeystoreOpensInTheOperatorCommands(@TempDir Path tmp) throws Exception {
    Path pw = tmp.resolve("pw");
    Files.writeString(pw, "one password for all tools\n");
    Path net = tmp.resolve("net");
    CliRunner generated =
        CliRunner.run(
            "network",
            "generate",
            "--validators",
            "1",
            "--chain-id",
            "2018",
            "--out",
            net.toString(),
            "--kdf",
            "light",
            "--password-file",
            pw.toString());
    assertThat(generated.exitCode()).as(generated.toString()).isZero();
    NetworkManifest m = NetworkManifest.read(net);

    for (String account : new String[] {"admin", "regulator", "broker"}) {
      Path keystore = net.resolve(m.account(account).keystore());
      CliRunner checked =
          CliRunner.run(
              "operator",
              "keys",
              "show",
              "--check",
              "--keystore",
              keystore.toString(),
              "--password-file",
              pw.toString());
      assertThat(checked.exitCode()).as(checked.toString()).isZero();
      assertThat(checked.out())
          .contains("address: " + m.account(account).address().checksummed())
          .contains("password: ok");
      CliRunner shown =
          CliRunner.run("operator", "keys", "show", "--keystore", keystore.toString());
      assertThat(shown.exitCode()).as(shown.toString()).isZero();
      assertThat(shown.out()).contains("address: " + m.account(account).address().checksummed());
    }

    Path wrong = tmp.resolve("wrong");
    Files.writeString(wrong, "not the password\n");
    CliRunner.run(
            "operator",
            "keys",
            "show",
            "--check",
            "--keystore",
            net.resolve(m.account("admin").keystore()).toString(),
            "--password-file",
            wrong.toString())
        .assertFailedCleanly(2, "wrong password");

    Path twoLines = tmp.resolve("two-lines");
    Files.writeString(twoLines, "one password for all tools\nsomething else\n");
    CliRunner.run(
            "network",
            "generate",
            "--validators",
            "1",
            "--chain-id",
            "2018",
            "--out",
            tmp.resolve("other").toString(),
            "--kdf",
            "light",
            "--password-file",
            twoLines.toString())
        .assertFailedCleanly(2, "more than one line");
    assertThat(tmp.resolve("other")).doesNotExist();
  }
}
