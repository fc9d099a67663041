package org.spectrumledger.network.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Files written so a reader never sees half of one: into a temporary file beside the target, then
 * renamed over it. Secrets are created owner-only before a byte is written.
 */
public final class AtomicFiles {

  /** rw-------: private keys and keystores. */
  public static final Set<PosixFilePermission> SECRET =
      PosixFilePermissions.fromString("rw-------");

  /** rw-r--r--: everything else. */
  public static final Set<PosixFilePermission> PUBLIC =
      PosixFilePermissions.fromString("rw-r--r--");

  /** rwxr-xr-x: scripts. */
  public static final Set<PosixFilePermission> EXECUTABLE =
      PosixFilePermissions.fromString("rwxr-xr-x");

  private AtomicFiles() {}

  public static void writeString(Path file, String text, Set<PosixFilePermission> permissions) {
    write(file, text.getBytes(StandardCharsets.UTF_8), permissions);
  }

  public static void write(Path file, byte[] bytes, Set<PosixFilePermission> permissions) {
    Path dir = file.toAbsolutePath().getParent();
    try {
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
      try {
        setPermissions(tmp, permissions);
        Files.write(tmp, bytes);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + file, e);
    }
  }

  /**
   * Moves a finished directory to {@code target}: refuses an existing target unless {@code
   * replace}, in which case the old one is moved aside first and deleted only once the new one is
   * in place.
   */
  public static void publishDirectory(Path staged, Path target, boolean replace) {
    try {
      if (Files.exists(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
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

  /** Deletes a directory and everything under it (a no-op when it is gone). */
  public static void deleteTree(Path root) {
    if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
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

  private static void setPermissions(Path file, Set<PosixFilePermission> permissions)
      throws IOException {
    try {
      Files.setPosixFilePermissions(file, permissions);
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system (Windows): the directory's ACL applies
    }
  }
}
