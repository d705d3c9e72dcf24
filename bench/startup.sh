#!/usr/bin/env bash
# Reports hecnetjobs start-up times and idle daemon memory on this machine as medians beside targets; never pass/fail.
# Example: bench/startup.sh --runs 15 --idle 60 --rss-runs 3   (bench/README.md says what each figure means)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
me="bench/startup.sh"
runs=15
rss_runs=3
idle=60
variants=1

usage() {
  cat <<EOF
Usage: $me [--runs N] [--rss-runs N] [--idle SECONDS] [--no-variants]
  --runs N         timed runs per command, after 2 warm-up runs (default 15)
  --rss-runs N     daemons started one after another for each idle-memory figure (default 3)
  --idle SECONDS   how long each daemon idles before its VmRSS is read (default 60)
  --no-variants    measure only the shipped build (.build/hecnetjobs), not the linux-x64 JIT and ReadyToRun
                   publishes nor DOTNET_GCgen0size
Figures are medians, printed and written to bench/results/startup-DATE.txt; targets are shown, never enforced.
EOF
}

# shellcheck source=bench/counts.sh
source "$(dirname "${BASH_SOURCE[0]}")/counts.sh"
while [ $# -gt 0 ]; do
  case "$1" in
    --runs | --rss-runs | --idle) take_count "$1" "${2-}" 15; shift 2 ;;
    --no-variants) variants=0; shift ;;
    -h | --help) usage; exit 0 ;;
    *) echo "$me: unknown argument '$1'; see $me --help" >&2; exit 2 ;;
  esac
done

stamp="$(date +%Y-%m-%d-%H%M)"
results="$root/bench/results"
raw="$results/startup-$stamp"
report="$results/startup-$stamp.txt"
mkdir -p "$raw"
: >"$report"
work="$(mktemp -d /tmp/hecnetjobs-bench.XXXXXX)"
daemon_pid=""

cleanup() {
  if [ -n "$daemon_pid" ] && kill -0 "$daemon_pid" 2>/dev/null; then
    kill -TERM "$daemon_pid"
    wait "$daemon_pid" 2>/dev/null || true # its exit code no longer matters: the run is being abandoned
  fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

progress() { echo "$me: $*" >&2; }
say() { printf '%s\n' "$*" | tee -a "$report"; }

# --- tools -------------------------------------------------------------------------------------------------------

timer=loop
if ! command -v hyperfine >/dev/null && [ "$(id -u)" = 0 ]; then
  progress "installing hyperfine (Debian package) ..."
  { apt-get update -qq && apt-get install -y -qq hyperfine; } >"$raw/apt-hyperfine.log" 2>&1 ||
    progress "hyperfine could not be installed (see $raw/apt-hyperfine.log); timing with a bash loop instead"
fi
command -v hyperfine >/dev/null && timer="hyperfine $(hyperfine --version | awk '{print $2}')"
# GNU time reads the peak RSS of short commands; without it the memory ratio column stays empty.
gnu_time=""
[ -x /usr/bin/time ] && /usr/bin/time -f %M /bin/true >/dev/null 2>&1 && gnu_time=/usr/bin/time

# --- builds ------------------------------------------------------------------------------------------------------

progress "building the shipped CLI with scripts/hecnetjobs ..."
"$root/scripts/hecnetjobs" --version >/dev/null
shipped="$root/.build/hecnetjobs/hecnetjobs"

# The variants are published from a copy of src/ so that their RID-specific restore and obj/ never touch the
# checkout that others are building from at the same time.
jit_rid="" r2r="" r2r_note=""
publish_variant() { # name, extra publish arguments...
  local name=$1
  shift
  dotnet publish "$work/src-copy/src/HecnetJobs/HecnetJobs.csproj" -c Release -r linux-x64 --self-contained false \
    "$@" -o "$work/$name" --nologo >"$raw/build-$name.log" 2>&1
}
if [ "$variants" = 1 ]; then
  mkdir -p "$work/src-copy"
  copy=(src)
  for f in eng global.json Directory.Build.props Directory.Packages.props .editorconfig nuget.config NuGet.Config; do
    [ ! -e "$root/$f" ] || copy+=("$f")
  done
  tar -C "$root" --exclude=bin --exclude=obj -cf - "${copy[@]}" | tar -C "$work/src-copy" -xf -
  progress "publishing the linux-x64 JIT variant ..."
  if publish_variant jit-rid; then jit_rid="$work/jit-rid/hecnetjobs"; else
    progress "the linux-x64 JIT publish failed; see $raw/build-jit-rid.log"
  fi
  progress "publishing the linux-x64 ReadyToRun variant (may fetch the crossgen2 pack from NuGet) ..."
  if publish_variant r2r -p:PublishReadyToRun=true; then r2r="$work/r2r/hecnetjobs"; else
    r2r_note="ReadyToRun publish failed: $(grep -m1 -E 'error' "$raw/build-r2r.log" || tail -n1 "$raw/build-r2r.log")"
    progress "$r2r_note (log: $raw/build-r2r.log)"
  fi
fi

# --- measuring ---------------------------------------------------------------------------------------------------

write_config() { # folder
  mkdir -p "$1"
  # staleAfter is long so that a status snapshot stays OK however many --runs are asked for.
  cat >"$1/config.json" <<EOF
{ "dataDir": "data", "jobsFile": "$root/jobs.xml", "status": { "interval": "30s", "staleAfter": "1h" } }
EOF
}

median() { # numbers on stdin, one a line
  sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print "failed"; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# Prints the median wall time in ms of a command: measure LABEL [VAR=value ...] -- COMMAND ARGS...
measure() {
  local label=$1
  shift
  local -a envs=()
  while [ "$1" != -- ]; do envs+=("$1"); shift; done
  shift
  (
    [ ${#envs[@]} -eq 0 ] || export "${envs[@]}"
    if [ "$timer" != loop ]; then
      hyperfine -N --style basic --warmup 2 --runs "$runs" --command-name "$label" \
        --export-json "$raw/$label.json" --export-csv "$raw/$label.csv" -- "$(printf '%q ' "$@")" >"$raw/$label.log" 2>&1 ||
        { echo failed; exit 0; }
      awk -F, 'NR == 2 { printf "%.1f\n", $4 * 1000 }' "$raw/$label.csv"
    else
      for _ in 1 2; do "$@" >/dev/null 2>&1 || { echo failed; exit 0; }; done
      : >"$raw/$label.us"
      for ((i = 0; i < runs; i++)); do
        start=$(date +%s%N)
        "$@" >/dev/null 2>&1 || { echo failed; exit 0; }
        end=$(date +%s%N)
        echo $(((end - start) / 1000)) >>"$raw/$label.us"
      done
      median <"$raw/$label.us" | awk '{ printf "%.1f\n", $1 / 1000 }'
    fi
  )
}

# Prints the median peak RSS in MB of a short command, or "-" without GNU time.
peak_rss() {
  [ -n "$gnu_time" ] || { echo -; return; }
  for ((i = 0; i < 5; i++)); do "$gnu_time" -f %M "$@" 2>&1 >/dev/null | tail -n1; done |
    median | awk '{ printf "%.1f\n", $1 / 1024 }'
}

# Starts `hecnetjobs run` in FOLDER and waits for its "started as PID" line; sets daemon_pid.
start_daemon() { # folder binary [VAR=value ...]
  local folder=$1 binary=$2
  shift 2
  write_config "$folder"
  env "$@" "$binary" run --config "$folder/config.json" >/dev/null 2>"$folder/stderr" &
  daemon_pid=$!
  local deadline=$((SECONDS + 60))
  until grep -q "started as PID" "$folder/stderr"; do
    if ! kill -0 "$daemon_pid" 2>/dev/null || [ $SECONDS -ge $deadline ]; then
      progress "the daemon in $folder did not log 'started as PID' within 60 s; its stderr:"
      cat "$folder/stderr" >&2
      kill -TERM "$daemon_pid" 2>/dev/null && wait "$daemon_pid" 2>/dev/null # it failed either way: only stop it
      daemon_pid=""
      return 1
    fi
    sleep 0.1
  done
}

stop_daemon() { # sets daemon_exit
  kill -TERM "$daemon_pid"
  daemon_exit=0
  wait "$daemon_pid" || daemon_exit=$?
  daemon_pid=""
}

# Median VmRSS, VmHWM, RssAnon, RssFile and RssShmem (MB) of --rss-runs daemons, each idle for --idle s in a fresh data folder,
# started one after another so that they never share the machine.
idle_rss() { # label binary [VAR=value ...]; sets rss, hwm, anon, file and shmem [label]
  local label=$1 binary=$2
  shift 2
  local i samples=""
  for ((i = 1; i <= rss_runs; i++)); do
    progress "$label: daemon $i of $rss_runs idles ${idle}s ..."
    if ! start_daemon "$work/rss-$label-$i" "$binary" "$@"; then
      rss[$label]=failed hwm[$label]=failed anon[$label]=failed file[$label]=failed shmem[$label]=failed
      return
    fi
    sleep "$idle"
    samples+="$(grep -E '^(VmRSS|VmHWM|RssAnon|RssFile|RssShmem):' "/proc/$daemon_pid/status" | tr '\n' ' ')"$'\n'
    stop_daemon
    cp "$work/rss-$label-$i/stderr" "$raw/rss-$label-$i.stderr"
    [ "$daemon_exit" = 0 ] || progress "$label: daemon $i exited $daemon_exit on SIGTERM (see $raw/rss-$label-$i.stderr)"
  done
  printf '%s' "$samples" >"$raw/rss-$label.txt"
  mb() { # field
    printf '%s' "$samples" | awk -v f="$1:" '{ for (i = 1; i < NF; i++) if ($i == f) print $(i + 1) }' | median |
      awk '{ printf "%.1f\n", $1 / 1024 }'
  }
  rss[$label]=$(mb VmRSS) hwm[$label]=$(mb VmHWM) anon[$label]=$(mb RssAnon) file[$label]=$(mb RssFile) shmem[$label]=$(mb RssShmem)
}

# A status file written by a real daemon while it ran: snapshot it, stop the daemon, put the snapshot back.
progress "producing a status file with a real daemon ..."
status_dir="$work/status"
start_daemon "$status_dir" "$shipped"
deadline=$((SECONDS + 60))
until [ -f "$status_dir/data/status.json" ] && grep -q '"result"' "$status_dir/data/status.json" &&
  "$shipped" status --config "$status_dir/config.json" >/dev/null 2>&1; do
  [ $SECONDS -lt $deadline ] || break
  sleep 0.2
done
cp "$status_dir/data/status.json" "$work/status-snapshot.json"
stop_daemon
cp "$work/status-snapshot.json" "$status_dir/data/status.json"
cp "$work/status-snapshot.json" "$raw/status-snapshot.json"
status_exit=0
"$shipped" status --config "$status_dir/config.json" >"$raw/status-output.txt" 2>&1 || status_exit=$?

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
declare -A t # t[figure/build] = median ms
builds=(shipped)
declare -A bin=([shipped]="$shipped")
[ -n "$jit_rid" ] && builds+=(jit-rid) && bin[jit-rid]="$jit_rid"
[ -n "$r2r" ] && builds+=(r2r) && bin[r2r]="$r2r"

progress "timing /bin/true ..."
t[true]=$(measure true -- /bin/true)
for b in "${builds[@]}"; do
  progress "timing $b: --version, status, trigger housekeeping ($runs runs each) ..."
  t[version/$b]=$(measure "version-$b" -- "${bin[$b]}" --version)
  t[status/$b]=$(measure "status-$b" -- "${bin[$b]}" status --config "$status_dir/config.json")
  write_config "$work/trigger-$b"
  t[trigger/$b]=$(measure "trigger-$b" -- "${bin[$b]}" trigger housekeeping --config "$work/trigger-$b/config.json")
done
version_rss=$(peak_rss "$shipped" --version)
load_after_timing=$(cut -d' ' -f1-3 /proc/loadavg)

declare -A rss hwm anon file shmem
idle_rss shipped "$shipped"
if [ "$variants" = 1 ]; then
  idle_rss shipped-gen0 "$shipped" DOTNET_GCgen0size=0x200000
  if [ -n "$r2r" ]; then
    idle_rss r2r "$r2r"
    idle_rss r2r-gen0 "$r2r" DOTNET_GCgen0size=0x200000
  fi
fi

# --- report ------------------------------------------------------------------------------------------------------

ratio() { # value base
  awk -v v="$1" -v b="$2" 'BEGIN { if (v + 0 > 0 && b + 0 > 0) printf "%.2f", v / b; else printf "-" }'
}
row() { printf '%-44s %10s %7s   %s\n' "$@" | tee -a "$report"; }
cell() { # value unit
  case "$1" in "" | - | failed) printf '%s' "${1:--}" ;; *) printf '%s %s' "$1" "$2" ;; esac
}

base=${t[version/shipped]}
runtime=$(dotnet --list-runtimes 2>/dev/null | awk '/Microsoft.NETCore.App/ { v = $2 } END { print v }')
say "hecnetjobs start-up and idle memory - $(date '+%Y-%m-%d %H:%M %Z') - medians, reports not pass/fail"
say "machine: $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo), $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), Linux $(uname -r); .NET runtime ${runtime:-?}"
say "source: $(git -C "$root" describe --always --dirty 2>/dev/null || echo '?'); timer: $timer, 2 warm-up + $runs runs; load average before/after timing: $load_before / $load_after_timing"
say "build: .build/hecnetjobs from scripts/hecnetjobs (framework-dependent, portable, JIT)"
say ""
row "figure" "median" "x B" "target"
row "A  /bin/true" "$(cell "${t[true]}" ms)" "$(ratio "${t[true]}" "$base")" ""
row "B  hecnetjobs --version" "$(cell "$base" ms)" "1.00" "(runtime start; peak RSS $(cell "$version_rss" MB))"
row "1  hecnetjobs status" "$(cell "${t[status/shipped]}" ms)" "$(ratio "${t[status/shipped]}" "$base")" "< 100 ms"
row "2  hecnetjobs trigger housekeeping (one-shot)" "$(cell "${t[trigger/shipped]}" ms)" "$(ratio "${t[trigger/shipped]}" "$base")" "< 300 ms"
row "3  hecnetjobs run: VmRSS after ${idle} s idle" "$(cell "${rss[shipped]}" MB)" "$(ratio "${rss[shipped]}" "$version_rss")" "< 45 MB"
say ""
say "status timed against a snapshot of status.json written by a running daemon; status exits $status_exit ($(head -n1 "$raw/status-output.txt"))"
say "idle RSS: median of $rss_runs daemons run one after another, each in a fresh data folder, stopped with SIGTERM;"
say "  of it ${anon[shipped]} MB anonymous (GC heap, native heaps), ${file[shipped]} MB file-backed (mapped DLLs and"
say "  libraries, shareable) and ${shmem[shipped]} MB shared memory (the runtime's W^X double-mapped code and loader heaps); peak VmHWM ${hwm[shipped]} MB;"
say "  its x B is over B's peak RSS"

if [ "$variants" = 1 ]; then
  say ""
  say "variants, same run (linux-x64 builds: dotnet publish -c Release -r linux-x64 --self-contained false [-p:PublishReadyToRun=true])"
  [ -z "$r2r_note" ] || say "$r2r_note"
  vrow() { printf '%-44s %14s %14s %14s\n' "$@" | tee -a "$report"; }
  col() { # figure build unit
    if [ -n "${bin[$2]:-}" ]; then cell "${t[$1/$2]}" "$3"; else printf 'not built'; fi
  }
  vrow "figure" "shipped (JIT)" "linux-x64 JIT" "linux-x64 R2R"
  vrow "B  --version" "$(col version shipped ms)" "$(col version jit-rid ms)" "$(col version r2r ms)"
  vrow "1  status" "$(col status shipped ms)" "$(col status jit-rid ms)" "$(col status r2r ms)"
  vrow "2  trigger housekeeping (one-shot)" "$(col trigger shipped ms)" "$(col trigger jit-rid ms)" "$(col trigger r2r ms)"
  r2r_rss() { if [ -n "$r2r" ]; then cell "${rss[$1]}" MB; else printf 'not built'; fi; }
  vrow "3  idle VmRSS" "$(cell "${rss[shipped]}" MB)" "" "$(r2r_rss r2r)"
  vrow "3  idle VmRSS, DOTNET_GCgen0size=0x200000" "$(cell "${rss[shipped-gen0]}" MB)" "" "$(r2r_rss r2r-gen0)"
  split() { if [ -n "${rss[$1]:-}" ]; then printf '%s / %s / %s' "${anon[$1]}" "${file[$1]}" "${shmem[$1]}"; else printf -- -; fi; }
  vrow "   of it anon / file / shmem MB" "$(split shipped)" "" "$(split r2r)"
  vrow "   the same with gen0size" "$(split shipped-gen0)" "" "$(split r2r-gen0)"
fi
say ""
say "raw hyperfine JSON, daemon logs and build logs: bench/results/startup-$stamp/"
progress "written to bench/results/startup-$stamp.txt"
