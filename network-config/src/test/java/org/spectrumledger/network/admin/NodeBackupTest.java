package org.spectrumledger.network.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spectrumledger.network.cli.Cli;

/** A node's backup, read back with the JDK's zip reader; a running node's database is refused. */
class NodeBackupTest {

  @TempDir Path tmp;
  FakeNetwork net;
  Path nodeDir;

  @BeforeEach
  void network() throws Exception {
    net = new FakeNetwork(tmp, 1, 0);
    nodeDir = net.dir.resolve("nodes/validator1");
    Files.createDirectories(nodeDir.resolve("data/database"));
    Files.write(nodeDir.resolve("data/database/000042.sst"), new byte[300_000]);
    Files.writeString(nodeDir.resolve("data/database/LOCK"), "");
    Files.writeString(nodeDir.resolve("data/DATABASE_METADATA.json"), "{\"version\":2}");
  }

  @AfterEach
  void close() {
    net.close();
  }

  private Cli.Run backup(Path archive) {
    return Cli.network(
        "backup",
        "--node",
        "validator1",
        "--out",
        archive.toString(),
        "--network",
        net.dir.toString());
  }

  @Test
  void aStoppedNodesDirectoryIsArchivedWholeAndOwnerOnly() throws Exception {
    Path archive = tmp.resolve("v1.zip");
    Cli.Run run = backup(archive);

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(archive)))
        .isEqualTo("rw-------");
    Map<String, byte[]> entries = new HashMap<>();
    try (ZipFile zip = new ZipFile(archive.toFile())) {
      for (ZipEntry e : java.util.Collections.list(zip.entries())) {
        entries.put(e.getName(), zip.getInputStream(e).readAllBytes());
      }
    }
    try (var files = Files.walk(nodeDir)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        String name = "validator1/" + nodeDir.relativize(f);
        assertThat(entries).containsKey(name);
        assertThat(entries.get(name)).isEqualTo(Files.readAllBytes(f));
      }
    }
    assertThat(entries).containsKeys("validator1/key", "validator1/data/database/000042.sst");
    assertThat(run.out()).contains("encrypt it");
    assertThat(net.calls).isEmpty();
  }

  @Test
  void aNodeWhoseDatabaseAnotherProcessHoldsIsRefusedAndNothingIsWritten() throws Exception {
    Process holder =
        new ProcessBuilder(
                ProcessHandle.current().info().command().orElse("java"),
                "-cp",
                System.getProperty("java.class.path"),
                LockHolder.class.getName(),
                nodeDir.resolve("data/database/LOCK").toString())
            .redirectErrorStream(true)
            .start();
    try {
      BufferedReader out =
          new BufferedReader(
              new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
      assertThat(out.readLine()).isEqualTo("locked");
      Path archive = tmp.resolve("running.zip");
      Cli.Run run = backup(archive);
      assertThat(run.exitCode()).isEqualTo(2);
      assertThat(run.err()).contains("validator1 is running").contains("docker compose stop");
      assertThat(archive).doesNotExist();
    } finally {
      holder.getOutputStream().close();
      holder.waitFor();
    }
  }

  @Test
  void anUnknownNodeOrAnExistingArchiveIsBadInput() throws Exception {
    Cli.Run unknown = Cli.network("backup", "--node", "nope", "--network", net.dir.toString());
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.err()).contains("no node 'nope'");
    Path existing = Files.writeString(tmp.resolve("old.zip"), "keep");
    Cli.Run clash = backup(existing);
    assertThat(clash.exitCode()).isEqualTo(2);
    assertThat(Files.readString(existing)).isEqualTo("keep");
  }
}
