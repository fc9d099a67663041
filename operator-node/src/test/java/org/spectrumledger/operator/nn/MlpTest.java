package org.spectrumledger.operator.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MlpTest {

  /** Loss = Σ 0.5·(out − target)²; dLoss/dOut = out − target. */
  private static double loss(Mlp net, double[] x, double[] target, int batch) {
    double[] out = net.forward(x, batch);
    double l = 0;
    for (int k = 0; k < target.length; k++) {
      double e = out[k] - target[k];
      l += 0.5 * e * e;
    }
    return l;
  }

  @Test
  void backwardMatchesNumericalGradient() {
    gradientCheck(new int[] {4, 16, 16, 5}, 3, false);
  }

  /**
   * Widths and a batch that are not multiples of 4 run both the four-at-a-time loops and their
   * remainders; a single non-zero output per sample is the DDQN's case (only the taken action's
   * error), where zero deltas are skipped.
   */
  @Test
  void backwardMatchesNumericalGradientOnOddShapesAndSparseOutputDeltas() {
    gradientCheck(new int[] {5, 13, 11, 3}, 7, false);
    gradientCheck(new int[] {4, 9, 10, 5}, 6, true);
  }

  private static void gradientCheck(int[] sizes, int batch, boolean oneOutputPerSample) {
    Mlp net = new Mlp(sizes, 42);
    SplittableRandom r = new SplittableRandom(7);
    int in = sizes[0];
    int outs = sizes[sizes.length - 1];
    double[] x = new double[batch * in];
    double[] target = new double[batch * outs];
    for (int i = 0; i < x.length; i++) {
      x[i] = r.nextDouble() * 2 - 1;
    }
    double[] out = net.forward(x, batch).clone();
    for (int i = 0; i < target.length; i++) {
      // with one output per sample, the target equals the output elsewhere: zero error there
      target[i] = oneOutputPerSample && i % outs != (i / outs) % outs ? out[i] : r.nextDouble();
    }
    double[] dOut = new double[out.length];
    int nonZero = 0;
    for (int k = 0; k < out.length; k++) {
      dOut[k] = out[k] - target[k];
      nonZero += dOut[k] != 0 ? 1 : 0;
    }
    assertThat(nonZero).isEqualTo(oneOutputPerSample ? batch : out.length);
    net.zeroGradients();
    net.backward(dOut, batch);
    double[] p = net.parameters();
    double h = 1e-6;
    int checked = 0;
    int step = p.length > 400 ? 7 : 1;
    for (int k = 0; k < p.length; k += step) {
      double keep = p[k];
      p[k] = keep + h;
      net.setParameters(p);
      double up = loss(net, x, target, batch);
      p[k] = keep - h;
      net.setParameters(p);
      double down = loss(net, x, target, batch);
      p[k] = keep;
      net.setParameters(p);
      double numeric = (up - down) / (2 * h);
      assertThat(net.gradient(k))
          .as("parameter %d of %s", k, java.util.Arrays.toString(sizes))
          .isCloseTo(numeric, org.assertj.core.data.Offset.offset(1e-6 + 1e-4 * Math.abs(numeric)));
      checked++;
    }
    assertThat(checked).isGreaterThan(50);
  }

  @Test
  void predictGivesTheBatchForwardsOutputsExactly() {
    Mlp net = new Mlp(new int[] {4, 128, 128, 5}, 11);
    SplittableRandom r = new SplittableRandom(5);
    int batch = 9;
    double[] x = new double[batch * 4];
    for (int i = 0; i < x.length; i++) {
      x[i] = r.nextDouble() * 4 - 2;
    }
    double[] batched = net.forward(x, batch).clone();
    double[] one = new double[5];
    for (int s = 0; s < batch; s++) {
      net.predict(java.util.Arrays.copyOfRange(x, s * 4, s * 4 + 4), one);
      assertThat(one).containsExactly(java.util.Arrays.copyOfRange(batched, s * 5, s * 5 + 5));
    }
  }

  @Test
  void adamFitsASmallRegression() {
    Mlp net = new Mlp(new int[] {1, 16, 1}, 3);
    double[] x = new double[32];
    double[] y = new double[32];
    for (int i = 0; i < 32; i++) {
      x[i] = i / 16.0 - 1;
      y[i] = x[i] * x[i];
    }
    double first = 0;
    double last = 0;
    for (int step = 0; step < 2000; step++) {
      double[] out = net.forward(x, 32);
      double[] d = new double[32];
      double l = 0;
      for (int i = 0; i < 32; i++) {
        d[i] = out[i] - y[i];
        l += d[i] * d[i];
      }
      if (step == 0) {
        first = l;
      }
      last = l;
      net.zeroGradients();
      net.backward(d, 32);
      net.adamStep(0.01, 32);
    }
    assertThat(last).isLessThan(first / 20);
  }

  @Test
  void softUpdateMovesTowardTheSource() {
    Mlp a = new Mlp(new int[] {2, 3, 1}, 1);
    Mlp b = new Mlp(new int[] {2, 3, 1}, 2);
    double before = a.parameters()[0];
    a.softUpdateFrom(b, 0.25);
    assertThat(a.parameters()[0])
        .isCloseTo(
            0.75 * before + 0.25 * b.parameters()[0], org.assertj.core.data.Offset.offset(1e-12));
  }
}
