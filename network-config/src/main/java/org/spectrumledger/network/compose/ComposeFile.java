package org.spectrumledger.network.compose;

import java.util.List;
import org.spectrumledger.network.node.BesuNodeConfig;
import org.spectrumledger.network.node.NodeRole;
import org.spectrumledger.network.node.NodeSpec;

/**
 * The {@code docker-compose.yml} that runs the whole network on one Docker host, in the
 * quorum-dev-quickstart layout: every Besu node on a fixed address of a private bridge network (the
 * addresses in the enode URLs and allowlists), the RPC node published on 8545/8546, the validators'
 * and members' JSON-RPC on loopback only, and Blockscout (Besu variant) with its database and
 * verifier under the {@code explorer} profile.
 */
public final class ComposeFile {

  /** The Besu image; overridable with {@code BESU_VERSION} in {@code .env}. */
  public static final String BESU_IMAGE = "hyperledger/besu:${BESU_VERSION:-25.6.0}";

  public static final String BLOCKSCOUT_IMAGE =
      "ghcr.io/blockscout/blockscout:${BLOCKSCOUT_VERSION:-9.0.2}";
  public static final String BLOCKSCOUT_FRONTEND_IMAGE =
      "ghcr.io/blockscout/frontend:${BLOCKSCOUT_FRONTEND_VERSION:-v2.3.5}";
  public static final String VERIFIER_IMAGE =
      "ghcr.io/blockscout/smart-contract-verifier:${SC_VERIFIER_VERSION:-latest}";
  public static final String POSTGRES_IMAGE = "postgres:${POSTGRES_VERSION:-17-alpine}";

  /** The explorer's API port on the host (Blockscout's backend). */
  public static final int EXPLORER_API_PORT = 4000;

  public static final int EXPLORER_UI_PORT = 3000;

  private ComposeFile() {}

  /**
   * The Compose file.
   *
   * @param chainId the chain id (names the project and the bridge network)
   * @param subnetPrefix the first three octets of the bridge network, e.g. {@code 172.16.240}
   * @param nodes every Besu node, validators first
   */
  public static String render(long chainId, String subnetPrefix, List<NodeSpec> nodes) {
    NodeSpec rpc =
        nodes.stream()
            .filter(n -> n.role() == NodeRole.RPC)
            .findFirst()
            .orElseThrow(() -> new IllegalArgumentException("the network has no RPC node"));
    String project = "spectrum-" + chainId;
    StringBuilder y = new StringBuilder();
    y.append("# SpectrumLedger chain ")
        .append(chainId)
        .append(": QBFT validators, an RPC node, member nodes and Blockscout on one Docker host.\n")
        .append("# Written by `spectrum network generate`. Start with ./start.sh, stop with")
        .append(" ./stop.sh.\n")
        .append("# Versions and secrets come from .env (start.sh creates it).\n")
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
            .formatted(BESU_IMAGE, BesuNodeConfig.CONFIG_FILE));
    for (NodeSpec n : nodes) {
      y.append("  ").append(n.name()).append(":\n");
      y.append("    <<: *besu\n");
      y.append("    volumes:\n");
      y.append("      - ./nodes/").append(n.name()).append(":/opt/besu/node\n");
      y.append("    ports:\n");
      if (n.role() == NodeRole.RPC) {
        y.append("      - \"")
            .append(n.rpcHostPort())
            .append(':')
            .append(BesuNodeConfig.RPC_HTTP_PORT)
            .append("\"\n");
        y.append("      - \"")
            .append(n.rpcHostPort() + 1)
            .append(':')
            .append(BesuNodeConfig.RPC_WS_PORT)
            .append("\"\n");
      } else {
        y.append("      - \"127.0.0.1:")
            .append(n.rpcHostPort())
            .append(':')
            .append(BesuNodeConfig.RPC_HTTP_PORT)
            .append("\"\n");
      }
      y.append("    networks:\n");
      y.append("      spectrum:\n");
      y.append("        ipv4_address: ").append(n.enode().host()).append("\n\n");
    }
    String rpcHttp = "http://" + rpc.enode().host() + ":" + BesuNodeConfig.RPC_HTTP_PORT + "/";
    String rpcWs = "ws://" + rpc.enode().host() + ":" + BesuNodeConfig.RPC_WS_PORT + "/";
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
            command: sh -c "bin/blockscout eval \\"Elixir.Explorer.ReleaseTasks.create_and_migrate()\\" && bin/blockscout start"
            environment:
              ETHEREUM_JSONRPC_VARIANT: besu
              ETHEREUM_JSONRPC_HTTP_URL: %6$s
              ETHEREUM_JSONRPC_TRACE_URL: %6$s
              ETHEREUM_JSONRPC_WS_URL: %7$s
              DATABASE_URL: postgresql://blockscout:${BLOCKSCOUT_DB_PASSWORD}@blockscout-db:5432/blockscout
              ECTO_USE_SSL: "false"
              SECRET_KEY_BASE: ${BLOCKSCOUT_SECRET_KEY_BASE:?start.sh writes it to .env}
              CHAIN_ID: "%8$d"
              COIN: ETH
              COIN_NAME: Ether
              PORT: "4000"
              DISABLE_EXCHANGE_RATES: "true"
              MICROSERVICE_SC_VERIFIER_ENABLED: "true"
              MICROSERVICE_SC_VERIFIER_TYPE: sc_verifier
              MICROSERVICE_SC_VERIFIER_URL: http://blockscout-verifier:8050/
              API_V2_ENABLED: "true"
            ports:
              - "%9$d:4000"
            networks:
              spectrum:
                ipv4_address: %2$s.202

          blockscout-frontend:
            image: %10$s
            profiles: ["explorer"]
            restart: on-failure
            depends_on:
              - blockscout
            environment:
              NEXT_PUBLIC_API_HOST: ${EXPLORER_HOST:-localhost}
              NEXT_PUBLIC_API_PORT: "%9$d"
              NEXT_PUBLIC_API_PROTOCOL: http
              NEXT_PUBLIC_API_WEBSOCKET_PROTOCOL: ws
              NEXT_PUBLIC_APP_HOST: ${EXPLORER_HOST:-localhost}
              NEXT_PUBLIC_APP_PORT: "%11$d"
              NEXT_PUBLIC_APP_PROTOCOL: http
              NEXT_PUBLIC_NETWORK_ID: "%8$d"
              NEXT_PUBLIC_NETWORK_NAME: SpectrumLedger %8$d
              NEXT_PUBLIC_NETWORK_RPC_URL: http://${EXPLORER_HOST:-localhost}:%12$d
              NEXT_PUBLIC_NETWORK_CURRENCY_NAME: Ether
              NEXT_PUBLIC_NETWORK_CURRENCY_SYMBOL: ETH
              NEXT_PUBLIC_NETWORK_CURRENCY_DECIMALS: "18"
              NEXT_PUBLIC_IS_TESTNET: "true"
            ports:
              - "%11$d:3000"
            networks:
              spectrum:
                ipv4_address: %2$s.203

        networks:
          spectrum:
            name: %13$s
            ipam:
              config:
                - subnet: %2$s.0/24

        volumes:
          blockscout-db:
        """
            .formatted(
                POSTGRES_IMAGE,
                subnetPrefix,
                VERIFIER_IMAGE,
                BLOCKSCOUT_IMAGE,
                rpc.name(),
                rpcHttp,
                rpcWs,
                chainId,
                EXPLORER_API_PORT,
                BLOCKSCOUT_FRONTEND_IMAGE,
                EXPLORER_UI_PORT,
                rpc.rpcHostPort(),
                project));
    return y.toString();
  }
}
