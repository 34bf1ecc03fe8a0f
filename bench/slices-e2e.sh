#!/usr/bin/env bash
# End-to-end slice-finding benchmark: `fairhunt slices` (through the ./fairhunt launcher, CSV read included) beside an
# exhaustive numpy enumeration of every 1-, 2- and 3-conjunction (bench/peers/numpy_slices.py, pandas
# read_csv included, Debian's python3-numpy/pandas/scipy) on the same file, alternating runs, CPU seconds
# (user + sys) and peak RSS per run, medians and the ratio, with the machine's load average. Every peer run
# checks Fairhunt's slices.json: the same top findings, and q-values no smaller than exact
# Benjamini–Hochberg over the whole family (the peer counts all of it).
#
#   bench/slices-e2e.sh [FILE.csv] [RUNS]
#
# FILE (default /tmp/fairhunt-slices-1m.csv) is generated when missing: 1 M rows x 20 categorical features
# (5-10 values), y and pred with 8 % errors and two planted slices (numpy_slices.py --generate, seeded).
# The peer is never part of the product.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"
file="${1:-/tmp/fairhunt-slices-1m.csv}"
runs="${2:-3}"
# Fairhunt runs through the ./fairhunt launcher, as a user runs it (its archive and per-command JVM settings);
# FAIRHUNT_JAR=path/to/a/copy.jar runs `java -jar` on that jar instead (default JVM settings, no archive), for
# a before/after comparison or so that rebuilding does not change a running benchmark.
if [ -n "${FAIRHUNT_JAR:-}" ]; then
  fairhunt=(java -jar "$FAIRHUNT_JAR")
else
  fairhunt=("$root/fairhunt")
  "$root/fairhunt" --version >/dev/null   # builds the jar and records the archive if needed, outside the timing
fi
py=/usr/bin/python3   # Debian's interpreter, where python3-numpy/pandas/scipy are installed
peer="$root/bench/peers/numpy_slices.py"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
[ -f "$file" ] || { echo "generating $file" >&2; "$py" "$peer" --generate "$file"; }
features=$(head -1 "$file" | tr ',' '\n' | grep -v -x -e y -e pred | paste -sd, -)

. "$root/bench/measure.sh"

echo "fairhunt: ${fairhunt[*]}"
echo "file $file ($(wc -l <"$file") lines), runs $runs, $(nproc) cores"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
: >"$out/results"
for r in $(seq 1 "$runs"); do
  measure fairhunt "${fairhunt[@]}" slices "$file" --label y --prediction pred --features "$features" \
      --max-depth 3 --min-support 100 --top 10 --alpha 0.95 --out "$out/fh" | tee -a "$out/results"
  grep -h "slices tested" "$out/stdout" || true
  measure numpy "$py" "$peer" "$file" --compare "$out/fh/slices.json" | tee -a "$out/results"
  grep -h "compared" "$out/stderr" || true
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
fh=$(awk '$1=="fairhunt"{print $2}' "$out/results" | median)
np=$(awk '$1=="numpy"{print $2}' "$out/results" | median)
fhrss=$(awk '$1=="fairhunt"{print $4}' "$out/results" | median)
echo "fairhunt: median $fh s CPU, peak RSS median $((fhrss / 1024)) MiB"
echo "numpy: median $np s CPU; ratio $(awk -v a="$np" -v b="$fh" 'BEGIN{printf "%.1f", a / b}')x"
