package org.spectrumledger.ledger;

/** Kind of a registered operator; the ordinal is the on-chain enum value. */
public enum OperatorKind {
  MOBILE_NETWORK,
  VIRTUAL_NETWORK,
  MICRO_OPERATOR,
  LOCAL_OPERATOR;

  /** The kind for its on-chain code. */
  public static OperatorKind ofCode(int code) {
    OperatorKind[] all = values();
    if (code < 0 || code >= all.length) {
      throw new IllegalArgumentException("not an operator kind: " + code);
    }
    return all[code];
  }
}
