package org.spectrumledger.ledger;

import java.nio.charset.StandardCharsets;

/** A role in the policy contract (the exchange defers to it). */
public enum Role {
  /** Grants and revokes every role; administers fees. */
  ADMIN,
  /** Registers operators and bands, grants licences, protects zones. */
  REGULATOR,
  /** Settles batches. */
  BROKER,
  /** Submits sensing reports. */
  SENSOR;

  /** The settlement token's minter role, held by the deployment's admin from the start. */
  public static final String TREASURY = "TREASURY";

  /** The role's id as the contract has it. */
  public byte[] id() {
    return this == ADMIN
        ? new byte[32]
        : OrderHasher.keccak((name() + "_ROLE").getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The name of a role id a contract gives (in {@code AccessControlUnauthorizedAccount}): a policy
   * role's, {@link #TREASURY} for the token's minter role, else the id itself.
   */
  public static String nameOf(Bytes32 id) {
    for (Role r : values()) {
      if (Bytes32.wrap(r.id()).equals(id)) {
        return r.name();
      }
    }
    byte[] treasury = OrderHasher.keccak((TREASURY + "_ROLE").getBytes(StandardCharsets.UTF_8));
    return Bytes32.wrap(treasury).equals(id) ? TREASURY : id.toString();
  }

  /**
   * What fixes a key that lacks the role named {@code role} ({@link #nameOf}): the policy's roles
   * are granted by the deployment's admin through {@code network deploy}, which on a deployment
   * already made only grants (and bonds a broker); the token's treasury role through the token.
   */
  public static String howToGrant(String role, Address account) {
    return switch (role) {
      case "REGULATOR", "BROKER", "SENSOR" ->
          "the deployment's admin grants it with './spectrum network deploy --key ADMIN_KEY --"
              + role.toLowerCase(java.util.Locale.ROOT)
              + " "
              + account
              + "' (on a deployment already made it only grants"
              + (role.equals("BROKER") ? " the role and tops up the bond" : " the role")
              + "), or use a key that holds it";
      case "ADMIN" -> "only the deployment's admin key can do this; use it";
      case TREASURY ->
          "the deployment's admin key holds it from the start: use it (or have it grant the role"
              + " through the token's grantRole)";
      default -> "use a key that holds it";
    };
  }
}
