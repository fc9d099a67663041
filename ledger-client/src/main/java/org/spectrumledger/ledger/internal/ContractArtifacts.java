package org.spectrumledger.ledger.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The compiled contracts the {@code contracts} jar carries: ABI, creation bytecode, metadata and
 * the standard-JSON input that verifies them in an explorer.
 */
public final class ContractArtifacts {

  /** The contracts a deployment creates. */
  public static final List<String> DEPLOYABLE =
      List.of("SettlementToken", "SpectrumPolicy", "SpectrumExchange", "BrokerCourt");

  private static final String ROOT = "org/spectrumledger/contracts/";
  private static final ObjectMapper JSON = new ObjectMapper();

  private ContractArtifacts() {}

  /** The ABI of {@code contract} as JSON. */
  public static JsonNode abi(String contract) {
    return json(contract + ".abi");
  }

  /** The creation bytecode of {@code contract}, 0x-prefixed. */
  public static String bytecode(String contract) {
    return "0x" + text(contract + ".bin").strip();
  }

  /**
   * The standard-JSON input the contracts without settings of their own were compiled from, with
   * all sources inlined.
   */
  public static String standardJsonInput() {
    return text("standard-input.json");
  }

  /**
   * The standard-JSON input {@code contract} was compiled from: its own when the build gave it
   * settings of its own (the build info names the file), the shared one otherwise.
   */
  public static String standardJsonInput(String contract) {
    String own = buildInfo().path("contracts").path(contract).path("standardInput").asText("");
    return own.isEmpty() ? standardJsonInput() : text(own);
  }

  /** The compiler version and settings, and each contract's source unit. */
  public static JsonNode buildInfo() {
    return json("build-info.json");
  }

  private static JsonNode json(String name) {
    try {
      return JSON.readTree(text(name));
    } catch (IOException e) {
      throw new UncheckedIOException("malformed contract artifact " + name, e);
    }
  }

  static String text(String name) {
    try (InputStream in =
        ContractArtifacts.class.getClassLoader().getResourceAsStream(ROOT + name)) {
      if (in == null) {
        throw new IllegalStateException(
            "contract artifact "
                + ROOT
                + name
                + " is not on the classpath: build the contracts module");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read contract artifact " + name, e);
    }
  }
}
