#!/usr/bin/env bash
# bench/soak: the fault-injection soak (bench/README.md, docs/reliability.md). Builds the CLI, makes sure Debian's
# python3-aiosmtpd is there for the real SMTP server, and runs the driver; its exit code is the verdict (0 pass,
# 1 something was lost or left down, 2 usage).
#   bench/soak/soak.sh [--minutes 10] [--seed S] [--plan N] [--keep]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
if ! /usr/bin/python3 -c 'import aiosmtpd' >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-aiosmtpd >/dev/null
  else
    echo "bench/soak: Debian's python3-aiosmtpd is missing (sudo apt-get install python3-aiosmtpd)" >&2
    exit 2
  fi
fi
"$root/scripts/hecnetjobs" --version >/dev/null
exec /usr/bin/python3 "$root/bench/soak/soak.py" "$@"
