package org.spectrumledger.operator.market;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.spectrumledger.ledger.Address;
import org.spectrumledger.ledger.CellId;
import org.spectrumledger.ledger.Order;
import org.spectrumledger.ledger.Side;
import org.spectrumledger.ledger.Signature;
import org.spectrumledger.ledger.SignedOrder;

/** The operator's side of the broker's HTTP API (v1). */
public final class BrokerClient {

  /** The broker answered with a problem (4xx or 5xx). */
  public static final class BrokerRefusal extends RuntimeException {
    private final int status;
    private final String reason;

    BrokerRefusal(int status, String reason, String detail) {
      super("broker refused (" + status + " " + reason + "): " + detail);
      this.status = status;
      this.reason = reason;
    }

    public int status() {
      return status;
    }

    /** The problem's reason slug, e.g. {@code insufficient-escrow}. */
    public String reason() {
      return reason;
    }
  }

  /** The broker cannot be reached. */
  public static final class BrokerUnavailable extends RuntimeException {
    BrokerUnavailable(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI base;
  private final HttpClient http;

  public BrokerClient(String baseUrl) {
    try {
      this.base = URI.create(baseUrl.endsWith("/") ? baseUrl : baseUrl + "/");
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not a broker URL: " + baseUrl, e);
    }
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  }

  /** Submits a signed order; returns the broker's answer (orderHash, status, fills). */
  public JsonNode submit(SignedOrder signed) {
    Order o = signed.order();
    ObjectNode body = JSON.createObjectNode();
    body.put("maker", o.maker().hex());
    body.put("side", o.side() == Side.BID ? "bid" : "ask");
    body.put("band", o.market().band());
    body.put("cell", new CellId(o.market().cell()).toString());
    body.put("slotStart", o.market().slotStart());
    body.put("slotEnd", o.market().slotEnd());
    body.put("quantity", o.quantity());
    body.put("limitPrice", o.limitPrice());
    body.put("nonce", o.nonce());
    body.put("validUntil", o.validUntil());
    body.put("partialFill", o.partialFill());
    body.put("signature", signed.signature().toHex());
    return post("v1/orders", body);
  }

  /** Sends a signed cancel of order {@code nonce}. */
  public JsonNode cancel(Address maker, long nonce, Signature signature) {
    ObjectNode body = JSON.createObjectNode();
    body.put("maker", maker.hex());
    body.put("nonce", nonce);
    body.put("signature", signature.toHex());
    return post("v1/cancels", body);
  }

  public JsonNode order(String orderHash) {
    return get("v1/orders/" + orderHash);
  }

  public JsonNode orders(Address maker, int limit) {
    return get("v1/orders?maker=" + maker.hex() + "&limit=" + limit);
  }

  public JsonNode trades(Address maker, int limit) {
    return get("v1/trades?maker=" + maker.hex() + "&limit=" + limit);
  }

  private JsonNode get(String path) {
    return send(
        HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10)).GET().build());
  }

  private JsonNode post(String path, JsonNode body) {
    return send(
        HttpRequest.newBuilder(base.resolve(path))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
            .build());
  }

  private JsonNode send(HttpRequest req) {
    try {
      HttpResponse<String> res = http.send(req, HttpResponse.BodyHandlers.ofString());
      JsonNode json = res.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(res.body());
      if (res.statusCode() >= 400) {
        throw new BrokerRefusal(
            res.statusCode(),
            json.path("reason").asText("error"),
            json.path("detail").asText(res.body()));
      }
      return json;
    } catch (IOException e) {
      throw unavailable(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BrokerUnavailable("interrupted while talking to the broker", e);
    }
  }

  private BrokerUnavailable unavailable(IOException e) {
    String why =
        e instanceof ConnectException ? "connection refused" : String.valueOf(e.getMessage());
    return new BrokerUnavailable("the broker at " + base + " is unreachable: " + why, e);
  }
}
