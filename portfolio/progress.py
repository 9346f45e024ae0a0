"""How far projects are: their completion, for the goals they serve (DESIGN.md §5 "Strategy progress":
goal progress combines its indicators and its projects' completion), and whether they are late or over
budget (DESIGN.md §4 reports: the council report's lists).

On plain data: a project's progress is 1 once completed, else the percent complete of its latest status
report (0 when it has started without a report yet); its expected progress is the share of its planned
period that has passed. ``strategy/progress.py`` rolls these up with the indicators, weighted by the
contribution's weight. Statuses and traffic lights arrive as values from the callers (``portfolio.models``
names them), so this module knows no model.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection

import numpy as np
import pandas as pd

CONTRIBUTION_COLUMNS = ("goal_id", "weight", "progress", "expected")
HEALTH_COLUMNS = ("late", "overdue", "over_budget", "schedule", "budget", "forecast", "cost")


def project_completion(
    *,
    projects: pd.DataFrame,
    reports: pd.DataFrame,
    today: dt.date,
    committed: Collection[str],
    completed: str,
) -> pd.DataFrame:
    """Per project (index project_id): progress and expected, both 0–1 (NaN where unknown).

    ``projects`` has id, status, planned_start, planned_end; ``reports`` has project_id, date,
    percent_complete (may be empty). A project whose status is ``completed`` is done (1); one whose status
    is in ``committed`` and has no report yet is at 0 (the selectors pass ``portfolio.models.COMMITTED``
    and ``Status.COMPLETED``). Expected progress needs both planned dates; before the start it is 0, after
    the end 1.
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
    progress = np.where(status == completed, 1.0, progress)
    progress = np.where(np.isnan(progress) & np.isin(status, list(committed)), 0.0, progress)
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


def project_health(
    *,
    projects: pd.DataFrame,
    reports: pd.DataFrame,
    cost: pd.Series,
    today: dt.date,
    completed: str,
    red: str,
) -> pd.DataFrame:
    """Whether each project is late or over budget, by the product's one definition of both.

    ``projects`` has id, status and planned_end (None: not planned); ``reports`` has project_id, date,
    schedule, budget and forecast (None: not forecast), one row per status report, and may be empty;
    ``cost`` is each project's budget by project_id, ``impact.total_cost`` (missing: 0). ``completed`` is
    the status of a finished project and ``red`` the traffic light that means off plan (the selectors pass
    ``Status.COMPLETED`` and ``TrafficLight.RED``). Only a project's latest status report counts.

    Returns one row per project of ``projects``, indexed by ``project_id``, with the columns of
    ``HEALTH_COLUMNS``:

    - ``overdue``: the planned end lies before ``today`` and the project is not completed.
    - ``late``: overdue, or the latest report's schedule light is red.
    - ``over_budget``: the latest report's budget light is red, or its forecast lies above the budget
      (``cost``). A project whose light is green and whose forecast is at or below its budget is not over
      budget; one without a status report neither (nobody has forecast anything); a forecast cannot
      overrun a budget of 0 (no cost planned, nothing to hold it against).
    - ``schedule``, ``budget``: the latest report's lights (None without a report); ``forecast`` (NaN
      where none); ``cost``: the budget (float).
    """
    index = pd.Index(pd.to_numeric(pd.Series(projects["id"], dtype=object)), name="project_id").astype(
        "int64"
    )
    if reports.empty:
        latest = pd.DataFrame(index=index, columns=["schedule", "budget", "forecast"], dtype=object)
    else:
        latest = (
            reports.sort_values(["project_id", "date"], kind="stable")
            .drop_duplicates("project_id", keep="last")
            .set_index("project_id")[["schedule", "budget", "forecast"]]
            .reindex(index)
        )
    schedule, budget_light = (_lights(latest[column]) for column in ("schedule", "budget"))
    forecast = pd.to_numeric(pd.Series(latest["forecast"].to_numpy(dtype=object), index=index)).astype(
        "float64"
    )
    budget = pd.to_numeric(pd.Series(cost, dtype=object)).astype("float64").reindex(index).fillna(0.0)

    end = pd.to_datetime(pd.Series(projects["planned_end"], dtype=object)).to_numpy()
    not_done = projects["status"].to_numpy() != completed
    overdue = not_done & (end < np.datetime64(pd.Timestamp(today)))  # NaT compares False: not planned
    late = overdue | (schedule == red)
    over_budget = (budget_light == red) | ((budget > 0) & (forecast > budget)).to_numpy()
    return pd.DataFrame(
        {
            "late": late,
            "overdue": overdue,
            "over_budget": over_budget,
            # object dtype keeps None as None; a string dtype would turn it into NaN.
            "schedule": pd.Series(schedule, index=index, dtype=object),
            "budget": pd.Series(budget_light, index=index, dtype=object),
            "forecast": forecast,
            "cost": budget,
        },
        index=index,
    )


def _lights(column: pd.Series) -> np.ndarray:
    """Traffic lights as an object array, None where there is none (no report)."""
    values = column.to_numpy(dtype=object)
    return np.where(pd.isna(values), None, values)
