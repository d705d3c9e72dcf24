#!/usr/bin/env bash
# Native AOT beside the other linux-x64 builds: trim/AOT warning inventory, size, start-up times and idle daemon memory.
# Example: bench/aot.sh --runs 10 --idle 60 --rss-runs 1   (bench/README.md says what each figure means)
# Builds, from a copy of src/ (so the checkout's obj/ is never touched), four self-contained linux-x64 variants:
#   aot       PublishAot=true (needs clang and zlib1g-dev; installed from Debian when run as root)
#   r2r       single file, ReadyToRun: what scripts/publish.sh ships
#   jit       single file without ReadyToRun: HECNETJOBS_READY_TO_RUN=false scripts/publish.sh
#   trimmed   single file, ReadyToRun and PublishTrimmed=true
# and times each command for all four in one hyperfine run. The idle daemons run on a config like scripts/demo.sh's,
# with the PyDECnet simulator; the RSS figures are the daemon's own, not the simulator's. Figures are medians; reports, never pass/fail.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
me="bench/aot.sh"
runs=10
rss_runs=1
idle=60

usage() {
  cat <<EOF
Usage: $me [--runs N] [--rss-runs N] [--idle SECONDS]
  --runs N         timed runs per command and build, after 2 warm-up runs (default 10)
  --rss-runs N     daemons started one after another per build for the idle-memory figure (default 1)
  --idle SECONDS   how long each daemon idles before /proc/PID/status is read (default 60)
Written to bench/results/aot-DATE.txt, raw hyperfine JSON and build logs beside it.
EOF
}

# shellcheck source=bench/counts.sh
source "$(dirname "${BASH_SOURCE[0]}")/counts.sh"
while [ $# -gt 0 ]; do
  case "$1" in
    --runs | --rss-runs | --idle) take_count "$1" "${2-}" 10; shift 2 ;;
    -h | --help) usage; exit 0 ;;
    *) echo "$me: unknown argument '$1'; see $me --help" >&2; exit 2 ;;
  esac
done

[ "$(uname -s)/$(uname -m)" = Linux/x86_64 ] || { echo "$me: measures linux-x64 builds, so runs on Linux x86_64 only" >&2; exit 2; }

stamp="$(date +%Y-%m-%d-%H%M)"
results="$root/bench/results"
raw="$results/aot-$stamp"
report="$results/aot-$stamp.txt"
mkdir -p "$raw"
: >"$report"
work="$(mktemp -d /tmp/hecnetjobs-aot.XXXXXX)"
daemon_pid=""
daemon_folder=""

cleanup() {
  if [ -n "$daemon_pid" ] && kill -0 "$daemon_pid" 2>/dev/null; then
    kill -TERM "$daemon_pid"
    wait "$daemon_pid" 2>/dev/null || true # the run is being abandoned: its exit code no longer matters
  fi
  [ -z "$daemon_folder" ] || stop_simulator "$daemon_folder"
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

progress() { echo "$me: $*" >&2; }
say() { printf '%s\n' "$*" | tee -a "$report"; }

# --- tools -------------------------------------------------------------------------------------------------------

missing=()
command -v hyperfine >/dev/null || missing+=(hyperfine)
command -v clang >/dev/null || missing+=(clang)
[ -e /usr/include/zlib.h ] || missing+=(zlib1g-dev)
if [ ${#missing[@]} -gt 0 ]; then
  [ "$(id -u)" = 0 ] || { echo "$me: needs ${missing[*]} (apt-get install ${missing[*]})" >&2; exit 2; }
  progress "installing ${missing[*]} (Debian packages) ..."
  { apt-get update -qq && apt-get install -y -qq "${missing[@]}"; } >"$raw/apt.log" 2>&1 ||
    { echo "$me: could not install ${missing[*]}; see $raw/apt.log" >&2; exit 1; }
fi

# --- builds ------------------------------------------------------------------------------------------------------

mkdir -p "$work/src-copy"
copy=(src jobs.xml)
for f in eng global.json Directory.Build.props Directory.Packages.props .editorconfig nuget.config NuGet.Config; do
  [ ! -e "$root/$f" ] || copy+=("$f")
done
tar -C "$root" --exclude=bin --exclude=obj -cf - "${copy[@]}" | tar -C "$work/src-copy" -xf -

# Warnings stay warnings here (TreatWarningsAsErrors=false) and are reported one by one (TrimmerSingleWarn=false), so
# that the inventory below is complete; scripts/publish.sh --aot keeps them errors.
builds=(aot r2r jit trimmed)
declare -A flags=(
  [aot]="-p:PublishAot=true"
  [r2r]="-p:PublishSingleFile=true -p:PublishReadyToRun=true"
  [jit]="-p:PublishSingleFile=true -p:PublishReadyToRun=false"
  [trimmed]="-p:PublishSingleFile=true -p:PublishReadyToRun=true -p:PublishTrimmed=true"
)
declare -A bin built_in
for b in "${builds[@]}"; do
  progress "publishing $b (${flags[$b]}) ..."
  start=$SECONDS
  # shellcheck disable=SC2086 # flags are words on purpose
  if dotnet publish "$work/src-copy/src/HecnetJobs/HecnetJobs.csproj" -c Release -r linux-x64 --self-contained true \
      ${flags[$b]} -p:DebugType=none -p:GenerateDocumentationFile=false -p:TreatWarningsAsErrors=false \
      -p:TrimmerSingleWarn=false --nologo -v n -o "$work/$b" >"$raw/build-$b.log" 2>&1; then
    bin[$b]="$work/$b/hecnetjobs"
    built_in[$b]=$((SECONDS - start))
  else
    progress "$b did not build; see $raw/build-$b.log"
  fi
done
[ -n "${bin[aot]:-}" ] || { echo "$me: the Native AOT build failed; see $raw/build-aot.log" >&2; exit 1; }

# --- measuring ---------------------------------------------------------------------------------------------------

# A config like scripts/demo.sh's: PyDECnet is the simulator (tools/pydecnet-sim), started by the daemon's watchdog.
write_config() { # folder
  local sim="$1/sim" port
  mkdir -p "$sim"
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  cat >"$sim/node.conf" <<EOF
routing 9.54 --type l2router
node 9.54 SAMPLE
node 1.13 MIM
circuit dmc-0 DDCMP --mode tcp --cost 3
api $sim/api.sock
http --http-port $port
logging console
EOF
  printf '{"termDelaySeconds": 1}\n' >"$sim/control.json"
  cat >"$1/config.json" <<EOF
{
  "dataDir": "data",
  "jobsFile": "$root/jobs.xml",
  "status": { "interval": "30s", "staleAfter": "1h" },
  "pydecnet": {
    "command": "$root/tools/pydecnet-sim/pydecnet",
    "arguments": ["-L", "$sim/node.log", "$sim/node.conf"],
    "workingDirectory": "$sim",
    "apiSocket": "$sim/api.sock",
    "httpPort": $port
  },
  "linkProbe": { "targets": ["MIM"], "ncpCommand": "$root/tools/pydecnet-sim/ncp", "circuit": "DMC-0", "timeout": "5s" },
  "alerts": { "nodeName": "SAMPLE" }
}
EOF
}
stop_simulator() { # folder
  PYDECNET_SIM_DIR="$1/sim" "$root/scripts/simctl" stop >/dev/null 2>&1 || true # not started is fine too
}

# Which commands work in each build: exit code and first line of output.
declare -A works
for b in "${builds[@]}"; do
  [ -n "${bin[$b]:-}" ] || continue
  write_config "$work/smoke-$b"
  c="$work/smoke-$b/config.json"
  for cmd in "--version" "check --config $c" "trigger housekeeping --wait --config $c" "status --config $c" "report --config $c"; do
    code=0
    # shellcheck disable=SC2086 # cmd is words on purpose
    out=$("${bin[$b]}" $cmd 2>&1) || code=$?
    works[$b/${cmd%% --config*}]="exit $code: $(printf '%s\n' "$out" | head -n1 | cut -c1-90)"
  done
done

# Medians (ms) of one figure for every build, from a single hyperfine run: time_all FIGURE ARGS... (%s = config folder)
declare -A t
time_all() {
  local figure=$1
  shift
  local -a cmds=() names=()
  for b in "${builds[@]}"; do
    [ -n "${bin[$b]:-}" ] || continue
    write_config "$work/$figure-$b"
    local -a args=()
    for a in "$@"; do args+=("${a//%s/$work/$figure-$b}"); done
    [ "$figure" != status ] || "${bin[$b]}" trigger housekeeping --config "$work/$figure-$b/config.json" >/dev/null
    cmds+=("$(printf '%q ' "${bin[$b]}" "${args[@]}")")
    names+=(--command-name "$b")
  done
  hyperfine -N --style basic --warmup 2 --runs "$runs" "${names[@]}" --export-json "$raw/$figure.json" \
    -- "${cmds[@]}" >"$raw/$figure.log" 2>&1 || { progress "hyperfine failed for $figure; see $raw/$figure.log"; return; }
  while read -r name median; do t[$figure/$name]=$median; done < <(
    python3 -c 'import json,sys
for r in json.load(open(sys.argv[1]))["results"]: print(r["command"], "%.1f" % (r["median"] * 1000))' "$raw/$figure.json")
}

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
progress "timing --version, status and trigger housekeeping ($runs runs per build) ..."
time_all version --version
time_all status status --file "%s/data/status.json"
time_all trigger trigger housekeeping --config "%s/config.json"
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

median() { sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print "-"; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

declare -A rss anon file
for b in "${builds[@]}"; do
  [ -n "${bin[$b]:-}" ] || continue
  samples=""
  for ((i = 1; i <= rss_runs; i++)); do
    folder="$work/rss-$b-$i"
    write_config "$folder"
    progress "$b: daemon $i of $rss_runs idles ${idle}s ..."
    : >"$folder/stderr"
    "${bin[$b]}" run --config "$folder/config.json" >/dev/null 2>"$folder/stderr" &
    daemon_pid=$! daemon_folder=$folder
    deadline=$((SECONDS + 60))
    until grep -q "started as PID" "$folder/stderr"; do
      if ! kill -0 "$daemon_pid" 2>/dev/null || [ $SECONDS -ge $deadline ]; then
        progress "$b: the daemon did not log 'started as PID' within 60 s; see $raw/rss-$b-$i.stderr"
        break
      fi
      sleep 0.1
    done
    if kill -0 "$daemon_pid" 2>/dev/null && grep -q "started as PID" "$folder/stderr"; then
      sleep "$idle"
      samples+="$(grep -E '^(VmRSS|RssAnon|RssFile):' "/proc/$daemon_pid/status" | tr '\n' ' ')"$'\n'
    fi
    kill -TERM "$daemon_pid" 2>/dev/null || true # it may have ended already, which the stderr copy shows
    code=0
    wait "$daemon_pid" || code=$?
    daemon_pid=""
    stop_simulator "$folder"
    echo "exit code on SIGTERM: $code" >>"$folder/stderr"
    cp "$folder/stderr" "$raw/rss-$b-$i.stderr"
  done
  mb() { printf '%s' "$samples" | awk -v f="$1:" '{ for (i = 1; i < NF; i++) if ($i == f) print $(i + 1) }' | median | awk '{ if ($1 == "-") print "-"; else printf "%.1f\n", $1 / 1024 }'; }
  rss[$b]=$(mb VmRSS) anon[$b]=$(mb RssAnon) file[$b]=$(mb RssFile)
done

# --- report ------------------------------------------------------------------------------------------------------

row() { printf '%-34s %12s %12s %12s %12s\n' "$@" | tee -a "$report"; }
cell() { local v=${1:-}; case "$v" in "" | -) printf -- - ;; *) printf '%s %s' "$v" "$2" ;; esac; }
ratio() { awk -v v="$1" -v b="$2" 'BEGIN { if (v + 0 > 0 && b + 0 > 0) printf "%.2f", v / b; else printf "-" }'; }
size() { if [ -n "${bin[$1]:-}" ]; then du -b "$work/$1" | awk '{ printf "%.1f MiB", $1 / 1048576 }'; else printf 'not built'; fi; }
line() { # label figure unit
  row "$1" "$(cell "${t[$2/aot]:-}" "$3")" "$(cell "${t[$2/r2r]:-}" "$3")" "$(cell "${t[$2/jit]:-}" "$3")" "$(cell "${t[$2/trimmed]:-}" "$3")"
}

runtime=$(dotnet --list-runtimes 2>/dev/null | awk '/Microsoft.NETCore.App/ { v = $2 } END { print v }')
say "hecnetjobs Native AOT beside ReadyToRun, JIT and trimmed builds - $(date '+%Y-%m-%d %H:%M %Z') - medians, not pass/fail"
say "machine: $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo), $(nproc) cores, Linux $(uname -r); .NET ${runtime:-?}; $(clang --version | head -n1)"
say "source: $(git -C "$root" describe --always --dirty 2>/dev/null || echo '?'); hyperfine, 2 warm-up + $runs runs per build, all builds in one run per figure"
say "load average before/after timing: $load_before / $load_after"
say ""
row "figure" "aot" "r2r" "jit" "trimmed"
row "publish time" "$(cell "${built_in[aot]:-}" s)" "$(cell "${built_in[r2r]:-}" s)" "$(cell "${built_in[jit]:-}" s)" "$(cell "${built_in[trimmed]:-}" s)"
row "size of the folder" "$(size aot)" "$(size r2r)" "$(size jit)" "$(size trimmed)"
line "--version" version ms
line "status --file" status ms
line "trigger housekeeping (one-shot)" trigger ms
row "idle daemon VmRSS after ${idle}s" "$(cell "${rss[aot]:-}" MB)" "$(cell "${rss[r2r]:-}" MB)" "$(cell "${rss[jit]:-}" MB)" "$(cell "${rss[trimmed]:-}" MB)"
row "  of it RssAnon" "$(cell "${anon[aot]:-}" MB)" "$(cell "${anon[r2r]:-}" MB)" "$(cell "${anon[jit]:-}" MB)" "$(cell "${anon[trimmed]:-}" MB)"
row "  of it RssFile" "$(cell "${file[aot]:-}" MB)" "$(cell "${file[r2r]:-}" MB)" "$(cell "${file[jit]:-}" MB)" "$(cell "${file[trimmed]:-}" MB)"
say ""
say "ratios r2r / aot: --version $(ratio "${t[version/r2r]:-}" "${t[version/aot]:-}"), status $(ratio "${t[status/r2r]:-}" "${t[status/aot]:-}"), trigger $(ratio "${t[trigger/r2r]:-}" "${t[trigger/aot]:-}"), idle VmRSS $(ratio "${rss[r2r]:-}" "${rss[aot]:-}")"
say "ratios jit / aot: --version $(ratio "${t[version/jit]:-}" "${t[version/aot]:-}"), status $(ratio "${t[status/jit]:-}" "${t[status/aot]:-}"), trigger $(ratio "${t[trigger/jit]:-}" "${t[trigger/aot]:-}"), idle VmRSS $(ratio "${rss[jit]:-}" "${rss[aot]:-}")"
say ""
say "commands run once per build (exit code: first line of output):"
for b in "${builds[@]}"; do
  [ -n "${bin[$b]:-}" ] || continue
  for cmd in "--version" "check" "trigger housekeeping --wait" "status" "report"; do say "  $b $cmd -> ${works[$b/$cmd]}"; done
done
say ""
say "trim and AOT warnings (IL2xxx, IL3xxx), distinct, per build:"
for b in aot trimmed; do
  [ -f "$raw/build-$b.log" ] || continue
  { grep -oE 'warning IL[0-9]+: .*' "$raw/build-$b.log" || true; } | sed 's/ \[[^]]*\]$//' | sort -u >"$raw/warnings-$b.txt"
  n=$(wc -l <"$raw/warnings-$b.txt")
  say "  $b: $n distinct"
  [ "$n" = 0 ] || grep -oE 'IL[0-9]+' "$raw/warnings-$b.txt" | sort | uniq -c | sort -rn | sed 's/^/    /' | tee -a "$report"
done
say ""
say "raw hyperfine JSON, daemon stderr, build logs and warnings: bench/results/aot-$stamp/"
progress "written to bench/results/aot-$stamp.txt"
