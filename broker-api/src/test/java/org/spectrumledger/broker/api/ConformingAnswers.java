package org.spectrumledger.broker.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Every whole answer a broker gives while a test drives it, held to the API's OpenAPI document as
 * it goes out: give {@link #answered} to the broker's answer watcher ({@code
 * node.watchAnswers(answers::answered)}), then call {@link #assertAllConformed}. It sees what any
 * client asks, a raw HTTP client's or the command line's, not only what a test's harness checks.
 */
public final class ConformingAnswers {

  private final List<String> violations = new CopyOnWriteArrayList<>();
  private final AtomicInteger seen = new AtomicInteger();

  /** One answer as it went out; one outside the document is noted, not thrown. */
  public void answered(String method, String rawPath, int status, String contentType, byte[] body) {
    if (rawPath.startsWith("/explorer") && !rawPath.startsWith("/explorer/api/")) {
      return; // the explorer's page (HTML, script, style) is no API; its JSON is in the document
    }
    seen.incrementAndGet();
    try {
      OpenApiCheck.assertConforms(
          method, rawPath, status, contentType, new String(body, StandardCharsets.UTF_8));
    } catch (AssertionError e) {
      violations.add(e.getMessage());
    }
  }

  /** Fails unless the broker answered something and every answer conformed. */
  public void assertAllConformed() {
    assertThat(violations).as("answers outside the OpenAPI document").isEmpty();
    assertThat(seen.get()).as("answers seen").isPositive();
  }
}
