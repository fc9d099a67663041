package org.spectrumledger.network.admin;

/**
 * What one step of an administrative operation did on one node.
 *
 * @param node the node's name
 * @param done whether the step succeeded
 * @param detail what happened, or why it failed
 */
public record Outcome(String node, boolean done, String detail) {

  static Outcome done(String node, String detail) {
    return new Outcome(node, true, detail);
  }

  static Outcome failed(String node, RuntimeException e) {
    return new Outcome(node, false, e.getMessage());
  }
}
