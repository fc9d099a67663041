package org.spectrumledger.network.admin;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.spectrumledger.ledger.Address;
import org.spectrumledger.ledger.LedgerUnavailableException;
import org.spectrumledger.network.auth.RpcJwtKey;

/**
 * Besu's administrative JSON-RPC, authenticated: each call carries a fresh token signed by the
 * network's {@link RpcJwtKey}, allowing that one method for a few minutes and nothing else, so a
 * token seen in a log or a proxy cannot be replayed for anything else.
 *
 * <p>Failures are told apart as the CLI's exit codes need: a node that cannot be reached is a
 * {@link LedgerUnavailableException}, a node that refuses the token a {@link AuthRefused} (bad
 * input: the wrong key), a JSON-RPC error a {@link RpcError}.
 */
public final class NodeRpc {

  /** How long each call's token is valid. */
  static final Duration TOKEN_LIFETIME = Duration.ofMinutes(5);

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http;
  private final RpcJwtKey key;
  private final Duration timeout;
  private final Clock clock;
  private final AtomicLong ids = new AtomicLong();

  /** A node to call: its name (for messages) and its JSON-RPC URL. */
  public record Target(String name, URI url) {}

  /** A node refused the request's token (HTTP 401 or 403, or Besu's unauthorised error). */
  public static final class AuthRefused extends IllegalArgumentException {
    AuthRefused(String message) {
      super(message);
    }
  }

  /** A node answered the call with a JSON-RPC error. */
  public static final class RpcError extends RuntimeException {
    private final long code;

    RpcError(String message, long code) {
      super(message);
      this.code = code;
    }

    public long code() {
      return code;
    }
  }

  private record Request(String jsonrpc, long id, String method, List<Object> params) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  private record Response(String jsonrpc, long id, JsonNode result, ErrorBody error) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  private record ErrorBody(long code, String message) {}

  public NodeRpc(RpcJwtKey key, Duration timeout, Clock clock) {
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    this.key = key;
    this.timeout = timeout;
    this.clock = clock;
  }

  /** Calls {@code method} on {@code node}; returns its {@code result}. */
  public JsonNode call(Target node, String method, List<Object> params) {
    Instant now = clock.instant();
    String token =
        key.token(List.of(RpcJwtKey.permissionFor(method)), now, now.plus(TOKEN_LIFETIME));
    String body;
    try {
      body = JSON.writeValueAsString(new Request("2.0", ids.incrementAndGet(), method, params));
    } catch (IOException e) {
      throw new IllegalStateException("a JSON-RPC request always serialises", e);
    }
    HttpResponse<String> response;
    try {
      response =
          http.send(
              HttpRequest.newBuilder(node.url())
                  .timeout(timeout)
                  .header("Content-Type", "application/json")
                  .header("Authorization", "Bearer " + token)
                  .POST(HttpRequest.BodyPublishers.ofString(body))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new LedgerUnavailableException(
          node.name() + " at " + node.url() + " is unreachable (" + describe(e) + ")", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LedgerUnavailableException("interrupted while calling " + node.name(), e);
    }
    if (response.statusCode() == 401 || response.statusCode() == 403) {
      throw refused(node, response.statusCode());
    }
    if (response.statusCode() != 200) {
      throw new RpcError(
          node.name() + " answered " + method + " with HTTP " + response.statusCode(),
          response.statusCode());
    }
    Response r;
    try {
      r = JSON.readValue(response.body(), Response.class);
    } catch (IOException e) {
      throw new RpcError(node.name() + " sent a reply to " + method + " that is not JSON-RPC", -1);
    }
    if (r.error() != null) {
      // Besu's code for a token it does not accept
      if (r.error().code() == -40100) {
        throw refused(node, 401);
      }
      throw new RpcError(
          node.name()
              + " refused "
              + method
              + ": "
              + r.error().message()
              + " ("
              + r.error().code()
              + ")",
          r.error().code());
    }
    return r.result() == null ? NullNode.getInstance() : r.result();
  }

  private static AuthRefused refused(Target node, int status) {
    return new AuthRefused(
        node.name()
            + " at "
            + node.url()
            + " refused the token (HTTP "
            + status
            + "): --jwt-key must be the private half of the rpc-jwt-public.pem the node holds");
  }

  private static String describe(IOException e) {
    return org.spectrumledger.ledger.io.ConnectionReasons.of(e);
  }

  /** {@code eth_blockNumber}. */
  public long blockNumber(Target node) {
    return quantity(call(node, "eth_blockNumber", List.of()));
  }

  /** {@code net_peerCount}. */
  public long peerCount(Target node) {
    return quantity(call(node, "net_peerCount", List.of()));
  }

  /** {@code qbft_getValidatorsByBlockNumber("latest")}. */
  public List<Address> validators(Target node) {
    JsonNode result = call(node, "qbft_getValidatorsByBlockNumber", List.of("latest"));
    List<Address> out = new ArrayList<>();
    result.forEach(a -> out.add(Address.of(a.asText())));
    return out;
  }

  /** {@code qbft_proposeValidatorVote(address, add)}: the node's vote goes into its next block. */
  public void proposeValidatorVote(Target node, Address validator, boolean add) {
    expectTrue(node, "qbft_proposeValidatorVote", List.of(validator.hex(), add));
  }

  /** {@code qbft_discardValidatorVote(address)}: withdraws the node's pending vote. */
  public void discardValidatorVote(Target node, Address validator) {
    expectTrue(node, "qbft_discardValidatorVote", List.of(validator.hex()));
  }

  /** {@code perm_reloadPermissionsFromFile}: re-reads the node's allowlists. */
  public void reloadPermissions(Target node) {
    JsonNode r = call(node, "perm_reloadPermissionsFromFile", List.of());
    if (!r.isNull() && !r.asText().equals("Success") && !r.asBoolean(false)) {
      throw new RpcError(node.name() + " did not reload its allowlists: " + r, -1);
    }
  }

  private void expectTrue(Target node, String method, List<Object> params) {
    JsonNode r = call(node, method, params);
    if (!r.asBoolean(false)) {
      throw new RpcError(node.name() + " answered " + method + " with " + r, -1);
    }
  }

  private static long quantity(JsonNode hex) {
    String s = hex.asText();
    if (!s.startsWith("0x")) {
      throw new RpcError("not a JSON-RPC quantity: " + hex, -1);
    }
    return Long.parseLong(s.substring(2), 16);
  }
}
