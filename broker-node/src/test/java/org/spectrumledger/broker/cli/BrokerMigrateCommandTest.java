package org.spectrumledger.broker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.spectrumledger.broker.store.PostgresServer;

/** {@code broker migrate}: what it says of the store's schema, and of a store it cannot reach. */
class BrokerMigrateCommandTest {

  @RegisterExtension static final PostgresServer PG = new PostgresServer();

  private record Run(int exit, String out, String err) {}

  private static Run migrate(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    var cli = BrokerMain.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    String[] all = new String[args.length + 1];
    all[0] = "migrate";
    System.arraycopy(args, 0, all, 1, args.length);
    int exit = cli.execute(all);
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void migratesTheDefaultSqliteFileOnceAndThenSaysItIsUpToDate(@TempDir Path dir) {
    Run first = migrate("--data-dir", dir.toString());
    assertThat(first.exit()).isZero();
    assertThat(first.out())
        .isEqualTo(
            "jdbc:sqlite:"
                + dir.toAbsolutePath().resolve("broker.db")
                + ": schema version 4 (4 migrations applied)"
                + System.lineSeparator());
    Run again = migrate("--data-dir", dir.toString());
    assertThat(again.out()).endsWith(": schema version 4 (up to date)" + System.lineSeparator());
  }

  @Test
  void migratesAPostgresDatabaseGivenAsAUrl() throws Exception {
    String db = PG.newDatabase();
    Run run = migrate("--store", PG.url(db));
    assertThat(run.exit()).isZero();
    assertThat(run.out())
        .startsWith("jdbc:postgresql://127.0.0.1:" + PG.port() + "/" + db + ": schema version 4");
  }

  @Test
  void anUnreachableServerIsOneLineAndExitCodeOne() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    Run run = migrate("--db", "postgresql://broker:secret@127.0.0.1:" + closed + "/spectrum");
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err())
        .isEqualTo(
            "error: cannot reach the PostgreSQL server at 127.0.0.1:"
                + closed
                + ": connection refused; check the host and port and that the server is running"
                + System.lineSeparator());
  }

  @Test
  void anUnsupportedUrlIsBadUsage() {
    Run run = migrate("--db", "jdbc:h2:./broker");
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).startsWith("error: unsupported broker database jdbc:h2:./broker");
    assertThat(run.err().lines()).hasSize(1);
  }
}
