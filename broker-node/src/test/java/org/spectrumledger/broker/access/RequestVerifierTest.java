package org.spectrumledger.broker.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.spectrumledger.broker.api.RequestAuthorization;
import org.spectrumledger.ledger.Address;
import org.spectrumledger.ledger.Eip712Domain;
import org.spectrumledger.ledger.OffChainMessages;
import org.spectrumledger.ledger.SigningKey;

/** Attacks on an operator's signed request, each refused for what it is. */
class RequestVerifierTest {

  private static final long NOW = 1_795_600_000L;
  private static final SecureRandom RANDOM = new SecureRandom(new byte[] {7});
  private static final SigningKey VICTIM = SigningKey.random(RANDOM);
  private static final SigningKey ATTACKER = SigningKey.random(RANDOM);
  private static final Address BROKER = SigningKey.random(RANDOM).address();
  private static final OffChainMessages MESSAGES =
      new OffChainMessages(Eip712Domain.exchange(2018, Address.of("0x" + "ee".repeat(20))));
  private static final String TARGET = "/v1/orders?maker=" + VICTIM.address().hex();

  private final RequestVerifier verifier =
      new RequestVerifier(
          MESSAGES, BROKER, Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC));

  private static RequestAuthorization signed(
      SigningKey key, Address broker, String method, String target, long expires, long nonce) {
    var message =
        new OffChainMessages.Request(key.address(), broker, method, target, expires, nonce);
    return new RequestAuthorization(
        key.address(), expires, nonce, MESSAGES.signRequest(key, message));
  }

  private static RequestAuthorization victims(long nonce) {
    return signed(VICTIM, BROKER, "GET", TARGET, NOW + 60, nonce);
  }

  private AuthFailure refusal(String header, String method, String target) {
    RequestVerifier.Verdict v = verifier.verify(header, method, target);
    assertThat(v).isInstanceOf(RequestVerifier.Verdict.Refused.class);
    return ((RequestVerifier.Verdict.Refused) v).failure();
  }

  @Test
  void grantsTheAccountItsOwnSignedRequestOnce() {
    String header = victims(1).header();
    assertThat(verifier.verify(header, "GET", TARGET))
        .isEqualTo(new RequestVerifier.Verdict.Granted(VICTIM.address(), NOW + 60));
    assertThat(refusal(header, "GET", TARGET)).isEqualTo(AuthFailure.REPLAYED);
  }

  @Test
  void aHeaderFromAClientSignedWithTheHelperIsGranted() {
    var auth = RequestAuthorization.sign(MESSAGES, VICTIM, BROKER, "GET", TARGET, NOW);
    assertThat(verifier.verify(auth.header(), "GET", TARGET))
        .isInstanceOf(RequestVerifier.Verdict.Granted.class);
  }

  @Test
  void refusesARequestWithoutSignatureOrWithAnUnreadableOne() {
    assertThat(refusal(null, "GET", TARGET)).isEqualTo(AuthFailure.MISSING);
    assertThat(refusal("  ", "GET", TARGET)).isEqualTo(AuthFailure.MISSING);
    assertThat(refusal("Bearer abc", "GET", TARGET)).isEqualTo(AuthFailure.MALFORMED);
    assertThat(refusal("EIP712 account=0x12", "GET", TARGET)).isEqualTo(AuthFailure.MALFORMED);
    String good = victims(2).header();
    assertThat(refusal(good.replace("nonce=2", "nonce=two"), "GET", TARGET))
        .isEqualTo(AuthFailure.MALFORMED);
  }

  @Test
  void refusesAnExpiredRequestAndOneValidForTooLong() {
    assertThat(refusal(signed(VICTIM, BROKER, "GET", TARGET, NOW, 3).header(), "GET", TARGET))
        .isEqualTo(AuthFailure.EXPIRED);
    long tooFar = NOW + RequestAuthorization.MAX_LIFETIME_SECONDS + 1;
    assertThat(refusal(signed(VICTIM, BROKER, "GET", TARGET, tooFar, 4).header(), "GET", TARGET))
        .isEqualTo(AuthFailure.TOO_LONG);
    long farthest = NOW + RequestAuthorization.MAX_LIFETIME_SECONDS;
    assertThat(
            verifier.verify(
                signed(VICTIM, BROKER, "GET", TARGET, farthest, 5).header(), "GET", TARGET))
        .isInstanceOf(RequestVerifier.Verdict.Granted.class);
  }

  @Test
  void aSignedRequestCannotBeUsedForAnotherTargetMethodOrBroker() {
    String header = victims(6).header();
    assertThat(refusal(header, "GET", TARGET + "&limit=1000")).isEqualTo(AuthFailure.BAD_SIGNATURE);
    assertThat(refusal(header, "GET", "/v1/operators/" + VICTIM.address().hex() + "/fills"))
        .isEqualTo(AuthFailure.BAD_SIGNATURE);
    assertThat(refusal(header, "POST", TARGET)).isEqualTo(AuthFailure.BAD_SIGNATURE);
    Address otherBroker = SigningKey.random(RANDOM).address();
    assertThat(
            refusal(
                signed(VICTIM, otherBroker, "GET", TARGET, NOW + 60, 7).header(), "GET", TARGET))
        .isEqualTo(AuthFailure.BAD_SIGNATURE);
  }

  @Test
  void anotherKeyCannotSignAsTheAccount() {
    var forged =
        new RequestAuthorization(
            VICTIM.address(),
            NOW + 60,
            8,
            MESSAGES.signRequest(
                ATTACKER,
                new OffChainMessages.Request(
                    ATTACKER.address(), BROKER, "GET", TARGET, NOW + 60, 8)));
    assertThat(refusal(forged.header(), "GET", TARGET)).isEqualTo(AuthFailure.BAD_SIGNATURE);
  }

  @Test
  void aBadSignatureDoesNotSpendTheAccountsNonce() {
    var good = victims(9);
    var bad =
        new RequestAuthorization(
            VICTIM.address(), good.expiresAt(), good.nonce(), victims(10).signature());
    assertThat(refusal(bad.header(), "GET", TARGET)).isEqualTo(AuthFailure.BAD_SIGNATURE);
    assertThat(verifier.verify(good.header(), "GET", TARGET))
        .isInstanceOf(RequestVerifier.Verdict.Granted.class);
  }

  @Test
  void theSameNonceOfTwoAccountsIsTwoRequests() {
    assertThat(verifier.verify(victims(11).header(), "GET", TARGET))
        .isInstanceOf(RequestVerifier.Verdict.Granted.class);
    assertThat(
            verifier.verify(
                signed(ATTACKER, BROKER, "GET", TARGET, NOW + 60, 11).header(), "GET", TARGET))
        .isInstanceOf(RequestVerifier.Verdict.Granted.class);
  }

  @Test
  void theHeaderRoundTripsAndReadsQuotedValues() {
    var auth = victims(12);
    assertThat(RequestAuthorization.parse(auth.header())).isEqualTo(auth);
    String quoted =
        "eip712 account=\""
            + auth.account().hex()
            + "\",expires=\""
            + auth.expiresAt()
            + "\", nonce=12 , signature=\""
            + auth.signature().toHex()
            + "\"";
    assertThat(RequestAuthorization.parse(quoted)).isEqualTo(auth);
  }
}
