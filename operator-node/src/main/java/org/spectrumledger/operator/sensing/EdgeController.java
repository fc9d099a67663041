package org.spectrumledger.operator.sensing;

import java.util.Arrays;

/**
 * Algorithm 1 of the ISSS paper, the edge controller, run once per control interval:
 * interchangeable sensing assignment (Step 1), fusion of the observations into availability
 * estimates â_b (Step 2), joint allocation of bands to services under C1–C4 (Step 3), and the
 * decision with its overhead (Step 4).
 *
 * <p>A decision depends only on the configuration and the {@link ControlInput}: no I/O, no clock,
 * no randomness. The instance keeps scratch arrays so the Monte Carlo evaluation and the daemon can
 * call it every interval without allocating in the loop; it is therefore not thread-safe (one per
 * thread).
 *
 * <p>Cost: Step 2 is linear in the readings; Step 3 ranks the idle bands once (score(u, b) =
 * w_u·â_b − λ·c_b orders the bands the same way for every service, because w_u ≥ 0 adds the same
 * amount to every idle band), then scans them for each service in weight order, so it is at worst
 * O(|U|·|B|) checks plus O(|B| log |B|) for the ranking. Hot path: primitive arrays, no streams, no
 * boxing, no exceptions inside the loops.
 */
public final class EdgeController {

  private final ControllerConfig config;
  private final double[] weights;
  private final int[] serviceOrder;

  private int capacity;
  private int[] idleVotes = new int[0];
  private int[] votes = new int[0];
  private boolean[] idle = new boolean[0];
  private boolean[] taken = new boolean[0];
  private int[] ranked = new int[0];
  private int[] mergeBuffer = new int[0];
  private long[] seen = new long[0];

  public EdgeController(ControllerConfig config) {
    this.config = config;
    this.weights = config.weights();
    this.serviceOrder = byDescendingWeight(weights);
  }

  public ControllerConfig config() {
    return config;
  }

  /** Step 1: the sensing plan of interval {@code interval} for {@code bands} bands and E nodes. */
  public SensingPlan plan(int bands, int nodes, long interval) {
    if (bands < 1 || nodes < 1) {
      throw new IllegalArgumentException("a plan needs |B| >= 1 and E >= 1");
    }
    int[] nodeOfBand;
    if (config.mode() == SensingMode.DEDICATED) {
      nodeOfBand = SensingPlan.roundRobin(bands, nodes, interval);
    } else {
      nodeOfBand = new int[bands];
      Arrays.fill(nodeOfBand, -1);
    }
    return new SensingPlan(
        config.mode(), nodes, nodeOfBand, config.overhead().isss(bands, nodes, config.mode()));
  }

  /**
   * Steps 1–4 for one interval. Readings from a node the plan did not assign to the band, and a
   * second reading of the same node and band, are ignored and counted in the decision.
   *
   * @throws IllegalArgumentException for a reading naming a node or band that does not exist
   */
  public Decision decide(ControlInput input) {
    int bands = input.bands();
    int nodes = input.nodes();
    SensingPlan plan = plan(bands, nodes, input.interval());
    ensureCapacity(bands, nodes);
    Arrays.fill(idleVotes, 0, bands, 0);
    Arrays.fill(votes, 0, bands, 0);
    Arrays.fill(seen, 0, seenWords(bands, nodes), 0L);
    int ignored = 0;
    for (SensingReading r : input.readings()) {
      if (r.node() >= nodes || r.band() >= bands) {
        throw new IllegalArgumentException(
            "reading of node "
                + r.node()
                + " on band "
                + r.band()
                + " outside E="
                + nodes
                + ", |B|="
                + bands);
      }
      long bit = (long) r.node() * bands + r.band();
      if (!plan.assigned(r.node(), r.band()) || (seen[(int) (bit >>> 6)] & (1L << bit)) != 0) {
        ignored++;
        continue;
      }
      seen[(int) (bit >>> 6)] |= 1L << bit;
      votes[r.band()]++;
      if (r.idle()) {
        idleVotes[r.band()]++;
      }
    }
    int[] bandOfService = new int[weights.length];
    allocateFromVotes(
        idleVotes, votes, input.costsView(), input.protectedView(), bands, bandOfService);
    double utility = 0;
    for (int u = 0; u < bandOfService.length; u++) {
      if (bandOfService[u] >= 0) {
        utility += weights[u];
      }
    }
    double sensingCost = 0;
    for (int b = 0; b < bands; b++) {
      if (plan.sensed(b)) {
        sensingCost += input.cost(b);
      }
    }
    return new Decision(
        plan,
        Arrays.copyOf(idle, bands),
        bandOfService,
        utility,
        sensingCost,
        utility - config.lambda() * sensingCost,
        ignored);
  }

  /**
   * Steps 2 and 3 from vote counts: fuses, then allocates into {@code bandOfService} (-1 for a
   * service left without a band). Returns the number of services served.
   */
  int allocateFromVotes(
      int[] idleVoteCounts,
      int[] voteCounts,
      double[] costs,
      boolean[] protectedBands,
      int bands,
      int[] bandOfService) {
    ensureCapacity(bands, 1);
    TieRule tie = config.tie();
    for (int b = 0; b < bands; b++) {
      idle[b] = tie.idle(idleVoteCounts[b], voteCounts[b]);
    }
    return allocate(costs, protectedBands, bands, bandOfService);
  }

  private int allocate(double[] costs, boolean[] protectedBands, int bands, int[] bandOfService) {
    // Rank: every band estimated busy scores below every idle one and fails C1, so only the idle
    // bands need ranking, by ascending λ·c_b (ties by index), and a scan ends with them.
    int k = 0;
    boolean uniform = true;
    for (int b = 0; b < bands; b++) {
      if (idle[b]) {
        if (k > 0 && costs[b] != costs[ranked[0]]) {
          uniform = false;
        }
        ranked[k++] = b;
      }
      taken[b] = false;
    }
    if (!uniform && config.lambda() > 0) {
      sortByCost(ranked, k, costs);
    }
    Arrays.fill(bandOfService, -1);
    boolean literalC3 = config.priority() == PriorityConstraint.LITERAL;
    double heaviestServed = Double.NEGATIVE_INFINITY;
    int served = 0;
    for (int u : serviceOrder) {
      double w = weights[u];
      // C3 (priority): services come by descending weight, so read as an order it always holds.
      if (literalC3 && w < heaviestServed) {
        continue;
      }
      int chosen = -1;
      for (int j = 0; j < k; j++) {
        int b = ranked[j];
        // C1 holds (only idle bands are ranked); C2 exclusivity; C4 incumbent protection.
        if (!taken[b] && !protectedBands[b]) {
          chosen = b;
          break;
        }
      }
      if (chosen < 0) {
        break; // no band left for this service, so none for any later one
      }
      taken[chosen] = true;
      bandOfService[u] = chosen;
      heaviestServed = Math.max(heaviestServed, w);
      served++;
    }
    return served;
  }

  /** Stable bottom-up merge sort of {@code idx[0..n)} by ascending {@code key[idx[i]]}. */
  private void sortByCost(int[] idx, int n, double[] key) {
    int[] src = idx;
    int[] dst = mergeBuffer;
    for (int width = 1; width < n; width <<= 1) {
      for (int lo = 0; lo < n; lo += width << 1) {
        int mid = Math.min(lo + width, n);
        int hi = Math.min(lo + (width << 1), n);
        int i = lo;
        int j = mid;
        int o = lo;
        while (i < mid && j < hi) {
          dst[o++] = key[src[j]] < key[src[i]] ? src[j++] : src[i++];
        }
        while (i < mid) {
          dst[o++] = src[i++];
        }
        while (j < hi) {
          dst[o++] = src[j++];
        }
      }
      int[] t = src;
      src = dst;
      dst = t;
    }
    if (src != idx) {
      System.arraycopy(src, 0, idx, 0, n);
    }
  }

  private void ensureCapacity(int bands, int nodes) {
    if (bands > capacity) {
      capacity = bands;
      idleVotes = new int[bands];
      votes = new int[bands];
      idle = new boolean[bands];
      taken = new boolean[bands];
      ranked = new int[bands];
      mergeBuffer = new int[bands];
    }
    int words = seenWords(bands, nodes);
    if (words > seen.length) {
      seen = new long[words];
    }
  }

  private static int seenWords(int bands, int nodes) {
    return (int) (((long) bands * nodes + 63) >>> 6);
  }

  /** Service indexes by descending weight, ties by ascending index. */
  static int[] byDescendingWeight(double[] w) {
    return java.util.stream.IntStream.range(0, w.length)
        .boxed()
        .sorted((a, b) -> w[a] != w[b] ? Double.compare(w[b], w[a]) : Integer.compare(a, b))
        .mapToInt(Integer::intValue)
        .toArray();
  }
}
