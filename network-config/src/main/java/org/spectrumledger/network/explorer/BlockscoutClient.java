package org.spectrumledger.network.explorer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spectrumledger.ledger.Address;

/**
 * Blockscout's contract verification API (v2): submits a standard-JSON input as {@code
 * multipart/form-data} to {@code /api/v2/smart-contracts/{address}/verification/via/standard-input}
 * and reads {@code /api/v2/smart-contracts/{address}} to see whether a contract is verified.
 * Blockscout verifies in the background; the submission only queues it.
 */
public final class BlockscoutClient {

  private static final Logger LOG = LoggerFactory.getLogger(BlockscoutClient.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI base;
  private final HttpClient http;
  private final Duration timeout;

  /**
   * @param base the explorer's API root, e.g. {@code http://localhost:4000}
   */
  public BlockscoutClient(URI base, Duration timeout) {
    String s = base.toString();
    if (!s.startsWith("http://") && !s.startsWith("https://")) {
      throw new IllegalArgumentException("--explorer must be an http(s) URL: " + base);
    }
    this.base = URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  /** Submits one contract; returns Blockscout's message ("Smart-contract verification started"). */
  public String submit(VerificationEntry entry, byte[] standardInput) {
    String boundary = "spectrum-" + HexFormat.of().formatHex(randomBytes());
    Multipart body = new Multipart(boundary);
    body.field("compiler_version", entry.compilerVersion());
    body.field("contract_name", entry.contract());
    body.field("autodetect_constructor_args", "false");
    body.field("constructor_args", entry.constructorArguments());
    body.field("license_type", entry.licenseType());
    body.file("files[0]", "standard-input.json", "application/json", standardInput);
    URI uri =
        URI.create(
            base
                + "/api/v2/smart-contracts/"
                + entry.address().hex()
                + "/verification/via/standard-input");
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .timeout(timeout)
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body.finish()))
            .build();
    HttpResponse<String> response = send(request);
    String message = message(response.body());
    if (response.statusCode() / 100 != 2) {
      throw new ExplorerException(
          "Blockscout refused "
              + entry.contract()
              + " at "
              + entry.address()
              + ": HTTP "
              + response.statusCode()
              + (message.isEmpty() ? "" : ": " + message));
    }
    LOG.info("submitted {} at {} to {}: {}", entry.contract(), entry.address(), base, message);
    return message;
  }

  /** Whether Blockscout shows the contract at {@code address} as verified. */
  public boolean isVerified(Address address) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(base + "/api/v2/smart-contracts/" + address.hex()))
            .timeout(timeout)
            .header("Accept", "application/json")
            .GET()
            .build();
    HttpResponse<String> response = send(request);
    if (response.statusCode() == 404) {
      return false;
    }
    if (response.statusCode() / 100 != 2) {
      throw new ExplorerException(
          "Blockscout answered HTTP " + response.statusCode() + " for contract " + address);
    }
    try {
      JsonNode node = JSON.readTree(response.body());
      return node.path("is_verified").asBoolean(false)
          || node.path("is_fully_verified").asBoolean(false);
    } catch (IOException e) {
      throw new ExplorerException("Blockscout's answer for " + address + " is not JSON", e);
    }
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new ExplorerException.Unreachable(
          "Blockscout at "
              + base
              + " is unreachable: "
              + org.spectrumledger.ledger.io.ConnectionReasons.of(e),
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ExplorerException("interrupted while talking to Blockscout", e);
    }
  }

  private static String message(String body) {
    try {
      JsonNode node = JSON.readTree(body);
      if (node != null && node.has("message")) {
        return node.get("message").asText();
      }
    } catch (IOException e) {
      // not JSON: report the text itself
    }
    String s = body == null ? "" : body.strip();
    return s.length() > 300 ? s.substring(0, 300) + "…" : s;
  }

  private static byte[] randomBytes() {
    byte[] b = new byte[12];
    new SecureRandom().nextBytes(b);
    return b;
  }

  /** A multipart/form-data body (RFC 7578). */
  static final class Multipart {
    private final String boundary;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    Multipart(String boundary) {
      this.boundary = boundary;
    }

    void field(String name, String value) {
      text("--" + boundary + "\r\n");
      text("Content-Disposition: form-data; name=\"" + name + "\"\r\n\r\n");
      text(value + "\r\n");
    }

    void file(String name, String filename, String contentType, byte[] content) {
      text("--" + boundary + "\r\n");
      text(
          "Content-Disposition: form-data; name=\""
              + name
              + "\"; filename=\""
              + filename
              + "\"\r\n");
      text("Content-Type: " + contentType + "\r\n\r\n");
      out.writeBytes(content);
      text("\r\n");
    }

    byte[] finish() {
      text("--" + boundary + "--\r\n");
      return out.toByteArray();
    }

    private void text(String s) {
      out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
    }
  }
}
