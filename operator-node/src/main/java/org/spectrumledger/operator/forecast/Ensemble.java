package org.spectrumledger.operator.forecast;

import java.util.List;

/**
 * A forecast combination: per horizon step, the members' forecasts weighted by the inverse of their
 * recent squared error (an exponentially discounted mean, decay per sample), raised to a power.
 * Weights start equal and adapt online as forecasts are scored against what happened.
 *
 * <p>Parameters (defaults): the members (Holt-Winters, lag regression, MLP and persistence), the
 * error memory in days (1; decay = 1 − 1/(days × season)) and the power (2).
 */
public final class Ensemble implements ForecastModel {

  private final List<ForecastModel> members;
  private final double memoryDays;
  private final double power;

  public Ensemble(List<ForecastModel> members, double memoryDays, double power) {
    if (members.isEmpty()) {
      throw new IllegalArgumentException("an ensemble needs members");
    }
    if (!(memoryDays > 0) || !(power > 0)) {
      throw new IllegalArgumentException("memoryDays and power must be positive");
    }
    this.members = List.copyOf(members);
    this.memoryDays = memoryDays;
    this.power = power;
  }

  @Override
  public String name() {
    return "ensemble";
  }

  @Override
  public boolean baseline() {
    return false;
  }

  @Override
  public Forecaster fit(double[] history, int season, int horizon) {
    Forecaster[] fs = new Forecaster[members.size()];
    for (int i = 0; i < fs.length; i++) {
      fs[i] = members.get(i).fit(history, season, horizon);
    }
    double decay = 1 - 1 / (memoryDays * season);
    return new Online(fs, horizon, decay, power);
  }

  private static final class Online implements Forecaster {
    private final Forecaster[] members;
    private final int horizon;
    private final double decay;
    private final double power;
    private final double[][] pending; // ring of past forecasts: [slot][member * horizon + h]
    private final double[][] mse; // [h][member]
    private final double[] buf;
    private long observed;

    Online(Forecaster[] members, int horizon, double decay, double power) {
      this.members = members;
      this.horizon = horizon;
      this.decay = decay;
      this.power = power;
      pending = new double[horizon + 1][members.length * horizon];
      mse = new double[horizon][members.length];
      for (double[] row : mse) {
        java.util.Arrays.fill(row, Double.NaN);
      }
      buf = new double[horizon];
      record();
    }

    /** Stores the members' forecasts from the current origin, to score them later. */
    private void record() {
      double[] slot = pending[(int) (observed % (horizon + 1))];
      for (int m = 0; m < members.length; m++) {
        members[m].forecast(buf);
        System.arraycopy(buf, 0, slot, m * horizon, horizon);
      }
    }

    @Override
    public void observe(double value) {
      observed++;
      for (int h = 1; h <= horizon && h <= observed; h++) {
        double[] slot = pending[(int) ((observed - h) % (horizon + 1))];
        for (int m = 0; m < members.length; m++) {
          double e = value - slot[m * horizon + h - 1];
          double prev = mse[h - 1][m];
          mse[h - 1][m] = Double.isNaN(prev) ? e * e : decay * prev + (1 - decay) * e * e;
        }
      }
      for (Forecaster f : members) {
        f.observe(value);
      }
      record();
    }

    @Override
    public void forecast(double[] out) {
      double[] slot = pending[(int) (observed % (horizon + 1))];
      for (int h = 0; h < out.length; h++) {
        int k = Math.min(h, horizon - 1);
        double wsum = 0;
        double fsum = 0;
        for (int m = 0; m < members.length; m++) {
          double e = mse[k][m];
          double w = Double.isNaN(e) ? 1 : 1 / Math.pow(e + 1e-12, power);
          wsum += w;
          fsum += w * slot[m * horizon + k];
        }
        out[h] = fsum / wsum;
      }
    }

    @Override
    public String name() {
      return "ensemble";
    }
  }
}
