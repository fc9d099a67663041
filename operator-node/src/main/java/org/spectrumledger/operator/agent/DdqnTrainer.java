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
        new int[] {4, config.hidden(), config.hidden(), market.actionCount()}, config.seed());
  }

  /**
   * Trains on steps {@code from … to − 1} of the trace.
   *
   * @param onEpisode called with each finished episode's number (from 1), or null
   */
  public Result train(DemandTrace trace, int from, int to, IntConsumer onEpisode) {
    if (to - from < 2) {
      throw new IllegalArgumentException("the training span needs at least 2 steps");
    }
    MarketConfig mc = market.config();
    int actions = mc.actionCount();
    Mlp online = network(config, mc);
    Mlp target = network(config, mc);
    target.copyFrom(online);
    SplittableRandom random = new SplittableRandom(config.seed() * 0x9E3779B97F4A7C15L + 7);

    int cap = config.replayCapacity();
    double[] rs = new double[cap * 4];
    int[] ra = new int[cap];
    double[] rr = new double[cap];
    double[] rs2 = new double[cap * 4];
    int stored = 0;
    int head = 0;

    int batch = config.batchSize();
    double[] bs = new double[batch * 4];
    double[] bs2 = new double[batch * 4];
    int[] ba = new int[batch];
    double[] br = new double[batch];
    double[] nextBest = new double[batch];
    int[] nextArg = new int[batch];
    double[] dOut = new double[batch * actions];

    double[] state = new double[4];
    double[] next = new double[4];
    QPolicy greedy = new QPolicy(online, mc.licence(), config.stateScale());
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
        int a = random.nextDouble() < epsilon ? random.nextInt(actions) : greedy.decide(state);
        StepOutcome o = market.step(holding, a, trace.priceTraffic()[t], trace.demand()[t + 1]);
        total += o.reward();
        holding = o.holding();
        trace.state(t + 1, holding, next);
        QPolicy.encode(state, lic, scale, rs, head * 4);
        QPolicy.encode(next, lic, scale, rs2, head * 4);
        ra[head] = a;
        rr[head] = o.reward() * config.rewardScale();
        head = (head + 1) % cap;
        stored = Math.min(cap, stored + 1);
        steps++;
        if (config.decayPerStep()) {
          epsilon = Math.max(config.epsilonEnd(), epsilon * config.epsilonDecay());
        }
        if (stored >= Math.max(batch, config.warmup()) && steps % config.trainEvery() == 0) {
          for (int k = 0; k < batch; k++) {
            int i = random.nextInt(stored);
            System.arraycopy(rs, i * 4, bs, k * 4, 4);
            System.arraycopy(rs2, i * 4, bs2, k * 4, 4);
            ba[k] = ra[i];
            br[k] = rr[i];
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
