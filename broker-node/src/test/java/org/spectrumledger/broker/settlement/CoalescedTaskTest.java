package org.spectrumledger.broker.settlement;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CoalescedTaskTest {

  @Test
  void asksMadeWhileARunIsOnMakeOneMoreRun() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger runs = new AtomicInteger();
    CoalescedTask task =
        new CoalescedTask(
            "test",
            () -> {
              if (runs.incrementAndGet() == 1) {
                started.countDown();
                await(release);
              }
            });

    task.ask();
    assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
    for (int i = 0; i < 12; i++) {
      task.ask(); // a block's receipts, while the first run is still on
    }
    release.countDown();

    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (runs.get() < 2 && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    Thread.sleep(100);
    assertThat(runs.get()).isEqualTo(2);
  }

  @Test
  void everyAskIsFollowedByARunThatBeginsAfterIt() throws Exception {
    AtomicLong asked = new AtomicLong();
    AtomicLong seenAtLastRun = new AtomicLong();
    CoalescedTask task = new CoalescedTask("test", () -> seenAtLastRun.set(asked.get()));
    List<Thread> askers = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      askers.add(
          Thread.ofPlatform()
              .start(
                  () -> {
                    for (int i = 0; i < 5_000; i++) {
                      asked.incrementAndGet();
                      task.ask();
                    }
                  }));
    }
    for (Thread t : askers) {
      t.join();
    }

    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (seenAtLastRun.get() != 40_000 && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(seenAtLastRun.get()).as("the last ask was seen by a run").isEqualTo(40_000);
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
