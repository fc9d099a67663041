package org.spectrumledger.operator.daemon;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.spectrumledger.operator.sensing.BirthDeathChannel;
import org.spectrumledger.operator.sensing.CellSensing;
import org.spectrumledger.operator.sensing.ControlInput;
import org.spectrumledger.operator.sensing.ControllerConfig;
import org.spectrumledger.operator.sensing.Decision;
import org.spectrumledger.operator.sensing.DetectionModel;
import org.spectrumledger.operator.sensing.EdgeController;
import org.spectrumledger.operator.sensing.SensingMode;
import org.spectrumledger.operator.sensing.SensingPlan;
import org.spectrumledger.operator.sensing.SensingReading;

/**
 * The ISSS edge controller of one cell, fed by simulated sensing nodes: each band's primary user
 * follows its birth–death process, each node observes the bands the controller assigns it with the
 * single-node detection model, and the controller fuses the votes into availability estimates.
 * Where real sensing nodes exist their readings replace the simulation; the controller is the same.
 * Deterministic under its seed.
 */
public final class EdgeSensing {

  private final long cell;
  private final long[] bandIds;
  private final BirthDeathChannel[] channels;
  private final boolean[] busy;
  private final int nodes;
  private final double intervalSeconds;
  private final DetectionModel detection;
  private final EdgeController controller;
  private final SplittableRandom random;
  private long interval;
  private Decision last;

  /**
   * @param cell the cell sensed
   * @param bandIds the bands, in the controller's order
   * @param channels each band's primary-user process
   * @param nodes sensing nodes E
   * @param intervalSeconds control interval length (the channel's clock)
   * @param seed for the channel states and the observations
   */
  public EdgeSensing(
      long cell,
      long[] bandIds,
      BirthDeathChannel[] channels,
      int nodes,
      double intervalSeconds,
      long seed) {
    if (bandIds.length == 0 || bandIds.length != channels.length) {
      throw new IllegalArgumentException("one channel per band, at least one band");
    }
    this.cell = cell;
    this.bandIds = bandIds.clone();
    this.channels = channels.clone();
    this.nodes = nodes;
    this.intervalSeconds = intervalSeconds;
    this.detection = DetectionModel.PAPER_SINGLE_NODE;
    this.controller = new EdgeController(ControllerConfig.paper(bandIds.length, SensingMode.ALL));
    this.random = new SplittableRandom(seed);
    this.busy = new boolean[bandIds.length];
    for (int b = 0; b < busy.length; b++) {
      busy[b] = random.nextDouble() < channels[b].pBusy();
    }
  }

  /** One control interval: the channels move on, the nodes sense, the controller decides. */
  public CellSensing sense(long observedAt) {
    for (int b = 0; b < busy.length; b++) {
      busy[b] = random.nextDouble() < channels[b].pBusyAfter(busy[b], intervalSeconds);
    }
    SensingPlan plan = controller.plan(bandIds.length, nodes, interval);
    List<SensingReading> readings = new ArrayList<>();
    for (int n = 0; n < nodes; n++) {
      for (int b = 0; b < bandIds.length; b++) {
        if (plan.assigned(n, b)) {
          readings.add(
              new SensingReading(n, b, random.nextDouble() < detection.pIdleObserved(busy[b])));
        }
      }
    }
    last = controller.decide(ControlInput.uniform(interval++, nodes, bandIds.length, 0, readings));
    return last.estimates(cell, bandIds, observedAt);
  }
}
