#!/usr/bin/env bash
# The newcomer's steps of scripts/e2e-install.sh, run as root inside the booted Debian 12 machine, where the checkout
# is /root/hecnetjobs and the build /root/hecnetjobs-build (both read-only). Two phases, with a reboot between them:
#   newcomer.sh install RESULTS       the simulator as the installed PyDECnet, install.sh, the edits, start, kill -9
#   newcomer.sh after-reboot RESULTS  up after the boot, stop, start (adoption), upgrade, frozen HecnetJobs, uninstall
# Each step appends "PASS|FAIL<TAB>seconds<TAB>what" to RESULTS; the first failure prints the machine's state and
# ends the phase with exit code 1.
set -euo pipefail
[ $# -eq 2 ] || { echo "usage: newcomer.sh install|after-reboot RESULTS" >&2; exit 2; }
phase="$1" results="$2"
hj=/opt/hecnetjobs/hecnetjobs
checkout=/root/hecnetjobs
build=/root/hecnetjobs-build
phase_started=$EPOCHREALTIME
t=$EPOCHREALTIME

elapsed() { awk -v a="$1" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }'; }
# Records a passed step; the words of the arguments make its line.
pass() { printf 'PASS\t%s\t%s\n' "$(elapsed "$t")" "$*" >>"$results"; echo "-- PASS ($(elapsed "$t") s): $*"; }
# A failed step ends the phase, with what the machine looked like.
flunk() {
  printf 'FAIL\t%s\t%s\n' "$(elapsed "$t")" "$1" >>"$results"
  echo "-- FAIL ($(elapsed "$t") s): $1"
  echo "---- hecnetjobs status"; "$hj" status 2>&1 || true
  echo "---- systemctl status hecnetjobs"; systemctl --no-pager status hecnetjobs 2>&1 || true
  echo "---- journalctl -u hecnetjobs (last 60 lines)"; journalctl --no-pager -u hecnetjobs -n 60 2>&1 || true
  echo "---- /var/log/pydecnet/pydecnet.log (last 20 lines)"; tail -n 20 /var/log/pydecnet/pydecnet.log 2>&1 || true
  exit 1
}
step() { echo "== $1"; t=$EPOCHREALTIME; }
# Runs a step's command; a non-zero exit code fails the step.
must() {
  local what="$1" code=0
  shift
  "$@" || code=$?
  [ "$code" = 0 ] || flunk "$what exited with $code"
}
# Polls a command twice a second until it succeeds or the deadline (seconds) passes.
wait_for() {
  local deadline="$1"
  shift
  local until=$(( ${EPOCHREALTIME%.*} + deadline ))
  until "$@" >/dev/null 2>&1; do
    [ "${EPOCHREALTIME%.*}" -lt "$until" ] || return 1
    sleep 0.5
  done
}
# One field of `hecnetjobs status --json` by its dotted path (docs/status-file.md), e.g. pydecnet.pid.
status_field() {
  # status exits 1-3 when the state is not OK; the document is printed all the same.
  { "$hj" status --json || true; } | python3 -c '
import json, sys
value = json.load(sys.stdin)
for key in sys.argv[1].split("."):
    value = value[key]
print(json.dumps(value) if isinstance(value, (list, dict)) else value)' "$1"
}
main_pid() { systemctl show --property MainPID --value hecnetjobs; }
systemd_restarts() { systemctl show --property NRestarts --value hecnetjobs; }
status_code() { local code=0; "$hj" status >/dev/null 2>&1 || code=$?; echo "$code"; }
# PyDECnet runs, and not as the given PID.
running_again() { [ "$(status_field pydecnet.state)" = running ] && [ "$(status_field pydecnet.pid)" != "$1" ]; }
# name-refresh has written the new list (keeping the old one as .bak) and no restart for it is still to come.
names_in_force() {
  [ "$(status_field names.lastRefresh)" != None ] && [ "$(status_field names.pendingRestart)" = None ] \
    && [ "$(status_field pydecnet.state)" = running ] && [ -e /etc/pydecnet/nodenames.dat.bak ]
}
# status says WARNING, and its first problem is a restart of PyDECnet for this reason: a restart within
# watchdog.restartWindow (30 min) is a WARNING, whatever its reason (docs/watchdog.md).
warns_of_restart() {
  [ "$(status_code)" = 1 ] && grep -q "PyDECnet restarted at [^\"]* ($1" <<<"$(status_field problems)"
}
first_problem() { status_field problems | python3 -c 'import json, sys; print(json.load(sys.stdin)[0])'; }
# The daemon systemd runs now has written the status, and its watchdog has looked at PyDECnet since it started.
watched_again() {
  [ "$(status_field daemon.pid)" = "$(main_pid)" ] \
    && [ "$(status_field daemon.mode)" = daemon ] && [ "$(status_field pydecnet.state)" = running ] \
    && [[ "$(status_field pydecnet.checkedAt)" > "$(status_field daemon.startedAt)" ]]
}
# PyDECnet is still the given PID and no restart was counted since: fails the step otherwise.
adopted() {
  [ "$(status_field pydecnet.pid)" = "$1" ] || flunk "PyDECnet is PID $(status_field pydecnet.pid), not the adopted $1"
  [ "$(status_field pydecnet.restarts24h)" = "$2" ] \
    || flunk "PyDECnet was restarted ($(status_field pydecnet.restarts24h) restarts in 24 h, was $2)"
}
# systemd has started the unit again since it ran the given main PID after the given number of restarts.
restarted_by_systemd() {
  [ "$(systemd_restarts)" -gt "$2" ] && [ "$(systemctl is-active hecnetjobs)" = active ] \
    && [ "$(main_pid)" != "$1" ]
}
# The first .eml whose subject says PyDECnet was restarted after a crash; fails while there is none.
crash_mail() {
  local files
  files="$(grep -l -s '^Subject: .*PyDECnet restarted (crash)' /var/lib/hecnetjobs/mail/*.eml || true)"
  [ -n "$files" ] && echo "${files%%$'\n'*}"
}

install_phase() {
  step "1. the PyDECnet that is already installed: the simulator in /opt/pydecnet-sim, config /etc/pydecnet/node.conf"
  cp -a "$checkout/tools/pydecnet-sim" /opt/pydecnet-sim
  mkdir -p /etc/pydecnet /var/log/pydecnet
  cat >/etc/pydecnet/node.conf <<'CONF'
routing 9.54 --type l2router
node 9.54 SAMPLE
node 1.13 MIM
node @nodenames.dat
circuit dmc-0 DDCMP --mode tcp --cost 3
api /run/pydecnet/api.sock
logging console
CONF
  # An old names file, for name-refresh to bring up to date; and the HECnet list it downloads, as a file, because
  # this machine has no network (PyDECnet's own copy of the list, 1229 names).
  printf '1.13 MIM\n1.2 ERNIE\n' >/etc/pydecnet/nodenames.dat
  cp "$checkout/tests/fixtures/pydecnet-samples/nodenames.dat" /opt/pydecnet-sim/hecnod.txt
  pass "PyDECnet simulator in place (python3 $(python3 -c 'import platform; print(platform.python_version())'))"

  step "2. scripts/install.sh (docs/install.md, In short)"
  cd "$checkout"
  must "scripts/install.sh" \
    scripts/install.sh --from "$build" --pydecnet /opt/pydecnet-sim/pydecnet --ncp /opt/pydecnet-sim/ncp
  systemctl is-enabled hecnetjobs >/dev/null || flunk "the unit is not enabled after install.sh"
  [ "$(stat -c %U /run/pydecnet)" = hecnetjobs ] || flunk "/run/pydecnet does not belong to hecnetjobs"
  pass "install.sh: program, account, config, unit enabled, /run/pydecnet made"

  step "3. the newcomer's edits (docs/install.md): PyDECnet's folders to the account, the node name"
  # docs/install.md, "Which account runs it": the log folder and the names file's folder belong to the account.
  chown -R hecnetjobs: /var/log/pydecnet
  chown hecnetjobs: /etc/pydecnet
  # The newcomer's edit: the node name, on the template's commented-out line. The other two are this machine's: no
  # network (the node list comes from a file), and the build machine's load average, which a busy build machine can
  # push past the default limit (status WARNING "load: ...").
  sed -i 's#^    // "nodeName": "SAMPLE",$#    "nodeName": "SAMPLE",#' /etc/hecnetjobs/config.json
  grep -q '^    "nodeName": "SAMPLE",$' /etc/hecnetjobs/config.json \
    || flunk "no '// \"nodeName\"' line in the template to edit"
  sed -i 's#^  "alerts": {$#  "nameRefresh": { "url": "file:///opt/pydecnet-sim/hecnod.txt" },\n  "vitals": { "loadWarnPerCpu": 100 },\n&#' \
    /etc/hecnetjobs/config.json
  must "hecnetjobs check" "$hj" check --config /etc/hecnetjobs/config.json
  pass "config edited (alerts.nodeName; for this machine nameRefresh.url, vitals.loadWarnPerCpu), check OK"

  step "4. systemctl start hecnetjobs, then hecnetjobs status until OK"
  must "systemctl start hecnetjobs" systemctl start hecnetjobs
  pass "systemctl start returned (Type=notify: READY=1 seen)"
  wait_for 120 "$hj" status || flunk "hecnetjobs status not OK within 120 s of the start"
  pass "status OK; PyDECnet started by the watchdog as PID $(status_field pydecnet.pid)"
  # name-refresh runs a minute after the first start and restarts PyDECnet for the new names; wait for that, so
  # that the kill below meets a PyDECnet that nothing else is about to restart.
  wait_for 150 names_in_force || flunk "name-refresh did not write the names and restart PyDECnet within 150 s"
  local pid
  pid="$(status_field pydecnet.pid)"
  [ "$(ps -o user= -p "$pid")" = hecnetjobs ] || flunk "PyDECnet PID $pid does not run as hecnetjobs"
  warns_of_restart "requested: new node names" || flunk "status does not warn of the restart for the new names"
  pass "name-refresh wrote nodenames.dat (+$(status_field names.added) names), PyDECnet restarted for them as" \
    "PID $pid; status WARNING for that"
  "$hj" status || true

  step "5. kill -9 PyDECnet; the watchdog restarts it and writes an .eml alert"
  kill -9 "$pid"
  wait_for 60 running_again "$pid" || flunk "no PyDECnet running again within 60 s of kill -9"
  pass "PyDECnet running again as PID $(status_field pydecnet.pid) ($(status_field pydecnet.lastRestartReason))"
  wait_for 60 crash_mail || flunk "no .eml 'PyDECnet restarted (crash)' in /var/lib/hecnetjobs/mail within 60 s"
  pass "$(crash_mail): $(grep -h -m 1 '^Subject:' "$(crash_mail)")"
  warns_of_restart "crash" || flunk "status does not warn of the restart after the crash"
  pass "status WARNING: $(first_problem)"
  status_field pydecnet.pid >/root/e2e-pydecnet.pid
}

after_reboot_phase() {
  local before pid code
  before="$(cat /root/e2e-pydecnet.pid)"
  step "6. after the reboot: the service came up by itself and started PyDECnet again"
  systemctl is-active hecnetjobs >/dev/null || flunk "hecnetjobs is not active after the reboot"
  [ "$(stat -c %U /run/pydecnet)" = hecnetjobs ] || flunk "the boot did not make /run/pydecnet for hecnetjobs (tmpfiles rule)"
  wait_for 120 watched_again || flunk "the watchdog did not see PyDECnet running within 120 s of the boot"
  pid="$(status_field pydecnet.pid)"
  pass "active after the boot, /run/pydecnet made; PyDECnet PID $pid (was $before before the reboot):" \
    "$(status_field pydecnet.lastRestartReason)"

  step "7. systemctl stop hecnetjobs: HecnetJobs stops, PyDECnet runs on (KillMode=process)"
  must "systemctl stop hecnetjobs" systemctl stop hecnetjobs
  systemctl is-active hecnetjobs >/dev/null && flunk "hecnetjobs still active after the stop"
  code="$(status_code)"
  [ "$code" = 2 ] || flunk "status after the stop: exit code $code, expected 2 (CRITICAL: the daemon stopped)"
  [ "$(status_field daemon.mode)" = stopped ] || flunk "the status file does not say stopped"
  local said
  said="$(grep -m 1 '^! the daemon stopped' <<<"$("$hj" status)" || true)"
  [ -n "$said" ] || flunk "hecnetjobs status does not say '! the daemon stopped'"
  kill -0 "$pid" 2>/dev/null || flunk "PyDECnet PID $pid did not survive the stop"
  pass "stopped (exit 0); status CRITICAL '${said#! }'; PyDECnet PID $pid runs on"

  step "8. systemctl start hecnetjobs again: the running PyDECnet is adopted, not restarted"
  local restarts
  restarts="$(status_field pydecnet.restarts24h)"
  must "the second systemctl start hecnetjobs" systemctl start hecnetjobs
  wait_for 120 watched_again || flunk "the new daemon's watchdog did not see PyDECnet running within 120 s"
  adopted "$pid" "$restarts"
  pass "PyDECnet PID $pid adopted by the new daemon; restarts in 24 h still $restarts"

  step "9. scripts/install.sh again (an upgrade): config kept, the running service restarted, PyDECnet adopted"
  local main config output
  main="$(main_pid)"
  cd "$checkout"
  # First with a config the program refuses: the running service must be left alone.
  cp -p /etc/hecnetjobs/config.json /root/config.json.good
  sed -i '0,/^{$/s//{\n  "colour": "blue",/' /etc/hecnetjobs/config.json
  output="$(scripts/install.sh --from "$build" 2>&1)" || flunk "install.sh with a refused config exited with $?: $output"
  grep -q "the running service keeps its old program" <<<"$output" \
    || flunk "install.sh does not say it left the service alone: $output"
  [ "$(main_pid)" = "$main" ] || flunk "install.sh restarted the service into a refused config"
  cp -p /root/config.json.good /etc/hecnetjobs/config.json
  pass "with a refused config install.sh left the running service alone: '$(grep -m 1 colour <<<"$output")'"
  t=$EPOCHREALTIME
  config="$(sha256sum /etc/hecnetjobs/config.json)"
  output="$(scripts/install.sh --from "$build" 2>&1)" || flunk "the second install.sh exited with $?: $output"
  echo "$output"
  grep -q "The running service was restarted with the new program" <<<"$output" \
    || flunk "install.sh does not say it restarted the service"
  [ "$(sha256sum /etc/hecnetjobs/config.json)" = "$config" ] || flunk "the second install.sh changed the config"
  [ "$(main_pid)" != "$main" ] || flunk "install.sh did not restart the running service"
  wait_for 120 watched_again || flunk "the upgraded daemon's watchdog did not see PyDECnet running within 120 s"
  adopted "$pid" "$restarts"
  pass "upgraded: config kept; HecnetJobs PID $main -> $(main_pid); PyDECnet PID $pid adopted"

  step "10. kill -STOP HecnetJobs: systemd's watchdog (WatchdogSec=60s) ends it and starts it again"
  local restarts_before
  main="$(main_pid)"
  restarts_before="$(systemd_restarts)"
  kill -STOP "$main"
  wait_for 240 restarted_by_systemd "$main" "$restarts_before" \
    || flunk "systemd did not restart the stopped HecnetJobs (PID $main) within 240 s"
  # Whole outputs into variables first: with pipefail, grep -q ending a pipe early fails the writer (SIGPIPE).
  local journal said_systemd
  journal="$(journalctl --no-pager -u hecnetjobs -o cat)"
  said_systemd="$(grep -m 1 "Watchdog timeout" <<<"$journal" || true)"
  [ -n "$said_systemd" ] || flunk "no 'Watchdog timeout' in the unit's journal"
  pass "systemd: '$said_systemd'; HecnetJobs PID $main -> $(main_pid)"
  wait_for 120 watched_again || flunk "the restarted daemon's watchdog did not see PyDECnet running within 120 s"
  adopted "$pid" "$restarts"
  pass "PyDECnet PID $pid adopted again"

  step "11. scripts/uninstall.sh, then --purge"
  cd "$checkout"
  must "scripts/uninstall.sh" scripts/uninstall.sh
  systemctl is-active hecnetjobs >/dev/null && flunk "hecnetjobs still active after uninstall.sh"
  [ ! -e /etc/systemd/system/hecnetjobs.service ] && [ ! -e /opt/hecnetjobs ] && [ ! -e /etc/tmpfiles.d/hecnetjobs.conf ] \
    || flunk "uninstall.sh left the unit, /opt/hecnetjobs or the tmpfiles rule"
  [ -e /etc/hecnetjobs/config.json ] && [ -e /var/lib/hecnetjobs/hecnetjobs.db ] \
    || flunk "uninstall.sh removed the config or the database without --purge"
  kill -0 "$pid" 2>/dev/null || flunk "uninstall.sh stopped PyDECnet"
  pass "uninstalled: unit, program, tmpfiles rule gone; config, data and PyDECnet kept"
  t=$EPOCHREALTIME
  # The account cannot go while PyDECnet runs as it: --purge refuses and removes nothing.
  code=0
  scripts/uninstall.sh --purge || code=$?
  [ "$code" = 75 ] || flunk "uninstall.sh --purge with PyDECnet running as hecnetjobs: exit code $code, expected 75"
  [ -e /etc/hecnetjobs/config.json ] && id hecnetjobs >/dev/null 2>&1 || flunk "the refused --purge removed something"
  kill -9 "$pid"
  wait_for 10 bash -c "! kill -0 $pid" || flunk "PyDECnet PID $pid did not end"
  must "scripts/uninstall.sh --purge" scripts/uninstall.sh --purge
  [ ! -e /etc/hecnetjobs ] && [ ! -e /var/lib/hecnetjobs ] && ! id hecnetjobs >/dev/null 2>&1 \
    || flunk "uninstall.sh --purge left /etc/hecnetjobs, /var/lib/hecnetjobs or the account"
  pass "--purge refused (75) while PyDECnet ran as hecnetjobs; once it stopped: config, data, account gone"
}

case "$phase" in
  install) install_phase ;;
  after-reboot) after_reboot_phase ;;
  *) echo "newcomer.sh: unknown phase '$phase' (install, after-reboot)" >&2; exit 2 ;;
esac
t=$phase_started
pass "phase $phase"
