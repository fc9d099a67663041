package org.spectrumledger.broker.settlement;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A task run on a virtual thread when asked, where asks that come while it runs make one more run,
 * not one each. The settler asks for a send and a collect at every receipt; a block brings a dozen
 * receipts at once, and a run does all there is to do.
 */
final class CoalescedTask {

  private final String name;
  private final Runnable task;
  private final AtomicBoolean wanted = new AtomicBoolean();
  private final AtomicBoolean running = new AtomicBoolean();

  /**
   * @param name the name of the thread it runs on
   * @param task what a run does; it handles its own failures (one that throws ends the runs asked
   *     for so far)
   */
  CoalescedTask(String name, Runnable task) {
    this.name = name;
    this.task = task;
  }

  /** Asks for a run: one starts unless one is running, which then runs once more when it ends. */
  void ask() {
    wanted.set(true);
    start();
  }

  private void start() {
    if (running.compareAndSet(false, true)) {
      try {
        Thread.ofVirtual().name(name).start(this::runWhileWanted);
      } catch (RuntimeException | Error e) {
        running.set(false);
        throw e;
      }
    }
  }

  private void runWhileWanted() {
    try {
      while (wanted.getAndSet(false)) {
        task.run();
      }
    } finally {
      running.set(false);
      // an ask made after the last check and before `running` was cleared found it set
      if (wanted.get()) {
        start();
      }
    }
  }

  /** Waits until no run is on and none is asked for (used on shutdown and in tests). */
  void awaitIdle() {
    while (running.get() || wanted.get()) {
      try {
        Thread.sleep(1);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
