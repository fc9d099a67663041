package org.spectrumledger.broker.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;

/**
 * The broker's JSON: strict on the way in (unknown fields, missing primitives, a string where a
 * number belongs, trailing garbage are all errors), plain on the way out.
 */
public final class Json {

  public static final ObjectMapper MAPPER = strict();

  private Json() {}

  private static ObjectMapper strict() {
    JsonMapper m =
        JsonMapper.builder()
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

  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
    }
  }
}
