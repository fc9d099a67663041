package org.spectrumledger.ledger.internal;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * The chain's newest block number, read by one poller for every transaction a key waits on. A
 * receipt can only appear with a new block, so a waiter asks the node for its receipt when the head
 * moves (or after its own pause), not every few milliseconds: with a block period of a second and
 * forty batches in flight, that is a request per batch a block and ten a second for the head, where
 * each batch used to ask ten times a second on its own.
 *
 * <p>The poller runs only while someone waits. A head the node cannot say is not an error here: the
 * waiters' own pauses bound how long they sleep, and they find out about the node themselves.
 */
final class HeadWatch implements AutoCloseable {

  private final LongSupplier blockNumber;
  private final long periodMillis;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition moved = lock.newCondition();

  /**
   * The newest block number seen; -1 before the first reading and after one that failed. Guarded by
   * {@link #lock}.
   */
  private long head = -1;

  private int waiting;
  private boolean polling;
  private boolean closed;

  /**
   * @param blockNumber reads the node's newest block number; may throw when the node cannot say
   * @param periodMillis how often the head is read while someone waits
   */
  HeadWatch(LongSupplier blockNumber, long periodMillis) {
    this.blockNumber = blockNumber;
    this.periodMillis = periodMillis;
  }

  /** The newest block number seen so far; -1 before the first reading or when the last failed. */
  long head() {
    lock.lock();
    try {
      return head;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Waits until the head is other than {@code seen}, at most {@code maxMillis}; returns the head
   * then. A {@code seen} of -1 (nothing read yet) returns at the first reading; a head that went
   * back (a dev chain started again) counts as moved.
   */
  long awaitChange(long seen, long maxMillis) throws InterruptedException {
    long left = TimeUnit.MILLISECONDS.toNanos(maxMillis);
    lock.lockInterruptibly();
    try {
      if (closed) {
        throw new Closed();
      }
      waiting++;
      try {
        if (!polling) {
          polling = true;
          Thread.ofVirtual().name("head-watch").start(this::poll);
        }
        while (head == seen && left > 0) {
          left = moved.awaitNanos(left);
          if (closed) {
            throw new Closed();
          }
        }
        return head;
      } finally {
        waiting--;
      }
    } finally {
      lock.unlock();
    }
  }

  /** Thrown to a waiter once the watch is closed: nobody will tell it of a block any more. */
  static final class Closed extends IllegalStateException {
    Closed() {
      super("the chain's head is no longer watched (closed)");
    }
  }

  private void poll() {
    while (true) {
      lock.lock();
      try {
        if (waiting == 0 || closed) {
          polling = false;
          return;
        }
      } finally {
        lock.unlock();
      }
      long n;
      try {
        n = blockNumber.getAsLong();
      } catch (RuntimeException e) {
        n = -1; // not known: the waiters ask the node themselves, each after its pause
      }
      lock.lock();
      try {
        if (n != head) {
          head = n;
          moved.signalAll();
        }
      } finally {
        lock.unlock();
      }
      try {
        Thread.sleep(periodMillis);
      } catch (InterruptedException e) {
        lock.lock();
        try {
          polling = false;
        } finally {
          lock.unlock();
        }
        return;
      }
    }
  }

  @Override
  public void close() {
    lock.lock();
    try {
      closed = true;
      moved.signalAll();
    } finally {
      lock.unlock();
    }
  }
}
