package org.spectrumledger.operator.fairness;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.spectrumledger.ledger.Address;
import org.spectrumledger.ledger.ChainEvent;
import org.spectrumledger.ledger.LedgerClient;
import org.spectrumledger.ledger.LedgerEvent;
import org.spectrumledger.ledger.MarketKey;

/**
 * The {@code BookCommitted} events of the markets an audit follows, by market and broker: read once
 * from the deployment's first block for a market first asked for, then block range by block range
 * as the chain grows (one read per broker per pass, whatever the number of markets). A market no
 * longer asked for, or finished, is forgotten.
 */
final class CommitmentLog {

  private final LedgerClient ledger;

  /** The first block not read yet. */
  private long nextBlock;

  /** The commitments read so far, by {@link #key}, for the markets followed. */
  private final Map<String, List<ChainEvent.BookCommitted>> committed = new HashMap<>();

  /** Markets whose every auction is judged and whose slot is over. */
  private final Set<String> finished = new HashSet<>();

  CommitmentLog(LedgerClient ledger) {
    this.ledger = ledger;
  }

  static String key(MarketKey market, Address broker) {
    return market + "/" + broker;
  }

  /**
   * The commitments of the markets in {@code brokerOf} (by key, with the broker that commits them)
   * not finished, up to the chain's head now.
   */
  Map<String, List<ChainEvent.BookCommitted>> read(Map<String, Address> brokerOf) {
    long head = ledger.blockNumber();
    committed.keySet().retainAll(brokerOf.keySet());
    committed.keySet().removeAll(finished);
    for (var e : brokerOf.entrySet()) {
      String key = e.getKey();
      if (finished.contains(key) || committed.containsKey(key)) {
        continue;
      }
      // a market first asked for: what was committed in it before the blocks read so far
      List<ChainEvent.BookCommitted> before = new ArrayList<>();
      if (nextBlock > 0) {
        MarketKey market = MarketKey.parse(key.substring(0, key.lastIndexOf('/')));
        for (LedgerEvent ev :
            ledger.eventsWhere(
                "BookCommitted",
                0,
                nextBlock - 1,
                LedgerClient.topic(market.id()),
                null,
                LedgerClient.topic(e.getValue()))) {
          before.add(ChainEvent.of(ev, ChainEvent.BookCommitted.class));
        }
      }
      committed.put(key, before);
    }
    if (head >= nextBlock) {
      for (Address broker : new HashSet<>(brokerOf.values())) {
        for (LedgerEvent ev :
            ledger.eventsWhere(
                "BookCommitted", nextBlock, head, null, null, LedgerClient.topic(broker))) {
          ChainEvent.BookCommitted c = ChainEvent.of(ev, ChainEvent.BookCommitted.class);
          List<ChainEvent.BookCommitted> list = committed.get(key(c.market(), broker));
          if (list != null) {
            list.add(c);
          }
        }
      }
      nextBlock = head + 1;
    }
    return committed;
  }

  boolean isFinished(String key) {
    return finished.contains(key);
  }

  /** No auction of the market is left to judge: its commitments are no longer read. */
  void finish(String key) {
    finished.add(key);
    committed.remove(key);
  }
}
