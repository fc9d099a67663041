package org.spectrumledger.broker.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.spectrumledger.broker.BrokerConfig;
import org.spectrumledger.broker.BrokerNode;
import org.spectrumledger.ledger.CellId;
import org.spectrumledger.ledger.OperatorKind;
import org.spectrumledger.ledger.SigningKey;
import org.spectrumledger.ledger.devchain.DevChain;
import org.spectrumledger.ledger.devchain.DevChainExtension;
import org.spectrumledger.ledger.devchain.DevLedger;

/**
 * Runs the JavaScript interoperability suite ({@code interop/}, node's test runner and ethers)
 * against a dev chain, the contracts and a broker: the suite signs, posts, waits for settlement,
 * reads the chain and decodes reverts with the published ABI and the HTTP API only. This test only
 * builds the world and hands the suite its addresses and keys.
 */
@ExtendWith(DevChainExtension.class)
class InteropSuiteTest {

  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Path SUITE = ROOT.resolve("interop");
  private static final long SELLER_LICENCE = 20_000;
  private static final long BUYER_ESCROW = 100_000_000;

  @Test
  void theJavaScriptSuitePasses(DevChain chain, @TempDir Path dir) throws Exception {
    run(dir, "sh", SUITE.resolve("scripts/ensure-deps.sh").toString());

    DevLedger ledger = DevLedger.deploy(chain, 60);
    BrokerHarness h = new BrokerHarness(ledger, 3_600);
    SigningKey seller = h.seller("Interop seller", SELLER_LICENCE);
    SigningKey buyer = h.buyer("Interop buyer", BUYER_ESCROW);
    SigningKey newcomer =
        ledger.newOperator(
            "Interop newcomer",
            OperatorKind.LOCAL_OPERATOR,
            BigInteger.valueOf(10_000_000),
            BigInteger.ZERO);
    BrokerConfig config = h.fastBroker(dir);
    try (BrokerNode broker = BrokerNode.start(config)) {
      Map<String, Object> env = new LinkedHashMap<>();
      env.put("rpcUrl", chain.rpcUrl());
      env.put("brokerUrl", "http://127.0.0.1:" + broker.port());
      env.put("chainId", ledger.deployment().chainId());
      env.put("exchange", ledger.deployment().exchange().toString());
      env.put("policy", ledger.deployment().policy().toString());
      env.put("token", ledger.deployment().token().toString());
      env.put("abiDir", ROOT.resolve("contracts/abi").toString());
      env.put("seller", seller.exportPrivateKey());
      env.put("buyer", buyer.exportPrivateKey());
      env.put("newcomer", newcomer.exportPrivateKey());
      env.put("sellerLicence", SELLER_LICENCE);
      env.put("buyerEscrow", BUYER_ESCROW);
      env.put(
          "market",
          Map.of(
              "band", h.market.band(),
              "cell", new CellId(h.market.cell()).toString(),
              "slotStart", h.market.slotStart(),
              "slotEnd", h.market.slotEnd()));
      Path envFile = dir.resolve("interop-env.json");
      new ObjectMapper().writeValue(envFile.toFile(), env);

      String output =
          run(
              dir,
              Map.of("SPECTRUM_INTEROP_ENV", envFile.toString()),
              "node",
              "--test",
              "--test-reporter=spec",
              SUITE.resolve("test/interop.test.mjs").toString());
      assertThat(output).contains("ℹ fail 0").containsPattern("ℹ pass [1-9]");
    }
  }

  private static String run(Path dir, String... command) throws IOException, InterruptedException {
    return run(dir, Map.of(), command);
  }

  /** Runs {@code command}, prints what it wrote, and fails the test with it unless it exits 0. */
  private static String run(Path dir, Map<String, String> env, String... command)
      throws IOException, InterruptedException {
    Path log = Files.createTempFile(dir, "interop", ".log");
    ProcessBuilder pb =
        new ProcessBuilder(command)
            .directory(SUITE.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    pb.environment().putAll(env);
    Process p = pb.start();
    boolean done = p.waitFor(5, TimeUnit.MINUTES);
    if (!done) {
      p.destroyForcibly();
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    System.out.println(output);
    assertThat(done).as("%s did not finish in 5 minutes:%n%s", command[0], output).isTrue();
    assertThat(p.exitValue()).as("%s failed:%n%s", String.join(" ", command), output).isZero();
    return output;
  }
}
