package org.spectrumledger.broker;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.spectrumledger.broker.intake.IntakeResult;
import org.spectrumledger.broker.metrics.Metrics;
import org.spectrumledger.broker.store.BatchRecord;
import org.spectrumledger.broker.store.BrokerStore;
import org.spectrumledger.broker.store.ClearingRecord;
import org.spectrumledger.ledger.Address;
import org.spectrumledger.ledger.Bytes32;
import org.spectrumledger.ledger.MarketKey;
import org.spectrumledger.ledger.Signature;
import org.spectrumledger.ledger.SignedOrder;

/** What the broker offers its HTTP API (and tests): intake, cancels and read models. */
public interface BrokerApi {

  IntakeResult submit(SignedOrder order, Long chainId, Address exchange);

  IntakeResult cancel(Address maker, long nonce, Signature signature);

  /** The order, its fills and their states, as JSON-ready maps. */
  Optional<Map<String, Object>> order(Bytes32 orderHash);

  List<Map<String, Object>> ordersOf(Address maker, int limit);

  /** Markets with open orders or recent trades. */
  List<Map<String, Object>> markets();

  /** Aggregated open quantity per price level, best first, on each side. */
  Map<String, Object> depth(MarketKey market, int levels);

  List<BrokerStore.Trade> trades(Address maker, MarketKey market, int limit);

  List<BatchRecord> batches(int limit);

  Optional<BatchRecord> batch(long batchId);

  List<ClearingRecord> clearingsOfBatch(long batchId);

  /** Chain id, exchange, broker address, epochs. */
  Map<String, Object> info();

  Metrics metrics();

  /** Whether {@code order}'s market clears near-RT (its POST answer carries its fills at once). */
  boolean isNearRt(org.spectrumledger.broker.store.OrderRecord order);

  org.spectrumledger.broker.http.SseHub fills();
}
