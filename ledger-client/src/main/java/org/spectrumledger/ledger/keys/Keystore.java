package org.spectrumledger.ledger.keys;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.spectrumledger.ledger.Address;
import org.spectrumledger.ledger.Hex;
import org.spectrumledger.ledger.SigningKey;
import org.spectrumledger.ledger.io.AtomicFiles;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Wallet;
import org.web3j.crypto.WalletFile;
import org.web3j.crypto.exception.CipherException;

/**
 * A key in an encrypted Web3 Secret Storage (V3) keystore file (scrypt, AES-128-CTR), the format
 * geth, web3j, ethers, MetaMask and Besu's tools read. The file is owner-only, written atomically
 * and never overwritten; the key is only ever in memory, decrypted with the password.
 */
public final class Keystore {

  /** The key derivation's cost: {@code STANDARD} for real keys, {@code LIGHT} for tests. */
  public enum Kdf {
    /** scrypt with n = 262144, p = 1 (about a second and 256 MiB per key). */
    STANDARD,
    /** scrypt with n = 4096, p = 6 (milliseconds; weaker against guessing). */
    LIGHT
  }

  /** The shortest password a new keystore accepts. */
  public static final int MIN_PASSWORD_LENGTH = 8;

  private static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private Keystore() {}

  /**
   * Encrypts {@code key} with {@code password} into a new {@code file} (rw-------); refuses an
   * existing file and a password shorter than {@value #MIN_PASSWORD_LENGTH} characters.
   */
  public static void write(Path file, SigningKey key, char[] password, Kdf kdf) {
    checkNewPassword(password);
    if (Files.exists(file)) {
      throw exists(file);
    }
    ECKeyPair pair = ECKeyPair.create(new BigInteger(1, Hex.decode(key.exportPrivateKey())));
    String pw = new String(password);
    byte[] json;
    try {
      WalletFile wallet =
          kdf == Kdf.STANDARD ? Wallet.createStandard(pw, pair) : Wallet.createLight(pw, pair);
      json = JSON.writeValueAsBytes(wallet);
    } catch (CipherException | IOException e) {
      throw new IllegalStateException("could not encrypt the keystore " + file, e);
    }
    try {
      AtomicFiles.create(file, json, AtomicFiles.SECRET);
    } catch (FileAlreadyExistsException e) {
      throw exists(file);
    }
  }

  /** Decrypts the keystore at {@code file}; a wrong password is a clear error. */
  public static SigningKey read(Path file, char[] password) {
    WalletFile wallet = parse(file);
    ECKeyPair pair;
    try {
      pair = Wallet.decrypt(new String(password), wallet);
    } catch (CipherException e) {
      if (String.valueOf(e.getMessage()).contains("Invalid password")) {
        throw new IllegalArgumentException("wrong password for keystore " + file);
      }
      throw new IllegalArgumentException(
          "keystore " + file + " cannot be opened: " + e.getMessage(), e);
    }
    return SigningKey.fromPrivateKey(String.format("%064x", pair.getPrivateKey()));
  }

  /** The address a keystore holds, read from its {@code address} field without decrypting it. */
  public static Address address(Path file) {
    String address = parse(file).getAddress();
    if (address == null || address.isBlank()) {
      throw new IllegalArgumentException(
          "keystore " + file + " does not name its address; decrypting it shows the address");
    }
    try {
      return Address.of(address.startsWith("0x") ? address : "0x" + address);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "keystore " + file + " has a malformed address: " + e.getMessage(), e);
    }
  }

  /** Whether {@code file} looks like a V3 keystore (a JSON object with a crypto section). */
  public static boolean isKeystore(Path file) {
    try {
      JsonNode tree = JSON.readTree(file.toFile());
      return tree != null && tree.isObject() && (tree.has("crypto") || tree.has("Crypto"));
    } catch (IOException e) {
      return false;
    }
  }

  /** Refuses a password too short for a new keystore. */
  public static void checkNewPassword(char[] password) {
    if (password == null || password.length < MIN_PASSWORD_LENGTH) {
      throw new IllegalArgumentException(
          "a keystore password needs at least " + MIN_PASSWORD_LENGTH + " characters");
    }
  }

  private static WalletFile parse(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("no keystore at " + file);
    }
    try {
      return JSON.readValue(file.toFile(), WalletFile.class);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "keystore " + file + " is not a V3 keystore: " + e.getMessage(), e);
    }
  }

  private static IllegalArgumentException exists(Path file) {
    return new IllegalArgumentException(
        "keystore " + file + " exists already; remove it or choose another path");
  }
}
