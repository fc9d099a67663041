package org.spectrumledger.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

class ThrottledLogTest {

  /** Each call of the logger as "level: arguments". */
  private final List<String> lines = new ArrayList<>();

  private final Logger recording =
      (Logger)
          Proxy.newProxyInstance(
              Logger.class.getClassLoader(),
              new Class<?>[] {Logger.class},
              (proxy, method, args) -> {
                if (method.getName().equals("warn") || method.getName().equals("info")) {
                  lines.add(method.getName() + ": " + Arrays.deepToString(args));
                }
                return method.getReturnType() == boolean.class ? Boolean.TRUE : null;
              });

  private final AtomicLong nanos = new AtomicLong();
  private final ThrottledLog log = new ThrottledLog(recording, Duration.ofSeconds(30), nanos::get);

  private void advance(long millis) {
    nanos.addAndGet(millis * 1_000_000);
  }

  @Test
  void aDeadNodePolledTwentyTimesASecondForAMinuteLogsThreeLinesAndItsRecovery() {
    LedgerUnavailableException down =
        new LedgerUnavailableException("http://127.0.0.1:8545 refused the connection", null);
    for (int i = 0; i < 1_200; i++) {
      log.failure("near-RT epoch", down);
      advance(50);
    }
    log.success("near-RT epoch");

    assertThat(lines).hasSize(3);
    assertThat(lines.get(0)).startsWith("warn: ").contains("refused the connection");
    assertThat(lines.get(1)).contains("still failing", "600");
    assertThat(lines.get(2)).startsWith("info: ").contains("recovered", "1200");
    assertThat(log.isFailing("near-RT epoch")).isFalse();
  }

  @Test
  void eachTaskIsThrottledOnItsOwnAndAnUnexpectedErrorKeepsItsStackTrace() {
    IllegalStateException bug = new IllegalStateException("book out of order");
    log.failure("settlement", bug);
    log.failure("near-RT epoch", new LedgerUnavailableException("down", null));
    log.failure("settlement", bug);

    assertThat(lines).hasSize(2);
    assertThat(lines.get(0)).contains("settlement", "book out of order", "IllegalStateException");
    assertThat(lines.get(1)).contains("near-RT epoch", "down").doesNotContain("Exception");
  }

  @Test
  void contractsMissingFromTheChainAreOneLineWithoutAStackTrace() {
    Address exchange = Address.of("0x00000000000000000000000000000000000000aa");
    log.failure(
        "settlement",
        new NoContractException(
            "SpectrumExchange", exchange, "http://127.0.0.1:8545", new RuntimeException("0x")));

    assertThat(lines).hasSize(1);
    assertThat(lines.get(0))
        .contains("no SpectrumExchange contract at " + exchange)
        .doesNotContain("Exception");
  }

  @Test
  void successWithoutFailureSaysNothing() {
    log.success("settlement");
    assertThat(lines).isEmpty();
  }
}
