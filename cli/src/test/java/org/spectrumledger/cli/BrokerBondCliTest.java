package org.spectrumledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.spectrumledger.ledger.LedgerClient;
import org.spectrumledger.ledger.devchain.DevChain;
import org.spectrumledger.ledger.devchain.DevChainExtension;
import org.spectrumledger.ledger.devchain.DevLedger;

/**
 * {@code spectrum broker bond}: a deployment bonds its broker with the minimum; the broker asks
 * some back and may no longer settle, its backer tops it up, and the withdrawal is paid once the
 * court's delay has passed. Bad amounts are refused before anything is sent.
 */
@ExtendWith(DevChainExtension.class)
class BrokerBondCliTest {

  @Test
  void statusPostAndWithdrawOnADevChain(DevChain chain, @TempDir Path home) throws Exception {
    DevLedger ledger = DevLedger.deploy(chain, 60);
    LedgerClient admin = ledger.admin();
    Path deployment = home.resolve("deployment.json");
    ledger.deployment().write(deployment);
    Path brokerKey = home.resolve("broker.key");
    Files.writeString(brokerKey, ledger.brokerKey().exportPrivateKey());
    Path adminKey = home.resolve("admin.key");
    Files.writeString(adminKey, ledger.adminKey().exportPrivateKey());
    String broker = ledger.brokerKey().address().toString();
    String[] common = {"--rpc", chain.rpcUrl(), "--deployment", deployment.toString()};

    CliRunner status = run(common, "status", "--key", brokerKey);
    assertThat(status.exitCode()).as(status.toString()).isZero();
    assertThat(status.out())
        .contains("broker " + broker + ": may settle (the minimum is 1000 tokens)")
        .containsPattern("active bond +1000 tokens")
        .containsPattern("pending withdrawal +none")
        .containsPattern("convictions +0")
        .containsPattern("minimum bond +1000 tokens")
        .containsPattern("challenge window +86400 s")
        .containsPattern("withdrawal delay +259200 s")
        .containsPattern("compensation +100 % of a withheld fill's value \\(10000 bps\\)");

    CliRunner other =
        run(common, "status", "--broker", ledger.sensorKey().address().toString(), "--json");
    assertThat(other.exitCode()).as(other.toString()).isZero();
    JsonNode o = new ObjectMapper().readTree(other.out());
    assertThat(o.get("maySettle").asBoolean()).isFalse();
    assertThat(o.at("/bond/active").decimalValue()).isZero();
    assertThat(o.at("/terms/bondMinimum").decimalValue()).isEqualByComparingTo("1000");

    run(common, "status").assertFailedCleanly(2, "no key to name the broker with");

    // bad amounts: refused before anything is sent
    run(common, "withdraw", "--request", "-5", "--key", brokerKey, "--gas", "free")
        .assertFailedCleanly(2, "a token amount must be positive");
    run(common, "withdraw", "--request", "1.0000001", "--key", brokerKey, "--gas", "free")
        .assertFailedCleanly(2, "the token has 6 decimals; '1.0000001' has more");
    run(common, "post", "--amount", "1e3", "--key", brokerKey, "--gas", "free")
        .assertFailedCleanly(2, "not a token amount: '1e3'");
    CliRunner tooMuch =
        run(common, "withdraw", "--request", "5000", "--key", brokerKey, "--gas", "free");
    tooMuch.assertFailedCleanly(4, "has 1000 tokens (1000000000 base units) in its active bond");
    assertThat(tooMuch.err()).contains("needs 5000 tokens");
    run(common, "withdraw", "--key", brokerKey, "--gas", "free")
        .assertFailedCleanly(2, "no bond withdrawal is pending for " + broker);
    run(common, "post", "--amount", "10", "--key", brokerKey, "--gas", "free")
        .assertFailedCleanly(4, "has 0 tokens (0 base units) in its wallet");
    assertThat(admin.court().bondOf(ledger.brokerKey().address()).active())
        .isEqualTo(BigInteger.valueOf(1_000_000_000L));

    CliRunner request =
        run(common, "withdraw", "--request", "10", "--key", brokerKey, "--gas", "free");
    assertThat(request.exitCode()).as(request.toString()).isZero();
    assertThat(request.out())
        .contains("withdrawal of 10 tokens of the bond requested in tx 0x")
        .containsPattern(
            "10 tokens pending, ready at \\d{4}-\\d\\d-\\d\\dT[0-9:]+Z \\(in \\d+ s\\)")
        .contains("active bond now 990 tokens: may NOT settle: below the minimum of 1000 tokens")
        .contains("(post 10 tokens more)");

    CliRunner below = run(common, "status", "--key", brokerKey, "--json");
    JsonNode b = new ObjectMapper().readTree(below.out());
    assertThat(b.get("maySettle").asBoolean()).isFalse();
    assertThat(b.at("/bond/pending").decimalValue()).isEqualByComparingTo("10");
    assertThat(b.at("/bond/readyAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT[0-9:]+Z");
    assertThat(b.at("/bond/ready").asBoolean()).isFalse();

    CliRunner early = run(common, "withdraw", "--key", brokerKey, "--gas", "free");
    early.assertFailedCleanly(2, "the bond withdrawal of 10 tokens is not ready yet: from ");
    assertThat(early.err()).containsPattern("\\(in \\d+ s\\)");

    // the treasury backs the broker: tokens of its own wallet, posted for the broker
    admin.token().mint(ledger.adminKey().address(), BigInteger.valueOf(10_000_000));
    CliRunner posted =
        run(common, "post", "--amount", "10", "--for", broker, "--key", adminKey, "--gas", "free");
    assertThat(posted.exitCode()).as(posted.toString()).isZero();
    assertThat(posted.out())
        .contains("posted 10 tokens (10000000 base units) to the bond of " + broker)
        .contains("active bond now 1000 tokens: may settle");

    chain.advanceTime(Duration.ofSeconds(259_200 + 1));
    CliRunner withdrawn = run(common, "withdraw", "--key", brokerKey, "--gas", "free");
    assertThat(withdrawn.exitCode()).as(withdrawn.toString()).isZero();
    assertThat(withdrawn.out())
        .contains("withdrew 10 tokens of the bond in tx 0x")
        .contains("active bond 1000 tokens");
    assertThat(admin.token().tokenBalance(ledger.brokerKey().address()))
        .isEqualTo(BigInteger.valueOf(10_000_000));
    ledger.close();
  }

  private static CliRunner run(String[] common, Object... args) {
    List<String> all = new ArrayList<>(List.of("broker", "bond"));
    all.add(String.valueOf(args[0]));
    for (int i = 1; i < args.length; i++) {
      all.add(String.valueOf(args[i]));
    }
    all.addAll(List.of(common));
    return CliRunner.run(all.toArray(String[]::new));
  }
}
