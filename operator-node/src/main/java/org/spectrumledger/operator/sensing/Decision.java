package org.spectrumledger.operator.sensing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Step 4 of Algorithm 1: the controller's decision for one control interval.
 *
 * @param plan who sensed what (s_b) and the overhead O_ISSS
 * @param idle â_b, the fused availability estimate of each band
 * @param bandOfService the band given to each service, or -1: x_{u,b} = 1 iff bandOfService[u] = b
 * @param utility U(t) = Σ w_u x_{u,b}
 * @param sensingCost Σ c_b s_b
 * @param objective U(t) − λ Σ c_b s_b, the joint objective of the paper's §3.4
 * @param ignoredReadings readings from nodes the plan did not assign to their band
 */
public record Decision(
    SensingPlan plan,
    boolean[] idle,
    int[] bandOfService,
    double utility,
    double sensingCost,
    double objective,
    int ignoredReadings) {

  public Decision {
    idle = idle.clone();
    bandOfService = bandOfService.clone();
  }

  /** â_b. */
  public boolean idle(int band) {
    return idle[band];
  }

  /** The service holding {@code band}, or -1. */
  public int serviceOf(int band) {
    for (int u = 0; u < bandOfService.length; u++) {
      if (bandOfService[u] == band) {
        return u;
      }
    }
    return -1;
  }

  /** O_ISSS of this interval. */
  public double overhead() {
    return plan.overhead();
  }

  /** Number of services that received a band. */
  public int servedServices() {
    int n = 0;
    for (int b : bandOfService) {
      n += b >= 0 ? 1 : 0;
    }
    return n;
  }

  /**
   * The availability estimates of a cell as band verdicts, band index i standing for {@code
   * bandIds[i]}: what the sensing reporter submits and the market gate reads.
   */
  public CellSensing estimates(long cell, long[] bandIds, long observedAt) {
    if (bandIds.length != idle.length) {
      throw new IllegalArgumentException(
          bandIds.length + " band ids for a decision over " + idle.length + " bands");
    }
    List<CellSensing.BandEstimate> out = new ArrayList<>(bandIds.length);
    for (int b = 0; b < bandIds.length; b++) {
      if (plan.sensed(b)) {
        out.add(new CellSensing.BandEstimate(bandIds[b], idle[b]));
      }
    }
    return new CellSensing(cell, observedAt, out);
  }

  @Override
  public boolean[] idle() {
    return idle.clone();
  }

  @Override
  public int[] bandOfService() {
    return bandOfService.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Decision d
        && plan.equals(d.plan)
        && Arrays.equals(idle, d.idle)
        && Arrays.equals(bandOfService, d.bandOfService)
        && Double.compare(objective, d.objective) == 0
        && ignoredReadings == d.ignoredReadings;
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bandOfService) * 31 + Arrays.hashCode(idle);
  }

  @Override
  public String toString() {
    return "Decision[idle="
        + Arrays.toString(idle)
        + ", bandOfService="
        + Arrays.toString(bandOfService)
        + ", utility="
        + utility
        + ", objective="
        + objective
        + "]";
  }
}
