package org.spectrumledger.ledger;

/** The node serves another chain than the configuration or the deployment record names. */
public class WrongChainException extends LedgerException {
  private final long expected;
  private final long actual;

  public WrongChainException(long expected, long actual, String where) {
    super(
        "wrong chain: expected chain id " + expected + " but " + where + " has chain id " + actual);
    this.expected = expected;
    this.actual = actual;
  }

  public long expected() {
    return expected;
  }

  public long actual() {
    return actual;
  }
}
