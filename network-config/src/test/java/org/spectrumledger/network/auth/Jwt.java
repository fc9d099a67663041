package org.spectrumledger.network.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * Checks a token the way Besu's JWT public-key authentication does, for tests: an RS256 signature
 * by the key whose public half a node holds, over the first two parts.
 */
public final class Jwt {

  private static final ObjectMapper JSON = new ObjectMapper();

  private Jwt() {}

  /** The public key in a node's {@code rpc-jwt-public.pem}, parsed as X.509. */
  public static RSAPublicKey publicKey(Path pem) throws IOException, GeneralSecurityException {
    byte[] der = Pem.decode(Files.readString(pem), "PUBLIC KEY");
    return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
  }

  /** The payload of {@code token} if its header says RS256 and {@code key} signed it, else null. */
  public static JsonNode verifiedPayload(String token, RSAPublicKey key) {
    String[] parts = token.split("\\.", -1);
    if (parts.length != 3) {
      return null;
    }
    try {
      Base64.Decoder d = Base64.getUrlDecoder();
      JsonNode header = JSON.readTree(d.decode(parts[0]));
      if (!header.path("alg").asText().equals("RS256")) {
        return null;
      }
      Signature s = Signature.getInstance("SHA256withRSA");
      s.initVerify(key);
      s.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
      if (!s.verify(d.decode(parts[2]))) {
        return null;
      }
      return JSON.readTree(d.decode(parts[1]));
    } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
      return null;
    }
  }
}
