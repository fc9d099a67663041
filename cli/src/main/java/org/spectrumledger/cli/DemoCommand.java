package org.spectrumledger.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.spectrumledger.broker.BrokerConfig;
import org.spectrumledger.broker.BrokerNode;
import org.spectrumledger.broker.api.BrokerClient;
import org.spectrumledger.broker.epoch.Timescale;
import org.spectrumledger.broker.store.BatchRecord;
import org.spectrumledger.broker.store.BatchState;
import org.spectrumledger.broker.store.BrokerStore;
import org.spectrumledger.broker.store.ClearingRecord;
import org.spectrumledger.broker.store.ClearingState;
import org.spectrumledger.broker.store.OrderRecord;
import org.spectrumledger.ledger.Address;
import org.spectrumledger.ledger.CellId;
import org.spectrumledger.ledger.ChainEvent;
import org.spectrumledger.ledger.CourtClient;
import org.spectrumledger.ledger.Fees;
import org.spectrumledger.ledger.GasFees;
import org.spectrumledger.ledger.LedgerClient;
import org.spectrumledger.ledger.LedgerEvent;
import org.spectrumledger.ledger.OperatorKind;
import org.spectrumledger.ledger.Order;
import org.spectrumledger.ledger.Side;
import org.spectrumledger.ledger.SigningKey;
import org.spectrumledger.ledger.TokenAmounts;
import org.spectrumledger.ledger.cli.ProgressBar;
import org.spectrumledger.ledger.cli.TextTable;
import org.spectrumledger.ledger.devchain.AnvilChain;
import org.spectrumledger.ledger.devchain.DevChainOptions;
import org.spectrumledger.ledger.devchain.DevLedger;
import org.spectrumledger.operator.agent.AgentConfig;
import org.spectrumledger.operator.agent.DdqnTrainer;
import org.spectrumledger.operator.agent.DemandTrace;
import org.spectrumledger.operator.agent.MarketConfig;
import org.spectrumledger.operator.agent.Settlement;
import org.spectrumledger.operator.agent.SpectrumMarket;
import org.spectrumledger.operator.agent.TrainedAgent;
import org.spectrumledger.operator.daemon.DemandSource;
import org.spectrumledger.operator.daemon.EdgeSensing;
import org.spectrumledger.operator.daemon.OperatorDaemon;
import org.spectrumledger.operator.daemon.SlotClock;
import org.spectrumledger.operator.daemon.TradingBrain;
import org.spectrumledger.operator.data.SyntheticTraffic;
import org.spectrumledger.operator.data.TimeSeries;
import org.spectrumledger.operator.data.TimeSeriesReader;
import org.spectrumledger.operator.fairness.BookAuditor;
import org.spectrumledger.operator.fairness.IntakeAuditor;
import org.spectrumledger.operator.fairness.ReceiptAuditor;
import org.spectrumledger.operator.forecast.ForecastModels;
import org.spectrumledger.operator.sensing.BirthDeathChannel;
import org.spectrumledger.operator.sensing.CellSensing;
import org.spectrumledger.operator.sensing.MarketEligibility;
import org.spectrumledger.operator.sensing.PolicyReader;
import org.spectrumledger.operator.sensing.PolicySnapshot;
import org.spectrumledger.operator.sensing.SensingReporter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code spectrum demo}: the whole marketplace on a dev chain it starts itself. The LTE operator
 * (NIST hourly data, a DDQN agent trained on its first 15 days), the NR operator (the TimeGAN
 * series, its own agent) and a micro operator (a rule trader on a synthetic campus profile) trade
 * through the broker over the evaluation span, one hourly slot per interval; the ISSS edge
 * controller senses the traded band and reports to the ledger, and a primary-user protection zone
 * keeps a second band closed. A report at the end.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = "Runs the whole marketplace on a local dev chain and reports what happened.")
final class DemoCommand implements Callable<Integer> {

  private static final long TRADED_BAND = 4;
  private static final long PROTECTED_BAND = 13;
  private static final int SEASON = 24;
  private static final int TRAIN_HOURS = 15 * 24;

  /** Where the demo's broker listens ({@link BrokerConfig#defaults}' host). */
  private static final String BROKER_HOST = "127.0.0.1";

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--report",
      description = "also write the report as JSON to this file (its directory must exist)")
  Path report;

  @Option(
      names = "--steps",
      description =
          "stop after this many hourly intervals, 1 or more (default: the whole evaluation span)")
  Integer steps;

  @Option(
      names = "--data",
      defaultValue = "data/nist-prosas",
      description = "directory of the NIST ProSAS series (default ${DEFAULT-VALUE})")
  Path data;

  @Option(
      names = "--seed",
      defaultValue = "1",
      description = "seed for the agents and the sensing (default ${DEFAULT-VALUE})")
  long seed;

  @Option(
      names = "--near-rt",
      description =
          "trade the hourly slots near-RT: each market clears as orders cross, and the broker signs"
              + " a fill receipt for every fill, which the operators audit against the chain")
  boolean nearRt;

  @Option(
      names = "--broker-cheats",
      description =
          "run with a broker that cheats in one way and show it caught: withhold (signs near-RT fill"
              + " receipts, then never settles some of them; implies --near-rt), omit (leaves an"
              + " order it gave an intake receipt out of an auction and out of the book it commits),"
              + " passover (keeps such an order in the book it commits but unfilled, while orders"
              + " it outranks fill) or misprice (clears some auctions at the highest price the"
              + " filled bids accept rather than the published rule's)")
  String cheat;

  @Option(
      names = "--city",
      description =
          "the city instead: per-minute markets over cells in three altitude layers for an hour,"
              + " 50 operators over 200 cells by default, demand per cell from the NIST per-minute"
              + " series; reports trades per second, gas per trade, order-to-settlement latency and"
              + " the largest auction")
  boolean city;

  @Option(
      names = "--minutes",
      defaultValue = "60",
      description = "with --city: minutes of per-minute markets (default ${DEFAULT-VALUE})")
  int minutes;

  @Option(
      names = "--cells",
      defaultValue = "200",
      description = "with --city: cells, spread over three layers (default ${DEFAULT-VALUE})")
  int cells;

  @Option(
      names = "--operators",
      defaultValue = "50",
      description =
          "with --city: operators, a fifth of them licensed sellers (default ${DEFAULT-VALUE})")
  int operators;

  @Option(
      names = "--keep-running",
      description = "keep the chain, the broker and its explorer up after the report, until Ctrl-C")
  boolean keepRunning;

  @Option(
      names = "--port",
      defaultValue = "0",
      description = "broker HTTP port (default: any free port)")
  int port;

  /** One operator of the demo, before it joins: who it is, its licence, how it trades. */
  private record Plan(
      String name, OperatorKind kind, double licenceSru, TradingBrain brain, DemandSource demand) {}

  private record Operator(
      String name,
      OperatorKind kind,
      String policy,
      SigningKey key,
      OperatorDaemon daemon,
      LedgerClient client) {}

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    long started = System.nanoTime();
    if (cheat != null && !List.of("withhold", "omit", "passover", "misprice").contains(cheat)) {
      throw new IllegalArgumentException(
          "--broker-cheats "
              + cheat
              + ": 'withhold', 'omit', 'passover' or 'misprice' can be shown");
    }
    // what can be checked now is, before minutes of training and trading are spent
    checkReport();
    if (city) {
      return city(out, err);
    }
    if (steps != null && steps < 1) {
      throw new IllegalArgumentException("--steps must be 1 or more, got " + steps);
    }
    checkPort();
    // near-RT markets sign fill receipts; a cheating demo tops the slashed bond up as it goes
    boolean receipts = nearRt || "withhold".equals(cheat);
    boolean topUp = receipts || cheat != null;
    Path dataDir = resolve(data);
    TimeSeries lte = read(dataDir.resolve("Output_hourly_LTE.tsv"));
    TimeSeries nr = read(dataDir.resolve("Output_hourly_NR.tsv"));
    double[] micro = microDemand(lte.size());
    int span = lte.size() - TRAIN_HOURS;
    int intervals = steps == null ? span : Math.min(span, Math.max(1, steps));

    err.println("training the LTE and NR agents on their first 15 days ...");
    err.flush();
    TrainedAgent lteAgent = train(lte.values(), nr.values(), seed);
    TrainedAgent nrAgent = train(nr.values(), lte.values(), seed + 1);

    err.println("starting the dev chain, deploying the ledger and the broker ...");
    err.flush();
    Path dir = Files.createTempDirectory("spectrum-demo");
    try (AnvilChain chain = AnvilChain.start(DevChainOptions.defaults().withAccounts(3));
        DevLedger ledger = DevLedger.deploy(chain, 60)) {
      LedgerClient admin = ledger.admin();
      long now = admin.chainTime();
      long firstSlot = (now / 3_600 + 1) * 3_600;
      long end = firstSlot + (long) (intervals + 2) * 3_600;
      long cell = CellId.of(CellId.Layer.GROUND, 2115).value();
      admin.policy().registerBand(TRADED_BAND, 2_110_000, 2_155_000, true, 7_200, 3_600);
      admin.policy().registerBand(PROTECTED_BAND, 746_000, 756_000, false, 0, 3_600);
      long zone = admin.policy().addProtectionZone(PROTECTED_BAND, cell, now, end);

      BrokerConfig config =
          BrokerConfig.defaults(
                  chain.rpcUrl(),
                  ledger.deployment(),
                  ledger.brokerKey(),
                  BrokerStore.defaultUrl(dir))
              .withPort(port)
              .withFees(GasFees.free())
              .withEpochs(Duration.ofHours(1), Duration.ofHours(1), Duration.ofHours(1))
              // hourly slots count as near-RT when asked: cleared as orders cross, with receipts
              .withNearRtMaxSlotSeconds(receipts ? 3_601 : 60);
      try (BrokerNode broker = BrokerNode.start(config);
          LedgerClient sensor = ledger.client(ledger.sensorKey())) {
        BrokerClient brokerClient = new BrokerClient("http://127.0.0.1:" + broker.port());
        SlotClock clock = new SlotClock(firstSlot, 3_600);
        EdgeSensing sensing =
            new EdgeSensing(
                cell,
                new long[] {TRADED_BAND},
                new BirthDeathChannel[] {BirthDeathChannel.ofSteadyState(0.15, 1.0 / 3_600)},
                4,
                3_600,
                seed);
        SensingReporter reporter = new SensingReporter(sensor);
        PolicyReader policy = new PolicyReader(admin);
        MarketEligibility eligibility = new MarketEligibility(7_200);
        CellSensing[] latest = new CellSensing[1];
        PolicySnapshot[] snapshot = new PolicySnapshot[1];

        List<Operator> operators = new ArrayList<>();
        long[] bands = {PROTECTED_BAND, TRADED_BAND};
        MarketConfig microMarket =
            new MarketConfig(
                8,
                MarketConfig.paper().actions(),
                0,
                20,
                8,
                2,
                0.5,
                0.1,
                3.0,
                0.05,
                Settlement.LEASE);
        List<Plan> plans =
            List.of(
                new Plan(
                    "LTE operator",
                    OperatorKind.MOBILE_NETWORK,
                    24.0,
                    TradingBrain.agent(lteAgent, history(lte.values()), SEASON),
                    DemandSource.replay(lte, TRAIN_HOURS)),
                new Plan(
                    "NR operator",
                    OperatorKind.MOBILE_NETWORK,
                    24.0,
                    TradingBrain.agent(nrAgent, history(nr.values()), SEASON),
                    DemandSource.replay(nr, TRAIN_HOURS)),
                new Plan(
                    "Campus micro operator",
                    OperatorKind.MICRO_OPERATOR,
                    8.0,
                    TradingBrain.rule(microMarket, "lag-regression", history(micro), SEASON, seed),
                    DemandSource.replay(
                        TimeSeries.of(
                            "campus",
                            java.time.Instant.ofEpochSecond(lte.epochSeconds()[0]),
                            3_600,
                            micro),
                        TRAIN_HOURS)));
        BigInteger tokens = TokenAmounts.parse("100000");
        for (Plan p : plans) {
          // what is not deposited pays the deposits of omission challenges
          SigningKey key =
              ledger.newOperator(
                  p.name(), p.kind(), tokens.add(TokenAmounts.parse("1000")), tokens);
          long licence = Math.round(p.licenceSru() * 1000);
          for (long band : bands) {
            admin.policy().grantLicence(key.address(), band, cell, licence, now, end);
          }
          LedgerClient client = ledger.client(key);
          OperatorDaemon daemon =
              new OperatorDaemon(
                  new OperatorDaemon.Settings(
                      p.name(), bands, cell, p.licenceSru(), 0.1, 0.2, 1_000),
                  key,
                  client,
                  brokerClient,
                  p.brain(),
                  p.demand(),
                  clock,
                  markets -> eligibility.assess(markets, Map.of(cell, latest[0]), snapshot[0]),
                  0);
          operators.add(new Operator(p.name(), p.kind(), p.brain().name(), key, daemon, client));
        }

        err.println(
            "trading "
                + intervals
                + " hourly slots: "
                + operators.size()
                + " operators, band "
                + TRADED_BAND
                + " gated by ISSS sensing, band "
                + PROTECTED_BAND
                + " under protection zone "
                + zone
                + " ...");
        err.flush();
        int busyIntervals = 0;
        int withheld = 0;
        int omitted = 0;
        int nextCheat = 1;
        MispricingMatcher mispricing = new MispricingMatcher();
        if ("misprice".equals(cheat)) {
          broker.engine().clearWith(mispricing);
        }
        Address brokerAddress = ledger.brokerKey().address();
        BigInteger bondBefore = bond(admin, brokerAddress);
        BigInteger toppedUp = BigInteger.ZERO;
        try (ProgressBar bar = new ProgressBar(err, "demo", intervals)) {
          for (int k = 0; k < intervals; k++) {
            // The chain's clock walks the slots: slot k starts now, the operators trade slot k + 1,
            // and the sensing report made now speaks for it (a report speaks for two hours).
            long slotStart = firstSlot + (long) k * 3_600;
            long chainNow = admin.chainTime();
            if (slotStart > chainNow) {
              chain.advanceTime(Duration.ofSeconds(slotStart - chainNow));
            }
            latest[0] = sensing.sense(admin.chainTime());
            reporter.report(latest[0]);
            snapshot[0] = policy.read(List.of(TRADED_BAND, PROTECTED_BAND), List.of(cell));
            if (latest[0].idle(TRADED_BAND).map(idle -> !idle).orElse(true)) {
              busyIntervals++;
            }
            for (Operator o : operators) {
              o.daemon().step();
            }
            if ("withhold".equals(cheat) && k >= nextCheat) {
              int n = withhold(broker);
              withheld += n;
              if (n > 0) {
                nextCheat = k + WITHHOLD_EVERY;
              }
            }
            int feeBps = admin.exchange().feeBps();
            boolean leavesOut = "omit".equals(cheat) || "passover".equals(cheat);
            OrderRecord victim =
                leavesOut && k >= nextCheat ? omit(broker, feeBps, "passover".equals(cheat)) : null;
            int mispricedBefore = mispricing.mispriced();
            if ("misprice".equals(cheat) && k >= nextCheat) {
              mispricing.arm();
            }
            broker.clearNow(Timescale.NON_RT);
            broker.settleNow();
            if (victim != null && omittedInTheMoney(admin, victim, feeBps)) {
              omitted++;
              nextCheat = k + WITHHOLD_EVERY;
            }
            if (mispricing.mispriced() > mispricedBefore) {
              nextCheat = k + WITHHOLD_EVERY;
            }
            for (Operator o : operators) {
              o.daemon().reconcile(k + 1);
            }
            if (topUp) {
              // A slashed broker settles nothing until its bond is back at the minimum: the
              // consortium's treasury tops it up, and the slash stays the broker's loss.
              toppedUp = toppedUp.add(admin.bondFromTreasury(brokerAddress));
            }
            bar.step(1);
          }
        }
        if (receipts) {
          // past the last receipts' deadlines, so that every receipt is audited
          chain.advanceTime(Duration.ofSeconds(config.settleBySeconds() + 5));
        }
        for (Operator o : operators) {
          o.daemon().reconcile(Long.MAX_VALUE);
        }
        if (cheat != null && List.of("omit", "passover", "misprice").contains(cheat)) {
          // the last auctions judged (a mispriced one is convicted and its buyers claim), then
          // past every challenge's answer window: unanswered challenges are upheld
          chain.advanceTime(Duration.ofSeconds(IntakeAuditor.GRACE_SECONDS + 1));
          for (Operator o : operators) {
            o.daemon().reconcile(Long.MAX_VALUE);
          }
          broker.answerChallengesNow();
          chain.advanceTime(Duration.ofSeconds(admin.court().terms().challengeWindow() + 1));
          for (Operator o : operators) {
            o.daemon().reconcile(Long.MAX_VALUE);
          }
          toppedUp = toppedUp.add(admin.bondFromTreasury(brokerAddress));
        }
        Map<String, Object> result =
            report(
                admin,
                broker,
                operators,
                intervals,
                busyIntervals,
                zone,
                (System.nanoTime() - started) / 1e9);
        result.put(
            "fairness",
            fairness(
                operators,
                withheld,
                "passover".equals(cheat) ? 0 : omitted,
                "passover".equals(cheat) ? omitted : 0,
                mispricing.mispriced(),
                broker.omissionsAnswered(),
                bondBefore.add(toppedUp).subtract(bond(admin, brokerAddress))));
        print(out, result);
        if (report != null) {
          new ObjectMapper()
              .enable(SerializationFeature.INDENT_OUTPUT)
              .writeValue(report.toFile(), result);
          out.println("report written to " + report);
        }
        if (keepRunning) {
          Path deployment = dir.resolve("deployment.json");
          ledger.deployment().write(deployment);
          out.println();
          out.println("explorer: http://127.0.0.1:" + broker.port() + "/explorer");
          out.println("chain: " + chain.rpcUrl() + "   deployment record: " + deployment);
          out.println(
              "  ./spectrum explore tx HASH --rpc "
                  + chain.rpcUrl()
                  + " --deployment "
                  + deployment);
          out.println("Ctrl-C stops everything.");
          out.flush();
          CountDownLatch stop = new CountDownLatch(1);
          Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
          stop.await();
        }
        out.flush();
        for (Operator o : operators) {
          o.client().close();
        }
      }
    }
    return 0;
  }

  /**
   * A cheating demo broker withholds the fills of one near-RT clearing, then trades honestly for
   * this many slots before it cheats again.
   */
  private static final int WITHHOLD_EVERY = 5;

  /**
   * The cheat, played by the demo and never by the broker: the broker has signed the receipts of
   * its latest near-RT clearing and now forgets it (drops it from its store, so it is never
   * settled). Returns the fills withheld.
   */
  private static int withhold(BrokerNode broker) {
    List<ClearingRecord> pending = broker.store().clearings(ClearingState.PENDING);
    if (pending.isEmpty()) {
      return 0;
    }
    ClearingRecord c = pending.get(pending.size() - 1);
    broker
        .store()
        .dropClearings(List.of(c.id()), List.of(), "withheld by the demo's cheating broker");
    return c.fills().size();
  }

  /**
   * The cheat, played by the demo and never by the broker: the broker leaves one open order out of
   * the coming auction and out of the book it commits, though its intake receipt promised the order
   * a place (or, with {@code keepLeaf}, leaves it unfilled among the rest of that book, passed over
   * by the orders it outranks). It picks, in a market that still clears without it, the order best
   * priced on its side (the one most surely in the money). Returns the order left out, or null when
   * no market has one (a market that would not clear without it commits no book, and nothing could
   * show the cheat).
   */
  private static OrderRecord omit(BrokerNode broker, int feeBps, boolean keepLeaf) {
    List<OrderRecord> booked = broker.engine().booked();
    OrderRecord best = null;
    for (OrderRecord r : booked) {
      Order o = r.order().order();
      if (o.market().band() != TRADED_BAND || !crossesWithout(booked, r, feeBps)) {
        continue;
      }
      if (best == null || better(o, best.order().order(), feeBps)) {
        best = r;
      }
    }
    if (best != null && keepLeaf) {
      // out of the matching book, but still among the rest of the book the broker commits
      broker.engine().remove(best);
    } else if (best != null) {
      broker.engine().forget(best);
    }
    return best;
  }

  /** Whether {@code a} is further in the money than {@code b} (bids before asks). */
  private static boolean better(Order a, Order b, int feeBps) {
    long ea = a.side() == Side.BID ? Fees.highestPrice(a.limitPrice(), feeBps) : -a.limitPrice();
    long eb = b.side() == Side.BID ? Fees.highestPrice(b.limitPrice(), feeBps) : -b.limitPrice();
    return ea > eb;
  }

  /** Whether the market of {@code left} still has a bid at or above an ask without it. */
  private static boolean crossesWithout(List<OrderRecord> booked, OrderRecord left, int feeBps) {
    long bestBid = -1;
    long bestAsk = Long.MAX_VALUE;
    for (OrderRecord r : booked) {
      Order o = r.order().order();
      if (r == left || !o.market().equals(left.order().order().market())) {
        continue;
      }
      if (o.side() == Side.BID) {
        bestBid = Math.max(bestBid, Fees.highestPrice(o.limitPrice(), feeBps));
      } else {
        bestAsk = Math.min(bestAsk, o.limitPrice());
      }
    }
    return bestBid >= bestAsk;
  }

  /**
   * Whether the auction of {@code victim}'s market cleared at a price it was strictly in the money
   * at (what makes the omission a loss its maker can show).
   */
  private static boolean omittedInTheMoney(LedgerClient admin, OrderRecord victim, int feeBps) {
    Order o = victim.order().order();
    return admin
        .eventsWhere("MarketCleared", null, LedgerClient.topic(o.market().id()), null)
        .stream()
        .map(e -> ChainEvent.of(e, ChainEvent.MarketCleared.class).price())
        .anyMatch(
            price ->
                o.side() == Side.BID
                    ? Fees.highestPrice(o.limitPrice(), feeBps) > price
                    : o.limitPrice() < price);
  }

  private static BigInteger bond(LedgerClient admin, Address broker) {
    CourtClient.Bond b = admin.court().bondOf(broker);
    return b.active().add(b.pending());
  }

  /**
   * What the operators' audits of the broker's receipts and auctions found, all operators together.
   */
  private static Map<String, Object> fairness(
      List<Operator> operators,
      int withheld,
      int omitted,
      int passedOver,
      int mispriced,
      int answered,
      BigInteger slashed) {
    int kept = 0, settled = 0, upheld = 0, pending = 0, unclaimed = 0;
    int intakes = 0, auctions = 0, omissionChallenges = 0, omissionsUpheld = 0, suspect = 0;
    int booksChecked = 0, convicted = 0, auctionClaims = 0;
    BigInteger paid = BigInteger.ZERO;
    for (Operator o : operators) {
      ReceiptAuditor.Findings f = o.daemon().auditor().findings();
      kept += f.kept();
      settled += f.settled();
      upheld += f.claimed();
      pending += f.pending();
      unclaimed += f.withheld() + f.lapsed() + f.voided();
      paid = paid.add(f.compensation());
      IntakeAuditor.Findings a = o.daemon().intakeAuditor().findings();
      intakes += a.receipts();
      auctions += a.auctionsAudited();
      omissionChallenges += a.challenges();
      omissionsUpheld += a.upheld();
      suspect += a.suspect();
      paid = paid.add(a.compensation());
      BookAuditor.Findings b = o.daemon().bookAuditor().findings();
      booksChecked += b.auctionsChecked();
      convicted += b.convicted();
      auctionClaims += b.claimsPaid();
      paid = paid.add(b.compensation());
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("receiptsAudited", kept);
    m.put("receiptsSettled", settled);
    m.put("receiptsPending", pending);
    m.put("fillsWithheld", withheld);
    m.put("intakeReceipts", intakes);
    m.put("auctionsAudited", auctions);
    m.put("ordersOmitted", omitted);
    m.put("ordersPassedOver", passedOver);
    m.put("omissionChallenges", omissionChallenges);
    m.put("omissionsAnswered", answered);
    m.put("omissionsSuspectNotChallenged", suspect);
    m.put("auctionsMispriced", mispriced);
    m.put("booksChecked", booksChecked);
    m.put("auctionsConvicted", convicted);
    m.put("auctionClaimsPaid", auctionClaims);
    // a proof against a book is a challenge the court judges at once
    m.put("challenges", upheld + unclaimed + omissionChallenges + convicted);
    m.put("upheld", upheld + omissionsUpheld + convicted);
    m.put("bondSlashed", round(new java.math.BigDecimal(slashed).movePointLeft(6).doubleValue()));
    m.put("compensated", round(new java.math.BigDecimal(paid).movePointLeft(6).doubleValue()));
    return m;
  }

  private Map<String, Object> report(
      LedgerClient admin,
      BrokerNode broker,
      List<Operator> operators,
      int intervals,
      int busy,
      long zone,
      double seconds) {
    Map<String, Object> r = new LinkedHashMap<>();
    List<LedgerEvent> trades = admin.eventsWhere("TradeSettled", null, null, null);
    List<LedgerEvent> clearings = admin.eventsWhere("MarketCleared", null, null, null);
    Map<Long, double[]> byBand = new LinkedHashMap<>();
    for (LedgerEvent e : clearings) {
      ChainEvent.MarketCleared c = ChainEvent.of(e, ChainEvent.MarketCleared.class);
      double[] v = byBand.computeIfAbsent(c.market().band(), b -> new double[2]);
      v[0]++;
      v[1] += c.volume() / 1000.0;
    }
    r.put("intervals", intervals);
    r.put("tradesSettled", trades.size());
    r.put("marketsCleared", clearings.size());
    List<Map<String, Object>> perBand = new ArrayList<>();
    for (var e : byBand.entrySet()) {
      perBand.add(
          Map.of(
              "band",
              e.getKey(),
              "clearings",
              (long) e.getValue()[0],
              "sruTraded",
              round(e.getValue()[1])));
    }
    r.put("markets", perBand);
    r.put("intervalsSensedBusy", busy);
    r.put(
        "protectedBand",
        Map.of(
            "band",
            PROTECTED_BAND,
            "zone",
            zone,
            "trades",
            byBand.containsKey(PROTECTED_BAND) ? (long) byBand.get(PROTECTED_BAND)[0] : 0L));
    List<Map<String, Object>> ops = new ArrayList<>();
    for (Operator o : operators) {
      var b = o.daemon().book();
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", o.name());
      m.put("kind", o.kind().name());
      m.put("address", o.key().address().hex());
      m.put("policy", o.policy());
      m.put("profit", round(b.profit()));
      m.put("staticProfit", round(b.staticProfit()));
      m.put("profitOverStatic", round(b.profit() - b.staticProfit()));
      m.put("sruBought", round(b.boughtSru()));
      m.put("sruSold", round(b.soldSru()));
      m.put("tokensPaid", round(b.paidTokens()));
      m.put("tokensReceived", round(b.receivedTokens()));
      m.put("deficitSruHours", round(b.deficitSruSteps()));
      m.put("surplusSruHours", round(b.surplusSruSteps()));
      m.put("activity", o.daemon().counters());
      ops.add(m);
    }
    r.put("operators", ops);
    long gas = 0;
    List<String> txs = new ArrayList<>();
    List<BatchRecord> batches = broker.store().batches(1_000_000);
    for (BatchRecord b : batches) {
      if (b.status() == BatchState.SETTLED) {
        gas += b.gasUsed();
        if (b.txHash() != null && txs.size() < 3) {
          txs.add(b.txHash().hex());
        }
      }
    }
    r.put("batchesSettled", batches.stream().filter(b -> b.status() == BatchState.SETTLED).count());
    r.put("settlementGas", gas);
    double count = broker.metrics().value("broker_settlement_latency_seconds_count");
    r.put(
        "settlementLatencyMeanSeconds",
        count == 0
            ? null
            : round(broker.metrics().value("broker_settlement_latency_seconds_sum") / count));
    r.put("latestBatchTransactions", txs);
    r.put("wallSeconds", round(seconds));
    return r;
  }

  private static void print(PrintWriter out, Map<String, Object> r) {
    out.println();
    out.println(
        "SpectrumLedger demo: "
            + r.get("intervals")
            + " hourly slots in "
            + r.get("wallSeconds")
            + " s");
    out.println(
        "trades settled: "
            + r.get("tradesSettled")
            + " in "
            + r.get("batchesSettled")
            + " batches, "
            + r.get("marketsCleared")
            + " market clearings; settlement gas "
            + r.get("settlementGas")
            + "; mean clearing-to-settlement "
            + r.get("settlementLatencyMeanSeconds")
            + " s");
    TextTable markets = new TextTable("band", "clearings", "SRU traded");
    for (Object o : (List<?>) r.get("markets")) {
      Map<?, ?> m = (Map<?, ?>) o;
      markets.row(m.get("band"), m.get("clearings"), m.get("sruTraded"));
    }
    out.print(markets);
    out.println(
        "band "
            + TRADED_BAND
            + " sensed busy (no trading) in "
            + r.get("intervalsSensedBusy")
            + " slots; band "
            + PROTECTED_BAND
            + " under a protection zone: "
            + ((Map<?, ?>) r.get("protectedBand")).get("trades")
            + " trades");
    TextTable ops =
        new TextTable(
            "operator",
            "policy",
            "profit",
            "static",
            "over static",
            "bought SRU",
            "sold SRU",
            "deficit SRU·h",
            "surplus SRU·h");
    for (Object o : (List<?>) r.get("operators")) {
      Map<?, ?> m = (Map<?, ?>) o;
      ops.row(
          m.get("name"),
          m.get("policy"),
          m.get("profit"),
          m.get("staticProfit"),
          m.get("profitOverStatic"),
          m.get("sruBought"),
          m.get("sruSold"),
          m.get("deficitSruHours"),
          m.get("surplusSruHours"));
    }
    out.print(ops);
    out.println(
        "profit in settlement tokens: 3 per SRU of demand served, minus SRU bought, plus SRU sold, minus 0.05 per SRU traded");
    @SuppressWarnings("unchecked")
    Map<String, Object> f = (Map<String, Object>) r.get("fairness");
    if (f != null) {
      out.println(
          "auctions: "
              + f.get("intakeReceipts")
              + " intake receipts kept, "
              + f.get("auctionsAudited")
              + " auctions audited against them; "
              + f.get("ordersOmitted")
              + " orders left out by the broker, "
              + f.get("ordersPassedOver")
              + " passed over, "
              + f.get("omissionChallenges")
              + " omission challenges, "
              + f.get("omissionsAnswered")
              + " answered by the broker with the order's leaf");
      out.println(
          "books: "
              + f.get("booksChecked")
              + " published books checked against the clearing rule; "
              + f.get("auctionsMispriced")
              + " auctions mispriced by the broker, "
              + f.get("auctionsConvicted")
              + " convicted, "
              + f.get("auctionClaimsPaid")
              + " claims paid to the makers wronged");
      out.println(
          "fairness: "
              + f.get("receiptsAudited")
              + " near-RT fill receipts audited against the chain, "
              + f.get("receiptsSettled")
              + " honoured; "
              + f.get("fillsWithheld")
              + " fills withheld by the broker, "
              + f.get("upheld")
              + " claims upheld; bond slashed by "
              + f.get("bondSlashed")
              + " tokens, "
              + f.get("compensated")
              + " tokens paid to the operators wronged");
    }
    out.println("latest settlement transactions:");
    for (Object tx : (List<?>) r.get("latestBatchTransactions")) {
      out.println("  " + tx);
    }
    out.println(
        "inspect them while the chain runs: ./spectrum demo --keep-running, then the explorer URL it prints");
    out.flush();
  }

  private static TrainedAgent train(double[] demand, double[] priceTraffic, long seed) {
    AgentConfig cfg = AgentConfig.forGranularity(3_600).withSeed(seed);
    String forecaster = "lag-regression";
    DemandTrace trace =
        DemandTrace.build(
            Arrays.copyOf(demand, TRAIN_HOURS),
            Arrays.copyOf(priceTraffic, TRAIN_HOURS),
            ForecastModels.byName(forecaster, seed),
            SEASON,
            48,
            cfg.window());
    return new DdqnTrainer(cfg, new SpectrumMarket(MarketConfig.paper()))
        .train(trace, 48, TRAIN_HOURS, null)
        .agent()
        .withForecaster(forecaster);
  }

  /** The two days before the evaluation span, to fit each forecaster on. */
  private static double[] history(double[] series) {
    return Arrays.copyOfRange(series, TRAIN_HOURS - 48, TRAIN_HOURS);
  }

  /** A campus micro operator: the synthetic cellular profile scaled to a licence of 8 SRU. */
  private static double[] microDemand(int n) {
    double[] base =
        new SyntheticTraffic(n / 24 + 2, 24, 8, 3, 0.5, 0.4, 10_000, 1, 77).generate().values();
    return Arrays.copyOf(base, n);
  }

  private int city(PrintWriter out, PrintWriter err) throws Exception {
    if (nearRt || cheat != null || steps != null || keepRunning) {
      throw new IllegalArgumentException(
          "--city runs on its own: it takes --minutes, --cells, --operators, --seed, --data and"
              + " --report, not --near-rt, --broker-cheats, --steps or --keep-running");
    }
    CityDemo.Plan plan =
        new CityDemo.Plan(
            minutes, cells, operators, Math.max(1, operators / 5), Math.min(cells, 20), seed);
    double[] demand = read(resolve(data).resolve("Output_min_LTE.tsv")).values();
    long started = System.nanoTime();
    CityDemo.Report result = new CityDemo(plan, demand, err).run();
    CityDemo.print(result, out);
    out.printf("%ncity demo finished in %.0f s%n", (System.nanoTime() - started) / 1e9);
    if (report != null) {
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .writeValue(report.toFile(), result);
      out.println("report written to " + report);
    }
    out.flush();
    return result.unsettled() == 0 ? 0 : 1;
  }

  /** {@code --report}'s file can be written: its directory exists and takes new files. */
  private void checkReport() {
    if (report == null) {
      return;
    }
    Path file = report.toAbsolutePath();
    Path dir = file.getParent();
    if (Files.isDirectory(file)) {
      throw new IllegalArgumentException("--report " + report + " is a directory; name a file");
    }
    if (dir == null || !Files.isDirectory(dir)) {
      throw new IllegalArgumentException(
          "--report " + report + ": there is no directory " + dir + " to write it in");
    }
    if (!Files.isWritable(dir) || (Files.exists(file) && !Files.isWritable(file))) {
      throw new IllegalArgumentException(
          "--report " + report + ": " + (Files.exists(file) ? file : dir) + " is not writable");
    }
  }

  /** {@code --port} is free to bind on the broker's address, or 0 (any free port). */
  private void checkPort() {
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("--port must be 0 .. 65535, got " + port);
    }
    if (org.spectrumledger.broker.cli.BrokerCommand.Run.whyCannotListen(BROKER_HOST, port)
        != null) {
      throw new IllegalArgumentException(
          "--port "
              + port
              + " cannot be bound on "
              + BROKER_HOST
              + " (in use?); pick another, or 0 for any free port");
    }
  }

  private static TimeSeries read(Path file) {
    return new TimeSeriesReader().read(file);
  }

  private static Path resolve(Path p) {
    if (p.isAbsolute() || Files.exists(p)) {
      return p;
    }
    String home = System.getProperty("spectrum.home");
    return home == null ? p : Path.of(home).resolve(p);
  }

  private static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }
}
