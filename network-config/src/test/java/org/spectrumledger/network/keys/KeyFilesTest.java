package org.spectrumledger.network.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spectrumledger.ledger.Address;
import org.spectrumledger.ledger.SigningKey;
import org.spectrumledger.network.node.Enode;
import org.web3j.crypto.Credentials;

/** Node keys as Besu keeps them, and the enode ids and addresses they give. */
class KeyFilesTest {

  static SecureRandom seeded(long seed) throws Exception {
    SecureRandom r = SecureRandom.getInstance("SHA1PRNG");
    r.setSeed(seed);
    return r;
  }

  @Test
  void derivesTheWellKnownAddressAndEnodeIdOfPrivateKeyOne() {
    SigningKey one = SigningKey.fromPrivateKey("0x" + "0".repeat(63) + "1");
    // d = 1: the public key is the generator point G, the address is the well-known 0x7E5F…
    assertThat(one.address()).isEqualTo(Address.of("0x7e5f4552091a69125d5dfcb7b8c2659029395bdf"));
    assertThat(Enode.nodeIdOf(one))
        .isEqualTo(
            "79be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798"
                + "483ada7726a3c4655da4fbfc0e1108a8fd17b448a68554199c47d08ffb10d4b8");
  }

  @Test
  void enodeIdsAndKeyFilesAgreeWithWeb3jForTwentyKeys(@TempDir Path dir) throws Exception {
    SecureRandom random = seeded(7);
    for (int i = 0; i < 20; i++) {
      SigningKey key = SigningKey.random(random);
      Credentials web3j = Credentials.create(key.exportPrivateKey());
      assertThat(key.address().hex()).isEqualTo(web3j.getAddress());
      String nodeId = Enode.nodeIdOf(key);
      assertThat(nodeId)
          .hasSize(128)
          .matches("[0-9a-f]{128}")
          .isEqualTo(key.publicKeyHex().substring(2))
          .isEqualTo(String.format("%0128x", web3j.getEcKeyPair().getPublicKey()));
      Path nodeDir = dir.resolve("node" + i);
      KeyFiles.write(nodeDir, key);
      assertThat(Files.readString(nodeDir.resolve("key")))
          .isEqualTo(key.exportPrivateKey().substring(2));
      assertThat(Files.readString(nodeDir.resolve("key.pub"))).isEqualTo("0x" + nodeId);
      assertThat(KeyFiles.read(nodeDir)).isEqualTo(key);
      assertThat(new Enode(nodeId, "10.0.0.1", 30303).url())
          .isEqualTo("enode://" + nodeId + "@10.0.0.1:30303");
    }
  }

  @Test
  void nodeKeyFilesHoldBesusFormatAndTheKeyIsOwnerOnly(@TempDir Path dir) throws Exception {
    SigningKey key = SigningKey.random(seeded(3));
    KeyFiles.write(dir, key);
    String priv = Files.readString(dir.resolve("key"), StandardCharsets.US_ASCII);
    assertThat(priv).matches("[0-9a-f]{64}");
    assertThat(Files.readString(dir.resolve("key.pub"))).isEqualTo("0x" + Enode.nodeIdOf(key));
    assertThat(Files.readString(dir.resolve("address"))).isEqualTo(key.address().hex());
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("key"))))
        .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("key.pub"))))
        .isEqualTo("rw-r--r--");
    assertThat(KeyFiles.read(dir)).isEqualTo(key);
  }

  @Test
  void aMissingOrMalformedKeyFileIsAClearError(@TempDir Path dir) throws Exception {
    assertThatThrownBy(() -> KeyFiles.read(dir))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no node key file at");
    Files.writeString(dir.resolve("key"), "00".repeat(32));
    assertThatThrownBy(() -> KeyFiles.read(dir))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("node key file")
        .hasMessageContaining("range");
  }
}
