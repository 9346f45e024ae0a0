"""Strategy progress: how far indicators, goals and fields of action are on their way to target.

Implements DESIGN.md §5 "Strategy progress": direction-aware indicator progress, expected progress on the
straight path from baseline to target, a status from the two, the "Datenstand" (stale) flag of §4, a linear
trend that forecasts whether the target date is met, and the weighted roll-up indicator → goal → field of
action (goals also take in the completion of the projects contributing to them).

Progress is as of ``today``: measurements dated after it are not yet known and are left out. From the
target date on the target itself is expected (expected = 1), so anything short of it is off track, never
"on track" beside a forecast that says the target is missed. A part without any measurement (and a goal
without a measured indicator or a contributing project) has no progress: NaN, status "no data".

Everything here works on plain pandas frames built by ``strategy.selectors`` from ``values()``; nothing
touches the ORM or the request, and nothing loops in Python over indicators or goals (grouped sums and numpy
instead), so a strategy with thousands of indicators costs a few vectorised passes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from typing import NamedTuple

import numpy as np
import pandas as pd


class Status(StrEnum):
    """The status values found in the ``status`` columns."""

    ACHIEVED = "achieved"
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    OFF_TRACK = "off_track"
    NO_DATA = "no_data"


class StatusThresholds(NamedTuple):
    """Lowest ratio of actual to expected progress that still counts as on track / at risk."""

    on_track: float
    at_risk: float


STATUS_THRESHOLDS = StatusThresholds(on_track=0.95, at_risk=0.85)

# The unit of ``trend_slope_per_year``: an average calendar year, so a trend of +10 per year reads the same
# across leap years.
DAYS_PER_YEAR = 365.25

# Ratios computed from dates and decimals land a hair below a threshold they meet exactly (0.95 may come out
# as 0.9499999999999999); a user who reads "95 %" expects "on track", and a forecast that hits the target
# exactly meets it.
_TOLERANCE = 1e-9

INDICATOR_COLUMNS = (
    "goal_id",
    "weight",
    "latest_value",
    "latest_date",
    "n_measurements",
    "progress",
    "expected",
    "ratio",
    "status",
    "stale",
    "forecast_value",
    "forecast_progress",
    "forecast_meets_target",
    "trend_slope_per_year",
    "trend_intercept",
)
ROLL_UP_COLUMNS = ("progress", "expected", "ratio", "status", "indicator_count", "stale_count")
_PART_COLUMNS = ["goal_id", "weight", "progress", "expected"]


@dataclass(frozen=True)
class StrategyProgress:
    """The three levels of one strategy's progress, as returned by :func:`strategy_progress`."""

    indicators: pd.DataFrame
    goals: pd.DataFrame
    fields: pd.DataFrame


def strategy_progress(
    *,
    indicators: pd.DataFrame,
    measurements: pd.DataFrame,
    goals: pd.DataFrame,
    today: dt.date,
    contributions: pd.DataFrame | None = None,
) -> StrategyProgress:
    """Progress of every indicator, goal and field of action of one strategy at ``today``."""
    indicator_frame = indicator_progress(indicators=indicators, measurements=measurements, today=today)
    goal_frame = goal_progress(
        indicator_progress_frame=indicator_frame, goals=goals, contributions=contributions
    )
    field_frame = field_progress(goal_progress_frame=goal_frame, goals=goals)
    return StrategyProgress(indicators=indicator_frame, goals=goal_frame, fields=field_frame)


def indicator_progress(
    *, indicators: pd.DataFrame, measurements: pd.DataFrame, today: dt.date
) -> pd.DataFrame:
    """Progress, status, staleness and trend forecast of each indicator at ``today``.

    ``indicators`` has the columns id, goal_id, baseline_value, baseline_date, target_value, target_date,
    weight and update_interval_days (NaN/None: no interval); ``measurements`` has indicator_id, date and
    value and may be empty. Measurements of unknown indicators, rows without date or value and rows dated
    after ``today`` are ignored.

    Returns one row per indicator, indexed by ``indicator_id``, with the columns of ``INDICATOR_COLUMNS``:

    - ``goal_id``, ``weight``: carried over, so the frame can go straight into :func:`goal_progress`.
    - ``latest_value``, ``latest_date``, ``n_measurements``: the most recent measurement (also when it lies
      after the target date; on a tie of dates the later row wins) and the number of measurements.
    - ``progress``: (latest − baseline) / (target − baseline), clipped to [0, 1]; the sign of the denominator
      makes it direction-aware (a falling target counts a fall as progress). NaN without a measurement, and
      when baseline and target are equal (there is no way to be part-way there).
    - ``expected``: the share of the time from baseline date to target date that has passed at ``today``,
      clipped to [0, 1] (1 from the target date on).
    - ``ratio``: progress / expected; NaN while nothing is expected yet (expected 0) or without progress.
    - ``status``: a :class:`Status` value, see :func:`_status`.
    - ``stale``: the last measurement (the baseline date without one) plus the update interval lies before
      ``today``; False for indicators without an interval.
    - ``trend_slope_per_year``, ``trend_intercept``: a least-squares line through the baseline point and all
      measurements; the intercept is the trend's value at the baseline date, the slope is per
      ``DAYS_PER_YEAR`` days. NaN when the points span fewer than two distinct dates.
    - ``forecast_value``: the trend at the target date.
    - ``forecast_progress``: the progress of ``forecast_value``, clipped at 0 but not at 1, so an overshoot
      stays visible (1.3 = the trend passes the target by 30 % of the way).
    - ``forecast_meets_target``: nullable boolean; before the target date whether the forecast reaches the
      target, from the target date on whether the latest measurement has; NA where that is unknown.
    """
    now = pd.Timestamp(today)
    frame = _indicator_frame(indicators)
    points = _measurement_frame(measurements, known=frame.index)
    points = points[points["date"] <= now]
    baseline, target = frame["baseline_value"], frame["target_value"]
    span = (target - baseline).where(target != baseline)

    latest = (
        points.sort_values(["indicator_id", "date"], kind="stable")
        .drop_duplicates("indicator_id", keep="last")
        .set_index("indicator_id")
        .reindex(frame.index)
    )
    counts = points.groupby("indicator_id").size().reindex(frame.index, fill_value=0).astype("int64")
    reached = (latest["value"] - baseline) / span
    progress = reached.clip(0.0, 1.0)

    duration = _days(frame["target_date"] - frame["baseline_date"])
    elapsed = _days(now - frame["baseline_date"])
    target_passed = frame["target_date"] <= now
    expected = (elapsed / duration.where(duration > 0)).clip(0.0, 1.0)
    expected = expected.mask(target_passed, 1.0).fillna(0.0)
    ratio = _ratio(progress, expected)

    stale = stale_after(latest["date"].fillna(frame["baseline_date"]), frame["update_interval_days"], now)

    slope_per_day, intercept = _trend(frame, points)
    forecast_value = intercept + slope_per_day * duration
    forecast_progress = ((forecast_value - baseline) / span).clip(lower=0.0)
    forecast_meets = _at_least_one(forecast_progress)
    actual_meets = _at_least_one(reached)
    forecast_meets_target = actual_meets.where(target_passed, forecast_meets)

    return pd.DataFrame(
        {
            "goal_id": frame["goal_id"],
            "weight": frame["weight"],
            "latest_value": latest["value"],
            "latest_date": latest["date"],
            "n_measurements": counts,
            "progress": progress,
            "expected": expected,
            "ratio": ratio,
            "status": _status(progress, expected, ratio),
            "stale": stale,
            "forecast_value": forecast_value,
            "forecast_progress": forecast_progress,
            "forecast_meets_target": forecast_meets_target,
            "trend_slope_per_year": slope_per_day * DAYS_PER_YEAR,
            "trend_intercept": intercept,
        },
        index=frame.index,
    )


def stale_after(last_update: pd.Series, interval_days: pd.Series, today) -> pd.Series:
    """The "Datenstand" rule (DESIGN.md §4): data whose last update (the last measurement, else the
    baseline date) plus the update interval lies before ``today`` is stale; no interval, never stale.
    Shared by the progress figures and the reminders of the update cycle."""
    next_due = pd.to_datetime(last_update) + pd.to_timedelta(interval_days, unit="D")
    return (next_due < pd.Timestamp(today)).fillna(False).astype(bool)  # NaT (no interval) is not stale


def goal_progress(
    *,
    indicator_progress_frame: pd.DataFrame,
    goals: pd.DataFrame,
    contributions: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Roll indicators (and project contributions) up into their goals.

    ``indicator_progress_frame`` is the output of :func:`indicator_progress` (it carries goal_id and weight);
    ``goals`` has id, field_id and weight; ``contributions`` (optional) has goal_id, weight, progress (0–1,
    the project's completion) and expected (0–1, its planned completion at the same date).

    Returns one row per goal of ``goals``, indexed by ``goal_id``, with the columns of ``ROLL_UP_COLUMNS``:
    ``progress`` is the weighted mean of the progress of the parts that have one (indicators without data
    are left out rather than counted as 0, which would mark a goal off track for a missing spreadsheet);
    ``expected`` is the mean of the same parts' expected progress with the same weights, so the two stay
    comparable; ``ratio`` and ``status`` as for indicators; ``indicator_count`` and ``stale_count`` count
    all of the goal's indicators.
    """
    goal_ids = pd.Index(goals["id"], name="goal_id").astype("int64")
    indicators = indicator_progress_frame
    parts = indicators[_PART_COLUMNS]
    if contributions is not None and not contributions.empty:
        parts = pd.concat([parts, _contribution_frame(contributions)], ignore_index=True)

    result = _roll_up(parts.rename(columns={"goal_id": "parent_id"}), index=goal_ids)
    by_goal = indicators.groupby("goal_id")
    result["indicator_count"] = by_goal.size().reindex(goal_ids, fill_value=0).astype("int64")
    result["stale_count"] = by_goal["stale"].sum().reindex(goal_ids, fill_value=0).astype("int64")
    return result


def field_progress(*, goal_progress_frame: pd.DataFrame, goals: pd.DataFrame) -> pd.DataFrame:
    """Roll goals up into their fields of action, weighted by goal weight.

    ``goal_progress_frame`` is the output of :func:`goal_progress`; ``goals`` has id, field_id and weight.
    Returns one row per field that has goals, indexed by ``field_id``, with the columns of
    ``ROLL_UP_COLUMNS`` (counts are sums over the field's goals).
    """
    goal_fields = goals.set_index("id")[["field_id", "weight"]]
    parts = goal_progress_frame.join(goal_fields, how="inner").rename(columns={"field_id": "parent_id"})
    field_ids = pd.Index(pd.unique(goals["field_id"]), name="field_id").astype("int64").sort_values()

    result = _roll_up(parts[["parent_id", "weight", "progress", "expected"]], index=field_ids)
    counts = parts.groupby("parent_id")[["indicator_count", "stale_count"]].sum()
    counts = counts.reindex(field_ids, fill_value=0).astype("int64")
    return result.join(counts)


def _indicator_frame(indicators: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "goal_id": indicators["goal_id"].astype("int64").to_numpy(),
            "weight": _floats(indicators["weight"]),
            "baseline_value": _floats(indicators["baseline_value"]),
            "baseline_date": _dates(indicators["baseline_date"]),
            "target_value": _floats(indicators["target_value"]),
            "target_date": _dates(indicators["target_date"]),
            "update_interval_days": _floats(indicators["update_interval_days"]),
        },
        index=pd.Index(indicators["id"], name="indicator_id").astype("int64"),
    )


def _contribution_frame(contributions: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "goal_id": contributions["goal_id"].astype("int64").to_numpy(),
            "weight": _floats(contributions["weight"]),
            "progress": _floats(contributions["progress"]),
            "expected": _floats(contributions["expected"]),
        }
    )


def _measurement_frame(measurements: pd.DataFrame, *, known: pd.Index) -> pd.DataFrame:
    frame = pd.DataFrame(
        {
            "indicator_id": pd.to_numeric(measurements["indicator_id"]).to_numpy(),
            "date": _dates(measurements["date"]),
            "value": _floats(measurements["value"]),
        }
    ).dropna()
    frame["indicator_id"] = frame["indicator_id"].astype("int64")
    return frame[frame["indicator_id"].isin(known)]


def _floats(column: pd.Series) -> np.ndarray:
    # Decimal (from DecimalField values()), None and nullable integers all become float64 with NaN.
    return pd.to_numeric(pd.Series(column, dtype=object)).astype("float64").to_numpy()


def _dates(column: pd.Series) -> np.ndarray:
    # datetime.date columns arrive as object, Timestamps in varying units; one unit keeps subtraction and
    # concatenation predictable, also on empty frames.
    return pd.to_datetime(pd.Series(column)).dt.as_unit("us").to_numpy()


def _days(delta: pd.Series) -> pd.Series:
    return delta / pd.Timedelta(days=1)


def _trend(frame: pd.DataFrame, points: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """Least-squares line v = intercept + slope · t per indicator, t in days since its baseline date.

    Fitted over the baseline point and the measurements from grouped sums, so all indicators are solved at
    once. Both are NaN where the points span fewer than two distinct dates.
    """
    baseline_points = pd.DataFrame(
        {
            "indicator_id": frame.index.to_numpy(),
            "date": frame["baseline_date"].to_numpy(),
            "value": frame["baseline_value"].to_numpy(),
        }
    )
    every = pd.concat([baseline_points, points], ignore_index=True)
    own_baseline_date = frame["baseline_date"].reindex(every["indicator_id"]).to_numpy()
    t = _days(every["date"] - own_baseline_date)
    v = every["value"]
    terms = pd.DataFrame({"indicator_id": every["indicator_id"], "t": t, "v": v, "tt": t * t, "tv": t * v})
    grouped = terms.groupby("indicator_id")
    sums = grouped.sum().reindex(frame.index)
    n = grouped.size().reindex(frame.index).astype("float64")
    distinct_dates = every.groupby("indicator_id")["date"].nunique().reindex(frame.index, fill_value=0)

    denominator = (n * sums["tt"] - sums["t"] ** 2).where(distinct_dates >= 2)
    slope = (n * sums["tv"] - sums["t"] * sums["v"]) / denominator
    intercept = (sums["v"] - slope * sums["t"]) / n
    return slope, intercept


def _at_least_one(progress: pd.Series) -> pd.Series:
    """Nullable boolean: progress ≥ 1 (within tolerance), NA where progress is unknown."""
    return (progress >= 1.0 - _TOLERANCE).astype("boolean").mask(progress.isna())


def _ratio(progress: pd.Series, expected: pd.Series) -> pd.Series:
    return progress / expected.where(expected > 0)


def _status(progress: pd.Series, expected: pd.Series, ratio: pd.Series) -> pd.Series:
    """Status from actual against expected progress.

    ``no_data`` without progress; ``achieved`` once the target is reached, whatever the date; ``off_track``
    once the whole way is expected (from the target date on; for a roll-up, when all its parts are past
    theirs) and the target is not reached, since it is then missed; ``on_track`` while nothing is expected
    yet (before the baseline date, or a roll-up whose parts carry no expectation); otherwise by
    ``STATUS_THRESHOLDS`` on the ratio (a ratio exactly at a threshold belongs to the better status).
    """
    nothing_expected = ~(expected > 0)
    everything_expected = expected >= 1.0 - _TOLERANCE
    conditions = [
        progress.isna().to_numpy(),
        (progress >= 1.0 - _TOLERANCE).to_numpy(),
        everything_expected.to_numpy(),
        (nothing_expected | (ratio >= STATUS_THRESHOLDS.on_track - _TOLERANCE)).to_numpy(),
        (ratio >= STATUS_THRESHOLDS.at_risk - _TOLERANCE).to_numpy(),
    ]
    choices = [
        Status.NO_DATA.value,
        Status.ACHIEVED.value,
        Status.OFF_TRACK.value,
        Status.ON_TRACK.value,
        Status.AT_RISK.value,
    ]
    return pd.Series(np.select(conditions, choices, default=Status.OFF_TRACK.value), index=progress.index)


def _roll_up(parts: pd.DataFrame, *, index: pd.Index) -> pd.DataFrame:
    """Weighted means of ``parts`` (parent_id, weight, progress, expected) per parent in ``index``.

    Parts without progress carry no weight; expected is averaged over the same parts (those of them that
    state one), so actual and expected stay comparable.
    """
    has_progress = parts["progress"].notna()
    weight = parts["weight"].astype("float64").where(has_progress, 0.0)
    expected_weight = weight.where(parts["expected"].notna(), 0.0)
    terms = pd.DataFrame(
        {
            "parent_id": parts["parent_id"],
            "w": weight,
            "wp": weight * parts["progress"].fillna(0.0),
            "we": expected_weight,
            "wep": expected_weight * parts["expected"].fillna(0.0),
        }
    )
    sums = terms.groupby("parent_id")[["w", "wp", "we", "wep"]].sum().reindex(index, fill_value=0.0)
    progress = sums["wp"] / sums["w"].where(sums["w"] > 0)
    expected = sums["wep"] / sums["we"].where(sums["we"] > 0)
    ratio = _ratio(progress, expected)
    return pd.DataFrame(
        {
            "progress": progress,
            "expected": expected,
            "ratio": ratio,
            "status": _status(progress, expected, ratio),
        },
        index=index,
    )
