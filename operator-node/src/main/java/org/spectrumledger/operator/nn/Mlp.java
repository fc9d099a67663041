package org.spectrumledger.operator.nn;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A fully connected network with ReLU hidden layers and a linear output, trained by Adam on
 * mini-batches. Used by the DDQN agent (4 → 128 → 128 → 5) and the MLP forecaster.
 *
 * <p>This is a hot path (one forward pass per decision, a batch update per training step), so it
 * works on preallocated primitive arrays with no allocation, streams or logging in the loops.
 * Weights are stored input-major ({@code w[l][i * out + j]}) so the inner loops are contiguous
 * multiply-adds over the outputs, which the JIT vectorises.
 */
public final class Mlp {

  private static final double BETA1 = 0.9;
  private static final double BETA2 = 0.999;
  private static final double ADAM_EPS = 1e-8;

  private final int[] sizes;
  private final double[][] w;
  private final double[][] b;
  private final double[][] gw;
  private final double[][] gb;
  private final double[][] mw;
  private final double[][] vw;
  private final double[][] mb;
  private final double[][] vb;
  private long adamStep;

  // activations per layer for a batch: act[0] is the input, act[L] the output
  private int capacity;
  private double[][] act;
  private double[][] delta;
  // single-sample buffers for predict()
  private final double[][] one;

  /**
   * @param sizes the layer widths, input first, e.g. {4, 128, 128, 5}
   * @param seed the initialisation seed (He-uniform weights, zero biases)
   */
  public Mlp(int[] sizes, long seed) {
    if (sizes.length < 2) {
      throw new IllegalArgumentException("a network needs an input and an output layer");
    }
    for (int s : sizes) {
      if (s <= 0) {
        throw new IllegalArgumentException(
            "layer widths must be positive: " + Arrays.toString(sizes));
      }
    }
    this.sizes = sizes.clone();
    int layers = sizes.length - 1;
    w = new double[layers][];
    b = new double[layers][];
    gw = new double[layers][];
    gb = new double[layers][];
    mw = new double[layers][];
    vw = new double[layers][];
    mb = new double[layers][];
    vb = new double[layers][];
    SplittableRandom random = new SplittableRandom(seed);
    for (int l = 0; l < layers; l++) {
      int in = sizes[l];
      int out = sizes[l + 1];
      w[l] = new double[in * out];
      double limit = Math.sqrt(6.0 / in);
      for (int k = 0; k < w[l].length; k++) {
        w[l][k] = (2 * random.nextDouble() - 1) * limit;
      }
      b[l] = new double[out];
      gw[l] = new double[in * out];
      gb[l] = new double[out];
      mw[l] = new double[in * out];
      vw[l] = new double[in * out];
      mb[l] = new double[out];
      vb[l] = new double[out];
    }
    one = new double[sizes.length][];
    for (int l = 0; l < sizes.length; l++) {
      one[l] = new double[sizes[l]];
    }
    ensureCapacity(1);
  }

  public int inputs() {
    return sizes[0];
  }

  public int outputs() {
    return sizes[sizes.length - 1];
  }

  public int[] sizes() {
    return sizes.clone();
  }

  /** The number of trainable parameters. */
  public int parameterCount() {
    int n = 0;
    for (int l = 0; l < w.length; l++) {
      n += w[l].length + b[l].length;
    }
    return n;
  }

  /** One sample's outputs into {@code out}; allocation-free. */
  public void predict(double[] x, double[] out) {
    System.arraycopy(x, 0, one[0], 0, sizes[0]);
    for (int l = 0; l < w.length; l++) {
      layer(l, one[l], 0, one[l + 1], 0, l < w.length - 1);
    }
    System.arraycopy(one[w.length], 0, out, 0, outputs());
  }

  private void layer(int l, double[] x, int xOff, double[] z, int zOff, boolean relu) {
    int in = sizes[l];
    int out = sizes[l + 1];
    double[] wl = w[l];
    System.arraycopy(b[l], 0, z, zOff, out);
    for (int i = 0; i < in; i++) {
      double xi = x[xOff + i];
      if (xi == 0) {
        continue;
      }
      int row = i * out;
      for (int j = 0; j < out; j++) {
        z[zOff + j] += xi * wl[row + j];
      }
    }
    if (relu) {
      for (int j = 0; j < out; j++) {
        if (z[zOff + j] < 0) {
          z[zOff + j] = 0;
        }
      }
    }
  }

  private void ensureCapacity(int batch) {
    if (batch <= capacity) {
      return;
    }
    capacity = batch;
    act = new double[sizes.length][];
    delta = new double[sizes.length][];
    for (int l = 0; l < sizes.length; l++) {
      act[l] = new double[batch * sizes[l]];
      delta[l] = new double[batch * sizes[l]];
    }
  }

  /**
   * Forward pass of {@code batch} samples (row-major {@code x[s * inputs + i]}); returns the output
   * buffer (row-major, valid until the next call), kept for {@link #backward}.
   */
  public double[] forward(double[] x, int batch) {
    ensureCapacity(batch);
    int in0 = sizes[0];
    System.arraycopy(x, 0, act[0], 0, batch * in0);
    for (int l = 0; l < w.length; l++) {
      int in = sizes[l];
      int out = sizes[l + 1];
      boolean relu = l < w.length - 1;
      for (int s = 0; s < batch; s++) {
        layer(l, act[l], s * in, act[l + 1], s * out, relu);
      }
    }
    return act[w.length];
  }

  /** Sets every accumulated gradient to zero. */
  public void zeroGradients() {
    for (int l = 0; l < w.length; l++) {
      Arrays.fill(gw[l], 0);
      Arrays.fill(gb[l], 0);
    }
  }

  /**
   * Accumulates the gradients of a loss whose derivative with respect to the outputs of the last
   * {@link #forward} batch is {@code dOut} (row-major).
   */
  public void backward(double[] dOut, int batch) {
    int last = w.length;
    System.arraycopy(dOut, 0, delta[last], 0, batch * sizes[last]);
    for (int l = last - 1; l >= 0; l--) {
      int in = sizes[l];
      int out = sizes[l + 1];
      double[] wl = w[l];
      double[] gwl = gw[l];
      double[] gbl = gb[l];
      double[] dz = delta[l + 1];
      double[] x = act[l];
      double[] dx = delta[l];
      for (int s = 0; s < batch; s++) {
        int zo = s * out;
        int xo = s * in;
        for (int j = 0; j < out; j++) {
          gbl[j] += dz[zo + j];
        }
        for (int i = 0; i < in; i++) {
          double xi = x[xo + i];
          int row = i * out;
          double sum = 0;
          for (int j = 0; j < out; j++) {
            double d = dz[zo + j];
            gwl[row + j] += xi * d;
            sum += wl[row + j] * d;
          }
          // the input layer needs no delta; hidden layers pass it through the ReLU
          dx[xo + i] = l == 0 || xi > 0 ? sum : 0;
        }
      }
    }
  }

  /** One Adam step on the accumulated gradients, scaled by {@code 1/scale} (e.g. the batch). */
  public void adamStep(double learningRate, double scale) {
    adamStep++;
    double c1 = 1 - Math.pow(BETA1, adamStep);
    double c2 = 1 - Math.pow(BETA2, adamStep);
    double lr = learningRate * Math.sqrt(c2) / c1;
    double inv = 1.0 / scale;
    for (int l = 0; l < w.length; l++) {
      adam(w[l], gw[l], mw[l], vw[l], lr, inv);
      adam(b[l], gb[l], mb[l], vb[l], lr, inv);
    }
  }

  private static void adam(double[] p, double[] g, double[] m, double[] v, double lr, double inv) {
    for (int k = 0; k < p.length; k++) {
      double gk = g[k] * inv;
      m[k] = BETA1 * m[k] + (1 - BETA1) * gk;
      v[k] = BETA2 * v[k] + (1 - BETA2) * gk * gk;
      p[k] -= lr * m[k] / (Math.sqrt(v[k]) + ADAM_EPS);
    }
  }

  /** The gradient accumulated for parameter {@code k} in {@link #parameters()} order. */
  public double gradient(int k) {
    for (int l = 0; l < w.length; l++) {
      if (k < gw[l].length) {
        return gw[l][k];
      }
      k -= gw[l].length;
      if (k < gb[l].length) {
        return gb[l][k];
      }
      k -= gb[l].length;
    }
    throw new IndexOutOfBoundsException(k);
  }

  /** All weights and biases, layer by layer (weights input-major, then biases). */
  public double[] parameters() {
    double[] p = new double[parameterCount()];
    int k = 0;
    for (int l = 0; l < w.length; l++) {
      System.arraycopy(w[l], 0, p, k, w[l].length);
      k += w[l].length;
      System.arraycopy(b[l], 0, p, k, b[l].length);
      k += b[l].length;
    }
    return p;
  }

  /** Sets all weights and biases, in {@link #parameters()} order. */
  public void setParameters(double[] p) {
    if (p.length != parameterCount()) {
      throw new IllegalArgumentException(
          "expected " + parameterCount() + " parameters, got " + p.length);
    }
    int k = 0;
    for (int l = 0; l < w.length; l++) {
      System.arraycopy(p, k, w[l], 0, w[l].length);
      k += w[l].length;
      System.arraycopy(p, k, b[l], 0, b[l].length);
      k += b[l].length;
    }
  }

  /** Copies another network's weights (same shape) into this one. */
  public void copyFrom(Mlp other) {
    softUpdateFrom(other, 1.0);
  }

  /** θ ← τ·θ_other + (1 − τ)·θ: the soft target update. */
  public void softUpdateFrom(Mlp other, double tau) {
    if (!Arrays.equals(sizes, other.sizes)) {
      throw new IllegalArgumentException("networks differ in shape");
    }
    for (int l = 0; l < w.length; l++) {
      blend(w[l], other.w[l], tau);
      blend(b[l], other.b[l], tau);
    }
  }

  private static void blend(double[] dst, double[] src, double tau) {
    double keep = 1 - tau;
    for (int k = 0; k < dst.length; k++) {
      dst[k] = tau * src[k] + keep * dst[k];
    }
  }
}
