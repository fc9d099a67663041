#!/bin/sh
# Installs the interoperability suite's npm dependencies (ethers) exactly as pinned in
# package-lock.json, unless node_modules already matches it.
set -eu
cd "$(dirname "$0")/.."
command -v npm >/dev/null 2>&1 || { echo "ERROR: npm was not found on PATH (Debian: apt-get install nodejs npm)." >&2; exit 1; }
stamp=node_modules/.spectrumledger-lock.sha256
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
  exit 0
fi
npm ci --ignore-scripts --no-audit --no-fund
echo "$want" > "$stamp"
