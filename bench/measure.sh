# Sourced by the bench drivers (audit-e2e.sh, slices-e2e.sh, startup.sh): the one way they measure a run and
# take a median. The caller sets $out, a scratch folder.

measure() { # label, command...: prints "label cpu_seconds wall_seconds max_rss_kb"
  local label="$1"; shift
  /usr/bin/time -f "%U %S %e %M" -o "$out/time" "$@" >"$out/stdout" 2>"$out/stderr" || {
    echo "$label failed:" >&2; tail -5 "$out/stderr" >&2; exit 1; }
  awk -v l="$label" '{printf "%s %.2f %.2f %d\n", l, $1 + $2, $3, $4}' "$out/time"
}
median() { sort -n | awk '{v[NR]=$1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
