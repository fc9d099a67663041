package org.spectrumledger.ledger.devchain;

/**
 * Started in a child JVM by {@link AnvilChainTest}: starts anvil, reports, then waits to be killed.
 */
public final class AnvilKillProbe {
  private AnvilKillProbe() {}

  public static void main(String[] args) throws InterruptedException {
    AnvilChain chain = AnvilChain.start(DevChainOptions.defaults().withAccounts(2));
    System.out.println("READY " + chain.rpcUrl());
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }
}
