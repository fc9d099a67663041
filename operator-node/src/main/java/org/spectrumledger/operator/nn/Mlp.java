package org.spectrumledger.operator.nn;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A fully connected network with ReLU hidden layers and a linear output, trained by Adam on
 * mini-batches. Used by the DDQN agent (4 → 128 → 128 → 5) and the MLP forecaster.
 *
 * <p>This is a hot path (one forward pass per decision, a batch update per training step), so it
 * works on preallocated primitive arrays with no allocation, streams or logging in the loops. Its
 * layout is chosen so that the JIT vectorises the inner loops:
 *
 * <ul>
 *   <li>Every matrix is an array of rows ({@code w[l][i][j]}, input i to output j; activations and
 *       deltas {@code act[l][s][i]} per sample) and every inner loop runs one index over rows that
 *       all start at 0. With one flat array and a row offset per operand the JIT cannot rule out
 *       that a store overlaps a later load and leaves the loop scalar, several times slower.
 *   <li>The backward pass reads a transposed copy of the weights, rebuilt when they change, so the
 *       input deltas are multiply-adds over rows too instead of dot products.
 *   <li>Zero inputs (half of a ReLU layer's) and zero deltas (all but one output per DDQN sample)
 *       are skipped, and rows are combined four at a time so each output element is loaded and
 *       stored once per four rows (the loops are bound by loads and stores, not arithmetic).
 * </ul>
 *
 * The additions keep the plain row-by-row order, so results are bit-for-bit those of the
 * straightforward triple loops.
 */
public final class Mlp {

  private static final double BETA1 = 0.9;
  private static final double BETA2 = 0.999;
  private static final double ADAM_EPS = 1e-8;

  private final int[] sizes;
  private final int layers;
  // w[l][i][j]: weight from input i to output j of layer l; wt[l][j][i] its transpose
  private final double[][][] w;
  private final double[][][] wt;
  private final double[][] b;
  private final double[][][] gw;
  private final double[][] gb;
  private final double[][][] mw;
  private final double[][][] vw;
  private final double[][] mb;
  private final double[][] vb;
  private boolean transposeStale = true;
  private long adamStep;

  // per-sample rows for a batch: act[0] is the input, act[layers] the output
  private int capacity;
  private double[][][] act;
  private double[][][] delta;
  private double[] output;
  private int[] sampleIndex;
  // indices of the non-zero entries of one row
  private final int[] nonZero;
  // single-sample rows for predict()
  private final double[][] one;

  /**
   * @param sizes the layer widths, input first, e.g. {4, 128, 128, 5}
   * @param seed the initialisation seed (He-uniform weights, zero biases)
   */
  public Mlp(int[] sizes, long seed) {
    if (sizes.length < 2) {
      throw new IllegalArgumentException("a network needs an input and an output layer");
    }
    int widest = 0;
    for (int s : sizes) {
      if (s <= 0) {
        throw new IllegalArgumentException(
            "layer widths must be positive: " + Arrays.toString(sizes));
      }
      widest = Math.max(widest, s);
    }
    this.sizes = sizes.clone();
    layers = sizes.length - 1;
    w = new double[layers][][];
    wt = new double[layers][][];
    b = new double[layers][];
    gw = new double[layers][][];
    gb = new double[layers][];
    mw = new double[layers][][];
    vw = new double[layers][][];
    mb = new double[layers][];
    vb = new double[layers][];
    SplittableRandom random = new SplittableRandom(seed);
    for (int l = 0; l < layers; l++) {
      int in = sizes[l];
      int out = sizes[l + 1];
      w[l] = new double[in][out];
      double limit = Math.sqrt(6.0 / in);
      for (int i = 0; i < in; i++) {
        for (int j = 0; j < out; j++) {
          w[l][i][j] = (2 * random.nextDouble() - 1) * limit;
        }
      }
      wt[l] = new double[out][in];
      b[l] = new double[out];
      gw[l] = new double[in][out];
      gb[l] = new double[out];
      mw[l] = new double[in][out];
      vw[l] = new double[in][out];
      mb[l] = new double[out];
      vb[l] = new double[out];
    }
    nonZero = new int[widest];
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
    return sizes[layers];
  }

  /** The number of trainable parameters. */
  public int parameterCount() {
    int n = 0;
    for (int l = 0; l < layers; l++) {
      n += (sizes[l] + 1) * sizes[l + 1];
    }
    return n;
  }

  /** One sample's outputs into {@code out}; allocation-free. */
  public void predict(double[] x, double[] out) {
    System.arraycopy(x, 0, one[0], 0, sizes[0]);
    for (int l = 0; l < layers; l++) {
      layer(l, one[l], one[l + 1], l < layers - 1);
    }
    System.arraycopy(one[layers], 0, out, 0, outputs());
  }

  /** z = b + Σ_i x[i] · w[i], four non-zero inputs at a time, then the ReLU if asked. */
  private void layer(int l, double[] x, double[] z, boolean relu) {
    int in = sizes[l];
    int out = sizes[l + 1];
    double[][] wl = w[l];
    int[] nz = nonZero;
    int k = 0;
    for (int i = 0; i < in; i++) {
      if (x[i] != 0) {
        nz[k++] = i;
      }
    }
    System.arraycopy(b[l], 0, z, 0, out);
    int p = 0;
    for (; p + 3 < k; p += 4) {
      double x0 = x[nz[p]];
      double x1 = x[nz[p + 1]];
      double x2 = x[nz[p + 2]];
      double x3 = x[nz[p + 3]];
      double[] w0 = wl[nz[p]];
      double[] w1 = wl[nz[p + 1]];
      double[] w2 = wl[nz[p + 2]];
      double[] w3 = wl[nz[p + 3]];
      for (int j = 0; j < out; j++) {
        z[j] = z[j] + x0 * w0[j] + x1 * w1[j] + x2 * w2[j] + x3 * w3[j];
      }
    }
    for (; p < k; p++) {
      double xi = x[nz[p]];
      double[] wi = wl[nz[p]];
      for (int j = 0; j < out; j++) {
        z[j] += xi * wi[j];
      }
    }
    if (relu) {
      for (int j = 0; j < out; j++) {
        if (z[j] < 0) {
          z[j] = 0;
        }
      }
    }
  }

  private void ensureCapacity(int batch) {
    if (batch <= capacity) {
      return;
    }
    capacity = batch;
    act = new double[sizes.length][][];
    delta = new double[sizes.length][][];
    for (int l = 0; l < sizes.length; l++) {
      act[l] = new double[batch][sizes[l]];
      delta[l] = new double[batch][sizes[l]];
    }
    output = new double[batch * outputs()];
    sampleIndex = new int[batch];
  }

  /**
   * Forward pass of {@code batch} samples (row-major {@code x[s * inputs + i]}); returns the output
   * buffer (row-major, valid until the next call), kept for {@link #backward}.
   */
  public double[] forward(double[] x, int batch) {
    ensureCapacity(batch);
    int in0 = sizes[0];
    int outL = outputs();
    for (int s = 0; s < batch; s++) {
      System.arraycopy(x, s * in0, act[0][s], 0, in0);
    }
    for (int l = 0; l < layers; l++) {
      boolean relu = l < layers - 1;
      for (int s = 0; s < batch; s++) {
        layer(l, act[l][s], act[l + 1][s], relu);
      }
    }
    for (int s = 0; s < batch; s++) {
      System.arraycopy(act[layers][s], 0, output, s * outL, outL);
    }
    return output;
  }

  /** Sets every accumulated gradient to zero. */
  public void zeroGradients() {
    for (int l = 0; l < layers; l++) {
      for (double[] row : gw[l]) {
        Arrays.fill(row, 0);
      }
      Arrays.fill(gb[l], 0);
    }
  }

  /**
   * Accumulates the gradients of a loss whose derivative with respect to the outputs of the last
   * {@link #forward} batch is {@code dOut} (row-major).
   */
  public void backward(double[] dOut, int batch) {
    int outL = outputs();
    for (int s = 0; s < batch; s++) {
      System.arraycopy(dOut, s * outL, delta[layers][s], 0, outL);
    }
    if (transposeStale) {
      transpose();
    }
    for (int l = layers - 1; l >= 0; l--) {
      int out = sizes[l + 1];
      double[][] dz = delta[l + 1];
      double[] gbl = gb[l];
      for (int s = 0; s < batch; s++) {
        double[] d = dz[s];
        for (int j = 0; j < out; j++) {
          gbl[j] += d[j];
        }
      }
      weightGradients(l, batch);
      // the input layer needs no delta; hidden layers pass it back through the ReLU
      if (l > 0) {
        inputDeltas(l, batch);
      }
    }
  }

  /** gw[i] += Σ_s x[s][i] · dz[s], four samples at a time, skipping x[s][i] = 0. */
  private void weightGradients(int l, int batch) {
    int in = sizes[l];
    int out = sizes[l + 1];
    double[][] x = act[l];
    double[][] dz = delta[l + 1];
    int[] nz = sampleIndex;
    for (int i = 0; i < in; i++) {
      int k = 0;
      for (int s = 0; s < batch; s++) {
        if (x[s][i] != 0) {
          nz[k++] = s;
        }
      }
      double[] g = gw[l][i];
      int p = 0;
      for (; p + 3 < k; p += 4) {
        double x0 = x[nz[p]][i];
        double x1 = x[nz[p + 1]][i];
        double x2 = x[nz[p + 2]][i];
        double x3 = x[nz[p + 3]][i];
        double[] d0 = dz[nz[p]];
        double[] d1 = dz[nz[p + 1]];
        double[] d2 = dz[nz[p + 2]];
        double[] d3 = dz[nz[p + 3]];
        for (int j = 0; j < out; j++) {
          g[j] = g[j] + x0 * d0[j] + x1 * d1[j] + x2 * d2[j] + x3 * d3[j];
        }
      }
      for (; p < k; p++) {
        double xi = x[nz[p]][i];
        double[] d = dz[nz[p]];
        for (int j = 0; j < out; j++) {
          g[j] += xi * d[j];
        }
      }
    }
  }

  /**
   * dx[s] = Σ_j dz[s][j] · wt[j] over the transposed weights, four rows at a time, skipping
   * dz[s][j] = 0, then through the ReLU whose output is this layer's input.
   */
  private void inputDeltas(int l, int batch) {
    int in = sizes[l];
    int out = sizes[l + 1];
    double[][] wtl = wt[l];
    int[] nz = nonZero;
    for (int s = 0; s < batch; s++) {
      double[] d = delta[l + 1][s];
      double[] dx = delta[l][s];
      double[] x = act[l][s];
      int k = 0;
      for (int j = 0; j < out; j++) {
        if (d[j] != 0) {
          nz[k++] = j;
        }
      }
      Arrays.fill(dx, 0);
      int p = 0;
      for (; p + 3 < k; p += 4) {
        double d0 = d[nz[p]];
        double d1 = d[nz[p + 1]];
        double d2 = d[nz[p + 2]];
        double d3 = d[nz[p + 3]];
        double[] w0 = wtl[nz[p]];
        double[] w1 = wtl[nz[p + 1]];
        double[] w2 = wtl[nz[p + 2]];
        double[] w3 = wtl[nz[p + 3]];
        for (int i = 0; i < in; i++) {
          dx[i] = dx[i] + d0 * w0[i] + d1 * w1[i] + d2 * w2[i] + d3 * w3[i];
        }
      }
      for (; p < k; p++) {
        double dj = d[nz[p]];
        double[] wj = wtl[nz[p]];
        for (int i = 0; i < in; i++) {
          dx[i] += dj * wj[i];
        }
      }
      for (int i = 0; i < in; i++) {
        if (!(x[i] > 0)) {
          dx[i] = 0;
        }
      }
    }
  }

  private void transpose() {
    // the input layer's transpose is never read: it has no delta to pass back
    for (int l = 1; l < layers; l++) {
      double[][] src = w[l];
      double[][] dst = wt[l];
      for (int i = 0; i < src.length; i++) {
        double[] row = src[i];
        for (int j = 0; j < row.length; j++) {
          dst[j][i] = row[j];
        }
      }
    }
    transposeStale = false;
  }

  /** One Adam step on the accumulated gradients, scaled by {@code 1/scale} (e.g. the batch). */
  public void adamStep(double learningRate, double scale) {
    adamStep++;
    transposeStale = true;
    double c1 = 1 - Math.pow(BETA1, adamStep);
    double c2 = 1 - Math.pow(BETA2, adamStep);
    double lr = learningRate * Math.sqrt(c2) / c1;
    double inv = 1.0 / scale;
    for (int l = 0; l < layers; l++) {
      for (int i = 0; i < w[l].length; i++) {
        adam(w[l][i], gw[l][i], mw[l][i], vw[l][i], lr, inv);
      }
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
    for (int l = 0; l < layers; l++) {
      int in = sizes[l];
      int out = sizes[l + 1];
      if (k < in * out) {
        return gw[l][k / out][k % out];
      }
      k -= in * out;
      if (k < out) {
        return gb[l][k];
      }
      k -= out;
    }
    throw new IndexOutOfBoundsException(k);
  }

  /** All weights and biases, layer by layer (weights input-major, then biases). */
  public double[] parameters() {
    double[] p = new double[parameterCount()];
    int k = 0;
    for (int l = 0; l < layers; l++) {
      for (double[] row : w[l]) {
        System.arraycopy(row, 0, p, k, row.length);
        k += row.length;
      }
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
    transposeStale = true;
    int k = 0;
    for (int l = 0; l < layers; l++) {
      for (double[] row : w[l]) {
        System.arraycopy(p, k, row, 0, row.length);
        k += row.length;
      }
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
    transposeStale = true;
    for (int l = 0; l < layers; l++) {
      for (int i = 0; i < w[l].length; i++) {
        blend(w[l][i], other.w[l][i], tau);
      }
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
