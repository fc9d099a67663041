package org.spectrumledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.spectrumledger.broker.BrokerNode;
import org.spectrumledger.broker.api.OpenApiCheck;
import org.spectrumledger.broker.http.HttpApi;

/**
 * Every whole answer a broker gives while a test drives it through the command line and the
 * operator daemons, held to the API's OpenAPI document as it goes out. The broker's own suite
 * checks what its harness asks; this sees what the real clients ask.
 */
final class ConformingAnswers implements HttpApi.AnswerWatcher {

  private final List<String> violations = new CopyOnWriteArrayList<>();
  private final AtomicInteger seen = new AtomicInteger();

  private ConformingAnswers() {}

  /** Starts watching {@code node}'s answers. */
  static ConformingAnswers watch(BrokerNode node) {
    ConformingAnswers answers = new ConformingAnswers();
    node.watchAnswers(answers);
    return answers;
  }

  @Override
  public void answered(String method, String rawPath, int status, String contentType, byte[] body) {
    if (rawPath.startsWith("/explorer")) {
      return; // the explorer's pages and its chain views are not the broker's API
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
  void assertAllConformed() {
    assertThat(violations).as("answers outside the OpenAPI document").isEmpty();
    assertThat(seen.get()).as("answers seen").isPositive();
  }
}
