package org.spectrumledger.broker.api;

import java.util.List;
import org.spectrumledger.ledger.Address;

/**
 * The broker's deployment and its rules ({@code GET /v1/info}): the EIP-712 domain orders are
 * signed under (chain id and exchange), its key, epochs in milliseconds, the trading grid (lot in
 * milli-SRU, tick in token base units per SRU), its horizon (an order whose slot starts, or whose
 * validUntil lies, more than {@code horizonSeconds} after now is refused as too-far-ahead), and the
 * regulator's rules on which near-RT books are lit (every other book is sealed until its auction
 * clears).
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
    long horizonSeconds,
    List<BookRule> bookRules) {

  public BrokerInfo {
    bookRules = List.copyOf(bookRules);
  }
}
