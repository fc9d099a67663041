package org.spectrumledger.network.keys;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.spectrumledger.ledger.SigningKey;
import org.spectrumledger.ledger.io.AtomicFiles;

/**
 * A Besu node's key files, in the layout {@code besu public-key export} and the quickstart use:
 * {@code key} (the private key, 64 hex digits without 0x, owner-only), {@code key.pub} (0x and the
 * 128-hex-digit public key, the enode id) and {@code address}.
 */
public final class KeyFiles {

  public static final String PRIVATE_KEY = "key";
  public static final String PUBLIC_KEY = "key.pub";
  public static final String ADDRESS = "address";

  private KeyFiles() {}

  /** Writes the three files into {@code dir}. */
  public static void write(Path dir, SigningKey key) {
    AtomicFiles.writeString(
        dir.resolve(PRIVATE_KEY), key.exportPrivateKey().substring(2), AtomicFiles.SECRET);
    AtomicFiles.writeString(dir.resolve(PUBLIC_KEY), key.publicKeyHex(), AtomicFiles.PUBLIC);
    AtomicFiles.writeString(dir.resolve(ADDRESS), key.address().hex(), AtomicFiles.PUBLIC);
  }

  /** Reads the node key in {@code dir}; a missing or malformed file is a clear error. */
  public static SigningKey read(Path dir) {
    Path file = dir.resolve(PRIVATE_KEY);
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("no node key file at " + file);
    }
    try {
      return SigningKey.fromPrivateKey(Files.readString(file, StandardCharsets.US_ASCII));
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + file, e);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("node key file " + file + ": " + e.getMessage(), e);
    }
  }
}
