"""Benchmark of the portfolio ranking (DESIGN.md §5 "Ranking"): rank and robustness on a large portfolio.

Run with ``make bench`` or ``python -m tests.bench.bench_ranking``. Times :func:`portfolio.ranking.rank`
plus :func:`portfolio.ranking.robustness` (1,000 weight samples) on 10,000 synthetic projects, takes the
median of five runs, measures the peak memory of one more run with tracemalloc, and prints one row for the
table in docs/BENCHMARKS.md. Exits with status 1 when the median misses the target of one second.

Not a pytest module (pytest collects only ``test_*.py``): timings belong on a quiet machine, not in CI.
"""

from __future__ import annotations

import statistics
import sys
import time
import tracemalloc

from portfolio.ranking import rank, robustness
from tests.bench.synthetic import synthetic_portfolio

PROJECTS = 10_000
SAMPLES = 1_000
RUNS = 5
TARGET_SECONDS = 1.0
SEED = 1


def run_once(assessments, criteria) -> tuple[float, float]:
    """Seconds spent in rank and in robustness."""
    start = time.perf_counter()
    rank(assessments=assessments, criteria=criteria)
    ranked = time.perf_counter()
    robustness(assessments=assessments, criteria=criteria, samples=SAMPLES, seed=SEED)
    return ranked - start, time.perf_counter() - ranked


def main() -> int:
    assessments, criteria = synthetic_portfolio(projects=PROJECTS, seed=SEED)
    timings = [run_once(assessments, criteria) for _ in range(RUNS)]
    rank_seconds = statistics.median(t[0] for t in timings)
    robustness_seconds = statistics.median(t[1] for t in timings)
    totals = [sum(t) for t in timings]
    total_seconds = statistics.median(totals)

    tracemalloc.start()
    run_once(assessments, criteria)
    peak_bytes = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()

    met = total_seconds <= TARGET_SECONDS
    print(
        f"| rank + robustness | {PROJECTS:,} projects × {len(criteria)} criteria, {SAMPLES:,} samples "
        f"| {rank_seconds * 1000:.0f} ms | {robustness_seconds * 1000:.0f} ms "
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
