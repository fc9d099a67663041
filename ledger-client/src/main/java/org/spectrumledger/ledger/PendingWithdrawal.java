package org.spectrumledger.ledger;

import java.math.BigInteger;

/**
 * A requested withdrawal: {@code amount} (token base units) was set aside from the free escrow and
 * may be withdrawn from unix time {@code readyAt}; until then settlement may still spend it.
 */
public record PendingWithdrawal(BigInteger amount, long readyAt) {
  public boolean exists() {
    return readyAt != 0;
  }
}
