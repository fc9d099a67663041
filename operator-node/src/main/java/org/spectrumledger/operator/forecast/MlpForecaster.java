package org.spectrumledger.operator.forecast;

import java.util.SplittableRandom;
import org.spectrumledger.operator.nn.Mlp;

/**
 * A learned model: a small MLP on a lag window that outputs the changes from the last value to each
 * of the next H values at once. Inputs (all relative to the last value): the last {@code lags}
 * changes, the rolling-mean gaps of {@link LagFeatures}, and the value one day before each target.
 * Trained on the training history by Adam with a chronological 80/20 split for early stopping, then
 * frozen.
 *
 * <p>Parameters (defaults): hidden width 32, lag window min(season, 24), at most 6000 training
 * windows (evenly spaced), batch 32, at most 100 epochs, patience 10, learning rate 0.001, seed.
 */
public final class MlpForecaster implements ForecastModel {

  private final int hidden;
  private final int maxWindows;
  private final int maxEpochs;
  private final long seed;

  public MlpForecaster(int hidden, int maxWindows, int maxEpochs, long seed) {
    if (hidden < 1 || maxWindows < 10 || maxEpochs < 1) {
      throw new IllegalArgumentException("mlp needs hidden >= 1, maxWindows >= 10, epochs >= 1");
    }
    this.hidden = hidden;
    this.maxWindows = maxWindows;
    this.maxEpochs = maxEpochs;
    this.seed = seed;
  }

  public MlpForecaster(long seed) {
    this(32, 6000, 100, seed);
  }

  @Override
  public String name() {
    return "mlp";
  }

  @Override
  public boolean baseline() {
    return false;
  }

  @Override
  public Forecaster fit(double[] history, int season, int horizon) {
    int lags = Math.min(season, 24);
    int first = Math.max(season, lags) + 1;
    int origins = history.length - horizon - first;
    if (origins < 20) {
      throw new IllegalArgumentException(
          "mlp needs at least " + (first + horizon + 20) + " samples, got " + history.length);
    }
    Encoder enc = new Encoder(lags, season, horizon);
    LagFeatures.Prefix y = new LagFeatures.Prefix(history, 0);
    int stride = Math.max(1, origins / maxWindows);
    int n = (origins + stride - 1) / stride;
    double[] xs = new double[n * enc.inputs];
    double[] ys = new double[n * horizon];
    double[] row = new double[enc.inputs];
    for (int k = 0; k < n; k++) {
      int t = first + k * stride;
      enc.encode(y, t, row);
      System.arraycopy(row, 0, xs, k * enc.inputs, enc.inputs);
      for (int h = 1; h <= horizon; h++) {
        ys[k * horizon + h - 1] = history[t + h] - history[t];
      }
    }
    enc.standardise(xs, ys, n);
    Mlp net = train(xs, ys, n, enc.inputs, horizon);
    return new Online(y, enc, net, horizon);
  }

  private Mlp train(double[] xs, double[] ys, int n, int in, int out) {
    Mlp net = new Mlp(new int[] {in, hidden, out}, seed);
    Mlp best = new Mlp(new int[] {in, hidden, out}, seed);
    best.copyFrom(net);
    int nTrain = Math.max(1, (int) (n * 0.8));
    int batch = 32;
    int[] order = new int[nTrain];
    for (int i = 0; i < nTrain; i++) {
      order[i] = i;
    }
    SplittableRandom random = new SplittableRandom(seed ^ 0x5DEECE66DL);
    double[] bx = new double[batch * in];
    double[] dOut = new double[batch * out];
    double bestLoss = Double.POSITIVE_INFINITY;
    int patience = 0;
    for (int epoch = 0; epoch < maxEpochs && patience < 10; epoch++) {
      for (int i = nTrain - 1; i > 0; i--) {
        int j = random.nextInt(i + 1);
        int tmp = order[i];
        order[i] = order[j];
        order[j] = tmp;
      }
      for (int s = 0; s < nTrain; s += batch) {
        int m = Math.min(batch, nTrain - s);
        for (int r = 0; r < m; r++) {
          System.arraycopy(xs, order[s + r] * in, bx, r * in, in);
        }
        double[] pred = net.forward(bx, m);
        for (int r = 0; r < m; r++) {
          int idx = order[s + r];
          for (int o = 0; o < out; o++) {
            dOut[r * out + o] = 2 * (pred[r * out + o] - ys[idx * out + o]) / out;
          }
        }
        net.zeroGradients();
        net.backward(dOut, m);
        net.adamStep(1e-3, m);
      }
      double loss = n > nTrain ? mse(net, xs, ys, nTrain, n, in, out) : 0;
      if (loss < bestLoss - 1e-9) {
        bestLoss = loss;
        best.copyFrom(net);
        patience = 0;
      } else {
        patience++;
      }
    }
    return best;
  }

  private static double mse(Mlp net, double[] xs, double[] ys, int from, int to, int in, int out) {
    double[] x = new double[in];
    double[] p = new double[out];
    double s = 0;
    for (int k = from; k < to; k++) {
      System.arraycopy(xs, k * in, x, 0, in);
      net.predict(x, p);
      for (int o = 0; o < out; o++) {
        double e = p[o] - ys[k * out + o];
        s += e * e;
      }
    }
    return s / ((to - from) * (double) out);
  }

  /** Builds and standardises the inputs; remembers the scales for forecasting. */
  private static final class Encoder {
    final int lags;
    final int season;
    final int horizon;
    final int inputs;
    final double[] mean;
    final double[] sd;
    double ySd = 1;
    private final double[] f = new double[LagFeatures.COUNT];

    Encoder(int lags, int season, int horizon) {
      this.lags = lags;
      this.season = season;
      this.horizon = horizon;
      this.inputs = lags + 4 + horizon;
      mean = new double[inputs];
      sd = new double[inputs];
      java.util.Arrays.fill(sd, 1);
    }

    void encode(LagFeatures.Prefix y, int t, double[] x) {
      double last = y.get(t);
      for (int k = 1; k <= lags; k++) {
        x[k - 1] = y.get(Math.max(0, t - k)) - last;
      }
      LagFeatures.at(y, t, 1, season, f);
      x[lags] = f[3];
      x[lags + 1] = f[4];
      x[lags + 2] = f[5];
      x[lags + 3] = f[6];
      for (int h = 1; h <= horizon; h++) {
        int daily = t + h - season * ((h - 1) / season + 1);
        x[lags + 3 + h] = daily >= 0 ? y.get(daily) - last : 0;
      }
      for (int i = 0; i < inputs; i++) {
        x[i] = (x[i] - mean[i]) / sd[i];
      }
    }

    void standardise(double[] xs, double[] ys, int n) {
      for (int i = 0; i < inputs; i++) {
        double s = 0;
        double s2 = 0;
        for (int k = 0; k < n; k++) {
          double v = xs[k * inputs + i];
          s += v;
          s2 += v * v;
        }
        mean[i] = s / n;
        sd[i] = Math.max(1e-6, Math.sqrt(Math.max(0, s2 / n - mean[i] * mean[i])));
        for (int k = 0; k < n; k++) {
          xs[k * inputs + i] = (xs[k * inputs + i] - mean[i]) / sd[i];
        }
      }
      double s2 = 0;
      for (double v : ys) {
        s2 += v * v;
      }
      ySd = Math.max(1e-6, Math.sqrt(s2 / ys.length));
      for (int k = 0; k < ys.length; k++) {
        ys[k] /= ySd;
      }
    }
  }

  private static final class Online implements Forecaster {
    private final LagFeatures.Prefix y;
    private final Encoder enc;
    private final Mlp net;
    private final int horizon;
    private final double[] x;
    private final double[] out;

    Online(LagFeatures.Prefix y, Encoder enc, Mlp net, int horizon) {
      this.y = y;
      this.enc = enc;
      this.net = net;
      this.horizon = horizon;
      this.x = new double[enc.inputs];
      this.out = new double[horizon];
    }

    @Override
    public void observe(double value) {
      y.add(value);
    }

    @Override
    public void forecast(double[] result) {
      int t = y.size() - 1;
      enc.encode(y, t, x);
      net.predict(x, out);
      double last = y.get(t);
      for (int h = 0; h < result.length; h++) {
        result[h] = last + out[Math.min(h, horizon - 1)] * enc.ySd;
      }
    }

    @Override
    public String name() {
      return "mlp";
    }
  }
}
