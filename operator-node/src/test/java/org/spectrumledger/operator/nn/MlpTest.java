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
    Mlp net = new Mlp(new int[] {4, 16, 16, 5}, 42);
    SplittableRandom r = new SplittableRandom(7);
    int batch = 3;
    double[] x = new double[batch * 4];
    double[] target = new double[batch * 5];
    for (int i = 0; i < x.length; i++) {
      x[i] = r.nextDouble() * 2 - 1;
    }
    for (int i = 0; i < target.length; i++) {
      target[i] = r.nextDouble();
    }
    double[] out = net.forward(x, batch).clone();
    double[] dOut = new double[out.length];
    for (int k = 0; k < out.length; k++) {
      dOut[k] = out[k] - target[k];
    }
    net.zeroGradients();
    net.backward(dOut, batch);
    double[] p = net.parameters();
    double h = 1e-6;
    int checked = 0;
    for (int k = 0; k < p.length; k += 7) {
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
          .as("parameter %d", k)
          .isCloseTo(numeric, org.assertj.core.data.Offset.offset(1e-6 + 1e-4 * Math.abs(numeric)));
      checked++;
    }
    assertThat(checked).isGreaterThan(50);
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
