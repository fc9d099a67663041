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
import org.web3j.crypto.Credentials;

class NodeKeyTest {

  static SecureRandom seeded(long seed) throws Exception {
    SecureRandom r = SecureRandom.getInstance("SHA1PRNG");
    r.setSeed(seed);
    return r;
  }

  @Test
  void derivesTheWellKnownAddressAndPublicKeyOfPrivateKeyOne() {
    NodeKey one = NodeKey.fromPrivateKey("0x" + "0".repeat(63) + "1");
    // d = 1: the public key is the generator point G, the address is the well-known 0x7E5F…
    assertThat(one.address()).isEqualTo(Address.of("0x7e5f4552091a69125d5dfcb7b8c2659029395bdf"));
    assertThat(one.enodeId())
        .isEqualTo(
            "79be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798"
                + "483ada7726a3c4655da4fbfc0e1108a8fd17b448a68554199c47d08ffb10d4b8");
  }

  @Test
  void bouncyCastleKeysAgreeWithSigningKeyAndWeb3jForTheSamePrivateKey() throws Exception {
    SecureRandom random = seeded(7);
    for (int i = 0; i < 20; i++) {
      NodeKey key = NodeKey.generate(random);
      SigningKey signing = SigningKey.fromPrivateKey(key.privateKeyHex());
      Credentials web3j = Credentials.create(key.privateKeyHex());
      assertThat(key.address()).isEqualTo(signing.address());
      assertThat(key.address().hex()).isEqualTo(web3j.getAddress());
      assertThat(key.publicKeyHex()).isEqualTo(signing.publicKeyHex());
      assertThat(key.enodeId()).hasSize(128).isEqualTo(signing.publicKeyHex().substring(2));
      assertThat(key.toSigningKey()).isEqualTo(signing);
    }
  }

  @Test
  void aSeededRandomGivesTheSameKeysAndFreshRandomsDifferentOnes() throws Exception {
    assertThat(NodeKey.generate(seeded(42))).isEqualTo(NodeKey.generate(seeded(42)));
    assertThat(NodeKey.generate(new SecureRandom()))
        .isNotEqualTo(NodeKey.generate(new SecureRandom()));
  }

  @Test
  void toStringShowsTheAddressOnly() throws Exception {
    NodeKey key = NodeKey.generate(seeded(1));
    assertThat(key.toString())
        .contains(key.address().toString())
        .doesNotContain(key.privateKeyHex());
  }

  @Test
  void rejectsKeysOutsideTheCurve() {
    assertThatThrownBy(() -> NodeKey.fromPrivateKey("00".repeat(32)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("range");
    assertThatThrownBy(() -> NodeKey.fromPrivateKey("ff".repeat(32)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> NodeKey.fromPrivateKey("abc"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void nodeKeyFilesHoldBesusFormatAndTheKeyIsOwnerOnly(@TempDir Path dir) throws Exception {
    NodeKey key = NodeKey.generate(seeded(3));
    KeyFiles.write(dir, key);
    String priv = Files.readString(dir.resolve("key"), StandardCharsets.US_ASCII);
    assertThat(priv).matches("[0-9a-f]{64}");
    assertThat(Files.readString(dir.resolve("key.pub"))).isEqualTo("0x" + key.enodeId());
    assertThat(Files.readString(dir.resolve("address"))).isEqualTo(key.address().hex());
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("key"))))
        .isEqualTo("rw-------");
    assertThat(KeyFiles.read(dir)).isEqualTo(key);
  }

  @Test
  void keystoresOpenWithTheirPasswordOnly(@TempDir Path dir) throws Exception {
    NodeKey key = NodeKey.generate(seeded(5));
    Path file = dir.resolve("admin.json");
    Keystores.write(file, key, "correct horse".toCharArray(), Keystores.Kdf.LIGHT);
    assertThat(Keystores.isKeystore(file)).isTrue();
    assertThat(Files.readString(file)).doesNotContain(key.privateKeyHex());
    assertThat(Keystores.read(file, "correct horse".toCharArray()).address())
        .isEqualTo(key.address());
    assertThatThrownBy(() -> Keystores.read(file, "wrong horse".toCharArray()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("wrong password");
  }

  @Test
  void keySourceReadsKeystoresKeyFilesAndTheEnvironmentButNotARawKey(@TempDir Path dir)
      throws Exception {
    NodeKey key = NodeKey.generate(seeded(9));
    Path keystore = dir.resolve("k.json");
    Keystores.write(keystore, key, "password1".toCharArray(), Keystores.Kdf.LIGHT);
    Path pwFile = dir.resolve("pw");
    Files.writeString(pwFile, "password1\n");
    PasswordSource passwords = new PasswordSource(pwFile, name -> null, null);
    assertThat(KeySource.load(keystore.toString(), passwords, n -> null).address())
        .isEqualTo(key.address());

    KeyFiles.write(dir.resolve("node"), key);
    assertThat(KeySource.load(dir.resolve("node/key").toString(), passwords, n -> null).address())
        .isEqualTo(key.address());

    assertThat(KeySource.load("env:ADMIN_KEY", passwords, n -> key.privateKeyHex()).address())
        .isEqualTo(key.address());

    assertThatThrownBy(() -> KeySource.load("0x" + key.privateKeyHex(), passwords, n -> null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("never the key itself")
        .message()
        .doesNotContain(key.privateKeyHex());
  }

  @Test
  void passwordsComeFromTheEnvironmentWhenNoFileIsGivenAndAreNeverGuessed() {
    PasswordSource fromEnv =
        new PasswordSource(null, n -> n.equals(PasswordSource.ENV) ? "from-the-env" : null, null);
    assertThat(new String(fromEnv.forWriting("x"))).isEqualTo("from-the-env");
    PasswordSource none = new PasswordSource(null, n -> null, null);
    assertThatThrownBy(() -> none.forReading("the admin keystore"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--password-file");
    PasswordSource shortOne = new PasswordSource(null, n -> "short", null);
    assertThatThrownBy(() -> shortOne.forWriting("x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 8");
  }
}
