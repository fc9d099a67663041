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
import com.fasterxml.jackson.databind.ObjectReader;
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
 * The one JSON mapper of the broker's wire contract: strict on the way in (a number where a string
 * belongs, a fraction where an integer belongs, trailing garbage are errors, and so is an unknown
 * field in what the broker takes, {@link #read}: a request with a misspelt field is refused, not
 * half read), plain on the way out. A client reading the broker's answers ({@link #readResponse})
 * skips a field it does not know instead: a later broker may add one to an answer, and every older
 * client must still read it. A 64-bit integer is written as a decimal string (JavaScript's numbers
 * stop being exact at 2^53) and read from a decimal string or a JSON number; the unsigned fields of
 * an order ({@link Uint64}: nonce, validUntil) take the contract's whole uint64 range. Addresses
 * and hashes are 0x hex strings, sides {@code bid}/{@code ask}, markets {@code
 * band/cell/start-end}. {@link #describe} turns a mapping failure into a sentence that names the
 * field and what it needed, never a Java class.
 */
public final class WireJson {

  /** The mapper every side of the API reads and writes with. */
  public static final ObjectMapper MAPPER = build();

  /**
   * {@link #MAPPER} for what a client reads: the same rules, but a field it does not know skipped.
   */
  private static final ObjectReader RESPONSES =
      MAPPER.reader().without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

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
    types.addSerializer(Long.class, toText(v -> Long.toString(v)));
    types.addSerializer(Long.TYPE, toText(v -> Long.toString(v)));
    types.addDeserializer(Long.class, new Int64(false));
    types.addDeserializer(Long.TYPE, new Int64(true));
    types.addDeserializer(Bytes32.class, fromText("a hash (0x and 64 hex digits)", Bytes32::of));
    // Buffers are pooled per mapper rather than per thread: the broker serves each request on a
    // new virtual thread, where the default thread-local pool would allocate them every time.
    JsonFactory factory =
        JsonFactory.builder()
            .recyclerPool(JsonRecyclerPools.newConcurrentDequePool())
            // a field given twice is refused, not read as its last value: two readers of one
            // body must not see two different orders
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
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
              p,
              "needs "
                  + what
                  + "; '"
                  + text
                  + "' is not one"
                  + (e.getMessage() == null || e.getMessage().startsWith("not ")
                      ? ""
                      : ": " + e.getMessage()));
        }
      }
    };
  }

  /** Reads a signed 64-bit integer from a JSON integer or a decimal string. */
  private static final class Int64 extends JsonDeserializer<Long> {
    private final boolean primitive;

    Int64(boolean primitive) {
      this.primitive = primitive;
    }

    @Override
    public Long deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      String text = integerText(p);
      try {
        return Long.parseLong(text);
      } catch (NumberFormatException e) {
        throw JsonMappingException.from(
            p,
            "needs an integer from " + Long.MIN_VALUE + " to " + Long.MAX_VALUE + "; got " + text);
      }
    }

    @Override
    public Long getNullValue(DeserializationContext ctxt) throws JsonMappingException {
      if (primitive) {
        throw JsonMappingException.from(ctxt, "needs an integer, not null");
      }
      return null;
    }
  }

  /**
   * The digits of a JSON integer or of a decimal string; anything else (a fraction, a boolean, a
   * string of other characters) is refused with a sentence.
   */
  static String integerText(JsonParser p) throws IOException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_NUMBER_INT) {
      return p.getText();
    }
    if (t == JsonToken.VALUE_STRING) {
      String text = p.getText();
      if (isDecimal(text)) {
        return text;
      }
      throw JsonMappingException.from(
          p, "needs an integer (a JSON number or a decimal string); '" + text + "' is not one");
    }
    throw JsonMappingException.from(p, "needs an integer (a JSON number or a decimal string)");
  }

  /** An optional minus sign and 1 to 80 decimal digits (no regex: it runs on every field). */
  private static boolean isDecimal(String text) {
    int start = text.startsWith("-") ? 1 : 0;
    int n = text.length() - start;
    if (n < 1 || n > 80) {
      return false;
    }
    for (int i = start; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  /**
   * An unsigned 64-bit field of an order (its nonce, its validUntil): read over the whole uint64
   * range from a JSON integer or a decimal string, kept in a {@code long} as its two's-complement
   * bits (compare with {@link Long#compareUnsigned}), written back as the unsigned decimal string.
   */
  public static final class Uint64 extends JsonDeserializer<Long> {
    private static final java.math.BigInteger MAX =
        java.math.BigInteger.ONE.shiftLeft(64).subtract(java.math.BigInteger.ONE);

    @Override
    public Long deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      String text = integerText(p);
      java.math.BigInteger v = new java.math.BigInteger(text);
      if (v.signum() < 0 || v.compareTo(MAX) > 0) {
        throw JsonMappingException.from(p, "needs an integer from 0 to " + MAX + "; got " + text);
      }
      return v.longValue();
    }

    /** Writes the unsigned decimal form. */
    public static final class Writer extends JsonSerializer<Long> {
      @Override
      public void serialize(Long value, JsonGenerator gen, SerializerProvider provider)
          throws IOException {
        gen.writeString(Long.toUnsignedString(value));
      }
    }
  }

  /** An unsigned 128-bit integer (a limit price) from a JSON integer or a decimal string. */
  public static final class Uint128 extends JsonDeserializer<java.math.BigInteger> {
    @Override
    public java.math.BigInteger deserialize(JsonParser p, DeserializationContext ctxt)
        throws IOException {
      String text = integerText(p);
      java.math.BigInteger v = new java.math.BigInteger(text);
      if (v.signum() < 0 || v.bitLength() > 128) {
        throw JsonMappingException.from(p, "needs an integer from 0 to 2^128 - 1; got " + text);
      }
      return v;
    }
  }

  /** Writes a big integer as its decimal string. */
  public static final class Decimal extends JsonSerializer<java.math.BigInteger> {
    @Override
    public void serialize(
        java.math.BigInteger value, JsonGenerator gen, SerializerProvider provider)
        throws IOException {
      gen.writeString(value.toString());
    }
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

  /**
   * {@code json} read as {@code type}, strictly: what the broker receives (a request body) and what
   * a side reads back from its own store. A bad body, an unknown field included, is an {@link
   * IllegalArgumentException}.
   */
  public static <T> T read(String json, Class<T> type) {
    return read(json, type, false);
  }

  /**
   * {@code json}, an answer of the broker, read as {@code type} by a client: as {@link #read}, but
   * a field {@code type} does not have is skipped (a broker newer than the client may have added
   * it).
   */
  public static <T> T readResponse(String json, Class<T> type) {
    return read(json, type, true);
  }

  private static <T> T read(String json, Class<T> type, boolean response) {
    if (json == null || json.isBlank()) {
      throw new IllegalArgumentException("the body is empty; send a JSON object");
    }
    try {
      T value =
          response ? RESPONSES.forType(type).<T>readValue(json) : MAPPER.readValue(json, type);
      if (value == null) {
        throw new IllegalArgumentException("the body is null; send a JSON object");
      }
      if (response) {
        // skipping unknown fields must not turn any JSON object into an answer of nulls
        requireFields(value, "");
      }
      return value;
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(describe(e), e);
    }
  }

  /**
   * Refuses an answer that lacks a field its record does not mark {@link Nullable}, at any depth:
   * what the OpenAPI document requires of it. A body from something other than the broker that
   * happens to be a JSON object is not read as an answer of nulls.
   */
  private static void requireFields(Object value, String path) {
    if (value instanceof java.util.Collection<?> items) {
      int i = 0;
      for (Object item : items) {
        requireFields(item, path + "[" + i++ + "]");
      }
      return;
    }
    if (value == null || !value.getClass().isRecord()) {
      return;
    }
    for (java.lang.reflect.RecordComponent c : value.getClass().getRecordComponents()) {
      Object field;
      try {
        field = c.getAccessor().invoke(value);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("reading " + c, e);
      }
      String name = path.isEmpty() ? c.getName() : path + "." + c.getName();
      if (field == null && !c.isAnnotationPresent(Nullable.class)) {
        throw new IllegalArgumentException("the answer has no '" + name + "'");
      }
      requireFields(field, name);
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
    if (e instanceof JsonParseException p
        && p.getOriginalMessage() != null
        && p.getOriginalMessage().startsWith("Duplicate field '")) {
      String m = p.getOriginalMessage();
      int end = m.indexOf('\'', "Duplicate field '".length());
      return "field \""
          + m.substring("Duplicate field '".length(), end < 0 ? m.length() : end)
          + "\" is given twice";
    }
    if (e instanceof com.fasterxml.jackson.core.exc.StreamConstraintsException c) {
      // "Document nesting depth (1001) exceeds the maximum allowed (1000, from
      // `StreamReadConstraints.getMaxNestingDepth()`)": the limit, without the method behind it
      String m = c.getOriginalMessage() == null ? "" : c.getOriginalMessage();
      int from = m.indexOf(", from `");
      String limit = from < 0 ? m.replaceAll("`[^`]*`", "") : m.substring(0, from) + ")";
      return "the body is beyond what the broker reads: "
          + (limit.isEmpty() ? limit : Character.toLowerCase(limit.charAt(0)) + limit.substring(1));
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
