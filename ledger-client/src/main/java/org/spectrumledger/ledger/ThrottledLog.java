package org.spectrumledger.ledger;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.slf4j.Logger;

/**
 * Logs a task that keeps failing the same way once, not once per attempt: the first failure of a
 * task in full, the repeats within a window as one line saying how many there were, and the first
 * success after them as "recovered". A node that went away costs a few lines a minute, not hundreds
 * a second, and nothing is hidden: every failure is counted in a line.
 */
public final class ThrottledLog {

  private static final class State {
    long firstAt;
    long lastLoggedAt;
    long suppressed;
    long failures;
  }

  private final Logger log;
  private final long windowNanos;
  private final LongSupplier nanoClock;
  private final Map<String, State> failing = new ConcurrentHashMap<>();

  public ThrottledLog(Logger log, Duration window) {
    this(log, window, System::nanoTime);
  }

  /** With a clock in nanoseconds, for tests. */
  public ThrottledLog(Logger log, Duration window, LongSupplier nanoClock) {
    this.log = log;
    this.windowNanos = window.toNanos();
    this.nanoClock = nanoClock;
  }

  /**
   * {@code task} failed with {@code e}. The first failure is logged with its stack trace unless it
   * is the node being unreachable or the deployment's contracts missing from its chain (the message
   * says all there is); repeats are counted and logged as one line per window.
   */
  public void failure(String task, Throwable e) {
    long now = nanoClock.getAsLong();
    State s = failing.computeIfAbsent(task, k -> new State());
    synchronized (s) {
      s.failures++;
      if (s.failures == 1) {
        s.firstAt = now;
        s.lastLoggedAt = now;
        if (e instanceof LedgerUnavailableException || e instanceof NoContractException) {
          log.warn("{}: {}", task, e.getMessage());
        } else {
          log.warn("{}: {}", task, e.getMessage(), e);
        }
        return;
      }
      if (now - s.lastLoggedAt < windowNanos) {
        s.suppressed++;
        return;
      }
      log.warn(
          "{}: still failing ({} times in the last {} s, {} s in all): {}",
          task,
          s.suppressed + 1,
          (now - s.lastLoggedAt) / 1_000_000_000L,
          (now - s.firstAt) / 1_000_000_000L,
          e.getMessage());
      s.suppressed = 0;
      s.lastLoggedAt = now;
    }
  }

  /** {@code task} succeeded: if it was failing, says so once, with how long and how often. */
  public void success(String task) {
    if (failing.isEmpty()) {
      return;
    }
    State s = failing.remove(task);
    if (s != null) {
      synchronized (s) {
        log.info(
            "{}: recovered after {} failures in {} s",
            task,
            s.failures,
            (nanoClock.getAsLong() - s.firstAt) / 1_000_000_000L);
      }
    }
  }

  /** Whether {@code task} is failing now. */
  public boolean isFailing(String task) {
    return failing.containsKey(task);
  }
}
