package org.spectrumledger.broker.http;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.spectrumledger.ledger.Address;

/**
 * Server-sent events per operator: every fill of its orders as it is matched (with the broker's
 * signed receipt) and again when it settles. A slow or gone subscriber only loses its own queue.
 *
 * <p>An operator has at most {@link #MAX_PER_OPERATOR} streams open; a newer one ends its oldest.
 * The broker notices a client gone only when a write to it fails (a keep-alive at the latest), so a
 * client that opens its stream and drops it, again and again, would otherwise hold a place of the
 * broker's few thousand for each drop until then; and an operator reconnecting after its network
 * failed is never kept out by its own dead streams. An operator with no stream leaves no entry.
 */
public final class SseHub {

  private static final int QUEUE_LIMIT = 10_000;

  /** Streams one operator may have open at once. */
  public static final int MAX_PER_OPERATOR = 4;

  /** One open stream: its frames, and whether a newer stream of its operator replaced it. */
  private static final class Subscriber {
    final BlockingQueue<String> frames = new LinkedBlockingQueue<>(QUEUE_LIMIT);
    volatile boolean replaced;

    void replace() {
      replaced = true;
      frames.clear();
      frames.offer(""); // wakes its stream, which sees it replaced
    }
  }

  private final Map<Address, List<Subscriber>> subscribers = new ConcurrentHashMap<>();

  /** Sends {@code data} (JSON) as event {@code type} to {@code operator}'s subscribers. */
  public void publish(Address operator, String type, String data) {
    List<Subscriber> list = subscribers.get(operator);
    if (list == null) {
      return;
    }
    String frame = "event: " + type + "\ndata: " + data + "\n\n";
    for (Subscriber s : list) {
      if (!s.frames.offer(frame)) {
        s.frames.clear();
        s.frames.offer("event: overflow\ndata: {\"lost\":true}\n\n");
      }
    }
  }

  public int subscriberCount() {
    return subscribers.values().stream().mapToInt(List::size).sum();
  }

  /** Operators with a stream open (for tests: one whose streams all closed leaves none behind). */
  int operatorCount() {
    return subscribers.size();
  }

  /**
   * Streams {@code operator}'s events to {@code out} until the client goes away, the thread is
   * interrupted, the clock passes {@code untilMillis} (the signed request that opened it expires)
   * or a newer stream of the operator replaces it; a comment line every 15 s keeps idle connections
   * open.
   */
  public void stream(Address operator, OutputStream out, long untilMillis) throws IOException {
    Subscriber me = new Subscriber();
    subscribers.compute(
        operator,
        (k, list) -> {
          List<Subscriber> l = list == null ? new CopyOnWriteArrayList<>() : list;
          while (l.size() >= MAX_PER_OPERATOR) {
            l.remove(0).replace();
          }
          l.add(me);
          return l;
        });
    try {
      out.write((": subscribed to " + operator + "\n\n").getBytes(StandardCharsets.UTF_8));
      out.flush();
      while (!Thread.currentThread().isInterrupted()) {
        long left = untilMillis - System.currentTimeMillis();
        if (left <= 0) {
          out.write(
              ": the signed request expired; reconnect with a new one\n\n"
                  .getBytes(StandardCharsets.UTF_8));
          out.flush();
          return;
        }
        String frame = me.frames.poll(Math.min(left, 15_000), TimeUnit.MILLISECONDS);
        if (me.replaced) {
          out.write(
              (": a newer stream of "
                      + operator
                      + " replaced this one (at most "
                      + MAX_PER_OPERATOR
                      + " at once)\n\n")
                  .getBytes(StandardCharsets.UTF_8));
          out.flush();
          return;
        }
        out.write((frame == null ? ": keep-alive\n\n" : frame).getBytes(StandardCharsets.UTF_8));
        out.flush();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      subscribers.computeIfPresent(
          operator,
          (k, list) -> {
            list.remove(me);
            return list.isEmpty() ? null : list;
          });
    }
  }
}
