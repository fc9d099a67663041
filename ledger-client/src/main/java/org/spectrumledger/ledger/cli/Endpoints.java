package org.spectrumledger.ledger.cli;

import org.spectrumledger.ledger.io.HttpUrls;

/**
 * A node's or service's URL as an option gives it, checked ({@link HttpUrls}) before a command
 * reads a key or sends anything, and refused naming the option: the HTTP clients' own words for a
 * malformed one ({@code Invalid URL host: ""}, {@code Expected URL scheme 'http' or 'https' but no
 * scheme was found for 127.0....}) name neither the option nor the form it takes.
 */
public final class Endpoints {

  private Endpoints() {}

  /**
   * {@code url}, stripped, if it is an http(s) URL with a host and, if it has one, a port in 1 ..
   * 65535; otherwise an {@link IllegalArgumentException} naming {@code option} (and {@code $env},
   * if not null) and the form taken, e.g. {@code example}.
   *
   * @param what whose URL it is, for the message ({@code "the chain node's JSON-RPC"})
   */
  public static String http(String url, String option, String env, String what, String example) {
    String t = url.strip();
    String why = HttpUrls.problem(t);
    if (why == null) {
      return t;
    }
    throw new IllegalArgumentException(
        option
            + (env == null ? "" : " (or $" + env + ")")
            + " '"
            + url
            + "': it "
            + why
            + "; give "
            + what
            + " URL as http://HOST:PORT, e.g. "
            + example);
  }
}
