#!/usr/bin/env bash
# End-to-end audit benchmark: `fairhunt audit` (through the ./fairhunt launcher, CSV read included) beside Fairlearn 0.12's
# MetricFrame (pandas read_csv included) on the same file, alternating runs, CPU seconds (user + sys) and
# peak RSS per run, medians and the ratio, with the machine's load average. Every Fairlearn run checks its
# point values against Fairhunt's audit.json (bench/peers/fairlearn_audit.py --compare).
#
#   bench/audit-e2e.sh FILE.csv [RUNS] [BOOTSTRAP]
#
# FILE is the CsvLoadBench file (y,pred,score,a,b,c; `java -cp bench/target/fairhunt-bench.jar
# org.fairhunt.bench.CsvLoadBench FILE ROWS 1` generates it). BOOTSTRAP > 0 adds `--bootstrap B` to Fairhunt;
# Fairlearn then runs only if FAIRLEARN_NBOOT is set (its n_boot; at 1 M rows one replicate costs about as
# much as the whole audit without bootstrap). FAIRLEARN=/path/to/fairlearn-0.12 (a checkout of the v0.12.0
# tag; default /tmp/fairlearn-0.12); FAIRLEARN=none skips the peer. The peer is never part of the product.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"
file="$1"
runs="${2:-3}"
bootstrap="${3:-0}"
# Fairhunt runs through the ./fairhunt launcher, as a user runs it (its archive and per-command JVM settings);
# FAIRHUNT_JAR=path/to/a/copy.jar runs `java -jar` on that jar instead (default JVM settings, no archive), for
# a before/after comparison or so that rebuilding does not change a running benchmark.
if [ -n "${FAIRHUNT_JAR:-}" ]; then
  fairhunt=(java -Xmx8g -jar "$FAIRHUNT_JAR")
else
  fairhunt=("$root/fairhunt")
  "$root/fairhunt" --version >/dev/null   # builds the jar and records the archive if needed, outside the timing
fi
fairlearn="${FAIRLEARN:-/tmp/fairlearn-0.12}"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
boot=()
[ "$bootstrap" -gt 0 ] && boot=(--bootstrap "$bootstrap" --seed 1)

. "$root/bench/measure.sh"

echo "fairhunt: ${fairhunt[*]}"
echo "file $file ($(wc -l <"$file") lines), runs $runs, bootstrap $bootstrap, $(nproc) cores"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
: >"$out/results"
for r in $(seq 1 "$runs"); do
  measure fairhunt "${fairhunt[@]}" audit "$file" --label y --prediction pred --score score \
      --group a --group b --group c --intersections 3 "${boot[@]}" --out "$out/fh" | tee -a "$out/results"
  if [ "$fairlearn" != none ] && { [ "$bootstrap" -eq 0 ] || [ -n "${FAIRLEARN_NBOOT:-}" ]; }; then
    nboot=()
    [ -n "${FAIRLEARN_NBOOT:-}" ] && [ "$bootstrap" -gt 0 ] && nboot=(--n-boot "$FAIRLEARN_NBOOT")
    measure fairlearn env PYTHONPATH="$fairlearn" /usr/bin/python3 "$root/bench/peers/fairlearn_audit.py" "$file" \
        "${nboot[@]}" --compare "$out/fh/audit.json" | tee -a "$out/results"
    grep -h "compared" "$out/stderr" || true
  fi
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
fh=$(awk '$1=="fairhunt"{print $2}' "$out/results" | median)
fhrss=$(awk '$1=="fairhunt"{print $4}' "$out/results" | median)
echo "fairhunt: median $fh s CPU, peak RSS median $((fhrss / 1024)) MiB"
if grep -q '^fairlearn' "$out/results"; then
  fl=$(awk '$1=="fairlearn"{print $2}' "$out/results" | median)
  echo "fairlearn: median $fl s CPU; ratio $(awk -v a="$fl" -v b="$fh" 'BEGIN{printf "%.1f", a / b}')x"
fi
