package org.spectrumledger.ledger.devchain;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Finds the anvil executable that npm installed for this platform under {@code
 * contracts/node_modules}, or one named explicitly.
 *
 * <p>Order: the {@code ledger.anvil} system property or {@code SPECTRUM_ANVIL} environment
 * variable; {@code contracts/node_modules/...} under the {@code spectrum.home} property (the
 * launcher sets it) and under the working directory and its parents; then {@code anvil} on the
 * PATH.
 */
public final class AnvilBinary {

  private AnvilBinary() {}

  /** The anvil executable; throws with every place it looked when there is none. */
  public static Path locate() {
    List<Path> tried = new ArrayList<>();
    String explicit = System.getProperty("ledger.anvil", System.getenv("SPECTRUM_ANVIL"));
    if (explicit != null && !explicit.isBlank()) {
      Path p = Path.of(explicit);
      if (Files.isExecutable(p)) {
        return p;
      }
      throw new DevChainException(
          "anvil given by ledger.anvil/SPECTRUM_ANVIL is not executable: " + p);
    }
    String relative = "contracts/node_modules/@foundry-rs/anvil-" + platform() + "/bin/anvil";
    List<Path> roots = new ArrayList<>();
    String home = System.getProperty("spectrum.home");
    if (home != null) {
      roots.add(Path.of(home));
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      roots.add(dir);
    }
    for (Path root : roots) {
      Path candidate = root.resolve(relative);
      tried.add(candidate);
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    String path = System.getenv("PATH");
    if (path != null) {
      for (String dir : path.split(java.io.File.pathSeparator)) {
        Path candidate = Path.of(dir, "anvil");
        if (Files.isExecutable(candidate)) {
          return candidate;
        }
      }
    }
    throw new DevChainException(
        "anvil was not found. Build the contracts module once (it runs npm ci: `mvn -pl contracts"
            + " -DskipTests package`), or set -Dledger.anvil=/path/to/anvil. Looked at: "
            + tried
            + " and the PATH");
  }

  private static String platform() {
    String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
    String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
    String o = os.contains("mac") ? "darwin" : os.contains("win") ? "win32" : "linux";
    String a = arch.contains("aarch64") || arch.contains("arm64") ? "arm64" : "amd64";
    return o + "-" + a;
  }
}
