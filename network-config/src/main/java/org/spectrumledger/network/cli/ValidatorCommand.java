package org.spectrumledger.network.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.spectrumledger.ledger.Address;
import org.spectrumledger.ledger.cli.AddressConverter;
import org.spectrumledger.ledger.cli.TextTable;
import org.spectrumledger.network.admin.NetworkDirectory;
import org.spectrumledger.network.admin.Outcome;
import org.spectrumledger.network.admin.ValidatorVote;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code spectrum network validator add|remove}: QBFT votes across the current validators. */
@Command(
    name = "validator",
    mixinStandardHelpOptions = true,
    description =
        "Adds or removes a QBFT validator: every current validator votes"
            + " (qbft_proposeValidatorVote, authenticated); the change takes effect once more than"
            + " half of them have proposed a block with their vote.",
    subcommands = {ValidatorCommand.Add.class, ValidatorCommand.Remove.class})
public final class ValidatorCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Which validator: a node of the network, or an address. */
  static final class Who {
    @Option(names = "--node", paramLabel = "NAME", description = "a node of network.json")
    String node;

    @Option(
        names = "--address",
        paramLabel = "ADDRESS",
        converter = AddressConverter.class,
        description = "a node key's address")
    Address address;

    Address resolve(NetworkDirectory net) {
      return node != null ? net.node(node).address() : address;
    }
  }

  abstract static class Vote implements Callable<Integer> {

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Mixin AdminOptions admin;

    @Mixin DryRunOption dryRun;

    @ArgGroup(multiplicity = "1")
    Who who;

    @Option(
        names = "--wait",
        defaultValue = "0",
        paramLabel = "S",
        description =
            "seconds to wait for the validator set to change, then discard the votes (default:"
                + " return once voted)")
    int waitSeconds;

    abstract boolean add();

    @Override
    public Integer call() throws InterruptedException {
      AdminOptions.requireWait(waitSeconds);
      NetworkDirectory net = admin.network();
      Address validator = who.resolve(net);
      PrintWriter out = spec.commandLine().getOut();
      if (dryRun.print(out, ValidatorVote.plan(net, validator, add()))) {
        return 0;
      }
      ValidatorVote.Result r =
          ValidatorVote.run(
              net,
              admin.rpc(),
              validator,
              add(),
              Duration.ofSeconds(waitSeconds),
              d -> Thread.sleep(d.toMillis()));
      out.println("validators before: " + r.before().size());
      TextTable t = new TextTable("validator", "vote");
      for (Outcome o : r.votes()) {
        t.row(o.node(), o.done() ? o.detail() : "FAILED: " + o.detail());
      }
      out.print(t);
      if (r.after().isEmpty()) {
        out.println(
            "votes cast; the change takes effect once a majority of them is in blocks ("
                + "check with 'spectrum network health', then discard the votes with --wait)");
      } else {
        out.println(
            validator.checksummed()
                + (add() ? " is a validator" : " is no longer a validator")
                + "; validators now: "
                + r.after().size()
                + "; the votes were discarded");
        if (r.after().size() < 4) {
          out.println(
              "note: fewer than 4 validators tolerate no faulty validator; QBFT stops if more than"
                  + " a third of them are down");
        }
      }
      out.flush();
      return 0;
    }
  }

  /** {@code validator add}. */
  @Command(
      name = "add",
      mixinStandardHelpOptions = true,
      description = "Votes a node in as a validator; it should be allowlisted and synced first.")
  static final class Add extends Vote {
    @Override
    boolean add() {
      return true;
    }
  }

  /** {@code validator remove}. */
  @Command(
      name = "remove",
      mixinStandardHelpOptions = true,
      description = "Votes a validator out; keep four or more.")
  static final class Remove extends Vote {
    @Override
    boolean add() {
      return false;
    }
  }
}
