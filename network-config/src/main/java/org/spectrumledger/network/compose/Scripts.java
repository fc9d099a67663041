package org.spectrumledger.network.compose;

import org.spectrumledger.network.monitoring.MonitoringFiles;

/**
 * {@code start.sh} and {@code stop.sh} beside the Compose file. Neither puts a secret on a command
 * line: the random secrets are made by {@code od} reading {@code /dev/urandom} and appended to
 * {@code .env} by the shell itself, and Compose passes them to the containers as environment
 * variables.
 */
public final class Scripts {

  private Scripts() {}

  /**
   * Starts the network (and Blockscout unless {@code --no-explorer}, and monitoring with {@code
   * --monitoring}) and waits for the RPC node.
   */
  public static String start(long chainId, int rpcPort) {
    return """
        #!/usr/bin/env bash
        # Starts SpectrumLedger chain %1$d on this Docker host: the Besu nodes, then Blockscout.
        #   ./start.sh                 the nodes and the explorer
        #   ./start.sh --no-explorer   the Besu nodes only
        #   ./start.sh --monitoring    also Prometheus (127.0.0.1:%3$d) and Grafana (127.0.0.1:%4$d)
        set -euo pipefail
        umask 077
        cd "$(dirname "${BASH_SOURCE[0]}")"

        profiles=(--profile explorer)
        for arg in "$@"; do
          case "$arg" in
            --no-explorer) profiles=() ;;
            --monitoring) monitoring=1 ;;
            *) echo "error: unknown option $arg (--no-explorer, --monitoring)" >&2; exit 2 ;;
          esac
        done
        if [ "${monitoring:-0}" = 1 ]; then profiles+=(--profile monitoring); fi

        if ! command -v docker >/dev/null 2>&1; then
          echo "error: docker is not installed" >&2; exit 1
        fi
        if ! docker compose version >/dev/null 2>&1; then
          echo "error: Docker Compose v2 ('docker compose') is needed" >&2; exit 1
        fi

        # .env: the image versions and the explorer's token (written by generate), then who owns
        # the node directories and the services' secrets (made here once, kept).
        touch .env && chmod 600 .env
        random_hex() { od -An -N"$1" -tx1 /dev/urandom | tr -d ' \\n'; }
        grep -q '^SPECTRUM_UID=' .env || echo "SPECTRUM_UID=$(id -u)" >> .env
        grep -q '^SPECTRUM_GID=' .env || echo "SPECTRUM_GID=$(id -g)" >> .env
        grep -q '^BLOCKSCOUT_DB_PASSWORD=' .env || echo "BLOCKSCOUT_DB_PASSWORD=$(random_hex 24)" >> .env
        grep -q '^BLOCKSCOUT_SECRET_KEY_BASE=' .env || echo "BLOCKSCOUT_SECRET_KEY_BASE=$(random_hex 64)" >> .env
        grep -q '^GRAFANA_ADMIN_PASSWORD=' .env || echo "GRAFANA_ADMIN_PASSWORD=$(random_hex 16)" >> .env

        # chain data and Prometheus' database: owner-only, like the node directories
        for dir in nodes/*/; do mkdir -p -m 700 "${dir}data"; done
        mkdir -p -m 700 %5$s

        docker compose "${profiles[@]}" up -d

        echo "waiting for the RPC node at http://localhost:%2$d ..."
        for _ in $(seq 1 90); do
          if curl -fsS -X POST -H 'Content-Type: application/json' \\
              --data '{"jsonrpc":"2.0","method":"eth_blockNumber","params":[],"id":1}' \\
              http://localhost:%2$d 2>/dev/null | grep -q '"result"'; then
            echo "chain %1$d is up: JSON-RPC http://localhost:%2$d"
            case " ${profiles[*]} " in *" explorer "*)
              echo "explorer: http://localhost:3000 (API http://localhost:4000)" ;; esac
            case " ${profiles[*]} " in *" monitoring "*)
              echo "grafana: http://127.0.0.1:%4$d (user admin, password GRAFANA_ADMIN_PASSWORD in .env)" ;; esac
            exit 0
          fi
          sleep 2
        done
        echo "error: the RPC node did not answer within 180 s; see 'docker compose logs rpcnode'" >&2
        exit 1
        """
        .formatted(
            chainId,
            rpcPort,
            ComposeFile.PROMETHEUS_PORT,
            ComposeFile.GRAFANA_PORT,
            MonitoringFiles.PROMETHEUS_DATA_DIR);
  }

  /** Stops the network, keeping the chain data unless {@code --purge}. */
  public static String stop(long chainId) {
    return """
        #!/usr/bin/env bash
        # Stops SpectrumLedger chain %1$d. The chain data stays in nodes/*/data.
        #   ./stop.sh           stop every container, keep the data
        #   ./stop.sh --purge   also delete the chain data, the explorer's and Prometheus' databases
        set -euo pipefail
        cd "$(dirname "${BASH_SOURCE[0]}")"
        profiles=(--profile explorer --profile monitoring)

        if [ "${1:-}" = "--purge" ]; then
          read -r -p "Delete the chain data of chain %1$d and the explorer's database? [yes/no] " answer
          if [ "$answer" != "yes" ]; then echo "nothing deleted"; exit 1; fi
          docker compose "${profiles[@]}" down --volumes
          rm -rf nodes/*/data %2$s
          echo "chain %1$d stopped; its data is deleted (the keys are kept)"
        else
          docker compose "${profiles[@]}" down
          echo "chain %1$d stopped; its data is kept in nodes/*/data"
        fi
        """
        .formatted(chainId, MonitoringFiles.PROMETHEUS_DATA_DIR);
  }
}
