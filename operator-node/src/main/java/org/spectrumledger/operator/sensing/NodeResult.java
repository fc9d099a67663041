package org.spectrumledger.operator.sensing;

/**
 * The gains at one coordination density E, for ISSS and for cooperative sensing.
 *
 * @param nodes E
 * @param isss ISSS over the single node
 * @param coop cooperative sensing over the single node
 * @param perInterval mean counts per control interval behind the gains
 */
public record NodeResult(
    int nodes, ConfigurationGains isss, ConfigurationGains coop, Counts perInterval) {

  /**
   * Mean interference (accesses to busy bands) and utility (weighted accesses to idle bands) per
   * control interval, and the overheads.
   */
  public record Counts(
      double singleInterference,
      double singleUtility,
      double coopInterference,
      double coopUtility,
      double isssInterference,
      double isssUtility,
      double isssOverhead,
      double coopOverhead,
      double isssObjective) {}
}
