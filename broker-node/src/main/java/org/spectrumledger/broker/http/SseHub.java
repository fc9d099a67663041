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
 */
public final class SseHub {

  private static final int QUEUE_LIMIT = 10_000;

  private final Map<Address, List<BlockingQueue<String>>> subscribers = new ConcurrentHashMap<>();

  /** Sends {@code data} (JSON) as event {@code type} to {@code operator}'s subscribers. */
  public void publish(Address operator, String type, String data) {
    List<BlockingQueue<String>> queues = subscribers.get(operator);
    if (queues == null) {
      return;
    }
    String frame = "event: " + type + "\ndata: " + data + "\n\n";
    for (BlockingQueue<String> q : queues) {
      if (!q.offer(frame)) {
        q.clear();
        q.offer("event: overflow\ndata: {\"lost\":true}\n\n");
      }
    }
  }

  public int subscriberCount() {
    return subscribers.values().stream().mapToInt(List::size).sum();
  }

  /**
   * Streams {@code operator}'s events to {@code out} until the client goes away, the thread is
   * interrupted or the clock passes {@code untilMillis} (the signed request that opened it
   * expires); a comment line every 15 s keeps idle connections open.
   */
  public void stream(Address operator, OutputStream out, long untilMillis) throws IOException {
    BlockingQueue<String> q = new LinkedBlockingQueue<>(QUEUE_LIMIT);
    subscribers.computeIfAbsent(operator, k -> new CopyOnWriteArrayList<>()).add(q);
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
        String frame = q.poll(Math.min(left, 15_000), TimeUnit.MILLISECONDS);
        out.write((frame == null ? ": keep-alive\n\n" : frame).getBytes(StandardCharsets.UTF_8));
        out.flush();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      List<BlockingQueue<String>> list = subscribers.get(operator);
      if (list != null) {
        list.remove(q);
      }
    }
  }
}
