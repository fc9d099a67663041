package org.spectrumledger.broker.e2e;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.spectrumledger.broker.store.PostgresServer;

/**
 * {@link BrokerCrashTest} with the broker's store on a real PostgreSQL server (given as a {@code
 * postgresql://} URL): kill -9 twenty times, no accepted order lost, none settled twice.
 */
class BrokerPostgresCrashTest extends BrokerCrashTest {

  @RegisterExtension static final PostgresServer PG = new PostgresServer();

  private String database;

  @BeforeEach
  void needsPostgres() {
    PG.assumeAvailable();
  }

  @Override
  protected List<String> storeOptions(Path dir) throws Exception {
    if (database == null) {
      database = PG.newDatabase(); // skips the test (fails it in CI) without PostgreSQL
    }
    return List.of("--db", PG.url(database));
  }
}
