package org.spectrumledger.network.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Directories published whole: written under a hidden name beside the target and moved into place
 * at the end, so the target holds everything or nothing. Single files are written with {@link
 * org.spectrumledger.ledger.io.AtomicFiles}.
 */
public final class Directories {

  private Directories() {}

  /**
   * Moves a finished directory to {@code target}: refuses an existing target unless {@code
   * replace}, in which case the old one is moved aside first and deleted only once the new one is
   * in place.
   */
  public static void publishDirectory(Path staged, Path target, boolean replace) {
    try {
      if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
        if (!replace) {
          throw new IllegalArgumentException(
              target + " already exists; choose another --out or pass --force to replace it");
        }
        Path aside =
            Files.createTempDirectory(target.toAbsolutePath().getParent(), ".replaced-")
                .resolve("old");
        Files.move(target, aside, StandardCopyOption.ATOMIC_MOVE);
        Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE);
        deleteTree(aside.getParent());
      } else {
        Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE);
      }
    } catch (FileAlreadyExistsException e) {
      throw new IllegalArgumentException(
          target + " appeared while the network was generated; nothing was replaced", e);
    } catch (IOException e) {
      throw new UncheckedIOException("could not move the generated network to " + target, e);
    }
  }

  /** rwx------: every directory a network holds, so only its owner reads keys and configs. */
  public static final Set<PosixFilePermission> PRIVATE =
      PosixFilePermissions.fromString("rwx------");

  /**
   * Creates {@code dir} and any missing parent as owner-only directories, and makes an existing
   * {@code dir} owner-only.
   */
  public static void createPrivate(Path dir) {
    try {
      Path parent = dir.toAbsolutePath().getParent();
      if (parent != null && !Files.isDirectory(parent)) {
        createPrivate(parent);
      }
      if (!Files.isDirectory(dir)) {
        try {
          Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PRIVATE));
        } catch (UnsupportedOperationException e) {
          Files.createDirectory(dir);
        }
      }
      try {
        Files.setPosixFilePermissions(dir, PRIVATE);
      } catch (UnsupportedOperationException e) {
        // not a POSIX file system: the directory's ACL applies
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not create " + dir, e);
    }
  }

  /** Deletes a directory and everything under it (a no-op when it is gone). */
  public static void deleteTree(Path root) {
    if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not delete " + root, e);
    }
  }
}
