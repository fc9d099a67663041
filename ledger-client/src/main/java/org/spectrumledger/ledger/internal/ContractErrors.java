package org.spectrumledger.ledger.internal;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.spectrumledger.ledger.Address;
import org.spectrumledger.ledger.Bytes32;
import org.spectrumledger.ledger.ContractError;
import org.spectrumledger.ledger.DecodedValue;

/**
 * Builds the typed {@link ContractError} of a decoded revert from its arguments by position, in ABI
 * order. The record of a Solidity error is the one of the same name in {@link ContractError}'s
 * sealed hierarchy (Solidity's {@code Error(string)} and {@code Panic(uint256)} are {@link
 * ContractError.RevertString} and {@link ContractError.Panic}); each argument is converted to its
 * record component's type. A name without a record is {@link ContractError.Unknown}.
 */
public final class ContractErrors {

  private ContractErrors() {}

  private static final Map<String, Constructor<?>> RECORDS = records();

  /**
   * The record of error {@code name} with arguments {@code v} (as {@link RevertDecoder} renders
   * them), or {@link ContractError.Unknown} for a name no record covers.
   */
  public static ContractError of(String name, List<DecodedValue> v) {
    Constructor<?> ctor =
        RECORDS.get(
            switch (name) {
              case "Error" -> "RevertString";
              case "Panic" -> "Panic";
              default -> name;
            });
    if (ctor == null || ctor.getParameterCount() != v.size()) {
      return new ContractError.Unknown(name + v);
    }
    Class<?>[] types = ctor.getParameterTypes();
    Object[] args = new Object[types.length];
    for (int i = 0; i < types.length; i++) {
      args[i] = convert(v.get(i).value(), types[i]);
    }
    try {
      return (ContractError) ctor.newInstance(args);
    } catch (InvocationTargetException e) {
      throw new IllegalStateException("the record of " + name + " refused its arguments", e);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("no access to the record of " + name, e);
    }
  }

  private static Object convert(String value, Class<?> type) {
    if (type == String.class) {
      return value;
    } else if (type == BigInteger.class) {
      return new BigInteger(value);
    } else if (type == long.class) {
      return new BigInteger(value).longValue();
    } else if (type == int.class) {
      return new BigInteger(value).intValueExact();
    } else if (type == boolean.class) {
      return Boolean.parseBoolean(value);
    } else if (type == Address.class) {
      return Address.of(value);
    } else if (type == Bytes32.class) {
      return Bytes32.of(value);
    }
    throw new IllegalStateException("a contract error's record has a component of type " + type);
  }

  /** Every record under {@link ContractError}, by simple name, with its canonical constructor. */
  private static Map<String, Constructor<?>> records() {
    Map<String, Constructor<?>> out = new HashMap<>();
    Deque<Class<?>> todo = new ArrayDeque<>(List.of(ContractError.class));
    while (!todo.isEmpty()) {
      Class<?> c = todo.pop();
      if (c.isRecord()) {
        Class<?>[] types =
            Arrays.stream(c.getRecordComponents())
                .map(RecordComponent::getType)
                .toArray(Class<?>[]::new);
        try {
          out.putIfAbsent(c.getSimpleName(), c.getDeclaredConstructor(types));
        } catch (NoSuchMethodException e) {
          throw new IllegalStateException("a record without its canonical constructor: " + c, e);
        }
      } else if (c.isSealed()) {
        todo.addAll(Arrays.asList(c.getPermittedSubclasses()));
      }
    }
    out.remove("Unknown");
    return Map.copyOf(out);
  }
}
