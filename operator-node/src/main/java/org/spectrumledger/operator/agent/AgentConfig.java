package org.spectrumledger.operator.agent;

/**
 * The DDQN agent's parameters. {@link #paper()} holds the paper's values (ALGORITHMS.md §3) with
 * the project's choices where the paper leaves them open; {@link #forGranularity} is the default
 * agent, which departs from the paper where that generalises to volatile demand.
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
 * @param features open: what the network sees of the state (paper: {@link Features#PAPER})
 * @param objective open: the reward it learns from (paper: {@link Objective#PAPER})
 * @param actionScale open: the action set (paper: {@link ActionScale#PAPER}, the market's)
 * @param decision open: what the network chooses (paper: {@link Decision#TRADE}, an action)
 * @param allActions open: with discount 0, every output of a replayed step is scored against the
 *     demand that came, not only the one taken: the market's rules are known, only demand is
 *     uncertain (paper: false; ignored when the discount is above 0, which would need every
 *     action's next state)
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
    long seed,
    Features features,
    Objective objective,
    ActionScale actionScale,
    Decision decision,
    boolean allActions) {

  /** What the network's outputs are. */
  public enum Decision {
    /** the market's actions: holding changes in SRU (the paper) */
    TRADE,
    /**
     * where to aim the holding: the forecast plus {@link #MARGINS} times the recent mean absolute
     * forecast error; the trade is the market action that lands closest to that aim (as the rule
     * trader's), so margin 0 is the rule trader and the agent learns when to hold more or less
     */
    MARGIN
  }

  /** The margins of {@link Decision#MARGIN}, in mean absolute forecast errors. */
  private static final double[] MARGINS = {-1.5, -1, -0.5, 0, 0.5, 1, 1.5};

  /** The margins of {@link Decision#MARGIN}, in mean absolute forecast errors. */
  public static double[] margins() {
    return MARGINS.clone();
  }

  /** The network's output count in {@code market}. */
  public int outputs(MarketConfig market) {
    return decision == Decision.MARGIN ? MARGINS.length : market.actionCount();
  }

  /** What the network sees of the state ({@link StateTracker#state}). */
  public enum Features {
    /** holding and forecast only */
    FORECAST(2),
    /** the paper's four: holding, forecast, mean absolute forecast error, mean demand */
    PAPER(4),
    /** the paper's four and the recent volatility (mean absolute move of the last n demands) */
    VOLATILITY(5),
    /** the five above and the price-setting demand T of the decision step */
    PRICE(6),
    /**
     * the {@link #VOLATILITY} state seen from the holding: forecast − holding, mean error, mean
     * demand − holding, mean move and holding − licence; "aim at the forecast" is then a function
     * of one input, at every demand level
     */
    RELATIVE(5),
    /** {@link #RELATIVE} and the price-setting demand T */
    RELATIVE_PRICE(6);

    private final int inputs;

    Features(int inputs) {
      this.inputs = inputs;
    }

    /** The network's input width. */
    public int inputs() {
      return inputs;
    }
  }

  /** What the agent learns to maximise. */
  public enum Objective {
    /** the paper's reward −(α·D + β·S + γ·P + T_c) */
    PAPER,
    /**
     * the operator's profit (unserved demand earns nothing: the deficit is priced at the lost
     * revenue), less what the licence alone would earn in the step; that baseline does not depend
     * on the action, so the greedy policy maximises profit
     */
    PROFIT
  }

  /** The action set. */
  public enum ActionScale {
    /** the market's actions as given (the paper's ±1.5, ±3 SRU) */
    PAPER,
    /**
     * the market's grid up to k times its largest action, k the smallest whole number ≥ 1 that
     * covers the 90th percentile of the training span's demand moves ({@link ActionScaling})
     */
    SCALED
  }

  /** The two named configurations of {@code agent eval --config}. */
  public enum Preset {
    /** the paper's DDQN (ALGORITHMS.md §3) */
    PAPER,
    /** what generalises to volatile demand (operator-node/README §3) */
    DEFAULT
  }

  public AgentConfig {
    // files saved before these choices existed are the paper's agent
    features = features == null ? Features.PAPER : features;
    objective = objective == null ? Objective.PAPER : objective;
    actionScale = actionScale == null ? ActionScale.PAPER : actionScale;
    decision = decision == null ? Decision.TRADE : decision;
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
        128,
        100_000,
        64,
        1e-3,
        0.005,
        1.0,
        0.01,
        0.995,
        true,
        0.9,
        60,
        1,
        500,
        24,
        4.0,
        0.1,
        true,
        1,
        Features.PAPER,
        Objective.PAPER,
        ActionScale.PAPER,
        Decision.TRADE,
        false);
  }

  /**
   * The paper's DDQN by sampling interval: hourly as {@link #paper()}; per minute (21,600 training
   * steps a pass) 3 episodes, an update every 4 steps and n = 60, so training fits in a minute.
   */
  public static AgentConfig paper(long intervalSeconds) {
    AgentConfig p = paper();
    if (intervalSeconds >= 3_600) {
      return p;
    }
    int perHour = (int) Math.max(1, 3_600 / intervalSeconds);
    return p.withEpisodes(3).withTrainEvery(4).withWindow(perHour);
  }

  /**
   * The default agent by sampling interval: the paper's network, replay and training length, with
   * the action set extended to the series' moves, a margin over the forecast as the decision, the
   * operator's profit as the reward, the recent volatility in the state and no look-ahead (discount
   * 0); operator-node/README §3 says how it was chosen.
   */
  public static AgentConfig forGranularity(long intervalSeconds) {
    return of(Preset.DEFAULT, intervalSeconds);
  }

  /** A named configuration for data sampled every {@code intervalSeconds}. */
  public static AgentConfig of(Preset preset, long intervalSeconds) {
    AgentConfig p = paper(intervalSeconds);
    return switch (preset) {
      case PAPER -> p;
      case DEFAULT ->
          p.withFeatures(Features.VOLATILITY)
              .withObjective(Objective.PROFIT)
              .withActionScale(ActionScale.SCALED)
              .withDecision(Decision.MARGIN)
              .withDiscount(0);
    };
  }

  public AgentConfig withSeed(long s) {
    return edit(c -> c.seed = s);
  }

  public AgentConfig withEpisodes(int e) {
    return edit(c -> c.episodes = e);
  }

  public AgentConfig withTrainEvery(int k) {
    return edit(c -> c.trainEvery = k);
  }

  public AgentConfig withWindow(int n) {
    return edit(c -> c.window = n);
  }

  public AgentConfig withHidden(int h) {
    return edit(c -> c.hidden = h);
  }

  public AgentConfig withDiscount(double g) {
    return edit(c -> c.discount = g);
  }

  public AgentConfig withTau(double t) {
    return edit(c -> c.tau = t);
  }

  public AgentConfig withEpsilonEnd(double e) {
    return edit(c -> c.epsilonEnd = e);
  }

  public AgentConfig withEpsilonDecay(double d) {
    return edit(c -> c.epsilonDecay = d);
  }

  public AgentConfig withFeatures(Features f) {
    return edit(c -> c.features = f);
  }

  public AgentConfig withObjective(Objective o) {
    return edit(c -> c.objective = o);
  }

  public AgentConfig withActionScale(ActionScale a) {
    return edit(c -> c.actionScale = a);
  }

  public AgentConfig withDecision(Decision d) {
    return edit(c -> c.decision = d);
  }

  public AgentConfig withAllActions(boolean b) {
    return edit(c -> c.allActions = b);
  }

  /** This configuration with what {@code change} sets on a mutable copy of it. */
  private AgentConfig edit(java.util.function.Consumer<Copy> change) {
    Copy c = new Copy(this);
    change.accept(c);
    return c.build();
  }

  /** A mutable copy, for the {@code with…} methods. */
  private static final class Copy {
    int hidden;
    int replayCapacity;
    int batchSize;
    double learningRate;
    double tau;
    double epsilonStart;
    double epsilonEnd;
    double epsilonDecay;
    boolean decayPerStep;
    double discount;
    int episodes;
    int trainEvery;
    int warmup;
    int window;
    double stateScale;
    double rewardScale;
    boolean huberLoss;
    long seed;
    Features features;
    Objective objective;
    ActionScale actionScale;
    Decision decision;
    boolean allActions;

    Copy(AgentConfig a) {
      hidden = a.hidden;
      replayCapacity = a.replayCapacity;
      batchSize = a.batchSize;
      learningRate = a.learningRate;
      tau = a.tau;
      epsilonStart = a.epsilonStart;
      epsilonEnd = a.epsilonEnd;
      epsilonDecay = a.epsilonDecay;
      decayPerStep = a.decayPerStep;
      discount = a.discount;
      episodes = a.episodes;
      trainEvery = a.trainEvery;
      warmup = a.warmup;
      window = a.window;
      stateScale = a.stateScale;
      rewardScale = a.rewardScale;
      huberLoss = a.huberLoss;
      seed = a.seed;
      features = a.features;
      objective = a.objective;
      actionScale = a.actionScale;
      decision = a.decision;
      allActions = a.allActions;
    }

    AgentConfig build() {
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
          seed,
          features,
          objective,
          actionScale,
          decision,
          allActions);
    }
  }
}
