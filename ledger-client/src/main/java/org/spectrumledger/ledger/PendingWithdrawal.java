package org.spectrumledger.ledger;

import java.math.BigInteger;

/** A requested withdrawal: {@code amount} may be withdrawn from unix time {@code readyAt}. */
public record PendingWithdrawal(BigInteger amount, long readyAt) {
  public boolean exists() {
    return amount.signum() > 0;
  }
}
