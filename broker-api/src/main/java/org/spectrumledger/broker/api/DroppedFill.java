package org.spectrumledger.broker.api;

import org.spectrumledger.ledger.Bytes32;

/** A fill whose market the chain refused (the {@code dropped} event of the fill stream). */
public record DroppedFill(Bytes32 orderHash, String reason) {}
