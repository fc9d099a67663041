package org.spectrumledger.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spectrumledger.ledger.SigningKey;
import org.spectrumledger.ledger.keys.Keystore;

class AccountOptionsTest {

  @Test
  void theKeyIsDecryptedOnceAndThePasswordReadOnce(@TempDir Path dir) throws Exception {
    SigningKey key = SigningKey.random(new SecureRandom());
    Path keystore = dir.resolve("keystore.json");
    Keystore.write(keystore, key, "password1".toCharArray(), Keystore.Kdf.LIGHT);
    Path pw = dir.resolve("pw");
    Files.writeString(pw, "password1\n");
    AccountOptions account = new AccountOptions();
    account.keystore = keystore;
    account.passwordFile = pw;

    SigningKey first = account.key();
    assertThat(first).isEqualTo(key);
    assertThat(account.keystoreAddress()).isEqualTo(key.address());
    Files.delete(pw);
    assertThat(account.key()).as("no second decryption, no second password").isSameAs(first);

    // another keystore is another key: decrypted anew, with a password asked anew
    SigningKey other = SigningKey.random(new SecureRandom());
    Path otherStore = dir.resolve("other.json");
    Keystore.write(otherStore, other, "password2".toCharArray(), Keystore.Kdf.LIGHT);
    account.keystore = otherStore;
    assertThatThrownBy(account::key)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cannot read the password file");
    Files.writeString(pw, "password2");
    assertThat(account.key()).isEqualTo(other);
  }

  @Test
  void aMissingKeystoreSaysHowToMakeOne(@TempDir Path dir) {
    AccountOptions account = new AccountOptions();
    account.keystore = dir.resolve("none.json");
    assertThatThrownBy(account::key)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no key")
        .hasMessageContaining("spectrum operator keys new");
  }
}
