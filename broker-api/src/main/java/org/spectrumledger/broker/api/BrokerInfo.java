package org.spectrumledger.broker.api;

import java.util.List;
import org.spectrumledger.ledger.Address;

/**
 * The broker's deployment and its rules ({@code GET /v1/info}): the EIP-712 domain orders are
 * signed under (chain id and exchange), its key, epochs in milliseconds, the trading grid (lot in
 * milli-SRU, tick in token base units per SRU), its horizon (an order whose slot starts, or whose
 * validUntil lies, more than {@code horizonSeconds} after now is refused as too-far-ahead), the
 * least validity an order must have left when it arrives (one valid until less than {@code
 * minValiditySeconds} after now is refused as expired: it could not settle), and the regulator's
 * rules on which near-RT books are lit (every other book is sealed until its auction clears).
 *
 * <p>{@code horizonSeconds} and {@code minValiditySeconds} came after the first v1 brokers: this
 * broker always gives them, and a client reads them as null from a broker older than they are.
 */
public record BrokerInfo(
    long chainId,
    Address exchange,
    Address policy,
    Address token,
    Address broker,
    long nonRtEpochMillis,
    long nearRtEpochMillis,
    long nearRtMaxSlotSeconds,
    long settlePeriodMillis,
    long lotSize,
    long tickSize,
    @Nullable Long horizonSeconds,
    @Nullable Long minValiditySeconds,
    List<BookRule> bookRules) {

  public BrokerInfo {
    bookRules = List.copyOf(bookRules);
  }
}
