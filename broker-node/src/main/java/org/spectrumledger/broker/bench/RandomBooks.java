package org.spectrumledger.broker.bench;

import java.util.SplittableRandom;
import org.spectrumledger.broker.matching.MatchInput;
import org.spectrumledger.ledger.Side;

/** Seeded random order books for benchmarks and tests: the same seed gives the same book. */
public final class RandomBooks {

  private RandomBooks() {}

  /** A new input holding a random book of the given shape. */
  public static MatchInput generate(BookShape shape, long seed) {
    MatchInput input = new MatchInput(shape.rules(), shape.orders());
    fill(input, shape, seed);
    return input;
  }

  /**
   * Clears {@code target} and fills it with a random book of the given shape. Ids are a shuffled
   * range, so id order differs from arrival order; sequences follow arrival.
   *
   * @throws IllegalArgumentException if the target's rules are not the shape's
   */
  public static void fill(MatchInput target, BookShape shape, long seed) {
    if (!target.rules().equals(shape.rules())) {
      throw new IllegalArgumentException(
          "input rules " + target.rules() + " differ from the shape's " + shape.rules());
    }
    SplittableRandom random = new SplittableRandom(seed);
    int n = shape.orders();
    long[] ids = new long[n];
    for (int i = 0; i < n; i++) {
      ids[i] = 1_000 + i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      long t = ids[i];
      ids[i] = ids[j];
      ids[j] = t;
    }
    long tick = shape.rules().tickSize();
    long lot = shape.rules().lotSize();
    double half = shape.crossTicks() / 2.0;
    target.clear();
    for (int i = 0; i < n; i++) {
      boolean bid = random.nextDouble() < shape.bidShare();
      double centre = shape.midTicks() + (bid ? half : -half);
      long ticks = Math.max(1, Math.round(centre + random.nextGaussian() * shape.spreadTicks()));
      long lots = 1 + random.nextInt(shape.maxLots());
      boolean allOrNone = random.nextDouble() < shape.allOrNoneShare();
      target.add(
          ids[i],
          bid ? Side.BID : Side.ASK,
          ticks * tick,
          lots * lot,
          i / shape.sequenceRun(),
          allOrNone);
    }
  }
}
