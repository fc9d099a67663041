package org.spectrumledger.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.spectrumledger.ledger.devchain.DevChain;
import org.spectrumledger.ledger.devchain.DevChainExtension;
import org.spectrumledger.ledger.devchain.DevLedger;
import org.web3j.crypto.StructuredDataEncoder;

/** EIP-712: the Java hasher, web3j's encoder, the contract and the shared vectors agree. */
@ExtendWith(DevChainExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OrderHashingTest {

  private DevLedger ledger;

  @BeforeAll
  void deploy(DevChain chain) {
    ledger = DevLedger.deploy(chain, 60);
  }

  @AfterAll
  void close() {
    ledger.close();
  }

  private static Order randomOrder(SecureRandom r, Address maker) {
    long start = 1_700_000_000L + r.nextInt(1_000_000);
    return new Order(
        maker,
        r.nextBoolean() ? Side.BID : Side.ASK,
        new MarketKey(r.nextInt(1 << 20), r.nextLong(), start, start + 1 + r.nextInt(86_400)),
        1 + r.nextLong(1L << 40),
        1 + r.nextLong(1L << 50),
        r.nextLong(1L << 40),
        start + r.nextInt(3_600),
        r.nextBoolean());
  }

  @Test
  void javaDigestEqualsTheContractsAndWeb3jsForRandomOrders() throws Exception {
    SecureRandom r = new SecureRandom(new byte[] {1});
    OrderHasher hasher = ledger.admin().exchange().orderSigner().hasher();
    for (int i = 0; i < 25; i++) {
      Order o = randomOrder(r, SigningKey.random(r).address());
      Bytes32 java = Bytes32.wrap(hasher.digest(o));
      assertThat(ledger.admin().exchange().onChainDigest(o)).isEqualTo(java);
      assertThat(
              Bytes32.wrap(
                  new StructuredDataEncoder(typedData(o, hasher.domain())).hashStructuredData()))
          .isEqualTo(java);
    }
  }

  @Test
  void signaturesRecoverToTheMakerOnlyUnderTheirOwnDomain() {
    SecureRandom r = new SecureRandom(new byte[] {2});
    SigningKey key = SigningKey.random(r);
    Order o = randomOrder(r, key.address());
    OrderSigner signer = ledger.admin().exchange().orderSigner();
    SignedOrder signed = signer.sign(o, key);
    assertThat(signer.verify(signed)).isTrue();
    assertThat(signer.recover(signed)).contains(key.address());
    OrderSigner otherChain =
        new OrderSigner(Eip712Domain.exchange(1, signer.domain().verifyingContract()));
    OrderSigner otherDeployment =
        new OrderSigner(Eip712Domain.exchange(2018, Address.of("0x" + "11".repeat(20))));
    assertThat(otherChain.verify(signed)).isFalse();
    assertThat(otherDeployment.verify(signed)).isFalse();
  }

  /** The vectors the forge suite also checks (contracts/test/vectors/eip712-orders.json). */
  @Test
  void sharedVectorsMatch() throws Exception {
    Path file = locateVectors();
    JsonNode root = new ObjectMapper().readTree(Files.readString(file));
    Eip712Domain domain =
        Eip712Domain.exchange(
            root.path("chainId").asLong(), Address.of(root.path("verifyingContract").asText()));
    OrderHasher hasher = new OrderHasher(domain);
    assertThat(hasher.domainSeparator().hex()).isEqualTo(root.path("domainSeparator").asText());
    int checked = 0;
    for (JsonNode v : root.path("vectors")) {
      Order o =
          new Order(
              Address.of(v.path("maker").asText()),
              Side.ofCode(v.path("side").asInt()),
              new MarketKey(
                  v.path("band").asLong(),
                  Long.parseUnsignedLong(v.path("cell").asText()),
                  v.path("slotStart").asLong(),
                  v.path("slotEnd").asLong()),
              v.path("quantity").asLong(),
              v.path("limitPrice").asLong(),
              v.path("nonce").asLong(),
              v.path("validUntil").asLong(),
              v.path("partialFill").asBoolean());
      assertThat(Bytes32.wrap(OrderHasher.structHash(o)).hex())
          .isEqualTo(v.path("structHash").asText());
      assertThat(Bytes32.wrap(hasher.digest(o)).hex()).isEqualTo(v.path("digest").asText());
      assertThat(hasher.orderHash(o).hex())
          .as("the order hash is the digest, as hashOrder and wallets give it")
          .isEqualTo(v.path("digest").asText());
      SigningKey key = SigningKey.fromPrivateKey(v.path("privateKey").asText());
      assertThat(key.address()).isEqualTo(o.maker());
      Signature sig = Signature.fromHex(v.path("signature").asText());
      assertThat(OrderSigner.recover(hasher.digest(o), sig)).contains(o.maker());
      checked++;
    }
    assertThat(checked).isGreaterThanOrEqualTo(5);
  }

  static Path locateVectors() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path p = dir.resolve("contracts/test/vectors/eip712-orders.json");
      if (Files.isRegularFile(p)) {
        return p;
      }
    }
    throw new IllegalStateException(
        "contracts/test/vectors/eip712-orders.json not found above "
            + Path.of("").toAbsolutePath());
  }

  static String typedData(Order o, Eip712Domain d) {
    return """
        {"types":{
          "EIP712Domain":[{"name":"name","type":"string"},{"name":"version","type":"string"},
            {"name":"chainId","type":"uint256"},{"name":"verifyingContract","type":"address"}],
          "Order":[{"name":"maker","type":"address"},{"name":"side","type":"uint8"},
            {"name":"band","type":"uint32"},{"name":"cell","type":"uint64"},
            {"name":"slotStart","type":"uint64"},{"name":"slotEnd","type":"uint64"},
            {"name":"quantity","type":"uint64"},{"name":"limitPrice","type":"uint128"},
            {"name":"nonce","type":"uint64"},{"name":"validUntil","type":"uint64"},
            {"name":"partialFill","type":"bool"}]},
         "primaryType":"Order",
         "domain":{"name":"%s","version":"%s","chainId":%d,"verifyingContract":"%s"},
         "message":{"maker":"%s","side":%d,"band":%d,"cell":%s,"slotStart":%d,"slotEnd":%d,
           "quantity":%d,"limitPrice":%d,"nonce":%d,"validUntil":%d,"partialFill":%s}}
        """
        .formatted(
            d.name(),
            d.version(),
            d.chainId(),
            d.verifyingContract().hex(),
            o.maker().hex(),
            o.side().code(),
            o.market().band(),
            Long.toUnsignedString(o.market().cell()),
            o.market().slotStart(),
            o.market().slotEnd(),
            o.quantity(),
            o.limitPrice(),
            o.nonce(),
            o.validUntil(),
            o.partialFill());
  }
}
