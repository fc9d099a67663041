package org.spectrumledger.broker.epoch;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.spectrumledger.ledger.MarketKey;

/**
 * The non-RT markets with an auction still on its way to the chain. A market's next auction waits
 * until its last one has settled or been dropped: an order matched whole in the last one has
 * nothing left to fill until then, yet it may outrank the next auction's orders, and if the last
 * one is dropped (its counterparty defunded) the order is back and the next auction would have
 * passed it over, which its maker could prove against the broker (see {@code answerOmission} in
 * contracts/README.md). Near-RT markets do not wait: each of their fills has a signed receipt,
 * which the broker cites instead.
 *
 * <p>Clearings are counted by id: a clearing reported settled before it is reported cleared (the
 * settler can be that quick) is not counted as settling afterwards.
 */
public final class SettlingAuctions {

  private final Map<MarketKey, Set<Long>> settling = new HashMap<>();
  private final Set<Long> finishedFirst = new HashSet<>();

  /** Clearing {@code clearingId} of {@code market} was recorded and is on its way. */
  public synchronized void cleared(MarketKey market, long clearingId) {
    if (!finishedFirst.remove(clearingId)) {
      settling.computeIfAbsent(market, k -> new HashSet<>()).add(clearingId);
    }
  }

  /** Clearing {@code clearingId} of {@code market} settled or was dropped. */
  public synchronized void finished(MarketKey market, long clearingId) {
    Set<Long> ids = settling.get(market);
    if (ids != null && ids.remove(clearingId)) {
      if (ids.isEmpty()) {
        settling.remove(market);
      }
    } else {
      finishedFirst.add(clearingId);
    }
  }

  /** Whether an auction of {@code market} is still on its way to the chain. */
  public synchronized boolean settling(MarketKey market) {
    return settling.containsKey(market);
  }
}
