package org.spectrumledger.network.keys;

import java.io.Console;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Function;

/**
 * Where a keystore password comes from, first match wins: a file ({@code --password-file}), the
 * environment ({@value #ENV}), or a prompt on the terminal. A password is never taken from the
 * command line itself, where {@code ps} and the shell history would show it.
 */
public final class PasswordSource {

  /** The environment variable holding the keystore password. */
  public static final String ENV = "SPECTRUM_KEYSTORE_PASSWORD";

  private static final int MIN_LENGTH = 8;

  private final Path file;
  private final Function<String, String> env;
  private final Console console;

  public PasswordSource(Path file, Function<String, String> env, Console console) {
    this.file = file;
    this.env = env;
    this.console = console;
  }

  /** The system's: the given file, the real environment, the real terminal. */
  public static PasswordSource system(Path file) {
    return new PasswordSource(file, System::getenv, System.console());
  }

  /** A password to open an existing keystore. */
  public char[] forReading(String what) {
    return obtain(what, false);
  }

  /** A password for new keystores: at least 8 characters; asked twice on a terminal. */
  public char[] forWriting(String what) {
    char[] pw = obtain(what, true);
    if (pw.length < MIN_LENGTH) {
      Arrays.fill(pw, '\0');
      throw new IllegalArgumentException(
          "the keystore password must have at least " + MIN_LENGTH + " characters");
    }
    return pw;
  }

  private char[] obtain(String what, boolean confirm) {
    if (file != null) {
      try {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        return text.lines().findFirst().orElse("").toCharArray();
      } catch (IOException e) {
        throw new UncheckedIOException("could not read the password file " + file, e);
      }
    }
    String fromEnv = env.apply(ENV);
    if (fromEnv != null && !fromEnv.isEmpty()) {
      return fromEnv.toCharArray();
    }
    if (console == null) {
      throw new IllegalArgumentException(
          "no password for "
              + what
              + ": pass --password-file, set "
              + ENV
              + ", or run in a terminal to be asked");
    }
    char[] first = console.readPassword("Password for %s: ", what);
    if (first == null) {
      throw new IllegalArgumentException("no password given for " + what);
    }
    if (confirm) {
      char[] again = console.readPassword("Repeat the password: ");
      if (again == null || !Arrays.equals(first, again)) {
        throw new IllegalArgumentException("the two passwords differ");
      }
    }
    return first;
  }
}
