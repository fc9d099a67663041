package org.spectrumledger.ledger;

import java.math.BigInteger;

/** An account cannot pay: native currency for gas, or tokens for a deposit. */
public class InsufficientFundsException extends LedgerException {
  private final Address account;
  private final BigInteger required;
  private final BigInteger available;

  /**
   * Short of settlement tokens: {@code where} they were looked for ("tokens in its wallet", "free
   * escrow"), {@code required} and {@code available} in the token's base units; the message says
   * both in tokens and in base units.
   */
  public InsufficientFundsException(
      Address account, String where, BigInteger required, BigInteger available) {
    super(
        "insufficient funds: "
            + account
            + " has "
            + TokenAmounts.format(available)
            + " tokens ("
            + available
            + " base units) in "
            + where
            + " but needs "
            + TokenAmounts.format(required)
            + " tokens ("
            + required
            + " base units)");
    this.account = account;
    this.required = required;
    this.available = available;
  }

  public InsufficientFundsException(Address account, String message, Throwable cause) {
    super("insufficient funds for " + account + ": " + message, cause);
    this.account = account;
    this.required = null;
    this.available = null;
  }

  public Address account() {
    return account;
  }

  /** What was needed, when known. */
  public BigInteger required() {
    return required;
  }

  /** What the account holds, when known. */
  public BigInteger available() {
    return available;
  }
}
