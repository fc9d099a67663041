package org.spectrumledger.operator.agent;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Saves and loads a trained agent as JSON: its configuration, market, forecaster and weights. The
 * daemon loads one with {@link #load} and decides with {@link TrainedAgent#policy()}.
 */
public final class AgentStore {

  /** The file format's name and version. */
  public static final String FORMAT = "spectrumledger-ddqn/1";

  /**
   * The file's contents.
   *
   * @param forecaster the {@code ForecastModels} name of the model behind the training states (null
   *     in files that predate it)
   */
  @JsonIgnoreProperties(ignoreUnknown = false)
  public record Saved(
      String format,
      AgentConfig agent,
      MarketConfig market,
      String forecaster,
      int[] layers,
      double[] parameters) {}

  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private AgentStore() {}

  /** Writes the agent to {@code file} (creating its directory). */
  public static void save(TrainedAgent agent, Path file) {
    Saved saved =
        new Saved(
            FORMAT,
            agent.config(),
            agent.market(),
            agent.forecaster(),
            new int[] {
              agent.config().features().inputs(),
              agent.config().hidden(),
              agent.config().hidden(),
              agent.config().outputs(agent.market())
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

  /**
   * Reads an agent saved by {@link #save}.
   *
   * @throws IllegalArgumentException if the file is missing, is not a saved agent, or has another
   *     format version
   */
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
    return TrainedAgent.of(saved.agent(), saved.market(), saved.forecaster(), saved.parameters());
  }
}
