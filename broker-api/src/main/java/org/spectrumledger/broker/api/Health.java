package org.spectrumledger.broker.api;

/** {@code GET /health}. */
public record Health(String status) {}
