package org.spectrumledger.network.cli;

import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --dry-run}: print what would be done, read no key, send nothing, write nothing. */
public final class DryRunOption {

  @Option(
      names = "--dry-run",
      description = "print what would be done; send nothing to any node and write no file")
  boolean dryRun;

  boolean print(PrintWriter out, List<String> plan) {
    if (dryRun) {
      out.println("dry run: nothing is sent and no file is written; would:");
      plan.forEach(line -> out.println("  " + line));
      out.flush();
    }
    return dryRun;
  }
}
