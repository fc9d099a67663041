package org.spectrumledger.operator.agent;

/** The conventional operator: keeps its licence (24 SRU) and never trades. */
public final class StaticPolicy implements Policy {

  private final int hold;

  public StaticPolicy(MarketConfig config) {
    this.hold = config.holdAction();
  }

  @Override
  public int decide(double[] state) {
    return hold;
  }

  @Override
  public String name() {
    return "static";
  }
}
