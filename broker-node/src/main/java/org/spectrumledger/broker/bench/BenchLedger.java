package org.spectrumledger.broker.bench;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.spectrumledger.broker.BrokerConfig;
import org.spectrumledger.broker.BrokerNode;
import org.spectrumledger.broker.api.OrderSubmission;
import org.spectrumledger.broker.api.WireJson;
import org.spectrumledger.broker.store.BrokerStore;
import org.spectrumledger.ledger.CellId;
import org.spectrumledger.ledger.GasFees;
import org.spectrumledger.ledger.LedgerClient;
import org.spectrumledger.ledger.MarketKey;
import org.spectrumledger.ledger.OperatorKind;
import org.spectrumledger.ledger.Order;
import org.spectrumledger.ledger.Side;
import org.spectrumledger.ledger.SignedOrder;
import org.spectrumledger.ledger.SigningKey;
import org.spectrumledger.ledger.devchain.AnvilChain;
import org.spectrumledger.ledger.devchain.DevChainOptions;
import org.spectrumledger.ledger.devchain.DevLedger;

/**
 * A dev chain, the ledger, a band, licensed sellers, funded buyers and a broker: what the broker
 * benchmarks measure against. Closing it stops the broker and the chain.
 */
final class BenchLedger implements AutoCloseable {

  /** The band of the hourly (non-RT) markets. */
  static final long BAND = 4;

  static final long SLOT_SECONDS = 3_600;

  /** The band of the near-RT markets: a grid of 10-second slots. */
  static final long NEAR_RT_BAND = 5;

  static final long NEAR_RT_SLOT_SECONDS = 10;

  /** The hourly market of {@code cell} that starts an hour to two hours after {@code now}. */
  static MarketKey nextHour(long cell, long now) {
    long start = (now / SLOT_SECONDS + 2) * SLOT_SECONDS;
    return new MarketKey(BAND, cell, start, start + SLOT_SECONDS);
  }

  /**
   * The near-RT market of {@code cell} that starts {@code lead} seconds after {@code now} or later.
   */
  static MarketKey nearRt(long cell, long now, long lead) {
    long start = ((now + lead) / NEAR_RT_SLOT_SECONDS + 1) * NEAR_RT_SLOT_SECONDS;
    return new MarketKey(NEAR_RT_BAND, cell, start, start + NEAR_RT_SLOT_SECONDS);
  }

  final AnvilChain chain;
  final DevLedger ledger;
  final List<SigningKey> sellers = new ArrayList<>();
  final List<SigningKey> buyers = new ArrayList<>();
  final BrokerNode broker;
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final Path dir;

  BenchLedger(int blockTimeSeconds, int makersPerSide, List<Long> cells, BrokerConfigurer configure)
      throws IOException {
    this(
        DevChainOptions.defaults().withBlockTime(blockTimeSeconds),
        makersPerSide,
        cells,
        configure);
  }

  BenchLedger(
      DevChainOptions chainOptions, int makersPerSide, List<Long> cells, BrokerConfigurer configure)
      throws IOException {
    chain = AnvilChain.start(chainOptions.withAccounts(3));
    try {
      ledger = DevLedger.deploy(chain, 60);
      LedgerClient admin = ledger.admin();
      admin.policy().registerBand(BAND, 2_110_000, 2_120_000, false, 0, SLOT_SECONDS);
      admin
          .policy()
          .registerBand(NEAR_RT_BAND, 2_120_000, 2_130_000, false, 0, NEAR_RT_SLOT_SECONDS);
      long now = admin.chainTime();
      for (int i = 0; i < makersPerSide; i++) {
        SigningKey s =
            ledger.newOperator(
                "seller " + i, OperatorKind.MOBILE_NETWORK, BigInteger.ZERO, BigInteger.ZERO);
        for (long cell : cells) {
          for (long band : new long[] {BAND, NEAR_RT_BAND}) {
            admin
                .policy()
                .grantLicence(
                    s.address(), band, cell, 1_000_000_000_000L, now - 60, now + 7 * 86_400);
          }
        }
        sellers.add(s);
        BigInteger funds = BigInteger.valueOf(1_000_000_000_000_000L);
        buyers.add(ledger.newOperator("buyer " + i, OperatorKind.MICRO_OPERATOR, funds, funds));
      }
      dir = Files.createTempDirectory("spectrum-bench-broker");
      BrokerConfig config =
          BrokerConfig.defaults(
                  chain.rpcUrl(),
                  ledger.deployment(),
                  ledger.brokerKey(),
                  BrokerStore.defaultUrl(dir))
              .withPort(0)
              .withFees(GasFees.free());
      broker = BrokerNode.start(configure.configure(config));
    } catch (RuntimeException | IOException e) {
      chain.close();
      throw e;
    }
  }

  /** Adjusts the broker's config for one benchmark. */
  @FunctionalInterface
  interface BrokerConfigurer {
    BrokerConfig configure(BrokerConfig defaults);
  }

  static long cell(int i) {
    return CellId.of(CellId.Layer.GROUND, 1_000 + i).value();
  }

  SignedOrder order(
      SigningKey maker, Side side, MarketKey market, long quantity, long limit, long nonce) {
    Order o =
        new Order(maker.address(), side, market, quantity, limit, nonce, market.slotStart(), true);
    return ledger.admin().exchange().orderSigner().sign(o, maker);
  }

  /** POSTs an order; returns the HTTP status. */
  int submit(SignedOrder o) throws IOException, InterruptedException {
    return post("/v1/orders", WireJson.write(OrderSubmission.of(o))).statusCode();
  }

  HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + broker.port() + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Override
  public void close() {
    try {
      broker.close();
    } finally {
      ledger.close();
      chain.close();
    }
  }

  /** The p-th percentile (0..100) of sorted values. */
  static double percentile(double[] sorted, double p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
  }
}
