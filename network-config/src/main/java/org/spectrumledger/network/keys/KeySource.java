package org.spectrumledger.network.keys;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Function;
import org.spectrumledger.ledger.SigningKey;

/**
 * Where a signing key comes from, as {@code --key} names it: {@code env:NAME} (hex in an
 * environment variable), or a path to a V3 keystore (opened with a {@link PasswordSource}) or to a
 * file holding the hex private key (a Besu node key file). A raw key on the command line is
 * refused: the shell history and {@code ps} would keep it.
 */
public final class KeySource {

  private KeySource() {}

  public static SigningKey load(
      String spec, PasswordSource passwords, Function<String, String> env) {
    if (spec == null || spec.isBlank()) {
      throw new IllegalArgumentException("--key is missing");
    }
    if (spec.startsWith("env:")) {
      String name = spec.substring(4);
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
    String bare = spec.startsWith("0x") ? spec.substring(2) : spec;
    if (bare.length() == 64 && bare.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
      throw new IllegalArgumentException(
          "--key takes a keystore or key file path or env:NAME, never the key itself");
    }
    Path file = Path.of(spec);
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("--key: no such file " + file);
    }
    if (Keystores.isKeystore(file)) {
      char[] pw = passwords.forReading("keystore " + file.getFileName());
      try {
        return Keystores.read(file, pw);
      } finally {
        Arrays.fill(pw, '\0');
      }
    }
    try {
      return SigningKey.fromPrivateKey(Files.readString(file, StandardCharsets.US_ASCII).strip());
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + file, e);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "--key " + file + " is neither a V3 keystore nor a hex private key", e);
    }
  }
}
