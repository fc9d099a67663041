package org.spectrumledger.network.admin;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.spectrumledger.ledger.io.AtomicFiles;
import org.spectrumledger.network.node.BesuNodeConfig;

/**
 * A backup of one node's directory: its chain data ({@code data/}) with the key, configuration,
 * genesis and allowlists that make the data usable, as one zip archive (owner-only: it holds the
 * node key).
 *
 * <p>RocksDB's files are only consistent while no process writes them, so a node that is running is
 * refused: Besu holds the {@code LOCK} file of its database with an advisory lock, which this
 * process then cannot take (the same kernel sees it whether Besu runs in a container or not).
 */
public final class NodeBackup {

  /** The database's lock file, relative to the node directory. */
  static final String DATABASE_LOCK = BesuNodeConfig.DATA_DIR + "/database/LOCK";

  /**
   * What a backup holds.
   *
   * @param files the files, relative to the node directory
   * @param bytes their total size
   */
  public record Contents(List<Path> files, long bytes) {}

  private NodeBackup() {}

  /** The files a backup of {@code nodeDir} would hold. */
  public static Contents contents(Path nodeDir) {
    if (!Files.isDirectory(nodeDir)) {
      throw new IllegalArgumentException("no node directory at " + nodeDir);
    }
    try (Stream<Path> all = Files.walk(nodeDir)) {
      List<Path> files =
          all.filter(Files::isRegularFile).map(nodeDir::relativize).sorted().toList();
      long bytes = 0;
      for (Path f : files) {
        bytes += Files.size(nodeDir.resolve(f));
      }
      return new Contents(files, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("could not list " + nodeDir, e);
    }
  }

  /** Refuses a node whose database another process holds open. */
  public static void requireStopped(Path nodeDir, String name) {
    Path lock = nodeDir.resolve(DATABASE_LOCK);
    if (!Files.exists(lock)) {
      return;
    }
    try (FileChannel ch = FileChannel.open(lock, StandardOpenOption.WRITE)) {
      FileLock held = ch.tryLock();
      if (held == null) {
        throw new IllegalArgumentException(
            name
                + " is running (its database is locked): stop it first, e.g. 'docker compose stop "
                + name
                + "', and start it again after the backup");
      }
      held.release();
    } catch (OverlappingFileLockException e) {
      throw new IllegalArgumentException(name + "'s database is locked by this process", e);
    } catch (IOException e) {
      throw new UncheckedIOException("could not check the lock on " + lock, e);
    }
  }

  /** Writes the archive of {@code nodeDir} to {@code archive} (which must not exist). */
  public static Contents write(Path nodeDir, String name, Path archive) {
    if (Files.exists(archive)) {
      throw new IllegalArgumentException(archive + " already exists; choose another --out");
    }
    requireStopped(nodeDir, name);
    Contents contents = contents(nodeDir);
    Path tmp = archive.resolveSibling("." + archive.getFileName() + ".partial");
    try {
      AtomicFiles.write(tmp, new byte[0], AtomicFiles.SECRET);
      try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.TRUNCATE_EXISTING);
          ZipOutputStream zip = new ZipOutputStream(out)) {
        for (Path f : contents.files()) {
          Path source = nodeDir.resolve(f);
          ZipEntry e = new ZipEntry(name + "/" + f.toString().replace('\\', '/'));
          e.setLastModifiedTime(FileTime.from(Files.getLastModifiedTime(source).toInstant()));
          zip.putNextEntry(e);
          Files.copy(source, zip);
          zip.closeEntry();
        }
      }
      Files.move(tmp, archive);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the backup " + archive, e);
    } finally {
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException ignored) {
        // the partial file is hidden and harmless
      }
    }
    return contents;
  }
}
