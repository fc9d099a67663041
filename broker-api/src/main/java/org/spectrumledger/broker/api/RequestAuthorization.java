package org.spectrumledger.broker.api;

import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Map;
import org.spectrumledger.ledger.Address;
import org.spectrumledger.ledger.OffChainMessages;
import org.spectrumledger.ledger.Signature;
import org.spectrumledger.ledger.SigningKey;

/**
 * The {@code Authorization} header of a request for an operator's own views: {@code EIP712
 * account=0x…, expires=1795600000, nonce=17, signature=0x…}. The signature is the account's over
 * the EIP-712 {@code BrokerRequest(address account,address broker,string method,string
 * target,uint64 expiresAt,uint64 nonce)} under the exchange's domain ({@link
 * OffChainMessages#REQUEST_TYPE}), {@code target} being the path and query exactly as sent. The
 * broker accepts it once, before it expires, and at most {@link #MAX_LIFETIME_SECONDS} ahead.
 */
public record RequestAuthorization(
    Address account, long expiresAt, long nonce, Signature signature) {

  /** The authentication scheme in the header. */
  public static final String SCHEME = "EIP712";

  /** The longest a signed request may be valid for, from the broker's clock. */
  public static final long MAX_LIFETIME_SECONDS = 300;

  /** What a client signs for: a minute, well inside the limit and past a little clock skew. */
  public static final long DEFAULT_LIFETIME_SECONDS = 60;

  private static final SecureRandom NONCES = new SecureRandom();

  /** The header's value. */
  public String header() {
    return SCHEME
        + " account="
        + account.hex()
        + ", expires="
        + Long.toUnsignedString(expiresAt)
        + ", nonce="
        + Long.toUnsignedString(nonce)
        + ", signature="
        + signature.toHex();
  }

  /** The message the signature is over, for {@code method} and {@code target} at {@code broker}. */
  public OffChainMessages.Request message(Address broker, String method, String target) {
    return new OffChainMessages.Request(account, broker, method, target, expiresAt, nonce);
  }

  /**
   * Signs {@code method target} at {@code broker} as {@code key}, valid for {@link
   * #DEFAULT_LIFETIME_SECONDS} from {@code nowSeconds}, with a random nonce.
   */
  public static RequestAuthorization sign(
      OffChainMessages messages,
      SigningKey key,
      Address broker,
      String method,
      String target,
      long nowSeconds) {
    long expires = nowSeconds + DEFAULT_LIFETIME_SECONDS;
    long nonce = NONCES.nextLong();
    var message =
        new OffChainMessages.Request(key.address(), broker, method, target, expires, nonce);
    return new RequestAuthorization(
        key.address(), expires, nonce, messages.signRequest(key, message));
  }

  /**
   * Reads a header value; {@link IllegalArgumentException} with a plain sentence when it is not
   * one.
   */
  public static RequestAuthorization parse(String header) {
    String h = header.strip();
    int space = h.indexOf(' ');
    if (space < 0 || !h.substring(0, space).equalsIgnoreCase(SCHEME)) {
      throw new IllegalArgumentException(
          "the Authorization header must use the " + SCHEME + " scheme");
    }
    Map<String, String> params = new HashMap<>();
    for (String part : h.substring(space + 1).split(",")) {
      int eq = part.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("'" + part.strip() + "' is not name=value");
      }
      String value = part.substring(eq + 1).strip();
      if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
        value = value.substring(1, value.length() - 1);
      }
      params.put(part.substring(0, eq).strip().toLowerCase(java.util.Locale.ROOT), value);
    }
    for (String name : new String[] {"account", "expires", "nonce", "signature"}) {
      if (!params.containsKey(name)) {
        throw new IllegalArgumentException("the Authorization header has no " + name);
      }
    }
    Address account;
    try {
      account = Address.of(params.get("account"));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("account is not an address (0x and 40 hex digits)");
    }
    long expires = uint64(params.get("expires"), "expires");
    long nonce = uint64(params.get("nonce"), "nonce");
    Signature signature;
    try {
      signature = Signature.fromHex(params.get("signature"));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("signature is not 65 bytes of hex (r, s, v)");
    }
    return new RequestAuthorization(account, expires, nonce, signature);
  }

  private static long uint64(String s, String what) {
    try {
      return Long.parseUnsignedLong(s);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(what + " is not a decimal uint64: '" + s + "'");
    }
  }
}
