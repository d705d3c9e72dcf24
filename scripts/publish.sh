#!/usr/bin/env bash
# Builds HecnetJobs as self-contained single-file executables, one folder per runtime identifier:
#   scripts/publish.sh                      # linux-x64, linux-arm64 (Raspberry Pi OS 64-bit) and win-x64
#   scripts/publish.sh linux-arm64          # just one
#   scripts/publish.sh --aot                # opt-in Native AOT for this Linux machine's own RID (needs clang, zlib1g-dev)
# Output: .build/publish/<rid>/ with the executable and the native SQLite library beside it, and each file's size.
# ReadyToRun (precompiled code, faster start) is on for every RID: the SDK's crossgen2 runs on this host and
# compiles for other architectures and operating systems too. Set HECNETJOBS_READY_TO_RUN=false to leave it out.
# The runtime packs for each RID come from NuGet on the first publish; exit code 1 names a RID that did not build.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
project="$root/src/HecnetJobs/HecnetJobs.csproj"
ready_to_run="${HECNETJOBS_READY_TO_RUN:-true}"

# --aot: Native AOT instead of ReadyToRun; the AOT compiler links with the host's clang, so only this machine's own
# Linux RID builds (docs/install.md "Native AOT"; bench/aot.sh measures it).
aot=false
if [ "${1:-}" = --aot ]; then
  aot=true
  shift
  case "$(uname -s)/$(uname -m)" in
    Linux/x86_64) host_rid=linux-x64 ;;
    Linux/aarch64) host_rid=linux-arm64 ;;
    *) echo "publish.sh: --aot builds only on Linux x86_64 or aarch64, for that machine itself" >&2; exit 2 ;;
  esac
  command -v clang >/dev/null || { echo "publish.sh: --aot needs clang and zlib1g-dev (apt-get install clang zlib1g-dev)" >&2; exit 2; }
  for rid in "$@"; do
    [ "$rid" = "$host_rid" ] || { echo "publish.sh: --aot builds only this machine's own RID ($host_rid), not '$rid'" >&2; exit 2; }
  done
  [ $# -gt 0 ] || set -- "$host_rid"
fi

rids=("$@")
[ ${#rids[@]} -gt 0 ] || rids=(linux-x64 linux-arm64 win-x64)

failed=()
for rid in "${rids[@]}"; do
  case "$rid" in
    linux-x64|linux-arm64|linux-arm|linux-musl-x64|linux-musl-arm64|win-x64|win-arm64|osx-arm64|osx-x64) ;;
    *) echo "publish.sh: '$rid' is not a runtime identifier this script knows (e.g. linux-x64, linux-arm64, win-x64)" >&2; exit 2 ;;
  esac
  out="$root/.build/publish/$rid"
  rm -rf "$out"
  # A fresh checkout has no .build/ yet, and the log below is written there before dotnet makes any folder.
  mkdir -p "$root/.build"
  if [ "$aot" = true ]; then
    echo "== $rid (Native AOT)"
    build=(-p:PublishAot=true)
  else
    echo "== $rid (ReadyToRun: $ready_to_run)"
    build=(-p:PublishSingleFile=true -p:PublishReadyToRun="$ready_to_run")
  fi
  # The native SQLite library stays a file beside the executable (no IncludeNativeLibrariesForSelfExtract):
  # extracting it at start would need a writable folder, which a hardened service does not have.
  if ! dotnet publish "$project" -c Release -r "$rid" --self-contained true --nologo -v quiet \
      "${build[@]}" -p:DebugType=none \
      -p:GenerateDocumentationFile=false -o "$out" >"$root/.build/publish-$rid.log" 2>&1; then
    echo "publish.sh: $rid did not build; see .build/publish-$rid.log (last lines below)" >&2
    tail -n 5 "$root/.build/publish-$rid.log" >&2
    failed+=("$rid")
    continue
  fi
  # Each file with its size in bytes and MiB.
  find "$out" -maxdepth 1 -type f -printf '%s\t%f\n' | sort -t$'\t' -k2 \
    | awk -F'\t' '{ printf "  %-28s %10d bytes %6.1f MiB\n", $2, $1, $1 / 1048576 }'
done

if [ ${#failed[@]} -gt 0 ]; then
  echo "publish.sh: not built: ${failed[*]}" >&2
  exit 1
fi
