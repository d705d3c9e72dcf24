#!/usr/bin/env bash
# Reports the cost of one link probe (`ncp show node MIM` against the PyDECnet simulator, through the same NcpRunner the
# job uses) beside the floors of starting any process and starting Python, and the ncp parser alone over the largest
# capture (maxnodes64-*) and a generated 1,023-node `show known nodes`. Medians; never pass/fail.
# Example: bench/linkprobe.sh --runs 20   (bench/README.md says what each figure means)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
me="bench/linkprobe.sh"
runs=20

while [ $# -gt 0 ]; do
  case "$1" in
    --runs)
      [ $# -ge 2 ] || { echo "$me: --runs needs a value (e.g. --runs 20)" >&2; exit 2; }
      [[ "$2" =~ ^[1-9][0-9]*$ ]] || { echo "$me: --runs: '$2' is not a whole number above zero (e.g. --runs 20)" >&2; exit 2; }
      runs=$2; shift 2 ;;
    -h | --help) echo "Usage: $me [--runs N]   (default 20 timed runs per figure, after 2 warm-up runs)"; exit 0 ;;
    *) echo "$me: unknown argument '$1'; see $me --help" >&2; exit 2 ;;
  esac
done

stamp="$(date +%Y-%m-%d-%H%M)"
results="$root/bench/results"
report="$results/linkprobe-$stamp.txt"
mkdir -p "$results"
work="$(mktemp -d /tmp/hecnetjobs-linkprobe.XXXXXX)"
sim_pid=""

cleanup() {
  if [ -n "$sim_pid" ] && kill -0 "$sim_pid" 2>/dev/null; then
    kill -KILL "$sim_pid"
    wait "$sim_pid" 2>/dev/null || true # killed on purpose: its exit code says nothing
  fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

echo "== build (Release)"
dotnet build "$root/bench/linkprobe" -c Release --nologo -v quiet -warnaserror >"$work/build.log" 2>&1 || { cat "$work/build.log" >&2; exit 1; }

cat >"$work/node.conf" <<CONF
routing 9.54 --type l2router
node 1.13 MIM
node 9.54 SAMPLE
node 1.2 ERNIE
circuit dmc-0 DDCMP --mode tcp --cost 3
api $work/api.sock
CONF
"$root/tools/pydecnet-sim/pydecnet" -L "$work/node.log" "$work/node.conf" &
sim_pid=$!
for _ in $(seq 1 100); do
  DECNETAPI="$work/api.sock" "$root/tools/pydecnet-sim/ncp" show executor >/dev/null 2>&1 && break
  sleep 0.1
done
DECNETAPI="$work/api.sock" "$root/tools/pydecnet-sim/ncp" show executor >/dev/null 2>&1 || { echo "$me: the simulator did not answer; its log:" >&2; cat "$work/node.log" >&2; exit 1; }

{
  echo "bench/linkprobe.sh $(date -Iseconds) on $(uname -n): $(nproc) CPUs, load before: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "git $(git -C "$root" rev-parse --short HEAD)$(git -C "$root" diff --quiet || echo ' (with local changes)'), $(dotnet --version), $(python3 --version)"
  "$root/bench/linkprobe/bin/Release/net10.0/LinkProbeBench" --runs "$runs" --ncp "$root/tools/pydecnet-sim/ncp" \
    --socket "$work/api.sock" --samples "$root/tests/fixtures/pydecnet-samples"
  echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$report"
echo "written to ${report#"$root"/}"
