package org.spectrumledger.network.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.spectrumledger.ledger.CellId;
import org.spectrumledger.ledger.Clearing;
import org.spectrumledger.ledger.CourtClient;
import org.spectrumledger.ledger.Deployment;
import org.spectrumledger.ledger.Fill;
import org.spectrumledger.ledger.GasFees;
import org.spectrumledger.ledger.LedgerClient;
import org.spectrumledger.ledger.LedgerConfig;
import org.spectrumledger.ledger.MarketKey;
import org.spectrumledger.ledger.OperatorKind;
import org.spectrumledger.ledger.Order;
import org.spectrumledger.ledger.Role;
import org.spectrumledger.ledger.Side;
import org.spectrumledger.ledger.SigningKey;
import org.spectrumledger.ledger.devchain.DevChain;
import org.spectrumledger.ledger.devchain.DevChainExtension;
import org.spectrumledger.network.cli.Cli;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.http.HttpService;

/**
 * {@code spectrum network deploy} against the dev chain: deploys, grants the regulator and the
 * broker, changes nothing when run again, and the deployment settles a batch.
 */
@ExtendWith(DevChainExtension.class)
class DeployOnDevChainTest {

  @Test
  void deploysGrantsRolesChangesNothingTheSecondTimeSettlesABatchAndRotatesTheBroker(
      DevChain chain, @TempDir Path tmp) throws Exception {
    List<SigningKey> keys = chain.fundedKeys();
    SigningKey admin = keys.get(0);
    SigningKey regulator = keys.get(1);
    SigningKey broker = keys.get(2);
    SigningKey seller = keys.get(3);
    SigningKey buyer = keys.get(4);
    Path keyFile = tmp.resolve("admin.key");
    Files.writeString(keyFile, admin.exportPrivateKey());
    Path record = tmp.resolve("deployment.json");
    String[] args = {
      "deploy",
      "--rpc",
      chain.rpcUrl(),
      "--key",
      keyFile.toString(),
      "--regulator",
      regulator.address().hex(),
      "--broker",
      broker.address().hex(),
      "--deployment",
      record.toString(),
      "--fees",
      "free",
      "--bond",
      "250.5",
      "--challenge-window",
      "600",
      "--bond-delay",
      "1800",
      "--compensation-bps",
      "15000"
    };

    Cli.Run first = Cli.network(args);
    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(first.out())
        .containsPattern("(?m)^SpectrumExchange\\s+deployed\\s+0x")
        .containsPattern("(?m)^REGULATOR 0x[0-9a-fA-F]{40}\\s+granted\\s+0x")
        .containsPattern("(?m)^BROKER 0x[0-9a-fA-F]{40}\\s+granted\\s+0x");
    assertThat(first.out()).doesNotContain(admin.exportPrivateKey().substring(2));
    Deployment d = Deployment.read(record);
    assertThat(d.chainId()).isEqualTo(chain.chainId());
    assertThat(d.admin()).isEqualTo(admin.address());
    long nonceAfterFirst = nonce(chain, admin);

    Cli.Run second = Cli.network(args);
    assertThat(second.exitCode()).as(second.err()).isZero();
    assertThat(second.out())
        .contains("found")
        .contains("held")
        .contains("nothing changed")
        .doesNotContainPattern("(?m)^\\w+( 0x[0-9a-fA-F]{40})?\\s+(deployed|granted)\\s");
    assertThat(nonce(chain, admin))
        .as("no transaction on the second run")
        .isEqualTo(nonceAfterFirst);
    assertThat(Deployment.read(record)).isEqualTo(d);

    LedgerConfig config =
        new LedgerConfig(chain.rpcUrl(), chain.chainId(), d, regulator, GasFees.free(), null);
    try (LedgerClient asRegulator = LedgerClient.connect(config);
        LedgerClient asAdmin = LedgerClient.connect(config.withKey(admin));
        LedgerClient asBroker = LedgerClient.connect(config.withKey(broker));
        LedgerClient asBuyer = LedgerClient.connect(config.withKey(buyer))) {
      assertThat(asRegulator.policy().hasRole(Role.REGULATOR, regulator.address())).isTrue();
      assertThat(asRegulator.policy().hasRole(Role.BROKER, broker.address())).isTrue();
      // the broker court with the deployment's parameters, and the broker bonded with its minimum
      assertThat(asRegulator.court().terms())
          .isEqualTo(new CourtClient.Terms(BigInteger.valueOf(250_500_000), 600, 1_800, 15_000));
      assertThat(asRegulator.court().bondOf(broker.address()).active())
          .isEqualTo(BigInteger.valueOf(250_500_000));

      long band = 7;
      long now = asRegulator.chainTime();
      long hour = (now / 3_600 + 1) * 3_600;
      MarketKey market =
          new MarketKey(band, CellId.of(CellId.Layer.GROUND, 42).value(), hour, hour + 3_600);
      asRegulator.policy().registerBand(band, 3_400_000, 3_420_000, false, 0, 3_600);
      asRegulator
          .policy()
          .registerOperator(seller.address(), OperatorKind.MOBILE_NETWORK, "North MNO");
      asRegulator
          .policy()
          .registerOperator(buyer.address(), OperatorKind.MICRO_OPERATOR, "Harbour");
      asRegulator
          .policy()
          .grantLicence(seller.address(), band, market.cell(), 100_000, now, now + 86_400);
      asAdmin.token().mint(buyer.address(), BigInteger.valueOf(1_000_000_000));
      asBuyer.exchange().deposit(BigInteger.valueOf(1_000_000_000));

      Order ask =
          new Order(
              seller.address(), Side.ASK, market, 4_000, 2_000_000, 1, market.slotStart(), true);
      Order bid =
          new Order(
              buyer.address(), Side.BID, market, 4_000, 2_500_000, 1, market.slotStart(), true);
      Clearing clearing =
          new Clearing(
              market,
              2_250_000,
              List.of(
                  new Fill(asBroker.exchange().orderSigner().sign(ask, seller), 4_000),
                  new Fill(asBroker.exchange().orderSigner().sign(bid, buyer), 4_000)));
      var tx = asBroker.exchange().settleBatch(1, List.of(clearing));

      assertThat(tx.events("BatchSettled")).hasSize(1);
      assertThat(asBroker.exchange().isBatchSettled(1)).isTrue();
      assertThat(asBroker.exchange().leaseBalance(buyer.address(), market)).isEqualTo(4_000);
    }

    // rotating the broker key: grant the new one through deploy, revoke the old one
    SigningKey newBroker = keys.get(5);
    Cli.Run grant =
        Cli.network(
            "deploy",
            "--rpc",
            chain.rpcUrl(),
            "--key",
            keyFile.toString(),
            "--broker",
            newBroker.address().hex(),
            "--deployment",
            record.toString(),
            "--fees",
            "free");
    assertThat(grant.exitCode()).as(grant.err()).isZero();
    assertThat(grant.out()).containsPattern("(?m)^bond 0x[0-9a-fA-F]{40}\\s+granted\\s+250500000");
    String[] revoke = {
      "revoke",
      "--rpc",
      chain.rpcUrl(),
      "--key",
      keyFile.toString(),
      "--deployment",
      record.toString(),
      "--role",
      "broker",
      "--account",
      broker.address().hex(),
      "--fees",
      "free"
    };
    Cli.Run revoked = Cli.network(revoke);
    assertThat(revoked.exitCode()).as(revoked.err()).isZero();
    assertThat(revoked.out()).contains("revoked in tx 0x");
    assertThat(Cli.network(revoke).out()).contains("not held");
    try (LedgerClient reader = LedgerClient.connect(config)) {
      assertThat(reader.policy().hasRole(Role.BROKER, broker.address())).isFalse();
      assertThat(reader.policy().hasRole(Role.BROKER, newBroker.address())).isTrue();
    }
  }

  @Test
  void courtParametersThatCannotWorkAreRefusedBeforeAnythingIsSent(
      DevChain chain, @TempDir Path tmp) throws Exception {
    Path keyFile = tmp.resolve("admin.key");
    Files.writeString(keyFile, chain.fundedKeys().get(0).exportPrivateKey());
    long before = nonce(chain, chain.fundedKeys().get(0));
    Cli.Run r =
        Cli.network(
            "deploy",
            "--rpc",
            chain.rpcUrl(),
            "--key",
            keyFile.toString(),
            "--deployment",
            tmp.resolve("d.json").toString(),
            "--challenge-window",
            "600",
            "--bond-delay",
            "300");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("the bond delay longer than twice it");
    assertThat(nonce(chain, chain.fundedKeys().get(0))).isEqualTo(before);
  }

  @Test
  void aRecordThatCannotBeWrittenIsRefusedBeforeAnythingIsDeployed(
      DevChain chain, @TempDir Path tmp) throws Exception {
    Path keyFile = tmp.resolve("admin.key");
    Files.writeString(keyFile, chain.fundedKeys().get(0).exportPrivateKey());
    Path aFile = Files.writeString(tmp.resolve("notes.txt"), "a file, not a directory");
    long before = nonce(chain, chain.fundedKeys().get(0));
    for (Path record : List.of(aFile.resolve("deployment.json"), tmp)) {
      Cli.Run r =
          Cli.network(
              "deploy",
              "--rpc",
              chain.rpcUrl(),
              "--key",
              keyFile.toString(),
              "--deployment",
              record.toString(),
              "--fees",
              "free");
      assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
      assertThat(r.err())
          .contains(record.toString())
          .containsAnyOf("is a file, not a directory", "is a directory");
      assertThat(nonce(chain, chain.fundedKeys().get(0)))
          .as("no contract deployed without its record")
          .isEqualTo(before);
    }
  }

  private static long nonce(DevChain chain, SigningKey key) throws Exception {
    Web3j web3j = Web3j.build(new HttpService(chain.rpcUrl()));
    try {
      return web3j
          .ethGetTransactionCount(key.address().hex(), DefaultBlockParameterName.LATEST)
          .send()
          .getTransactionCount()
          .longValueExact();
    } finally {
      web3j.shutdown();
    }
  }
}
