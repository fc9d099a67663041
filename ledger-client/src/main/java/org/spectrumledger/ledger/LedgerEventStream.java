package org.spectrumledger.ledger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The project's events in chain order, strictly after a cursor.
 *
 * <p>Exactly once across restarts: a consumer processes an event, then persists {@code
 * EventCursor.at(event.position())}; a stream created from that cursor delivers every later event
 * and none before. Polling reads blocks up to the latest, which suits a QBFT network, where blocks
 * are final; a node that goes away is retried until it comes back.
 */
public final class LedgerEventStream implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LedgerEventStream.class);
  private final ThrottledLog failures = new ThrottledLog(LOG, Duration.ofSeconds(30));

  private final LedgerClient client;
  private final Set<String> skipped;
  private volatile EventCursor cursor;
  private volatile boolean closed;
  private Thread thread;

  LedgerEventStream(LedgerClient client, EventCursor cursor, Set<String> skipped) {
    this.client = client;
    this.skipped = skipped;
    this.cursor =
        cursor == null ? EventCursor.beforeBlock(client.deployment().deploymentBlock()) : cursor;
  }

  /**
   * The events after the cursor up to the head (minus confirmations), and moves the cursor past
   * them. Throws {@link LedgerUnavailableException} when the node cannot be reached; the cursor
   * then stays where it was.
   */
  public synchronized List<LedgerEvent> poll() {
    long head = client.blockNumber();
    EventCursor from = cursor;
    if (head < from.blockNumber()
        || (head == from.blockNumber() && from.logIndex() == Long.MAX_VALUE)) {
      return List.of();
    }
    List<LedgerEvent> out = new ArrayList<>();
    for (LedgerEvent e : client.events(from.blockNumber(), head, skipped)) {
      if (e.position().isAfter(from)) {
        out.add(e);
      }
    }
    // Every block up to the head has been read whole: the next poll may start after it.
    cursor = new EventCursor(head, Long.MAX_VALUE);
    return out;
  }

  /**
   * Polls in a background thread every {@code interval}, handing each event to {@code listener} in
   * order, then, after a poll that delivered events, the cursor past them to {@code checkpoint} (to
   * persist once per poll rather than once per event; a consumer that restarts from an older
   * checkpoint sees those events again, so its handling must be idempotent). An unreachable node is
   * retried with a growing pause; so is a listener that throws, from the event it failed on. Close
   * the stream to stop.
   */
  public synchronized LedgerEventStream start(
      Consumer<LedgerEvent> listener, Consumer<EventCursor> checkpoint, Duration interval) {
    if (thread != null) {
      throw new IllegalStateException("the stream is already running");
    }
    thread =
        Thread.ofPlatform()
            .daemon()
            .name("ledger-events")
            .start(
                () -> {
                  long pause = interval.toMillis();
                  while (!closed) {
                    try {
                      deliver(listener, checkpoint);
                      failures.success("event stream");
                      pause = interval.toMillis();
                    } catch (RuntimeException e) {
                      // The node unreachable, or a listener or decoding failure: retried with a
                      // growing pause from the event it failed on, logged once per window.
                      failures.failure("event stream", e);
                      pause = Math.min(5_000, Math.max(pause * 2, 100));
                    }
                    try {
                      Thread.sleep(pause);
                    } catch (InterruptedException e) {
                      return;
                    }
                  }
                });
    return this;
  }

  /** One poll handed to the listener; on a listener failure the cursor goes back to it. */
  private void deliver(Consumer<LedgerEvent> listener, Consumer<EventCursor> checkpoint) {
    EventCursor from = cursor;
    List<LedgerEvent> events = poll();
    EventCursor handled = from;
    try {
      for (LedgerEvent e : events) {
        listener.accept(e);
        handled = EventCursor.at(e.position());
      }
    } catch (RuntimeException e) {
      cursor = handled;
      throw e;
    }
    if (!events.isEmpty()) {
      checkpoint.accept(cursor);
    }
  }

  @Override
  public void close() {
    closed = true;
    Thread t = thread;
    if (t != null) {
      t.interrupt();
      try {
        t.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
