package org.spectrumledger.network.compose;

/** {@code start.sh} and {@code stop.sh} beside the Compose file. */
public final class Scripts {

  private Scripts() {}

  /**
   * Starts the network (and Blockscout unless {@code --no-explorer}) and waits for the RPC node.
   */
  public static String start(long chainId, int rpcPort) {
    return """
        #!/usr/bin/env bash
        # Starts SpectrumLedger chain %1$d on this Docker host: the Besu nodes, then Blockscout.
        #   ./start.sh                 everything
        #   ./start.sh --no-explorer   the Besu nodes only
        set -euo pipefail
        cd "$(dirname "${BASH_SOURCE[0]}")"

        profile=(--profile explorer)
        if [ "${1:-}" = "--no-explorer" ]; then profile=(); fi

        if ! command -v docker >/dev/null 2>&1; then
          echo "error: docker is not installed" >&2; exit 1
        fi
        if ! docker compose version >/dev/null 2>&1; then
          echo "error: Docker Compose v2 ('docker compose') is needed" >&2; exit 1
        fi

        # .env: who owns the node directories, and the explorer's secrets (made once, kept).
        touch .env && chmod 600 .env
        random_hex() { od -An -N"$1" -tx1 /dev/urandom | tr -d ' \\n'; }
        grep -q '^SPECTRUM_UID=' .env || echo "SPECTRUM_UID=$(id -u)" >> .env
        grep -q '^SPECTRUM_GID=' .env || echo "SPECTRUM_GID=$(id -g)" >> .env
        grep -q '^BLOCKSCOUT_DB_PASSWORD=' .env || echo "BLOCKSCOUT_DB_PASSWORD=$(random_hex 24)" >> .env
        grep -q '^BLOCKSCOUT_SECRET_KEY_BASE=' .env || echo "BLOCKSCOUT_SECRET_KEY_BASE=$(random_hex 64)" >> .env

        for dir in nodes/*/; do mkdir -p "${dir}data"; done

        docker compose "${profile[@]}" up -d

        echo "waiting for the RPC node at http://localhost:%2$d ..."
        for _ in $(seq 1 90); do
          if curl -fsS -X POST -H 'Content-Type: application/json' \\
              --data '{"jsonrpc":"2.0","method":"eth_blockNumber","params":[],"id":1}' \\
              http://localhost:%2$d 2>/dev/null | grep -q '"result"'; then
            echo "chain %1$d is up: JSON-RPC http://localhost:%2$d"
            [ ${#profile[@]} -gt 0 ] && echo "explorer: http://localhost:3000 (API http://localhost:4000)"
            exit 0
          fi
          sleep 2
        done
        echo "error: the RPC node did not answer within 180 s; see 'docker compose logs rpcnode'" >&2
        exit 1
        """
        .formatted(chainId, rpcPort);
  }

  /** Stops the network, keeping the chain data unless {@code --purge}. */
  public static String stop(long chainId) {
    return """
        #!/usr/bin/env bash
        # Stops SpectrumLedger chain %1$d. The chain data stays in nodes/*/data.
        #   ./stop.sh           stop every container, keep the data
        #   ./stop.sh --purge   also delete the chain data and the explorer's database
        set -euo pipefail
        cd "$(dirname "${BASH_SOURCE[0]}")"

        if [ "${1:-}" = "--purge" ]; then
          read -r -p "Delete the chain data of chain %1$d and the explorer's database? [yes/no] " answer
          if [ "$answer" != "yes" ]; then echo "nothing deleted"; exit 1; fi
          docker compose --profile explorer down --volumes
          rm -rf nodes/*/data
          echo "chain %1$d stopped; its data is deleted (the keys are kept)"
        else
          docker compose --profile explorer down
          echo "chain %1$d stopped; its data is kept in nodes/*/data"
        fi
        """
        .formatted(chainId);
  }
}
