package org.spectrumledger.ledger.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.spectrumledger.ledger.Bytes32;
import org.spectrumledger.ledger.ContractError;
import org.spectrumledger.ledger.ContractRevertedException;
import org.spectrumledger.ledger.DecodedValue;
import org.spectrumledger.ledger.Hex;
import org.spectrumledger.ledger.OrderHasher;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Type;

/**
 * Turns revert data into the custom error that produced it, by name and with its arguments, from
 * the ABIs of every deployed contract (a policy error bubbles up through the exchange unchanged),
 * plus Solidity's {@code Error(string)} and {@code Panic(uint256)}.
 */
public final class RevertDecoder {

  /** A decoded revert: the error's name, its arguments in order, and the raw data. */
  public record DecodedRevert(String name, List<DecodedValue> arguments, String data) {
    /** The typed error, built from the arguments by position. */
    public ContractError error() {
      return ContractErrors.of(name, arguments);
    }

    @Override
    public String toString() {
      StringBuilder sb = new StringBuilder(name).append('(');
      for (int i = 0; i < arguments.size(); i++) {
        if (i > 0) {
          sb.append(", ");
        }
        DecodedValue a = arguments.get(i);
        sb.append(a.name().isEmpty() ? "" : a.name() + "=").append(a.value());
      }
      return sb.append(')').toString();
    }
  }

  private record ErrorDef(String name, List<String> names, List<String> types) {}

  private static final RevertDecoder SHARED = new RevertDecoder();

  private final Map<String, ErrorDef> bySelector = new HashMap<>();

  private RevertDecoder() {
    for (String contract : ContractArtifacts.DEPLOYABLE) {
      register(ContractArtifacts.abi(contract));
    }
    bySelector.put("0x08c379a0", new ErrorDef("Error", List.of("message"), List.of("string")));
    bySelector.put("0x4e487b71", new ErrorDef("Panic", List.of("code"), List.of("uint256")));
  }

  /** The decoder over the project's contracts. */
  public static RevertDecoder shared() {
    return SHARED;
  }

  private void register(JsonNode abi) {
    for (JsonNode item : abi) {
      if (!"error".equals(item.path("type").asText())) {
        continue;
      }
      List<String> names = new ArrayList<>();
      List<String> types = new ArrayList<>();
      for (JsonNode input : item.path("inputs")) {
        names.add(input.path("name").asText());
        types.add(input.path("type").asText());
      }
      String signature = item.path("name").asText() + "(" + String.join(",", types) + ")";
      byte[] hash = OrderHasher.keccak(signature.getBytes(StandardCharsets.UTF_8));
      String selector = Hex.encode(java.util.Arrays.copyOf(hash, 4));
      bySelector.putIfAbsent(selector, new ErrorDef(item.path("name").asText(), names, types));
    }
  }

  /** Decodes {@code data} (0x-prefixed), or returns empty for data no known error matches. */
  public Optional<DecodedRevert> decode(String raw) {
    // JSON-RPC error data arrives as a string, sometimes still in its JSON quotes.
    String data = raw == null ? null : raw.strip().replace("\"", "");
    if (data == null || data.length() < 10) {
      return Optional.empty();
    }
    ErrorDef def = bySelector.get(data.substring(0, 10).toLowerCase(java.util.Locale.ROOT));
    if (def == null) {
      return Optional.empty();
    }
    List<TypeReference<Type>> refs = new ArrayList<>();
    try {
      for (String t : def.types()) {
        refs.add(TypeReference.makeTypeReference(t));
      }
      @SuppressWarnings({"rawtypes", "unchecked"})
      List<Type> values = FunctionReturnDecoder.decode("0x" + data.substring(10), (List) refs);
      if (values.size() != def.types().size()) {
        return Optional.empty();
      }
      List<DecodedValue> args = new ArrayList<>();
      for (int i = 0; i < values.size(); i++) {
        args.add(new DecodedValue(def.names().get(i), def.types().get(i), render(values.get(i))));
      }
      return Optional.of(new DecodedRevert(def.name(), args, data));
    } catch (ClassNotFoundException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /**
   * The exception for a refusal of {@code operation} with revert {@code data}: the decoded custom
   * error, or an {@code unknown} error carrying the node's {@code message}.
   */
  public ContractRevertedException exception(
      String operation, String data, String message, Bytes32 txHash) {
    Optional<DecodedRevert> decoded = decode(data);
    if (decoded.isPresent()) {
      DecodedRevert d = decoded.get();
      return new ContractRevertedException(operation, d.error(), d.arguments(), txHash, d.data());
    }
    String reason = message == null || message.isBlank() ? "no reason given" : message;
    return new ContractRevertedException(
        operation,
        new ContractError.Unknown(reason),
        List.of(new DecodedValue("message", "string", reason)),
        txHash,
        data == null ? "0x" : data);
  }

  /** A value as text: numbers in decimal, bytes and addresses as 0x hex. */
  public static String render(Type<?> value) {
    Object v = value.getValue();
    if (v instanceof byte[] bytes) {
      return Hex.encode(bytes);
    }
    if (v instanceof BigInteger b) {
      return b.toString();
    }
    if (v instanceof List<?> list) {
      List<String> parts = new ArrayList<>();
      for (Object o : list) {
        parts.add(o instanceof Type<?> t ? render(t) : String.valueOf(o));
      }
      return "[" + String.join(", ", parts) + "]";
    }
    return String.valueOf(v);
  }
}
