package org.spectrumledger.network.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.spectrumledger.ledger.io.AtomicFiles;

/**
 * The key pair behind the nodes' JSON-RPC authentication. Besu holds only the public half ({@code
 * --rpc-http-authentication-jwt-public-key-file}, RS256, its default algorithm) and accepts a
 * request when its {@code Authorization: Bearer} token is signed by the private half, not expired,
 * and lists the method among its {@code permissions} ({@code "qbft:proposeValidatorVote"}, {@code
 * "eth:*"}).
 *
 * <p>The private half stays with the network's administrators (an owner-only PEM file); whoever
 * holds it can vote validators and change allowlists, like a node key can sign blocks. RSA 2048 is
 * the smallest key Besu accepts for RS256.
 */
public final class RpcJwtKey {

  /** The algorithm written into every token header and into each node's configuration. */
  public static final String ALGORITHM = "RS256";

  private static final int BITS = 2048;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

  private final RSAPrivateCrtKey privateKey;
  private final RSAPublicKey publicKey;

  private RpcJwtKey(RSAPrivateCrtKey privateKey, RSAPublicKey publicKey) {
    this.privateKey = privateKey;
    this.publicKey = publicKey;
  }

  /** A fresh key pair drawn from {@code random}. */
  public static RpcJwtKey generate(SecureRandom random) {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(BITS, random);
      var pair = g.generateKeyPair();
      return new RpcJwtKey((RSAPrivateCrtKey) pair.getPrivate(), (RSAPublicKey) pair.getPublic());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JVM cannot make RSA keys", e);
    }
  }

  /** Reads the private key file {@link #writePrivate} wrote (PKCS#8 PEM). */
  public static RpcJwtKey read(Path privateKeyFile) {
    if (!Files.isRegularFile(privateKeyFile)) {
      throw new IllegalArgumentException(
          "no JSON-RPC signing key at "
              + privateKeyFile
              + "; give --jwt-key FILE (the network's secrets/"
              + "rpc-admin-jwt.pem)");
    }
    try {
      byte[] der = Pem.decode(Files.readString(privateKeyFile), "PRIVATE KEY");
      KeyFactory rsa = KeyFactory.getInstance("RSA");
      RSAPrivateCrtKey priv = (RSAPrivateCrtKey) rsa.generatePrivate(new PKCS8EncodedKeySpec(der));
      RSAPublicKey pub =
          (RSAPublicKey)
              rsa.generatePublic(new RSAPublicKeySpec(priv.getModulus(), priv.getPublicExponent()));
      return new RpcJwtKey(priv, pub);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + privateKeyFile, e);
    } catch (GeneralSecurityException | ClassCastException | IllegalArgumentException e) {
      throw new IllegalArgumentException(
          privateKeyFile + " is not an RSA private key in PKCS#8 PEM: " + e.getMessage(), e);
    }
  }

  /** Writes the private half, owner-only. */
  public void writePrivate(Path file) {
    AtomicFiles.writeString(
        file, Pem.encode("PRIVATE KEY", privateKey.getEncoded()), AtomicFiles.SECRET);
  }

  /** The public half as Besu reads it: X.509 SubjectPublicKeyInfo in PEM. */
  public String publicPem() {
    return Pem.encode("PUBLIC KEY", publicKey.getEncoded());
  }

  public RSAPublicKey publicKey() {
    return publicKey;
  }

  /**
   * A signed token granting {@code permissions} until {@code expiry}.
   *
   * @param permissions Besu's {@code namespace:method} strings, {@code *} for any
   */
  public String token(List<String> permissions, Instant issuedAt, Instant expiry) {
    if (permissions.isEmpty()) {
      throw new IllegalArgumentException("a token without permissions opens nothing");
    }
    if (!expiry.isAfter(issuedAt)) {
      throw new IllegalArgumentException("a token must expire after it is issued");
    }
    ObjectNode header = JSON.createObjectNode().put("alg", ALGORITHM).put("typ", "JWT");
    ObjectNode payload = JSON.createObjectNode();
    permissions.forEach(payload.putArray("permissions")::add);
    payload.put("iat", issuedAt.getEpochSecond());
    payload.put("exp", expiry.getEpochSecond());
    String signingInput = b64(header.toString()) + "." + b64(payload.toString());
    try {
      Signature s = Signature.getInstance("SHA256withRSA");
      s.initSign(privateKey);
      s.update(signingInput.getBytes(StandardCharsets.US_ASCII));
      return signingInput + "." + B64URL.encodeToString(s.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("could not sign a JSON-RPC token", e);
    }
  }

  /**
   * The permission Besu checks for {@code method}: {@code eth_blockNumber} needs {@code
   * eth:blockNumber}.
   */
  public static String permissionFor(String method) {
    int i = method.indexOf('_');
    if (i <= 0 || i == method.length() - 1) {
      throw new IllegalArgumentException("not a JSON-RPC method name: " + method);
    }
    return method.substring(0, i) + ":" + method.substring(i + 1);
  }

  private static String b64(String json) {
    return B64URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }
}
