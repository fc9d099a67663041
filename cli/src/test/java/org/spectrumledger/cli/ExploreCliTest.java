package org.spectrumledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.spectrumledger.ledger.LedgerClient;
import org.spectrumledger.ledger.OperatorKind;
import org.spectrumledger.ledger.SigningKey;
import org.spectrumledger.ledger.TxResult;
import org.spectrumledger.ledger.devchain.DevChain;
import org.spectrumledger.ledger.devchain.DevChainExtension;
import org.spectrumledger.ledger.devchain.DevLedger;

/**
 * {@code explore tx|operator|market}: amounts with their unit, times as ISO dates, event fields
 * decoded (cells in hex), and {@code --json} without a single {@code null}.
 */
@ExtendWith(DevChainExtension.class)
class ExploreCliTest {

  @Test
  void explorePrintsUnitsAndDatesAndJsonWithoutNulls(DevChain chain, @TempDir Path home)
      throws Exception {
    DevLedger ledger = DevLedger.deploy(chain, 60);
    LedgerClient admin = ledger.admin();
    TxResult band = admin.policy().registerBand(4, 2_110_000, 2_155_000, false, 0, 3_600);
    SigningKey op =
        ledger.newOperator(
            "Campus",
            OperatorKind.MICRO_OPERATOR,
            new BigInteger("5000000"),
            new BigInteger("2000000"));
    long now = admin.chainTime();
    TxResult licence =
        admin.policy().grantLicence(op.address(), 4, 0x7, 2_000, now - 60, now + 86_400);
    Path deployment = home.resolve("deployment.json");
    ledger.deployment().write(deployment);
    String[] where = {"--rpc", chain.rpcUrl(), "--deployment", deployment.toString()};

    CliRunner tx = run(where, "explore", "tx", licence.txHash().toString());
    assertThat(tx.exitCode()).as(tx.toString()).isZero();
    assertThat(tx.out())
        .containsPattern("block \\d+ at 20\\d\\d-\\d\\d-\\d\\dT")
        .contains("cell=0x7")
        .contains("quantity=2 SRU")
        .containsPattern("validUntil=20\\d\\d-");
    CliRunner txJson = run(where, "explore", "tx", band.txHash().toString(), "--json");
    assertThat(txJson.exitCode()).as(txJson.toString()).isZero();
    assertThat(txJson.out()).contains("\"slotSeconds\" : \"3600 s\"").doesNotContain("null");

    SigningKey stranger = SigningKey.random(new java.security.SecureRandom());
    CliRunner unregistered =
        run(where, "explore", "operator", stranger.address().toString(), "--json");
    assertThat(unregistered.exitCode()).as(unregistered.toString()).isZero();
    assertThat(unregistered.out()).contains("\"registered\" : false").doesNotContain("null");

    CliRunner campus = run(where, "explore", "operator", op.address().toString());
    assertThat(campus.out())
        .contains("escrow 2 tokens, wallet 3 tokens, pending withdrawal none")
        .doesNotContain("null");
    CliRunner campusJson = run(where, "explore", "operator", op.address().toString(), "--json");
    assertThat(campusJson.out())
        .as("amounts as numbers")
        .contains("\"escrow\" : 2,")
        .contains("\"tokenBalance\" : 3,");
    CliRunner market =
        run(
            where,
            "explore",
            "market",
            "4/0x7/" + ((now / 3_600 + 1) * 3_600) + "-" + ((now / 3_600 + 2) * 3_600));
    assertThat(market.exitCode()).as(market.toString()).isZero();
    assertThat(market.out())
        .contains("sensing not required: no report")
        .doesNotContain("null", "not registered");
    CliRunner typo =
        run(
            where,
            "explore",
            "market",
            "99/0x7/" + ((now / 3_600 + 1) * 3_600) + "-" + ((now / 3_600 + 2) * 3_600));
    assertThat(typo.exitCode()).as(typo.toString()).isZero();
    assertThat(typo.out()).contains("band 99 is not registered on this chain");
  }

  private static CliRunner run(String[] where, String... args) {
    String[] all = new String[args.length + where.length];
    System.arraycopy(args, 0, all, 0, args.length);
    System.arraycopy(where, 0, all, args.length, where.length);
    return CliRunner.run(all);
  }
}
