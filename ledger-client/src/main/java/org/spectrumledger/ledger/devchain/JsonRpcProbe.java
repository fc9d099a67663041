package org.spectrumledger.ledger.devchain;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Minimal JSON-RPC calls a fixture needs before any client exists. */
final class JsonRpcProbe {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final Pattern RESULT = Pattern.compile("\"result\"\\s*:\\s*\"(0x[0-9a-fA-F]+)\"");

  private JsonRpcProbe() {}

  private static final Pattern TIMESTAMP =
      Pattern.compile("\"timestamp\"\\s*:\\s*\"(0x[0-9a-fA-F]+)\"");

  static long chainId(String url) {
    return hex(call(url, "eth_chainId", "[]", RESULT));
  }

  /** The timestamp of the node's latest block (unix seconds). */
  static long latestBlockTimestamp(String url) {
    return hex(call(url, "eth_getBlockByNumber", "[\"latest\",false]", TIMESTAMP));
  }

  private static long hex(String value) {
    return Long.parseLong(value.substring(2), 16);
  }

  /** Calls {@code method}; returns the first group of {@code answer} in the reply. */
  private static String call(String url, String method, String params, Pattern answer) {
    String body = rpc(url, method, params);
    Matcher m = answer.matcher(body);
    if (!m.find()) {
      throw new DevChainException("node at " + url + " did not answer " + method + ": " + body);
    }
    return m.group(1);
  }

  /** Calls {@code method} with the JSON array {@code params}; returns the reply's body. */
  static String rpc(String url, String method, String params) {
    String body =
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method + "\",\"params\":" + params + "}";
    try {
      HttpResponse<String> response =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(url))
                  .timeout(Duration.ofSeconds(10))
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(body))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200 || response.body().contains("\"error\"")) {
        throw new DevChainException(
            "node at " + url + " refused " + method + ": " + response.body());
      }
      return response.body();
    } catch (IOException e) {
      throw new DevChainException("node at " + url + " is unreachable: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DevChainException("interrupted while asking " + url + " for " + method, e);
    } catch (IllegalArgumentException e) {
      throw new DevChainException("not a JSON-RPC URL: " + url, e);
    }
  }
}
