package org.spectrumledger.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spectrumledger.ledger.devchain.AnvilChain;
import org.spectrumledger.ledger.devchain.DevChainOptions;
import org.spectrumledger.ledger.devchain.DevLedger;

class LedgerEventStreamTest {

  @Test
  void pollingFromAPersistedCursorDeliversEveryLaterEventOnce(@TempDir Path dir) {
    try (AnvilChain chain = AnvilChain.start(DevChainOptions.defaults().withAccounts(3));
        DevLedger ledger = DevLedger.deploy(chain, 60)) {
      LedgerClient admin = ledger.admin();
      LedgerEventStream stream = admin.eventStream(null);
      for (int i = 0; i < 3; i++) {
        ledger.newOperator("op " + i, OperatorKind.MICRO_OPERATOR, BigInteger.TEN, BigInteger.ZERO);
      }
      List<LedgerEvent> first = stream.poll();
      assertThat(first).extracting(LedgerEvent::name).contains("OperatorRegistered", "Transfer");
      // The consumer persisted the cursor of its last processed event, then restarted.
      EventCursor saved = EventCursor.at(first.get(first.size() - 2).position());
      LedgerEventStream resumed = admin.eventStream(saved);
      List<LedgerEvent> again = resumed.poll();
      assertThat(again).containsExactly(first.get(first.size() - 1));
      assertThat(stream.poll()).isEmpty();
      ledger.newOperator("op 3", OperatorKind.LOCAL_OPERATOR, BigInteger.ZERO, BigInteger.ZERO);
      assertThat(stream.poll()).extracting(LedgerEvent::name).containsExactly("OperatorRegistered");
      assertThat(EventCursor.parse(saved.toString())).isEqualTo(saved);
      // a reader that skips an event gets every other one, in the same order
      List<LedgerEvent> all = admin.eventStream(null).poll();
      List<LedgerEvent> noTransfers = admin.eventStream(null, Set.of("Transfer")).poll();
      assertThat(noTransfers)
          .isNotEmpty()
          .containsExactlyElementsOf(
              all.stream().filter(e -> !e.name().equals("Transfer")).toList());
      assertThat(all).extracting(LedgerEvent::name).contains("Transfer");
    }
  }

  @Test
  void aListenerThatFailsGetsTheEventAgainAndCheckpointsFollowWhatWasHandled() throws Exception {
    try (AnvilChain chain = AnvilChain.start(DevChainOptions.defaults().withAccounts(3));
        DevLedger ledger = DevLedger.deploy(chain, 60)) {
      LedgerClient admin = ledger.admin();
      List<LedgerEvent> delivered = Collections.synchronizedList(new ArrayList<>());
      List<EventCursor> checkpoints = Collections.synchronizedList(new ArrayList<>());
      java.util.concurrent.atomic.AtomicBoolean failedOnce =
          new java.util.concurrent.atomic.AtomicBoolean();
      java.util.function.Consumer<LedgerEvent> flaky =
          e -> {
            if (e.name().equals("OperatorRegistered")
                && e.text("name").equals("second")
                && failedOnce.compareAndSet(false, true)) {
              throw new IllegalStateException("the listener's store is away");
            }
            delivered.add(e);
          };
      for (String name : List.of("first", "second", "third")) {
        admin
            .policy()
            .registerOperator(
                SigningKey.random(new java.security.SecureRandom()).address(),
                OperatorKind.MICRO_OPERATOR,
                name);
      }
      try (LedgerEventStream stream =
          admin.eventStream(null).start(flaky, checkpoints::add, Duration.ofMillis(50))) {
        awaitCount(delivered, "OperatorRegistered", 3);
      }
      assertThat(failedOnce).isTrue();
      List<LedgerEvent> truth =
          admin.events(ledger.deployment().deploymentBlock(), admin.blockNumber());
      assertThat(delivered).containsExactlyElementsOf(truth);
      assertThat(checkpoints).isNotEmpty();
      // a consumer restarting from the last checkpoint sees nothing it has not handled
      assertThat(admin.eventStream(checkpoints.get(checkpoints.size() - 1)).poll()).isEmpty();
    }
  }

  @Test
  void aStreamRunningAcrossAChainRestartMissesNothingAndRepeatsNothing(@TempDir Path dir)
      throws Exception {
    DevChainOptions options =
        DevChainOptions.defaults().withAccounts(3).withStatePath(dir.resolve("state.json"));
    try (AnvilChain chain = AnvilChain.start(options);
        DevLedger ledger = DevLedger.deploy(chain, 60)) {
      LedgerClient admin = ledger.admin();
      List<LedgerEvent> delivered = Collections.synchronizedList(new ArrayList<>());
      try (LedgerEventStream stream =
          admin.eventStream(null).start(delivered::add, c -> {}, Duration.ofMillis(50))) {
        for (int i = 0; i < 4; i++) {
          admin
              .policy()
              .registerOperator(
                  SigningKey.random(new java.security.SecureRandom()).address(),
                  OperatorKind.MICRO_OPERATOR,
                  "before " + i);
        }
        awaitCount(delivered, "OperatorRegistered", 4);

        chain.restart(); // stopped with its state written, started again from it on the same port

        for (int i = 0; i < 4; i++) {
          admin
              .policy()
              .registerOperator(
                  SigningKey.random(new java.security.SecureRandom()).address(),
                  OperatorKind.LOCAL_OPERATOR,
                  "after " + i);
        }
        awaitCount(delivered, "OperatorRegistered", 8);
      }
      List<LedgerEvent> truth =
          admin.events(ledger.deployment().deploymentBlock(), admin.blockNumber());
      assertThat(delivered).doesNotHaveDuplicates();
      assertThat(delivered).containsExactlyElementsOf(truth);
      assertThat(
              delivered.stream()
                  .filter(e -> e.name().equals("OperatorRegistered"))
                  .map(e -> e.text("name")))
          .containsExactly(
              "before 0",
              "before 1",
              "before 2",
              "before 3",
              "after 0",
              "after 1",
              "after 2",
              "after 3");
    }
  }

  private static void awaitCount(List<LedgerEvent> events, String name, int n)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < deadline) {
      synchronized (events) {
        if (events.stream().filter(e -> e.name().equals(name)).count() >= n) {
          return;
        }
      }
      Thread.sleep(20);
    }
    throw new AssertionError("expected " + n + " " + name + " events, got " + events);
  }
}
