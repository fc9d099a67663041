package org.spectrumledger.network.explorer;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.spectrumledger.ledger.Deployment;
import org.spectrumledger.ledger.internal.ContractArtifacts;
import org.spectrumledger.ledger.io.AtomicFiles;

/**
 * The files that verify each deployed contract in an explorer: one directory per contract with the
 * standard-JSON input it was compiled from ({@value #INPUT}), its ABI-encoded constructor arguments
 * ({@value #ARGS}) and {@value #ENTRY}, which says the rest (address, compiler, licence). The same
 * files work in Blockscout's UI, its API, or another explorer.
 */
public final class VerificationBundle {

  public static final String INPUT = "standard-input.json";
  public static final String ARGS = "constructor-args.txt";
  public static final String ENTRY = "verification.json";

  /** SPDX identifiers and Blockscout's names for them. */
  static final Map<String, String> LICENCES =
      Map.ofEntries(
          Map.entry("UNLICENSED", "none"),
          Map.entry("Unlicense", "unlicense"),
          Map.entry("MIT", "mit"),
          Map.entry("GPL-2.0", "gnu_gpl_v2"),
          Map.entry("GPL-3.0", "gnu_gpl_v3"),
          Map.entry("LGPL-2.1", "gnu_lgpl_v2_1"),
          Map.entry("LGPL-3.0", "gnu_lgpl_v3"),
          Map.entry("BSD-2-Clause", "bsd_2_clause"),
          Map.entry("BSD-3-Clause", "bsd_3_clause"),
          Map.entry("MPL-2.0", "mpl_2_0"),
          Map.entry("OSL-3.0", "osl_3_0"),
          Map.entry("Apache-2.0", "apache_2_0"),
          Map.entry("AGPL-3.0", "gnu_agpl_v3"),
          Map.entry("BUSL-1.1", "bsl_1_1"));

  private static final Pattern SPDX =
      Pattern.compile("SPDX-License-Identifier:\\s*([A-Za-z0-9.+-]+)");

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private VerificationBundle() {}

  /**
   * Writes the bundle for {@code deployment} into {@code dir}, after checking that the contracts
   * this build carries are the ones the deployment was compiled from: another compiler or other
   * settings could not reproduce the deployed bytecode.
   */
  public static List<VerificationEntry> export(Deployment deployment, Path dir) {
    JsonNode build = ContractArtifacts.buildInfo();
    JsonNode deployed = deployment.compiler();
    if (deployed == null
        || !build.path("compiler").equals(deployed.path("compiler"))
        || !build.path("settings").equals(deployed.path("settings"))) {
      throw new IllegalArgumentException(
          "the deployment was compiled with "
              + (deployed == null ? "an unrecorded compiler" : deployed.path("compiler").asText())
              + " and other settings than this build's "
              + build.path("compiler").asText()
              + "; export from the build that deployed it");
    }
    List<VerificationEntry> entries = new ArrayList<>();
    for (var e : deployment.contracts().entrySet()) {
      String name = e.getKey();
      JsonNode info = build.path("contracts").path(name);
      if (info.isMissingNode()) {
        throw new IllegalArgumentException("this build has no contract " + name);
      }
      // a contract built with settings of its own (the court) must have been deployed with them
      if (!info.path("settings").equals(deployed.path("contracts").path(name).path("settings"))) {
        throw new IllegalArgumentException(
            "the deployment's "
                + name
                + " was compiled with other settings than this build's; export from the build"
                + " that deployed it");
      }
      String input = ContractArtifacts.standardJsonInput(name);
      JsonNode sources;
      try {
        sources = JSON.readTree(input).path("sources");
      } catch (IOException ex) {
        throw new IllegalStateException(
            "the standard-JSON input of " + name + " in the contracts jar is malformed", ex);
      }
      String source = info.path("source").asText();
      VerificationEntry entry =
          new VerificationEntry(
              name,
              info.path("fullyQualifiedName").asText(source + ":" + name),
              e.getValue().address(),
              deployment.chainId(),
              build.path("compiler").asText(),
              build.path("settings").path("evmVersion").asText(),
              licence(sources.path(source).path("content").asText("")),
              e.getValue().constructorArguments());
      Path contractDir = dir.resolve(name);
      AtomicFiles.writeString(contractDir.resolve(INPUT), input, AtomicFiles.PUBLIC);
      AtomicFiles.writeString(
          contractDir.resolve(ARGS), entry.constructorArguments() + "\n", AtomicFiles.PUBLIC);
      try {
        AtomicFiles.writeString(
            contractDir.resolve(ENTRY), JSON.writeValueAsString(entry) + "\n", AtomicFiles.PUBLIC);
      } catch (IOException ex) {
        throw new UncheckedIOException(ex);
      }
      entries.add(entry);
    }
    return entries;
  }

  /** One exported contract: its entry and its standard-JSON input. */
  public record Item(VerificationEntry entry, byte[] standardInput) {}

  /** Reads every contract directory of a bundle. */
  public static List<Item> read(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException("no verification bundle at " + dir);
    }
    List<Item> items = new ArrayList<>();
    try (Stream<Path> children = Files.list(dir)) {
      for (Path c : children.sorted().toList()) {
        Path entryFile = c.resolve(ENTRY);
        if (!Files.isRegularFile(entryFile)) {
          continue;
        }
        VerificationEntry entry = JSON.readValue(entryFile.toFile(), VerificationEntry.class);
        items.add(new Item(entry, Files.readAllBytes(c.resolve(INPUT))));
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("the verification bundle " + dir + " is unreadable", e);
    }
    if (items.isEmpty()) {
      throw new IllegalArgumentException(
          dir + " holds no exported contract; run 'spectrum network verify export' first");
    }
    return items;
  }

  static String licence(String source) {
    Matcher m = SPDX.matcher(source);
    if (!m.find()) {
      return "none";
    }
    return LICENCES.getOrDefault(m.group(1), "none");
  }
}
