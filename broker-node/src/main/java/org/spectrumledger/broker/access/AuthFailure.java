package org.spectrumledger.broker.access;

/**
 * Why a request for an operator's own views was not authenticated: each a 401 with its slug, so a
 * client can tell a clock that is off from a key that is wrong.
 */
public enum AuthFailure {
  MISSING("unauthenticated", "this view needs the operator's signed request"),
  MALFORMED("auth-malformed", "the Authorization header cannot be read"),
  EXPIRED("auth-expired", "the signed request has expired"),
  TOO_LONG("auth-too-long", "the signed request is valid for too long"),
  BAD_SIGNATURE("auth-bad-signature", "the signature is not the account's"),
  REPLAYED("auth-replayed", "the signed request was used before");

  private final String slug;
  private final String title;

  AuthFailure(String slug, String title) {
    this.slug = slug;
    this.title = title;
  }

  public String slug() {
    return slug;
  }

  public String title() {
    return title;
  }

  public int httpStatus() {
    return 401;
  }
}
