package org.spectrumledger.ledger.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spectrumledger.ledger.SigningKey;

class KeySourceTest {

  static SecureRandom seeded(long seed) throws Exception {
    SecureRandom r = SecureRandom.getInstance("SHA1PRNG");
    r.setSeed(seed);
    return r;
  }

  @Test
  void readsKeystoresKeyFilesAndTheEnvironmentButNotARawKey(@TempDir Path dir) throws Exception {
    SigningKey key = SigningKey.random(seeded(9));
    String hex = key.exportPrivateKey().substring(2);
    Path keystore = dir.resolve("k.json");
    Keystore.write(keystore, key, "password1".toCharArray(), Keystore.Kdf.LIGHT);
    Path pwFile = dir.resolve("pw");
    Files.writeString(pwFile, "password1\n");
    PasswordSource passwords = new PasswordSource(pwFile, name -> null, null);
    assertThat(KeySource.load(keystore.toString(), passwords, n -> null)).isEqualTo(key);

    Path keyFile = dir.resolve("node/key");
    Files.createDirectories(keyFile.getParent());
    Files.writeString(keyFile, hex + "\n");
    assertThat(KeySource.load(keyFile.toString(), passwords, n -> null)).isEqualTo(key);
    Files.writeString(keyFile, key.exportPrivateKey());
    assertThat(KeySource.load(keyFile.toString(), passwords, n -> null)).isEqualTo(key);

    assertThat(KeySource.load("env:ADMIN_KEY", passwords, n -> n.equals("ADMIN_KEY") ? hex : null))
        .isEqualTo(key);

    assertThatThrownBy(() -> KeySource.load("0x" + hex, passwords, n -> null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("never the key itself")
        .message()
        .doesNotContain(hex);
    assertThatThrownBy(() -> KeySource.load(hex, passwords, n -> null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("never the key itself");
  }

  @Test
  void aKeystoreIsOpenedWithThePasswordSourceAndAWrongPasswordIsClear(@TempDir Path dir)
      throws Exception {
    SigningKey key = SigningKey.random(seeded(10));
    Path keystore = dir.resolve("broker.json");
    Keystore.write(keystore, key, "password1".toCharArray(), Keystore.Kdf.LIGHT);
    PasswordSource fromEnv =
        new PasswordSource(null, n -> n.equals(PasswordSource.ENV) ? "password1" : null, null);
    assertThat(KeySource.fromFile(keystore, fromEnv)).isEqualTo(key);
    PasswordSource wrong = new PasswordSource(null, n -> "password2", null);
    assertThatThrownBy(() -> KeySource.fromFile(keystore, wrong))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("wrong password");
    PasswordSource none = new PasswordSource(null, n -> null, null);
    assertThatThrownBy(() -> KeySource.fromFile(keystore, none))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no password for keystore " + keystore);
  }

  @Test
  void aHexKeyFileNeedsNoPassword(@TempDir Path dir) throws Exception {
    SigningKey key = SigningKey.random(seeded(11));
    Path file = dir.resolve("broker.key");
    Files.writeString(file, "  " + key.exportPrivateKey() + "\n");
    PasswordSource none = new PasswordSource(null, n -> null, null);
    assertThat(KeySource.fromFile(file, none)).isEqualTo(key);
  }

  @Test
  void missingFilesMalformedKeysAndUnsetVariablesAreClearErrors(@TempDir Path dir)
      throws Exception {
    PasswordSource none = new PasswordSource(null, n -> null, null);
    assertThatThrownBy(() -> KeySource.load(null, none, n -> null))
        .hasMessageContaining("--key is missing");
    assertThatThrownBy(() -> KeySource.load(dir.resolve("none").toString(), none, n -> null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no such file");
    assertThatThrownBy(() -> KeySource.fromFile(dir.resolve("none"), none))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no key file at");
    Path junk = dir.resolve("junk");
    Files.writeString(junk, "not a key at all");
    assertThatThrownBy(() -> KeySource.fromFile(junk, none))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("neither a V3 keystore nor a hex private key");
    Path binary = dir.resolve("binary");
    Files.write(binary, new byte[] {(byte) 0xc3, (byte) 0xa9, 0});
    assertThatThrownBy(() -> KeySource.fromFile(binary, none))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("neither a V3 keystore nor a hex private key");
    assertThatThrownBy(() -> KeySource.load("env:NOPE", none, n -> null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("environment variable NOPE is not set");
    assertThatThrownBy(() -> KeySource.fromEnvironment("BAD", n -> "xyz"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("environment variable BAD does not hold a private key");
  }
}
