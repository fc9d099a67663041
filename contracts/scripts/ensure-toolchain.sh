#!/bin/sh
# Installs the contracts' npm toolchain (solc-js, OpenZeppelin, anvil, forge) exactly as pinned in
# package-lock.json, unless node_modules already matches it. Run by the Maven build.
set -eu
cd "$(dirname "$0")/.."

fail() {
  echo "ERROR: $1" >&2
  echo "The contracts build needs Node.js 18+ and npm on PATH (Debian: apt-get install nodejs npm)." >&2
  exit 1
}
command -v node >/dev/null 2>&1 || fail "node was not found on PATH."
command -v npm >/dev/null 2>&1 || fail "npm was not found on PATH."
major=$(node -p 'process.versions.node.split(".")[0]')
[ "$major" -ge 18 ] || fail "node $(node --version) is too old."

stamp=node_modules/.spectrumledger-lock.sha256
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
  echo "node_modules matches package-lock.json"
  exit 0
fi
# --ignore-scripts: the binaries come in the platform packages; the install scripts would only
# try to download them again.
npm ci --ignore-scripts --no-audit --no-fund
echo "$want" > "$stamp"
