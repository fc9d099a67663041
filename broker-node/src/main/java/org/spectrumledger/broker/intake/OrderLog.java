package org.spectrumledger.broker.intake;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.spectrumledger.broker.store.OrderRecord;

/**
 * Where {@link OrderIntake} makes accepted orders durable: the port it is tested through with an
 * in-memory fake; the broker's group-commit writer implements it over its store.
 */
public interface OrderLog {

  /** The highest arrival sequence stored so far (0 when none). */
  long maxSeq();

  /** Every stored order's {@code makerHex/nonce}, to refuse a nonce used twice. */
  Set<String> makerNonces();

  /**
   * Stores {@code order}; the future completes once it is durable, false when the store already
   * holds an order of that maker and nonce, and fails when the store cannot take it.
   */
  CompletableFuture<Boolean> insert(OrderRecord order);
}
