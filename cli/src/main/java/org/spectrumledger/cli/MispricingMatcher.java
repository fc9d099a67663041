package org.spectrumledger.cli;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.spectrumledger.broker.matching.MatchInput;
import org.spectrumledger.broker.matching.MatchOrder;
import org.spectrumledger.broker.matching.MatchResult;
import org.spectrumledger.broker.matching.Matcher;
import org.spectrumledger.broker.matching.UniformPriceMatcher;
import org.spectrumledger.ledger.Side;

/**
 * The demo's cheating broker for {@code --broker-cheats misprice}, never the broker's: once armed,
 * it clears the next auction it can with the rule's fills but at the highest price every filled bid
 * accepts (the marginal bid's limit), moving the whole surplus to the sellers. Every fill stays
 * valid, so the exchange settles it; only the published rule, checked against the committed book,
 * shows the price wrong.
 */
final class MispricingMatcher implements Matcher {

  private final Matcher rule = new UniformPriceMatcher();
  private volatile boolean armed;
  private final AtomicInteger mispriced = new AtomicInteger();

  /** Misprices the next auction whose marginal bid is above the rule's price. */
  void arm() {
    armed = true;
  }

  /** Auctions mispriced so far. */
  int mispriced() {
    return mispriced.get();
  }

  @Override
  public MatchResult clear(MatchInput input) {
    MatchResult r = rule.clear(input);
    if (!armed || !r.traded()) {
      return r;
    }
    Map<Long, Long> limits = new HashMap<>();
    for (int i = 0; i < input.size(); i++) {
      MatchOrder o = input.order(i);
      limits.put(o.id(), o.limitPrice());
    }
    long lowestBid = Long.MAX_VALUE;
    for (int f = 0; f < r.fillCount(); f++) {
      if (r.side(f) == Side.BID) {
        lowestBid = Math.min(lowestBid, limits.get(r.orderId(f)));
      }
    }
    if (lowestBid <= r.price()) {
      return r;
    }
    armed = false;
    mispriced.incrementAndGet();
    long[] ids = new long[r.fillCount()];
    long[] quantities = new long[r.fillCount()];
    for (int f = 0; f < ids.length; f++) {
      ids[f] = r.orderId(f);
      quantities[f] = r.quantity(f);
    }
    return MatchResult.of(lowestBid, r.bidFillCount(), ids, quantities, r.excludedAllOrNone());
  }
}
