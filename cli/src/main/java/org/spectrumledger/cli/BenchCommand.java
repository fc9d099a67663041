package org.spectrumledger.cli;

import org.spectrumledger.broker.bench.IntakeBench;
import org.spectrumledger.broker.bench.MatchingBench;
import org.spectrumledger.broker.bench.SettlementBench;
import org.spectrumledger.ledger.bench.Eip712Bench;
import org.spectrumledger.ledger.bench.GasBench;
import org.spectrumledger.operator.cli.AgentBench;
import org.spectrumledger.operator.cli.IsssBench;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code spectrum bench …}: benchmarks that print figures to compare. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Benchmarks: each prints a table and a last line to compare across runs.",
    subcommands = {
      GasBench.class,
      Eip712Bench.class,
      MatchingBench.class,
      IntakeBench.class,
      SettlementBench.class,
      AgentBench.class,
      IsssBench.class
    })
final class BenchCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
