package org.spectrumledger.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class OrderSignerTest {

  private final OrderSigner signer =
      new OrderSigner(
          Eip712Domain.exchange(2018, Address.of("0x5fbdb2315678afecb367f032d93f642f64180aa3")));
  private final SecureRandom random = new SecureRandom(new byte[] {9});

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

  @Test
  void checksAKnownSignerExactlyAsRecoveryDoes() {
    SigningKey key = SigningKey.random(random);
    for (int i = 0; i < 20; i++) {
      SignedOrder s = signed(key, i);
      byte[] digest = signer.hasher().digest(s.order());
      assertThat(signer.signedBy(key.address(), digest, s.signature())).as("order %d", i).isTrue();
      assertThat(OrderSigner.recover(digest, s.signature())).contains(key.address());
    }
  }

  @Test
  void refusesTheWrongRecoveryBitATamperedDigestAndAnotherSigner() {
    SigningKey key = SigningKey.random(random);
    SigningKey other = SigningKey.random(random);
    for (int i = 0; i < 10; i++) {
      SignedOrder s = signed(key, i);
      byte[] digest = signer.hasher().digest(s.order());
      signer.signedBy(key.address(), digest, s.signature()); // make the key known
      Signature flipped =
          new Signature(s.signature().r(), s.signature().s(), s.signature().v() == 27 ? 28 : 27);
      assertThat(signer.signedBy(key.address(), digest, flipped)).isFalse();
      assertThat(OrderSigner.recover(digest, flipped))
          .isNotEqualTo(java.util.Optional.of(key.address()));
      byte[] tampered = digest.clone();
      tampered[0] ^= 1;
      assertThat(signer.signedBy(key.address(), tampered, s.signature())).isFalse();
      assertThat(signer.signedBy(other.address(), digest, s.signature())).isFalse();
    }
  }
}
