package org.spectrumledger.ledger;

import java.util.List;
import java.util.Optional;

/**
 * A contract refused a call with a custom error (or a revert string or panic). Carries the error's
 * name and arguments, and the hash of the transaction when it reverted on chain (absent when the
 * revert was found by simulating before sending, so nothing was sent).
 */
public class ContractRevertedException extends LedgerException {
  private final String errorName;
  private final List<DecodedValue> arguments;
  private final Bytes32 txHash;
  private final String revertData;

  public ContractRevertedException(
      String operation,
      String errorName,
      List<DecodedValue> arguments,
      Bytes32 txHash,
      String revertData) {
    super(message(operation, errorName, arguments, txHash));
    this.errorName = errorName;
    this.arguments = List.copyOf(arguments);
    this.txHash = txHash;
    this.revertData = revertData;
  }

  private static String message(
      String operation, String errorName, List<DecodedValue> args, Bytes32 txHash) {
    StringBuilder sb =
        new StringBuilder(operation).append(" reverted: ").append(errorName).append('(');
    for (int i = 0; i < args.size(); i++) {
      DecodedValue a = args.get(i);
      sb.append(i == 0 ? "" : ", ")
          .append(a.name().isEmpty() ? "" : a.name() + "=")
          .append(a.value());
    }
    sb.append(')');
    sb.append(txHash == null ? " (simulated; nothing was sent)" : " in transaction " + txHash);
    return sb.toString();
  }

  /** The custom error's name, or {@code Error} / {@code Panic}, or {@code unknown}. */
  public String errorName() {
    return errorName;
  }

  public List<DecodedValue> arguments() {
    return arguments;
  }

  /** The argument named {@code name}. */
  public Optional<String> argument(String name) {
    return arguments.stream()
        .filter(a -> a.name().equals(name))
        .map(DecodedValue::value)
        .findFirst();
  }

  /** The reverted transaction, or empty when the revert was simulated. */
  public Optional<Bytes32> txHash() {
    return Optional.ofNullable(txHash);
  }

  /** What the refusal blames: an order, a maker, the market or the batch. */
  public Refusal refusal() {
    return Refusal.of(this);
  }

  /** The raw revert data, 0x hex (may be {@code 0x} when the node gave none). */
  public String revertData() {
    return revertData;
  }
}
