"""How far projects are, for the goals they serve (DESIGN.md §5 "Strategy progress": goal progress
combines its indicators and its projects' completion).

On plain data: a project's progress is 1 once completed, else the percent complete of its latest status
report (0 when it has started without a report yet); its expected progress is the share of its planned
period that has passed. ``strategy/progress.py`` rolls these up with the indicators, weighted by the
contribution's weight.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

CONTRIBUTION_COLUMNS = ("goal_id", "weight", "progress", "expected")


def project_completion(*, projects: pd.DataFrame, reports: pd.DataFrame, today: dt.date) -> pd.DataFrame:
    """Per project (index project_id): progress and expected, both 0–1 (NaN where unknown).

    ``projects`` has id, status, planned_start, planned_end; ``reports`` has project_id, date,
    percent_complete (may be empty). Expected progress needs both planned dates; before the start it is
    0, after the end 1.
    """
    index = pd.Index(projects["id"], name="project_id").astype("int64")
    latest = (
        reports.sort_values("date", kind="stable")
        .groupby("project_id")["percent_complete"]
        .last()
        .astype(float)
        / 100
        if not reports.empty
        else pd.Series(dtype="float64")
    )
    status = projects["status"].to_numpy()
    progress = latest.reindex(index).to_numpy()
    progress = np.where(status == "completed", 1.0, progress)
    progress = np.where(
        np.isnan(progress) & np.isin(status, ["in_progress", "on_hold", "approved"]), 0.0, progress
    )
    start = pd.to_datetime(projects["planned_start"]).to_numpy()
    end = pd.to_datetime(projects["planned_end"]).to_numpy()
    now = np.datetime64(pd.Timestamp(today))
    span = (end - start).astype("timedelta64[D]").astype("float64")
    passed = (now - start).astype("timedelta64[D]").astype("float64")
    with np.errstate(invalid="ignore", divide="ignore"):
        expected = np.where(span > 0, np.clip(passed / span, 0.0, 1.0), np.where(now >= end, 1.0, 0.0))
    expected = np.where(pd.isna(start) | pd.isna(end), np.nan, expected)
    return pd.DataFrame({"progress": progress, "expected": expected}, index=index)


def goal_contributions(*, contributions: pd.DataFrame, completion: pd.DataFrame) -> pd.DataFrame:
    """The ``contributions`` frame ``strategy.progress.goal_progress`` takes: goal_id, weight, progress,
    expected. ``contributions`` has goal_id, project_id, weight; projects without completion are left out."""
    joined = contributions.join(completion, on="project_id", how="inner")
    return joined[list(CONTRIBUTION_COLUMNS)].astype({"weight": "float64"}).reset_index(drop=True)
