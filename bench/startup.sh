#!/usr/bin/env bash
# Start-up benchmark: wall and CPU seconds of `./fairhunt --version` and of a 100-row audit through the
# launcher (staleness check + AppCDS archive), beside a bare `java -version`, medians of RUNS, load average.
#
#   bench/startup.sh [RUNS]
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"
runs="${1:-11}"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
"$root/fairhunt" --version >/dev/null   # builds the jar and the archive if needed, outside the timing
{
  echo "y,pred,score,a,b"
  for i in $(seq 1 100); do echo "$((i % 2)),$(((i / 3) % 2)),0.$(((i * 37) % 100)),a$((i % 2)),b$((i % 4))"; done
} >"$out/a100.csv"
. "$root/bench/measure.sh"
run() { # label, command...
  local label="$1"; shift
  for r in $(seq 1 "$runs"); do
    /usr/bin/time -f "%e %U %S" -o "$out/t" "$@" >/dev/null 2>&1
    cat "$out/t" >>"$out/$label"
  done
  echo "$label: median $(awk '{print $1}' "$out/$label" | median) s wall, $(awk '{print $2 + $3}' "$out/$label" | median) s CPU"
}
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"
run java-version java -version
run fairhunt-version "$root/fairhunt" --version
run audit-100-rows "$root/fairhunt" audit "$out/a100.csv" --label y --prediction pred --score score --group a --group b \
    --out "$out/audit"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
