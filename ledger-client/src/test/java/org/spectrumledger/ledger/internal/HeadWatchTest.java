package org.spectrumledger.ledger.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** One poller of the chain's head for every waiting transaction. */
class HeadWatchTest {

  private final AtomicLong node = new AtomicLong(7);
  private final AtomicInteger reads = new AtomicInteger();

  private HeadWatch watch() {
    return new HeadWatch(
        () -> {
          reads.incrementAndGet();
          return node.get();
        },
        10);
  }

  @Test
  void aWaiterWakesWhenTheHeadMovesNotAtTheEndOfItsPause() throws Exception {
    try (HeadWatch w = watch()) {
      assertThat(w.awaitChange(-1, 5_000)).as("the first reading").isEqualTo(7);
      new Thread(
              () -> {
                sleep(50);
                node.set(8);
              })
          .start();
      long t0 = System.nanoTime();
      assertThat(w.awaitChange(7, 5_000)).isEqualTo(8);
      assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(2_000);
    }
  }

  @Test
  void aWaiterWhoseHeadDoesNotMoveReturnsAfterItsPauseWithTheSameHead() throws Exception {
    try (HeadWatch w = watch()) {
      long seen = w.awaitChange(-1, 5_000);
      long t0 = System.nanoTime();
      assertThat(w.awaitChange(seen, 80)).isEqualTo(seen);
      assertThat((System.nanoTime() - t0) / 1_000_000).isBetween(70L, 2_000L);
    }
  }

  @Test
  void aNodeThatCannotSayItsHeadLeavesWaitersToTheirPauses() throws Exception {
    try (HeadWatch w =
        new HeadWatch(
            () -> {
              throw new IllegalStateException("unreachable");
            },
            10)) {
      assertThat(w.awaitChange(-1, 50)).isEqualTo(-1);
    }
  }

  @Test
  void aHeadTheNodeStopsSayingIsNotKnownAnyMore() throws Exception {
    AtomicLong answer = new AtomicLong(7);
    try (HeadWatch w =
        new HeadWatch(
            () -> {
              if (answer.get() < 0) {
                throw new IllegalStateException("unreachable");
              }
              return answer.get();
            },
            10)) {
      long seen = w.awaitChange(-1, 5_000);
      answer.set(-1);
      // a waiter wakes, and its caller, seeing no head, asks for its receipt itself
      assertThat(w.awaitChange(seen, 5_000)).isEqualTo(-1);
    }
  }

  @Test
  void closingReleasesAWaiterAndRefusesTheNext() throws Exception {
    HeadWatch w = watch();
    long seen = w.awaitChange(-1, 5_000);
    var waiter =
        java.util.concurrent.CompletableFuture.supplyAsync(
            () -> {
              try {
                return w.awaitChange(seen, 60_000);
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              }
            });
    Thread.sleep(50);
    w.close();
    assertThatThrownBy(() -> waiter.get(2, java.util.concurrent.TimeUnit.SECONDS))
        .hasCauseInstanceOf(HeadWatch.Closed.class);
    assertThatThrownBy(() -> w.awaitChange(seen, 60_000)).isInstanceOf(HeadWatch.Closed.class);
  }

  @Test
  void aHeadThatWentBackCountsAsMoved() throws Exception {
    try (HeadWatch w = watch()) {
      long seen = w.awaitChange(-1, 5_000);
      node.set(0); // a dev chain started again
      assertThat(w.awaitChange(seen, 5_000)).isZero();
    }
  }

  @Test
  void theHeadIsReadOnlyWhileSomeoneWaits() throws Exception {
    try (HeadWatch w = watch()) {
      w.awaitChange(-1, 5_000);
      w.awaitChange(7, 100); // about ten readings
      Thread.sleep(50); // the poller sees nobody waits and stops
      int idle = reads.get();
      Thread.sleep(200);
      assertThat(reads.get()).as("no readings while nobody waits").isEqualTo(idle);
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
