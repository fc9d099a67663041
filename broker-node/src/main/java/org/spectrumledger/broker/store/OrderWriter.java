package org.spectrumledger.broker.store;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.spectrumledger.broker.intake.OrderLog;

/**
 * Group commit for accepted orders: requests queue up while the previous commit is being made, then
 * go in together, one transaction and one durable write for all of them. Each caller waits for its
 * own order's commit before acknowledging it, so nothing is acknowledged that a crash could lose,
 * and the cost of the durable write is shared.
 */
public final class OrderWriter implements OrderLog, AutoCloseable {

  private static final int MAX_BATCH = 512;

  private record Pending(OrderRecord record, CompletableFuture<Boolean> stored) {}

  private final BrokerStore store;
  private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
  private final Thread thread;
  private volatile boolean closed;
  private final java.util.concurrent.atomic.AtomicLong commits =
      new java.util.concurrent.atomic.AtomicLong();
  private final java.util.concurrent.atomic.AtomicLong written =
      new java.util.concurrent.atomic.AtomicLong();
  private final java.util.concurrent.atomic.AtomicLong commitNanos =
      new java.util.concurrent.atomic.AtomicLong();

  /** Group commits made so far. */
  public long commits() {
    return commits.get();
  }

  /** Time spent in group commits so far, nanoseconds. */
  public long commitNanos() {
    return commitNanos.get();
  }

  public OrderWriter(BrokerStore store) {
    this.store = store;
    this.thread = Thread.ofPlatform().daemon().name("order-writer").start(this::loop);
  }

  @Override
  public long maxSeq() {
    return store.maxSeq();
  }

  @Override
  public java.util.Set<String> makerNonces() {
    return store.makerNonces();
  }

  /** Stores {@code r}; the future says whether it was stored (false: a duplicate). */
  @Override
  public CompletableFuture<Boolean> insert(OrderRecord r) {
    if (closed) {
      return CompletableFuture.failedFuture(
          new IllegalStateException("the broker is shutting down"));
    }
    CompletableFuture<Boolean> f = new CompletableFuture<>();
    queue.add(new Pending(r, f));
    return f;
  }

  private void loop() {
    List<Pending> batch = new ArrayList<>();
    while (!closed || !queue.isEmpty()) {
      try {
        Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        queue.drainTo(batch, MAX_BATCH - 1);
        long t0 = System.nanoTime();
        List<Boolean> stored = store.insertOrders(batch.stream().map(Pending::record).toList());
        commitNanos.addAndGet(System.nanoTime() - t0);
        commits.incrementAndGet();
        written.addAndGet(batch.size());
        for (int i = 0; i < batch.size(); i++) {
          batch.get(i).stored().complete(stored.get(i));
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        for (Pending p : batch) {
          p.stored().completeExceptionally(e);
        }
      } finally {
        batch.clear();
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
