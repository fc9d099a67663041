package org.spectrumledger.operator.agent;

import java.util.SplittableRandom;
import java.util.function.IntConsumer;
import org.spectrumledger.operator.nn.Mlp;

/**
 * Trains the DDQN agent of ALGORITHMS.md §3 on a span of a demand trace: ε-greedy steps through the
 * market, a replay buffer, Adam on the Huber (or squared) TD error of the double-Q target {@code y
 * = r + γ·Q_target(s′, argmax_a Q_online(s′, a))}, and a soft target update after every gradient
 * step. Each episode is one pass over the span starting from the licence; the episode boundary is a
 * time limit, so the last transition bootstraps like the others.
 *
 * <p>Training is the hot loop: the replay buffer is primitive arrays and the batch buffers are
 * preallocated; nothing allocates per step.
 */
public final class DdqnTrainer {

  /** What training produced. */
  public record Result(TrainedAgent agent, double[] episodeRewards, long steps, long updates) {}

  private final AgentConfig config;
  private final SpectrumMarket market;

  public DdqnTrainer(AgentConfig config, SpectrumMarket market) {
    this.config = config;
    this.market = market;
  }

  static Mlp network(AgentConfig config, MarketConfig market) {
    return new Mlp(
        new int[] {
          config.features().inputs(), config.hidden(), config.hidden(), config.outputs(market)
        },
        config.seed());
  }

  /**
   * What the agent learns from in a step: the paper's reward, or the step's profit less what the
   * licence alone would have earned ({@link AgentConfig.Objective#PROFIT}).
   */
  static double learningReward(
      AgentConfig.Objective objective, MarketConfig market, StepOutcome o, double nextDemand) {
    return switch (objective) {
      case PAPER -> o.reward();
      case PROFIT ->
          o.profit() - market.revenuePerSru() * Math.min(Math.max(0, nextDemand), market.licence());
    };
  }

  /**
   * Trains on steps {@code from … to − 1} of the trace, in the market this trainer was given or,
   * with {@link AgentConfig.ActionScale#SCALED}, that market with its actions scaled to the span's
   * moves ({@link ActionScaling}); the agent records the market it trained in.
   *
   * @param onEpisode called with each finished episode's number (from 1), or null
   */
  public Result train(DemandTrace trace, int from, int to, IntConsumer onEpisode) {
    if (to - from < 2) {
      throw new IllegalArgumentException("the training span needs at least 2 steps");
    }
    MarketConfig mc = ActionScaling.forAgent(config, market.config(), trace.demand(), from, to);
    SpectrumMarket m = new SpectrumMarket(mc);
    int actions = config.outputs(mc);
    int in = config.features().inputs();
    Mlp online = network(config, mc);
    Mlp target = network(config, mc);
    target.copyFrom(online);
    SplittableRandom random = new SplittableRandom(config.seed() * 0x9E3779B97F4A7C15L + 7);

    int cap = config.replayCapacity();
    double[] rs = new double[cap * in];
    int[] ra = new int[cap];
    double[] rr = new double[cap];
    double[] rs2 = new double[cap * in];
    // the raw state and step of each transition, to score every output (allActions)
    boolean all = config.allActions() && config.discount() == 0;
    int raw = StateTracker.STATE_SIZE;
    double[] rraw = all ? new double[cap * raw] : null;
    int[] rt = all ? new int[cap] : null;
    double[] braw = new double[raw];
    int stored = 0;
    int head = 0;

    int batch = config.batchSize();
    double[] bs = new double[batch * in];
    double[] bs2 = new double[batch * in];
    int[] ba = new int[batch];
    double[] br = new double[batch];
    double[] nextBest = new double[batch];
    int[] nextArg = new int[batch];
    double[] dOut = new double[batch * actions];

    double[] state = new double[StateTracker.STATE_SIZE];
    double[] next = new double[StateTracker.STATE_SIZE];
    QPolicy greedy = new QPolicy(online, config, mc);
    double epsilon = config.epsilonStart();
    double[] episodeRewards = new double[config.episodes()];
    long steps = 0;
    long updates = 0;
    double scale = config.stateScale();
    double lic = mc.licence();

    for (int ep = 0; ep < config.episodes(); ep++) {
      double holding = mc.licence();
      double total = 0;
      for (int t = from; t < to - 1; t++) {
        trace.state(t, holding, state);
        int a = random.nextDouble() < epsilon ? random.nextInt(actions) : greedy.choose(state);
        double demand = trace.demand()[t + 1];
        StepOutcome o = m.step(holding, greedy.act(state, a), trace.priceTraffic()[t], demand);
        double r = learningReward(config.objective(), mc, o, demand);
        total += r;
        holding = o.holding();
        trace.state(t + 1, holding, next);
        QPolicy.encode(state, config.features(), lic, scale, rs, head * in);
        QPolicy.encode(next, config.features(), lic, scale, rs2, head * in);
        ra[head] = a;
        rr[head] = r * config.rewardScale();
        if (all) {
          System.arraycopy(state, 0, rraw, head * raw, raw);
          rt[head] = t;
        }
        head = (head + 1) % cap;
        stored = Math.min(cap, stored + 1);
        steps++;
        if (config.decayPerStep()) {
          epsilon = Math.max(config.epsilonEnd(), epsilon * config.epsilonDecay());
        }
        if (stored >= Math.max(batch, config.warmup()) && steps % config.trainEvery() == 0) {
          for (int k = 0; k < batch; k++) {
            int i = random.nextInt(stored);
            System.arraycopy(rs, i * in, bs, k * in, in);
            System.arraycopy(rs2, i * in, bs2, k * in, in);
            ba[k] = ra[i];
            br[k] = rr[i];
            nextArg[k] = all ? i : 0;
          }
          if (all) {
            // γ = 0: Q(s, a) is the expected reward; score every output on the demand that came
            double[] qs = online.forward(bs, batch);
            for (int k = 0; k < batch; k++) {
              int i = nextArg[k];
              System.arraycopy(rraw, i * raw, braw, 0, raw);
              int t0 = rt[i];
              double d1 = trace.demand()[t0 + 1];
              for (int j = 0; j < actions; j++) {
                StepOutcome oj = m.step(braw[0], greedy.act(braw, j), trace.priceTraffic()[t0], d1);
                double y = learningReward(config.objective(), mc, oj, d1) * config.rewardScale();
                double err = qs[k * actions + j] - y;
                dOut[k * actions + j] = config.huberLoss() ? Math.max(-1, Math.min(1, err)) : err;
              }
            }
            online.zeroGradients();
            online.backward(dOut, batch);
            online.adamStep(config.learningRate(), batch);
            target.softUpdateFrom(online, config.tau());
            updates++;
            continue;
          }
          // double Q: the online network picks the next action, the target network values it
          double[] qn = online.forward(bs2, batch);
          for (int k = 0; k < batch; k++) {
            int best = 0;
            for (int j = 1; j < actions; j++) {
              if (qn[k * actions + j] > qn[k * actions + best]) {
                best = j;
              }
            }
            nextArg[k] = best;
          }
          double[] qt = target.forward(bs2, batch);
          for (int k = 0; k < batch; k++) {
            nextBest[k] = qt[k * actions + nextArg[k]];
          }
          double[] qs = online.forward(bs, batch);
          java.util.Arrays.fill(dOut, 0);
          for (int k = 0; k < batch; k++) {
            double y = br[k] + config.discount() * nextBest[k];
            double err = qs[k * actions + ba[k]] - y;
            dOut[k * actions + ba[k]] = config.huberLoss() ? Math.max(-1, Math.min(1, err)) : err;
          }
          online.zeroGradients();
          online.backward(dOut, batch);
          online.adamStep(config.learningRate(), batch);
          target.softUpdateFrom(online, config.tau());
          updates++;
        }
      }
      if (!config.decayPerStep()) {
        epsilon = Math.max(config.epsilonEnd(), epsilon * config.epsilonDecay());
      }
      episodeRewards[ep] = total;
      if (onEpisode != null) {
        onEpisode.accept(ep + 1);
      }
    }
    return new Result(new TrainedAgent(config, mc, null, online), episodeRewards, steps, updates);
  }
}
