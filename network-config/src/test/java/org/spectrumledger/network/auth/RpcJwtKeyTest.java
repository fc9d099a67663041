package org.spectrumledger.network.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RpcJwtKeyTest {

  private static final Instant NOW = Instant.ofEpochSecond(1_750_000_000L);

  @Test
  void aTokenVerifiesWithThePublicPemAndCarriesItsPermissionsAndExpiry(@TempDir Path dir)
      throws Exception {
    RpcJwtKey key = RpcJwtKey.generate(new SecureRandom());
    Files.writeString(dir.resolve("pub.pem"), key.publicPem());
    String token = key.token(List.of("qbft:proposeValidatorVote"), NOW, NOW.plusSeconds(300));

    JsonNode payload = Jwt.verifiedPayload(token, Jwt.publicKey(dir.resolve("pub.pem")));
    assertThat(payload).isNotNull();
    List<String> permissions = new ArrayList<>();
    payload.path("permissions").forEach(p -> permissions.add(p.asText()));
    assertThat(permissions).containsExactly("qbft:proposeValidatorVote");
    assertThat(payload.path("exp").asLong()).isEqualTo(NOW.getEpochSecond() + 300);
    assertThat(payload.path("iat").asLong()).isEqualTo(NOW.getEpochSecond());
  }

  @Test
  void aTokenFromAnotherKeyOrWithAnAlteredPayloadDoesNotVerify(@TempDir Path dir) throws Exception {
    RpcJwtKey ours = RpcJwtKey.generate(new SecureRandom());
    RpcJwtKey theirs = RpcJwtKey.generate(new SecureRandom());
    String token = theirs.token(List.of("*:*"), NOW, NOW.plusSeconds(60));
    assertThat(Jwt.verifiedPayload(token, ours.publicKey())).isNull();
    String[] parts = ours.token(List.of("eth:*"), NOW, NOW.plusSeconds(60)).split("\\.");
    String widened =
        parts[0]
            + "."
            + java.util.Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(
                    ("{\"permissions\":[\"*:*\"],\"exp\":" + (NOW.getEpochSecond() + 60) + "}")
                        .getBytes())
            + "."
            + parts[2];
    assertThat(Jwt.verifiedPayload(widened, ours.publicKey())).isNull();
  }

  @Test
  void thePrivateKeyFileIsOwnerOnlyAndReadsBackToTheSameKey(@TempDir Path dir) throws Exception {
    RpcJwtKey key = RpcJwtKey.generate(new SecureRandom());
    Path file = dir.resolve("jwt.pem");
    key.writePrivate(file);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(Files.readString(file)).startsWith("-----BEGIN PRIVATE KEY-----");
    RpcJwtKey read = RpcJwtKey.read(file);
    assertThat(read.publicPem()).isEqualTo(key.publicPem());
    String token = read.token(List.of("perm:reloadPermissionsFromFile"), NOW, NOW.plusSeconds(5));
    assertThat(Jwt.verifiedPayload(token, key.publicKey())).isNotNull();
  }

  @Test
  void aMissingOrForeignKeyFileIsAClearError(@TempDir Path dir) throws Exception {
    assertThatThrownBy(() -> RpcJwtKey.read(dir.resolve("absent.pem")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no JSON-RPC signing key")
        .hasMessageContaining("--jwt-key");
    Path pub = dir.resolve("pub.pem");
    Files.writeString(pub, RpcJwtKey.generate(new SecureRandom()).publicPem());
    assertThatThrownBy(() -> RpcJwtKey.read(pub))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not an RSA private key");
  }

  @Test
  void eachMethodNeedsThePermissionBesuDerivesFromItsName() {
    assertThat(RpcJwtKey.permissionFor("qbft_proposeValidatorVote"))
        .isEqualTo("qbft:proposeValidatorVote");
    assertThat(RpcJwtKey.permissionFor("perm_reloadPermissionsFromFile"))
        .isEqualTo("perm:reloadPermissionsFromFile");
    assertThatThrownBy(() -> RpcJwtKey.permissionFor("nonamespace"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
