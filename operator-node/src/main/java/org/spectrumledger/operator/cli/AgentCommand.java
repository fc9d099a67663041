package org.spectrumledger.operator.cli;

@picocli.CommandLine.Command(name = "AgentCommand")
public final class AgentCommand implements Runnable {
  public void run() {}
}
