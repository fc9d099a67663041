package org.spectrumledger.operator.agent;

/**
 * The DDQN agent's parameters. The paper's values (ALGORITHMS.md §3) are the defaults; every choice
 * the paper leaves open is a named parameter here with its default.
 *
 * @param hidden hidden layer width (paper: 128, two layers)
 * @param replayCapacity replay buffer size (paper: 100,000)
 * @param batchSize mini-batch (paper: 64)
 * @param learningRate Adam's learning rate (paper: 0.001)
 * @param tau soft target update (paper: 0.005)
 * @param epsilonStart ε at the start (paper: 1.0)
 * @param epsilonEnd the floor of ε (paper: 0.01)
 * @param epsilonDecay ε's multiplier (paper: 0.995)
 * @param decayPerStep open: ε decays every step (true, default) or every episode
 * @param discount open: the discount factor γ of the return (default 0.9)
 * @param episodes open: passes over the training span (default 60 hourly; see {@link
 *     #forGranularity})
 * @param trainEvery open: environment steps per gradient update (default 1)
 * @param warmup open: transitions stored before learning starts (default 500)
 * @param window open: n, the moving-average window of the state (default one day hourly, one hour
 *     per minute)
 * @param stateScale open: the network sees (holding − licence)/scale, (forecast − licence)/scale,
 *     error/scale and (mean demand − licence)/scale (default 4 SRU)
 * @param rewardScale open: rewards are multiplied by this before learning (default 0.1; the greedy
 *     policy is unchanged by it)
 * @param huberLoss open: Huber (true, default) or squared TD loss
 * @param seed the seed of the weights, exploration and replay sampling
 */
public record AgentConfig(
    int hidden,
    int replayCapacity,
    int batchSize,
    double learningRate,
    double tau,
    double epsilonStart,
    double epsilonEnd,
    double epsilonDecay,
    boolean decayPerStep,
    double discount,
    int episodes,
    int trainEvery,
    int warmup,
    int window,
    double stateScale,
    double rewardScale,
    boolean huberLoss,
    long seed) {

  public AgentConfig {
    if (hidden < 1 || replayCapacity < batchSize || batchSize < 1) {
      throw new IllegalArgumentException("need hidden >= 1 and replayCapacity >= batchSize >= 1");
    }
    if (!(learningRate > 0) || !(tau > 0 && tau <= 1)) {
      throw new IllegalArgumentException("need learningRate > 0 and tau in (0, 1]");
    }
    if (!(epsilonEnd >= 0 && epsilonEnd <= epsilonStart && epsilonStart <= 1)) {
      throw new IllegalArgumentException("need 0 <= epsilonEnd <= epsilonStart <= 1");
    }
    if (!(epsilonDecay > 0 && epsilonDecay <= 1) || !(discount >= 0 && discount < 1)) {
      throw new IllegalArgumentException("need epsilonDecay in (0, 1] and discount in [0, 1)");
    }
    if (episodes < 1 || trainEvery < 1 || warmup < 0 || window < 1) {
      throw new IllegalArgumentException(
          "need episodes >= 1, trainEvery >= 1, warmup >= 0, window >= 1");
    }
    if (!(stateScale > 0) || !(rewardScale > 0)) {
      throw new IllegalArgumentException("stateScale and rewardScale must be positive");
    }
  }

  /** The paper's values and the project's defaults for the open choices, hourly. */
  public static AgentConfig paper() {
    return new AgentConfig(
        128, 100_000, 64, 1e-3, 0.005, 1.0, 0.01, 0.995, true, 0.9, 60, 1, 500, 24, 4.0, 0.1, true,
        1);
  }

  /**
   * Defaults by sampling interval: hourly as {@link #paper()}; per minute (21,600 training steps a
   * pass) 3 episodes, an update every 4 steps and n = 60, so training fits in a minute.
   */
  public static AgentConfig forGranularity(long intervalSeconds) {
    AgentConfig p = paper();
    if (intervalSeconds >= 3_600) {
      return p;
    }
    int perHour = (int) Math.max(1, 3_600 / intervalSeconds);
    return p.withEpisodes(3).withTrainEvery(4).withWindow(perHour);
  }

  public AgentConfig withSeed(long s) {
    return new AgentConfig(
        hidden,
        replayCapacity,
        batchSize,
        learningRate,
        tau,
        epsilonStart,
        epsilonEnd,
        epsilonDecay,
        decayPerStep,
        discount,
        episodes,
        trainEvery,
        warmup,
        window,
        stateScale,
        rewardScale,
        huberLoss,
        s);
  }

  public AgentConfig withEpisodes(int e) {
    return new AgentConfig(
        hidden,
        replayCapacity,
        batchSize,
        learningRate,
        tau,
        epsilonStart,
        epsilonEnd,
        epsilonDecay,
        decayPerStep,
        discount,
        e,
        trainEvery,
        warmup,
        window,
        stateScale,
        rewardScale,
        huberLoss,
        seed);
  }

  public AgentConfig withTrainEvery(int k) {
    return new AgentConfig(
        hidden,
        replayCapacity,
        batchSize,
        learningRate,
        tau,
        epsilonStart,
        epsilonEnd,
        epsilonDecay,
        decayPerStep,
        discount,
        episodes,
        k,
        warmup,
        window,
        stateScale,
        rewardScale,
        huberLoss,
        seed);
  }

  public AgentConfig withWindow(int n) {
    return new AgentConfig(
        hidden,
        replayCapacity,
        batchSize,
        learningRate,
        tau,
        epsilonStart,
        epsilonEnd,
        epsilonDecay,
        decayPerStep,
        discount,
        episodes,
        trainEvery,
        warmup,
        n,
        stateScale,
        rewardScale,
        huberLoss,
        seed);
  }

  public AgentConfig withHidden(int h) {
    return new AgentConfig(
        h,
        replayCapacity,
        batchSize,
        learningRate,
        tau,
        epsilonStart,
        epsilonEnd,
        epsilonDecay,
        decayPerStep,
        discount,
        episodes,
        trainEvery,
        warmup,
        window,
        stateScale,
        rewardScale,
        huberLoss,
        seed);
  }

  public AgentConfig withDiscount(double g) {
    return new AgentConfig(
        hidden,
        replayCapacity,
        batchSize,
        learningRate,
        tau,
        epsilonStart,
        epsilonEnd,
        epsilonDecay,
        decayPerStep,
        g,
        episodes,
        trainEvery,
        warmup,
        window,
        stateScale,
        rewardScale,
        huberLoss,
        seed);
  }
}
