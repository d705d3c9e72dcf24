#!/usr/bin/env bash
# The README's demo command: builds HecnetJobs, starts the PyDECnet simulator and `hecnetjobs run` against it with a
# config and data folder under demo/, and runs in the foreground until Ctrl-C (SIGINT) or SIGTERM, then stops both
# and exits 0. In a second terminal try: scripts/hecnetjobs status --config demo/config.json, scripts/simctl state.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
demo="$root/demo"
sim="$demo/sim"
mkdir -p "$demo/data" "$sim"

# Build first, so the build's output does not mix with the daemon's.
"$root/scripts/hecnetjobs" --version >/dev/null

cat > "$sim/node.conf" <<CONF
# Demo node for the PyDECnet simulator: SAMPLE (9.54), adjacent to MIM (1.13).
routing 9.54 --type l2router
node 9.54 SAMPLE
node 1.13 MIM
node @$sim/nodenames.dat
circuit dmc-0 DDCMP --mode tcp --cost 3
api $sim/api.sock
http --http-port 18002
logging console
CONF
printf '1.2 ERNIE\n' > "$sim/nodenames.dat"
# The name-refresh job's offline source: PyDECnet's own HECnet list, read through a file:// URL.
cp "$root/tests/fixtures/pydecnet-samples/nodenames.dat" "$sim/hecnod.txt"
# The real PyDECnet takes about 10 s to stop; the demo keeps Ctrl-C quick.
[ -f "$sim/control.json" ] || printf '{"termDelaySeconds": 1}\n' > "$sim/control.json"
# A crash leaves the socket file behind, as the real router does; the demo starts clean.
rm -f "$sim/api.sock"

cat > "$demo/config.json" <<CONF
{
  "dataDir": "data",
  "jobsFile": "$root/jobs.xml",
  "status": { "interval": "10s", "staleAfter": "2m" },
  "pydecnet": {
    "command": "$root/tools/pydecnet-sim/pydecnet",
    "arguments": ["-L", "$sim/node.log", "$sim/node.conf"],
    "workingDirectory": "$sim",
    "apiSocket": "$sim/api.sock",
    "httpPort": 18002
  },
  "watchdog": { "hangAfter": "30s", "stopGrace": "5s" },
  "linkProbe": {
    "targets": ["MIM"],
    "ncpCommand": "$root/tools/pydecnet-sim/ncp",
    "circuit": "DMC-0",
    "timeout": "5s"
  },
  "alerts": { "nodeName": "SAMPLE" },
  "nameRefresh": { "url": "file://$sim/hecnod.txt" },
  "web": { "enabled": true, "listen": "127.0.0.1:8270" }
}
CONF

"$root/scripts/hecnetjobs" check --config "$demo/config.json"

# The watchdog starts the simulator (in its own session, as it would start PyDECnet) and restarts it after a crash.
"$root/scripts/hecnetjobs" run --config "$demo/config.json" &
daemon_pid=$!

stop() {
  trap - INT TERM
  echo
  echo "stopping HecnetJobs and the simulator ..."
  kill -TERM "$daemon_pid" 2>/dev/null || true
  wait "$daemon_pid" 2>/dev/null || true
  # PyDECnet outlives HecnetJobs by design; the demo stops it too.
  PYDECNET_SIM_DIR="$sim" "$root/scripts/simctl" stop >/dev/null 2>&1 || true
  echo "stopped"
  exit 0
}
trap stop INT TERM

cat <<TEXT

HecnetJobs demo is running (Ctrl-C stops it).
  status page: http://127.0.0.1:8270/ (live; also /status.json and /metrics)
  status file: $demo/data/status.json
  log file:    $demo/data/logs/hecnetjobs.log
  alerts:      $demo/data/mail/*.eml (no SMTP server configured, so alerts become mail files)
  simulator:   $sim (its log: $sim/node.log)
In a second terminal:
  scripts/hecnetjobs status --config demo/config.json
  scripts/hecnetjobs trigger housekeeping --wait --config demo/config.json
  scripts/hecnetjobs trigger name-refresh --wait --config demo/config.json   (new names from $sim/hecnod.txt, simulator restarted)
  scripts/simctl crash        (the watchdog restarts it within a second)
  scripts/simctl hang         (not answering, then hung after 30 s: stopped and restarted)
  scripts/simctl unreachable MIM   (link-probe: "link MIM down" after 2 checks, 2 min apart; reachable MIM ends it)
  scripts/hecnetjobs trigger link-probe --wait --config demo/config.json   (a check now, without waiting 2 min)
  scripts/simctl state        (resume, refuse-start api-bind, ...)
  scripts/hecnetjobs pause watchdog --for 10m --reason test --config demo/config.json
  scripts/hecnetjobs alert test --config demo/config.json

TEXT

# If the daemon ends on its own, stop the simulator too and report it.
set +e
wait "$daemon_pid"
rc=$?
set -e
echo "HecnetJobs ended on its own (exit code $rc); stopping the simulator" >&2
PYDECNET_SIM_DIR="$sim" "$root/scripts/simctl" stop >/dev/null 2>&1 || true
exit "$rc"
