package org.spectrumledger.broker.epoch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.spectrumledger.ledger.MarketKey;

class SettlingAuctionsTest {

  private static final MarketKey A = new MarketKey(4, 1, 7_200, 10_800);
  private static final MarketKey B = new MarketKey(4, 2, 7_200, 10_800);

  @Test
  void aMarketSettlesOnceEveryPartOfItsAuctionsIsDone() {
    SettlingAuctions s = new SettlingAuctions();
    s.cleared(A, 1);
    s.cleared(A, 2); // a second part
    s.cleared(B, 3);
    assertThat(s.settling(A)).isTrue();
    s.finished(A, 1);
    assertThat(s.settling(A)).as("part 2 still on its way").isTrue();
    s.finished(A, 2);
    assertThat(s.settling(A)).isFalse();
    assertThat(s.settling(B)).isTrue();
  }

  @Test
  void aClearingFinishedBeforeItWasReportedClearedIsNotCountedAfterwards() {
    SettlingAuctions s = new SettlingAuctions();
    s.finished(A, 7);
    s.cleared(A, 7);
    assertThat(s.settling(A)).isFalse();
    // the id is used up: a later report of it counts again
    s.cleared(A, 7);
    assertThat(s.settling(A)).isTrue();
  }
}
