package org.spectrumledger.network.cli;

import java.nio.file.Path;
import org.spectrumledger.network.keys.PasswordSource;
import picocli.CommandLine.Option;

/** {@code --password-file}, shared by the commands that open or write keystores. */
public final class PasswordOption {

  @Option(
      names = "--password-file",
      paramLabel = "FILE",
      description =
          "file whose first line is the keystore password; otherwise $"
              + PasswordSource.ENV
              + ", otherwise a prompt")
  Path passwordFile;

  PasswordSource source() {
    return PasswordSource.system(passwordFile);
  }
}
