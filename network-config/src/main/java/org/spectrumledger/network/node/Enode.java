package org.spectrumledger.network.node;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.spectrumledger.ledger.SigningKey;

/**
 * A node's enode URL, {@code enode://ID@HOST:PORT}: the 128-hex-digit public key and the P2P
 * endpoint. Hosts are IPv4 addresses, as Besu's node allowlist matches them without DNS support.
 *
 * @param nodeId the public key without 0x04, lowercase hex
 * @param host the IPv4 address peers reach the node at
 * @param port the P2P port
 */
public record Enode(String nodeId, String host, int port) {

  private static final Pattern URL =
      Pattern.compile("enode://([0-9a-fA-F]{128})@([0-9.]+):([0-9]{1,5})(\\?.*)?");

  public Enode {
    if (nodeId == null || !nodeId.matches("[0-9a-fA-F]{128}")) {
      throw new IllegalArgumentException("an enode id is 128 hex digits: " + nodeId);
    }
    nodeId = nodeId.toLowerCase(java.util.Locale.ROOT);
    requireIpv4(host);
    if (port < 1 || port > 65_535) {
      throw new IllegalArgumentException("not a port: " + port);
    }
  }

  /**
   * The enode id of the node whose key is {@code key}: its uncompressed public key without the
   * {@code 0x04} prefix, 128 hex digits, no 0x.
   */
  public static String nodeIdOf(SigningKey key) {
    return key.publicKeyHex().substring(2);
  }

  /** Parses an enode URL. */
  public static Enode parse(String url) {
    Matcher m = URL.matcher(url.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException("not an enode URL: " + url);
    }
    return new Enode(m.group(1), m.group(2), Integer.parseInt(m.group(3)));
  }

  /** The URL as Besu writes it. */
  public String url() {
    return "enode://" + nodeId + "@" + host + ":" + port;
  }

  @Override
  public String toString() {
    return url();
  }

  /** Rejects anything but a dotted-quad IPv4 address. */
  public static String requireIpv4(String host) {
    if (host == null) {
      throw new IllegalArgumentException("a host is missing");
    }
    String[] parts = host.split("\\.", -1);
    boolean ok = parts.length == 4;
    for (int i = 0; ok && i < 4; i++) {
      ok = parts[i].matches("[0-9]{1,3}") && Integer.parseInt(parts[i]) <= 255;
    }
    if (!ok) {
      throw new IllegalArgumentException("not an IPv4 address: '" + host + "'");
    }
    return host;
  }
}
