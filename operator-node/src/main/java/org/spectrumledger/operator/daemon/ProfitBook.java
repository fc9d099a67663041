package org.spectrumledger.operator.daemon;

/**
 * An operator's profit as the agent's experiments count it, from what really happened on the
 * ledger: revenue from served demand, minus tokens paid for SRU bought, plus tokens received for
 * SRU sold, minus a transaction cost per SRU traded; unserved demand earns nothing. Kept beside the
 * static counterfactual, which holds its licence and never trades.
 */
public final class ProfitBook {

  private final double revenuePerSru;
  private final double transactionCostPerSru;
  private final double licence;
  private double revenue;
  private double paid;
  private double received;
  private double costs;
  private double staticRevenue;
  private double deficit;
  private double surplus;
  private double bought;
  private double sold;
  private long steps;

  public ProfitBook(double licence, double revenuePerSru, double transactionCostPerSru) {
    this.licence = licence;
    this.revenuePerSru = revenuePerSru;
    this.transactionCostPerSru = transactionCostPerSru;
  }

  /** One interval: demand met with {@code holding} SRU, against the static operator's licence. */
  public void serve(double demand, double holding) {
    revenue += revenuePerSru * Math.min(demand, holding);
    staticRevenue += revenuePerSru * Math.min(demand, licence);
    deficit += Math.max(0, demand - holding);
    surplus += Math.max(0, holding - demand);
    steps++;
  }

  /** A settled trade: {@code sru} bought (positive) or sold (negative) for {@code tokens}. */
  public void trade(double sru, double tokens) {
    if (sru > 0) {
      paid += tokens;
      bought += sru;
    } else {
      received += tokens;
      sold += -sru;
    }
    costs += transactionCostPerSru * Math.abs(sru);
  }

  public double profit() {
    return revenue - paid + received - costs;
  }

  public double staticProfit() {
    return staticRevenue;
  }

  public double deficitSruSteps() {
    return deficit;
  }

  public double surplusSruSteps() {
    return surplus;
  }

  public double boughtSru() {
    return bought;
  }

  public double soldSru() {
    return sold;
  }

  public double paidTokens() {
    return paid;
  }

  public double receivedTokens() {
    return received;
  }

  public long steps() {
    return steps;
  }
}
