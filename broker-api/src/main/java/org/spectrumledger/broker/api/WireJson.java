package org.spectrumledger.broker.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.io.IOException;
import java.util.Map;
import java.util.function.Function;
import org.spectrumledger.ledger.Address;
import org.spectrumledger.ledger.Bytes32;
import org.spectrumledger.ledger.MarketKey;
import org.spectrumledger.ledger.Side;

/**
 * The one JSON mapper of the broker's wire contract: strict on the way in (unknown fields, a string
 * where a number belongs, a number where a string belongs, trailing garbage are errors), plain on
 * the way out. Addresses and hashes are 0x hex strings, sides {@code bid}/{@code ask}, markets
 * {@code band/cell/start-end}. {@link #describe} turns a mapping failure into a sentence that names
 * the field and what it needed, never a Java class.
 */
public final class WireJson {

  /** The mapper every side of the API reads and writes with. */
  public static final ObjectMapper MAPPER = build();

  private WireJson() {}

  private static ObjectMapper build() {
    SimpleModule types = new SimpleModule("spectrumledger-wire");
    types.addSerializer(Side.class, toText(s -> s == Side.BID ? "bid" : "ask"));
    types.addDeserializer(
        Side.class,
        fromText(
            "\"bid\" or \"ask\"",
            t ->
                switch (t) {
                  case "bid" -> Side.BID;
                  case "ask" -> Side.ASK;
                  default -> throw new IllegalArgumentException("not \"bid\" or \"ask\"");
                }));
    types.addSerializer(MarketKey.class, toText(MarketKey::toString));
    types.addDeserializer(
        MarketKey.class, fromText("a market band/cell/start-end", MarketKey::parse));
    types.addSerializer(Address.class, toText(Address::hex));
    types.addDeserializer(
        Address.class, fromText("an address (0x and 40 hex digits)", Address::of));
    types.addSerializer(Bytes32.class, toText(Bytes32::hex));
    types.addDeserializer(Bytes32.class, fromText("a hash (0x and 64 hex digits)", Bytes32::of));
    // Buffers are pooled per mapper rather than per thread: the broker serves each request on a
    // new virtual thread, where the default thread-local pool would allocate them every time.
    JsonFactory factory =
        JsonFactory.builder().recyclerPool(JsonRecyclerPools.newConcurrentDequePool()).build();
    JsonMapper m =
        JsonMapper.builder(factory)
            .addModule(types)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .build();
    for (LogicalType t :
        new LogicalType[] {
          LogicalType.Integer, LogicalType.Float, LogicalType.Boolean, LogicalType.Textual
        }) {
      m.coercionConfigFor(t).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
      m.coercionConfigFor(t).setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
      m.coercionConfigFor(t).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
      m.coercionConfigFor(t).setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    }
    return m;
  }

  private static <T> JsonSerializer<T> toText(Function<T, String> text) {
    return new JsonSerializer<>() {
      @Override
      public void serialize(T value, JsonGenerator gen, SerializerProvider provider)
          throws IOException {
        gen.writeString(text.apply(value));
      }
    };
  }

  /** A deserializer from a JSON string; a refusal becomes "needs WHAT: why". */
  private static <T> JsonDeserializer<T> fromText(String what, Function<String, T> parse) {
    return new JsonDeserializer<>() {
      @Override
      public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        if (p.currentToken() != JsonToken.VALUE_STRING) {
          throw JsonMappingException.from(p, "needs " + what + " as a string");
        }
        String text = p.getText();
        try {
          return parse.apply(text);
        } catch (IllegalArgumentException e) {
          throw JsonMappingException.from(
              p, "needs " + what + "; '" + text + "' is not: " + e.getMessage());
        }
      }
    };
  }

  /** {@code value} as JSON. */
  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + value.getClass().getSimpleName(), e);
    }
  }

  /** {@code value} as UTF-8 JSON, without the detour through a {@code String}. */
  public static byte[] writeBytes(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + value.getClass().getSimpleName(), e);
    }
  }

  /** {@code json} read as {@code type}; a bad body is an {@link IllegalArgumentException}. */
  public static <T> T read(String json, Class<T> type) {
    if (json == null || json.isBlank()) {
      throw new IllegalArgumentException("the body is empty; send a JSON object");
    }
    try {
      T value = MAPPER.readValue(json, type);
      if (value == null) {
        throw new IllegalArgumentException("the body is null; send a JSON object");
      }
      return value;
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(describe(e), e);
    }
  }

  private static final Map<String, String> TYPE_WORDS =
      Map.ofEntries(
          Map.entry("java.lang.Long", "an integer"),
          Map.entry("long", "an integer"),
          Map.entry("java.lang.Integer", "an integer"),
          Map.entry("int", "an integer"),
          Map.entry("java.lang.Boolean", "true or false"),
          Map.entry("boolean", "true or false"),
          Map.entry("java.lang.String", "a string"));

  /**
   * A sentence for a body that did not map: which field, and what it needed. No Java or Jackson
   * class names reach the client.
   */
  public static String describe(JsonProcessingException e) {
    String where = where(e);
    if (e instanceof UnrecognizedPropertyException u) {
      return "unknown field \"" + u.getPropertyName() + "\"";
    }
    if (e instanceof JsonParseException p) {
      return "not valid JSON"
          + (p.getLocation() == null
              ? ""
              : " at line "
                  + p.getLocation().getLineNr()
                  + ", column "
                  + p.getLocation().getColumnNr());
    }
    if (e.getCause() instanceof IllegalArgumentException iae) {
      return where + iae.getMessage();
    }
    if (e instanceof InvalidFormatException f) {
      return where + "'" + f.getValue() + "' is not " + word(f.getTargetType());
    }
    if (e instanceof MismatchedInputException m) {
      String message = m.getOriginalMessage();
      if (message != null && message.startsWith("needs ")) {
        return where + message;
      }
      if (message != null && message.contains("Trailing token")) {
        return "unexpected content after the JSON value";
      }
      if (m.getPath().isEmpty()) {
        return "the body must be a JSON object";
      }
      return where + "needs " + word(m.getTargetType());
    }
    String message = e.getOriginalMessage();
    return where + (message == null ? "cannot be read" : message.replaceAll("`[^`]*`", "a value"));
  }

  private static String where(JsonProcessingException e) {
    if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
      StringBuilder sb = new StringBuilder("field \"");
      for (int i = 0; i < m.getPath().size(); i++) {
        JsonMappingException.Reference r = m.getPath().get(i);
        if (r.getFieldName() != null) {
          sb.append(i == 0 ? "" : ".").append(r.getFieldName());
        } else if (r.getIndex() >= 0) {
          sb.append('[').append(r.getIndex()).append(']');
        }
      }
      return sb.append("\": ").toString();
    }
    return "";
  }

  private static String word(Class<?> type) {
    if (type == null) {
      return "a value of another kind";
    }
    if (type.isEnum()) {
      return "one of its names";
    }
    return TYPE_WORDS.getOrDefault(type.getName(), "a value of another kind");
  }
}
