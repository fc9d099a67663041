package org.spectrumledger.ledger;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.spectrumledger.ledger.io.AtomicFiles;

/**
 * The deployment record every node loads: which chain, where each contract is, when and how it was
 * deployed, and the compiler that built it.
 *
 * @param chainId the chain id
 * @param contracts each contract by name ({@code SettlementToken}, {@code SpectrumPolicy}, {@code
 *     SpectrumExchange})
 * @param deploymentBlock the first block of the deployment (event streams start here)
 * @param admin the account that deployed it and holds the admin role
 * @param settlementWindowSeconds the exchange's settlement window: seconds from an on-chain
 *     cancellation or withdrawal request to its effect
 * @param compiler the compiler version and settings
 * @param deployedAt ISO-8601 time of the deployment
 */
public record Deployment(
    long chainId,
    Map<String, DeployedContract> contracts,
    long deploymentBlock,
    Address admin,
    long settlementWindowSeconds,
    JsonNode compiler,
    String deployedAt) {

  /**
   * One deployed contract.
   *
   * @param address where it is
   * @param txHash the transaction that created it
   * @param block the block of that transaction
   * @param constructorArguments the ABI-encoded constructor arguments (for explorer verification)
   */
  public record DeployedContract(
      Address address, Bytes32 txHash, long block, String constructorArguments) {}

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

  public Deployment {
    if (chainId <= 0) {
      throw new IllegalArgumentException("deployment record: chainId must be positive");
    }
    if (contracts == null) {
      throw new IllegalArgumentException("deployment record: contracts are missing");
    }
    for (String name : new String[] {"SettlementToken", "SpectrumPolicy", "SpectrumExchange"}) {
      if (!contracts.containsKey(name) || contracts.get(name).address() == null) {
        throw new IllegalArgumentException("deployment record: no address for " + name);
      }
    }
    if (!contracts.containsKey("BrokerCourt") || contracts.get("BrokerCourt").address() == null) {
      throw new IllegalArgumentException(
          "deployment record: no address for BrokerCourt (the record predates the broker court,"
              + " whose bond every settlement needs: deploy afresh)");
    }
    contracts = new TreeMap<>(contracts);
  }

  @JsonIgnore
  public Address exchange() {
    return contracts.get("SpectrumExchange").address();
  }

  @JsonIgnore
  public Address policy() {
    return contracts.get("SpectrumPolicy").address();
  }

  /** The broker court: brokers' bonds and the claims against them. */
  @JsonIgnore
  public Address court() {
    return contracts.get("BrokerCourt").address();
  }

  @JsonIgnore
  public Address token() {
    return contracts.get("SettlementToken").address();
  }

  /** The EIP-712 domain orders for this deployment are signed under. */
  @JsonIgnore
  public Eip712Domain domain() {
    return Eip712Domain.exchange(chainId, exchange());
  }

  /** Reads a deployment record; a malformed one is a clear error naming the file. */
  public static Deployment read(Path file) {
    if (Files.isDirectory(file)) {
      throw new IllegalArgumentException(
          "deployment record "
              + file
              + " is a directory: give the record's file ("
              + file.resolve("deployment.json")
              + "?)");
    }
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("deployment record not found: " + file);
    }
    try {
      return JSON.readValue(file.toFile(), Deployment.class);
    } catch (IOException e) {
      throw malformed("deployment record " + file + " is malformed: " + plain(e), e);
    }
  }

  /** Parses a deployment record from JSON text. */
  public static Deployment parse(String json) {
    try {
      return JSON.readValue(json, Deployment.class);
    } catch (IOException e) {
      throw malformed("deployment record is malformed: " + plain(e), e);
    }
  }

  /**
   * The refusal of a record that does not read: {@code message} says it all, in the record's terms;
   * the parser's own exception rides along suppressed (a stack trace shows it), not as the cause,
   * whose words (source markers, feature flags) a command's error line would repeat after it.
   */
  private static IllegalArgumentException malformed(String message, IOException parser) {
    IllegalArgumentException e = new IllegalArgumentException(message);
    e.addSuppressed(parser);
    return e;
  }

  /** What is wrong with a record, in its own field names: no Java types, no parser's wording. */
  private static String plain(IOException e) {
    // the record's own check (a contract without its address, a chainId of 0) says it best
    if (e instanceof com.fasterxml.jackson.databind.exc.ValueInstantiationException v
        && v.getPath().isEmpty()) {
      for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
        if (c instanceof IllegalArgumentException bad && bad.getMessage() != null) {
          return bad.getMessage().replaceFirst("^deployment record: ", "");
        }
      }
    }
    if (e instanceof com.fasterxml.jackson.databind.JsonMappingException m
        && !m.getPath().isEmpty()) {
      StringBuilder field = new StringBuilder();
      for (var ref : m.getPath()) {
        if (ref.getFieldName() != null) {
          field.append(field.isEmpty() ? "" : ".").append(ref.getFieldName());
        } else {
          field.append('[').append(ref.getIndex()).append(']');
        }
      }
      for (Throwable c = m.getCause(); c != null; c = c.getCause()) {
        if (c instanceof IllegalArgumentException bad && bad.getMessage() != null) {
          return field + ": " + bad.getMessage();
        }
      }
      String original = String.valueOf(m.getOriginalMessage());
      if (original.contains("null") || original.contains("Missing")) {
        return "it lacks " + field;
      }
      Class<?> type =
          m instanceof com.fasterxml.jackson.databind.exc.MismatchedInputException mismatch
              ? mismatch.getTargetType()
              : null;
      String expected =
          type == long.class || type == Long.class || type == int.class
              ? "a whole number"
              : type == String.class
                  ? "text"
                  : type != null && Map.class.isAssignableFrom(type)
                      ? "an object"
                      : "a value of another kind";
      return field + " must be " + expected;
    }
    if (e instanceof com.fasterxml.jackson.core.JsonParseException p && p.getLocation() != null) {
      return "not valid JSON at line "
          + p.getLocation().getLineNr()
          + ", column "
          + p.getLocation().getColumnNr()
          + ": "
          + org.spectrumledger.ledger.cli.CascadingDefaultProvider.whatIsWrong(p);
    }
    return String.valueOf(e.getMessage());
  }

  /** Writes the record atomically (a reader never sees half a file). */
  public void write(Path file) {
    byte[] json;
    try {
      json = JSON.writeValueAsBytes(this);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write deployment record " + file, e);
    }
    AtomicFiles.write(file, json, AtomicFiles.PUBLIC);
  }

  /** The record as JSON text. */
  public String toJson() {
    try {
      return JSON.writeValueAsString(this);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
