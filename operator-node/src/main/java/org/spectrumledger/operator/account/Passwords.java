package org.spectrumledger.operator.account;

import java.io.Console;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a keystore password comes from, in order: a file ({@code --password-file}), the {@code
 * SPECTRUM_PASSWORD} environment variable, or a prompt on the terminal. Never a command-line
 * argument: those end up in shell histories and process lists.
 */
public final class Passwords {

  /** The environment variable read for the password. */
  public static final String ENV = "SPECTRUM_PASSWORD";

  private Passwords() {}

  public static char[] obtain(Path passwordFile, String prompt) {
    if (passwordFile != null) {
      try {
        String s = Files.readString(passwordFile, StandardCharsets.UTF_8);
        return s.strip().toCharArray();
      } catch (IOException e) {
        throw new IllegalArgumentException(
            "cannot read password file " + passwordFile + ": " + e.getMessage(), e);
      }
    }
    String env = System.getenv(ENV);
    if (env != null && !env.isEmpty()) {
      return env.toCharArray();
    }
    Console console = System.console();
    if (console == null) {
      throw new IllegalArgumentException(
          "no password: give --password-file FILE or set "
              + ENV
              + " (there is no terminal to prompt on)");
    }
    char[] pw = console.readPassword("%s: ", prompt);
    if (pw == null) {
      throw new IllegalArgumentException("no password entered");
    }
    return pw;
  }
}
