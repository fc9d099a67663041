package org.spectrumledger.broker.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checkpoints an SQLite store's write-ahead log from a connection and a thread of its own, so a
 * commit of accepted orders never waits for one.
 *
 * <p>Left to itself, SQLite checkpoints inside the commit that takes the log past 1,000 pages: at
 * full intake (about nine pages a commit) that is three times a second, each copying the log's
 * pages into the database and syncing both files while every order of the next group waits. Here
 * the log is checkpointed twice a second, passively (alongside the commits, never blocking them),
 * and SQLite's own checkpoint is kept only as a backstop at 20,000 pages, should this thread fall
 * behind or stop. What a commit makes durable is unchanged: it is in the log before the order is
 * acknowledged, as before.
 */
final class WalCheckpointer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(WalCheckpointer.class);

  /** SQLite's own checkpoint, on the store's connection, once the log passes this many pages. */
  static final int BACKSTOP_PAGES = 20_000;

  private static final long PERIOD_MS = 500;

  private final Connection connection;
  private final Thread thread;
  private volatile boolean closed;

  private WalCheckpointer(Connection connection) {
    this.connection = connection;
    this.thread = Thread.ofPlatform().daemon().name("store-checkpointer").start(this::loop);
  }

  /**
   * Starts checkpointing the store {@code store} (already in WAL mode) through {@code own}, a
   * second connection to the same file, and moves SQLite's own checkpoint to the backstop.
   */
  static WalCheckpointer start(Connection store, Connection own) throws SQLException {
    try {
      try (Statement s = own.createStatement()) {
        s.execute("PRAGMA busy_timeout=5000");
        s.execute("PRAGMA synchronous=NORMAL");
      }
      try (Statement s = store.createStatement()) {
        s.execute("PRAGMA wal_autocheckpoint=" + BACKSTOP_PAGES);
      }
    } catch (SQLException e) {
      own.close();
      throw e;
    }
    return new WalCheckpointer(own);
  }

  private void loop() {
    long failures = 0;
    while (!closed) {
      try {
        Thread.sleep(PERIOD_MS);
      } catch (InterruptedException e) {
        return;
      }
      try {
        checkpoint();
        failures = 0;
      } catch (SQLException e) {
        // the backstop keeps the log bounded; say so once, then every 100th time
        if (failures++ % 100 == 0) {
          LOG.warn(
              "write-ahead log checkpoint failed ({}); SQLite checkpoints itself meanwhile",
              e.getMessage());
        }
      }
    }
  }

  /** One passive checkpoint; the pages it copied. */
  int checkpoint() throws SQLException {
    synchronized (connection) {
      try (Statement s = connection.createStatement();
          ResultSet rs = s.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
        // busy, pages in the log, pages copied
        return rs.next() ? rs.getInt(3) : 0;
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    thread.interrupt();
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    synchronized (connection) {
      try {
        connection.close();
      } catch (SQLException ignored) {
        // the store's own connection checkpoints as it closes
      }
    }
  }
}
