package org.spectrumledger.broker.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;
import org.spectrumledger.broker.api.FillReceipt;
import org.spectrumledger.broker.api.WireJson;
import org.spectrumledger.broker.epoch.ClearingLog;
import org.spectrumledger.broker.settlement.SettlementLog;
import org.spectrumledger.ledger.Address;
import org.spectrumledger.ledger.AuctionBook;
import org.spectrumledger.ledger.Bytes32;
import org.spectrumledger.ledger.MarketKey;
import org.spectrumledger.ledger.Order;
import org.spectrumledger.ledger.Side;
import org.spectrumledger.ledger.Signature;
import org.spectrumledger.ledger.SignedOrder;

/**
 * Everything the broker must not lose: accepted orders, clearings and their fills, batches, and a
 * few counters and cursors. Each state change is one database transaction, so a crash at any point
 * leaves a state recovery can continue from.
 *
 * <p>An embedded SQLite file by default (no server to start), PostgreSQL for production. The schema
 * is versioned: Flyway applies the migrations under {@code db/migration/sqlite} or {@code
 * db/migration/postgresql} when the store is opened, and a store made before migrations existed is
 * taken as version 1. The SQL here is the portable subset both accept.
 */
public final class BrokerStore implements SettlementLog, ClearingLog, AutoCloseable {

  /**
   * Held for each call: the store serves every thread through one connection. A lock, not a
   * monitor: calls come from virtual threads and wait on the database, which a monitor would pin to
   * their carrier on Java 21.
   */
  private final java.util.concurrent.locks.ReentrantLock lock =
      new java.util.concurrent.locks.ReentrantLock();

  private final Connection db;

  // the order insert, prepared once: preparing it costs about as much as running it for two orders
  private PreparedStatement insertOrder;

  // null for PostgreSQL and an in-memory SQLite database
  private final WalCheckpointer checkpointer;

  private BrokerStore(Connection db, WalCheckpointer checkpointer) {
    this.db = db;
    this.checkpointer = checkpointer;
  }

  /** Whether an SQLite URL names a file (a second connection reaches the same database). */
  private static boolean onFile(String jdbcUrl) {
    String path = jdbcUrl.substring("jdbc:sqlite:".length());
    return !path.isBlank() && !path.contains(":memory:") && !path.contains("mode=memory");
  }

  /**
   * Opens the store at {@code location}, creating or migrating its schema first. {@code location}
   * is a JDBC URL ({@code jdbc:sqlite:FILE}, {@code jdbc:postgresql://HOST:PORT/DB?user=U}) or a
   * PostgreSQL URL ({@code postgresql://USER:PASSWORD@HOST:PORT/DB}); {@code user} and {@code
   * password} may be null (then those of the URL, if any, apply).
   */
  public static BrokerStore open(String location, String user, String password) {
    StoreLocation at = StoreLocation.parse(location, user, password);
    migrate(at);
    Connection c = connect(at);
    try {
      if (at.dialect() == StoreLocation.Dialect.SQLITE) {
        try (Statement s = c.createStatement()) {
          // WAL: a commit is appended to the log before it returns, so it survives the process
          // being killed; NORMAL syncs at checkpoints (power loss may drop the last commits).
          s.execute("PRAGMA journal_mode=WAL");
          s.execute("PRAGMA synchronous=NORMAL");
          s.execute("PRAGMA busy_timeout=5000");
        }
      }
      c.setAutoCommit(false);
      WalCheckpointer checkpointer = null;
      if (at.dialect() == StoreLocation.Dialect.SQLITE && onFile(at.jdbcUrl())) {
        checkpointer = WalCheckpointer.start(c, connect(at));
      }
      return new BrokerStore(c, checkpointer);
    } catch (SQLException | RuntimeException e) {
      // (the checkpointer's connection, or its thread, may fail after this one opened)
      try {
        c.close();
      } catch (SQLException ignored) {
        // reporting the first failure
      }
      throw e instanceof SQLException q ? at.failure(q) : (RuntimeException) e;
    }
  }

  /**
   * Brings the schema of the store at {@code location} up to date without opening it for work (what
   * {@link #open} does first); returns the schema version it is at.
   */
  public static Migrated migrate(String location, String user, String password) {
    return migrate(StoreLocation.parse(location, user, password));
  }

  /** The outcome of a migration: the versions before and after and how many migrations ran. */
  public record Migrated(String location, String from, String to, int applied) {}

  private static Migrated migrate(StoreLocation at) {
    // Flyway opens its own connection; a failure to connect is reported as open() reports it
    try (Connection probe = connect(at)) {
      List<String> tables = tables(probe);
      if (!tables.isEmpty()
          && !tables.contains("flyway_schema_history")
          && !tables.contains("orders")) {
        // baselining would take someone else's tables for a store made before migrations
        throw new StoreException(
            "the database at "
                + at.redacted()
                + " holds other tables ("
                + String.join(", ", tables.subList(0, Math.min(5, tables.size())))
                + ") but no broker store; give the broker an empty database or one it made",
            null);
      }
    } catch (SQLException e) {
      throw at.failure(e);
    }
    try {
      MigrateResult r =
          Flyway.configure(BrokerStore.class.getClassLoader())
              .dataSource(at.jdbcUrl(), at.user(), at.password())
              .locations("classpath:db/migration/" + at.dialect().folder())
              // a store made before migrations holds exactly V1: take it as version 1
              .baselineOnMigrate(true)
              .baselineVersion("1")
              .baselineDescription("schema made before migrations")
              .load()
              .migrate();
      String to = r.targetSchemaVersion != null ? r.targetSchemaVersion : r.initialSchemaVersion;
      return new Migrated(at.redacted(), r.initialSchemaVersion, to, r.migrationsExecuted);
    } catch (FlywayException e) {
      StoreException x =
          new StoreException(
              "migrating the broker database at "
                  + at.redacted()
                  + " failed: "
                  + StoreLocation.redact(StoreLocation.firstLine(e.getMessage())),
              null);
      x.addSuppressed(e);
      throw x;
    }
  }

  /** The tables of the connection's schema, lower case. */
  private static List<String> tables(Connection c) throws SQLException {
    List<String> out = new ArrayList<>();
    try (ResultSet rs =
        c.getMetaData().getTables(null, c.getSchema(), "%", new String[] {"TABLE"})) {
      while (rs.next()) {
        out.add(rs.getString("TABLE_NAME").toLowerCase(java.util.Locale.ROOT));
      }
    }
    return out;
  }

  private static Connection connect(StoreLocation at) {
    try {
      Connection c = DriverManager.getConnection(at.jdbcUrl(), at.properties());
      if (c == null) {
        throw new SQLException("no driver accepts the URL", "08001");
      }
      return c;
    } catch (SQLException e) {
      throw at.failure(e);
    }
  }

  /**
   * Refuses, as bad input, a {@code location} {@link #open} could not read (empty, or of no form it
   * takes), without connecting: a daemon checks its flags before it reaches the chain.
   */
  public static void checkLocation(String location) {
    StoreLocation.parse(location, null, null);
  }

  /** The default embedded database: an SQLite file {@code broker.db} in {@code directory}. */
  public static String defaultUrl(java.nio.file.Path directory) {
    return "jdbc:sqlite:" + directory.toAbsolutePath().resolve("broker.db");
  }

  // ------------------------------------------------------------------ orders

  /** Whether (maker, nonce) was accepted before. */
  public boolean nonceUsed(Address maker, long nonce) {
    lock.lock();
    try {
      return query(
                  "SELECT 1 FROM orders WHERE maker = ? AND nonce = ?",
                  ps -> {
                    ps.setString(1, maker.hex());
                    ps.setLong(2, nonce);
                  },
                  rs -> true)
              .size()
          > 0;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Stores accepted orders in one transaction (group commit: one batch of inserts, one commit); for
   * each, whether it was stored (false: its (maker, nonce) or hash was taken, by an earlier order
   * or one before it in the same list).
   */
  public List<Boolean> insertOrders(List<OrderRecord> records) {
    lock.lock();
    try {
      try {
        if (insertOrder == null) {
          insertOrder = db.prepareStatement(INSERT_ORDER);
        }
        PreparedStatement ps = insertOrder;
        for (OrderRecord r : records) {
          bindOrder(ps, r);
          ps.addBatch();
        }
        int[] counts = ps.executeBatch();
        List<Boolean> out = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
          int n = i < counts.length ? counts[i] : Statement.SUCCESS_NO_INFO;
          out.add(n == Statement.SUCCESS_NO_INFO ? isStored(records.get(i)) : n > 0);
        }
        durable();
        return out;
      } catch (SQLException e) {
        rollback();
        forgetInsertOrder();
        throw new StoreException(
            "storing " + records.size() + " orders failed: " + e.getMessage(), e);
      } catch (RuntimeException e) {
        // a record that would not bind: the rows added before it must not ride the next batch
        rollback();
        forgetInsertOrder();
        throw e;
      }
    } finally {
      lock.unlock();
    }
  }

  /** Drops the prepared insert after a failure, so the next batch starts from a fresh one. */
  private void forgetInsertOrder() {
    if (insertOrder != null) {
      try {
        insertOrder.close();
      } catch (SQLException ignored) {
        // the statement is dropped either way
      }
      insertOrder = null;
    }
  }

  /** Whether this very order (its hash and arrival sequence) is the one stored. */
  private boolean isStored(OrderRecord r) throws SQLException {
    return !select(
            "SELECT 1 FROM orders WHERE order_hash = ? AND seq = ?",
            ps -> {
              ps.setString(1, r.orderHash().hex());
              ps.setLong(2, r.seq());
            },
            rs -> true)
        .isEmpty();
  }

  /** An order whose hash or (maker, nonce) is taken is not stored, and the batch goes on. */
  private static final String INSERT_ORDER =
      "INSERT INTO orders (order_hash, maker, nonce, side, band, cell, slot_start, slot_end, quantity,"
          + " limit_price, valid_until, partial_fill, signature, seq, received_at, status, matched,"
          + " settled, reason) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT DO NOTHING";

  private static void bindOrder(PreparedStatement ps, OrderRecord r) throws SQLException {
    Order o = r.order().order();
    ps.setString(1, r.orderHash().hex());
    ps.setString(2, o.maker().hex());
    ps.setLong(3, o.nonce());
    ps.setInt(4, o.side().code());
    ps.setLong(5, o.market().band());
    ps.setLong(6, o.market().cell());
    ps.setLong(7, o.market().slotStart());
    ps.setLong(8, o.market().slotEnd());
    ps.setLong(9, o.quantity());
    ps.setLong(10, o.limitPrice());
    ps.setLong(11, o.validUntil());
    ps.setBoolean(12, o.partialFill());
    ps.setString(13, r.order().signature().toHex());
    ps.setLong(14, r.seq());
    ps.setLong(15, r.receivedAt());
    ps.setString(16, r.status().name());
    ps.setLong(17, r.matched());
    ps.setLong(18, r.settled());
    ps.setString(19, r.reason());
  }

  /** Every (maker, nonce) ever accepted, as {@code maker/nonce} keys (intake's duplicate check). */
  public java.util.Set<String> makerNonces() {
    lock.lock();
    try {
      return new java.util.HashSet<>(
          query(
              "SELECT maker, nonce FROM orders",
              ps -> {},
              rs -> rs.getString(1) + "/" + rs.getLong(2)));
    } finally {
      lock.unlock();
    }
  }

  public Optional<OrderRecord> order(Bytes32 orderHash) {
    lock.lock();
    try {
      return query(
              "SELECT * FROM orders WHERE order_hash = ?",
              ps -> ps.setString(1, orderHash.hex()),
              BrokerStore::orderOf)
          .stream()
          .findFirst();
    } finally {
      lock.unlock();
    }
  }

  /** Hashes looked up in one statement, at most (SQLite allows 32,766 parameters). */
  private static final int ORDERS_AT_ONCE = 500;

  @Override
  public Map<Bytes32, OrderRecord> orders(Collection<Bytes32> orderHashes) {
    List<String> hashes = orderHashes.stream().map(Bytes32::hex).distinct().toList();
    Map<Bytes32, OrderRecord> out = new HashMap<>();
    lock.lock();
    try {
      for (int from = 0; from < hashes.size(); from += ORDERS_AT_ONCE) {
        List<String> chunk = hashes.subList(from, Math.min(hashes.size(), from + ORDERS_AT_ONCE));
        String marks = String.join(",", Collections.nCopies(chunk.size(), "?"));
        for (OrderRecord o :
            query(
                "SELECT * FROM orders WHERE order_hash IN (" + marks + ")",
                ps -> {
                  for (int i = 0; i < chunk.size(); i++) {
                    ps.setString(i + 1, chunk.get(i));
                  }
                },
                BrokerStore::orderOf)) {
          out.put(o.orderHash(), o);
        }
      }
      return out;
    } finally {
      lock.unlock();
    }
  }

  /** Every order, in arrival order (for checks and reports). */
  public List<OrderRecord> allOrders() {
    lock.lock();
    try {
      return query("SELECT * FROM orders ORDER BY seq", ps -> {}, BrokerStore::orderOf);
    } finally {
      lock.unlock();
    }
  }

  public List<OrderRecord> ordersOf(Address maker, int limit) {
    lock.lock();
    try {
      return query(
          "SELECT * FROM orders WHERE maker = ? ORDER BY seq DESC LIMIT " + limit,
          ps -> ps.setString(1, maker.hex()),
          BrokerStore::orderOf);
    } finally {
      lock.unlock();
    }
  }

  /** The highest arrival sequence so far (0 when none). */
  public long maxSeq() {
    lock.lock();
    try {
      return query("SELECT COALESCE(MAX(seq), 0) FROM orders", ps -> {}, rs -> rs.getLong(1))
          .get(0);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Keeps the cancel {@code orderHash}'s maker signed at the broker (the first one, if it sends
   * several): it answers a challenge that an auction should have filled the order.
   */
  public void keepCancel(Bytes32 orderHash, Signature signature) {
    lock.lock();
    try {
      update(
          "INSERT INTO kept_cancels (order_hash, signature) VALUES (?, ?) ON CONFLICT DO NOTHING",
          ps -> {
            ps.setString(1, orderHash.hex());
            ps.setString(2, signature.toHex());
          });
    } finally {
      lock.unlock();
    }
  }

  @Override
  public Optional<Signature> keptCancel(Bytes32 orderHash) {
    lock.lock();
    try {
      return query(
              "SELECT signature FROM kept_cancels WHERE order_hash = ?",
              ps -> ps.setString(1, orderHash.hex()),
              rs -> Signature.fromHex(rs.getString(1)))
          .stream()
          .findFirst();
    } finally {
      lock.unlock();
    }
  }

  /** Marks an order cancelled, expired or rejected if it is still open; true if it was. */
  public boolean closeOrder(Bytes32 orderHash, OrderState state, String reason) {
    lock.lock();
    try {
      return update(
              "UPDATE orders SET status = ?, reason = ? WHERE order_hash = ? AND status = 'OPEN'",
              ps -> {
                ps.setString(1, state.name());
                ps.setString(2, reason);
                ps.setString(3, orderHash.hex());
              })
          > 0;
    } finally {
      lock.unlock();
    }
  }

  // ------------------------------------------------------------------ clearings

  @Override
  public long lastClearingId() {
    lock.lock();
    try {
      try (Statement s = db.createStatement();
          ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(id), 0) FROM clearings")) {
        rs.next();
        return rs.getLong(1);
      } catch (SQLException e) {
        throw new StoreException("reading the last clearing id failed", e);
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Records clearings (the parts of one auction) and their fills and moves each order's matched
   * quantity, in one transaction.
   */
  @Override
  public List<ClearingRecord> recordClearings(List<ClearingLog.NewClearing> clearings) {
    lock.lock();
    try {
      List<ClearingRecord> out = new ArrayList<>();
      try (PreparedStatement clearing =
              db.prepareStatement(
                  "INSERT INTO clearings (id, band, cell, slot_start, slot_end, price, epoch, status, batch_id, created_at,"
                      + " cutoff, book_root) VALUES (?,?,?,?,?,?,?,'PENDING',0,?,?,?)");
          PreparedStatement book =
              db.prepareStatement(
                  "INSERT INTO books (band, cell, slot_start, slot_end, cutoff, root, price, leaves) VALUES (?,?,?,?,?,?,?,?)");
          PreparedStatement fill =
              db.prepareStatement(
                  "INSERT INTO fills (clearing_id, order_hash, maker, side, quantity, price, receipt) VALUES (?,?,?,?,?,?,?)",
                  Statement.RETURN_GENERATED_KEYS);
          PreparedStatement order =
              db.prepareStatement(
                  "UPDATE orders SET matched = matched + ?, status = CASE WHEN matched + ? >= quantity THEN 'FILLED'"
                      + " ELSE status END WHERE order_hash = ?")) {
        java.util.Set<AuctionBook> booksWritten =
            java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (ClearingLog.NewClearing c : clearings) {
          MarketKey market = c.market();
          if (booksWritten.add(c.book())) {
            book.setLong(1, market.band());
            book.setLong(2, market.cell());
            book.setLong(3, market.slotStart());
            book.setLong(4, market.slotEnd());
            book.setLong(5, c.cutoff());
            book.setString(6, c.book().root().hex());
            book.setLong(7, c.price());
            book.setBytes(8, c.book().encode());
            book.executeUpdate();
          }
          clearing.setLong(1, c.id());
          clearing.setLong(2, market.band());
          clearing.setLong(3, market.cell());
          clearing.setLong(4, market.slotStart());
          clearing.setLong(5, market.slotEnd());
          clearing.setLong(6, c.price());
          clearing.setLong(7, c.epoch());
          clearing.setLong(8, c.createdAt());
          clearing.setLong(9, c.cutoff());
          clearing.setString(10, c.book().root().hex());
          clearing.executeUpdate();
          List<FillRecord> fills = new ArrayList<>();
          for (NewFill f : c.fills()) {
            fill.setLong(1, c.id());
            fill.setString(2, f.orderHash().hex());
            fill.setString(3, f.maker().hex());
            fill.setInt(4, f.side().code());
            fill.setLong(5, f.quantity());
            fill.setLong(6, c.price());
            fill.setString(7, f.receipt());
            fill.executeUpdate();
            long fillId;
            try (ResultSet keys = fill.getGeneratedKeys()) {
              keys.next();
              fillId = keys.getLong(1);
            }
            order.setLong(1, f.quantity());
            order.setLong(2, f.quantity());
            order.setString(3, f.orderHash().hex());
            order.executeUpdate();
            fills.add(
                new FillRecord(
                    fillId,
                    c.id(),
                    f.orderHash(),
                    f.maker(),
                    f.side(),
                    f.quantity(),
                    c.price(),
                    f.receipt()));
          }
          out.add(
              new ClearingRecord(
                  c.id(),
                  market,
                  c.price(),
                  c.epoch(),
                  ClearingState.PENDING,
                  0,
                  fills,
                  c.createdAt(),
                  c.cutoff(),
                  c.book().root()));
        }
        durable();
        return out;
      } catch (SQLException e) {
        rollback();
        throw new StoreException(
            "recording the clearing of "
                + (clearings.isEmpty() ? "nothing" : clearings.getFirst().market())
                + " failed",
            e);
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * The price of each market's latest clearing that was not dropped, for the markets whose slot
   * ends after {@code slotEndAfter} (unix seconds): a restarted broker lists them with their last
   * price again.
   */
  public Map<MarketKey, Long> lastPrices(long slotEndAfter) {
    lock.lock();
    try {
      Map<MarketKey, Long> out = new java.util.LinkedHashMap<>();
      for (MarketPrice p :
          query(
              "SELECT band, cell, slot_start, slot_end, price FROM clearings WHERE slot_end > ?"
                  + " AND status <> ? ORDER BY id",
              ps -> {
                ps.setLong(1, slotEndAfter);
                ps.setString(2, ClearingState.DROPPED.name());
              },
              rs ->
                  new MarketPrice(
                      new MarketKey(
                          rs.getLong("band"),
                          rs.getLong("cell"),
                          rs.getLong("slot_start"),
                          rs.getLong("slot_end")),
                      rs.getLong("price")))) {
        out.put(p.market(), p.price()); // a later clearing's price replaces an earlier one
      }
      return out;
    } finally {
      lock.unlock();
    }
  }

  private record MarketPrice(MarketKey market, long price) {}

  /** Clearings in a state, oldest first. */
  public List<ClearingRecord> clearings(ClearingState state) {
    lock.lock();
    try {
      return withFills(
          query(
              "SELECT * FROM clearings WHERE status = ? ORDER BY id",
              ps -> ps.setString(1, state.name()),
              BrokerStore::clearingOf));
    } finally {
      lock.unlock();
    }
  }

  public List<ClearingRecord> clearingsOfBatch(long batchId) {
    lock.lock();
    try {
      return withFills(
          query(
              "SELECT * FROM clearings WHERE batch_id = ? ORDER BY id",
              ps -> ps.setLong(1, batchId),
              BrokerStore::clearingOf));
    } finally {
      lock.unlock();
    }
  }

  @Override
  public Optional<ClearingLog.Auction> book(MarketKey market, long cutoff) {
    lock.lock();
    try {
      try (PreparedStatement ps =
          db.prepareStatement(
              "SELECT price, leaves FROM books WHERE band = ? AND cell = ? AND slot_start = ? AND slot_end = ?"
                  + " AND cutoff = ?")) {
        ps.setLong(1, market.band());
        ps.setLong(2, market.cell());
        ps.setLong(3, market.slotStart());
        ps.setLong(4, market.slotEnd());
        ps.setLong(5, cutoff);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next()
              ? Optional.of(
                  new ClearingLog.Auction(
                      market, cutoff, rs.getLong(1), AuctionBook.decode(rs.getBytes(2))))
              : Optional.empty();
        }
      } catch (SQLException e) {
        throw new StoreException("reading the book of " + market + " at " + cutoff + " failed", e);
      }
    } finally {
      lock.unlock();
    }
  }

  private List<ClearingRecord> withFills(List<ClearingRecord> clearings) {
    if (clearings.isEmpty()) {
      return clearings;
    }
    Map<Long, List<FillRecord>> byClearing = new HashMap<>();
    StringBuilder ids = new StringBuilder();
    for (ClearingRecord c : clearings) {
      ids.append(ids.isEmpty() ? "" : ",").append(c.id());
    }
    for (FillRecord f :
        query(
            "SELECT * FROM fills WHERE clearing_id IN (" + ids + ") ORDER BY id",
            ps -> {},
            BrokerStore::fillOf)) {
      byClearing.computeIfAbsent(f.clearingId(), k -> new ArrayList<>()).add(f);
    }
    List<ClearingRecord> out = new ArrayList<>();
    for (ClearingRecord c : clearings) {
      out.add(c.withFills(byClearing.getOrDefault(c.id(), List.of())));
    }
    return out;
  }

  /**
   * Drops clearings the chain would refuse: their fills no longer count as matched, their orders go
   * back to the book, except {@code rejected} orders, which are closed with {@code reason}.
   */
  public void dropClearings(List<Long> clearingIds, List<Bytes32> rejected, String reason) {
    lock.lock();
    try {
      try {
        for (long id : clearingIds) {
          List<FillRecord> fills =
              select(
                  "SELECT * FROM fills WHERE clearing_id = ?",
                  ps -> ps.setLong(1, id),
                  BrokerStore::fillOf);
          for (FillRecord f : fills) {
            try (PreparedStatement ps =
                db.prepareStatement(
                    "UPDATE orders SET matched = matched - ?, status = CASE WHEN status = 'FILLED' THEN 'OPEN' ELSE status END"
                        + " WHERE order_hash = ?")) {
              ps.setLong(1, f.quantity());
              ps.setString(2, f.orderHash().hex());
              ps.executeUpdate();
            }
          }
          try (PreparedStatement ps =
              db.prepareStatement("UPDATE clearings SET status = 'DROPPED' WHERE id = ?")) {
            ps.setLong(1, id);
            ps.executeUpdate();
          }
        }
        for (Bytes32 h : rejected) {
          try (PreparedStatement ps =
              db.prepareStatement(
                  "UPDATE orders SET status = 'REJECTED', reason = ? WHERE order_hash = ?")) {
            ps.setString(1, reason);
            ps.setString(2, h.hex());
            ps.executeUpdate();
          }
        }
        durable();
      } catch (SQLException e) {
        rollback();
        throw new StoreException("dropping clearings " + clearingIds + " failed", e);
      }
    } finally {
      lock.unlock();
    }
  }

  // ------------------------------------------------------------------ batches

  /** Assigns the next batch id to these pending clearings, in one transaction. */
  public BatchRecord planBatch(List<Long> clearingIds, int fills, long now) {
    lock.lock();
    try {
      try {
        long id = Long.parseLong(meta("next_batch_id").orElse("1"));
        putMeta("next_batch_id", Long.toString(id + 1));
        try (PreparedStatement ps =
            db.prepareStatement(
                "INSERT INTO batches (batch_id, status, tx_hash, block, gas_used, fills, created_at, settled_at, error)"
                    + " VALUES (?, 'PLANNED', NULL, 0, 0, ?, ?, 0, NULL)")) {
          ps.setLong(1, id);
          ps.setInt(2, fills);
          ps.setLong(3, now);
          ps.executeUpdate();
        }
        try (PreparedStatement ps =
            db.prepareStatement(
                "UPDATE clearings SET status = 'BATCHED', batch_id = ? WHERE id = ? AND status = 'PENDING'")) {
          for (long c : clearingIds) {
            ps.setLong(1, id);
            ps.setLong(2, c);
            if (ps.executeUpdate() != 1) {
              throw new SQLException("clearing " + c + " is not pending");
            }
          }
        }
        durable();
        return new BatchRecord(
            id, BatchState.PLANNED, clearingIds, null, 0, 0, fills, now, 0, null);
      } catch (SQLException e) {
        rollback();
        throw new StoreException("planning a batch failed", e);
      }
    } finally {
      lock.unlock();
    }
  }

  public void markSubmitting(long batchId) {
    lock.lock();
    try {
      update(
          "UPDATE batches SET status = 'SUBMITTING' WHERE batch_id = ?",
          ps -> ps.setLong(1, batchId));
    } finally {
      lock.unlock();
    }
  }

  /** Records a batch settled on chain: batch, clearings, and each order's settled quantity. */
  public void settleBatch(long batchId, Bytes32 txHash, long block, long gasUsed, long now) {
    lock.lock();
    try {
      try {
        List<String> status =
            select(
                "SELECT status FROM batches WHERE batch_id = ?",
                ps -> ps.setLong(1, batchId),
                rs -> rs.getString(1));
        if (status.isEmpty() || status.get(0).equals("SETTLED")) {
          db.rollback();
          return;
        }
        try (PreparedStatement ps =
            db.prepareStatement(
                "UPDATE batches SET status = 'SETTLED', tx_hash = ?, block = ?, gas_used = ?, settled_at = ? WHERE batch_id = ?")) {
          ps.setString(1, txHash == null ? null : txHash.hex());
          ps.setLong(2, block);
          ps.setLong(3, gasUsed);
          ps.setLong(4, now);
          ps.setLong(5, batchId);
          ps.executeUpdate();
        }
        try (PreparedStatement ps =
            db.prepareStatement(
                "UPDATE orders SET settled = settled + (SELECT COALESCE(SUM(f.quantity), 0) FROM fills f JOIN clearings c"
                    + " ON f.clearing_id = c.id WHERE c.batch_id = ? AND c.status = 'BATCHED' AND f.order_hash = orders.order_hash)"
                    + " WHERE order_hash IN (SELECT f.order_hash FROM fills f JOIN clearings c ON f.clearing_id = c.id"
                    + " WHERE c.batch_id = ? AND c.status = 'BATCHED')")) {
          ps.setLong(1, batchId);
          ps.setLong(2, batchId);
          ps.executeUpdate();
        }
        try (PreparedStatement ps =
            db.prepareStatement(
                "UPDATE clearings SET status = 'SETTLED' WHERE batch_id = ? AND status = 'BATCHED'")) {
          ps.setLong(1, batchId);
          ps.executeUpdate();
        }
        durable();
      } catch (SQLException e) {
        rollback();
        throw new StoreException("recording batch " + batchId + " as settled failed", e);
      }
    } finally {
      lock.unlock();
    }
  }

  /** A batch that never reached the chain: its clearings go back to pending. */
  public void abandonBatch(long batchId, String error) {
    lock.lock();
    try {
      try {
        try (PreparedStatement ps =
            db.prepareStatement(
                "UPDATE batches SET status = 'ABANDONED', error = ? WHERE batch_id = ? AND status <> 'SETTLED'")) {
          ps.setString(1, error == null ? null : error.substring(0, Math.min(400, error.length())));
          ps.setLong(2, batchId);
          ps.executeUpdate();
        }
        try (PreparedStatement ps =
            db.prepareStatement(
                "UPDATE clearings SET status = 'PENDING', batch_id = 0 WHERE batch_id = ? AND status = 'BATCHED'")) {
          ps.setLong(1, batchId);
          ps.executeUpdate();
        }
        durable();
      } catch (SQLException e) {
        rollback();
        throw new StoreException("abandoning batch " + batchId + " failed", e);
      }
    } finally {
      lock.unlock();
    }
  }

  /** Batches planned or being submitted (to finish after a restart), oldest first. */
  public List<BatchRecord> unfinishedBatches() {
    lock.lock();
    try {
      return withClearingIds(
          query(
              "SELECT * FROM batches WHERE status IN ('PLANNED','SUBMITTING') ORDER BY batch_id",
              ps -> {},
              BrokerStore::batchOf));
    } finally {
      lock.unlock();
    }
  }

  public List<BatchRecord> batches(int limit) {
    lock.lock();
    try {
      return withClearingIds(
          query(
              "SELECT * FROM batches ORDER BY batch_id DESC LIMIT " + limit,
              ps -> {},
              BrokerStore::batchOf));
    } finally {
      lock.unlock();
    }
  }

  public Optional<BatchRecord> batch(long batchId) {
    lock.lock();
    try {
      return withClearingIds(
              query(
                  "SELECT * FROM batches WHERE batch_id = ?",
                  ps -> ps.setLong(1, batchId),
                  BrokerStore::batchOf))
          .stream()
          .findFirst();
    } finally {
      lock.unlock();
    }
  }

  private List<BatchRecord> withClearingIds(List<BatchRecord> batches) {
    List<BatchRecord> out = new ArrayList<>();
    for (BatchRecord b : batches) {
      List<Long> ids =
          query(
              "SELECT id FROM clearings WHERE batch_id = ? ORDER BY id",
              ps -> ps.setLong(1, b.batchId()),
              rs -> rs.getLong(1));
      out.add(
          new BatchRecord(
              b.batchId(),
              b.status(),
              ids,
              b.txHash(),
              b.block(),
              b.gasUsed(),
              b.fills(),
              b.createdAt(),
              b.settledAt(),
              b.error()));
    }
    return out;
  }

  /** A settled trade: a fill with its clearing's market and its batch's transaction. */
  public record Trade(
      FillRecord fill, MarketKey market, long batchId, Bytes32 txHash, long settledAt) {}

  /** Settled trades, newest first, optionally of one maker or one market. */
  public List<Trade> trades(Address maker, MarketKey market, int limit) {
    lock.lock();
    try {
      StringBuilder sql =
          new StringBuilder(
              "SELECT f.*, c.band, c.cell, c.slot_start, c.slot_end, c.batch_id, b.tx_hash, b.settled_at FROM fills f"
                  + " JOIN clearings c ON f.clearing_id = c.id JOIN batches b ON c.batch_id = b.batch_id"
                  + " WHERE c.status = 'SETTLED'");
      if (maker != null) {
        sql.append(" AND f.maker = ?");
      }
      if (market != null) {
        sql.append(" AND c.band = ? AND c.cell = ? AND c.slot_start = ? AND c.slot_end = ?");
      }
      sql.append(" ORDER BY f.id DESC LIMIT ").append(limit);
      return query(
          sql.toString(),
          ps -> {
            int i = 1;
            if (maker != null) {
              ps.setString(i++, maker.hex());
            }
            if (market != null) {
              ps.setLong(i++, market.band());
              ps.setLong(i++, market.cell());
              ps.setLong(i++, market.slotStart());
              ps.setLong(i, market.slotEnd());
            }
          },
          rs -> {
            String tx = rs.getString("tx_hash");
            return new Trade(
                fillOf(rs),
                new MarketKey(
                    rs.getLong("band"),
                    rs.getLong("cell"),
                    rs.getLong("slot_start"),
                    rs.getLong("slot_end")),
                rs.getLong("batch_id"),
                tx == null ? null : Bytes32.of(tx),
                rs.getLong("settled_at"));
          });
    } finally {
      lock.unlock();
    }
  }

  /** A fill of an order with its clearing's state and batch (0 when not in a batch). */
  public record OrderFill(FillRecord fill, ClearingState state, long batchId) {}

  /** Fills of one order, oldest first, with the state and batch of their clearing. */
  public List<OrderFill> fillsOf(Bytes32 orderHash) {
    lock.lock();
    try {
      return query(
          "SELECT f.*, c.status AS cstatus, c.batch_id AS cbatch FROM fills f JOIN clearings c ON f.clearing_id = c.id"
              + " WHERE f.order_hash = ? ORDER BY f.id",
          ps -> ps.setString(1, orderHash.hex()),
          rs ->
              new OrderFill(
                  fillOf(rs),
                  ClearingState.valueOf(rs.getString("cstatus")),
                  rs.getLong("cbatch")));
    } finally {
      lock.unlock();
    }
  }

  @Override
  public List<FillReceipt> receiptsOf(Bytes32 orderHash) {
    lock.lock();
    try {
      return fillsOf(orderHash).stream()
          .map(f -> f.fill().receipt())
          .filter(Objects::nonNull)
          .map(json -> WireJson.read(json, FillReceipt.class))
          .toList();
    } finally {
      lock.unlock();
    }
  }

  // ------------------------------------------------------------------ meta

  public Optional<String> meta(String key) {
    lock.lock();
    try {
      return query(
              "SELECT v FROM meta WHERE k = ?", ps -> ps.setString(1, key), rs -> rs.getString(1))
          .stream()
          .findFirst();
    } finally {
      lock.unlock();
    }
  }

  /** The meta values whose keys start with {@code prefix}, in key order. */
  public List<String> metaWithPrefix(String prefix) {
    lock.lock();
    try {
      return query(
          "SELECT v FROM meta WHERE substr(k, 1, ?) = ? ORDER BY k",
          ps -> {
            ps.setInt(1, prefix.length());
            ps.setString(2, prefix);
          },
          rs -> rs.getString(1));
    } finally {
      lock.unlock();
    }
  }

  /** Sets a meta value and commits. */
  public void setMeta(String key, String value) {
    lock.lock();
    try {
      try {
        putMeta(key, value);
        durable();
      } catch (SQLException e) {
        rollback();
        throw new StoreException("writing " + key + " failed", e);
      }
    } finally {
      lock.unlock();
    }
  }

  private void putMeta(String key, String value) throws SQLException {
    try (PreparedStatement ps =
        db.prepareStatement(
            "INSERT INTO meta (k, v) VALUES (?, ?) ON CONFLICT (k) DO UPDATE SET v = excluded.v")) {
      ps.setString(1, key);
      ps.setString(2, value);
      ps.executeUpdate();
    }
  }

  // ------------------------------------------------------------------ plumbing

  @FunctionalInterface
  private interface Binder {
    void bind(PreparedStatement ps) throws SQLException;
  }

  @FunctionalInterface
  private interface Row<T> {
    T map(ResultSet rs) throws SQLException;
  }

  /** A read on its own: it ends its transaction (nothing to make durable). */
  private <T> List<T> query(String sql, Binder binder, Row<T> row) {
    try {
      List<T> out = select(sql, binder, row);
      db.commit();
      return out;
    } catch (SQLException e) {
      rollback();
      throw new StoreException("query failed: " + e.getMessage(), e);
    }
  }

  /** A read inside the caller's transaction, which it leaves open. */
  private <T> List<T> select(String sql, Binder binder, Row<T> row) throws SQLException {
    try (PreparedStatement ps = db.prepareStatement(sql)) {
      binder.bind(ps);
      List<T> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(row.map(rs));
        }
      }
      return out;
    }
  }

  private int update(String sql, Binder binder) {
    try (PreparedStatement ps = db.prepareStatement(sql)) {
      binder.bind(ps);
      int n = ps.executeUpdate();
      durable();
      return n;
    } catch (SQLException e) {
      rollback();
      throw new StoreException("update failed: " + e.getMessage(), e);
    }
  }

  /**
   * Commits: durable by itself on both databases (SQLite's WAL has the commit in its log, and
   * PostgreSQL's in its write-ahead log, before the commit returns).
   */
  private void durable() throws SQLException {
    db.commit();
  }

  private void rollback() {
    try {
      db.rollback();
    } catch (SQLException ignored) {
      // the connection is gone; the next statement reports it
    }
  }

  private static OrderRecord orderOf(ResultSet rs) throws SQLException {
    Order o =
        new Order(
            Address.of(rs.getString("maker")),
            Side.ofCode(rs.getInt("side")),
            new MarketKey(
                rs.getLong("band"),
                rs.getLong("cell"),
                rs.getLong("slot_start"),
                rs.getLong("slot_end")),
            rs.getLong("quantity"),
            rs.getLong("limit_price"),
            rs.getLong("nonce"),
            rs.getLong("valid_until"),
            rs.getBoolean("partial_fill"));
    return new OrderRecord(
        Bytes32.of(rs.getString("order_hash")),
        new SignedOrder(o, Signature.fromHex(rs.getString("signature"))),
        rs.getLong("seq"),
        rs.getLong("received_at"),
        OrderState.valueOf(rs.getString("status")),
        rs.getLong("matched"),
        rs.getLong("settled"),
        rs.getString("reason"));
  }

  private static ClearingRecord clearingOf(ResultSet rs) throws SQLException {
    return new ClearingRecord(
        rs.getLong("id"),
        new MarketKey(
            rs.getLong("band"),
            rs.getLong("cell"),
            rs.getLong("slot_start"),
            rs.getLong("slot_end")),
        rs.getLong("price"),
        rs.getLong("epoch"),
        ClearingState.valueOf(rs.getString("status")),
        rs.getLong("batch_id"),
        List.of(),
        rs.getLong("created_at"),
        rs.getLong("cutoff"),
        rs.getString("book_root") == null ? null : Bytes32.of(rs.getString("book_root")));
  }

  private static FillRecord fillOf(ResultSet rs) throws SQLException {
    return new FillRecord(
        rs.getLong("id"),
        rs.getLong("clearing_id"),
        Bytes32.of(rs.getString("order_hash")),
        Address.of(rs.getString("maker")),
        Side.ofCode(rs.getInt("side")),
        rs.getLong("quantity"),
        rs.getLong("price"),
        rs.getString("receipt"));
  }

  private static BatchRecord batchOf(ResultSet rs) throws SQLException {
    String tx = rs.getString("tx_hash");
    return new BatchRecord(
        rs.getLong("batch_id"),
        BatchState.valueOf(rs.getString("status")),
        List.of(),
        tx == null ? null : Bytes32.of(tx),
        rs.getLong("block"),
        rs.getLong("gas_used"),
        rs.getInt("fills"),
        rs.getLong("created_at"),
        rs.getLong("settled_at"),
        rs.getString("error"));
  }

  @Override
  public void close() {
    if (checkpointer != null) {
      checkpointer.close();
    }
    lock.lock();
    try {
      try {
        db.close();
      } catch (SQLException e) {
        throw new StoreException("closing the broker database failed", e);
      }
    } finally {
      lock.unlock();
    }
  }
}
