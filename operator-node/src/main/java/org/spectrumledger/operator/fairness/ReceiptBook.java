package org.spectrumledger.operator.fairness;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.spectrumledger.broker.api.WireJson;

/**
 * The receipts an operator keeps: in memory, or in a JSON file rewritten whole (written aside, then
 * moved over the old one) after every change, so a crash leaves the old file or the new one.
 */
public final class ReceiptBook {

  private final Path file;
  private final Map<String, KeptReceipt> receipts = new LinkedHashMap<>();

  private ReceiptBook(Path file) {
    this.file = file;
  }

  /** A book kept in memory only (the demo, tests). */
  public static ReceiptBook inMemory() {
    return new ReceiptBook(null);
  }

  /**
   * The book in {@code file}, read if it exists. A malformed file is a clear error, not ignored.
   */
  public static ReceiptBook open(Path file) {
    ReceiptBook book = new ReceiptBook(file);
    if (Files.isRegularFile(file)) {
      try {
        List<KeptReceipt> read =
            WireJson.MAPPER.readValue(file.toFile(), new TypeReference<List<KeptReceipt>>() {});
        for (KeptReceipt r : read) {
          book.receipts.put(r.key(), r);
        }
      } catch (IOException e) {
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

  private void save() {
    if (file == null) {
      return;
    }
    try {
      Path dir = file.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
      WireJson.MAPPER
          .writerWithDefaultPrettyPrinter()
          .writeValue(tmp.toFile(), new ArrayList<>(receipts.values()));
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the receipt file " + file, e);
    }
  }
}
