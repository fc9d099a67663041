package org.spectrumledger.network.cli;

import java.nio.file.Path;
import org.spectrumledger.ledger.keys.PasswordSource;
import picocli.CommandLine.Option;

/** {@code --password-file}, shared by the commands that open or write keystores. */
public final class PasswordOption {

  @Option(
      names = "--password-file",
      paramLabel = "FILE",
      description =
          "file holding the keystore password, trailing newline ignored; otherwise $"
              + PasswordSource.ENV
              + " (or $"
              + PasswordSource.ENV_ALIAS
              + "), otherwise a prompt")
  Path passwordFile;

  PasswordSource source() {
    return PasswordSource.system(passwordFile);
  }
}
