package org.spectrumledger.operator.sensing;

/**
 * The gains Algorithm 2 converges to, in closed form. Every band is independently busy with
 * probability P_busy and a configuration finds it idle (and accesses it) with probability P(vote ≥
 * threshold), a binomial tail over its observations. The number K of bands found idle is
 * Binomial(|B|, q); the services take min(K, |U|) of them, and because the bands are independent
 * and the ranking ignores the true state, each band taken is idle with probability P(idle | found
 * idle). So
 *
 * <pre>
 * E[I] = P(busy | found idle) · Σ_{i=1..min(|U|,|B|)} P(K ≥ i)
 * E[U] = P(idle | found idle) · Σ_{i=1..min(|U|,|B|)} w_(i) · P(K ≥ i)
 * </pre>
 *
 * with w_(i) the weights in the order the configuration serves them (descending for ISSS, index
 * order for the baselines). Gains are ratios of these expectations, as the simulation's ratios of
 * totals converge to them. The channel's memory does not enter: each interval sees the steady
 * state.
 */
public final class ClosedFormGains {

  private ClosedFormGains() {}

  /** Exact gains of ISSS and cooperative sensing at P_busy and E. */
  public static NodeResult at(SimulationConfig config, double pBusy, int nodes) {
    BirthDeathChannel.requireProbability(pBusy);
    TieRule tie = config.tie();
    DetectionModel single = config.single();
    DetectionModel improved = config.interchange().improve(single, nodes, pBusy);
    int isssVotes = config.mode().votesPerBand(nodes);

    double[] indexOrder = config.weights();
    double[] byWeight = new double[indexOrder.length];
    int[] order = EdgeController.byDescendingWeight(indexOrder);
    for (int i = 0; i < order.length; i++) {
      byWeight[i] = indexOrder[order[i]];
    }
    int bands = config.bands();

    double[] s =
        expected(
            bands,
            pBusy,
            accessProbability(1, single.pD(), tie),
            accessProbability(1, single.pF(), tie),
            indexOrder);
    double[] c =
        expected(
            bands,
            pBusy,
            accessProbability(nodes, single.pD(), tie),
            accessProbability(nodes, single.pF(), tie),
            indexOrder);
    double[] i =
        expected(
            bands,
            pBusy,
            accessProbability(isssVotes, improved.pD(), tie),
            accessProbability(isssVotes, improved.pF(), tie),
            byWeight);

    double oIsss = config.overhead().isss(bands, nodes, config.mode());
    double oCoop = OverheadModel.cooperative(bands, nodes);
    ConfigurationGains isss =
        new ConfigurationGains(
            reduction(i[0], s[0]), increase(i[1], s[1]), Gain.exact(100 * (1 - oIsss / oCoop)));
    ConfigurationGains coop =
        new ConfigurationGains(reduction(c[0], s[0]), increase(c[1], s[1]), Gain.exact(0));
    return new NodeResult(
        nodes,
        isss,
        coop,
        new NodeResult.Counts(s[0], s[1], c[0], c[1], i[0], i[1], oIsss, oCoop, Double.NaN));
  }

  /** P(a vote of {@code votes} observations, each idle with probability p, says idle). */
  static double accessProbability(int votes, double p, TieRule tie) {
    return Binomial.atLeast(votes, tie.idleVotesNeeded(votes), p);
  }

  /** {E[I], E[U]} per interval for per-band access probabilities given idle and given busy. */
  static double[] expected(
      int bands, double pBusy, double accessIfIdle, double accessIfBusy, double[] servedWeights) {
    double q = (1 - pBusy) * accessIfIdle + pBusy * accessIfBusy;
    if (q == 0) {
      return new double[] {0, 0};
    }
    double idleGivenAccess = (1 - pBusy) * accessIfIdle / q;
    int slots = Math.min(bands, servedWeights.length);
    double taken = 0;
    double weighted = 0;
    for (int i = 1; i <= slots; i++) {
      double pAtLeast = Binomial.atLeast(bands, i, q);
      taken += pAtLeast;
      weighted += servedWeights[i - 1] * pAtLeast;
    }
    return new double[] {(1 - idleGivenAccess) * taken, idleGivenAccess * weighted};
  }

  private static Gain reduction(double x, double baseline) {
    return baseline == 0 ? Gain.UNDEFINED : Gain.exact(100 * (1 - x / baseline));
  }

  private static Gain increase(double x, double baseline) {
    return baseline == 0 ? Gain.UNDEFINED : Gain.exact(100 * (x / baseline - 1));
  }
}
