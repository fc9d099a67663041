package org.spectrumledger.network.keys;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import org.spectrumledger.ledger.SigningKey;
import org.spectrumledger.network.io.AtomicFiles;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Wallet;
import org.web3j.crypto.WalletFile;
import org.web3j.crypto.exception.CipherException;

/**
 * Account keys as encrypted Web3 Secret Storage (V3) keystores, the format geth, web3j, ethers and
 * MetaMask import. The file is owner-only; the password never leaves this class.
 */
public final class Keystores {

  /** The key derivation's cost: {@code STANDARD} for real keys, {@code LIGHT} for tests. */
  public enum Kdf {
    /** scrypt with n = 262144, p = 1 (about a second and 256 MiB per key). */
    STANDARD,
    /** scrypt with n = 4096, p = 6 (milliseconds; weaker against guessing). */
    LIGHT
  }

  private static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private Keystores() {}

  /** Encrypts {@code key} with {@code password} into {@code file}. */
  public static void write(Path file, NodeKey key, char[] password, Kdf kdf) {
    ECKeyPair pair = ECKeyPair.create(new BigInteger(key.privateKeyHex(), 16));
    String pw = new String(password);
    try {
      WalletFile wallet =
          kdf == Kdf.STANDARD ? Wallet.createStandard(pw, pair) : Wallet.createLight(pw, pair);
      AtomicFiles.write(file, JSON.writeValueAsBytes(wallet), AtomicFiles.SECRET);
    } catch (CipherException e) {
      throw new IllegalStateException("could not encrypt the keystore " + file, e);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the keystore " + file, e);
    }
  }

  /** Decrypts the keystore at {@code file}; a wrong password is a clear error. */
  public static SigningKey read(Path file, char[] password) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("no keystore at " + file);
    }
    WalletFile wallet;
    try {
      wallet = JSON.readValue(file.toFile(), WalletFile.class);
    } catch (IOException e) {
      throw new IllegalArgumentException("keystore " + file + " is not a V3 keystore", e);
    }
    try {
      ECKeyPair pair = Wallet.decrypt(new String(password), wallet);
      return SigningKey.fromPrivateKey(String.format("%064x", pair.getPrivateKey()));
    } catch (CipherException e) {
      throw new IllegalArgumentException(
          "could not open keystore " + file + ": wrong password or damaged file", e);
    }
  }

  /** Whether {@code file} looks like a V3 keystore (a JSON object with a crypto section). */
  public static boolean isKeystore(Path file) {
    try {
      var tree = JSON.readTree(file.toFile());
      return tree != null && tree.isObject() && (tree.has("crypto") || tree.has("Crypto"));
    } catch (IOException e) {
      return false;
    }
  }
}
