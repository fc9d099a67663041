package org.spectrumledger.operator.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spectrumledger.broker.api.BrokerClient;
import org.spectrumledger.broker.api.BrokerInfo;
import org.spectrumledger.ledger.BandInfo;
import org.spectrumledger.ledger.CellId;
import org.spectrumledger.ledger.Deployment;
import org.spectrumledger.ledger.LedgerClient;
import org.spectrumledger.ledger.LedgerException;
import org.spectrumledger.ledger.MarketKey;
import org.spectrumledger.ledger.Role;
import org.spectrumledger.ledger.SigningKey;
import org.spectrumledger.ledger.cli.UnixTimeConverter;
import org.spectrumledger.operator.agent.AgentStore;
import org.spectrumledger.operator.agent.MarketConfig;
import org.spectrumledger.operator.daemon.DaemonMetrics;
import org.spectrumledger.operator.daemon.DemandSource;
import org.spectrumledger.operator.daemon.EdgeSensing;
import org.spectrumledger.operator.daemon.OperatorDaemon;
import org.spectrumledger.operator.daemon.SlotClock;
import org.spectrumledger.operator.daemon.TradingBrain;
import org.spectrumledger.operator.data.TimeSeries;
import org.spectrumledger.operator.data.TimeSeriesReader;
import org.spectrumledger.operator.fairness.ReceiptBook;
import org.spectrumledger.operator.sensing.BirthDeathChannel;
import org.spectrumledger.operator.sensing.CellSensing;
import org.spectrumledger.operator.sensing.MarketEligibility;
import org.spectrumledger.operator.sensing.PolicyReader;
import org.spectrumledger.operator.sensing.PolicySnapshot;
import org.spectrumledger.operator.sensing.SensingReporter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code spectrum operator run}: the operator's daemon. Every interval: read demand (a replay of a
 * data file), forecast, sense (the ISSS edge controller, optional), decide with the trained agent
 * or the rule trader, send a signed bid or ask for the next slot to the broker, and book the fills.
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = "Runs the operator's daemon: forecast, sense, decide, trade, every interval.")
public final class RunCommand implements Callable<Integer> {

  private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;
  @Mixin AccountOptions account;

  @Option(
      names = "--data",
      required = true,
      description = "demand to replay (the dataset's TSV or a CSV)")
  Path data;

  @Option(
      names = "--from",
      description = "first sample to replay (default: after the first 15 days)")
  Integer from;

  @Option(
      names = "--agent",
      description =
          "trained agent (from 'operator agent train --out'); without it the rule trader decides")
  Path agent;

  @Option(
      names = "--licence-sru",
      paramLabel = "SRU",
      description =
          "the SRU per slot the daemon counts as its licence (default: its licence on chain in the"
              + " licensed band, the last of --bands, and --cell); 0 for an operator without one")
  Double licence;

  /** The older name of {@code --licence-sru} (register's --licence grants one; this counts one). */
  @Option(names = "--licence", hidden = true)
  void licenceAlias(Double sru) {
    this.licence = sru;
  }

  @Option(
      names = "--bands",
      defaultValue = "4",
      split = ",",
      description =
          "bands in order of preference; the last is the licensed one (default ${DEFAULT-VALUE})")
  long[] bands;

  @Option(
      names = "--cell",
      defaultValue = "0x0",
      description = "the cell served (default ${DEFAULT-VALUE})")
  String cell;

  @Option(
      names = "--first-slot",
      converter = UnixTimeConverter.class,
      description =
          "start of the first traded slot: unix seconds or an ISO date, on the grid of every band"
              + " in --bands (default: the next slot on the bands' grid after the chain's time)")
  Long firstSlot;

  @Option(
      names = "--interval-ms",
      description = "wall time per interval (default: the data's interval; less replays faster)")
  Long intervalMs;

  @Option(
      names = "--steps",
      description = "stop after this many intervals, 1 or more (default: until the data ends)")
  Long steps;

  @Option(
      names = "--sense-p-busy",
      description =
          "run the ISSS edge controller on the bands, their primary users busy with this probability")
  Double pBusy;

  @Option(
      names = "--metrics-port",
      description = "serve Prometheus metrics at http://127.0.0.1:PORT/metrics")
  Integer metricsPort;

  @Option(
      names = "--nonce-file",
      description = "where the next order nonce is kept (default HOME/nonce)")
  Path nonceFile;

  /**
   * The daemon trades through the broker for its whole run: a URL that answers as no broker does,
   * or the broker of another deployment (every order would be refused as signed for another
   * exchange), stops it before it starts. A broker that does not answer yet does not: the daemon
   * keeps trying, interval after interval.
   */
  private void checkBrokerOfThisDeployment() {
    BrokerInfo info;
    try {
      info = account.brokerClient().info();
    } catch (BrokerClient.BrokerUnavailable e) {
      if (e.answeredNotAsTheBroker()) {
        throw new IllegalArgumentException(e.getMessage() + " (--broker)", e);
      }
      spec.commandLine()
          .getErr()
          .println(e.getMessage() + "; the daemon starts all the same and keeps trying");
      return;
    }
    Deployment d = account.deployment();
    if (info.chainId() != d.chainId() || !info.exchange().equals(d.exchange())) {
      throw new IllegalArgumentException(
          "the broker at "
              + account.brokerUrl()
              + " settles on exchange "
              + info.exchange()
              + " of chain "
              + info.chainId()
              + "; this account's deployment is exchange "
              + d.exchange()
              + " of chain "
              + d.chainId()
              + ": point --broker at this deployment's broker, or --deployment at the broker's");
    }
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    if (steps != null && steps < 1) {
      throw new IllegalArgumentException("--steps must be 1 or more, got " + steps);
    }
    TimeSeries series = new TimeSeriesReader().read(data);
    int season = (int) Math.max(1, 86_400 / series.intervalSeconds());
    int start = from != null ? from : (int) Math.min(series.size() - 1, 15L * season);
    if (start < 2 * season || start >= series.size()) {
      throw new IllegalArgumentException(
          "--from must leave 2 days of history before it and data after it (1 <= "
              + start
              + " < "
              + series.size()
              + ")");
    }
    SigningKey key = account.key();
    long cellId = CellOption.one(cell, "--cell");
    Path nonces = nonceFile != null ? nonceFile : account.home().resolve("nonce");
    long firstNonce =
        Files.isRegularFile(nonces) ? Long.parseLong(Files.readString(nonces).strip()) : 0;
    if (licence != null && !(licence >= 0)) {
      throw new IllegalArgumentException("--licence-sru must be 0 or more SRU, got " + licence);
    }
    checkBrokerOfThisDeployment();
    try (LedgerClient client = account.client(key)) {
      long licensedBand = bands[bands.length - 1];
      double licence =
          this.licence != null
              ? this.licence
              : client.policy().licence(key.address(), licensedBand, cellId).quantity() / 1000.0;
      if (licence <= 0 && this.licence == null) {
        throw new IllegalArgumentException(
            key.address()
                + " holds no licence on chain for band "
                + licensedBand
                + " in cell "
                + new CellId(cellId)
                + "; ask the regulator for one, or pass --licence-sru SRU");
      }
      double[] history = Arrays.copyOfRange(series.values(), start - 2 * season, start);
      TradingBrain brain;
      if (agent != null) {
        brain = TradingBrain.agent(AgentStore.load(agent), history, season);
      } else {
        MarketConfig p = MarketConfig.paper();
        MarketConfig m =
            new MarketConfig(
                licence,
                p.actions(),
                0,
                Math.max(licence * 2, licence + 6),
                p.alpha(),
                p.beta(),
                p.gamma(),
                p.priceCoefficient(),
                p.revenuePerSru(),
                p.transactionCostPerSru(),
                p.settlement());
        brain = TradingBrain.rule(m, "lag-regression", history, season, 1);
      }
      long slotLength = series.intervalSeconds();
      List<BandInfo> grids =
          Arrays.stream(bands).distinct().mapToObj(b -> client.policy().bandInfo(b)).toList();
      long first = firstSlot != null ? firstSlot : nextSlot(grids, client.chainTime(), slotLength);
      checkOnEveryGrid(
          grids,
          first,
          slotLength,
          firstSlot != null ? "--first-slot " + first : "the default first slot " + first);
      SlotClock clock = new SlotClock(first, slotLength);
      PolicyReader policy = new PolicyReader(client);
      MarketEligibility eligibility = new MarketEligibility(Math.max(2 * slotLength, 600));
      EdgeSensing sensing =
          pBusy == null
              ? null
              : new EdgeSensing(
                  cellId, bands, channels(bands.length, pBusy, slotLength), 4, slotLength, 1);
      SensingReporter reporter =
          sensing != null && client.policy().hasRole(Role.SENSOR, key.address())
              ? new SensingReporter(client)
              : null;
      CellSensing[] latest = new CellSensing[1];
      OperatorDaemon daemon =
          new OperatorDaemon(
              new OperatorDaemon.Settings(
                  account.keyName(), bands, cellId, licence, 0.1, 0.2, 1_000),
              key,
              client,
              account.brokerClient(),
              brain,
              DemandSource.replay(series, start),
              clock,
              markets -> gate(eligibility, policy, markets, cellId, latest[0]),
              firstNonce);
      // the broker's fill receipts outlive the daemon: `operator audit` reads the same file, once
      // the daemon has let it go (closed below, when the run ends, however it ends)
      ReceiptBook receipts = ReceiptBook.open(account.home().resolve(AuditCommand.RECEIPTS_FILE));
      daemon.keepReceiptsIn(receipts);
      DaemonMetrics metrics = DaemonMetrics.of(daemon);
      if (metricsPort != null) {
        try {
          metrics.serve(metricsPort);
        } catch (RuntimeException e) {
          receipts.close();
          throw e;
        }
      }
      long pace = intervalMs != null ? intervalMs : slotLength * 1000;
      out.println(
          "operator "
              + key.address()
              + " trading "
              + Arrays.toString(bands)
              + " in cell "
              + new CellId(cellId)
              + " with the "
              + brain.name()
              + " policy, licence "
              + licence
              + " SRU per slot"
              + (this.licence == null ? " (on chain)" : "")
              + ", one interval per "
              + pace
              + " ms from slot "
              + first);
      out.flush();
      long k = 0;
      try (receipts;
          metrics) {
        while (steps == null || k < steps) {
          long t0 = System.currentTimeMillis();
          long work = System.nanoTime();
          if (sensing != null) {
            latest[0] = sensing.sense(t0 / 1000);
            if (reporter != null) {
              try {
                reporter.report(latest[0]);
              } catch (LedgerException e) {
                LOG.warn("sensing report not sent: {}", e.getMessage());
              }
            }
          }
          if (!daemon.step()) {
            break;
          }
          daemon.reconcile(k);
          Files.writeString(nonces, Long.toString(daemon.nextNonce()));
          metrics.intervalTook(System.nanoTime() - work);
          k++;
          long wait = pace - (System.currentTimeMillis() - t0);
          if (wait > 0) {
            Thread.sleep(wait);
          }
        }
        daemon.drain(java.time.Duration.ofSeconds(30));
      }
      var book = daemon.book();
      out.printf(
          java.util.Locale.ROOT,
          "%d intervals: profit %.2f (static %.2f), bought %.1f SRU, sold %.1f SRU%n",
          daemon.steps(),
          book.profit(),
          book.staticProfit(),
          book.boughtSru(),
          book.soldSru());
      for (Map.Entry<String, Long> e : new java.util.TreeMap<>(daemon.counters()).entrySet()) {
        out.println("  " + e.getKey() + ": " + e.getValue());
      }
      ChainPosition chain = chainPosition(client, key, clock, bands, cellId, daemon.steps());
      boolean agree =
          Math.abs(chain.boughtSru() - book.boughtSru()) < 0.0005
              && Math.abs(chain.soldSru() - book.soldSru()) < 0.0005;
      out.printf(
          java.util.Locale.ROOT,
          "books %s the chain: bought %.3f SRU (chain %.3f), sold %.3f SRU (chain %.3f) in the"
              + " %d slot(s) traded%n",
          agree ? "agree with" : "DISAGREE with",
          book.boughtSru(),
          chain.boughtSru(),
          book.soldSru(),
          chain.soldSru(),
          daemon.steps() + 1);
      out.flush();
      return agree ? 0 : 1;
    }
  }

  /**
   * The first slot when no {@code --first-slot} is given: the next one after {@code now} on the
   * grid of the first band in {@code grids} that has slots of {@code slotLength} (a grid need not
   * start at a multiple of its step: the regulator may move it to any step of the one before).
   * Without such a band, the next multiple of {@code slotLength}, which {@link #checkOnEveryGrid}
   * then refuses against a registered band.
   */
  static long nextSlot(List<BandInfo> grids, long now, long slotLength) {
    for (BandInfo info : grids) {
      if (info.registered()) {
        var next = info.grid().nextSlotAfter(now, slotLength);
        if (next.isPresent()) {
          return next.getAsLong();
        }
      }
    }
    return (now / slotLength + 1) * slotLength;
  }

  /**
   * Refuses a first slot ({@code what}: the {@code --first-slot} given, or the default) off the
   * grid of a band in {@code --bands}: the daemon would trade nothing there, every interval (a band
   * not registered is left to the daemon's gate).
   */
  static void checkOnEveryGrid(List<BandInfo> grids, long first, long slotLength, String what) {
    for (BandInfo info : grids) {
      long band = info.band();
      if (!info.registered() || info.grid().contains(first, first + slotLength)) {
        continue;
      }
      long step = info.grid().stepAt(first);
      if (step == 0) {
        throw new IllegalArgumentException(
            what + " is before band " + band + "'s slot grid begins");
      }
      if (step != slotLength) {
        throw new IllegalArgumentException(
            "band "
                + band
                + "'s slots last "
                + step
                + " s, but --data's intervals are "
                + slotLength
                + " s: the daemon trades one slot per interval, so none of band "
                + band
                + "'s");
      }
      // the grid that serves it starts where the regulator set it, not on a multiple of its step
      long from = first >= info.grid().from() ? info.grid().from() : info.grid().prevFrom();
      // the next slot the band's grid has of this length (none across a change of its step)
      var next = info.grid().nextSlotAfter(first - 1, slotLength);
      throw new IllegalArgumentException(
          what
              + " is off band "
              + band
              + "'s grid: its slots last "
              + step
              + " s and start every "
              + step
              + " s from "
              + from
              + " ("
              + java.time.Instant.ofEpochSecond(from)
              + ")"
              + (next.isPresent()
                  ? "; the next at or after it is "
                      + next.getAsLong()
                      + " ("
                      + java.time.Instant.ofEpochSecond(next.getAsLong())
                      + ")"
                  : "; no later slot of " + slotLength + " s is on it (the grid changes first)"));
    }
  }

  /** SRU the chain says {@code key} bought (leases) and sold (licence) in the daemon's slots. */
  record ChainPosition(double boughtSru, double soldSru) {}

  static ChainPosition chainPosition(
      LedgerClient client, SigningKey key, SlotClock clock, long[] bands, long cell, long steps) {
    long bought = 0;
    long sold = 0;
    for (long band : Arrays.stream(bands).distinct().toArray()) {
      for (long k = 0; k <= steps + 1; k++) {
        MarketKey m = clock.market(band, cell, k);
        bought += client.exchange().leaseBalance(key.address(), m);
        sold += client.exchange().licenceSold(key.address(), m);
      }
    }
    return new ChainPosition(bought / 1000.0, sold / 1000.0);
  }

  /** Sensing and policy gate the market; without sensing, only the policy does. */
  private static List<MarketEligibility.Verdict> gate(
      MarketEligibility eligibility,
      PolicyReader policy,
      List<MarketKey> markets,
      long cell,
      CellSensing sensing) {
    PolicySnapshot snapshot =
        policy.read(markets.stream().map(MarketKey::band).distinct().toList(), List.of(cell));
    List<MarketEligibility.Verdict> verdicts =
        eligibility.assess(markets, sensing == null ? Map.of() : Map.of(cell, sensing), snapshot);
    if (sensing != null) {
      return verdicts;
    }
    return verdicts.stream()
        .map(
            v ->
                new MarketEligibility.Verdict(
                    v.market(),
                    v.refusals().stream()
                        .filter(r -> r.reason() != MarketEligibility.Reason.NOT_SENSED)
                        .toList()))
        .toList();
  }

  private static BirthDeathChannel[] channels(int n, double pBusy, long intervalSeconds) {
    BirthDeathChannel[] c = new BirthDeathChannel[n];
    Arrays.fill(c, BirthDeathChannel.ofSteadyState(pBusy, 1.0 / intervalSeconds));
    return c;
  }
}
