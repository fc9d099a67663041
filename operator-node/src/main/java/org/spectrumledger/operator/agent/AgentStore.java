package org.spectrumledger.operator.agent;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Saves and loads a trained agent as JSON: its configuration, market and weights. */
public final class AgentStore {

  /** The file format's name and version. */
  public static final String FORMAT = "spectrumledger-ddqn/1";

  /** The file's contents. */
  @JsonIgnoreProperties(ignoreUnknown = false)
  public record Saved(
      String format, AgentConfig agent, MarketConfig market, int[] layers, double[] parameters) {}

  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private AgentStore() {}

  public static void save(TrainedAgent agent, Path file) {
    Saved saved =
        new Saved(
            FORMAT,
            agent.config(),
            agent.market(),
            new int[] {
              4, agent.config().hidden(), agent.config().hidden(), agent.market().actionCount()
            },
            agent.parameters());
    try {
      if (file.toAbsolutePath().getParent() != null) {
        Files.createDirectories(file.toAbsolutePath().getParent());
      }
      MAPPER.writeValue(file.toFile(), saved);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the agent to " + file, e);
    }
  }

  public static TrainedAgent load(Path file) {
    Saved saved;
    try {
      saved = MAPPER.readValue(file.toFile(), Saved.class);
    } catch (NoSuchFileException | java.io.FileNotFoundException e) {
      throw new IllegalArgumentException("no such agent file: " + file, e);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "not a saved agent: " + file + " (" + e.getMessage() + ")", e);
    }
    if (!FORMAT.equals(saved.format())) {
      throw new IllegalArgumentException(
          file + " has format '" + saved.format() + "', expected '" + FORMAT + "'");
    }
    return TrainedAgent.of(saved.agent(), saved.market(), saved.parameters());
  }
}
