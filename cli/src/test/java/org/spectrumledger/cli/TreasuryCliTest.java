package org.spectrumledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.spectrumledger.ledger.LedgerClient;
import org.spectrumledger.ledger.OperatorKind;
import org.spectrumledger.ledger.SigningKey;
import org.spectrumledger.ledger.devchain.DevChain;
import org.spectrumledger.ledger.devchain.DevChainExtension;
import org.spectrumledger.ledger.devchain.DevLedger;

/** On a fresh deployment the regulator's treasury mints the tokens an operator deposits. */
@ExtendWith(DevChainExtension.class)
class TreasuryCliTest {

  @Test
  void theTreasuryMintsTokensAnOperatorThenDeposits(DevChain chain, @TempDir Path home)
      throws Exception {
    DevLedger ledger = DevLedger.deploy(chain, 60);
    LedgerClient admin = ledger.admin();
    Path deployment = home.resolve("deployment.json");
    ledger.deployment().write(deployment);
    Path pw = home.resolve("pw");
    Files.writeString(pw, "treasury password");
    SigningKey operator =
        ledger.newOperator("Campus", OperatorKind.MICRO_OPERATOR, BigInteger.ZERO, BigInteger.ZERO);
    Path regulator = importKey(home, "regulator", ledger.adminKey(), pw);
    Path wallet = importKey(home, "campus", operator, pw);
    String[] common = {
      "--rpc", chain.rpcUrl(),
      "--deployment", deployment.toString(),
      "--password-file", pw.toString(),
      "--gas", "free"
    };

    CliRunner broke = run(common, "operator", "deposit", "--amount", "40", "--keystore", wallet);
    assertThat(broke.exitCode()).as(broke.toString()).isEqualTo(4);
    assertThat(broke.err())
        .contains("has 0 tokens (0 base units) in its wallet")
        .contains("needs 40 tokens (40000000 base units)")
        .doesNotContain("settlement tokens");

    CliRunner minted =
        run(
            common,
            "regulator",
            "mint",
            "--to",
            operator.address().toString(),
            "--amount",
            "100",
            "--keystore",
            regulator);
    assertThat(minted.exitCode()).as(minted.toString()).isZero();
    assertThat(minted.out())
        .contains("minted 100 tokens (100000000 base units) to " + operator.address())
        .contains("its wallet now holds 100 tokens");
    assertThat(admin.token().tokenBalance(operator.address())).isEqualTo(100_000_000L);

    CliRunner exponent =
        run(common, "operator", "deposit", "--amount", "1e1", "--keystore", wallet);
    exponent.assertFailedCleanly(2, "not a token amount: '1e1'");
    assertThat(admin.exchange().escrowOf(operator.address())).isZero();

    CliRunner deposited =
        run(common, "operator", "deposit", "--amount", "40.5", "--keystore", wallet);
    assertThat(deposited.exitCode()).as(deposited.toString()).isZero();
    assertThat(deposited.out())
        .contains("deposited 40.5 tokens (40500000 base units)")
        .contains("escrow now 40.5 tokens");

    CliRunner withdrawal =
        run(common, "operator", "withdraw", "--amount", "0.5", "--keystore", wallet);
    assertThat(withdrawal.exitCode()).as(withdrawal.toString()).isZero();
    CliRunner status = run(common, "operator", "status", "--json", "--keystore", wallet);
    assertThat(status.exitCode()).as(status.toString()).isZero();
    JsonNode s = new ObjectMapper().readTree(status.out());
    assertThat(s.get("escrowTokens").isNumber()).as(status.out()).isTrue();
    assertThat(s.get("escrowTokens").decimalValue()).isEqualByComparingTo("40");
    assertThat(s.get("walletTokens").decimalValue()).isEqualByComparingTo("59.5");
    assertThat(s.get("pendingWithdrawal").get("amountTokens").decimalValue())
        .isEqualByComparingTo("0.5");
    assertThat(s.get("pendingWithdrawal").get("readyAt").asText())
        .matches("\\d{4}-\\d\\d-\\d\\dT[0-9:]+Z");
    assertThat(status.out()).doesNotContain("null");
    CliRunner table = run(common, "operator", "status", "--keystore", wallet);
    assertThat(table.out())
        .contains("40 tokens")
        .containsPattern(
            "0.5 tokens, executable from \\d{4}-\\d\\d-\\d\\dT[0-9:]+Z \\(in \\d+ s\\)");

    CliRunner early = run(common, "operator", "withdraw", "--execute", "--keystore", wallet);
    early.assertFailedCleanly(2, "the withdrawal of 0.5 tokens is not executable yet: from ");
    assertThat(early.err()).containsPattern("\\(in \\d+ s\\)");
    chain.advanceTime(
        java.time.Duration.ofSeconds(
            s.get("pendingWithdrawal").get("readyInSeconds").asLong() + 1));
    CliRunner executed = run(common, "operator", "withdraw", "--execute", "--keystore", wallet);
    assertThat(executed.exitCode()).as(executed.toString()).isZero();
    assertThat(executed.out())
        .contains("withdrew 0.5 tokens in tx")
        .contains("escrow now 40 tokens");
    CliRunner nothing = run(common, "operator", "withdraw", "--cancel", "--keystore", wallet);
    nothing.assertFailedCleanly(2, "no withdrawal is pending");

    CliRunner notMinter =
        run(
            common,
            "regulator",
            "mint",
            "--to",
            operator.address().toString(),
            "--amount",
            "1",
            "--keystore",
            wallet);
    assertThat(notMinter.exitCode()).as(notMinter.toString()).isEqualTo(4);
    assertThat(admin.token().tokenBalance(operator.address())).isEqualTo(60_000_000L);
  }

  private static Path importKey(Path home, String name, SigningKey key, Path pw) throws Exception {
    Path hex = home.resolve(name + ".key");
    Files.writeString(hex, key.exportPrivateKey());
    Path keystore = home.resolve(name + ".json");
    CliRunner imported =
        CliRunner.run(
            "operator",
            "keys",
            "import",
            "--light",
            "--private-key-file",
            hex.toString(),
            "--keystore",
            keystore.toString(),
            "--password-file",
            pw.toString());
    assertThat(imported.exitCode()).as(imported.toString()).isZero();
    return keystore;
  }

  private static CliRunner run(String[] common, Object... args) {
    String[] all = new String[args.length + common.length];
    for (int i = 0; i < args.length; i++) {
      all[i] = args[i].toString();
    }
    System.arraycopy(common, 0, all, args.length, common.length);
    return CliRunner.run(all);
  }
}
