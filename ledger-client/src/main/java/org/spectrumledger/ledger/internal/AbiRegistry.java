package org.spectrumledger.ledger.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.spectrumledger.ledger.Address;
import org.spectrumledger.ledger.Bytes32;
import org.spectrumledger.ledger.DecodedValue;
import org.spectrumledger.ledger.EventPosition;
import org.spectrumledger.ledger.Hex;
import org.spectrumledger.ledger.LedgerEvent;
import org.spectrumledger.ledger.OrderHasher;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Type;
import org.web3j.protocol.core.methods.response.Log;

/**
 * Events and functions of the project's contracts, by topic and selector, decoded from their ABIs.
 * Types the generic decoder cannot name (tuples) are left to the callers that know them.
 */
public final class AbiRegistry {

  /** One ABI parameter. */
  public record Param(String name, String type, boolean indexed) {}

  /** One event or function. */
  public record Entry(String contract, String name, String signature, List<Param> inputs) {}

  private static final AbiRegistry SHARED = new AbiRegistry();

  private final Map<String, Entry> events = new HashMap<>();
  private final Map<String, Entry> functions = new HashMap<>();

  /**
   * web3j's type reference of each ABI type string, made once: making one parses the string with
   * regular expressions, which cost more than the decoding itself when every event of a large
   * settlement is read.
   */
  private final Map<String, TypeReference<Type>> typeRefs =
      new java.util.concurrent.ConcurrentHashMap<>();

  private AbiRegistry() {
    for (String contract : ContractArtifacts.DEPLOYABLE) {
      for (JsonNode item : ContractArtifacts.abi(contract)) {
        String kind = item.path("type").asText();
        if (!kind.equals("event") && !kind.equals("function")) {
          continue;
        }
        List<Param> inputs = new ArrayList<>();
        for (JsonNode in : item.path("inputs")) {
          inputs.add(
              new Param(
                  in.path("name").asText(), canonicalType(in), in.path("indexed").asBoolean()));
        }
        String signature =
            item.path("name").asText()
                + "("
                + String.join(",", inputs.stream().map(Param::type).toList())
                + ")";
        byte[] hash = OrderHasher.keccak(signature.getBytes(StandardCharsets.UTF_8));
        Entry entry = new Entry(contract, item.path("name").asText(), signature, inputs);
        if (kind.equals("event")) {
          events.putIfAbsent(Hex.encode(hash), entry);
        } else {
          functions.putIfAbsent(Hex.encode(Arrays.copyOf(hash, 4)), entry);
        }
      }
    }
  }

  public static AbiRegistry shared() {
    return SHARED;
  }

  /** The topic-0 of event {@code name} (first match across the contracts). */
  public String eventTopic(String name) {
    return events.entrySet().stream()
        .filter(e -> e.getValue().name().equals(name))
        .map(Map.Entry::getKey)
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no event named " + name));
  }

  /** The function whose selector starts {@code input}, if it is one of ours. */
  public Optional<Entry> function(String input) {
    if (input == null || input.length() < 10) {
      return Optional.empty();
    }
    return Optional.ofNullable(functions.get(input.substring(0, 10).toLowerCase(Locale.ROOT)));
  }

  /** The topic-0s of every event but those named in {@code names}. */
  public List<String> eventTopicsBut(Set<String> names) {
    return events.entrySet().stream()
        .filter(e -> !names.contains(e.getValue().name()))
        .map(Map.Entry::getKey)
        .sorted()
        .toList();
  }

  /** Decodes a log, or returns empty for a log of another contract or event. */
  public Optional<LedgerEvent> decode(Log log) {
    List<String> topics = log.getTopics();
    if (topics == null || topics.isEmpty()) {
      return Optional.empty();
    }
    Entry e = events.get(topics.get(0).toLowerCase(Locale.ROOT));
    if (e == null) {
      return Optional.empty();
    }
    try {
      Optional<List<DecodedValue>> words = decodeWords(e, topics, log.getData());
      List<DecodedValue> fields = words.isPresent() ? words.get() : decodeGeneric(e, topics, log);
      EventPosition position =
          new EventPosition(
              log.getBlockNumber().longValueExact(),
              log.getLogIndex().longValueExact(),
              Bytes32.of(log.getTransactionHash()));
      return Optional.of(
          new LedgerEvent(e.name(), e.contract(), Address.of(log.getAddress()), position, fields));
    } catch (RuntimeException ex) {
      return Optional.empty();
    }
  }

  /**
   * The fields of an event whose every field is one 32-byte word (uint, int, address, bool, bytes1
   * to bytes32), read from the words directly and rendered as {@link #decodeGeneric} renders them;
   * empty for any other event or for data of the wrong length. A large settlement's events are
   * almost all of this kind, and web3j's generic decoder costs several times as much a field.
   */
  Optional<List<DecodedValue>> decodeWords(Entry e, List<String> topics, String data) {
    int nData = 0;
    for (Param p : e.inputs()) {
      if (!isWord(p.type())) {
        return Optional.empty();
      }
      if (!p.indexed()) {
        nData++;
      }
    }
    String hex = data == null ? "0x" : data;
    if (!hex.startsWith("0x") || hex.length() != 2 + 64 * nData) {
      return Optional.empty();
    }
    List<DecodedValue> fields = new ArrayList<>(e.inputs().size());
    int topic = 1;
    int at = 2;
    for (Param p : e.inputs()) {
      String word;
      if (p.indexed()) {
        String raw = topics.get(topic++);
        if (raw.length() != 66) {
          return Optional.empty();
        }
        word = raw.substring(2);
      } else {
        word = hex.substring(at, at + 64);
        at += 64;
      }
      fields.add(new DecodedValue(p.name(), p.type(), renderWord(p.type(), word)));
    }
    return Optional.of(fields);
  }

  private static final BigInteger TWO_256 = BigInteger.ONE.shiftLeft(256);
  private static final BigInteger TWO_255 = BigInteger.ONE.shiftLeft(255);

  /** Whether {@code type} is encoded as one word of its own: uint, int, address, bool, bytesN. */
  private static boolean isWord(String type) {
    if (type.equals("address") || type.equals("bool")) {
      return true;
    }
    String width;
    if (type.startsWith("uint")) {
      width = type.substring(4);
    } else if (type.startsWith("int")) {
      width = type.substring(3);
    } else if (type.startsWith("bytes") && type.length() > 5) {
      width = type.substring(5);
    } else {
      return false;
    }
    return width.isEmpty() || width.chars().allMatch(Character::isDigit);
  }

  /** One word (64 hex digits) of {@code type} as {@link RevertDecoder#render} writes it. */
  private static String renderWord(String type, String word) {
    String w = word.toLowerCase(Locale.ROOT);
    if (type.equals("address")) {
      return "0x" + w.substring(24);
    }
    if (type.equals("bool")) {
      return Boolean.toString(new BigInteger(w, 16).signum() != 0);
    }
    if (type.startsWith("bytes")) {
      return "0x" + w.substring(0, 2 * Integer.parseInt(type.substring(5)));
    }
    BigInteger v = new BigInteger(w, 16);
    if (type.startsWith("int") && v.compareTo(TWO_255) >= 0) {
      v = v.subtract(TWO_256);
    }
    return v.toString();
  }

  /** The fields of {@code e} through web3j's decoder, any type it can name. */
  List<DecodedValue> decodeGeneric(Entry e, List<String> topics, Log log) {
    List<Param> dataParams = e.inputs().stream().filter(p -> !p.indexed()).toList();
    List<TypeReference<Type>> refs = new ArrayList<>();
    for (Param p : dataParams) {
      refs.add(typeRef(p.type()));
    }
    @SuppressWarnings({"rawtypes", "unchecked"})
    List<Type> data = FunctionReturnDecoder.decode(log.getData(), (List) refs);
    List<DecodedValue> fields = new ArrayList<>();
    int topic = 1;
    int datum = 0;
    for (Param p : e.inputs()) {
      String value;
      if (p.indexed()) {
        String raw = topics.get(topic++);
        value =
            isDynamic(p.type())
                ? raw
                : RevertDecoder.render(
                    FunctionReturnDecoder.decodeIndexedValue(raw, typeRef(p.type())));
      } else {
        value = RevertDecoder.render(data.get(datum++));
      }
      fields.add(new DecodedValue(p.name(), p.type(), value));
    }
    return fields;
  }

  /** Every event of the contracts, by topic-0. */
  Map<String, Entry> eventsByTopic() {
    return Map.copyOf(events);
  }

  @SuppressWarnings("unchecked")
  private TypeReference<Type> typeRef(String type) {
    return typeRefs.computeIfAbsent(
        type,
        t -> {
          try {
            return (TypeReference<Type>) TypeReference.makeTypeReference(t);
          } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("no web3j type for the ABI type " + t, e);
          }
        });
  }

  /** Whether {@code log} is an event named {@code name}, read from its first topic alone. */
  public boolean isNamed(Log log, String name) {
    List<String> topics = log.getTopics();
    if (topics == null || topics.isEmpty()) {
      return false;
    }
    Entry e = events.get(topics.get(0).toLowerCase(Locale.ROOT));
    return e != null && e.name().equals(name);
  }

  /** Decodes the arguments of a call to a function whose inputs are all simple types. */
  public Optional<List<DecodedValue>> decodeSimpleInput(Entry function, String input) {
    try {
      List<TypeReference<Type>> refs = new ArrayList<>();
      for (Param p : function.inputs()) {
        if (p.type().startsWith("(")) {
          return Optional.empty();
        }
        refs.add(typeRef(p.type()));
      }
      @SuppressWarnings({"rawtypes", "unchecked"})
      List<Type> values = FunctionReturnDecoder.decode("0x" + input.substring(10), (List) refs);
      List<DecodedValue> out = new ArrayList<>();
      for (int i = 0; i < values.size(); i++) {
        Param p = function.inputs().get(i);
        out.add(new DecodedValue(p.name(), p.type(), RevertDecoder.render(values.get(i))));
      }
      return Optional.of(out);
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  private static boolean isDynamic(String type) {
    return type.equals("string") || type.equals("bytes") || type.endsWith("[]");
  }

  private static String canonicalType(JsonNode param) {
    String type = param.path("type").asText();
    if (!type.startsWith("tuple")) {
      return type;
    }
    List<String> parts = new ArrayList<>();
    for (JsonNode c : param.path("components")) {
      parts.add(canonicalType(c));
    }
    return "(" + String.join(",", parts) + ")" + type.substring("tuple".length());
  }
}
