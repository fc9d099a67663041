package org.spectrumledger.broker.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.spectrumledger.ledger.Address;

/**
 * The fill streams' hub without HTTP: an operator's streams are capped, the newest ending the
 * oldest, and an operator whose streams all ended leaves nothing behind.
 */
class SseHubTest {

  private static final Address OPERATOR = Address.of("0x00000000000000000000000000000000000000aa");

  /** A stream's output, readable while it is written. */
  private static final class Sink extends OutputStream {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    @Override
    public synchronized void write(int b) {
      bytes.write(b);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
      bytes.write(b, off, len);
    }

    synchronized String text() {
      return bytes.toString(StandardCharsets.UTF_8);
    }
  }

  private record Open(Thread thread, Sink sink) {}

  private static Open open(SseHub hub, Address operator, long untilMillis) {
    Sink sink = new Sink();
    Thread t =
        Thread.ofVirtual()
            .start(
                () -> {
                  try {
                    hub.stream(operator, sink, untilMillis);
                  } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                  }
                });
    return new Open(t, sink);
  }

  private static void awaitSubscribers(SseHub hub, int n) throws InterruptedException {
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (hub.subscriberCount() != n && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(hub.subscriberCount()).isEqualTo(n);
  }

  /**
   * A client that opens its stream and drops it, again and again, holds one of the broker's stream
   * places for each drop until a write finds it gone; with one operator's streams capped, the
   * newest ending the oldest, it holds at most the cap, and an operator reconnecting is never kept
   * out by its own dead streams.
   */
  @Test
  void aNewerStreamOfAnOperatorPastTheCapEndsItsOldest() throws Exception {
    SseHub hub = new SseHub();
    long until = System.currentTimeMillis() + 60_000;
    List<Open> streams = new ArrayList<>();
    for (int i = 0; i < SseHub.MAX_PER_OPERATOR; i++) {
      streams.add(open(hub, OPERATOR, until));
      awaitSubscribers(hub, i + 1);
    }
    Open newest = open(hub, OPERATOR, until);
    streams.get(0).thread().join(5_000);
    assertThat(streams.get(0).thread().isAlive()).as("the oldest stream ended").isFalse();
    assertThat(streams.get(0).sink().text()).contains("a newer stream of").contains("replaced");
    awaitSubscribers(hub, SseHub.MAX_PER_OPERATOR);

    // the newest is served: it gets the operator's events, as do the others still open
    hub.publish(OPERATOR, "fill", "{\"fillId\":\"1\"}");
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (!newest.sink().text().contains("event: fill") && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(newest.sink().text()).contains("event: fill\ndata: {\"fillId\":\"1\"}");
    assertThat(streams.get(0).sink().text()).doesNotContain("event: fill");

    for (Open o : streams.subList(1, streams.size())) {
      o.thread().interrupt();
    }
    newest.thread().interrupt();
  }

  /** Every distinct account that ever opened a stream must not stay in the hub's map for good. */
  @Test
  void anOperatorWhoseStreamsEndedLeavesNothingBehind() throws Exception {
    SseHub hub = new SseHub();
    List<Open> streams = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      Address a = Address.of(String.format("0x%040x", i + 1));
      streams.add(open(hub, a, System.currentTimeMillis() + 200));
    }
    for (Open o : streams) {
      o.thread().join(5_000);
      assertThat(o.sink().text()).contains("the signed request expired");
    }
    assertThat(hub.subscriberCount()).isZero();
    assertThat(hub.operatorCount()).as("operators left in the hub").isZero();
  }
}
