package org.spectrumledger.operator.agent;

/**
 * What one step did.
 *
 * @param holding the holding after the action
 * @param traded the SRU bought (positive) or sold (negative) after clamping to the limits
 * @param deficit demand above the holding, SRU
 * @param surplus holding above demand, SRU
 * @param paid money paid in the step (negative when earning from SRU sold or lent)
 * @param transactionCost the step's transaction cost
 * @param revenue income from served demand
 * @param reward the agent's reward
 */
public record StepOutcome(
    double holding,
    double traded,
    double deficit,
    double surplus,
    double paid,
    double transactionCost,
    double revenue,
    double reward) {

  /** Revenue from served demand, minus money paid, minus transaction costs. */
  public double profit() {
    return revenue - paid - transactionCost;
  }
}
