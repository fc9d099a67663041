package org.spectrumledger.broker.access;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.spectrumledger.broker.api.RequestAuthorization;
import org.spectrumledger.ledger.Address;
import org.spectrumledger.ledger.OffChainMessages;

/**
 * Checks an operator's signed request ({@link RequestAuthorization}): the header reads, the request
 * has not expired and is not valid for more than {@link RequestAuthorization#MAX_LIFETIME_SECONDS}
 * ahead of this broker's clock, the signature over this broker, this method and this exact target
 * recovers to the account, and the (account, nonce) pair was never accepted before. Checks run in
 * order of cost, and a nonce is remembered only once its signature is good, so nobody can spend
 * another account's nonces.
 *
 * <p>A nonce is remembered for as long as a request naming it could still be accepted (the longest
 * lifetime plus a minute), in a cache of at most {@link #MAX_REMEMBERED} entries: more valid signed
 * requests than that within five minutes would let the oldest be replayed before it expires. The
 * cache is memory only, so a request signed before a restart of the broker can be replayed after it
 * until it expires (at most five minutes); it only ever reads the signer's own views.
 */
public final class RequestVerifier {

  /** The most (account, nonce) pairs remembered. */
  public static final int MAX_REMEMBERED = 1_000_000;

  /** The outcome of a check. */
  public sealed interface Verdict {
    /** The request is the account's, good until {@code expiresAt} (unix seconds). */
    record Granted(Address account, long expiresAt) implements Verdict {}

    record Refused(AuthFailure failure, String detail) implements Verdict {}
  }

  private final OffChainMessages messages;
  private final Address broker;
  private final Clock clock;
  private final Cache<String, Boolean> used =
      Caffeine.newBuilder()
          .maximumSize(MAX_REMEMBERED)
          .expireAfterWrite(Duration.ofSeconds(RequestAuthorization.MAX_LIFETIME_SECONDS + 60))
          .build();

  public RequestVerifier(OffChainMessages messages, Address broker, Clock clock) {
    this.messages = messages;
    this.broker = broker;
    this.clock = clock;
  }

  /** Checks {@code header} (null: none) of a {@code method} request for {@code target}. */
  public Verdict verify(String header, String method, String target) {
    if (header == null || header.isBlank()) {
      return new Verdict.Refused(
          AuthFailure.MISSING,
          "send Authorization: "
              + RequestAuthorization.SCHEME
              + " account=…, expires=…, nonce=…, signature=… (the account's EIP-712 signature of "
              + OffChainMessages.REQUEST_TYPE
              + " for broker "
              + broker
              + ")");
    }
    RequestAuthorization auth;
    try {
      auth = RequestAuthorization.parse(header);
    } catch (IllegalArgumentException e) {
      return new Verdict.Refused(AuthFailure.MALFORMED, e.getMessage());
    }
    long now = clock.millis() / 1000;
    if (Long.compareUnsigned(auth.expiresAt(), now) <= 0) {
      return new Verdict.Refused(
          AuthFailure.EXPIRED,
          "the request expired at "
              + Long.toUnsignedString(auth.expiresAt())
              + "; the broker's clock reads "
              + now
              + "; sign a fresh one");
    }
    if (Long.compareUnsigned(auth.expiresAt(), now + RequestAuthorization.MAX_LIFETIME_SECONDS)
        > 0) {
      return new Verdict.Refused(
          AuthFailure.TOO_LONG,
          "the request expires at "
              + Long.toUnsignedString(auth.expiresAt())
              + ", more than "
              + RequestAuthorization.MAX_LIFETIME_SECONDS
              + " s after the broker's clock ("
              + now
              + ")");
    }
    Optional<Address> signer =
        messages.requestSigner(auth.message(broker, method, target), auth.signature());
    if (signer.isEmpty() || !signer.get().equals(auth.account())) {
      return new Verdict.Refused(
          AuthFailure.BAD_SIGNATURE,
          "the signature does not recover to "
              + auth.account()
              + " for "
              + method
              + " "
              + target
              + " at broker "
              + broker
              + " under this deployment's domain");
    }
    String key = auth.account().hex() + ":" + Long.toUnsignedString(auth.nonce());
    if (used.asMap().putIfAbsent(key, Boolean.TRUE) != null) {
      return new Verdict.Refused(
          AuthFailure.REPLAYED,
          "nonce "
              + Long.toUnsignedString(auth.nonce())
              + " of "
              + auth.account()
              + " was used before; sign each request with a new nonce");
    }
    return new Verdict.Granted(auth.account(), auth.expiresAt());
  }
}
