package org.spectrumledger.network.node;

import org.spectrumledger.ledger.Address;

/**
 * One node of the network, without its private key.
 *
 * @param name the node's name and directory ({@code validator1}, {@code rpcnode}, {@code member1})
 * @param role what it does
 * @param address the address of its node key (a validator's signing address)
 * @param enode its enode URL
 * @param rpcHostPort the host port its JSON-RPC is published on by the Compose file
 */
public record NodeSpec(String name, NodeRole role, Address address, Enode enode, int rpcHostPort) {

  public NodeSpec {
    requireName(name);
    if (role == null || address == null || enode == null) {
      throw new IllegalArgumentException("node " + name + " needs a role, an address and an enode");
    }
  }

  /** Rejects a name that is not lowercase letters, digits and dashes, starting with a letter. */
  public static String requireName(String name) {
    if (name == null || !name.matches("[a-z][a-z0-9-]*")) {
      throw new IllegalArgumentException(
          "a node name is lowercase letters, digits and dashes: " + name);
    }
    return name;
  }
}
