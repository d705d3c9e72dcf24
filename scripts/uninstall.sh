#!/usr/bin/env bash
# Removes what scripts/install.sh installed: the service, the program in /opt/hecnetjobs and the socket folder rule.
# The config (/etc/hecnetjobs) and the data (/var/lib/hecnetjobs: history, status, logs, alert mail) stay unless
# --purge, which also removes the hecnetjobs account. PyDECnet is not stopped: it runs on without its watchdog.
#   sudo scripts/uninstall.sh [--purge] [--dry-run]
#   scripts/uninstall.sh --prefix /tmp/try           # undo a trial install made with the same --prefix
# Exit codes: 0 removed (or nothing to remove), 2 usage, 75 --purge while the account still runs a process (PyDECnet,
# most likely: stop it, then purge again; nothing was removed), 77 not root.
set -euo pipefail

fail() { echo "uninstall.sh: $2" >&2; exit "$1"; }

prefix="" dry_run=false purge=false
while [ $# -gt 0 ]; do
  case "$1" in
    --prefix) [ $# -ge 2 ] || fail 2 "--prefix needs a folder"; prefix="${2%/}"; shift 2 ;;
    --dry-run) dry_run=true; shift ;;
    --purge) purge=true; shift ;;
    -h|--help) echo "usage: uninstall.sh [--purge] [--dry-run] [--prefix DIR]"; exit 0 ;;
    *) fail 2 "unknown option '$1' (expected --purge, --dry-run, --prefix DIR)" ;;
  esac
done
if [ -n "$prefix" ]; then
  case "$prefix" in /*) ;; *) prefix="$(pwd)/$prefix" ;; esac
fi
system=false
[ -z "$prefix" ] && system=true
if $system && ! $dry_run && [ "$(id -u)" != 0 ]; then
  fail 77 "must run as root (sudo scripts/uninstall.sh), or use --dry-run"
fi

run() {
  if $dry_run; then echo "would run: $*"; else "$@"; fi
}

unit="$prefix/etc/systemd/system/hecnetjobs.service"
if $system && [ -d /run/systemd/system ] && [ -e "$unit" ]; then
  # KillMode=process: this stops HecnetJobs only; PyDECnet keeps running.
  run systemctl disable --now hecnetjobs.service || true
fi
# userdel refuses an account that still runs a process, and a PyDECnet that HecnetJobs started runs as it: say so
# before anything is removed rather than half-way through.
if $purge && $system && ! $dry_run && id hecnetjobs >/dev/null 2>&1 && command -v pgrep >/dev/null 2>&1; then
  running="$(pgrep -u hecnetjobs -a | head -n 1 || true)"
  if [ -n "$running" ]; then
    fail 75 "--purge: the hecnetjobs account still runs PID ${running%% *} (${running#* }); stop it (PyDECnet? uninstall leaves it running), then run --purge again; the service is stopped, nothing removed"
  fi
fi
for path in "$unit" "$prefix/etc/tmpfiles.d/hecnetjobs.conf" "$prefix/opt/hecnetjobs"; do
  if [ -e "$path" ]; then
    echo "removing $path"
    run rm -rf "$path"
  fi
done
if $system && [ -d /run/systemd/system ]; then
  run systemctl daemon-reload
fi

if $purge; then
  for path in "$prefix/etc/hecnetjobs" "$prefix/var/lib/hecnetjobs"; do
    if [ -e "$path" ]; then
      echo "removing $path"
      run rm -rf "$path"
    fi
  done
  if $system && id hecnetjobs >/dev/null 2>&1; then
    run userdel hecnetjobs
  fi
else
  echo "kept $prefix/etc/hecnetjobs and $prefix/var/lib/hecnetjobs (--purge removes them and the hecnetjobs account)"
fi
