package org.spectrumledger.ledger.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spectrumledger.ledger.Address;
import org.spectrumledger.ledger.SigningKey;

class KeystoreTest {

  static SecureRandom seeded(long seed) throws Exception {
    SecureRandom r = SecureRandom.getInstance("SHA1PRNG");
    r.setSeed(seed);
    return r;
  }

  @Test
  void aKeystoreIsOwnerOnlyHidesTheKeyAndOpensWithItsPasswordOnly(@TempDir Path dir)
      throws Exception {
    SigningKey key = SigningKey.random(seeded(5));
    Path file = dir.resolve("admin.json");
    Keystore.write(file, key, "correct horse".toCharArray(), Keystore.Kdf.LIGHT);

    assertThat(Keystore.isKeystore(file)).isTrue();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(Files.readString(file)).doesNotContain(key.exportPrivateKey().substring(2));
    JsonNode json = new ObjectMapper().readTree(file.toFile());
    assertThat(json.path("version").asInt()).isEqualTo(3);
    assertThat(json.path("crypto").path("kdf").asText()).isEqualTo("scrypt");
    assertThat(json.path("crypto").path("kdfparams").path("n").asInt()).isEqualTo(4096);

    assertThat(Keystore.read(file, "correct horse".toCharArray())).isEqualTo(key);
    assertThat(Keystore.address(file)).isEqualTo(key.address());
    assertThatThrownBy(() -> Keystore.read(file, "wrong horse".toCharArray()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("wrong password")
        .hasMessageContaining(file.toString());
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).as("no temporary file is left").containsExactly(file);
    }
  }

  @Test
  void theStandardKdfIsScryptWithN262144(@TempDir Path dir) throws Exception {
    SigningKey key = SigningKey.random(seeded(6));
    Path file = dir.resolve("real.json");
    Keystore.write(file, key, "a real password".toCharArray(), Keystore.Kdf.STANDARD);
    JsonNode kdf = new ObjectMapper().readTree(file.toFile()).path("crypto").path("kdfparams");
    assertThat(kdf.path("n").asInt()).isEqualTo(262_144);
    assertThat(kdf.path("p").asInt()).isEqualTo(1);
    assertThat(Keystore.read(file, "a real password".toCharArray())).isEqualTo(key);
  }

  @Test
  void anExistingFileIsNeverOverwritten(@TempDir Path dir) throws Exception {
    SigningKey first = SigningKey.random(seeded(7));
    SigningKey second = SigningKey.random(seeded(8));
    Path file = dir.resolve("k.json");
    Keystore.write(file, first, "password1".toCharArray(), Keystore.Kdf.LIGHT);
    String before = Files.readString(file);
    assertThatThrownBy(
            () -> Keystore.write(file, second, "password1".toCharArray(), Keystore.Kdf.LIGHT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("exists already");
    assertThat(Files.readString(file)).isEqualTo(before);
    assertThat(Keystore.read(file, "password1".toCharArray())).isEqualTo(first);
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).containsExactly(file);
    }
  }

  @Test
  void aShortPasswordIsRefusedAndNothingIsWritten(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("k.json");
    assertThatThrownBy(
            () ->
                Keystore.write(
                    file, SigningKey.random(seeded(9)), "short".toCharArray(), Keystore.Kdf.LIGHT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 8");
    assertThat(file).doesNotExist();
  }

  /**
   * The PBKDF2 test vector of the Web3 Secret Storage definition (password {@code testpassword}): a
   * keystore another tool wrote, without an address field.
   */
  @Test
  void readsTheWeb3SecretStorageTestVector(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("vector.json");
    Files.writeString(
        file,
        """
        {
          "crypto" : {
            "cipher" : "aes-128-ctr",
            "cipherparams" : { "iv" : "6087dab2f9fdbbfaddc31a909735c1e6" },
            "ciphertext" : "5318b4d5bcd28de64ee5559e671353e16f075ecae9f99c7a79a38af5f869aa46",
            "kdf" : "pbkdf2",
            "kdfparams" : {
              "c" : 262144,
              "dklen" : 32,
              "prf" : "hmac-sha256",
              "salt" : "ae3cd4e7013836a3df6bd7241b12db061dbe2c6785853cce422d148a624ce0bd"
            },
            "mac" : "517ead924a9d0dc3124507e3393d175ce3ff7c1e96529c6c555ce9e51205e9b2"
          },
          "id" : "3198bc9c-6672-5ab3-d995-4942343ae5b6",
          "version" : 3
        }
        """);
    assertThat(Keystore.isKeystore(file)).isTrue();
    SigningKey key = Keystore.read(file, "testpassword".toCharArray());
    assertThat(key.exportPrivateKey())
        .isEqualTo("0x7a28b5ba57c53603b0b07b56bba752f7784bf506fa95edc395f5cf6c7514fe9d");
    assertThatThrownBy(() -> Keystore.read(file, "testpassworD".toCharArray()))
        .hasMessageContaining("wrong password");
    assertThatThrownBy(() -> Keystore.address(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("does not name its address");
  }

  @Test
  void missingAndMalformedFilesAreClearErrors(@TempDir Path dir) throws Exception {
    Path missing = dir.resolve("none.json");
    assertThatThrownBy(() -> Keystore.read(missing, "password1".toCharArray()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no keystore at " + missing);
    assertThatThrownBy(() -> Keystore.address(missing))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no keystore at");
    assertThat(Keystore.isKeystore(missing)).isFalse();

    Path hex = dir.resolve("key");
    Files.writeString(hex, "11".repeat(32));
    assertThat(Keystore.isKeystore(hex)).isFalse();
    assertThatThrownBy(() -> Keystore.read(hex, "password1".toCharArray()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a V3 keystore");

    Path other = dir.resolve("other.json");
    Files.writeString(other, "{\"address\": \"0x01\"}");
    assertThat(Keystore.isKeystore(other)).isFalse();
  }

  @Test
  void theAddressFieldIsReadWithOrWithout0x(@TempDir Path dir) throws Exception {
    SigningKey key = SigningKey.random(seeded(10));
    Path file = dir.resolve("k.json");
    Keystore.write(file, key, "password1".toCharArray(), Keystore.Kdf.LIGHT);
    Path prefixed = dir.resolve("prefixed.json");
    Files.writeString(
        prefixed, Files.readString(file).replace("\"address\":\"", "\"address\":\"0x"));
    assertThat(Keystore.address(prefixed)).isEqualTo(key.address());
    assertThat(Keystore.address(file)).isEqualTo(Address.of(key.address().hex()));
  }
}
