package org.spectrumledger.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.spectrumledger.ledger.internal.KeyRecovery;
import org.web3j.crypto.Sign;

class OrderSignerTest {

  private static final Eip712Domain DOMAIN =
      Eip712Domain.exchange(2018, Address.of("0x5fbdb2315678afecb367f032d93f642f64180aa3"));
  private final SecureRandom random = new SecureRandom(new byte[] {9});
  private OrderSigner signer;

  /** Each test runs with Bouncy Castle and, where it loads, libsecp256k1. */
  static Stream<KeyRecovery> recoveries() {
    return KeyRecovery.nativeLibrary() == null
        ? Stream.of(KeyRecovery.bouncyCastle())
        : Stream.of(KeyRecovery.bouncyCastle(), KeyRecovery.nativeLibrary());
  }

  private SignedOrder signed(SigningKey key, long nonce) {
    Order o =
        new Order(
            key.address(),
            Side.BID,
            new MarketKey(4, 7, 1_800_000_000L, 1_800_003_600L),
            1_500,
            2_000_000,
            nonce,
            1_800_000_000L,
            true);
    return signer.sign(o, key);
  }

  @ParameterizedTest
  @MethodSource("recoveries")
  void checksAKnownSignerExactlyAsRecoveryDoes(KeyRecovery recovery) {
    signer = new OrderSigner(DOMAIN, recovery);
    SigningKey key = SigningKey.random(random);
    for (int i = 0; i < 20; i++) {
      SignedOrder s = signed(key, i);
      byte[] digest = signer.hasher().digest(s.order());
      assertThat(signer.signedBy(key.address(), digest, s.signature())).as("order %d", i).isTrue();
      assertThat(OrderSigner.recover(recovery, digest, s.signature())).contains(key.address());
    }
  }

  @ParameterizedTest
  @MethodSource("recoveries")
  void refusesTheWrongRecoveryBitATamperedDigestAndAnotherSigner(KeyRecovery recovery) {
    signer = new OrderSigner(DOMAIN, recovery);
    SigningKey key = SigningKey.random(random);
    SigningKey other = SigningKey.random(random);
    for (int i = 0; i < 10; i++) {
      SignedOrder s = signed(key, i);
      byte[] digest = signer.hasher().digest(s.order());
      signer.signedBy(key.address(), digest, s.signature()); // make the key known
      Signature flipped =
          new Signature(s.signature().r(), s.signature().s(), s.signature().v() == 27 ? 28 : 27);
      assertThat(signer.signedBy(key.address(), digest, flipped)).isFalse();
      assertThat(OrderSigner.recover(recovery, digest, flipped))
          .isNotEqualTo(Optional.of(key.address()));
      byte[] tampered = digest.clone();
      tampered[0] ^= 1;
      assertThat(signer.signedBy(key.address(), tampered, s.signature())).isFalse();
      assertThat(signer.signedBy(other.address(), digest, s.signature())).isFalse();
    }
  }

  @ParameterizedTest
  @MethodSource("recoveries")
  void refusesTheHighSTwinOfAValidSignature(KeyRecovery recovery) {
    signer = new OrderSigner(DOMAIN, recovery);
    SigningKey key = SigningKey.random(random);
    for (int i = 0; i < 10; i++) {
      SignedOrder s = signed(key, i);
      byte[] digest = signer.hasher().digest(s.order());
      signer.signedBy(key.address(), digest, s.signature()); // make the key known
      // (r, n - s, the other v) is the same signature to ECDSA; the exchange takes only low s
      BigInteger highS =
          Sign.CURVE_PARAMS.getN().subtract(new BigInteger(1, s.signature().s().bytes()));
      Signature twin =
          new Signature(
              s.signature().r(),
              Bytes32.of(String.format("%064x", highS)),
              s.signature().v() == 27 ? 28 : 27);
      assertThat(signer.signedBy(key.address(), digest, twin)).isFalse();
      assertThat(OrderSigner.recover(recovery, digest, twin)).isEmpty();
    }
  }

  @ParameterizedTest
  @MethodSource("recoveries")
  void refusesAZeroROrAnROfTheCurveOrder(KeyRecovery recovery) {
    signer = new OrderSigner(DOMAIN, recovery);
    SigningKey key = SigningKey.random(random);
    SignedOrder s = signed(key, 1);
    byte[] digest = signer.hasher().digest(s.order());
    for (String r :
        new String[] {"00".repeat(32), String.format("%064x", Sign.CURVE_PARAMS.getN())}) {
      Signature bad = new Signature(Bytes32.of(r), s.signature().s(), s.signature().v());
      assertThat(signer.signedBy(key.address(), digest, bad)).isFalse();
      assertThat(OrderSigner.recover(recovery, digest, bad)).isEmpty();
    }
  }
}
