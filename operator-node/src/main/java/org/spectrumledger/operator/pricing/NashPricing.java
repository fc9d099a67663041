package org.spectrumledger.operator.pricing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Price competition between a ground (G), a UAV (U) and a HAP (H) provider for unlicensed
 * common-pool slices, after the bio-inspired 3D paper (ALGORITHMS.md §5): users in each area buy
 * from the providers serving it with linear demand (eq. 3–4), each provider's profit adds the
 * licensed revenue minus an SLA discount (eq. 5–6), and best-response dynamics find the Nash
 * equilibrium (eq. 8). Each provider's profit is a concave quadratic in its own price, so its best
 * response has a closed form.
 *
 * <p>Per-user demand comes from the quadratic utility of eq. 2 with the curvature matrix M =
 * [[|β_G|, γ, ζ], [γ, |β_U|, ε], [ζ, ε, |β_H|]]: b = M⁻¹(α − P) over the providers present. The
 * printed β are negative, which makes the utility convex; {@code |β|} is used (ALGORITHMS.md). With
 * {@link Coefficients#DERIVED} (default) both the own- and the cross-price coefficients come from
 * M⁻¹; its diagonal reproduces the printed μ = 0.02, 0.015, 0.011. With {@link
 * Coefficients#PRINTED} the printed cross coefficients (9e-3 G–U, 7e-3 G–H, 8e-3 U–H), ten times
 * M⁻¹'s, are used instead.
 */
public final class NashPricing {

  /** Which cross-price coefficients to use. */
  public enum Coefficients {
    DERIVED,
    PRINTED
  }

  /** The providers, in the paper's order i, j, k. */
  public static final List<String> PROVIDERS = List.of("G", "U", "H");

  /**
   * The model's parameters (paper §IV).
   *
   * @param alpha α, the utility's linear term (1300)
   * @param betaAbs |β_G|, |β_U|, |β_H| (50.23, 67.09, 91.44)
   * @param gamma λ_GU (2.85)
   * @param epsilon λ_UH (4.7)
   * @param zeta λ_GH (3)
   * @param safePrice licensed price per slice P_safe (800, 900, 1000)
   * @param discount d_i, the SLA discount share of P_safe (0.20, 0.15, 0.10)
   * @param licensedPerUser b^l, licensed slices per user (5)
   * @param minLicensedDemand B^l, the users' minimum licensed demand per licensed slice in the
   *     discount term; not printed in the paper (default 1)
   * @param users users per area 1…7 (40, 30, 30, 20, 20, 10, 10)
   * @param serves which areas each provider serves (H: 1–7, U: 2–7, G: 3, 5, 7)
   * @param coefficients which cross-price coefficients
   */
  public record Parameters(
      double alpha,
      double[] betaAbs,
      double gamma,
      double epsilon,
      double zeta,
      double[] safePrice,
      double[] discount,
      double licensedPerUser,
      double minLicensedDemand,
      double[] users,
      boolean[][] serves,
      Coefficients coefficients) {

    public Parameters {
      if (betaAbs.length != 3
          || safePrice.length != 3
          || discount.length != 3
          || serves.length != 3) {
        throw new IllegalArgumentException("three providers: G, U, H");
      }
      for (double b : betaAbs) {
        if (!(b > 0)) {
          throw new IllegalArgumentException("|β| must be positive");
        }
      }
      if (users.length == 0 || !(licensedPerUser > 0)) {
        throw new IllegalArgumentException("need areas and licensedPerUser > 0");
      }
      betaAbs = betaAbs.clone();
      safePrice = safePrice.clone();
      discount = discount.clone();
      users = users.clone();
    }

    public static Parameters paper() {
      boolean[][] serves = new boolean[3][7];
      for (int a : new int[] {2, 4, 6}) {
        serves[0][a] = true; // G: areas 3, 5, 7
      }
      for (int a = 1; a < 7; a++) {
        serves[1][a] = true; // U: areas 2…7
      }
      Arrays.fill(serves[2], true); // H: areas 1…7
      return new Parameters(
          1300,
          new double[] {50.23, 67.09, 91.44},
          2.85,
          4.7,
          3,
          new double[] {800, 900, 1000},
          new double[] {0.20, 0.15, 0.10},
          5,
          1,
          new double[] {40, 30, 30, 20, 20, 10, 10},
          serves,
          Coefficients.DERIVED);
    }

    /** The same with every area's users multiplied by {@code factor}. */
    public Parameters withUserScale(double factor) {
      double[] u = users.clone();
      for (int i = 0; i < u.length; i++) {
        u[i] *= factor;
      }
      return new Parameters(
          alpha,
          betaAbs,
          gamma,
          epsilon,
          zeta,
          safePrice,
          discount,
          licensedPerUser,
          minLicensedDemand,
          u,
          serves,
          coefficients);
    }

    public Parameters withCoefficients(Coefficients c) {
      return new Parameters(
          alpha,
          betaAbs,
          gamma,
          epsilon,
          zeta,
          safePrice,
          discount,
          licensedPerUser,
          minLicensedDemand,
          users,
          serves,
          c);
    }

    int areas() {
      return users.length;
    }
  }

  /**
   * The equilibrium: prices, demands and profits per provider and area (NaN where a provider does
   * not serve), total profit per provider, iterations, and the largest profit gain any provider
   * could get by moving its own price alone (≈ 0 at a Nash equilibrium).
   */
  public record Equilibrium(
      double[][] price,
      double[][] demand,
      double[][] profit,
      double[] totalProfit,
      int iterations,
      double maxDeviationGain) {

    /** The mean price of each provider over the areas all three serve. */
    public double[] sharedAreaPrice(Parameters p) {
      double[] out = new double[3];
      int count = 0;
      for (int a = 0; a < p.areas(); a++) {
        if (p.serves()[0][a] && p.serves()[1][a] && p.serves()[2][a]) {
          for (int i = 0; i < 3; i++) {
            out[i] += price[i][a];
          }
          count++;
        }
      }
      for (int i = 0; i < 3; i++) {
        out[i] /= Math.max(1, count);
      }
      return out;
    }
  }

  private final Parameters p;

  public NashPricing(Parameters parameters) {
    this.p = parameters;
  }

  /** Per-area linear demand: D_i = B_i − κ_ii P_i + Σ_j κ_ij P_j over the providers present. */
  private record AreaDemand(int[] present, double[] base, double[][] kappa) {}

  private AreaDemand demandModel(int area) {
    List<Integer> present = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      if (p.serves()[i][area]) {
        present.add(i);
      }
    }
    int m = present.size();
    double[][] full = {
      {p.betaAbs()[0], p.gamma(), p.zeta()},
      {p.gamma(), p.betaAbs()[1], p.epsilon()},
      {p.zeta(), p.epsilon(), p.betaAbs()[2]}
    };
    double[][] sub = new double[m][m];
    for (int r = 0; r < m; r++) {
      for (int c = 0; c < m; c++) {
        sub[r][c] = full[present.get(r)][present.get(c)];
      }
    }
    double[][] inv = invert(sub);
    double n = p.users()[area];
    double[] base = new double[m];
    double[][] kappa = new double[m][m];
    double[][] printedCross = {{0, 9e-3, 7e-3}, {9e-3, 0, 8e-3}, {7e-3, 8e-3, 0}};
    for (int r = 0; r < m; r++) {
      for (int c = 0; c < m; c++) {
        base[r] += inv[r][c] * p.alpha();
        // demand is b = M⁻¹(α − P): own coefficient M⁻¹_rr, cross coefficient −M⁻¹_rc
        double coef = r == c ? inv[r][c] : -inv[r][c];
        if (r != c && p.coefficients() == Coefficients.PRINTED) {
          coef = printedCross[present.get(r)][present.get(c)];
        }
        kappa[r][c] = n * coef;
      }
      base[r] *= n;
    }
    int[] idx = present.stream().mapToInt(Integer::intValue).toArray();
    return new AreaDemand(idx, base, kappa);
  }

  /**
   * The per-user own-price coefficient of each provider in {@code area}, M⁻¹_ii over the providers
   * serving it (G, U, H order; NaN where a provider does not serve): the demand model's diagonal
   * divided by the area's users.
   */
  double[] ownPriceCoefficients(int area) {
    AreaDemand d = demandModel(area);
    double[] out = {Double.NaN, Double.NaN, Double.NaN};
    for (int r = 0; r < d.present().length; r++) {
      out[d.present()[r]] = d.kappa()[r][r] / p.users()[area];
    }
    return out;
  }

  /** Provider i's profit in an area, eq. 5. */
  private double areaProfit(AreaDemand d, int r, double[] prices, int area) {
    int i = d.present()[r];
    double demand = demandOf(d, r, prices);
    double licensed = p.licensedPerUser() * p.users()[area];
    double lost = (d.base()[r] - demand) / licensed;
    double shortfall = p.minLicensedDemand() - lost;
    double c = p.discount()[i] * p.safePrice()[i];
    return demand * prices[r] + licensed * p.safePrice()[i] - licensed * c * shortfall * shortfall;
  }

  private static double demandOf(AreaDemand d, int r, double[] prices) {
    double v = d.base()[r] - d.kappa()[r][r] * prices[r];
    for (int c = 0; c < prices.length; c++) {
      if (c != r) {
        v += d.kappa()[r][c] * prices[c];
      }
    }
    return v;
  }

  /** Best-response dynamics until no price moves by more than 1e-9. */
  public Equilibrium solve() {
    int areas = p.areas();
    double[][] price = new double[3][areas];
    double[][] demand = new double[3][areas];
    double[][] profit = new double[3][areas];
    for (double[] row : price) {
      Arrays.fill(row, Double.NaN);
    }
    for (double[] row : demand) {
      Arrays.fill(row, Double.NaN);
    }
    for (double[] row : profit) {
      Arrays.fill(row, Double.NaN);
    }
    double[] total = new double[3];
    int maxIterations = 0;
    double maxGain = 0;
    for (int a = 0; a < areas; a++) {
      AreaDemand d = demandModel(a);
      int m = d.present().length;
      if (m == 0) {
        continue;
      }
      double[] prices = new double[m];
      double licensed = p.licensedPerUser() * p.users()[a];
      int it = 0;
      double change = Double.POSITIVE_INFINITY;
      while (change > 1e-9 && it < 10_000) {
        change = 0;
        for (int r = 0; r < m; r++) {
          int i = d.present()[r];
          double kk = d.kappa()[r][r];
          double x = 0;
          for (int c = 0; c < m; c++) {
            if (c != r) {
              x += d.kappa()[r][c] * prices[c];
            }
          }
          double c = p.discount()[i] * p.safePrice()[i];
          // ∂profit/∂P = 0 for D·P − L·c·(B^l − (κ P − X)/L)², solved for P
          double best =
              (d.base()[r] + x * (1 + 2 * c * kk / licensed) + 2 * c * kk * p.minLicensedDemand())
                  / (2 * kk * (1 + c * kk / licensed));
          best = Math.max(0, best);
          change = Math.max(change, Math.abs(best - prices[r]));
          prices[r] = best;
        }
        it++;
      }
      maxIterations = Math.max(maxIterations, it);
      for (int r = 0; r < m; r++) {
        int i = d.present()[r];
        price[i][a] = prices[r];
        demand[i][a] = demandOf(d, r, prices);
        profit[i][a] = areaProfit(d, r, prices, a);
        total[i] += profit[i][a];
        maxGain = Math.max(maxGain, deviationGain(d, r, prices, a));
      }
    }
    return new Equilibrium(price, demand, profit, total, maxIterations, maxGain);
  }

  /** The best gain provider r could get by moving only its own price, over a fine grid. */
  private double deviationGain(AreaDemand d, int r, double[] prices, int area) {
    double base = areaProfit(d, r, prices, area);
    double[] trial = prices.clone();
    double best = 0;
    for (int k = -200; k <= 200; k++) {
      trial[r] = Math.max(0, prices[r] * (1 + k / 400.0));
      best = Math.max(best, areaProfit(d, r, trial, area) - base);
    }
    return best;
  }

  private static double[][] invert(double[][] m) {
    int n = m.length;
    double[][] a = new double[n][2 * n];
    for (int r = 0; r < n; r++) {
      System.arraycopy(m[r], 0, a[r], 0, n);
      a[r][n + r] = 1;
    }
    for (int c = 0; c < n; c++) {
      int piv = c;
      for (int r = c + 1; r < n; r++) {
        if (Math.abs(a[r][c]) > Math.abs(a[piv][c])) {
          piv = r;
        }
      }
      double[] tmp = a[c];
      a[c] = a[piv];
      a[piv] = tmp;
      double pv = a[c][c];
      for (int k = 0; k < 2 * n; k++) {
        a[c][k] /= pv;
      }
      for (int r = 0; r < n; r++) {
        if (r != c) {
          double f = a[r][c];
          for (int k = 0; k < 2 * n; k++) {
            a[r][k] -= f * a[c][k];
          }
        }
      }
    }
    double[][] inv = new double[n][n];
    for (int r = 0; r < n; r++) {
      System.arraycopy(a[r], n, inv[r], 0, n);
    }
    return inv;
  }
}
