#!/usr/bin/env bash
# Reports what the status page costs: the daemon's idle memory with the page off, on, and open in a browser's live
# feed, its CPU while a page is open, and request times beside a 404 as the floor; medians, never pass/fail.
# Example: bench/web.sh --quick   (bench/README.md says what each figure means)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
me="bench/web.sh"
runs=30
rss_runs=3
idle=30

usage() {
  cat <<EOF
Usage: $me [--runs N] [--rss-runs N] [--idle SECONDS] [--quick]
  --runs N          requests per request-time figure, after 3 warm-up requests (default 30)
  --rss-runs N      daemons started one after another for each memory figure (default 3)
  --idle SECONDS    how long each daemon idles before its memory and CPU are read (default 30)
  --quick           a smoke run: 10 requests, 1 daemon per figure, 10 s idle
Figures are medians, printed and written to bench/results/web-DATE.txt; nothing is enforced.
EOF
}

# shellcheck source=bench/counts.sh
source "$(dirname "${BASH_SOURCE[0]}")/counts.sh"
while [ $# -gt 0 ]; do
  case "$1" in
    --runs | --rss-runs | --idle) take_count "$1" "${2-}" 10; shift 2 ;;
    --quick) runs=10; rss_runs=1; idle=10; shift ;;
    -h | --help) usage; exit 0 ;;
    *) echo "$me: unknown argument '$1'; see $me --help" >&2; exit 2 ;;
  esac
done

"$root/scripts/hecnetjobs" --version >/dev/null
mkdir -p "$root/bench/results"
report="$root/bench/results/web-$(date +%Y-%m-%d-%H%M).txt"
python3 "$root/bench/web_bench.py" --root "$root" --runs "$runs" --rss-runs "$rss_runs" --idle "$idle" | tee "$report"
echo "written to ${report#"$root"/}" >&2
