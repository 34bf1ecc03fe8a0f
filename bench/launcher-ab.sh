#!/usr/bin/env bash
# A/B of two Fairhunt launchers (say main's checkout and a branch's) on the commands users time first:
# `--version`, a 100-row audit, the 1 M-row audit of CsvLoadBench's file (with AUC, 3 groups, intersections
# of 3: 90 slices) and `demo`. Runs alternate (base, then this checkout), so load from other work hits both
# alike; prints CPU seconds (user + system of the whole process, /usr/bin/time), medians, the ratio and the
# load average, and checks that both wrote the same reports, byte for byte.
#
#   bench/launcher-ab.sh BASE_LAUNCHER [RUNS] [AUDIT_1M_CSV]
#
# Call each launcher once first (`BASE_LAUNCHER --version`): a launcher that rebuilds its jar or records its
# archive inside a timed call measures the build. The 100-row file is the 1 M-row file's first 100 rows.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"
base="${1:?usage: bench/launcher-ab.sh BASE_LAUNCHER [RUNS] [AUDIT_1M_CSV]}"
runs="${2:-7}"
big="${3:-/tmp/fairhunt-bench/audit-1m.csv}"
[ -f "$big" ] || { echo "no $big: make it with CsvLoadBench (docs/performance.md)" >&2; exit 2; }
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
head -101 "$big" >"$out/a100.csv"
"$base" --version >/dev/null
"$root/fairhunt" --version >/dev/null
. "$root/bench/measure.sh"
one() { # launcher, kind, out dir, input file
  case "$2" in
    version) "$1" --version ;;
    a100 | a1m) "$1" audit "$4" --label y --prediction pred --score score --group a --group b --group c --intersections 3 \
        --out "$3" ;;
    demo) (cd "$3" && "$1" demo --out demo) ;;
  esac
}
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"
for kind in version a100 a1m demo; do
  for r in $(seq 1 "$runs"); do
    for side in base branch; do
      launcher="$base"; [ "$side" = branch ] && launcher="$root/fairhunt"
      rm -rf "$out/$side-$kind"; mkdir -p "$out/$side-$kind"
      input="$big"; [ "$kind" = a100 ] && input="$out/a100.csv"
      measure "$side" bash -c "$(declare -f one); one '$launcher' $kind '$out/$side-$kind' '$input'" | awk '{print $2}' \
          >>"$out/$side-$kind.cpu"
    done
  done
  b="$(median <"$out/base-$kind.cpu")"
  n="$(median <"$out/branch-$kind.cpu")"
  same="identical reports"
  diff -r "$out/base-$kind" "$out/branch-$kind" >/dev/null || same="REPORTS DIFFER"
  echo "$kind: base $b s CPU, branch $n s CPU, ratio $(awk -v b="$b" -v n="$n" 'BEGIN { printf "%.2f", n / b }'), $same (medians of $runs, load $(cut -d' ' -f1 /proc/loadavg))"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
