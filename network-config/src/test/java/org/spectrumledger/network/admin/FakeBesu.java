package org.spectrumledger.network.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;
import org.spectrumledger.network.auth.Jwt;
import org.spectrumledger.network.node.BesuNodeConfig;

/**
 * One Besu node's JSON-RPC, in process: it checks each request's bearer token as Besu does (RS256
 * signature by the key in the node directory's {@code rpc-jwt-public.pem}, not expired, the method
 * among its permissions), records every request it gets, and answers from {@link #answers}.
 */
final class FakeBesu implements AutoCloseable {

  /** One request as the node received it. */
  record Call(String node, String method, JsonNode params, String authorization) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String name;
  private final RSAPublicKey trusted;
  private final HttpServer server;
  private final List<Call> calls;
  private final Function<Call, JsonNode> answers;

  /**
   * @param calls where every node of a test records its calls, in arrival order
   * @param answers the result for a call (null: a JSON-RPC "method not enabled" error)
   */
  FakeBesu(String name, Path nodeDir, List<Call> calls, Function<Call, JsonNode> answers)
      throws Exception {
    this.name = name;
    this.trusted = Jwt.publicKey(nodeDir.resolve(BesuNodeConfig.JWT_PUBLIC_KEY_FILE));
    this.calls = calls;
    this.answers = answers;
    this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
    server.createContext("/", this::handle);
    server.start();
  }

  static List<Call> newCallLog() {
    return Collections.synchronizedList(new ArrayList<>());
  }

  int port() {
    return server.getAddress().getPort();
  }

  private void handle(HttpExchange ex) throws IOException {
    JsonNode request = JSON.readTree(ex.getRequestBody());
    String method = request.path("method").asText();
    String auth = ex.getRequestHeaders().getFirst("Authorization");
    Call call = new Call(name, method, request.path("params"), auth);
    calls.add(call);
    if (!authorised(auth, method)) {
      send(ex, 401, "Unauthorized");
      return;
    }
    ObjectNode reply = JSON.createObjectNode().put("jsonrpc", "2.0");
    reply.set("id", request.path("id"));
    JsonNode result = answers.apply(call);
    if (result == null) {
      reply.putObject("error").put("code", -32604).put("message", "Method not enabled");
    } else {
      reply.set("result", result);
    }
    send(ex, 200, reply.toString());
  }

  private boolean authorised(String header, String method) {
    if (header == null || !header.startsWith("Bearer ")) {
      return false;
    }
    JsonNode payload = Jwt.verifiedPayload(header.substring("Bearer ".length()), trusted);
    if (payload == null || payload.path("exp").asLong() <= Instant.now().getEpochSecond()) {
      return false;
    }
    String needed = method.replaceFirst("_", ":");
    String namespace = needed.substring(0, needed.indexOf(':'));
    for (JsonNode p : payload.path("permissions")) {
      String granted = p.asText();
      if (granted.equals(needed) || granted.equals(namespace + ":*") || granted.equals("*:*")) {
        return true;
      }
    }
    return false;
  }

  private static void send(HttpExchange ex, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  private boolean closed;

  @Override
  public synchronized void close() {
    if (!closed) {
      closed = true;
      server.stop(0);
    }
  }
}
