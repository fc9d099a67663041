package org.spectrumledger.ledger;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A contract refused a call with a custom error (or a revert string or panic). Carries the error as
 * a typed {@link ContractError}, its arguments for display, and the hash of the transaction when it
 * reverted on chain (absent when the revert was found by simulating before sending, so nothing was
 * sent).
 */
public class ContractRevertedException extends LedgerException {
  private final ContractError error;
  private final List<DecodedValue> arguments;
  private final Bytes32 txHash;
  private final String revertData;

  public ContractRevertedException(
      String operation,
      ContractError error,
      List<DecodedValue> arguments,
      Bytes32 txHash,
      String revertData) {
    super(
        error instanceof ContractError.AccessControlUnauthorizedAccount refused
            ? unauthorized(operation, refused, txHash)
            : message(operation, error.name(), arguments, txHash));
    this.error = error;
    this.arguments = List.copyOf(arguments);
    this.txHash = txHash;
    this.revertData = revertData;
  }

  /** A revert of {@code operation} with {@code error}, its arguments read from the record. */
  public ContractRevertedException(String operation, ContractError error, Bytes32 txHash) {
    this(operation, error, argumentsOf(error), txHash, "0x");
  }

  private static List<DecodedValue> argumentsOf(ContractError error) {
    List<DecodedValue> out = new ArrayList<>();
    for (RecordComponent c : error.getClass().getRecordComponents()) {
      try {
        out.add(
            new DecodedValue(
                c.getName(),
                c.getType().getSimpleName(),
                String.valueOf(c.getAccessor().invoke(error))));
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("unreadable error record " + error.name(), e);
      }
    }
    return out;
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

  /**
   * A key without the role a call needs, in words: the role by name (the error carries its hash)
   * and who can grant it.
   */
  private static String unauthorized(
      String operation, ContractError.AccessControlUnauthorizedAccount refused, Bytes32 txHash) {
    String role = Role.nameOf(refused.neededRole());
    return operation
        + " refused: key "
        + refused.account()
        + " does not hold the "
        + role
        + " role it needs"
        + (txHash == null ? " (simulated; nothing was sent)" : " (transaction " + txHash + ")")
        + "; "
        + Role.howToGrant(role, refused.account());
  }

  /** The refusal as a typed value: switch on its record. */
  public ContractError error() {
    return error;
  }

  /** The custom error's name, or {@code Error} / {@code Panic}, or {@code unknown}. */
  public String errorName() {
    return error.name();
  }

  /** The arguments as decoded, for display; read values from {@link #error()}. */
  public List<DecodedValue> arguments() {
    return arguments;
  }

  /** The reverted transaction, or empty when the revert was simulated. */
  public Optional<Bytes32> txHash() {
    return Optional.ofNullable(txHash);
  }

  /** What the refusal blames: an order, a maker, the market or the batch. */
  public Refusal refusal() {
    return Refusal.of(error);
  }

  /** The raw revert data, 0x hex (may be {@code 0x} when the node gave none). */
  public String revertData() {
    return revertData;
  }
}
