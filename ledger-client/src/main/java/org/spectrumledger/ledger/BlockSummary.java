package org.spectrumledger.ledger;

import java.util.List;

/**
 * A block as the explorer lists it.
 *
 * @param number block number
 * @param hash block hash
 * @param timestamp unix seconds
 * @param gasUsed gas used by its transactions
 * @param gasLimit the block's gas limit
 * @param transactions its transactions' hashes
 */
public record BlockSummary(
    long number,
    Bytes32 hash,
    long timestamp,
    long gasUsed,
    long gasLimit,
    List<Bytes32> transactions) {
  public BlockSummary {
    transactions = List.copyOf(transactions);
  }
}
