package org.spectrumledger.broker.store;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real PostgreSQL server for one test class: {@code initdb} and {@code pg_ctl} of the machine's
 * PostgreSQL (Debian's {@code postgresql} package, {@code /usr/lib/postgresql/N/bin}, or {@code
 * $PG_BIN}) in a temporary directory, on a free port of 127.0.0.1 with its unix socket in that
 * directory and trust authentication; stopped and removed after the class.
 *
 * <p>PostgreSQL refuses to run as root, and tests and CI run as root: then the server runs as the
 * {@code postgres} user through {@code runuser}. Without PostgreSQL the tests that need it are
 * skipped, with the reason, except in CI ({@code CI} set), where they fail: CI installs it.
 *
 * <p>Use: {@code @RegisterExtension static final PostgresServer PG = new PostgresServer();} and, in
 * a test, {@link #newDatabase()} for a database of its own.
 */
public final class PostgresServer implements BeforeAllCallback, AfterAllCallback {

  private static final String SUPERUSER = "postgres";
  private static final AtomicInteger DATABASES = new AtomicInteger();

  private Path dir;
  private Path data;
  private int port;
  private Path bin;
  private String unavailable;

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    bin = findBin();
    if (bin == null) {
      unavailable =
          "PostgreSQL is not installed (no initdb under /usr/lib/postgresql/*/bin or $PG_BIN):"
              + " apt-get install -y postgresql";
      if (System.getenv("CI") != null) {
        throw new IllegalStateException(unavailable + " (CI must run the PostgreSQL tests)");
      }
      return;
    }
    start();
  }

  /** Skips the calling test (fails it in CI) when there is no server. */
  public void assumeAvailable() {
    if (unavailable != null) {
      if (System.getenv("CI") != null) {
        throw new IllegalStateException(unavailable);
      }
      Assumptions.abort(unavailable);
    }
  }

  public boolean available() {
    return unavailable == null;
  }

  public int port() {
    return port;
  }

  /** The JDBC URL of database {@code name}, as the superuser. */
  public String jdbcUrl(String name) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + name + "?user=" + SUPERUSER;
  }

  /** The PostgreSQL URL ({@code postgresql://USER@HOST:PORT/DB}) of database {@code name}. */
  public String url(String name) {
    return "postgresql://" + SUPERUSER + "@127.0.0.1:" + port + "/" + name;
  }

  /** Creates a new, empty database and returns its name. */
  public String newDatabase() throws SQLException {
    assumeAvailable();
    String name = "store_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
    try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"));
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    }
    return name;
  }

  private void start() throws Exception {
    dir = Files.createTempDirectory("spectrum-pg");
    data = dir.resolve("data");
    if (isRoot()) {
      // the server's user must own its directories (and reach them: the temp dir is 0700)
      UserPrincipalLookupService users = dir.getFileSystem().getUserPrincipalLookupService();
      Files.setOwner(dir, users.lookupPrincipalByName(SUPERUSER));
      GroupPrincipal group = users.lookupPrincipalByGroupName(SUPERUSER);
      Files.getFileAttributeView(dir, PosixFileAttributeView.class).setGroup(group);
    }
    run(
        bin.resolve("initdb").toString(),
        "-D",
        data.toString(),
        "-U",
        SUPERUSER,
        "-A",
        "trust",
        "-E",
        "UTF8",
        "--locale=C",
        "--no-sync");
    for (int attempt = 0; ; attempt++) {
      port = freePort();
      try {
        run(
            bin.resolve("pg_ctl").toString(),
            "-D",
            data.toString(),
            "-l",
            dir.resolve("server.log").toString(),
            "-w",
            "-t",
            "60",
            "-o",
            "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1",
            "start");
        return;
      } catch (IOException e) {
        if (attempt >= 2) {
          throw e;
        }
      }
    }
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    if (dir == null) {
      return;
    }
    try {
      if (Files.exists(data.resolve("postmaster.pid"))) {
        run(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "fast", "-w", "stop");
      }
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  /** Runs a PostgreSQL program, as the postgres user when this is root; fails with its output. */
  private void run(String... command) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    if (isRoot()) {
      cmd.addAll(List.of("runuser", "-u", SUPERUSER, "--"));
    }
    cmd.addAll(List.of(command));
    Path out = Files.createTempFile("spectrum-pg", ".out");
    try {
      Process p =
          new ProcessBuilder(cmd)
              .redirectErrorStream(true)
              .redirectOutput(out.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
              .start();
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException(String.join(" ", cmd) + " did not finish within 120 s");
      }
      if (p.exitValue() != 0) {
        String log = dir == null ? "" : readIfExists(dir.resolve("server.log"));
        throw new IOException(
            String.join(" ", cmd)
                + " exited with "
                + p.exitValue()
                + ":\n"
                + Files.readString(out, StandardCharsets.UTF_8)
                + log);
      }
    } finally {
      Files.deleteIfExists(out);
    }
  }

  private static String readIfExists(Path p) throws IOException {
    return Files.exists(p) ? Files.readString(p, StandardCharsets.UTF_8) : "";
  }

  private static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /** The newest {@code /usr/lib/postgresql/N/bin} with initdb, or {@code $PG_BIN}; else null. */
  private static Path findBin() throws IOException {
    String env = System.getenv("PG_BIN");
    if (env != null && Files.isExecutable(Path.of(env, "initdb"))) {
      return Path.of(env);
    }
    Path root = Path.of("/usr/lib/postgresql");
    if (!Files.isDirectory(root)) {
      return null;
    }
    try (Stream<Path> versions = Files.list(root)) {
      return versions
          .filter(v -> v.getFileName().toString().matches("\\d+"))
          .sorted(
              Comparator.comparingInt((Path v) -> Integer.parseInt(v.getFileName().toString()))
                  .reversed())
          .map(v -> v.resolve("bin"))
          .filter(b -> Files.isExecutable(b.resolve("initdb")))
          .findFirst()
          .orElse(null);
    }
  }
}
