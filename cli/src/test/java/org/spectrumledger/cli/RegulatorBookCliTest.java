package org.spectrumledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.spectrumledger.broker.BrokerConfig;
import org.spectrumledger.broker.BrokerNode;
import org.spectrumledger.broker.api.BrokerClient;
import org.spectrumledger.broker.api.ConformingAnswers;
import org.spectrumledger.ledger.OperatorKind;
import org.spectrumledger.ledger.SigningKey;
import org.spectrumledger.ledger.devchain.DevChain;
import org.spectrumledger.ledger.devchain.DevChainExtension;
import org.spectrumledger.ledger.devchain.DevLedger;

/** {@code regulator book}: the regulator lights a band's near-RT books; an operator cannot. */
@ExtendWith(DevChainExtension.class)
class RegulatorBookCliTest {

  @Test
  void theRegulatorLightsABandsNearRtBooksAndAnOperatorCannot(DevChain chain, @TempDir Path home)
      throws Exception {
    DevLedger ledger = DevLedger.deploy(chain, 60);
    Path deployment = home.resolve("deployment.json");
    ledger.deployment().write(deployment);
    Path pw = home.resolve("pw");
    Files.writeString(pw, "book password");
    SigningKey operator =
        ledger.newOperator(
            "Lit hopeful", OperatorKind.MOBILE_NETWORK, BigInteger.ZERO, BigInteger.ZERO);
    BrokerConfig config = CliRunner.testBroker(chain.rpcUrl(), ledger, home);
    try (BrokerNode node = BrokerNode.start(config)) {
      ConformingAnswers answers = new ConformingAnswers();
      node.watchAnswers(answers::answered);
      String brokerUrl = "http://127.0.0.1:" + node.port();
      String[] common = {
        "--rpc", chain.rpcUrl(),
        "--deployment", deployment.toString(),
        "--password-file", pw.toString(),
        "--broker", brokerUrl
      };
      Path regulatorKeys =
          OrderCliTest.importKey(
              Files.createDirectories(home.resolve("regulator")), ledger.adminKey(), pw);
      Path operatorKeys =
          OrderCliTest.importKey(Files.createDirectories(home.resolve("operator")), operator, pw);

      CliRunner refused =
          OrderCliTest.run(
              common, "regulator", "book", "--band", "4", "--lit", "--keystore", operatorKeys);
      assertThat(refused.exitCode()).as(refused.toString()).isNotZero();
      assertThat(refused.toString()).contains("not-regulator");

      CliRunner lit =
          OrderCliTest.run(
              common, "regulator", "book", "--band", "4", "--lit", "--keystore", regulatorKeys);
      assertThat(lit.exitCode()).as(lit.toString()).isZero();
      assertThat(lit.out()).contains("all").contains("lit");
      CliRunner sealed =
          OrderCliTest.run(
              common,
              "regulator",
              "book",
              "--band",
              "4",
              "--cell",
              "0x7",
              "--sealed",
              "--keystore",
              regulatorKeys);
      assertThat(sealed.exitCode()).as(sealed.toString()).isZero();
      var rules = new BrokerClient(brokerUrl).info().bookRules();
      assertThat(rules).hasSize(2);
      assertThat(rules.get(0).lit()).isTrue();
      assertThat(rules.get(1).cell()).isEqualTo("0x7");
      assertThat(rules.get(1).lit()).isFalse();

      CliRunner both =
          OrderCliTest.run(
              common,
              "regulator",
              "book",
              "--band",
              "4",
              "--lit",
              "--sealed",
              "--keystore",
              regulatorKeys);
      assertThat(both.exitCode()).isNotZero();
      answers.assertAllConformed();
    }
  }
}
