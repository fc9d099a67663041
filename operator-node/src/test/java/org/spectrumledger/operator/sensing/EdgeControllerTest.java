package org.spectrumledger.operator.sensing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class EdgeControllerTest {

  private static ControllerConfig config(
      double[] weights, double lambda, SensingMode mode, TieRule tie) {
    return new ControllerConfig(
        weights, lambda, mode, tie, OverheadModel.LOG2, PriorityConstraint.ORDER);
  }

  private static double[] ones(int n) {
    double[] w = new double[n];
    Arrays.fill(w, 1);
    return w;
  }

  /** Every node reports every band; {@code idleBy[b]} nodes (the first ones) say idle. */
  private static List<SensingReading> everyNode(int nodes, int... idleBy) {
    List<SensingReading> r = new ArrayList<>();
    for (int b = 0; b < idleBy.length; b++) {
      for (int n = 0; n < nodes; n++) {
        r.add(new SensingReading(n, b, n < idleBy[b]));
      }
    }
    return r;
  }

  @Test
  void roundRobinGivesEachBandOneNodeBalancedAndRotatesEveryInterval() {
    EdgeController c = new EdgeController(ControllerConfig.paper(10, SensingMode.DEDICATED));

    SensingPlan t0 = c.plan(10, 3, 0);
    SensingPlan t1 = c.plan(10, 3, 1);

    assertThat(t0.nodeOfBand()).containsExactly(0, 1, 2, 0, 1, 2, 0, 1, 2, 0);
    assertThat(t1.nodeOfBand()).containsExactly(1, 2, 0, 1, 2, 0, 1, 2, 0, 1);
    assertThat(t0.bandsOf(0)).containsExactly(0, 3, 6, 9);
    assertThat(t0.bandsOf(1)).hasSize(3);
    int[] sensedBy = new int[3];
    for (int t = 0; t < 3; t++) {
      sensedBy[c.plan(10, 3, t).nodeOfBand()[4]]++;
    }
    assertThat(sensedBy).containsExactly(1, 1, 1); // band 4 met every node once in 3 intervals
    for (int b = 0; b < 10; b++) {
      assertThat(t0.sensed(b)).isTrue(); // s_b = 1
    }
  }

  @Test
  void inAllModeEveryNodeSensesEveryBand() {
    SensingPlan plan = new EdgeController(ControllerConfig.paper(4, SensingMode.ALL)).plan(5, 3, 7);

    for (int n = 0; n < 3; n++) {
      assertThat(plan.bandsOf(n)).containsExactly(0, 1, 2, 3, 4);
    }
  }

  @Test
  void fusesByMajorityAndTheTieRuleDecidesAnEvenSplit() {
    ControlInput input = ControlInput.uniform(0, 4, 3, 1, everyNode(4, 2, 3, 1));

    Decision access =
        new EdgeController(config(ones(3), 0.5, SensingMode.ALL, TieRule.ACCESS)).decide(input);
    Decision deny =
        new EdgeController(config(ones(3), 0.5, SensingMode.ALL, TieRule.DENY)).decide(input);

    assertThat(access.idle()).containsExactly(true, true, false);
    assertThat(deny.idle()).containsExactly(false, true, false);
  }

  @Test
  void aBandNobodyObservedIsNeverEstimatedIdle() {
    Decision d =
        new EdgeController(ControllerConfig.paper(2, SensingMode.ALL))
            .decide(ControlInput.uniform(0, 2, 2, 1, List.of(new SensingReading(0, 0, true))));

    assertThat(d.idle()).containsExactly(true, false);
    assertThat(d.bandOfService()).containsExactly(0, -1);
  }

  @Test
  void ignoresReadingsFromNodesNotAssignedToTheBandAndRepeatedReadings() {
    EdgeController c = new EdgeController(ControllerConfig.paper(2, SensingMode.DEDICATED));
    // interval 0, E = 2: band 0 -> node 0, band 1 -> node 1
    List<SensingReading> readings =
        List.of(
            new SensingReading(0, 0, false),
            new SensingReading(1, 0, true), // not node 1's band
            new SensingReading(0, 0, true), // node 0 again
            new SensingReading(1, 1, true));

    Decision d = c.decide(ControlInput.uniform(0, 2, 2, 1, readings));

    assertThat(d.idle()).containsExactly(false, true);
    assertThat(d.ignoredReadings()).isEqualTo(2);
  }

  @Test
  void rejectsAReadingOfANodeOrBandThatDoesNotExist() {
    EdgeController c = new EdgeController(ControllerConfig.paper(2, SensingMode.ALL));

    assertThatThrownBy(
            () ->
                c.decide(ControlInput.uniform(0, 2, 2, 1, List.of(new SensingReading(2, 0, true)))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("node 2");
    assertThatThrownBy(
            () ->
                c.decide(ControlInput.uniform(0, 2, 2, 1, List.of(new SensingReading(0, 5, true)))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("band 5");
  }

  @Test
  void servesServicesByDescendingWeightOnTheCheapestIdleBands() {
    EdgeController c =
        new EdgeController(config(new double[] {1, 3, 2}, 0.5, SensingMode.ALL, TieRule.ACCESS));
    // bands 0-2 idle, band 3 busy but cheapest
    ControlInput input =
        new ControlInput(0, 1, new double[] {5, 1, 3, 0.5}, null, everyNode(1, 1, 1, 1, 0));

    Decision d = c.decide(input);

    assertThat(d.bandOfService())
        .containsExactly(0, 1, 2); // u0 (w 1) -> band 0, u1 (3) -> 1, u2 (2) -> 2
    assertThat(d.utility()).isEqualTo(6);
    assertThat(d.sensingCost()).isEqualTo(9.5);
    assertThat(d.objective()).isEqualTo(6 - 0.5 * 9.5);
  }

  @Test
  void withoutASensingCostWeightBandsGoInIndexOrder() {
    EdgeController c =
        new EdgeController(config(new double[] {1, 3}, 0, SensingMode.ALL, TieRule.ACCESS));

    Decision d =
        c.decide(new ControlInput(0, 1, new double[] {5, 1, 3}, null, everyNode(1, 1, 1, 1)));

    assertThat(d.bandOfService()).containsExactly(1, 0); // the heavier service takes band 0
  }

  @Test
  void whenIdleBandsRunOutTheLightestServicesGoWithout() {
    EdgeController c =
        new EdgeController(config(new double[] {1, 5, 2, 4}, 0.5, SensingMode.ALL, TieRule.ACCESS));

    Decision d = c.decide(ControlInput.uniform(0, 1, 3, 1, everyNode(1, 1, 0, 1)));

    assertThat(d.bandOfService()).containsExactly(-1, 0, -1, 2);
    assertThat(d.servedServices()).isEqualTo(2);
  }

  @Test
  void aProtectedBandIsNeverAllocatedEvenWhenIdle() {
    EdgeController c = new EdgeController(ControllerConfig.paper(3, SensingMode.ALL));
    ControlInput input =
        new ControlInput(
            0,
            1,
            new double[] {1, 1, 1},
            new boolean[] {true, false, false},
            everyNode(1, 1, 1, 1));

    Decision d = c.decide(input);

    assertThat(d.idle()).containsExactly(true, true, true);
    assertThat(d.serviceOf(0)).isEqualTo(-1);
    assertThat(d.bandOfService()).containsExactly(1, 2, -1);
  }

  @Test
  void readLiterallyC3ServesOnlyTheHeaviestWeightClass() {
    double[] w = {1, 2, 2};
    ControllerConfig literal =
        new ControllerConfig(
            w,
            0.5,
            SensingMode.ALL,
            TieRule.ACCESS,
            OverheadModel.LOG2,
            PriorityConstraint.LITERAL);

    Decision d =
        new EdgeController(literal).decide(ControlInput.uniform(0, 1, 3, 1, everyNode(1, 1, 1, 1)));

    assertThat(d.bandOfService()).containsExactly(-1, 0, 1); // band 2 stays idle
  }

  @Test
  void everyAllocationRespectsAvailabilityExclusivityAndProtectionAndIsMaximal() {
    SplittableRandom random = new SplittableRandom(7);
    for (int trial = 0; trial < 2_000; trial++) {
      int bands = 1 + random.nextInt(12);
      int services = 1 + random.nextInt(12);
      int nodes = 1 + random.nextInt(5);
      double[] w = new double[services];
      for (int u = 0; u < services; u++) {
        w[u] = random.nextInt(4);
      }
      double[] costs = new double[bands];
      boolean[] prot = new boolean[bands];
      List<SensingReading> readings = new ArrayList<>();
      for (int b = 0; b < bands; b++) {
        costs[b] = random.nextInt(3);
        prot[b] = random.nextDouble() < 0.2;
        for (int n = 0; n < nodes; n++) {
          readings.add(new SensingReading(n, b, random.nextBoolean()));
        }
      }
      TieRule tie = random.nextBoolean() ? TieRule.ACCESS : TieRule.DENY;
      Decision d =
          new EdgeController(config(w, random.nextDouble(), SensingMode.ALL, tie))
              .decide(new ControlInput(trial, nodes, costs, prot, readings));

      boolean[] used = new boolean[bands];
      int available = 0;
      for (int b = 0; b < bands; b++) {
        available += d.idle(b) && !prot[b] ? 1 : 0;
      }
      double heaviestUnserved = -1;
      double lightestServed = Double.MAX_VALUE;
      for (int u = 0; u < services; u++) {
        int b = d.bandOfService()[u];
        if (b < 0) {
          heaviestUnserved = Math.max(heaviestUnserved, w[u]);
          continue;
        }
        lightestServed = Math.min(lightestServed, w[u]);
        assertThat(d.idle(b)).as("C1").isTrue();
        assertThat(used[b]).as("C2").isFalse();
        assertThat(prot[b]).as("C4").isFalse();
        used[b] = true;
      }
      assertThat(d.servedServices()).isEqualTo(Math.min(services, available));
      assertThat(heaviestUnserved).as("C3").isLessThanOrEqualTo(lightestServed);
    }
  }

  @Test
  void overheadFollowsTheChosenModel() {
    assertThat(
            new EdgeController(ControllerConfig.paper(10, SensingMode.ALL))
                .plan(10, 10, 0)
                .overhead())
        .isCloseTo(34.594316, within(1e-6));
    ControllerConfig count =
        new ControllerConfig(
            ones(10),
            0.5,
            SensingMode.DEDICATED,
            TieRule.ACCESS,
            OverheadModel.COUNT,
            PriorityConstraint.ORDER);
    assertThat(new EdgeController(count).plan(10, 4, 0).overhead()).isEqualTo(10);
    assertThat(OverheadModel.COUNT.isss(10, 4, SensingMode.ALL)).isEqualTo(40);
  }

  @Test
  void theSameInputGivesTheSameDecisionWhateverCameBefore() {
    EdgeController c = new EdgeController(ControllerConfig.paper(5, SensingMode.ALL));
    ControlInput small = ControlInput.uniform(3, 3, 4, 1, everyNode(3, 3, 1, 2, 0));
    Decision first = c.decide(small);

    c.decide(ControlInput.uniform(9, 7, 50, 2, everyNode(7, new int[50])));

    assertThat(c.decide(small)).isEqualTo(first);
    assertThat(new EdgeController(ControllerConfig.paper(5, SensingMode.ALL)).decide(small))
        .isEqualTo(first);
  }

  @Test
  void estimatesOfACellNameTheBandsById() {
    Decision d =
        new EdgeController(ControllerConfig.paper(2, SensingMode.ALL))
            .decide(ControlInput.uniform(0, 1, 2, 1, everyNode(1, 0, 1)));

    CellSensing s = d.estimates(77, new long[] {40, 41}, 1_000);

    assertThat(s.idle(40)).contains(false);
    assertThat(s.idle(41)).contains(true);
    assertThat(s.idle(42)).isEmpty();
  }
}
