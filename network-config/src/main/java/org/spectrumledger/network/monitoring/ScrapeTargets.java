package org.spectrumledger.network.monitoring;

import java.util.List;

/**
 * Where Prometheus finds the ledger's own services, as {@code host:port} seen from the Docker host
 * (Prometheus runs in the host's network namespace).
 *
 * @param broker the broker's HTTP API, which serves {@code /metrics} ({@code spectrum broker run}
 *     listens on 127.0.0.1:8080 by default) to clients on its own host only
 * @param operators the operator daemons' metrics endpoints ({@code spectrum operator run
 *     --metrics-port P} serves them on 127.0.0.1:P); empty when none is known yet
 */
public record ScrapeTargets(List<String> broker, List<String> operators) {

  /** The broker's default listening address. */
  public static final String DEFAULT_BROKER = "127.0.0.1:8080";

  public ScrapeTargets {
    broker = broker == null ? List.of(DEFAULT_BROKER) : List.copyOf(broker);
    operators = operators == null ? List.of() : List.copyOf(operators);
    org.spectrumledger.network.generate.GenerateOptions.requireDistinct("--broker-metrics", broker);
    org.spectrumledger.network.generate.GenerateOptions.requireDistinct(
        "--operator-metrics", operators);
    broker.forEach(t -> requireHostPort("--broker-metrics", t));
    operators.forEach(t -> requireHostPort("--operator-metrics", t));
  }

  public static ScrapeTargets defaults() {
    return new ScrapeTargets(null, null);
  }

  private static void requireHostPort(String option, String target) {
    if (!target.matches("[A-Za-z0-9.-]+:[0-9]{1,5}")) {
      throw new IllegalArgumentException(option + " takes HOST:PORT: '" + target + "'");
    }
    int port = Integer.parseInt(target.substring(target.lastIndexOf(':') + 1));
    if (port < 1 || port > 65_535) {
      throw new IllegalArgumentException(option + ": not a port in '" + target + "'");
    }
  }
}
