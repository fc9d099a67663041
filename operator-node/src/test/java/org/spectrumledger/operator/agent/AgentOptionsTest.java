package org.spectrumledger.operator.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spectrumledger.operator.forecast.ForecastModels;

/** The choices of the default agent (issue 18): action scaling, state features, reward, margins. */
class AgentOptionsTest {

  @Test
  void actionsStayThePapersWhenTheLargestCoversNineMovesInTen() {
    double[] calm = new double[100];
    for (int i = 0; i < calm.length; i++) {
      calm[i] = 24 + (i % 2 == 0 ? 1 : -1); // every move 2 SRU
    }
    MarketConfig paper = MarketConfig.paper();
    assertThat(ActionScaling.typicalMove(calm, 0, calm.length)).isEqualTo(2);
    assertThat(ActionScaling.scaled(paper, calm, 0, calm.length)).isEqualTo(paper);
  }

  @Test
  void actionsExtendOnTheGridToCoverLargeMoves() {
    double[] volatile_ = new double[100];
    for (int i = 0; i < volatile_.length; i++) {
      volatile_[i] = 24 + (i % 2 == 0 ? 2.5 : -2.5); // every move 5 SRU: k = 2
    }
    MarketConfig scaled = ActionScaling.scaled(MarketConfig.paper(), volatile_, 0, 100);
    assertThat(scaled.actions()).containsExactly(-6, -4.5, -3, -1.5, 0, 1.5, 3, 4.5, 6);
    assertThat(scaled.action(scaled.holdAction())).isZero();
    // scaling is idempotent, and the paper's configuration never scales
    assertThat(ActionScaling.scaled(scaled, volatile_, 0, 100)).isEqualTo(scaled);
    assertThat(ActionScaling.forAgent(AgentConfig.paper(), MarketConfig.paper(), volatile_, 0, 100))
        .isEqualTo(MarketConfig.paper());
  }

  @Test
  void stateFeaturesEncodeLevelsAgainstTheLicenceOrTheHolding() {
    // holding 26, forecast 30, mean error 2, mean demand 28, mean move 3, price demand 20
    double[] state = {26, 30, 2, 28, 3, 20};
    double[] out = new double[6];
    QPolicy.encode(state, AgentConfig.Features.PAPER, 24, 4, out, 0);
    assertThat(out).startsWith(0.5, 1.5, 0.5, 1.0);
    QPolicy.encode(state, AgentConfig.Features.PRICE, 24, 4, out, 0);
    assertThat(out).containsExactly(0.5, 1.5, 0.5, 1.0, 0.75, -1.0);
    QPolicy.encode(state, AgentConfig.Features.RELATIVE_PRICE, 24, 4, out, 0);
    assertThat(out).containsExactly(1.0, 0.5, 0.5, 0.75, 0.5, -1.0);
    assertThat(AgentConfig.Features.FORECAST.inputs()).isEqualTo(2);
    assertThat(AgentConfig.Features.VOLATILITY.inputs()).isEqualTo(5);
  }

  @Test
  void traceAndTrackerMeasureTheRecentVolatility() {
    double[] d = {20, 24, 22, 22, 28};
    DemandTrace trace =
        DemandTrace.build(d, null, ForecastModels.byName("persistence", 1), 24, 2, 2);
    double[] s = new double[StateTracker.STATE_SIZE];
    trace.state(4, 24, s);
    assertThat(s[4]).isEqualTo(3); // moves 0 and 6
    assertThat(s[5]).isEqualTo(28); // no price series: the own demand sets it
  }

  @Test
  void profitObjectivePricesTheDeficitAtTheLostRevenueAgainstTheLicence() {
    MarketConfig mc = MarketConfig.paper();
    SpectrumMarket m = new SpectrumMarket(mc);
    // holding the licence against demand 30: nothing gained or lost against the licence
    StepOutcome hold = m.step(24, mc.holdAction(), 20, 30);
    assertThat(DdqnTrainer.learningReward(AgentConfig.Objective.PROFIT, mc, hold, 30)).isZero();
    assertThat(DdqnTrainer.learningReward(AgentConfig.Objective.PAPER, mc, hold, 30))
        .isEqualTo(-8 * 6);
    // buy 3 at price 2.0 and serve 3 more: 3 × 3.0 revenue − 6 lease − 0.15 cost
    StepOutcome buy = m.step(24, 4, 20, 30);
    assertThat(DdqnTrainer.learningReward(AgentConfig.Objective.PROFIT, mc, buy, 30))
        .isCloseTo(9 - 6 - 0.15, within(1e-12));
    // buy 3 for demand 24: the lease is lost, nothing more is served
    StepOutcome waste = m.step(24, 4, 20, 24);
    assertThat(DdqnTrainer.learningReward(AgentConfig.Objective.PROFIT, mc, waste, 24))
        .isCloseTo(-6 - 0.15, within(1e-12));
  }

  @Test
  void marginDecisionZeroIsTheRuleTrader() {
    AgentConfig cfg = AgentConfig.forGranularity(3_600).withHidden(8);
    MarketConfig mc = MarketConfig.paper();
    QPolicy q = new QPolicy(DdqnTrainer.network(cfg, mc), cfg, mc);
    double[] margins = AgentConfig.margins();
    int zero = 0;
    while (margins[zero] != 0) {
      zero++;
    }
    RulePolicy rule = new RulePolicy(mc, 0);
    RulePolicy low = new RulePolicy(mc, margins[0]);
    for (double f = 18; f <= 30; f += 0.7) {
      double[] s = {24, f, 2, 24, 1, 24};
      assertThat(q.act(s, zero)).isEqualTo(rule.decide(s));
      assertThat(q.act(s, 0)).isEqualTo(low.decide(s));
    }
    assertThat(cfg.outputs(mc)).isEqualTo(margins.length);
  }

  @Test
  void anAgentSavedBeforeTheOptionsLoadsAsThePapersAgent(@TempDir Path dir) throws Exception {
    AgentConfig cfg = AgentConfig.paper().withHidden(4);
    MarketConfig mc = MarketConfig.paper();
    TrainedAgent agent =
        TrainedAgent.of(cfg, mc, "lag-regression", DdqnTrainer.network(cfg, mc).parameters());
    Path file = dir.resolve("agent.json");
    AgentStore.save(agent, file);
    String json = Files.readString(file);
    for (String field : List.of("features", "objective", "actionScale", "decision", "allActions")) {
      json = json.replaceAll(",\"" + field + "\":(\"[A-Z]+\"|true|false)", "");
    }
    assertThat(json).doesNotContain("objective", "allActions");
    Files.writeString(file, json);

    assertThat(AgentStore.load(file).config()).isEqualTo(cfg);
  }

  @Test
  void theDefaultAgentBeatsTheStaticOperatorOnAVolatileSeries() {
    // 16 days, moves above 3 SRU in about a third of the hours; train days 2-10, evaluate 10-16
    double[] d = new SyntheticDemand(16 * 24, 3, 7).generate();
    MarketConfig mc = MarketConfig.paper();
    AgentConfig cfg = AgentConfig.forGranularity(3_600).withHidden(32).withEpisodes(15);
    AgentExperiment exp =
        new AgentExperiment(mc, cfg, ForecastModels.byName("lag-regression", 7), 2, 10, 2, 0);
    AgentExperiment.Result r = exp.run(exp.trace(d, null, 24, 24), 24, 1.0, null);
    assertThat(r.agentMarket().largestAction()).isGreaterThan(3);
    assertThat(r.seedsAtLeast("static")).as("seeds at least as good as static").isEqualTo(2);
  }
}
