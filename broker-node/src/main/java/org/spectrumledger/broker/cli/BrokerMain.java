package org.spectrumledger.broker.cli;

import picocli.CommandLine;

/** Runs the broker command on its own (a broker process without the rest of the CLI). */
public final class BrokerMain {
  private BrokerMain() {}

  public static void main(String[] args) {
    System.exit(new CommandLine(new BrokerCommand()).execute(args));
  }
}
