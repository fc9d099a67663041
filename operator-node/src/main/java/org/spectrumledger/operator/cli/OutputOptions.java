package org.spectrumledger.operator.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The output options every analysis command shares: a table by default, JSON, PNG charts. */
public final class OutputOptions {

  @Option(names = "--json", description = "print JSON instead of a table")
  boolean json;

  @Option(names = "--plot", paramLabel = "DIR", description = "write PNG charts into DIR")
  Path plotDir;
}
