package org.spectrumledger.network.compose;

import java.util.List;

/**
 * A container image of the Compose file, pinned to a version that {@code .env} can override: {@code
 * hyperledger/besu:${BESU_VERSION:-25.6.0}}. A moving tag ({@code latest}, a bare major) is never a
 * default: what runs is what was written.
 *
 * @param repository the image without its tag
 * @param variable the {@code .env} variable naming the version
 * @param version the default version
 */
public record Image(String repository, String variable, String version) {

  public static final Image BESU = new Image("hyperledger/besu", "BESU_VERSION", "25.6.0");
  public static final Image POSTGRES = new Image("postgres", "POSTGRES_VERSION", "17.5-alpine");
  public static final Image BLOCKSCOUT =
      new Image("ghcr.io/blockscout/blockscout", "BLOCKSCOUT_VERSION", "9.0.2");
  public static final Image BLOCKSCOUT_FRONTEND =
      new Image("ghcr.io/blockscout/frontend", "BLOCKSCOUT_FRONTEND_VERSION", "v2.3.5");
  public static final Image SC_VERIFIER =
      new Image("ghcr.io/blockscout/smart-contract-verifier", "SC_VERIFIER_VERSION", "v1.10.3");
  public static final Image PROMETHEUS =
      new Image("prom/prometheus", "PROMETHEUS_VERSION", "v3.5.0");
  public static final Image GRAFANA = new Image("grafana/grafana", "GRAFANA_VERSION", "12.1.1");

  /** Every image the Compose file runs. */
  public static final List<Image> ALL =
      List.of(BESU, POSTGRES, BLOCKSCOUT, BLOCKSCOUT_FRONTEND, SC_VERIFIER, PROMETHEUS, GRAFANA);

  public Image {
    if (!version.matches("v?[0-9]+\\.[0-9]+(\\.[0-9]+)?(-[a-z0-9.]+)?")) {
      throw new IllegalArgumentException(
          repository + ": a default version names a release, not a moving tag: " + version);
    }
  }

  /** The image reference as the Compose file writes it. */
  public String reference() {
    return repository + ":${" + variable + ":-" + version + "}";
  }
}
