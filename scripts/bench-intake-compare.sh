#!/usr/bin/env bash
# Order intake, an older commit against this tree, on this machine in one run.
#
#   scripts/bench-intake-compare.sh [--runs N] [--old REV] [-- intake bench options]
#
# Builds REV (default a9fe51e, the main before the typed broker core) in a temporary git worktree
# with its own Maven build, builds this tree, then runs `spectrum bench intake` from each in turn
# (old, new, old, new, ...) so both see the same load on the machine. Prints every run's orders per
# second and p99, the medians, and the ratio new / old. The logs stay in the printed directory.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=scripts/jdk.sh
. "$ROOT/scripts/jdk.sh"
spectrum_find_jdk

RUNS=3
OLD=a9fe51e
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) RUNS="${2:?--runs needs a number}"; shift 2 ;;
    --old) OLD="${2:?--old needs a commit}"; shift 2 ;;
    --) shift; break ;;
    -h|--help) sed -n '2,9p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "error: unknown option '$1' (try --help)" >&2; exit 2 ;;
  esac
done
case "$RUNS" in
  ''|*[!0-9]*|0) echo "error: --runs takes a positive whole number, got '$RUNS'" >&2; exit 2 ;;
esac
if ! command -v mvn >/dev/null 2>&1; then
  echo "error: Maven (mvn) is not on PATH; install Maven 3.8.7 or newer." >&2
  exit 1
fi
OLD_SHA="$(git -C "$ROOT" rev-parse --verify --quiet "$OLD^{commit}")" \
  || { echo "error: '$OLD' is not a commit in $ROOT" >&2; exit 2; }

WORK="$(mktemp -d "${TMPDIR:-/tmp}/intake-compare.XXXXXX")"
OLD_TREE="$WORK/old"
cleanup() {
  git -C "$ROOT" worktree remove --force "$OLD_TREE" >/dev/null 2>&1 || true
  rm -rf "$OLD_TREE"
}
trap cleanup EXIT
echo "logs in $WORK"

build() { # name dir
  echo "building $1 ($(git -C "$2" rev-parse --short HEAD)$( [ -n "$(git -C "$2" status --porcelain)" ] && echo ', with uncommitted changes')) ..."
  if ! (cd "$2" && mvn -B -q -DskipTests -Dforge.skip package) >"$WORK/build-$1.log" 2>&1; then
    tail -n 30 "$WORK/build-$1.log" >&2
    echo "error: the build of $1 failed; the full log is $WORK/build-$1.log" >&2
    exit 1
  fi
}

git -C "$ROOT" worktree add --detach "$OLD_TREE" "$OLD_SHA" >"$WORK/worktree.log" 2>&1 \
  || { cat "$WORK/worktree.log" >&2; echo "error: cannot check out $OLD into $OLD_TREE" >&2; exit 1; }
build old "$OLD_TREE"
build new "$ROOT"

run() { # name dir i -> "orders/s p99 cpu-µs-per-order"
  local log="$WORK/run-$3-$1.log"
  if ! "$JAVA" -Dspectrum.home="$2" -jar "$2/cli/target/spectrum.jar" bench intake "${@:4}" \
    >"$log" 2>&1; then
    tail -n 20 "$log" >&2
    echo "error: the $1 intake bench failed; the full log is $log" >&2
    exit 1
  fi
  local ops p99 cpu
  ops="$(sed -n 's/^intake orders per second: \([0-9][0-9]*\)$/\1/p' "$log" | tail -n 1)"
  p99="$(sed -n 's/^intake p99 ms: \([0-9.][0-9.]*\)$/\1/p' "$log" | tail -n 1)"
  cpu="$(sed -n 's/^CPU per order: broker \([0-9][0-9]*\) .*/\1/p' "$log" | tail -n 1)"
  if [ -z "$ops" ] || [ -z "$p99" ]; then
    echo "error: no figures at the end of $log" >&2
    exit 1
  fi
  echo "$ops $p99 ${cpu:--}"
}

median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

OLD_OPS=() OLD_P99=() OLD_CPU=() NEW_OPS=() NEW_P99=() NEW_CPU=()
echo "load average before the runs: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)"
printf '%-4s  %-4s  %10s  %8s  %22s\n' run tree "orders/s" "p99 ms" "broker CPU µs/order"
for i in $(seq 1 "$RUNS"); do
  read -r ops p99 cpu < <(run old "$OLD_TREE" "$i" "$@")
  OLD_OPS+=("$ops") OLD_P99+=("$p99") OLD_CPU+=("$cpu")
  printf '%-4s  %-4s  %10s  %8s  %22s\n' "$i" old "$ops" "$p99" "$cpu"
  read -r ops p99 cpu < <(run new "$ROOT" "$i" "$@")
  NEW_OPS+=("$ops") NEW_P99+=("$p99") NEW_CPU+=("$cpu")
  printf '%-4s  %-4s  %10s  %8s  %22s\n' "$i" new "$ops" "$p99" "$cpu"
done
echo "load average after the runs: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)"

old_ops="$(printf '%s\n' "${OLD_OPS[@]}" | median)"
new_ops="$(printf '%s\n' "${NEW_OPS[@]}" | median)"
old_p99="$(printf '%s\n' "${OLD_P99[@]}" | median)"
new_p99="$(printf '%s\n' "${NEW_P99[@]}" | median)"
echo
echo "median of $RUNS runs, old $(git -C "$ROOT" rev-parse --short "$OLD_SHA") vs new $(git -C "$ROOT" rev-parse --short HEAD):"
printf '  orders/s  old %s  new %s  ratio new/old %s\n' "$old_ops" "$new_ops" \
  "$(awk -v a="$new_ops" -v b="$old_ops" 'BEGIN { printf "%.2f", a / b }')"
printf '  p99 ms    old %s  new %s\n' "$old_p99" "$new_p99"
if [ "${OLD_CPU[0]}" != - ] && [ "${NEW_CPU[0]}" != - ]; then
  old_cpu="$(printf '%s\n' "${OLD_CPU[@]}" | median)"
  new_cpu="$(printf '%s\n' "${NEW_CPU[@]}" | median)"
  printf '  broker CPU µs per order  old %s  new %s  ratio old/new %s\n' "$old_cpu" "$new_cpu" \
    "$(awk -v a="$old_cpu" -v b="$new_cpu" 'BEGIN { printf "%.2f", a / b }')"
fi
