package org.spectrumledger.ledger.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

  static String permissions(Path file) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
  }

  static long entries(Path dir) throws Exception {
    try (Stream<Path> s = Files.list(dir)) {
      return s.count();
    }
  }

  @Test
  void writeCreatesDirectoriesReplacesTheFileAndSetsItsPermissions(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("a/b/secret");
    AtomicFiles.writeString(file, "one", AtomicFiles.SECRET);
    assertThat(Files.readString(file)).isEqualTo("one");
    assertThat(permissions(file)).isEqualTo("rw-------");
    AtomicFiles.writeString(file, "two", AtomicFiles.PUBLIC);
    assertThat(Files.readString(file)).isEqualTo("two");
    assertThat(permissions(file)).isEqualTo("rw-r--r--");
    AtomicFiles.write(
        dir.resolve("run.sh"),
        "#!/bin/sh\n".getBytes(StandardCharsets.UTF_8),
        AtomicFiles.EXECUTABLE);
    assertThat(permissions(dir.resolve("run.sh"))).isEqualTo("rwxr-xr-x");
    assertThat(entries(file.getParent())).as("no temporary file is left").isEqualTo(1);
  }

  @Test
  void createNeverReplacesAFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("keystore.json");
    AtomicFiles.create(file, "first".getBytes(StandardCharsets.UTF_8), AtomicFiles.SECRET);
    assertThat(Files.readString(file)).isEqualTo("first");
    assertThat(permissions(file)).isEqualTo("rw-------");
    assertThatThrownBy(
            () ->
                AtomicFiles.create(
                    file, "second".getBytes(StandardCharsets.UTF_8), AtomicFiles.SECRET))
        .isInstanceOf(FileAlreadyExistsException.class);
    assertThat(Files.readString(file)).isEqualTo("first");
    assertThat(entries(dir)).as("no temporary file is left").isEqualTo(1);
  }
}
