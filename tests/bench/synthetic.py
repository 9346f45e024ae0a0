"""Synthetic data for the benchmarks (``make bench``, docs/BENCHMARKS.md): plain frames, no database.

Each generator takes a size and a seed and returns the frames an analysis module of DESIGN.md §5 takes, with
values shaped like a real municipality's (ratings, skewed hours and effort, a few gaps), so a benchmark
measures the same work the pages do. The same seed gives the same data.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

# The default criteria of DESIGN.md §4 "ScoringModel", with weights a digital office might choose.
CRITERIA = pd.DataFrame(
    {
        "weight": [0.20, 0.20, 0.10, 0.20, 0.15, 0.05, 0.10],
        "lower_is_better": [False, False, True, False, False, True, False],
    },
    index=pd.Index(
        ["citizen_benefit", "staff_impact", "effort", "strategic_fit", "urgency", "risk", "reuse"],
        name="criterion",
    ),
)
MISSING_SHARE = 0.03


def synthetic_portfolio(*, projects: int, seed: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``projects`` assessed projects and the criteria of a scoring model, as :mod:`portfolio.ranking` takes.

    Returns ``(assessments, criteria)``: assessments indexed by ``project_id`` (1 …) with one column per
    criterion of ``CRITERIA``, about ``MISSING_SHARE`` of the cells NaN (not yet assessed):

    - citizen_benefit, urgency, risk: 1–5 ratings; a sixth of the projects are legal duties, urgency 5.
    - staff_impact: staff hours saved per year, log-normal (most projects save a few hundred hours, a few
      save tens of thousands).
    - effort: internal person-days, log-normal, larger for projects that save more.
    - strategic_fit: 0–1, the weighted share of strategy goals a project contributes to.
    - reuse: 0 builds its own, 1 reuses another municipality's solution, 2 an EfA service.
    """
    rng = np.random.default_rng(seed)
    size = (projects,)
    staff_hours = rng.lognormal(mean=6.0, sigma=1.3, size=size)
    legal_duty = rng.random(size) < 1 / 6
    assessments = pd.DataFrame(
        {
            "citizen_benefit": rng.integers(1, 6, size).astype("float64"),
            "staff_impact": np.round(staff_hours, 1),
            "effort": np.round(rng.lognormal(mean=3.5, sigma=0.8, size=size) * (staff_hours / 400) ** 0.3),
            "strategic_fit": np.round(rng.beta(2.0, 3.0, size), 2),
            "urgency": np.where(legal_duty, 5, rng.integers(1, 5, size)).astype("float64"),
            "risk": rng.integers(1, 6, size).astype("float64"),
            "reuse": rng.choice([0.0, 1.0, 2.0], size=size, p=[0.6, 0.25, 0.15]),
        },
        index=pd.RangeIndex(1, projects + 1, name="project_id"),
    )
    assessments = assessments.mask(rng.random(assessments.shape) < MISSING_SHARE)
    return assessments, CRITERIA.copy()
