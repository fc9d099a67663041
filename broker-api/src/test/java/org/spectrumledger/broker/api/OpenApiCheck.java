package org.spectrumledger.broker.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Checks an HTTP answer against the broker's OpenAPI document: the path and method are documented,
 * the status is one the operation declares, the content type is the declared one, and a JSON body
 * validates against the declared schema (JSON Schema 2020-12, as OpenAPI 3.1 uses). Every module's
 * tests that talk to a broker run each answer through it.
 */
public final class OpenApiCheck {

  private static final ObjectNode DOC = OpenApi.document();
  private static final SchemaRegistry REGISTRY =
      SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
  private static final Map<String, Schema> SCHEMAS = new ConcurrentHashMap<>();

  private OpenApiCheck() {}

  /**
   * Fails (with {@link AssertionError}) unless the answer conforms. {@code path} is the raw request
   * path without the query; {@code body} the raw response body.
   */
  public static void assertConforms(
      String method, String path, int status, String contentType, String body) {
    JsonNode pathItem = pathItem(path);
    JsonNode operation = pathItem.path(method.toLowerCase(Locale.ROOT));
    if (pathItem.isMissingNode() || operation.isMissingNode()) {
      // an undocumented path is a 404 problem, an undocumented method a 405 one; either may be
      // refused before it is routed, as any request may (a URI the broker cannot read, a body, a
      // URI
      // or headers over the limits, an overloaded broker)
      int expected = pathItem.isMissingNode() ? 404 : 405;
      if (status != expected && !BEFORE_ROUTING.contains(status)) {
        throw new AssertionError(
            method + " " + path + " is not in the API, yet answered " + status + ": " + body);
      }
      check(method, path, status, contentType, body, "application/problem+json", PROBLEM);
      return;
    }
    JsonNode response = operation.path("responses").path(Integer.toString(status));
    if (response.isMissingNode()) {
      throw new AssertionError(
          method
              + " "
              + path
              + " answered "
              + status
              + ", which the API does not document: "
              + body);
    }
    JsonNode content = response.path("content");
    String mediaType = mediaType(contentType);
    JsonNode declared = content.path(mediaType);
    if (declared.isMissingNode()) {
      List<String> names = new ArrayList<>();
      content.fieldNames().forEachRemaining(names::add);
      throw new AssertionError(
          method
              + " "
              + path
              + " "
              + status
              + " answered "
              + contentType
              + ", documented "
              + names);
    }
    if (mediaType.endsWith("json")) {
      check(method, path, status, contentType, body, mediaType, declared.path("schema"));
    }
  }

  /** What any request may be answered before it reaches a route (its path or method unknown). */
  private static final java.util.Set<Integer> BEFORE_ROUTING =
      java.util.Set.of(400, 413, 414, 431, 503);

  private static final JsonNode PROBLEM =
      WireJson.MAPPER.createObjectNode().put("$ref", "#/components/schemas/Problem");

  private static String mediaType(String contentType) {
    return contentType == null ? "" : contentType.split(";")[0].strip().toLowerCase(Locale.ROOT);
  }

  private static void check(
      String method,
      String path,
      int status,
      String contentType,
      String body,
      String expectedType,
      JsonNode schemaNode) {
    if (!mediaType(contentType).equals(expectedType)) {
      throw new AssertionError(
          method
              + " "
              + path
              + " "
              + status
              + " answered "
              + contentType
              + ", not "
              + expectedType);
    }
    JsonNode json;
    try {
      json = WireJson.MAPPER.readTree(body);
    } catch (Exception e) {
      throw new AssertionError(method + " " + path + " " + status + ": not JSON: " + body, e);
    }
    Schema schema = SCHEMAS.computeIfAbsent(schemaNode.toString(), OpenApiCheck::compile);
    List<Error> errors = schema.validate(json);
    if (!errors.isEmpty()) {
      throw new AssertionError(
          method
              + " "
              + path
              + " "
              + status
              + " does not match the API: "
              + errors
              + "\nbody: "
              + body);
    }
  }

  private static Schema compile(String declared) {
    try {
      ObjectNode root = (ObjectNode) WireJson.MAPPER.readTree(declared);
      root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
      root.set("components", DOC.get("components"));
      return REGISTRY.getSchema(root);
    } catch (Exception e) {
      throw new IllegalStateException("the API's schema does not compile: " + declared, e);
    }
  }

  private static JsonNode pathItem(String path) {
    Iterator<Map.Entry<String, JsonNode>> it = DOC.path("paths").fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      if (template(e.getKey()).matcher(path).matches()) {
        return e.getValue();
      }
    }
    return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
  }

  private static Pattern template(String path) {
    return Pattern.compile(Pattern.quote(path).replaceAll("\\{[^}]+}", "\\\\E[^/]+\\\\Q"));
  }
}
