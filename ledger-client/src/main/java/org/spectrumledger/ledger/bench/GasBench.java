package org.spectrumledger.ledger.bench;

import java.io.PrintWriter;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.spectrumledger.ledger.CellId;
import org.spectrumledger.ledger.Clearing;
import org.spectrumledger.ledger.DeployOptions;
import org.spectrumledger.ledger.Deployment;
import org.spectrumledger.ledger.Fill;
import org.spectrumledger.ledger.GasFees;
import org.spectrumledger.ledger.LedgerClient;
import org.spectrumledger.ledger.LedgerConfig;
import org.spectrumledger.ledger.MarketKey;
import org.spectrumledger.ledger.OperatorKind;
import org.spectrumledger.ledger.Order;
import org.spectrumledger.ledger.Side;
import org.spectrumledger.ledger.SigningKey;
import org.spectrumledger.ledger.TxResult;
import org.spectrumledger.ledger.cli.TextTable;
import org.spectrumledger.ledger.devchain.DevChain;
import org.spectrumledger.ledger.devchain.DevChainOptions;
import org.spectrumledger.ledger.devchain.DevChains;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Settlement gas per trade: deploys the ledger on a dev chain and settles batches of fresh signed
 * orders, in one market and spread over several, reading the gas from the receipts.
 *
 * <p>A trade is one order's fill, as in CoW Protocol's per-trade figure; a batch of n fills holds
 * n/2 bids and n/2 asks, so its smallest size is 2.
 */
@Command(
    name = "gas",
    mixinStandardHelpOptions = true,
    description =
        "Settlement gas per trade for batches of 2, 10, 50 and 100 fills, and for 50 fills by"
            + " makers the exchange has never seen.")
public final class GasBench implements Callable<Integer> {

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--chain",
      defaultValue = "anvil",
      description = "anvil (default), besu or rpc:URL (needs -Dledger.keys)")
  String chain;

  @Option(
      names = "--markets",
      defaultValue = "5",
      description = "markets the multi-market batches spread over (default ${DEFAULT-VALUE})")
  int markets;

  static final int[] SIZES = {2, 10, 50, 100};
  private static final int MAKERS_PER_SIDE = 10;
  private static final long BAND = 1;

  /** One row of the table. */
  public record Row(String shape, int fills, int markets, long gas) {
    public long perTrade() {
      return gas / fills;
    }
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    List<Row> rows = run(chain, markets);
    TextTable table =
        new TextTable("batch", "fills", "markets", "gas", "gas per trade", "gas per bid+ask pair");
    for (Row r : rows) {
      table.row(r.shape(), r.fills(), r.markets(), r.gas(), r.perTrade(), 2 * r.gas() / r.fills());
    }
    out.print(table);
    long at50 =
        rows.stream()
            .filter(r -> r.fills() == 50 && r.markets() == 1)
            .findFirst()
            .orElseThrow()
            .perTrade();
    long newMakers =
        rows.stream()
            .filter(r -> r.shape().equals(NEW_MAKERS))
            .findFirst()
            .orElseThrow()
            .perTrade();
    out.println();
    out.println("settle gas per trade at 50 fills: " + at50);
    out.println("settle gas per trade at 50 fills, new makers: " + newMakers);
    Optional<Row> cow = rows.stream().filter(r -> r.shape().equals(COW)).findFirst();
    Optional<Row> cowNew = rows.stream().filter(r -> r.shape().equals(COW_NEW_MAKERS)).findFirst();
    if (cow.isPresent() && cowNew.isPresent()) {
      long c = cow.get().perTrade();
      long cn = cowNew.get().perTrade();
      out.println("CoW GPv2Settlement gas per trade at 50 trades: " + c);
      out.println("CoW GPv2Settlement gas per trade at 50 trades, new makers: " + cn);
      out.printf("settle gas per trade against CoW: %.2fx%n", (double) at50 / c);
      out.printf("settle gas per trade against CoW, new makers: %.2fx%n", (double) newMakers / cn);
    } else {
      out.println(
          "CoW GPv2Settlement: not measured (its published build is read from contracts'"
              + " node_modules, @cowprotocol/contracts; run: cd contracts && npm ci)");
    }
    out.flush();
    return 0;
  }

  private static final long SLOT_SECONDS = 3_600;

  /** Runs the benchmark on a fresh chain and deployment. */
  public static List<Row> run(String chainSpec, int markets) {
    try (DevChain chain = DevChains.start(chainSpec, DevChainOptions.defaults().withAccounts(2))) {
      SigningKey admin = chain.fundedKeys().get(0);
      SigningKey broker = chain.fundedKeys().get(1);
      Deployment d =
          LedgerClient.deploy(
              chain.rpcUrl(),
              admin,
              GasFees.free(),
              DeployOptions.defaults().withBroker(broker.address()));
      LedgerConfig config =
          new LedgerConfig(chain.rpcUrl(), chain.chainId(), d, admin, GasFees.free(), null);
      List<Row> rows;
      try (LedgerClient regulator = LedgerClient.connect(config);
          LedgerClient settler = LedgerClient.connect(config.withKey(broker))) {
        rows = new ArrayList<>(measure(config, regulator, settler, markets));
      }
      // the peer, on the same chain in the same run
      CowBench.artifacts()
          .ifPresent(
              artifacts -> {
                CowBench.Figures cow = CowBench.run(chain, admin, artifacts);
                rows.add(new Row(COW, CowBench.TRADES, 1, cow.reusedMakers()));
                rows.add(new Row(COW_NEW_MAKERS, CowBench.TRADES, 1, cow.newMakers()));
              });
      return rows;
    }
  }

  private static List<Row> measure(
      LedgerConfig config, LedgerClient regulator, LedgerClient settler, int marketCount) {
    SecureRandom random = new SecureRandom();
    long now = regulator.chainTime();
    long slotStart = (now / SLOT_SECONDS + 1) * SLOT_SECONDS;
    List<MarketKey> marketKeys = new ArrayList<>();
    for (int m = 0; m < marketCount; m++) {
      marketKeys.add(
          new MarketKey(
              BAND,
              CellId.of(CellId.Layer.GROUND, 100 + m).value(),
              slotStart,
              slotStart + SLOT_SECONDS));
    }
    regulator.policy().registerBand(BAND, 2_110_000, 2_120_000, false, 0, SLOT_SECONDS);
    List<SigningKey> sellers = new ArrayList<>();
    List<SigningKey> buyers = new ArrayList<>();
    for (int i = 0; i < MAKERS_PER_SIDE; i++) {
      SigningKey seller = SigningKey.random(random);
      SigningKey buyer = SigningKey.random(random);
      regulator
          .policy()
          .registerOperator(seller.address(), OperatorKind.MOBILE_NETWORK, "seller " + i);
      regulator
          .policy()
          .registerOperator(buyer.address(), OperatorKind.MICRO_OPERATOR, "buyer " + i);
      for (MarketKey m : marketKeys) {
        regulator
            .policy()
            .grantLicence(seller.address(), BAND, m.cell(), 1_000_000_000L, now, now + 86_400);
      }
      BigInteger funds = BigInteger.valueOf(1_000_000_000_000L);
      regulator.token().mint(buyer.address(), funds);
      try (LedgerClient asBuyer = LedgerClient.connect(config.withKey(buyer))) {
        asBuyer.exchange().deposit(funds);
      }
      sellers.add(seller);
      buyers.add(buyer);
    }
    long[] nonces = new long[2 * MAKERS_PER_SIDE];
    List<Row> rows = new ArrayList<>();
    long batchId = 1;
    for (int wanted : new int[] {1, marketCount}) {
      for (int size : SIZES) {
        int spread = Math.min(wanted, size / 2);
        if (wanted > 1 && spread == 1) {
          continue; // too few fills to spread
        }
        List<Clearing> clearings = new ArrayList<>();
        int perMarket = size / spread / 2 * 2;
        for (int m = 0; m < spread; m++) {
          int fills = m == spread - 1 ? size - perMarket * (spread - 1) : perMarket;
          clearings.add(clearing(regulator, marketKeys.get(m), fills, sellers, buyers, nonces, m));
        }
        TxResult r = settler.exchange().settleBatch(batchId++, clearings);
        rows.add(
            new Row(spread == 1 ? "one market" : spread + " markets", size, spread, r.gasUsed()));
      }
    }
    rows.add(newMakers(config, regulator, settler, batchId, now, slotStart, random));
    return rows;
  }

  static final String NEW_MAKERS = "new makers";

  /** CoW Protocol's GPv2Settlement, 50 trades by 10 + 10 users who traded before. */
  static final String COW = "CoW GPv2";

  /** The same, by 50 users who never traded. */
  static final String COW_NEW_MAKERS = "CoW GPv2, new";

  /**
   * 50 fills in one fresh market by 50 makers the exchange has never seen (25 sellers, 25 buyers),
   * each making its first trade: a fresh position word for every four of them (the exchange keeps
   * four operators' positions in a market to a word, by registration), and each seller a fresh
   * escrow slot (its first orders' state shares that slot).
   */
  private static Row newMakers(
      LedgerConfig config,
      LedgerClient regulator,
      LedgerClient settler,
      long batchId,
      long now,
      long slotStart,
      SecureRandom random) {
    MarketKey market =
        new MarketKey(
            BAND, CellId.of(CellId.Layer.GROUND, 999).value(), slotStart, slotStart + SLOT_SECONDS);
    List<SigningKey> sellers = new ArrayList<>();
    List<SigningKey> buyers = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      SigningKey seller = SigningKey.random(random);
      SigningKey buyer = SigningKey.random(random);
      regulator
          .policy()
          .registerOperator(seller.address(), OperatorKind.MOBILE_NETWORK, "new seller " + i);
      regulator
          .policy()
          .registerOperator(buyer.address(), OperatorKind.MICRO_OPERATOR, "new buyer " + i);
      regulator
          .policy()
          .grantLicence(seller.address(), BAND, market.cell(), 24_000, now, now + 86_400);
      BigInteger funds = BigInteger.valueOf(100_000_000L);
      regulator.token().mint(buyer.address(), funds);
      try (LedgerClient asBuyer = LedgerClient.connect(config.withKey(buyer))) {
        asBuyer.exchange().deposit(funds);
      }
      sellers.add(seller);
      buyers.add(buyer);
    }
    long[] nonces = new long[50];
    Clearing c = clearing(regulator, market, 50, sellers, buyers, nonces, 0);
    TxResult r = settler.exchange().settleBatch(batchId, List.of(c));
    return new Row(NEW_MAKERS, 50, 1, r.gasUsed());
  }

  /** {@code fills} fresh orders in one market, half bids half asks, crossing at one price. */
  private static Clearing clearing(
      LedgerClient client,
      MarketKey market,
      int fills,
      List<SigningKey> sellers,
      List<SigningKey> buyers,
      long[] nonces,
      int offset) {
    if (fills % 2 != 0) {
      throw new IllegalArgumentException("a market needs as many bid fills as ask fills: " + fills);
    }
    List<Fill> list = new ArrayList<>();
    long validUntil = market.slotStart();
    for (int i = 0; i < fills / 2; i++) {
      int s = (i + offset) % sellers.size();
      int b = (i + offset) % buyers.size();
      Order ask =
          new Order(
              sellers.get(s).address(),
              Side.ASK,
              market,
              1_500,
              2_000_000,
              nonces[s]++,
              validUntil,
              true);
      Order bid =
          new Order(
              buyers.get(b).address(),
              Side.BID,
              market,
              1_500,
              2_600_000,
              nonces[sellers.size() + b]++,
              validUntil,
              true);
      list.add(new Fill(client.exchange().orderSigner().sign(ask, sellers.get(s)), 1_500));
      list.add(new Fill(client.exchange().orderSigner().sign(bid, buyers.get(b)), 1_500));
    }
    return new Clearing(market, 2_300_000, list);
  }
}
