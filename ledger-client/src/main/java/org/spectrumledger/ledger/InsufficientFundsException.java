package org.spectrumledger.ledger;

import java.math.BigInteger;

/** An account cannot pay: native currency for gas, or tokens for a deposit. */
public class InsufficientFundsException extends LedgerException {
  private final Address account;
  private final BigInteger required;
  private final BigInteger available;

  public InsufficientFundsException(
      Address account, String what, BigInteger required, BigInteger available) {
    super(
        "insufficient funds: "
            + account
            + " has "
            + available
            + " "
            + what
            + " but needs "
            + required);
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
