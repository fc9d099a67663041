package org.spectrumledger.broker;

import java.util.Optional;
import org.spectrumledger.broker.access.BookRules;
import org.spectrumledger.broker.access.RequestVerifier;
import org.spectrumledger.broker.api.BatchList;
import org.spectrumledger.broker.api.BatchView;
import org.spectrumledger.broker.api.BookRule;
import org.spectrumledger.broker.api.BrokerInfo;
import org.spectrumledger.broker.api.DepthView;
import org.spectrumledger.broker.api.MarketList;
import org.spectrumledger.broker.api.OrderAccepted;
import org.spectrumledger.broker.api.OrderList;
import org.spectrumledger.broker.api.OrderView;
import org.spectrumledger.broker.api.TradeList;
import org.spectrumledger.broker.http.SseHub;
import org.spectrumledger.broker.intake.IntakeResult;
import org.spectrumledger.broker.metrics.Metrics;
import org.spectrumledger.broker.store.OrderRecord;
import org.spectrumledger.ledger.Address;
import org.spectrumledger.ledger.Bytes32;
import org.spectrumledger.ledger.MarketKey;
import org.spectrumledger.ledger.Signature;
import org.spectrumledger.ledger.SignedOrder;

/**
 * What the broker offers its HTTP API (and tests): intake, cancels, and read models as the wire
 * contract's records.
 */
public interface BrokerApi {

  IntakeResult submit(SignedOrder order, Long chainId, Address exchange);

  /**
   * Why the broker cannot take orders now (its chain node does not answer), or empty when it can:
   * what {@code GET /ready} says to a load balancer, where {@code /health} says only that the
   * process answers.
   */
  default Optional<String> notReady() {
    return Optional.empty();
  }

  /**
   * Why no market {@code market} can exist (its band is not registered), read from the chain alone,
   * or empty when it can or the chain cannot say: nothing of any book goes into the answer.
   */
  default Optional<String> marketClosed(MarketKey market) {
    return Optional.empty();
  }

  /**
   * Whether {@code account} is an operator the policy registered, or the chain cannot say now: only
   * an operator has orders, so only one has fills to stream.
   */
  default boolean mayHaveFills(Address account) {
    return true;
  }

  IntakeResult cancel(Address maker, long nonce, Signature signature);

  /**
   * The answer to an accepted order or cancel: its id and status, and its fills when it has any or
   * clears near-RT.
   */
  OrderAccepted answer(OrderRecord order);

  /**
   * Order {@code orderHash} if {@code maker} made it; empty, as for an order that does not exist,
   * if another maker did (nothing of it, its fills included, is read then).
   */
  Optional<OrderView> order(Bytes32 orderHash, Address maker);

  OrderList ordersOf(Address maker, int limit);

  /**
   * Markets as the public sees them: lit ones with open orders or recent trades, sealed ones once
   * they have cleared, without their book.
   */
  MarketList markets();

  /**
   * Aggregated open quantity per price level, best first, on each side, of a lit market; empty for
   * a sealed one (every non-RT market; a near-RT one unless the regulator's rules light it),
   * whatever its book holds.
   */
  Optional<DepthView> depth(MarketKey market, int levels);

  /**
   * The published book of the auction of {@code market} cut off at {@code cutoff}; empty when the
   * broker cleared no such auction (or no longer keeps it).
   */
  Optional<org.spectrumledger.broker.api.AuctionBookView> auctionBook(
      MarketKey market, long cutoff);

  /** Checks operators' signed requests for their own views. */
  RequestVerifier requests();

  /** Puts the regulator's signed rule on books in force, if it is the regulator's and newer. */
  BookRules.Outcome setBookRule(BookRule rule);

  TradeList trades(Address maker, MarketKey market, int limit);

  BatchList batches(int limit);

  /** One batch with its clearings (the fills without their receipts, which are their makers'). */
  Optional<BatchView> batch(long batchId);

  BrokerInfo info();

  Metrics metrics();

  SseHub fills();
}
