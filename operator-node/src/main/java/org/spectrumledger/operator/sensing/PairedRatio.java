package org.spectrumledger.operator.sensing;

/**
 * The ratio of two totals accumulated over paired samples (the same control intervals), with a
 * delta-method confidence interval: R = Σx / Σy and Var(R) ≈ Σ(x − R·y)² / ((n − 1)·n·ȳ²). The
 * pairing matters: the configurations see the same primary users, so their counts move together and
 * the ratio is tighter than two independent means would suggest.
 *
 * <p>When x never happened the delta method gives a zero-width interval; then the upper end is the
 * exact Poisson bound on a zero count (−ln((1 − level)/2) events, 3.69 at 95 %) divided by Σy.
 */
final class PairedRatio {

  private long n;
  private double sx;
  private double sy;
  private double sxx;
  private double syy;
  private double sxy;

  void add(double x, double y) {
    n++;
    sx += x;
    sy += y;
    sxx += x * x;
    syy += y * y;
    sxy += x * y;
  }

  double totalX() {
    return sx;
  }

  double totalY() {
    return sy;
  }

  double ratio() {
    return sy == 0 ? Double.NaN : sx / sy;
  }

  /** [low, high] of the ratio at confidence {@code level}; NaN when Σy = 0. */
  double[] interval(double level) {
    double r = ratio();
    if (Double.isNaN(r)) {
      return new double[] {Double.NaN, Double.NaN};
    }
    if (sx == 0) {
      return new double[] {0, -Math.log((1 - level) / 2) / sy};
    }
    double h = 0;
    if (n > 1) {
      double ss = Math.max(0, sxx - 2 * r * sxy + r * r * syy);
      double meanY = sy / n;
      h = Normal.twoSidedZ(level) * Math.sqrt(ss / (n - 1) / n) / meanY;
    }
    return new double[] {r - h, r + h};
  }

  /** G = (1 − R)·100 with its interval: a reduction (of interference). */
  Gain reduction(double level) {
    double r = ratio();
    if (Double.isNaN(r)) {
      return Gain.UNDEFINED;
    }
    double[] i = interval(level);
    return new Gain(100 * (1 - r), 100 * (1 - i[1]), 100 * (1 - i[0]));
  }

  /** G = (R − 1)·100 with its interval: an increase (of utility). */
  Gain increase(double level) {
    double r = ratio();
    if (Double.isNaN(r)) {
      return Gain.UNDEFINED;
    }
    double[] i = interval(level);
    return new Gain(100 * (r - 1), 100 * (i[0] - 1), 100 * (i[1] - 1));
  }
}
