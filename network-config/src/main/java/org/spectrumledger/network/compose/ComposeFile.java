package org.spectrumledger.network.compose;

import java.util.List;
import org.spectrumledger.network.monitoring.MonitoringFiles;
import org.spectrumledger.network.node.BesuNodeConfig;
import org.spectrumledger.network.node.NodeRole;
import org.spectrumledger.network.node.NodeSpec;

/**
 * The {@code docker-compose.yml} that runs the whole network on one Docker host, in the
 * quorum-dev-quickstart layout: every Besu node on a fixed address of a private bridge network (the
 * addresses in the enode URLs and allowlists).
 *
 * <ul>
 *   <li>The RPC node's JSON-RPC is published on every interface of the host (8545, and 8546 for
 *       WebSocket); every other node's only on the host's loopback, and all of them require a token
 *       for anything beyond the public methods (see {@link BesuNodeConfig}).
 *   <li>Profile {@code explorer}: the explorer (archive) node, Postgres, Blockscout (Besu variant)
 *       reading blocks and traces from the explorer node with its own token, the verifier and the
 *       frontend.
 *   <li>Profile {@code monitoring}: Prometheus and Grafana, in the host's network namespace so they
 *       reach the nodes' metrics on the bridge and the broker's and operator daemons' on loopback,
 *       both listening on loopback only.
 * </ul>
 *
 * <p>Images are pinned ({@link Image}); no secret appears in a {@code command}: they come from
 * {@code .env} into environment variables.
 */
public final class ComposeFile {

  /** The explorer's API and UI ports on the host (Blockscout's backend and frontend). */
  public static final int EXPLORER_API_PORT = 4000;

  public static final int EXPLORER_UI_PORT = 3000;

  /** Prometheus and Grafana listen on these ports of the host's loopback. */
  public static final int PROMETHEUS_PORT = 9090;

  public static final int GRAFANA_PORT = 3001;

  private ComposeFile() {}

  /**
   * The Compose file.
   *
   * @param chainId the chain id (names the project and the bridge network)
   * @param subnetPrefix the first three octets of the bridge network, e.g. {@code 172.16.240}
   * @param nodes every Besu node, validators first
   */
  public static String render(long chainId, String subnetPrefix, List<NodeSpec> nodes) {
    NodeSpec rpc = only(nodes, NodeRole.RPC);
    NodeSpec explorer = only(nodes, NodeRole.EXPLORER);
    String project = "spectrum-" + chainId;
    StringBuilder y = new StringBuilder();
    y.append("# SpectrumLedger chain ")
        .append(chainId)
        .append(": QBFT validators, an RPC node, member nodes, Blockscout and monitoring on one")
        .append(" Docker host.\n")
        .append("# Written by `spectrum network generate`. Start with ./start.sh, stop with")
        .append(" ./stop.sh.\n")
        .append("# Image versions and secrets come from .env (generate and start.sh write it).\n")
        .append("name: ")
        .append(project)
        .append("\n\n");
    y.append(
        """
        x-besu: &besu
          image: %s
          # the host user owns the node directories, so Besu runs as that user
          user: "${SPECTRUM_UID:-1000}:${SPECTRUM_GID:-1000}"
          restart: on-failure
          stop_grace_period: 30s
          working_dir: /opt/besu/node
          command: ["--config-file=%s"]

        services:
        """
            .formatted(Image.BESU.reference(), BesuNodeConfig.CONFIG_FILE));
    for (NodeSpec n : nodes) {
      y.append("  ").append(n.name()).append(":\n");
      y.append("    <<: *besu\n");
      if (n.role() == NodeRole.EXPLORER) {
        y.append("    profiles: [\"explorer\"]\n");
      }
      y.append("    volumes:\n");
      y.append("      - ./nodes/").append(n.name()).append(":/opt/besu/node\n");
      y.append("    ports:\n");
      if (n.role() == NodeRole.RPC) {
        port(y, "", n.rpcHostPort(), BesuNodeConfig.RPC_HTTP_PORT);
        port(y, "", n.rpcHostPort() + 1, BesuNodeConfig.RPC_WS_PORT);
      } else {
        port(y, "127.0.0.1:", n.rpcHostPort(), BesuNodeConfig.RPC_HTTP_PORT);
      }
      y.append("    networks:\n");
      y.append("      spectrum:\n");
      y.append("        ipv4_address: ").append(n.enode().host()).append("\n\n");
    }
    String explorerRpc =
        "http://" + explorer.enode().host() + ":" + BesuNodeConfig.RPC_HTTP_PORT + "/";
    y.append(
        """
          blockscout-db:
            image: %1$s
            profiles: ["explorer"]
            restart: on-failure
            environment:
              POSTGRES_USER: blockscout
              POSTGRES_PASSWORD: ${BLOCKSCOUT_DB_PASSWORD:?start.sh writes it to .env}
              POSTGRES_DB: blockscout
            volumes:
              - blockscout-db:/var/lib/postgresql/data
            healthcheck:
              test: ["CMD-SHELL", "pg_isready -U blockscout -d blockscout"]
              interval: 5s
              timeout: 5s
              retries: 20
            networks:
              spectrum:
                ipv4_address: %2$s.200

          blockscout-verifier:
            image: %3$s
            profiles: ["explorer"]
            restart: on-failure
            environment:
              SMART_CONTRACT_VERIFIER__SERVER__HTTP__ADDR: 0.0.0.0:8050
              SMART_CONTRACT_VERIFIER__SOLIDITY__ENABLED: "true"
              SMART_CONTRACT_VERIFIER__VYPER__ENABLED: "false"
            networks:
              spectrum:
                ipv4_address: %2$s.201

          blockscout:
            image: %4$s
            profiles: ["explorer"]
            restart: on-failure
            depends_on:
              blockscout-db:
                condition: service_healthy
              blockscout-verifier:
                condition: service_started
              %5$s:
                condition: service_started
            command: ["sh", "-c", "bin/blockscout eval \\"Elixir.Explorer.ReleaseTasks.create_and_migrate()\\" && exec bin/blockscout start"]
            environment:
              ETHEREUM_JSONRPC_VARIANT: besu
              # the explorer node: on the Docker network only, every call authenticated
              ETHEREUM_JSONRPC_HTTP_URL: %6$s
              ETHEREUM_JSONRPC_TRACE_URL: %6$s
              ETHEREUM_JSONRPC_HTTP_HEADERS: '{"Authorization": "Bearer ${%12$s:?generate writes it to .env}"}'
              DATABASE_URL: postgresql://blockscout:${BLOCKSCOUT_DB_PASSWORD}@blockscout-db:5432/blockscout
              ECTO_USE_SSL: "false"
              SECRET_KEY_BASE: ${BLOCKSCOUT_SECRET_KEY_BASE:?start.sh writes it to .env}
              CHAIN_ID: "%7$d"
              COIN: ETH
              COIN_NAME: Ether
              PORT: "4000"
              DISABLE_EXCHANGE_RATES: "true"
              MICROSERVICE_SC_VERIFIER_ENABLED: "true"
              MICROSERVICE_SC_VERIFIER_TYPE: sc_verifier
              MICROSERVICE_SC_VERIFIER_URL: http://blockscout-verifier:8050/
              API_V2_ENABLED: "true"
            ports:
              - "%8$d:4000"
            networks:
              spectrum:
                ipv4_address: %2$s.202

          blockscout-frontend:
            image: %9$s
            profiles: ["explorer"]
            restart: on-failure
            depends_on:
              - blockscout
            environment:
              NEXT_PUBLIC_API_HOST: ${EXPLORER_HOST:-localhost}
              NEXT_PUBLIC_API_PORT: "%8$d"
              NEXT_PUBLIC_API_PROTOCOL: http
              NEXT_PUBLIC_API_WEBSOCKET_PROTOCOL: ws
              NEXT_PUBLIC_APP_HOST: ${EXPLORER_HOST:-localhost}
              NEXT_PUBLIC_APP_PORT: "%10$d"
              NEXT_PUBLIC_APP_PROTOCOL: http
              NEXT_PUBLIC_NETWORK_ID: "%7$d"
              NEXT_PUBLIC_NETWORK_NAME: SpectrumLedger %7$d
              NEXT_PUBLIC_NETWORK_RPC_URL: http://${EXPLORER_HOST:-localhost}:%11$d
              NEXT_PUBLIC_NETWORK_CURRENCY_NAME: Ether
              NEXT_PUBLIC_NETWORK_CURRENCY_SYMBOL: ETH
              NEXT_PUBLIC_NETWORK_CURRENCY_DECIMALS: "18"
              NEXT_PUBLIC_IS_TESTNET: "true"
            ports:
              - "%10$d:3000"
            networks:
              spectrum:
                ipv4_address: %2$s.203

        """
            .formatted(
                Image.POSTGRES.reference(),
                subnetPrefix,
                Image.SC_VERIFIER.reference(),
                Image.BLOCKSCOUT.reference(),
                explorer.name(),
                explorerRpc,
                chainId,
                EXPLORER_API_PORT,
                Image.BLOCKSCOUT_FRONTEND.reference(),
                EXPLORER_UI_PORT,
                rpc.rpcHostPort(),
                EnvFile.EXPLORER_TOKEN));
    y.append(
        """
          prometheus:
            image: %1$s
            profiles: ["monitoring"]
            restart: on-failure
            user: "${SPECTRUM_UID:-1000}:${SPECTRUM_GID:-1000}"
            # the host's network: the nodes' metrics on the bridge, the broker and the operator
            # daemons on the host's loopback; Prometheus itself listens on loopback only
            network_mode: host
            command:
              - --config.file=/etc/prometheus/prometheus.yml
              - --storage.tsdb.path=/prometheus
              - --storage.tsdb.retention.time=30d
              - --web.listen-address=127.0.0.1:%2$d
            volumes:
              - ./%3$s:/etc/prometheus:ro
              - ./%4$s:/prometheus

          grafana:
            image: %5$s
            profiles: ["monitoring"]
            restart: on-failure
            user: "${SPECTRUM_UID:-1000}:${SPECTRUM_GID:-1000}"
            network_mode: host
            depends_on:
              - prometheus
            environment:
              GF_SERVER_HTTP_ADDR: 127.0.0.1
              GF_SERVER_HTTP_PORT: "%6$d"
              GF_SECURITY_ADMIN_USER: admin
              GF_SECURITY_ADMIN_PASSWORD: ${GRAFANA_ADMIN_PASSWORD:?start.sh writes it to .env}
              GF_USERS_ALLOW_SIGN_UP: "false"
              GF_AUTH_ANONYMOUS_ENABLED: "false"
              GF_PATHS_PROVISIONING: /etc/grafana/provisioning
            # dashboards and the data source come from files; nothing else needs to persist
            tmpfs:
              - /var/lib/grafana
            volumes:
              - ./%7$s:/etc/grafana/provisioning:ro
              - ./%8$s:%9$s:ro

        networks:
          spectrum:
            name: %10$s
            ipam:
              config:
                - subnet: %11$s.0/24

        volumes:
          blockscout-db:
        """
            .formatted(
                Image.PROMETHEUS.reference(),
                PROMETHEUS_PORT,
                MonitoringFiles.PROMETHEUS_DIR,
                MonitoringFiles.PROMETHEUS_DATA_DIR,
                Image.GRAFANA.reference(),
                GRAFANA_PORT,
                MonitoringFiles.GRAFANA_PROVISIONING_DIR,
                MonitoringFiles.GRAFANA_DASHBOARDS_DIR,
                MonitoringFiles.GRAFANA_DASHBOARDS_MOUNT,
                project,
                subnetPrefix));
    return y.toString();
  }

  private static void port(StringBuilder y, String hostAddress, int hostPort, int containerPort) {
    y.append("      - \"")
        .append(hostAddress)
        .append(hostPort)
        .append(':')
        .append(containerPort)
        .append("\"\n");
  }

  private static NodeSpec only(List<NodeSpec> nodes, NodeRole role) {
    return nodes.stream()
        .filter(n -> n.role() == role)
        .findFirst()
        .orElseThrow(
            () -> new IllegalArgumentException("the network has no " + role.label() + " node"));
  }
}
