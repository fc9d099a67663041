package org.spectrumledger.operator.daemon;

import java.util.OptionalDouble;
import org.spectrumledger.operator.data.TimeSeries;

/** Where an operator's demand comes from, one value per interval. */
public interface DemandSource {

  /** The demand measured in the interval just ended, or empty when there is no more. */
  OptionalDouble next();

  /** A replay of {@code series} from sample {@code from}. */
  static DemandSource replay(TimeSeries series, int from) {
    double[] v = series.values();
    return new DemandSource() {
      private int i = from;

      @Override
      public OptionalDouble next() {
        return i < v.length ? OptionalDouble.of(v[i++]) : OptionalDouble.empty();
      }
    };
  }
}
