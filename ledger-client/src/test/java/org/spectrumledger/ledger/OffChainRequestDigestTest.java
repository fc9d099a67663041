package org.spectrumledger.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

/**
 * The digests of an operator's signed request and of the regulator's rule on books, against vectors
 * from ethers v6 ({@code TypedDataEncoder.hash} over the same domain and values), so a wallet signs
 * exactly what the broker checks.
 */
class OffChainRequestDigestTest {

  private static final OffChainMessages MESSAGES =
      new OffChainMessages(Eip712Domain.exchange(2018, Address.of("0x" + "ee".repeat(20))));
  private static final Address ACCOUNT = Address.of("0x" + "aa".repeat(20));
  private static final Address BROKER = Address.of("0x" + "bb".repeat(20));

  @Test
  void aBookRuleHashesAsEthersHashesIt() {
    var all = new OffChainMessages.BookRule(4, CellId.ALL_CELLS, true, 1_795_600_000_123L);
    assertThat(Hex.encode(MESSAGES.bookRuleDigest(all)))
        .isEqualTo("0x996bd6b25592c30c0706a611ff4c0aabfa1635b53aad4aab0b8ff56909ee29d2");
    var one = new OffChainMessages.BookRule(4_294_967_295L, new CellId(7), false, 1);
    assertThat(Hex.encode(MESSAGES.bookRuleDigest(one)))
        .isEqualTo("0x15a23d65c01566c38bf38cd12517e4268643c76ca58c0f726d735abb82303f41");
  }

  @Test
  void aRequestHashesAsEthersHashesIt() {
    var request =
        new OffChainMessages.Request(
            ACCOUNT,
            BROKER,
            "GET",
            "/v1/orders?maker=" + ACCOUNT.hex() + "&limit=5",
            1_795_600_060L,
            Long.MIN_VALUE + 5); // 2^63 + 5 as a uint64
    assertThat(Hex.encode(MESSAGES.requestDigest(request)))
        .isEqualTo("0x3b2cb1ceb004ed9b495987767ee5641a62353f0e9151f44a304f9392700f9589");
  }

  @Test
  void aRequestRecoversToItsSignerAndNoOneSignsForAnother() {
    SecureRandom random = new SecureRandom(new byte[] {1});
    SigningKey key = SigningKey.random(random);
    var request = new OffChainMessages.Request(key.address(), BROKER, "GET", "/v1/x", 10, 1);
    assertThat(MESSAGES.requestSigner(request, MESSAGES.signRequest(key, request)))
        .contains(key.address());
    var forOther = new OffChainMessages.Request(ACCOUNT, BROKER, "GET", "/v1/x", 10, 1);
    assertThatThrownBy(() -> MESSAGES.signRequest(key, forOther))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
