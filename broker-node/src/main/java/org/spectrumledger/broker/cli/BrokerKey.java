package org.spectrumledger.broker.cli;

import java.nio.file.Path;
import java.util.function.Function;
import org.spectrumledger.ledger.SigningKey;
import org.spectrumledger.ledger.keys.KeySource;
import org.spectrumledger.ledger.keys.PasswordSource;

/**
 * The broker's key as {@code broker run} and {@code broker bond} take it: the source {@code --key}
 * names, else the hex key in {@link #ENV}. Written once, so both commands read the variable and say
 * what to give alike.
 */
final class BrokerKey {

  /** The environment variable that may hold the broker's hex private key. */
  static final String ENV = "SPECTRUM_BROKER_KEY";

  /** What to give when there is no key. */
  static final String HOW_TO_GIVE =
      "give --key FILE (a keystore or a hex key) or --key env:NAME, or set " + ENV;

  private BrokerKey() {}

  /** The key {@code --key} names: a keystore, a hex key file, or {@code env:NAME}. */
  static SigningKey load(String keySpec, Path passwordFile) {
    return KeySource.load(keySpec, PasswordSource.system(passwordFile), System::getenv);
  }

  /**
   * The hex key in {@link #ENV} of {@code env}, or null when it is unset or blank; a value that is
   * no key is refused naming the variable.
   */
  static SigningKey fromEnvironmentOrNull(Function<String, String> env) {
    String value = env.apply(ENV);
    if (value == null || value.isBlank()) {
      return null;
    }
    return KeySource.fromEnvironment(ENV, env);
  }
}
