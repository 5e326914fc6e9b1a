#!/usr/bin/env python3
"""CPU per lead over a long run, by blocks of leads (bench/run.sh with CRM_BENCH_LONG_SECONDS).

Usage: longrun.py PROGRESS.log CPU-SAMPLES.txt [BLOCK] [ROOM]
PROGRESS.log holds the load generator's 5-second progress lines ("[  25s measure] accepted 8,847 (...)");
CPU-SAMPLES.txt holds one line per sample: seconds since the load started, then the CPU clock ticks of each measured
process (web API, silo, MariaDB). Prints the CPU per lead of each block of BLOCK leads (default 100,000) and the
ratio of the last full block to the first. ROOM, when given, is how many leads the tenant's reps could still take when
the run started: a block past it measures leads left without an owner, not routing, so it is marked and the ratio
is taken over the blocks before it."""
import os
import re
import sys

PROGRESS = re.compile(r"\[\s*(\d+)s \w+\s*\] accepted ([\d,]+)")


def interpolate(points, x):
    """Linear interpolation of y at x over sorted (x, y) points; the first or last y just outside them."""
    if x <= points[0][0]:
        return points[0][1]
    for (x0, y0), (x1, y1) in zip(points, points[1:]):
        if x0 <= x <= x1:
            return y0 if x1 == x0 else y0 + (y1 - y0) * (x - x0) / (x1 - x0)
    return points[-1][1] if x <= points[-1][0] + 1e-9 else None


def main(argv):
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    block = int(argv[2]) if len(argv) > 2 else 100_000
    room = int(argv[3]) if len(argv) > 3 else None
    accepted = [(0.0, 0.0)]
    for line in open(argv[0], encoding="utf-8", errors="replace"):
        m = PROGRESS.search(line)
        if m:
            accepted.append((float(m.group(1)), float(m.group(2).replace(",", ""))))
    samples = []
    for line in open(argv[1], encoding="utf-8"):
        parts = line.split()
        if len(parts) >= 2:
            samples.append((float(parts[0]), [float(p) for p in parts[1:]]))
    hz = os.sysconf("SC_CLK_TCK")
    # (leads accepted, CPU ticks per process) at each CPU sample inside the progress series.
    series = [(interpolate(accepted, t), ticks) for t, ticks in samples if t <= accepted[-1][0]]
    series = [(n, ticks) for n, ticks in series if n is not None]
    if len(series) < 2:
        print("not enough samples")
        return 1
    total = series[-1][0]
    print(f"Long run: {total:,.0f} leads accepted in {accepted[-1][0]:.0f} s; CPU per lead (us) by block of {block:,} leads "
          "(web API, silo, MariaDB, together):")
    blocks = []
    start = 0
    while start + block <= total:
        cpu = []
        for i in range(len(series[0][1])):
            points = [(n, ticks[i]) for n, ticks in series]
            cpu.append(interpolate(points, start + block) - interpolate(points, start))
        us = [c / hz * 1_000_000 / block for c in cpu]
        routed = room is None or start + block <= room
        if routed:
            blocks.append(sum(us))
        print(f"  leads {start:>9,} - {start + block:>9,}: " + ", ".join(f"{u:6.0f}" for u in us) + f", {sum(us):6.0f}"
              + ("" if routed else "  (past the reps' room: not routed)"))
        start += block
    if room is not None:
        print(f"  the reps had room for {max(room, 0):,} more leads when the run started")
    if len(blocks) >= 2:
        print(f"  last {'routed ' if room is not None else ''}block / first block: {blocks[-1] / blocks[0]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
