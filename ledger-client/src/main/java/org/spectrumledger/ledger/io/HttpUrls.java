package org.spectrumledger.ledger.io;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * The one check of a node's or a broker's URL, before anything is sent to it: an HTTP client's own
 * words for a malformed one ({@code Invalid URL host: ""}, a parser's character index) name neither
 * the mistake nor the form, and come only once a command may have sent something elsewhere.
 */
public final class HttpUrls {

  private HttpUrls() {}

  /**
   * What is wrong with {@code url} as an http(s) URL with a host and, if it has one, a port in 1 ..
   * 65535, in words that follow "it" ("needs http:// or https:// in front", "names no host …", "has
   * a port that is not 1 .. 65535", "is not a URL"); null when nothing is.
   */
  public static String problem(String url) {
    String t = url == null ? "" : url.strip();
    int at = t.indexOf("://");
    String scheme = at < 0 ? "" : t.substring(0, at).toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https"))) {
      return "needs http:// or https:// in front";
    }
    URI uri;
    try {
      uri = new URI(t);
    } catch (URISyntaxException e) {
      return t.endsWith("://") ? "names no host" : "is not a URL";
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      return "names no host (or a port that is not a number)";
    }
    if (uri.getPort() == 0 || uri.getPort() > 65_535) {
      return "has a port that is not 1 .. 65535";
    }
    return null;
  }
}
