package org.spectrumledger.operator.account;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import org.spectrumledger.ledger.SigningKey;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Wallet;
import org.web3j.crypto.WalletFile;
import org.web3j.crypto.exception.CipherException;

/**
 * An operator key in an encrypted Ethereum V3 keystore file (scrypt, AES-128-CTR), as wallets and
 * Besu tools read it. The key is only ever in memory, decrypted with the password.
 */
public final class Keystore {

  /** How hard scrypt works: {@code STANDARD} for real keys, {@code LIGHT} for tests and demos. */
  public enum Strength {
    STANDARD,
    LIGHT
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private Keystore() {}

  /** Encrypts {@code key} into {@code file}; refuses to overwrite an existing file. */
  public static void write(Path file, SigningKey key, char[] password, Strength strength) {
    if (Files.exists(file)) {
      throw new IllegalArgumentException(
          "keystore " + file + " exists already; remove it or choose another path");
    }
    requirePassword(password);
    try {
      ECKeyPair pair =
          ECKeyPair.create(
              new java.math.BigInteger(
                  1, org.spectrumledger.ledger.Hex.decode(key.exportPrivateKey())));
      String pw = new String(password);
      WalletFile wallet =
          strength == Strength.STANDARD
              ? Wallet.createStandard(pw, pair)
              : Wallet.createLight(pw, pair);
      Path dir = file.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, ".keystore", ".json");
      try {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        // not a POSIX file system: the file keeps the directory's permissions
      }
      JSON.writeValue(tmp.toFile(), wallet);
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
    } catch (CipherException | IOException e) {
      throw new IllegalStateException(
          "could not write keystore " + file + ": " + e.getMessage(), e);
    }
  }

  /** Decrypts the key in {@code file}; a wrong password is a clear error. */
  public static SigningKey read(Path file, char[] password) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(
          "no keystore at "
              + file
              + "; create one with 'spectrum operator keys new' or import a key");
    }
    WalletFile wallet;
    try {
      wallet = JSON.readValue(file.toFile(), WalletFile.class);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "keystore " + file + " is not a V3 keystore: " + e.getMessage(), e);
    }
    try {
      ECKeyPair pair = Wallet.decrypt(new String(password), wallet);
      return SigningKey.fromPrivateKey(String.format("%064x", pair.getPrivateKey()));
    } catch (CipherException e) {
      throw new IllegalArgumentException("wrong password for keystore " + file);
    }
  }

  /** The address a keystore holds, without decrypting it. */
  public static String address(Path file) {
    try {
      return "0x" + JSON.readValue(file.toFile(), WalletFile.class).getAddress();
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "keystore " + file + " is not a V3 keystore: " + e.getMessage(), e);
    }
  }

  private static void requirePassword(char[] password) {
    if (password == null || password.length < 8) {
      throw new IllegalArgumentException("a keystore password needs at least 8 characters");
    }
  }
}
