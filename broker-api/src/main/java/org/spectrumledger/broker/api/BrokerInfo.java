package org.spectrumledger.broker.api;

import org.spectrumledger.ledger.Address;

/**
 * The broker's deployment and its rules ({@code GET /v1/info}): the EIP-712 domain orders are
 * signed under (chain id and exchange), its key, epochs in milliseconds, and the trading grid (lot
 * in milli-SRU, tick in token base units per SRU).
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
    long tickSize) {}
