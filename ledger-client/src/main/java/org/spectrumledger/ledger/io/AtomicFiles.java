package org.spectrumledger.ledger.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Files written so a reader never sees half of one: into a temporary file beside the target, then
 * renamed over it (or, for {@link #create}, linked to a name that must not exist yet). Secrets are
 * made owner-only before a byte is written.
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

  /** Writes {@code text} as UTF-8, replacing {@code file} if it exists. */
  public static void writeString(Path file, String text, Set<PosixFilePermission> permissions) {
    write(file, text.getBytes(StandardCharsets.UTF_8), permissions);
  }

  /** Writes {@code bytes}, replacing {@code file} if it exists. */
  public static void write(Path file, byte[] bytes, Set<PosixFilePermission> permissions) {
    try {
      Path tmp = temporary(file, permissions, bytes);
      try {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + file, e);
    }
  }

  /**
   * Writes {@code bytes} to a new {@code file}; an existing file is never replaced, not even one
   * that appears while this runs ({@link FileAlreadyExistsException}).
   */
  public static void create(Path file, byte[] bytes, Set<PosixFilePermission> permissions)
      throws FileAlreadyExistsException {
    if (Files.exists(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      throw new FileAlreadyExistsException(file.toString());
    }
    try {
      Path tmp = temporary(file, permissions, bytes);
      try {
        try {
          // a hard link fails if the name is taken: no window between the check and the rename
          Files.createLink(file, tmp);
        } catch (FileAlreadyExistsException e) {
          throw e;
        } catch (UnsupportedOperationException | FileSystemException e) {
          // no hard links here (some network and Windows file systems): check, then rename
          if (Files.exists(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            throw new FileAlreadyExistsException(file.toString());
          }
          Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        }
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (FileAlreadyExistsException e) {
      throw e;
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + file, e);
    }
  }

  private static Path temporary(Path file, Set<PosixFilePermission> permissions, byte[] bytes)
      throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
    try {
      setPermissions(tmp, permissions);
      Files.write(tmp, bytes);
      return tmp;
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(tmp);
      throw e;
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
