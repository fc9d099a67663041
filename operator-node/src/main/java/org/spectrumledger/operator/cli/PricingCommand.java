package org.spectrumledger.operator.cli;

@picocli.CommandLine.Command(name = "PricingCommand")
public final class PricingCommand implements Runnable {
  public void run() {}
}
