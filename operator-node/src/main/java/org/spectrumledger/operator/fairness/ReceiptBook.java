package org.spectrumledger.operator.fairness;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.spectrumledger.broker.api.WireJson;

/**
 * The receipts an operator keeps, fill receipts and intake receipts: in memory, or in a JSON file
 * rewritten whole after every change (written aside, forced to disk, then moved over the old one),
 * so a crash leaves the old file or the new one. One process at a time holds a file's book (a lock
 * beside it): the daemon for as long as it runs, {@code operator audit} for one audit, so neither
 * overwrites what the other found.
 */
public final class ReceiptBook implements AutoCloseable {

  private final Path file;
  private final FileChannel lockChannel;
  private final FileLock lock;
  private final Map<String, KeptReceipt> receipts = new LinkedHashMap<>();
  private final Map<String, KeptIntake> intakes = new LinkedHashMap<>();

  /** The file's form: the fill receipts and the intake receipts kept. */
  private record Saved(List<KeptReceipt> fills, List<KeptIntake> intakes) {}

  private ReceiptBook(Path file, FileChannel lockChannel, FileLock lock) {
    this.file = file;
    this.lockChannel = lockChannel;
    this.lock = lock;
  }

  /** A book kept in memory only (the demo, tests). */
  public static ReceiptBook inMemory() {
    return new ReceiptBook(null, null, null);
  }

  /**
   * The book in {@code file}, read if it exists, held by this process until {@link #close}. A
   * malformed file is a clear error, not ignored; a book another process holds is refused, and so
   * is a second book on the file in this process while the first is open.
   */
  public static ReceiptBook open(Path file) {
    FileChannel channel = null;
    FileLock lock;
    boolean heldHere = false;
    try {
      Path dir = file.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      channel =
          FileChannel.open(
              dir.resolve(file.getFileName() + ".lock"),
              StandardOpenOption.CREATE,
              StandardOpenOption.WRITE);
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      // the lock is this JVM's own: a book on the file is open in this process and not closed
      lock = null;
      heldHere = true;
    } catch (IOException e) {
      closeQuietly(channel);
      throw new UncheckedIOException("cannot open the receipt file " + file, e);
    }
    if (lock == null && heldHere) {
      closeQuietly(channel);
      throw new IllegalStateException(
          "the receipts in "
              + file
              + " are open already in this process (a run or an audit on this home that has not"
              + " been closed); close that book before opening it again");
    }
    if (lock == null) {
      closeQuietly(channel);
      throw new IllegalStateException(
          "the receipts in "
              + file
              + " are held by another process (an operator daemon running on this home audits"
              + " them by itself); run the audit when it has stopped, or read its log");
    }
    ReceiptBook book = new ReceiptBook(file, channel, lock);
    if (Files.isRegularFile(file)) {
      try {
        var tree = WireJson.MAPPER.readTree(file.toFile());
        // a file written before intake receipts were kept is a list of fill receipts
        Saved read =
            tree.isArray()
                ? new Saved(
                    WireJson.MAPPER.convertValue(tree, new TypeReference<List<KeptReceipt>>() {}),
                    List.of())
                : WireJson.MAPPER.treeToValue(tree, Saved.class);
        for (KeptReceipt r : read.fills() == null ? List.<KeptReceipt>of() : read.fills()) {
          book.receipts.put(r.key(), r);
        }
        for (KeptIntake r : read.intakes() == null ? List.<KeptIntake>of() : read.intakes()) {
          book.intakes.put(r.key(), r);
        }
      } catch (IOException | IllegalArgumentException e) {
        book.close();
        throw new IllegalArgumentException(
            "the receipt file " + file + " is not a list of kept receipts: " + e.getMessage(), e);
      }
    }
    return book;
  }

  /** Keeps {@code r} unless a receipt with its key is kept already; returns whether it was new. */
  public synchronized boolean keep(KeptReceipt r) {
    if (receipts.containsKey(r.key())) {
      return false;
    }
    receipts.put(r.key(), r);
    save();
    return true;
  }

  /** Replaces the kept receipt with the same key. */
  public synchronized void update(KeptReceipt r) {
    receipts.put(r.key(), r);
    save();
  }

  public synchronized boolean contains(String key) {
    return receipts.containsKey(key);
  }

  public synchronized List<KeptReceipt> all() {
    return new ArrayList<>(receipts.values());
  }

  /**
   * Keeps an intake receipt unless one for its order is kept already; returns whether it was new.
   */
  public synchronized boolean keepIntake(KeptIntake r) {
    if (intakes.containsKey(r.key())) {
      return false;
    }
    intakes.put(r.key(), r);
    save();
    return true;
  }

  /**
   * Stops auditing the order {@code nonce} of {@code maker}: its maker signed a cancel at the
   * broker, which answers any claim that an auction should have filled it (the cancel names no
   * time). Returns whether an intake receipt of it was kept and open.
   */
  public synchronized boolean closeIntakeOf(org.spectrumledger.ledger.Address maker, long nonce) {
    for (KeptIntake k : intakes.values()) {
      if (!k.closed() && k.order().maker().equals(maker) && k.order().nonce() == nonce) {
        intakes.put(k.key(), k.with(k.auctions(), true));
        save();
        return true;
      }
    }
    return false;
  }

  /** Replaces the kept intake receipt of the same order. */
  public synchronized void updateIntake(KeptIntake r) {
    intakes.put(r.key(), r);
    save();
  }

  public synchronized List<KeptIntake> intakes() {
    return new ArrayList<>(intakes.values());
  }

  private void save() {
    if (file == null) {
      return;
    }
    Path dir = file.toAbsolutePath().getParent();
    Path tmp = null;
    try {
      tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
      byte[] json =
          WireJson.MAPPER
              .writerWithDefaultPrettyPrinter()
              .writeValueAsBytes(
                  new Saved(new ArrayList<>(receipts.values()), new ArrayList<>(intakes.values())));
      try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        out.write(java.nio.ByteBuffer.wrap(json));
        out.force(true);
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      tmp = null;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the receipt file " + file, e);
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // the write failed already; that is what is reported
        }
      }
    }
  }

  @Override
  public synchronized void close() {
    try {
      if (lock != null && lock.isValid()) {
        lock.release();
      }
    } catch (IOException ignored) {
      // released with the channel below
    }
    closeQuietly(lockChannel);
  }

  private static void closeQuietly(FileChannel c) {
    if (c != null) {
      try {
        c.close();
      } catch (IOException ignored) {
        // nothing held any more
      }
    }
  }
}
