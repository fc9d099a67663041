package org.spectrumledger.network.admin;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spectrumledger.ledger.Address;
import org.spectrumledger.ledger.LedgerUnavailableException;
import org.spectrumledger.network.generate.NetworkManifest;
import org.spectrumledger.network.node.NodeRole;

/**
 * Adds or removes a QBFT validator by vote: every current validator proposes the change ({@code
 * qbft_proposeValidatorVote}) and puts its vote in the next block it proposes; once more than half
 * of them have voted, the change takes effect. The current set is read from the chain, not from
 * {@code network.json}, so a member voted in earlier votes too.
 *
 * <p>With a wait, the set is polled until it changes and each voter's pending vote is then
 * discarded ({@code qbft_discardValidatorVote}), so no stale vote lingers until the epoch ends.
 */
public final class ValidatorVote {

  private static final Logger LOG = LoggerFactory.getLogger(ValidatorVote.class);

  /** Sleeps between polls; tests pass one that does not. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration d) throws InterruptedException;
  }

  /**
   * What the vote did.
   *
   * @param before the validators when the vote started
   * @param votes each current validator's vote
   * @param after the validators once the change took effect, or empty when not waited for
   */
  public record Result(List<Address> before, List<Outcome> votes, List<Address> after) {}

  private ValidatorVote() {}

  /** The dry-run lines. */
  public static List<String> plan(NetworkDirectory net, Address validator, boolean add) {
    List<String> lines = new ArrayList<>();
    List<NetworkManifest.Node> validators = net.nodes(NodeRole.VALIDATOR);
    lines.add(
        "read the current validators from "
            + names(validators)
            + " (qbft_getValidatorsByBlockNumber \"latest\", first that answers)");
    lines.add(
        "refuse if "
            + validator.checksummed()
            + (add ? " already is a validator" : " is not a validator"));
    lines.add(
        "call qbft_proposeValidatorVote [\""
            + validator.hex()
            + "\", "
            + add
            + "] on every current validator; those of network.json:");
    for (NetworkManifest.Node v : validators) {
      lines.add("  " + v.name() + " at " + net.rpcUrl(v));
    }
    lines.add("succeed when more than half of them voted");
    return lines;
  }

  /**
   * Votes {@code validator} in ({@code add}) or out across the current validators.
   *
   * @param wait how long to wait for the change to take effect; zero to return after voting
   */
  public static Result run(
      NetworkDirectory net,
      NodeRpc rpc,
      Address validator,
      boolean add,
      Duration wait,
      Sleeper sleeper)
      throws InterruptedException {
    List<Address> before = currentValidators(net, rpc);
    if (add && before.contains(validator)) {
      throw new IllegalArgumentException(validator.checksummed() + " already is a validator");
    }
    if (!add && !before.contains(validator)) {
      throw new IllegalArgumentException(
          validator.checksummed() + " is not a validator; the validators are " + before);
    }
    if (!add && before.size() == 1) {
      throw new IllegalArgumentException("the last validator cannot be voted out");
    }
    List<NodeRpc.Target> voters = new ArrayList<>();
    for (Address a : before) {
      NetworkManifest.Node n =
          net.nodeWithAddress(a)
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "validator "
                              + a.checksummed()
                              + " is no node of network.json, so its vote cannot be cast from"
                              + " here"));
      voters.add(net.target(n));
    }
    List<Outcome> votes = new ArrayList<>();
    List<NodeRpc.Target> voted = new ArrayList<>();
    for (NodeRpc.Target t : voters) {
      try {
        rpc.proposeValidatorVote(t, validator, add);
        LOG.info("{} voted to {} {}", t.name(), add ? "add" : "remove", validator);
        votes.add(Outcome.done(t.name(), "voted to " + (add ? "add" : "remove")));
        voted.add(t);
      } catch (LedgerUnavailableException | NodeRpc.RpcError e) {
        votes.add(Outcome.failed(t.name(), e));
      }
    }
    int needed = before.size() / 2 + 1;
    if (voted.size() < needed) {
      throw new LedgerUnavailableException(
          voted.size()
              + " of "
              + before.size()
              + " validators voted; the change needs "
              + needed
              + ": "
              + failures(votes),
          null);
    }
    if (wait.isZero()) {
      return new Result(before, votes, List.of());
    }
    long deadline = System.nanoTime() + wait.toNanos();
    while (true) {
      List<Address> now = rpc.validators(voted.get(0));
      if (now.contains(validator) == add) {
        for (NodeRpc.Target t : voted) {
          rpc.discardValidatorVote(t, validator);
        }
        return new Result(before, votes, now);
      }
      if (System.nanoTime() > deadline) {
        throw new LedgerUnavailableException(
            "the votes are cast but the validators had not changed after "
                + wait.toSeconds()
                + " s (each vote goes into a block its validator proposes); check again with"
                + " 'spectrum network health'",
            null);
      }
      sleeper.sleep(Duration.ofSeconds(1));
    }
  }

  /** The validators of the latest block, from the first validator of network.json that answers. */
  static List<Address> currentValidators(NetworkDirectory net, NodeRpc rpc) {
    List<String> failures = new ArrayList<>();
    for (NetworkManifest.Node n : net.nodes(NodeRole.VALIDATOR)) {
      try {
        return rpc.validators(net.target(n));
      } catch (LedgerUnavailableException | NodeRpc.RpcError e) {
        failures.add(e.getMessage());
      }
    }
    throw new LedgerUnavailableException(
        "no validator told the current validator set: " + String.join("; ", failures), null);
  }

  private static String failures(List<Outcome> outcomes) {
    return String.join(
        "; ", outcomes.stream().filter(o -> !o.done()).map(Outcome::detail).toList());
  }

  private static String names(List<NetworkManifest.Node> nodes) {
    return String.join(", ", nodes.stream().map(NetworkManifest.Node::name).toList());
  }
}
