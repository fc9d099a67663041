package org.spectrumledger.ledger;

import java.util.Map;

/**
 * What the exchange's {@code probeBatch} found of a batch, run as it would settle now and undone.
 *
 * @param toSkip the clearings it would skip, by index in the batch, each with the error that would
 *     stop it
 * @param gasUsed the gas its execution used (without the transaction's intrinsic and calldata gas)
 */
public record BatchProbe(Map<Integer, ContractRevertedException> toSkip, long gasUsed) {
  public BatchProbe {
    toSkip = Map.copyOf(toSkip);
  }
}
