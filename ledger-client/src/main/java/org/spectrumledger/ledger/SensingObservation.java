package org.spectrumledger.ledger;

/** A sensing verdict a sensor submits: {@code band} in {@code cell} is idle or busy. */
public record SensingObservation(long band, long cell, boolean idle) {}
