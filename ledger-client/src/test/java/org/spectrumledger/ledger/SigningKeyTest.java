package org.spectrumledger.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Sign;

class SigningKeyTest {

  static SecureRandom seeded(long seed) throws Exception {
    SecureRandom r = SecureRandom.getInstance("SHA1PRNG");
    r.setSeed(seed);
    return r;
  }

  /**
   * Private keys 1, 2, 3 and n - 1: public keys G, 2G, 3G and -G, and their addresses, computed
   * apart from this code (affine point arithmetic and keccak-256 written out by hand).
   */
  @Test
  void derivesTheWellKnownPublicKeysAndAddresses() {
    String[][] vectors = {
      {
        "1",
        "79be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798"
            + "483ada7726a3c4655da4fbfc0e1108a8fd17b448a68554199c47d08ffb10d4b8",
        "0x7e5f4552091a69125d5dfcb7b8c2659029395bdf"
      },
      {
        "2",
        "c6047f9441ed7d6d3045406e95c07cd85c778e4b8cef3ca7abac09b95c709ee5"
            + "1ae168fea63dc339a3c58419466ceaeef7f632653266d0e1236431a950cfe52a",
        "0x2b5ad5c4795c026514f8317c7a215e218dccd6cf"
      },
      {
        "3",
        "f9308a019258c31049344f85f89d5229b531c845836f99b08601f113bce036f9"
            + "388f7b0f632de8140fe337e62a37f3566500a99934c2231b6cb9fd7584b8e672",
        "0x6813eb9362372eef6200f3b1dbc3f819671cba69"
      },
      {
        Sign.CURVE_PARAMS.getN().subtract(BigInteger.ONE).toString(),
        "79be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798"
            + "b7c52588d95c3b9aa25b0403f1eef75702e84bb7597aabe663b82f6f04ef2777",
        "0x80c0dbf239224071c59dd8970ab9d542e3414ab2"
      }
    };
    for (String[] v : vectors) {
      SigningKey key = SigningKey.fromPrivateKey(String.format("0x%064x", new BigInteger(v[0])));
      assertThat(key.publicKeyHex()).as("d = " + v[0]).isEqualTo("0x" + v[1]);
      assertThat(key.address()).as("d = " + v[0]).isEqualTo(Address.of(v[2]));
    }
  }

  @Test
  void randomKeysAgreeWithWeb3jAndSurviveExportAndImport() throws Exception {
    SecureRandom random = seeded(7);
    for (int i = 0; i < 20; i++) {
      SigningKey key = SigningKey.random(random);
      String hex = key.exportPrivateKey();
      assertThat(hex).matches("0x[0-9a-f]{64}");
      Credentials web3j = Credentials.create(hex);
      assertThat(key.address().hex()).isEqualTo(web3j.getAddress());
      assertThat(key.publicKeyHex())
          .matches("0x[0-9a-f]{128}")
          .isEqualTo(String.format("0x%0128x", web3j.getEcKeyPair().getPublicKey()));
      assertThat(SigningKey.fromPrivateKey(hex)).isEqualTo(key);
      assertThat(SigningKey.fromPrivateKey(hex.substring(2)).publicKeyHex())
          .isEqualTo(key.publicKeyHex());
    }
  }

  @Test
  void aSeededRandomGivesTheSameKeysAndFreshRandomsDifferentOnes() throws Exception {
    assertThat(SigningKey.random(seeded(42))).isEqualTo(SigningKey.random(seeded(42)));
    assertThat(SigningKey.random(new SecureRandom()))
        .isNotEqualTo(SigningKey.random(new SecureRandom()));
  }

  @Test
  void toStringShowsTheAddressOnly() throws Exception {
    SigningKey key = SigningKey.random(seeded(1));
    assertThat(key.toString())
        .contains(key.address().toString())
        .doesNotContain(key.exportPrivateKey().substring(2));
  }

  @Test
  void rejectsKeysOutsideTheCurve() {
    assertThatThrownBy(() -> SigningKey.fromPrivateKey("00".repeat(32)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("range");
    assertThatThrownBy(
            () -> SigningKey.fromPrivateKey(String.format("%064x", Sign.CURVE_PARAMS.getN())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("range");
    assertThatThrownBy(() -> SigningKey.fromPrivateKey("ff".repeat(32)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SigningKey.fromPrivateKey("abc"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SigningKey.fromPrivateKey("11".repeat(31)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("32 bytes");
  }
}
