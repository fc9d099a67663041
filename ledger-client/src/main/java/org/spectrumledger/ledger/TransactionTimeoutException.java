package org.spectrumledger.ledger;

/**
 * A transaction was sent but no receipt came within the timeout. It may still be mined: wait for
 * {@link #txHash()} rather than sending the same thing again.
 */
public class TransactionTimeoutException extends LedgerException {
  private final Bytes32 txHash;

  public TransactionTimeoutException(Bytes32 txHash, long seconds) {
    super(
        "no receipt for transaction "
            + txHash
            + " within "
            + seconds
            + " s; it may still be mined");
    this.txHash = txHash;
  }

  public Bytes32 txHash() {
    return txHash;
  }
}
