"""Benchmark of the skills gap analysis (DESIGN.md §5 "Skills gap") on a large municipality.

Run with ``make bench`` or ``python -m tests.bench.bench_gaps``. Times :func:`staffing.gaps.skill_gaps`,
:func:`staffing.gaps.gap_options`, :func:`staffing.gaps.holder_risks` and :func:`staffing.gaps.profile_gaps`
on 5,000 synthetic staff (about four skills each), 60 skills and 3,000 demands over 20 quarters, takes the
median of five runs, measures the peak memory of one more run with tracemalloc, and prints one row for the
table in docs/BENCHMARKS.md. Exits with status 1 when the median misses the target of one second.

Not a pytest module (pytest collects only ``test_*.py``): timings belong on a quiet machine, not in CI.
"""

from __future__ import annotations

import statistics
import sys
import time
import tracemalloc

from staffing.gaps import gap_options, holder_risks, profile_gaps, skill_gaps
from tests.bench.synthetic import StaffingFrames, synthetic_staffing

STAFF = 5_000
SKILLS = 60
DEMANDS = 3_000
QUARTERS = 20
RUNS = 5
TARGET_SECONDS = 1.0
SEED = 1


def run_once(data: StaffingFrames) -> tuple[float, float, float, float]:
    """Seconds spent in skill_gaps, gap_options, holder_risks and profile_gaps."""
    start = time.perf_counter()
    gaps = skill_gaps(
        staff=data.staff,
        staff_skills=data.staff_skills,
        demands=data.demands,
        hires=data.hires,
        periods=data.periods,
    )
    gapped = time.perf_counter()
    gap_options(gaps=gaps, staff=data.staff, staff_skills=data.staff_skills, at=data.today)
    optioned = time.perf_counter()
    holder_risks(staff=data.staff, staff_skills=data.staff_skills, today=data.today)
    risked = time.perf_counter()
    profile_gaps(
        staff=data.staff,
        staff_skills=data.staff_skills,
        role_of_staff=data.role_of_staff,
        profiles=data.profiles,
        at=data.today,
    )
    return gapped - start, optioned - gapped, risked - optioned, time.perf_counter() - risked


def main() -> int:
    data = synthetic_staffing(staff=STAFF, skills=SKILLS, demands=DEMANDS, quarters=QUARTERS, seed=SEED)
    timings = [run_once(data) for _ in range(RUNS)]
    parts = [statistics.median(t[i] for t in timings) for i in range(4)]
    totals = [sum(t) for t in timings]
    total_seconds = statistics.median(totals)

    tracemalloc.start()
    run_once(data)
    peak_bytes = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()

    met = total_seconds <= TARGET_SECONDS
    gaps_ms, options_ms, risks_ms, profiles_ms = (seconds * 1000 for seconds in parts)
    print(
        f"| skills gap | {STAFF:,} staff ({len(data.staff_skills):,} skills held), {SKILLS} skills, "
        f"{DEMANDS:,} demands, {QUARTERS} quarters "
        f"| {gaps_ms:.0f} ms | {options_ms:.0f} ms | {risks_ms:.0f} ms | {profiles_ms:.0f} ms "
        f"| {total_seconds * 1000:.0f} ms ({min(totals) * 1000:.0f}–{max(totals) * 1000:.0f}) "
        f"| {peak_bytes / 2**20:.0f} MiB | {TARGET_SECONDS:g} s | {'met' if met else 'MISSED'} |"
    )
    if not met:
        print(
            f"The median of {total_seconds:.2f} s misses the target of {TARGET_SECONDS:g} s.", file=sys.stderr
        )
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
