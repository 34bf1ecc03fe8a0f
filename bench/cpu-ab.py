#!/usr/bin/env python3
"""Alternating A/B of shell commands by CPU time, at microsecond resolution.

    bench/cpu-ab.py RUNS LABEL 'COMMAND' LABEL 'COMMAND' ...

Runs every command once per round, in the order given, for RUNS rounds, so load from other work hits all of
them alike. CPU is user + system of the whole process tree (the rusage that wait4 returns for `bash -c COMMAND`,
so children such as the JVM a launcher execs count), in microseconds: /usr/bin/time rounds to 10 ms, which is the
size of the differences in start-up work. Prints per command the median, min and max CPU seconds, the median wall
time and peak RSS, the ratio of medians against the first command, and the load average before and after.
A command that fails is reported with its standard error. Used for the launcher's figures in docs/performance.md.
"""
import os
import statistics
import subprocess
import sys
import tempfile
import time


def main(argv):
    if len(argv) < 4 or len(argv) % 2 != 0:
        sys.exit(__doc__)
    runs = int(argv[1])
    pairs = list(zip(argv[2::2], argv[3::2]))
    cpu = {label: [] for label, _ in pairs}
    wall = {label: [] for label, _ in pairs}
    rss = {label: [] for label, _ in pairs}
    load_before = open('/proc/loadavg').read().split()[:3]
    with open(os.devnull, 'w') as devnull, tempfile.TemporaryFile('w+') as err:
        for _ in range(runs):
            for label, command in pairs:
                err.seek(0)
                err.truncate()
                start = time.monotonic()
                p = subprocess.Popen(['bash', '-c', command], stdout=devnull, stderr=err)
                _, status, usage = os.wait4(p.pid, 0)
                wall[label].append(time.monotonic() - start)
                cpu[label].append(usage.ru_utime + usage.ru_stime)
                rss[label].append(usage.ru_maxrss)
                code = os.waitstatus_to_exitcode(status)  # wait4 gives the raw wait status (exit code << 8)
                if code != 0:
                    err.seek(0)
                    print(f'{label} failed (exit status {code}): {err.read()[:500]}', file=sys.stderr)
    load_after = open('/proc/loadavg').read().split()[:3]
    base = statistics.median(cpu[pairs[0][0]])
    for label, _ in pairs:
        m = statistics.median(cpu[label])
        print(f'{label:24s} {m:.4f} s CPU (min {min(cpu[label]):.4f}, max {max(cpu[label]):.4f}), '
              f'wall {statistics.median(wall[label]):.3f} s, {statistics.median(rss[label]) // 1024} MiB, '
              f'ratio {m / base:.3f}')
    print(f"medians of {runs} alternating runs; load average {' '.join(load_before)} -> {' '.join(load_after)}, "
          f'{os.cpu_count()} cores')


if __name__ == '__main__':
    main(sys.argv)
