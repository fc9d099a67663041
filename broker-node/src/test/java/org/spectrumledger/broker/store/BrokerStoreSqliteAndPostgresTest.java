package org.spectrumledger.broker.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.spectrumledger.broker.TestBooks;
import org.spectrumledger.ledger.Address;
import org.spectrumledger.ledger.AuctionBook;
import org.spectrumledger.ledger.Bytes32;
import org.spectrumledger.ledger.MarketKey;
import org.spectrumledger.ledger.Order;
import org.spectrumledger.ledger.Side;
import org.spectrumledger.ledger.Signature;
import org.spectrumledger.ledger.SignedOrder;

/**
 * The store's contract, the same assertions on an SQLite file and on a real PostgreSQL server:
 * orders in one group commit with duplicates refused, clearings, batches settled and abandoned,
 * trades, meta, and a reopened store that still has it all (and migrates nothing twice).
 */
class BrokerStoreSqliteAndPostgresTest {

  @RegisterExtension static final PostgresServer PG = new PostgresServer();

  @TempDir Path dir;

  enum Backend {
    SQLITE,
    POSTGRESQL
  }

  private String location(Backend backend) throws Exception {
    return switch (backend) {
      case SQLITE -> BrokerStore.defaultUrl(dir);
      case POSTGRESQL -> PG.url(PG.newDatabase());
    };
  }

  private static final MarketKey MARKET = new MarketKey(1, 7, 1_000, 2_000);

  private static Address maker(int i) {
    return Address.of("0x%040x".formatted(0xabc000 + i));
  }

  private static OrderRecord order(int makerIndex, long nonce, Side side, long qty, long seq) {
    byte[] rsv = new byte[65];
    rsv[0] = (byte) makerIndex;
    rsv[1] = (byte) nonce;
    rsv[64] = 27;
    Order o =
        new Order(
            maker(makerIndex), side, MARKET, qty, 2_000_000, nonce, 9_999_999_999L, seq % 2 == 0);
    Bytes32 hash = Bytes32.of("0x%064x".formatted(makerIndex * 1_000_000L + nonce));
    return new OrderRecord(
        hash,
        new SignedOrder(o, Signature.fromBytes(rsv)),
        seq,
        1_700_000_000_000L + seq,
        OrderState.OPEN,
        0,
        0,
        null);
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void keepsOrdersClearingsBatchesAndMetaAcrossAReopen(Backend backend) throws Exception {
    String at = location(backend);
    OrderRecord bid = order(1, 1, Side.BID, 3_000, 1);
    OrderRecord ask = order(2, 1, Side.ASK, 2_000, 2);
    OrderRecord sameNonce = order(1, 1, Side.BID, 5_000, 3); // same (maker, nonce), new hash
    OrderRecord other = order(3, 1, Side.ASK, 1_000, 4);
    try (BrokerStore store = BrokerStore.open(at, null, null)) {
      // one group commit: the duplicate (by maker and nonce) is refused, the others stored
      assertThat(store.insertOrders(List.of(bid, ask, sameNonce, other)))
          .containsExactly(true, true, false, true);
      // the same hash again, in a later commit
      assertThat(store.insertOrders(List.of(bid))).containsExactly(false);
      assertThat(store.nonceUsed(maker(1), 1)).isTrue();
      assertThat(store.nonceUsed(maker(1), 2)).isFalse();
      assertThat(store.maxSeq()).isEqualTo(4);
      assertThat(store.makerNonces())
          .containsExactlyInAnyOrder(
              maker(1).hex() + "/1", maker(2).hex() + "/1", maker(3).hex() + "/1");
      assertThat(store.order(bid.orderHash())).contains(bid);
      assertThat(store.allOrders()).extracting(OrderRecord::seq).containsExactly(1L, 2L, 4L);
      assertThat(store.ordersOf(maker(1), 10)).containsExactly(bid);

      ClearingRecord c =
          store.recordClearing(
              store.lastClearingId() + 1,
              MARKET,
              2_100_000,
              5,
              5_000,
              TestBooks.of(
                  List.of(
                      new NewFill(bid.orderHash(), maker(1), Side.BID, 2_000, "r1"),
                      new NewFill(ask.orderHash(), maker(2), Side.ASK, 2_000, null))),
              List.of(
                  new NewFill(bid.orderHash(), maker(1), Side.BID, 2_000, "r1"),
                  new NewFill(ask.orderHash(), maker(2), Side.ASK, 2_000, null)),
              1_000);
      assertThat(c.fills()).hasSize(2);
      assertThat(store.order(ask.orderHash()).orElseThrow().status()).isEqualTo(OrderState.FILLED);
      assertThat(store.order(bid.orderHash()).orElseThrow().matched()).isEqualTo(2_000);
      assertThat(store.clearings(ClearingState.PENDING)).containsExactly(c);

      BatchRecord b = store.planBatch(List.of(c.id()), 2, 1_100);
      assertThat(b.batchId()).isEqualTo(1);
      assertThat(store.unfinishedBatches()).extracting(BatchRecord::batchId).containsExactly(1L);
      store.markSubmitting(1);
      Bytes32 tx = Bytes32.of("0x" + "ab".repeat(32));
      store.settleBatch(1, tx, 42, 86_000, 1_200);
      store.settleBatch(1, tx, 42, 86_000, 1_300); // twice: no second count
      assertThat(store.order(bid.orderHash()).orElseThrow().settled()).isEqualTo(2_000);
      assertThat(store.trades(null, null, 10)).hasSize(2);
      assertThat(store.trades(maker(1), MARKET, 10))
          .singleElement()
          .satisfies(
              t -> {
                assertThat(t.txHash()).isEqualTo(tx);
                assertThat(t.batchId()).isEqualTo(1);
                assertThat(t.fill().receipt()).isEqualTo("r1");
              });
      assertThat(store.fillsOf(bid.orderHash()))
          .singleElement()
          .satisfies(f -> assertThat(f.state()).isEqualTo(ClearingState.SETTLED));

      // a second clearing whose batch never reached the chain goes back to pending
      ClearingRecord c2 =
          store.recordClearing(
              store.lastClearingId() + 1,
              MARKET,
              2_100_000,
              6,
              6_000,
              TestBooks.of(List.of(new NewFill(bid.orderHash(), maker(1), Side.BID, 1_000, null))),
              List.of(new NewFill(bid.orderHash(), maker(1), Side.BID, 1_000, null)),
              2_000);
      assertThat(c2.id()).isGreaterThan(c.id());
      // the last price of each market still to come (a restarted broker lists them again)
      assertThat(store.lastPrices(MARKET.slotEnd() - 1))
          .containsExactly(Map.entry(MARKET, 2_100_000L));
      assertThat(store.lastPrices(MARKET.slotEnd())).as("its slot has ended").isEmpty();
      assertThat(store.planBatch(List.of(c2.id()), 1, 2_100).batchId()).isEqualTo(2);
      store.abandonBatch(2, "x".repeat(500));
      assertThat(store.batch(2).orElseThrow().status()).isEqualTo(BatchState.ABANDONED);
      assertThat(store.batch(2).orElseThrow().error()).hasSize(400);
      assertThat(store.clearings(ClearingState.PENDING))
          .extracting(ClearingRecord::id)
          .containsExactly(c2.id());

      assertThat(store.closeOrder(other.orderHash(), OrderState.CANCELLED, "by maker")).isTrue();
      assertThat(store.closeOrder(other.orderHash(), OrderState.CANCELLED, "again")).isFalse();

      store.setMeta("event_cursor", "10:0");
      store.setMeta("event_cursor", "12:3"); // an upsert
      assertThat(store.meta("event_cursor")).contains("12:3");
      assertThat(store.meta("missing")).isEmpty();
    }

    // reopened: everything is there, the migrations are not run again
    assertThat(BrokerStore.migrate(at, null, null).applied()).isZero();
    try (BrokerStore store = BrokerStore.open(at, null, null)) {
      assertThat(store.allOrders()).hasSize(3);
      assertThat(store.order(bid.orderHash()).orElseThrow().settled()).isEqualTo(2_000);
      assertThat(store.order(other.orderHash()).orElseThrow().status())
          .isEqualTo(OrderState.CANCELLED);
      assertThat(store.batches(10)).extracting(BatchRecord::batchId).containsExactly(2L, 1L);
      assertThat(store.batch(1).orElseThrow().status()).isEqualTo(BatchState.SETTLED);
      assertThat(store.meta("event_cursor")).contains("12:3");
      assertThat(store.planBatch(List.of(), 0, 3_000).batchId()).isEqualTo(3);
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void groupCommitsConcurrentOrdersAndAcknowledgesEachOnce(Backend backend) throws Exception {
    String at = location(backend);
    try (BrokerStore store = BrokerStore.open(at, null, null);
        OrderWriter writer = new OrderWriter(store)) {
      List<CompletableFuture<Boolean>> stored = new ArrayList<>();
      for (int i = 0; i < 600; i++) {
        stored.add(writer.insert(order(10 + i % 5, i / 5 + 1, Side.BID, 1_000, i + 1)));
      }
      // duplicates of the first ten, in the same stream
      for (int i = 0; i < 10; i++) {
        stored.add(writer.insert(order(10 + i % 5, i / 5 + 1, Side.BID, 1_000, 10_000 + i)));
      }
      List<Boolean> results = new ArrayList<>();
      for (CompletableFuture<Boolean> f : stored) {
        results.add(f.get(60, TimeUnit.SECONDS));
      }
      assertThat(results.subList(0, 600)).containsOnly(true);
      assertThat(results.subList(600, 610)).containsOnly(false);
      assertThat(store.allOrders()).hasSize(600);
      assertThat(writer.commits()).isLessThan(610);
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void looksUpManyOrdersAtOnceAsOneByOne(Backend backend) throws Exception {
    String at = location(backend);
    try (BrokerStore store = BrokerStore.open(at, null, null);
        OrderWriter writer = new OrderWriter(store)) {
      List<Bytes32> hashes = new ArrayList<>();
      List<CompletableFuture<Boolean>> stored = new ArrayList<>();
      for (int i = 0; i < 1_100; i++) { // more than one statement's worth
        OrderRecord o = order(20 + i % 7, i / 7 + 1, Side.ASK, 1_000, i + 1);
        hashes.add(o.orderHash());
        stored.add(writer.insert(o));
      }
      for (CompletableFuture<Boolean> f : stored) {
        assertThat(f.get(60, TimeUnit.SECONDS)).isTrue();
      }
      Bytes32 unknown = Bytes32.of("0x" + "ee".repeat(32));
      List<Bytes32> asked = new ArrayList<>(hashes);
      asked.add(unknown);
      asked.add(hashes.getFirst()); // twice

      var found = store.orders(asked);

      assertThat(found).hasSize(1_100).doesNotContainKey(unknown);
      for (Bytes32 h : List.of(hashes.getFirst(), hashes.get(777), hashes.getLast())) {
        assertThat(found.get(h)).isEqualTo(store.order(h).orElseThrow());
      }
      assertThat(store.orders(List.of())).isEmpty();
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void aStoreMadeBeforeMigrationsIsBaselinedAndKeepsItsData(Backend backend) throws Exception {
    String at = location(backend);
    StoreLocation loc = StoreLocation.parse(at, null, null);
    PreMigrationStore.create(loc, backend == Backend.SQLITE);
    try (BrokerStore store = BrokerStore.open(at, null, null)) {
      assertThat(store.meta("event_cursor")).contains("7:1");
      assertThat(store.maxSeq()).isEqualTo(9);
      assertThat(store.order(PreMigrationStore.ORDER_HASH)).isPresent();
      // clearing ids go on where the old store left them
      assertThat(store.lastClearingId()).isEqualTo(5);
      ClearingRecord c =
          store.recordClearing(
              store.lastClearingId() + 1,
              MARKET,
              1,
              1,
              1,
              AuctionBook.of(
                  List.of(new AuctionBook.Leaf(PreMigrationStore.ORDER_HASH, 1, 1, 1, 0)), 0, 0, 1),
              List.of(),
              0);
      assertThat(c.id()).isEqualTo(6);
    }
    // baselined at the old schema, then brought up to date
    assertThat(PreMigrationStore.history(loc))
        .containsExactly("1:BASELINE", "2:SQL", "3:SQL", "4:SQL");
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void aMakersCancelIsKeptOnceAndSurvivesAReopen(Backend backend) throws Exception {
    String at = location(backend);
    Bytes32 order = Bytes32.of("0x" + "ab".repeat(32));
    org.spectrumledger.ledger.Signature first =
        org.spectrumledger.ledger.Signature.fromBytes(filled(65, (byte) 1));
    try (BrokerStore store = BrokerStore.open(at, null, null)) {
      assertThat(store.keptCancel(order)).isEmpty();
      store.keepCancel(order, first);
      // a second cancel of the same order keeps the first
      store.keepCancel(order, org.spectrumledger.ledger.Signature.fromBytes(filled(65, (byte) 2)));
    }
    try (BrokerStore store = BrokerStore.open(at, null, null)) {
      assertThat(store.keptCancel(order)).contains(first);
    }
  }

  private static byte[] filled(int n, byte b) {
    byte[] out = new byte[n];
    java.util.Arrays.fill(out, b);
    out[n - 1] = 27;
    return out;
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void aNewStoreRunsEveryMigration(Backend backend) throws Exception {
    String at = location(backend);
    BrokerStore.Migrated m = BrokerStore.migrate(at, null, null);
    assertThat(m.to()).isEqualTo("4");
    assertThat(m.applied()).isEqualTo(4);
    assertThat(PreMigrationStore.history(StoreLocation.parse(at, null, null)))
        .containsExactly("1:SQL", "2:SQL", "3:SQL", "4:SQL");
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void refusesADatabaseHoldingOtherTablesRatherThanBaseliningThem(Backend backend)
      throws Exception {
    String at = location(backend);
    StoreLocation loc = StoreLocation.parse(at, null, null);
    try (var c = java.sql.DriverManager.getConnection(loc.jdbcUrl(), loc.properties());
        var s = c.createStatement()) {
      s.execute("CREATE TABLE invoices (id BIGINT PRIMARY KEY)");
    }
    assertThatThrownBy(() -> BrokerStore.open(at, null, null))
        .isInstanceOf(StoreException.class)
        .hasMessageEndingWith(
            " holds other tables (invoices) but no broker store; give the broker an empty"
                + " database or one it made");
    assertThat(PreMigrationStore.tableExists(loc, "flyway_schema_history")).isFalse();
  }

  @Test
  void aWrongOrUnreachablePostgresIsOnePlainSentence() throws Exception {
    int closed;
    try (var s = new java.net.ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    assertThatThrownBy(
            () -> BrokerStore.open("postgresql://u:secret@127.0.0.1:" + closed + "/db", null, null))
        .isInstanceOf(StoreException.class)
        .hasMessage(
            "cannot reach the PostgreSQL server at 127.0.0.1:"
                + closed
                + ": connection refused; check the host and port and that the server is running")
        .hasNoCause();
    assertThatThrownBy(() -> BrokerStore.open("postgresql://u:secret@/db", null, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("names no host")
        .hasMessageNotContaining("secret");
    assertThatThrownBy(
            () -> BrokerStore.open("jdbc:postgresql://h:port/db?password=secret", null, null))
        .isInstanceOf(StoreException.class)
        .hasMessage(
            "malformed PostgreSQL JDBC URL jdbc:postgresql://h:port/db?password=***: expected"
                + " jdbc:postgresql://HOST:PORT/DATABASE");
    assertThatThrownBy(() -> BrokerStore.open("mysql://host/db", null, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("unsupported broker database mysql://host/db: expected");
    assertThatThrownBy(() -> BrokerStore.open("jdbc:h2:./broker", null, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("unsupported broker database");
    PG.assumeAvailable();
    assertThatThrownBy(() -> BrokerStore.open(PG.url("no_such_db"), null, null))
        .isInstanceOf(StoreException.class)
        .hasMessageStartingWith(
            "the PostgreSQL server at 127.0.0.1:" + PG.port() + " has no such database")
        .hasNoCause();
  }

  @Test
  void readsPostgresUrls() {
    StoreLocation l =
        StoreLocation.parse(
            "postgresql://bob:p%40ss@db.example:5433/spectrum?sslmode=require", "", "");
    assertThat(l.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example:5433/spectrum?sslmode=require");
    assertThat(l.user()).isEqualTo("bob");
    assertThat(l.password()).isEqualTo("p@ss");
    assertThat(l.dialect()).isEqualTo(StoreLocation.Dialect.POSTGRESQL);
    StoreLocation bare = StoreLocation.parse("postgres://alice@localhost", null, null);
    assertThat(bare.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost/alice");
    assertThat(bare.password()).isNull();
    assertThat(StoreLocation.redact("postgresql://bob:secret@h/db"))
        .isEqualTo("postgresql://bob:***@h/db");
    assertThat(StoreLocation.redact("jdbc:postgresql://h/db?user=a&password=secret"))
        .isEqualTo("jdbc:postgresql://h/db?user=a&password=***");
    assertThat(StoreLocation.parse("jdbc:sqlite:/tmp/x.db", null, null).dialect())
        .isEqualTo(StoreLocation.Dialect.SQLITE);
  }

  @Test
  void anSqliteStoreCheckpointsItsLogOnAThreadOfItsOwnAndStopsItOnClose() throws Exception {
    Path file = dir.resolve("broker.db");
    // (a store another test left open has its own)
    long others = checkpointerThreads();
    try (BrokerStore store = BrokerStore.open(BrokerStore.defaultUrl(dir), null, null)) {
      long before = java.nio.file.Files.size(file);
      // one order a commit: some 600 log pages, under SQLite's own threshold (1,000) as well as
      // the backstop, so only the store's thread moves pages into the file
      for (int i = 0; i < 120; i++) {
        assertThat(store.insertOrders(List.of(order(i % 7, i, Side.BID, 1_000, i + 1))))
            .containsExactly(true);
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (java.nio.file.Files.size(file) == before && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertThat(java.nio.file.Files.size(file))
          .as("the orders were copied from the log into the database file")
          .isGreaterThan(before);
      assertThat(checkpointerThreads()).isEqualTo(others + 1);
      assertThat(store.allOrders()).hasSize(120);
    }
    assertThat(checkpointerThreads())
        .as("closing the store stops its checkpointer")
        .isEqualTo(others);
    try (BrokerStore again = BrokerStore.open(BrokerStore.defaultUrl(dir), null, null)) {
      assertThat(again.allOrders()).hasSize(120);
    }
  }

  private static long checkpointerThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().equals("store-checkpointer") && t.isAlive())
        .count();
  }
}
