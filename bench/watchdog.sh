#!/usr/bin/env bash
# Reports how fast the watchdog brings PyDECnet back (simulator: kill -9, SIGSTOP; daemon, poll-only and cron modes) and
# what the daemon costs while it watches; medians and maxima beside targets, never pass/fail.
# Example: bench/watchdog.sh --quick   (bench/README.md says what each figure means)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
me="bench/watchdog.sh"
runs=20
watch_minutes=10
cron_every=10
poll_every=10
items="1,2,3,4,5"

usage() {
  cat <<EOF
Usage: $me [--runs N] [--watch-minutes M] [--cron-every K] [--poll-every P] [--items LIST] [--quick]
  --runs N           disruptions per figure (kill -9 or SIGSTOP), and simulator starts for the floor (default 20)
  --watch-minutes M  how long the daemon's CPU and RSS are watched while PyDECnet is healthy (default 10)
  --cron-every K     seconds between 'hecnetjobs trigger watchdog' runs of the loop that stands in for cron (default 10)
  --poll-every P     the watchdog's schedule in seconds for the poll-only figure, reactToExit=false (default 10)
  --items LIST       which figures, comma-separated from 1,2,3,4,5 (default all; the floor is always measured)
  --quick            a smoke run: 5 runs and 1 minute of watching
Figures are medians and maxima, printed and written to bench/results/watchdog-DATE.txt; targets are shown, never enforced.
EOF
}

whole_number() {
  [[ "$2" =~ ^[1-9][0-9]*$ ]] || { echo "$me: $1: '$2' is not a whole number above zero (e.g. $1 10)" >&2; exit 2; }
}

while [ $# -gt 0 ]; do
  case "$1" in
    --runs | --watch-minutes | --cron-every | --poll-every)
      [ $# -ge 2 ] || { echo "$me: $1 needs a value (e.g. $1 10)" >&2; exit 2; }
      whole_number "$1" "$2"
      case "$1" in
        --runs) runs=$2 ;; --watch-minutes) watch_minutes=$2 ;; --cron-every) cron_every=$2 ;; --poll-every) poll_every=$2 ;;
      esac
      shift 2 ;;
    --items)
      [ $# -ge 2 ] || { echo "$me: --items needs a value (e.g. --items 1,4)" >&2; exit 2; }
      [[ "$2" =~ ^[1-5](,[1-5])*$ ]] || { echo "$me: --items: '$2' is not a comma-separated list of 1 to 5 (e.g. --items 1,4)" >&2; exit 2; }
      items=$2
      shift 2 ;;
    --quick) runs=5; watch_minutes=1; shift ;;
    -h | --help) usage; exit 0 ;;
    *) echo "$me: unknown argument '$1'; see $me --help" >&2; exit 2 ;;
  esac
done

stamp="$(date +%Y-%m-%d-%H%M)"
results="$root/bench/results"
raw="$results/watchdog-$stamp"
report="$results/watchdog-$stamp.txt"
mkdir -p "$raw"
work="$(mktemp -d /tmp/hecnetjobs-wdbench.XXXXXX)"
driver_pid=""

# Kills only what this run started: the driver, then any daemon or simulator whose command line names our folder.
cleanup() {
  if [ -n "$driver_pid" ] && kill -0 "$driver_pid" 2>/dev/null; then
    kill -TERM "$driver_pid"
    wait "$driver_pid" 2>/dev/null || true # it is being abandoned: its exit code no longer matters
  fi
  local file pid
  for file in "$work"/*/daemon.pid "$work"/*/sim/sim.pid; do
    [ -f "$file" ] || continue
    pid=$(cat "$file")
    [[ "$pid" =~ ^[0-9]+$ ]] || continue
    # The process may be gone by now: then the redirection fails, quietly, and nothing is killed.
    if { tr '\0' ' ' <"/proc/$pid/cmdline"; } 2>/dev/null | grep -qF "$work/"; then
      kill -KILL "$pid" 2>/dev/null || true # it may have exited since the check
    fi
  done
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

echo "$me: building the CLI with scripts/hecnetjobs ..." >&2
"$root/scripts/hecnetjobs" --version >/dev/null
bin="$root/.build/hecnetjobs/hecnetjobs"

runtime=$(dotnet --list-runtimes 2>/dev/null | awk '/Microsoft.NETCore.App/ { v = $2 } END { print v }')
header="hecnetjobs watchdog recovery and cost - $(date '+%Y-%m-%d %H:%M %Z') - medians and maxima, reports not pass/fail
machine: $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo), $(nproc) cores, Linux $(uname -r); .NET runtime ${runtime:-?}; $(python3 --version)
source: $(git -C "$root" describe --always --dirty 2>/dev/null || echo '?'); $runs runs per figure; simulator termDelaySeconds 0.2; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"

python3 "$root/bench/watchdog_bench.py" --root "$root" --bin "$bin" --work "$work" --raw "$raw" --report "$report" \
  --header "$header" --runs "$runs" --watch-minutes "$watch_minutes" --cron-every "$cron_every" --poll-every "$poll_every" \
  --items "$items" &
driver_pid=$!
wait "$driver_pid"
driver_pid=""
echo "" >&2
echo "$me: written to bench/results/watchdog-$stamp.txt (raw data: bench/results/watchdog-$stamp/)" >&2
