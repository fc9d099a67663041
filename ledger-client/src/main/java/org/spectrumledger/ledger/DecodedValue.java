package org.spectrumledger.ledger;

/**
 * One decoded ABI value: a function or error argument, or an event field.
 *
 * @param name its name in the ABI (may be empty)
 * @param type its Solidity type
 * @param value the value as text: numbers in decimal, addresses and bytes as 0x hex
 */
public record DecodedValue(String name, String type, String value) {}
