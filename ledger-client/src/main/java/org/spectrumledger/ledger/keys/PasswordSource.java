package org.spectrumledger.ledger.keys;

import java.io.Console;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Function;

/**
 * Where a keystore password comes from, first match wins:
 *
 * <ol>
 *   <li>a file ({@code --password-file}): the whole file, UTF-8, with trailing whitespace and line
 *       breaks removed (so {@code echo secret > pw} works); leading whitespace is kept. A file with
 *       more than one line, or nothing but whitespace, is refused rather than guessed at;
 *   <li>the environment: {@value #ENV}, or its older name {@value #ENV_ALIAS} (both set to
 *       different values is an error), taken as they are;
 *   <li>a prompt on the terminal, asked twice for a new keystore.
 * </ol>
 *
 * A password is never taken from the command line itself, where {@code ps} and the shell history
 * would show it.
 */
public final class PasswordSource {

  /** The environment variable holding the keystore password. */
  public static final String ENV = "SPECTRUM_PASSWORD";

  /** The older name of {@link #ENV}, still read when {@link #ENV} is unset. */
  public static final String ENV_ALIAS = "SPECTRUM_KEYSTORE_PASSWORD";

  /** Reads a password without echoing it, or returns {@code null} at end of input. */
  @FunctionalInterface
  public interface Terminal {
    char[] readPassword(String prompt);
  }

  private final Path file;
  private final Function<String, String> env;
  private final Terminal terminal;

  /**
   * @param file the password file, or {@code null}
   * @param env the environment ({@code System::getenv} outside tests)
   * @param terminal where to prompt, or {@code null} when there is no terminal
   */
  public PasswordSource(Path file, Function<String, String> env, Terminal terminal) {
    this.file = file;
    this.env = env;
    this.terminal = terminal;
  }

  /** The system's: the given file, the real environment, the real terminal (if any). */
  public static PasswordSource system(Path file) {
    return new PasswordSource(file, System::getenv, systemTerminal());
  }

  /** A password to open an existing keystore. */
  public char[] forReading(String what) {
    return obtain(what, false);
  }

  /**
   * A password for new keystores: at least {@value Keystore#MIN_PASSWORD_LENGTH} characters; asked
   * twice on a terminal.
   */
  public char[] forWriting(String what) {
    char[] pw = obtain(what, true);
    if (pw.length < Keystore.MIN_PASSWORD_LENGTH) {
      Arrays.fill(pw, '\0');
      throw new IllegalArgumentException(
          "the keystore password must have at least "
              + Keystore.MIN_PASSWORD_LENGTH
              + " characters");
    }
    return pw;
  }

  private char[] obtain(String what, boolean confirm) {
    if (file != null) {
      return readFile(file);
    }
    char[] fromEnv = fromEnvironment();
    if (fromEnv != null) {
      return fromEnv;
    }
    if (terminal == null) {
      throw new IllegalArgumentException(
          "no password for "
              + what
              + ": pass --password-file FILE, set "
              + ENV
              + ", or run in a terminal to be asked");
    }
    char[] first = terminal.readPassword("Password for " + what + ": ");
    if (first == null) {
      throw new IllegalArgumentException("no password given for " + what);
    }
    if (confirm) {
      char[] again = terminal.readPassword("Repeat the password: ");
      boolean same = again != null && Arrays.equals(first, again);
      if (again != null) {
        Arrays.fill(again, '\0');
      }
      if (!same) {
        Arrays.fill(first, '\0');
        throw new IllegalArgumentException("the two passwords differ");
      }
    }
    return first;
  }

  private char[] fromEnvironment() {
    String value = env.apply(ENV);
    String alias = env.apply(ENV_ALIAS);
    boolean hasValue = value != null && !value.isEmpty();
    boolean hasAlias = alias != null && !alias.isEmpty();
    if (hasValue && hasAlias && !value.equals(alias)) {
      throw new IllegalArgumentException(
          ENV
              + " and "
              + ENV_ALIAS
              + " are both set and differ; unset one ("
              + ENV_ALIAS
              + " is the older name)");
    }
    return hasValue ? value.toCharArray() : hasAlias ? alias.toCharArray() : null;
  }

  /** The password in {@code file}, by the rule above. */
  static char[] readFile(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      // (a file system's own message is often the bare path again)
      String why =
          Files.isDirectory(file)
              ? "it is a directory"
              : org.spectrumledger.ledger.io.FileReasons.of(e);
      throw new IllegalArgumentException("cannot read the password file " + file + ": " + why, e);
    }
    CharBuffer chars;
    try {
      chars =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes));
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("the password file " + file + " is not UTF-8 text", e);
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
    int end = chars.limit();
    while (end > 0 && Character.isWhitespace(chars.get(end - 1))) {
      end--;
    }
    char[] pw = new char[end];
    chars.get(0, pw, 0, end);
    Arrays.fill(chars.array(), '\0');
    if (end == 0) {
      throw new IllegalArgumentException("the password file " + file + " is empty");
    }
    for (char c : pw) {
      if (c == '\n' || c == '\r') {
        Arrays.fill(pw, '\0');
        throw new IllegalArgumentException(
            "the password file "
                + file
                + " has more than one line; it must hold the password alone");
      }
    }
    return pw;
  }

  private static Terminal systemTerminal() {
    Console console = System.console();
    if (console == null || !isTerminal(console)) {
      return null;
    }
    return prompt -> console.readPassword("%s", prompt);
  }

  /**
   * Since Java 22 {@link System#console()} may return a console whose input is a pipe; only a real
   * terminal is prompted on ({@code Console.isTerminal()}, looked up so this still runs on 21).
   */
  private static boolean isTerminal(Console console) {
    try {
      return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return true; // Java 21: System.console() is non-null only on a terminal
    }
  }
}
