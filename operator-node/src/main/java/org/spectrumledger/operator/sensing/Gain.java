package org.spectrumledger.operator.sensing;

/**
 * A gain in percent with its confidence interval; exact values have {@code low == high == value}. A
 * gain whose baseline is zero is undefined and all three are NaN.
 *
 * @param value the estimate, percent
 * @param low lower end of the interval
 * @param high upper end of the interval
 */
public record Gain(double value, double low, double high) {

  public static final Gain UNDEFINED = new Gain(Double.NaN, Double.NaN, Double.NaN);

  public Gain {
    if (!Double.isNaN(value) && !(low <= value && value <= high)) {
      throw new IllegalArgumentException(
          "a gain must lie in its interval: " + value + " not in [" + low + ", " + high + "]");
    }
  }

  /** An exact value (a closed form, or a deterministic count). */
  public static Gain exact(double value) {
    return new Gain(value, value, value);
  }

  public boolean defined() {
    return !Double.isNaN(value);
  }

  /** The larger distance from the estimate to an end of its interval. */
  public double halfWidth() {
    return Math.max(value - low, high - value);
  }

  /** Whether {@code x} lies in the interval. */
  public boolean covers(double x) {
    return low <= x && x <= high;
  }
}
