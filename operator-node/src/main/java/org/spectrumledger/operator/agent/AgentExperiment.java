package org.spectrumledger.operator.agent;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;
import org.spectrumledger.operator.forecast.ForecastModel;

/**
 * The paper's experiment: train the DDQN agent on the first {@code trainDays} of a series with
 * several seeds and compare it, over the rest, with the static operator, the rule-based trader on
 * the same forecast and actions, and the oracle, which knows the future and may move to any holding
 * on the market's grid each step (an upper bound for every action set). Pure: no I/O.
 *
 * @param market the market and scoring
 * @param agent the agent's parameters (its seed is the first seed; seeds are consecutive)
 * @param forecaster the model behind the state's forecast (default lag-regression)
 * @param warmupDays days the forecaster is fitted on before it walks forward (default 2)
 * @param trainDays days that train the agent (paper: 15)
 * @param seeds how many seeds
 * @param ruleMargin the rule-based trader's margin in mean absolute errors (default 0)
 */
public record AgentExperiment(
    MarketConfig market,
    AgentConfig agent,
    ForecastModel forecaster,
    double warmupDays,
    double trainDays,
    int seeds,
    double ruleMargin) {

  public AgentExperiment {
    if (seeds < 1 || !(trainDays > 0) || !(warmupDays > 0) || warmupDays >= trainDays) {
      throw new IllegalArgumentException("need seeds >= 1 and 0 < warmupDays < trainDays");
    }
  }

  /** Mean and spread (sample standard deviation) over seeds. */
  public record Stat(double mean, double std) {
    static Stat of(double[] v) {
      double m = 0;
      for (double x : v) {
        m += x;
      }
      m /= v.length;
      double s = 0;
      for (double x : v) {
        s += (x - m) * (x - m);
      }
      return new Stat(m, v.length > 1 ? Math.sqrt(s / (v.length - 1)) : 0);
    }
  }

  /** One policy's figures over the evaluation span; SRU-hours convert steps by the interval. */
  public record PolicyStats(
      String policy, Stat profit, Stat reward, Stat deficitSruHours, Stat surplusSruHours) {}

  /**
   * The outcome: stats per policy (ddqn, static, rule, oracle), the runs for charts (the first
   * seed's agent), each seed's training rewards per episode and training time.
   */
  public record Result(
      Map<String, PolicyStats> policies,
      Map<String, PolicyRun> runs,
      double[] evalDemand,
      List<double[]> episodeRewards,
      double[] trainSeconds,
      long trainSteps,
      TrainedAgent firstAgent,
      int trainFrom,
      int trainTo,
      int evalFrom,
      int evalTo,
      MarketConfig agentMarket,
      double[] agentProfits) {

    /** The share of the static-to-oracle profit gap the agent closes. */
    public double gapClosed() {
      double s = policies.get("static").profit().mean();
      double o = policies.get("oracle").profit().mean();
      return (policies.get("ddqn").profit().mean() - s) / (o - s);
    }

    /** Of the seeds, how many earned at least {@code policy}'s profit. */
    public int seedsAtLeast(String policy) {
      double p = policies.get(policy).profit().mean();
      int n = 0;
      for (double a : agentProfits) {
        if (a >= p) {
          n++;
        }
      }
      return n;
    }
  }

  /** Builds the agent's demand trace: forecasts made online after the warm-up. */
  public DemandTrace trace(double[] demand, double[] priceTraffic, int season, int samplesPerDay) {
    int warmup = (int) Math.round(warmupDays * samplesPerDay);
    return DemandTrace.build(demand, priceTraffic, forecaster, season, warmup, agent.window());
  }

  /**
   * Runs the experiment.
   *
   * @param samplesPerDay samples in one day (24 hourly, 1440 per minute)
   * @param hoursPerStep the interval in hours (SRU-steps × this = SRU-hours)
   * @param onEpisode called after every training episode of every seed, or null
   */
  public Result run(
      DemandTrace trace, int samplesPerDay, double hoursPerStep, IntConsumer onEpisode) {
    int n = trace.size();
    int trainTo = (int) Math.round(trainDays * samplesPerDay);
    int trainFrom = (int) Math.round(warmupDays * samplesPerDay);
    if (trainTo >= n - 2) {
      throw new IllegalArgumentException(
          "too little data: "
              + n
              + " samples; "
              + trainDays
              + " days of training need "
              + trainTo
              + " and an evaluation span after them");
    }
    // every policy trades with the agent's actions; the oracle may move to any holding
    MarketConfig agentMarket =
        ActionScaling.forAgent(agent, market, trace.demand(), trainFrom, trainTo);
    SpectrumMarket m = new SpectrumMarket(agentMarket);
    int evalFrom = trainTo;
    int evalTo = n;
    List<double[]> rewards = new ArrayList<>();
    double[] seconds = new double[seeds];
    double[][] agentFigures = new double[4][seeds];
    Map<String, PolicyRun> runs = new LinkedHashMap<>();
    TrainedAgent first = null;
    long steps = 0;
    for (int s = 0; s < seeds; s++) {
      AgentConfig cfg = agent.withSeed(agent.seed() + s);
      long t0 = System.nanoTime();
      DdqnTrainer.Result r = new DdqnTrainer(cfg, m).train(trace, trainFrom, trainTo, onEpisode);
      seconds[s] = (System.nanoTime() - t0) / 1e9;
      steps = r.steps();
      rewards.add(r.episodeRewards());
      PolicyRun run = PolicyRun.of(r.agent().policy(), trace, m, evalFrom, evalTo);
      agentFigures[0][s] = run.profit();
      agentFigures[1][s] = run.reward();
      agentFigures[2][s] = run.deficit() * hoursPerStep;
      agentFigures[3][s] = run.surplus() * hoursPerStep;
      if (s == 0) {
        first = r.agent().withForecaster(forecaster.name());
        runs.put("ddqn", run);
      }
    }
    Map<String, PolicyStats> stats = new LinkedHashMap<>();
    stats.put(
        "ddqn",
        new PolicyStats(
            "ddqn",
            Stat.of(agentFigures[0]),
            Stat.of(agentFigures[1]),
            Stat.of(agentFigures[2]),
            Stat.of(agentFigures[3])));
    PolicyRun stat = PolicyRun.of(new StaticPolicy(agentMarket), trace, m, evalFrom, evalTo);
    PolicyRun rule =
        PolicyRun.of(new RulePolicy(agentMarket, ruleMargin), trace, m, evalFrom, evalTo);
    SpectrumMarket free = new SpectrumMarket(OraclePlanner.anyHolding(market));
    int[] plan = new OraclePlanner(free).plan(trace, evalFrom, evalTo, market.licence());
    PolicyRun oracle = PolicyRun.replay("oracle", plan, trace, free, evalFrom, evalTo);
    for (PolicyRun r : List.of(stat, rule, oracle)) {
      runs.put(r.policy(), r);
      stats.put(
          r.policy(),
          new PolicyStats(
              r.policy(),
              new Stat(r.profit(), 0),
              new Stat(r.reward(), 0),
              new Stat(r.deficit() * hoursPerStep, 0),
              new Stat(r.surplus() * hoursPerStep, 0)));
    }
    double[] demand = java.util.Arrays.copyOfRange(trace.demand(), evalFrom + 1, evalTo);
    return new Result(
        stats,
        runs,
        demand,
        rewards,
        seconds,
        steps,
        first,
        trainFrom,
        trainTo,
        evalFrom,
        evalTo,
        agentMarket,
        agentFigures[0]);
  }
}
