package org.spectrumledger.ledger.keys;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Function;
import org.spectrumledger.ledger.SigningKey;

/**
 * Where a signing key comes from: a V3 keystore (opened with a {@link PasswordSource}), a file
 * holding the hex private key (a Besu node key file, {@code key}), or an environment variable
 * holding the hex key. A raw key on the command line is refused: the shell history and {@code ps}
 * would keep it.
 */
public final class KeySource {

  private KeySource() {}

  /**
   * The key a {@code --key} value names: {@code env:NAME}, or the path of a keystore or a hex key
   * file.
   */
  public static SigningKey load(
      String spec, PasswordSource passwords, Function<String, String> env) {
    if (spec == null || spec.isBlank()) {
      throw new IllegalArgumentException("--key is missing");
    }
    if (spec.startsWith("env:")) {
      return fromEnvironment(spec.substring(4), env);
    }
    String bare = spec.startsWith("0x") ? spec.substring(2) : spec;
    if (bare.length() == 64 && org.spectrumledger.ledger.Hex.isHex(bare)) {
      throw new IllegalArgumentException(
          "--key takes a keystore or key file path or env:NAME, never the key itself");
    }
    Path file = Path.of(spec);
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("--key: no such file " + file);
    }
    return fromFile(file, passwords);
  }

  /**
   * The key in {@code file}: a V3 keystore, decrypted with a password from {@code passwords}, or
   * the hex private key (64 digits, optionally after 0x; surrounding whitespace ignored).
   */
  public static SigningKey fromFile(Path file, PasswordSource passwords) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("no key file at " + file);
    }
    if (Keystore.isKeystore(file)) {
      char[] pw = passwords.forReading("keystore " + file);
      try {
        return Keystore.read(file, pw);
      } finally {
        Arrays.fill(pw, '\0');
      }
    }
    String text;
    try {
      text = Files.readString(file, StandardCharsets.US_ASCII);
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException(
          file + " is neither a V3 keystore nor a hex private key", e);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + file, e);
    }
    try {
      return SigningKey.fromPrivateKey(text.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          file + " is neither a V3 keystore nor a hex private key: " + e.getMessage(), e);
    }
  }

  /** The hex private key in the environment variable {@code name}. */
  public static SigningKey fromEnvironment(String name, Function<String, String> env) {
    String hex = env.apply(name);
    if (hex == null || hex.isBlank()) {
      throw new IllegalArgumentException("environment variable " + name + " is not set");
    }
    try {
      return SigningKey.fromPrivateKey(hex);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "environment variable " + name + " does not hold a private key: " + e.getMessage(), e);
    }
  }
}
