package org.spectrumledger.broker.http;

import java.util.Optional;
import org.spectrumledger.broker.access.RequestVerifier;
import org.spectrumledger.broker.api.Problem;
import org.spectrumledger.broker.api.RequestAuthorization;
import org.spectrumledger.ledger.Address;

/** How the API answers a request for an operator's own views: its 401 and 403 problems. */
final class SignedViews {

  private SignedViews() {}

  /**
   * The signed account of {@code ex}, or empty once the request has been answered 401 with a
   * problem saying why (and {@code WWW-Authenticate}).
   */
  static Optional<RequestVerifier.Verdict.Granted> authenticate(
      RequestVerifier verifier, Exchange ex) {
    RequestVerifier.Verdict v =
        verifier.verify(ex.requestHeader("Authorization"), ex.method(), ex.target());
    return switch (v) {
      case RequestVerifier.Verdict.Granted g -> Optional.of(g);
      case RequestVerifier.Verdict.Refused r -> {
        ex.header("WWW-Authenticate", RequestAuthorization.SCHEME + " realm=\"spectrum-broker\"");
        ex.problem(
            Problem.of(
                r.failure().httpStatus(), r.failure().slug(), r.failure().title(), r.detail()));
        yield Optional.empty();
      }
    };
  }

  /** Answers 403: {@code account} asked for {@code what} of another operator, {@code owner}. */
  static void forbid(Exchange ex, Address account, Address owner, String what) {
    ex.problem(
        403,
        "forbidden",
        "only its operator's key may see this",
        "the request is signed by " + account + "; " + what + " of " + owner + " need its key");
  }
}
