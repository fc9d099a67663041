package org.spectrumledger.operator.sensing;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Algorithm 2 of the ISSS paper: per control interval, draw the bands' true states, then let the
 * single node, cooperative sensing (E nodes, majority vote, no scheduling) and ISSS (E nodes with
 * the interchangeability-enhanced detection, fused and allocated by {@link EdgeController}) decide
 * which bands to access, and count interference (accesses to busy bands), utility (weighted
 * accesses to idle bands) and sensing overhead.
 *
 * <p>The baselines have no joint scheduling: they hand the bands they find idle to the services in
 * index order, one band per service. ISSS allocates through Algorithm 1 (services by weight, bands
 * by score, C1–C4). With the paper's uniform weights and |U| = |B| every configuration accesses
 * every band it finds idle, as in the printed pseudocode.
 *
 * <p>Determinism: each (P_busy, E) runs on its own {@link SplittableRandom} seeded from the seed,
 * P_busy and E only, split into one stream for the channel and one per configuration; so a result
 * does not depend on thread scheduling, on which other E are swept, or on the mode and tie rule
 * (the channel, single-node and cooperative draws are common to them: the comparisons across modes
 * use common random numbers).
 *
 * <p>Hot path: primitive arrays allocated once per run; no streams, boxing or logging in the
 * interval loop.
 */
public final class MonteCarloEvaluation {

  private MonteCarloEvaluation() {}

  /** Sweeps every (P_busy, E), in parallel over the cores when {@code parallel}. */
  public static List<RegimeResult> sweep(
      SimulationConfig config,
      List<Double> pBusy,
      List<Integer> nodes,
      long seed,
      boolean parallel,
      Runnable onTaskDone) {
    int perRegime = nodes.size();
    int tasks = pBusy.size() * perRegime;
    IntStream range = IntStream.range(0, tasks);
    if (parallel) {
      range = range.parallel();
    }
    List<NodeResult> flat =
        range
            .mapToObj(
                i -> {
                  NodeResult r =
                      run(config, pBusy.get(i / perRegime), nodes.get(i % perRegime), seed);
                  if (onTaskDone != null) {
                    onTaskDone.run();
                  }
                  return r;
                })
            .toList();
    List<RegimeResult> out = new ArrayList<>();
    for (int p = 0; p < pBusy.size(); p++) {
      out.add(new RegimeResult(pBusy.get(p), flat.subList(p * perRegime, (p + 1) * perRegime)));
    }
    return out;
  }

  /** Runs Algorithm 2 at one P_busy and E. */
  public static NodeResult run(SimulationConfig config, double pBusy, int nodes, long seed) {
    BirthDeathChannel.requireProbability(pBusy);
    if (nodes < 1) {
      throw new IllegalArgumentException("E must be at least 1: " + nodes);
    }
    return new Run(config, pBusy, nodes, seed).execute();
  }

  /** The seed of one (P_busy, E) task: a SplitMix64 mix of the three. */
  static long taskSeed(long seed, double pBusy, int nodes) {
    long h = mix(seed ^ 0x5EB515C0FFEEL);
    h = mix(h ^ Double.doubleToLongBits(pBusy));
    return mix(h ^ nodes);
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  /** One (P_busy, E) run: its random streams and scratch arrays. */
  private static final class Run {
    private final SimulationConfig config;
    private final double pBusy;
    private final int nodes;
    private final int bands;
    private final int services;
    private final SplittableRandom channelRandom;
    private final SplittableRandom singleRandom;
    private final SplittableRandom coopRandom;
    private final SplittableRandom isssRandom;
    private final DetectionModel single;
    private final DetectionModel improved;
    private final EdgeController controller;

    private final boolean[] busy;
    private final boolean[] estimate;
    private final int[] idleVotes;
    private final int[] votes;
    private final int[] bandOfService;
    private final boolean[] noProtection;
    private final double[] weights;

    // results of the last baseline allocation
    private double lastInterference;
    private double lastUtility;

    Run(SimulationConfig config, double pBusy, int nodes, long seed) {
      this.config = config;
      this.pBusy = pBusy;
      this.nodes = nodes;
      this.bands = config.bands();
      this.services = config.services();
      SplittableRandom root = new SplittableRandom(taskSeed(seed, pBusy, nodes));
      this.channelRandom = root.split();
      this.singleRandom = root.split();
      this.coopRandom = root.split();
      this.isssRandom = root.split();
      this.single = config.single();
      this.improved = config.interchange().improve(single, nodes, pBusy);
      this.controller = new EdgeController(config.controller());
      this.busy = new boolean[bands];
      this.estimate = new boolean[bands];
      this.idleVotes = new int[bands];
      this.votes = new int[bands];
      this.bandOfService = new int[services];
      this.noProtection = new boolean[bands];
      this.weights = config.weights();
    }

    NodeResult execute() {
      int n = config.intervals();
      int batch = config.puMemory() == 0 ? 1 : n / SimulationConfig.BATCHES;
      PairedRatio isssI = new PairedRatio();
      PairedRatio isssU = new PairedRatio();
      PairedRatio coopI = new PairedRatio();
      PairedRatio coopU = new PairedRatio();
      double bSingleI = 0;
      double bSingleU = 0;
      double bCoopI = 0;
      double bCoopU = 0;
      double bIsssI = 0;
      double bIsssU = 0;
      double objective = 0;
      int inBatch = 0;
      int isssVotes = config.mode().votesPerBand(nodes);
      double lambdaCost = config.lambda() * sum(config.costsView());
      TieRule tie = config.tie();
      for (int t = 0; t < n; t++) {
        BirthDeathChannel.advance(busy, pBusy, config.puMemory(), t == 0, channelRandom);

        // Configuration 1: the single node
        for (int b = 0; b < bands; b++) {
          estimate[b] = singleRandom.nextDouble() < single.pIdleObserved(busy[b]);
        }
        baseline();
        bSingleI += lastInterference;
        bSingleU += lastUtility;

        // Configuration 2: cooperative sensing, E nodes, majority vote
        for (int b = 0; b < bands; b++) {
          double p = single.pIdleObserved(busy[b]);
          int idle = 0;
          for (int k = 0; k < nodes; k++) {
            if (coopRandom.nextDouble() < p) {
              idle++;
            }
          }
          estimate[b] = tie.idle(idle, nodes);
        }
        baseline();
        bCoopI += lastInterference;
        bCoopU += lastUtility;

        // Configuration 3: ISSS, Algorithm 1 on the improved observations
        for (int b = 0; b < bands; b++) {
          double p = improved.pIdleObserved(busy[b]);
          int idle = 0;
          for (int k = 0; k < isssVotes; k++) {
            if (isssRandom.nextDouble() < p) {
              idle++;
            }
          }
          idleVotes[b] = idle;
          votes[b] = isssVotes;
        }
        controller.allocateFromVotes(
            idleVotes, votes, config.costsView(), noProtection, bands, bandOfService);
        double interference = 0;
        double utility = 0;
        double planned = 0;
        for (int u = 0; u < services; u++) {
          int b = bandOfService[u];
          if (b >= 0) {
            planned += weights[u];
            if (busy[b]) {
              interference++;
            } else {
              utility += weights[u];
            }
          }
        }
        bIsssI += interference;
        bIsssU += utility;
        objective += planned - lambdaCost;

        if (++inBatch == batch || t == n - 1) {
          isssI.add(bIsssI, bSingleI);
          isssU.add(bIsssU, bSingleU);
          coopI.add(bCoopI, bSingleI);
          coopU.add(bCoopU, bSingleU);
          bSingleI = bSingleU = bCoopI = bCoopU = bIsssI = bIsssU = 0;
          inBatch = 0;
        }
      }
      double level = config.confidence();
      double oIsss = config.overhead().isss(bands, nodes, config.mode());
      double oCoop = OverheadModel.cooperative(bands, nodes);
      ConfigurationGains isss =
          new ConfigurationGains(
              isssI.reduction(level), isssU.increase(level), Gain.exact(100 * (1 - oIsss / oCoop)));
      ConfigurationGains coop =
          new ConfigurationGains(coopI.reduction(level), coopU.increase(level), Gain.exact(0));
      NodeResult.Counts counts =
          new NodeResult.Counts(
              isssI.totalY() / n,
              isssU.totalY() / n,
              coopI.totalX() / n,
              coopU.totalX() / n,
              isssI.totalX() / n,
              isssU.totalX() / n,
              oIsss,
              oCoop,
              objective / n);
      return new NodeResult(nodes, isss, coop, counts);
    }

    /**
     * A baseline's allocation: the bands it estimates idle go to the services in index order, one
     * band per service, bands in index order.
     */
    private void baseline() {
      double interference = 0;
      double utility = 0;
      int u = 0;
      for (int b = 0; b < bands && u < services; b++) {
        if (estimate[b]) {
          if (busy[b]) {
            interference++;
          } else {
            utility += weights[u];
          }
          u++;
        }
      }
      lastInterference = interference;
      lastUtility = utility;
    }
  }

  private static double sum(double[] a) {
    double s = 0;
    for (double v : a) {
      s += v;
    }
    return s;
  }
}
