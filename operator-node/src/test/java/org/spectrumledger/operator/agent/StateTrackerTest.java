package org.spectrumledger.operator.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.spectrumledger.operator.forecast.ForecastModels;

class StateTrackerTest {

  @Test
  void persistenceStateOverAWindowOfTwo() {
    StateTracker t = new StateTracker(2);
    double[] s = new double[StateTracker.STATE_SIZE];
    t.state(24, s);
    assertThat(s).containsExactly(24, 0, 0, 0, 0, 0);
    t.observe(10);
    t.observe(12); // error |12 − 10| = 2
    t.observe(11); // error 1; the window holds errors {2, 1}, demands {12, 11}, moves {2, 1}
    t.state(25.5, s);
    // without a price series the price-setting demand is the operator's own last one
    assertThat(s).containsExactly(25.5, 11, 1.5, 11.5, 1.5, 11);
    t.observePrice(30);
    t.state(25.5, s);
    assertThat(s[5]).isEqualTo(30);
    assertThat(t.observed()).isEqualTo(3);
  }

  @ParameterizedTest
  @EnumSource(AgentConfig.Preset.class)
  void aLoadedAgentDecidesOnlineExactlyAsOnItsTrainingTrace(
      AgentConfig.Preset preset, @TempDir Path dir) {
    double[] demand = new double[24 * 8];
    for (int i = 0; i < demand.length; i++) {
      demand[i] = 24 + 4 * Math.sin(2 * Math.PI * i / 24) + 0.5 * Math.sin(i * 1.3);
    }
    AgentExperiment exp =
        new AgentExperiment(
            MarketConfig.paper(),
            // 10 × 71 steps: past the 500-step warm-up, so the network is trained
            AgentConfig.of(preset, 3_600).withHidden(32).withEpisodes(10),
            ForecastModels.byName("lag-regression", 1),
            2,
            5,
            1,
            0);
    DemandTrace trace = exp.trace(demand, null, 24, 24);
    AgentExperiment.Result r = exp.run(trace, 24, 1.0, null);
    Path file = dir.resolve("agent.json");
    AgentStore.save(r.firstAgent(), file);

    // what the daemon does: load, fit the forecaster on recent demand, then one decision an hour
    TrainedAgent agent = AgentStore.load(file);
    assertThat(agent.forecaster()).isEqualTo("lag-regression");
    StateTracker tracker = agent.stateTracker(Arrays.copyOf(demand, 48), 24);
    QPolicy policy = agent.policy();
    QPolicy trained = r.firstAgent().policy();
    SpectrumMarket market = new SpectrumMarket(agent.market());
    double holding = agent.market().licence();
    double[] online = new double[StateTracker.STATE_SIZE];
    double[] offline = new double[StateTracker.STATE_SIZE];
    int trades = 0;
    for (int t = 47; t < demand.length - 1; t++) {
      if (t > 47) {
        tracker.observe(demand[t]);
      }
      tracker.state(holding, online);
      trace.state(t, holding, offline);
      assertThat(online).as("state at %d", t).containsExactly(offline);
      int action = policy.decide(online);
      assertThat(action).isEqualTo(trained.decide(offline));
      trades += agent.actionSru(action) != 0 ? 1 : 0;
      holding = market.step(holding, action, demand[t], demand[t + 1]).holding();
    }
    assertThat(trades)
        .as("the agent trades, so decisions were compared on varied holdings")
        .isPositive();
  }

  @Test
  void anAgentWithoutItsForecasterCannotBuildAState() {
    TrainedAgent agent =
        TrainedAgent.of(
            AgentConfig.paper().withHidden(4),
            MarketConfig.paper(),
            null,
            new double[(4 + 1) * 4 + (4 + 1) * 4 + (4 + 1) * 5]);
    assertThatThrownBy(() -> agent.stateTracker(new double[48], 24))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("forecaster");
  }
}
