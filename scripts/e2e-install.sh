#!/usr/bin/env bash
# Checks an install end to end (docs/install.md, "Checking an install end to end"): as root on Debian 12, boots a
# fresh Debian 12 under systemd-nspawn with systemd as its PID 1, and inside it does what docs/install.md tells a
# newcomer (scripts/e2e/newcomer.sh): the PyDECnet simulator as "the PyDECnet that is already installed",
# scripts/install.sh, the config edits, systemctl start, `hecnetjobs status` OK, kill -9 of PyDECnet, the watchdog's
# restart and its .eml alert. Then a reboot, stop and start (PyDECnet adopted, not restarted), install.sh again as
# an upgrade, a frozen HecnetJobs that systemd's watchdog restarts, uninstall.sh and --purge. Prints PASS or FAIL
# per step with the seconds each took.
#   sudo scripts/e2e-install.sh                                  # publish linux-x64 first (a few minutes)
#   sudo scripts/e2e-install.sh --from .build/publish/linux-x64  # reuse a build
# The Debian tree is made once with debootstrap and kept in the work folder (default /var/tmp/hecnetjobs-e2e); each
# run boots a fresh copy of it. The checkout and the build are mounted read-only inside, at /root/hecnetjobs and
# /root/hecnetjobs-build. The machine has a network of its own (loopback only), so nothing inside can reach out.
# Exit codes: 0 PASS, 1 FAIL, 2 usage, 69 a tool or the build missing, 77 not root.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

usage() {
  cat <<'TEXT'
usage: e2e-install.sh [--from DIR] [--work DIR] [--mirror URL] [--keep]
  --from DIR     install the linux-x64 build in DIR (scripts/publish.sh linux-x64) instead of publishing one
  --work DIR     where the Debian 12 tree is kept between runs and the machine runs (default /var/tmp/hecnetjobs-e2e)
  --mirror URL   the Debian mirror for debootstrap (default: the one apt uses here, else http://deb.debian.org/debian)
  --keep         leave the machine running at the end, to look around in it (the command to enter it is printed)
TEXT
}

fail() { echo "e2e-install.sh: $2" >&2; exit "$1"; }

from="" work=/var/tmp/hecnetjobs-e2e mirror="" keep=false
while [ $# -gt 0 ]; do
  case "$1" in
    --from) [ $# -ge 2 ] || fail 2 "--from needs a folder"; from="$2"; shift 2 ;;
    --work) [ $# -ge 2 ] || fail 2 "--work needs a folder"; work="${2%/}"; shift 2 ;;
    --mirror) [ $# -ge 2 ] || fail 2 "--mirror needs a URL"; mirror="$2"; shift 2 ;;
    --keep) keep=true; shift ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; fail 2 "unknown option '$1'" ;;
  esac
done
[ "$(id -u)" = 0 ] || fail 77 "must run as root: it runs debootstrap and boots a machine with systemd-nspawn"
case "$work" in /*) ;; *) work="$(pwd)/$work" ;; esac
case "$work/" in "$root"/*) fail 2 "--work $work is inside the checkout, which the machine mounts; pick a folder outside it" ;; esac

run_started=$EPOCHREALTIME
report=()
elapsed() { awk -v a="$1" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }'; }
note() { report+=("$(printf '%-4s %7s s  %s' "$1" "$2" "$3")"); }
print_report() {
  echo
  echo "== e2e-install report"
  printf '  %s\n' "${report[@]}"
}

# The tools, from Debian, when missing.
missing=()
command -v debootstrap >/dev/null 2>&1 || missing+=(debootstrap)
command -v systemd-nspawn >/dev/null 2>&1 || missing+=(systemd-container)
if [ ${#missing[@]} -gt 0 ]; then
  echo "== apt-get install ${missing[*]}"
  apt-get install -y "${missing[@]}" >/dev/null || fail 69 "could not install ${missing[*]} (apt-get update first?)"
fi

# 1. The build.
t=$EPOCHREALTIME
if [ -z "$from" ]; then
  echo "== scripts/publish.sh linux-x64 (a few minutes)"
  command -v dotnet >/dev/null 2>&1 || fail 69 "dotnet not found: install the .NET 10 SDK, or pass --from DIR with a build"
  "$root/scripts/publish.sh" linux-x64 || fail 69 "scripts/publish.sh linux-x64 failed"
  from="$root/.build/publish/linux-x64"
  note "PASS" "$(elapsed "$t")" "build: scripts/publish.sh linux-x64"
else
  from="$(cd "$from" && pwd)" || fail 69 "--from $from: no such folder"
  note "----" "0.0" "build: reused $from"
fi
[ -x "$from/hecnetjobs" ] || fail 69 "$from/hecnetjobs: no executable there; run scripts/publish.sh linux-x64 first"

# 2. The Debian 12 tree, made once. python3 comes with it: the PyDECnet being supervised needs it, so it is part of
#    the machine as the newcomer finds it.
base="$work/bookworm"
mkdir -p "$work"
t=$EPOCHREALTIME
if [ -e "$base/.hecnetjobs-e2e-base" ]; then
  note "----" "0.0" "Debian 12 tree: kept from an earlier run ($base)"
else
  if [ -z "$mirror" ]; then
    mirror="$(sed -n -e 's/^URIs: *\(http[^ ]*debian\/*\)$/\1/p' -e 's/^deb \(http[^ ]*debian\/*\) bookworm .*/\1/p' \
      /etc/apt/sources.list.d/*.sources /etc/apt/sources.list 2>/dev/null | head -n 1 || true)"
    mirror="${mirror:-http://deb.debian.org/debian}"
  fi
  echo "== debootstrap bookworm from $mirror into $base (once; a minute or two)"
  rm -rf "$base.new"
  debootstrap --include=python3,dbus bookworm "$base.new" "$mirror" >"$work/debootstrap.log" 2>&1 \
    || { tail -n 5 "$work/debootstrap.log" >&2; fail 1 "debootstrap failed; see $work/debootstrap.log"; }
  touch "$base.new/.hecnetjobs-e2e-base"
  mv "$base.new" "$base"
  note "PASS" "$(elapsed "$t")" "Debian 12 tree: debootstrap from $mirror"
fi

# 3. A fresh copy of it, booted with systemd as PID 1.
machine="$work/machine"
name=hecnetjobs-e2e
if [ -s "$work/nspawn.pid" ] && kill -0 "$(cat "$work/nspawn.pid")" 2>/dev/null; then
  fail 1 "a machine from an earlier --keep run still runs (systemd-nspawn PID $(cat "$work/nspawn.pid")); kill -TERM it first"
fi
rm -rf "$machine"
cp -a "$base" "$machine"
echo "$name" >"$machine/etc/hostname"
: >"$machine/root/e2e-results"
: >"$work/console.log"
: >"$work/inside.log"
nspawn_pid="" leader=""

in_machine() {
  nsenter --target "$leader" --all -- env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    HOME=/root LANG=C.UTF-8 TERM=dumb "$@"
}

# Boots the machine and waits until its systemd has finished booting; sets booted to systemd's verdict (running,
# degraded), nspawn_pid and leader.
boot() {
  systemd-nspawn --quiet --directory="$machine" --machine="$name" --register=no --keep-unit --private-network \
    --bind-ro="$root:/root/hecnetjobs" --bind-ro="$from:/root/hecnetjobs-build" --console=read-only --boot \
    >>"$work/console.log" 2>&1 &
  nspawn_pid=$!
  echo "$nspawn_pid" >"$work/nspawn.pid"
  # The machine's PID 1 is a child of systemd-nspawn, the one that is PID 1 in its own PID namespace (its NSpid line
  # ends in 1): systemd-nspawn has a short-lived child of its own first, which is not it.
  leader=""
  local until=$(( ${EPOCHREALTIME%.*} + 60 )) child
  while [ -z "$leader" ]; do
    kill -0 "$nspawn_pid" 2>/dev/null || { tail -n 20 "$work/console.log" >&2; fail 1 "systemd-nspawn ended while booting"; }
    for child in $(pgrep -P "$nspawn_pid" || true); do
      if grep -qs $'^NSpid:\t[0-9]*\t1$' "/proc/$child/status"; then leader="$child"; fi
    done
    [ "${EPOCHREALTIME%.*}" -lt "$until" ] || fail 1 "systemd-nspawn started no machine within 60 s; see $work/console.log"
    [ -n "$leader" ] || sleep 0.2
  done
  # Until systemd has made its socket, systemctl cannot connect at all ("Failed to connect to bus"), and just after
  # PID 1 starts, before /run/systemd/system exists, it says "offline".
  until=$(( ${EPOCHREALTIME%.*} + 120 ))
  while :; do
    booted="$(in_machine systemctl is-system-running 2>&1 || true)"
    case "$booted" in running|degraded|maintenance|stopping) break ;; esac
    kill -0 "$nspawn_pid" 2>/dev/null || { tail -n 20 "$work/console.log" >&2; fail 1 "systemd-nspawn ended while booting"; }
    [ "${EPOCHREALTIME%.*}" -lt "$until" ] || break
    sleep 0.5
  done
  case "$booted" in
    running) ;;
    degraded) in_machine systemctl --no-pager --failed >&2 || true ;;
    *) tail -n 20 "$work/console.log" >&2; fail 1 "the machine did not finish booting: '$booted'" ;;
  esac
}

# Waits for systemd-nspawn to end, for at most the given seconds.
wait_nspawn() {
  local until=$(( ${EPOCHREALTIME%.*} + $1 ))
  while kill -0 "$nspawn_pid" 2>/dev/null; do
    [ "${EPOCHREALTIME%.*}" -lt "$until" ] || return 1
    sleep 0.5
  done
  wait "$nspawn_pid" 2>/dev/null || true
}

shutdown_machine() {
  if [ -n "$nspawn_pid" ] && kill -0 "$nspawn_pid" 2>/dev/null; then
    # SIGTERM asks the machine's systemd to power off cleanly.
    kill -TERM "$nspawn_pid" 2>/dev/null || true
    # A machine still booting may not act on it yet (its systemd has no handler for it so early). Then the machine's
    # PID 1 goes first: killing it ends everything in its PID namespace, while a killed systemd-nspawn alone would
    # leave the machine running, its systemd handed to this host's PID 1.
    if ! wait_nspawn 60; then
      [ -n "$leader" ] && { kill -KILL "$leader" 2>/dev/null || true; }
      kill -KILL "$nspawn_pid" 2>/dev/null || true
      wait_nspawn 10 || true
    fi
  fi
  rm -f "$work/nspawn.pid"
}
# At any exit: the machine goes down (unless --keep), and a run that ended early still gets its report.
finish() {
  $keep || shutdown_machine
  if ! $reported; then
    print_report
    echo FAIL
  fi
}
reported=false
trap finish EXIT

# Runs one phase of scripts/e2e/newcomer.sh inside; its output goes to the screen and inside.log.
newcomer() {
  local code
  set +e
  in_machine bash /root/hecnetjobs/scripts/e2e/newcomer.sh "$1" /root/e2e-results 2>&1 | tee -a "$work/inside.log"
  code=${PIPESTATUS[0]}
  set -e
  return "$code"
}

# 4. The newcomer's steps, with a reboot between the two phases.
echo "== booting $machine (console: $work/console.log; inside: $work/inside.log)"
t=$EPOCHREALTIME
boot
note "PASS" "$(elapsed "$t")" "machine booted: systemd $(in_machine systemctl --version | head -n 1 | cut -d' ' -f2) as PID 1 ($booted)"
code=0
newcomer install || code=$?
if [ "$code" = 0 ]; then
  echo "== reboot"
  t=$EPOCHREALTIME
  in_machine systemctl reboot || true
  # systemd-nspawn ends when the machine reboots (exit code 133); booting it again is this script's part.
  wait_nspawn 180 || fail 1 "the machine did not go down within 180 s of systemctl reboot"
  boot
  # In the results file, so that the report lists it between the phases.
  printf 'PASS\t%s\t%s\n' "$(elapsed "$t")" "systemctl reboot: down and booted again ($booted)" >>"$machine/root/e2e-results"
  newcomer after-reboot || code=$?
fi

# 5. The report.
while IFS=$'\t' read -r verdict seconds what; do
  note "$verdict" "$seconds" "$what"
done <"$machine/root/e2e-results"
if [ "$code" = 0 ] && ! grep -q '^FAIL' "$machine/root/e2e-results"; then
  note "PASS" "$(elapsed "$run_started")" "total"
  verdict=PASS
else
  note "FAIL" "$(elapsed "$run_started")" "total (a step inside failed; its log: $work/inside.log)"
  verdict=FAIL
fi
reported=true
print_report
echo "$verdict"
if $keep; then
  echo "the machine runs on: nsenter --target $leader --all bash; stop it: kill -TERM $nspawn_pid"
fi
[ "$verdict" = PASS ]
