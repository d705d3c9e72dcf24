#!/usr/bin/env bash
# The name refresh's pure work — parse + validate + diff + atomic write — on PyDECnet's nodenames.dat (1,229 entries)
# and on a generated list with every address (63 x 1,023 = 64,449), in a Release build. Prints one line per list:
# median, min and max time per run, bytes allocated per run and the process's peak resident memory (VmHWM).
# Usage: bench/names.sh [RUNS]   (default 21)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-21}"
out="$root/.build/names-bench"
dotnet build "$root/bench/names/NamesBench.csproj" -c Release -o "$out" --nologo -v quiet >&2
echo "name refresh core ($(nproc) cores, $(uname -m), .NET $(dotnet --version)), $runs runs after 2 warm-up runs"
dotnet "$out/NamesBench.dll" nodenames "$runs" "$root/tests/fixtures/pydecnet-samples/nodenames.dat"
dotnet "$out/NamesBench.dll" every-address "$runs"
