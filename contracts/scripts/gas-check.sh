#!/bin/sh
# Compares the gas of every unit test with .gas-snapshot, failing on a change of more than 1 %.
# Fuzz and invariant tests are left out: their gas is an average over random inputs.
# Regenerate after an intended change with the same command without --check --tolerance 1.
set -eu
cd "$(dirname "$0")/.."
exec node scripts/forge.mjs snapshot --check --tolerance 1 --no-match-test 'testFuzz_|invariant_'
