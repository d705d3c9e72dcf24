#!/usr/bin/env bash
# Installs HecnetJobs as a systemd service (docs/install.md). Run as root from a checkout; running it again
# upgrades the program and the unit and leaves the config, jobs.xml and the data alone.
#   sudo scripts/install.sh                          # publish for this machine and install
#   sudo scripts/install.sh --pydecnet /home/pi/pydecnet-venv/bin/pydecnet --ncp /home/pi/pydecnet-venv/bin/ncp
#   scripts/install.sh --dry-run                     # say what would be done, change nothing
#   scripts/install.sh --prefix /tmp/try --from .build/publish/linux-x64   # a trial under a folder, no root needed
# Exit codes: 0 installed, 2 usage, 69 dotnet or a published build missing, 73 a file could not be written,
# 77 not root.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

usage() {
  cat <<'TEXT'
usage: install.sh [--prefix DIR] [--dry-run] [--from DIR] [--user NAME] [--pydecnet PATH] [--ncp PATH]
  --prefix DIR     install under DIR instead of / (no user, no systemctl, no chown; the files name paths under DIR)
  --dry-run        print what would be done and change nothing
  --from DIR       install the build in DIR instead of publishing one (scripts/publish.sh)
  --user NAME      the account the service runs as (default hecnetjobs, created when missing); an existing
                   account such as PyDECnet's own user, or root: see docs/install.md
  --pydecnet PATH  PyDECnet's program for a new config.json (default: searched for)
  --ncp PATH       PyDECnet's ncp for a new config.json (default: searched for)
TEXT
}

fail() { echo "install.sh: $2" >&2; exit "$1"; }

prefix="" dry_run=false from="" user=hecnetjobs pydecnet="" ncp=""
while [ $# -gt 0 ]; do
  case "$1" in
    --prefix) [ $# -ge 2 ] || fail 2 "--prefix needs a folder"; prefix="${2%/}"; shift 2 ;;
    --dry-run) dry_run=true; shift ;;
    --from) [ $# -ge 2 ] || fail 2 "--from needs a folder"; from="$2"; shift 2 ;;
    --user) [ $# -ge 2 ] || fail 2 "--user needs an account name"; user="$2"; shift 2 ;;
    --pydecnet) [ $# -ge 2 ] || fail 2 "--pydecnet needs a path"; pydecnet="$2"; shift 2 ;;
    --ncp) [ $# -ge 2 ] || fail 2 "--ncp needs a path"; ncp="$2"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; fail 2 "unknown option '$1'" ;;
  esac
done
if [ -n "$prefix" ]; then
  case "$prefix" in /*) ;; *) prefix="$(pwd)/$prefix" ;; esac
fi

app="$prefix/opt/hecnetjobs"
etc="$prefix/etc/hecnetjobs"
data="$prefix/var/lib/hecnetjobs"
unit_dir="$prefix/etc/systemd/system"
tmpfiles="$prefix/etc/tmpfiles.d/hecnetjobs.conf"
# Changes outside the prefix (account, ownership, systemctl) only in a real install.
system=false
[ -z "$prefix" ] && system=true

if $system && ! $dry_run && [ "$(id -u)" != 0 ]; then
  fail 77 "must run as root (sudo scripts/install.sh), or try it with --prefix DIR or --dry-run"
fi

# Runs a command, or only prints it with --dry-run.
run() {
  if $dry_run; then echo "would run: $*"; else "$@"; fi
}

# Writes stdin to a file through a temporary file and a rename, so a reader never sees half of it.
write_file() {
  local path="$1" mode="$2"
  if $dry_run; then
    cat >/dev/null
    echo "would write: $path (mode $mode)"
    return
  fi
  mkdir -p "$(dirname "$path")"
  cat >"$path.new" || fail 73 "cannot write $path.new"
  chmod "$mode" "$path.new"
  mv -f "$path.new" "$path" || fail 73 "cannot replace $path"
}

# The first executable among the candidates, for a new config.json.
find_program() {
  local name="$1" found
  if found="$(command -v "$name" 2>/dev/null)" && [ -x "$found" ]; then echo "$found"; return; fi
  for found in /usr/local/bin/"$name" /opt/pydecnet/bin/"$name" /home/*/*/bin/"$name" /root/*/bin/"$name"; do
    [ -x "$found" ] && { echo "$found"; return; }
  done
  return 0
}

rid() {
  case "$(uname -m)" in
    x86_64) echo linux-x64 ;;
    aarch64|arm64) echo linux-arm64 ;;
    armv7l|armv6l) echo linux-arm ;;
    *) fail 69 "no .NET runtime identifier known for this machine ($(uname -m)); publish by hand and use --from DIR" ;;
  esac
}

# 1. The program: a self-contained single-file build for this machine.
if [ -z "$from" ]; then
  command -v dotnet >/dev/null 2>&1 || fail 69 "dotnet not found: install the .NET 10 SDK, or pass --from DIR with a build made by scripts/publish.sh"
  this_rid="$(rid)"
  run "$root/scripts/publish.sh" "$this_rid"
  from="$root/.build/publish/$this_rid"
fi
if ! $dry_run && [ ! -x "$from/hecnetjobs" ]; then
  fail 69 "$from/hecnetjobs: no executable there; run scripts/publish.sh first, or name the folder that holds it"
fi
echo "== program: $from -> $app"
run mkdir -p "$app"
if ! $dry_run; then
  # File by file through a rename: a running hecnetjobs keeps its old file ("Text file busy" otherwise).
  while IFS= read -r -d '' file; do
    name="${file#"$from"/}"
    mkdir -p "$app/$(dirname "$name")"
    { cp -p "$file" "$app/$name.new" && mv -f "$app/$name.new" "$app/$name"; } || fail 73 "cannot install $app/$name"
  done < <(find "$from" -type f -print0)
fi

# 2. The account and the data folder.
echo "== account: $user; data: $data"
if $system; then
  if ! id "$user" >/dev/null 2>&1; then
    [ "$user" = hecnetjobs ] || fail 2 "account '$user' does not exist; create it or leave out --user"
    run useradd --system --home-dir "$data" --no-create-home --shell /usr/sbin/nologin --comment "HecnetJobs" hecnetjobs
  fi
fi
run mkdir -p "$data"
run chmod 750 "$data"
$system && run chown "$user:" "$data"

# 3. Schedules and config, only when absent: they are the operator's from now on.
if [ -e "$etc/jobs.xml" ]; then
  echo "== schedules: $etc/jobs.xml exists, left as it is"
else
  write_file "$etc/jobs.xml" 644 <"$root/jobs.xml"
fi
given_pydecnet="$pydecnet" given_ncp="$ncp"
pydecnet="${pydecnet:-$(find_program pydecnet)}"
ncp="${ncp:-$(find_program ncp)}"
if [ -e "$etc/config.json" ]; then
  echo "== config: $etc/config.json exists, left as it is"
elif ! $dry_run && [ -t 0 ] && [ -t 1 ]; then
  # A person at a terminal: hecnetjobs setup asks the few questions that matter (docs/install.md). Ctrl-D there
  # writes nothing, and the template below is written instead.
  echo "== config: $etc/config.json (new, from the questions of hecnetjobs setup; Ctrl-D skips them for a template)"
  "$app/hecnetjobs" setup --config "$etc/config.json" --data-dir "$data" \
    ${given_pydecnet:+--pydecnet-command "$given_pydecnet"} ${given_ncp:+--ncp "$given_ncp"} || true
  [ -e "$etc/config.json" ] && $system && run chown "root:$user" "$etc/config.json"
fi
if [ ! -e "$etc/config.json" ]; then
  echo "== config: $etc/config.json (new)"
  run mkdir -p "$etc"
  write_file "$etc/config.json" 640 <<JSON
// HecnetJobs configuration (docs/configuration.md has every key). Check an edit with:
//   /opt/hecnetjobs/hecnetjobs check
// Comments and trailing commas are allowed.
{
  "dataDir": "$data",
  "pydecnet": {
    // The program that starts PyDECnet: the pydecnet script of its virtual environment, e.g.
    // "/home/pi/pydecnet-venv/bin/pydecnet", or python3 with "-m", "decnet.main" first in the arguments.
    "command": "${pydecnet:-/usr/local/bin/pydecnet}",
    // Exactly the arguments PyDECnet is started with: its log file and config files. A running PyDECnet is
    // recognised by this command line, so it must match how it runs now.
    "arguments": ["-L", "/var/log/pydecnet/pydecnet.log", "/etc/pydecnet/node.conf"],
    // The path of the "api" line in PyDECnet's config. Not under /tmp: the service has a private /tmp that a
    // restart of HecnetJobs replaces, while PyDECnet runs on (docs/install.md).
    "apiSocket": "/run/pydecnet/api.sock",
  },
  "linkProbe": {
    // PyDECnet's ncp, from the same virtual environment; and the nodes to watch.
    "ncpCommand": "${ncp:-/usr/local/bin/ncp}",
    "targets": ["MIM"],
  },
  "alerts": {
    // The name in every alert subject, "[HECnet SAMPLE] ..."; without it, this host's name in capitals.
    // "nodeName": "SAMPLE",
    // Without an "smtp" section alerts are written as .eml files to $data/mail.
    // "smtp": { "host": "smtp.example.net", "user": "you@example.net", "to": ["you@example.net"] },
  },
}
JSON
  $system && run chown "root:$user" "$etc/config.json"
fi

# 4. The systemd unit, with this install's paths and account; local changes belong in a drop-in
#    (systemctl edit hecnetjobs), because every install rewrites the unit.
echo "== unit: $unit_dir/hecnetjobs.service"
sed -e "s#/opt/hecnetjobs/#$app/#g" -e "s#/etc/hecnetjobs/#$etc/#g" -e "s#/var/lib/hecnetjobs#$data#g" \
    -e "s#^User=.*#User=$user#" -e "s#^Group=.*#Group=$(id -gn "$user" 2>/dev/null || echo "$user")#" \
    "$root/scripts/systemd/hecnetjobs.service" | write_file "$unit_dir/hecnetjobs.service" 644
# PyDECnet's API socket folder, made at every boot for the account that starts PyDECnet.
[ -e "$tmpfiles" ] || printf 'd /run/pydecnet 0755 %s - -\n' "$user" | write_file "$tmpfiles" 644

# 5. Does the config pass? A new one needs PyDECnet's paths first, so this reports and does not fail the install. It
#    runs before systemd restarts a running service: a config the new program refuses would fail at every restart.
config_ok=true
# The SMTP password, when setup wrote one, is in the root-only secrets file the unit reads.
if ! $dry_run && ! ( set -a; [ -r "$etc/secrets.env" ] && . "$etc/secrets.env"; set +a; exec "$app/hecnetjobs" check --config "$etc/config.json" ); then
  config_ok=false
fi

# 6. systemd, when it runs this machine (not in a container or CI, and never for a --prefix install).
restarted=false
if $system && [ -d /run/systemd/system ]; then
  run systemctl daemon-reload
  run systemd-tmpfiles --create "$tmpfiles"
  run systemctl enable hecnetjobs.service
  if $dry_run; then
    run systemctl try-restart hecnetjobs.service
  elif systemctl is-active --quiet hecnetjobs.service; then
    if $config_ok; then
      # An upgrade: the running service picks up the new program (PyDECnet runs on; see KillMode in the unit).
      run systemctl restart hecnetjobs.service
      restarted=true
    else
      echo "the running service keeps its old program: fix the config, then systemctl restart hecnetjobs"
    fi
  fi
  started="systemctl start hecnetjobs"
elif $system; then
  echo "systemd is not running on this machine (a container or CI?): the unit is in place, enabling it skipped"
  started="$app/hecnetjobs run --config $etc/config.json   (as $user)"
else
  started="$app/hecnetjobs run --config $etc/config.json"
fi

$dry_run && exit 0
if $restarted; then
  echo "installed; config OK. The running service was restarted with the new program (systemctl status hecnetjobs)"
elif $config_ok; then
  echo "installed; config OK. Start it: $started"
else
  echo "installed; edit $etc/config.json as listed above (docs/install.md), then: $started"
fi
