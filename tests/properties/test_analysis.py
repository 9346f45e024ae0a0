"""Property-based tests of the other analysis modules (issue 15): indicator and goal progress
(``strategy.progress``), project completion (``portfolio.progress``), the skills gap's privacy rule
(``staffing.gaps``), AHP (``portfolio.ranking.ahp_weights``) and project cost (``portfolio.impact``).

Each property states something the module promises — a bound, an invariant, or agreement with a plain
reference computation written here — for any input of the kind it takes: empty and one-row frames,
missing values, non-finite numbers, targets equal to their baseline, rows in any order. No database.
"""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from portfolio import impact, ranking
from portfolio import progress as project_progress
from staffing import gaps
from strategy import progress

PROFILE = settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)

TODAY = dt.date(2026, 6, 30)
finite = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False)
maybe_missing = st.one_of(st.none(), finite)
any_float = st.floats(allow_nan=True, allow_infinity=True)
days = st.dates(min_value=dt.date(2020, 1, 1), max_value=dt.date(2032, 12, 31))


# --- indicator and goal progress ------------------------------------------------------------------------


@st.composite
def indicator_sets(
    draw, *, max_indicators: int = 4, max_measurements: int = 6, values=maybe_missing, ends=finite
):
    n = draw(st.integers(min_value=0, max_value=max_indicators))
    rows, measurements = [], []
    for i in range(1, n + 1):
        baseline = draw(ends)
        # A target equal to its baseline is a case of its own (no way to be part-way there).
        target = draw(st.one_of(st.just(baseline), ends))
        baseline_date = draw(days)
        target_date = draw(st.one_of(days, st.just(baseline_date)))
        rows.append(
            {
                "id": i,
                "goal_id": draw(st.integers(1, 2)),
                "baseline_value": baseline,
                "baseline_date": baseline_date,
                "target_value": target,
                "target_date": target_date,
                "weight": draw(st.floats(min_value=0.1, max_value=5)),
                "update_interval_days": draw(st.one_of(st.none(), st.integers(1, 400))),
            }
        )
        # Distinct dates per indicator, so "the latest" is one row whatever the order.
        dates = draw(st.lists(days, max_size=max_measurements, unique=True))
        measurements += [{"indicator_id": i, "date": d, "value": draw(values)} for d in dates]
    order = draw(st.permutations(range(len(measurements))))
    measurements = [measurements[k] for k in order]
    indicators = pd.DataFrame(rows, columns=list(_INDICATOR_INPUT))
    return indicators, pd.DataFrame(measurements, columns=["indicator_id", "date", "value"])


_INDICATOR_INPUT = (
    "id",
    "goal_id",
    "baseline_value",
    "baseline_date",
    "target_value",
    "target_date",
    "weight",
    "update_interval_days",
)


def _reference_progress(indicator: pd.Series, measurements: pd.DataFrame) -> float:
    """(latest − baseline) / (target − baseline) clipped to [0, 1], the latest measurement on or before
    today with a value; NaN without one or when target equals baseline."""
    own = measurements[
        (measurements["indicator_id"] == indicator["id"])
        & measurements["value"].notna()
        & (pd.to_datetime(measurements["date"]) <= pd.Timestamp(TODAY))
    ]
    span = indicator["target_value"] - indicator["baseline_value"]
    if own.empty or span == 0:
        return math.nan
    latest = own.sort_values("date")["value"].iloc[-1]
    return min(max((latest - indicator["baseline_value"]) / span, 0.0), 1.0)


@PROFILE
@given(data=indicator_sets())
def test_indicator_progress_is_the_reference_share_of_the_way_in_0_1(data):
    indicators, measurements = data
    table = progress.indicator_progress(indicators=indicators, measurements=measurements, today=TODAY)
    assert list(table.index) == list(indicators["id"])
    for _, indicator in indicators.iterrows():
        row = table.loc[indicator["id"]]
        expected = _reference_progress(indicator, measurements)
        if math.isnan(expected):
            assert math.isnan(row["progress"])
            assert row["status"] == progress.Status.NO_DATA.value
        else:
            assert math.isclose(row["progress"], expected, rel_tol=1e-9, abs_tol=1e-9)
        assert 0.0 <= row["expected"] <= 1.0
        assert row["n_measurements"] >= 0


@PROFILE
@given(data=indicator_sets(), seed=st.randoms(use_true_random=False))
def test_indicator_progress_does_not_depend_on_the_order_of_measurements(data, seed):
    indicators, measurements = data
    shuffled = measurements.sample(frac=1, random_state=seed.randint(0, 2**31)).reset_index(drop=True)
    a = progress.indicator_progress(indicators=indicators, measurements=measurements, today=TODAY)
    b = progress.indicator_progress(indicators=indicators, measurements=shuffled, today=TODAY)
    columns = ["latest_value", "n_measurements", "progress", "status", "stale"]
    pd.testing.assert_frame_equal(a[columns], b[columns])


@PROFILE
@given(data=indicator_sets(values=st.one_of(st.none(), any_float), ends=any_float))
def test_non_finite_values_never_give_progress_outside_0_1(data):
    indicators, measurements = data
    table = progress.indicator_progress(indicators=indicators, measurements=measurements, today=TODAY)
    known = table["progress"].dropna()
    assert ((known >= 0) & (known <= 1)).all()
    assert set(table["status"]) <= {s.value for s in progress.Status}


@PROFILE
@given(data=indicator_sets())
def test_goal_progress_is_the_weighted_mean_of_its_measured_indicators(data):
    indicators, measurements = data
    table = progress.indicator_progress(indicators=indicators, measurements=measurements, today=TODAY)
    goals = pd.DataFrame({"id": [1, 2, 3], "field_id": [1, 1, 1], "weight": [1.0, 1.0, 1.0]})
    rolled = progress.goal_progress(indicator_progress_frame=table, goals=goals)
    assert list(rolled.index) == [1, 2, 3]
    for goal_id in (1, 2, 3):
        own = table[(table["goal_id"] == goal_id) & table["progress"].notna()]
        row = rolled.loc[goal_id]
        assert row["indicator_count"] == int((table["goal_id"] == goal_id).sum())
        if own.empty:
            # Never measured: no progress, and so never "achieved" (issue 15: "100 % erreicht").
            assert math.isnan(row["progress"]) and row["status"] == progress.Status.NO_DATA.value
        else:
            mean = float(np.average(own["progress"], weights=own["weight"]))
            assert math.isclose(row["progress"], mean, rel_tol=1e-9, abs_tol=1e-9)
            assert 0.0 <= row["progress"] <= 1.0


# --- project completion ---------------------------------------------------------------------------------

STATUSES = ["proposed", "approved", "in_progress", "on_hold", "completed"]
COMMITTED = {"approved", "in_progress", "on_hold"}


@st.composite
def projects_and_reports(draw, *, max_projects: int = 5):
    n = draw(st.integers(min_value=0, max_value=max_projects))
    projects, reports = [], []
    for i in range(1, n + 1):
        start = draw(st.one_of(st.none(), days))
        end = draw(st.one_of(st.none(), days))
        projects.append(
            {"id": i, "status": draw(st.sampled_from(STATUSES)), "planned_start": start, "planned_end": end}
        )
        for d in draw(st.lists(days, max_size=3, unique=True)):
            reports.append({"project_id": i, "date": d, "percent_complete": draw(st.integers(0, 100))})
    order = draw(st.permutations(range(len(reports))))
    return (
        pd.DataFrame(projects, columns=["id", "status", "planned_start", "planned_end"]),
        pd.DataFrame([reports[k] for k in order], columns=["project_id", "date", "percent_complete"]),
    )


@PROFILE
@given(data=projects_and_reports())
def test_project_completion_follows_status_and_latest_report(data):
    projects, reports = data
    table = project_progress.project_completion(
        projects=projects, reports=reports, today=TODAY, committed=COMMITTED, completed="completed"
    )
    assert list(table.index) == list(projects["id"])
    for _, project in projects.iterrows():
        row = table.loc[project["id"]]
        own = reports[reports["project_id"] == project["id"]].sort_values("date")
        if project["status"] == "completed":
            assert row["progress"] == 1.0
        elif not own.empty:
            assert math.isclose(row["progress"], own["percent_complete"].iloc[-1] / 100)
        elif project["status"] in COMMITTED:
            assert row["progress"] == 0.0
        else:
            assert math.isnan(row["progress"])
        if project["planned_start"] is None or project["planned_end"] is None:
            assert math.isnan(row["expected"])
        else:
            assert 0.0 <= row["expected"] <= 1.0
            if max(project["planned_end"], project["planned_start"]) <= TODAY:
                assert row["expected"] == 1.0


# --- the privacy rule of the skills gap -----------------------------------------------------------------


@PROFILE
@given(
    rows=st.lists(
        st.tuples(
            st.one_of(st.none(), st.integers(0, 30)),
            st.one_of(st.none(), st.just(math.nan), st.floats(min_value=-5, max_value=50)),
            st.booleans(),
        ),
        max_size=12,
    ),
    min_group=st.integers(1, 8),
)
def test_suppression_never_leaves_a_count_under_the_minimum_nor_its_flag(rows, min_group):
    frame = pd.DataFrame(rows, columns=["holders", "gap_fte", "shortage"])
    result = gaps.suppress(
        frame=frame, count_column="holders", value_columns=["gap_fte", "shortage"], min_group=min_group
    )
    assert len(result) == len(frame)
    visible = result["holders"].dropna()
    assert not ((visible >= 1) & (visible < min_group)).any()
    for (count, gap, short), (_, row) in zip(rows, result.iterrows(), strict=True):
        hidden = count is not None and 1 <= count < min_group
        assert bool(row["suppressed"]) is hidden
        if hidden:
            assert pd.isna(row["holders"]) and pd.isna(row["gap_fte"]) and pd.isna(row["shortage"])
        else:
            assert (pd.isna(row["holders"]) and count is None) or row["holders"] == count
            assert bool(row["shortage"]) is short
            assert (pd.isna(row["gap_fte"]) and (gap is None or math.isnan(gap))) or row["gap_fte"] == gap


@PROFILE
@given(
    rows=st.lists(
        st.tuples(
            st.integers(1, 3),
            st.integers(0, 3),
            st.floats(min_value=0, max_value=10),
            st.floats(min_value=0, max_value=10),
            st.integers(0, 9),
        ),
        max_size=10,
        unique_by=lambda r: (r[0], r[1]),
    )
)
def test_a_suppressed_row_is_never_counted_short(rows):
    frame = pd.DataFrame(
        {
            "skill_id": [r[0] for r in rows],
            "quarter": pd.PeriodIndex([pd.Period("2026Q1", "Q") + r[1] for r in rows], freq="Q"),
            "demand_fte": [r[2] for r in rows],
            "gap_fte": [min(r[3], r[2]) for r in rows],
            "holders": [r[4] for r in rows],
        }
    )
    frame["shortage"] = frame["gap_fte"] > 0
    hidden = gaps.suppress(frame=frame, count_column="holders", value_columns=["gap_fte", "shortage"])
    summary = gaps.gap_summary(gaps=hidden)
    demanded = hidden[hidden["demand_fte"] > 0]
    assert list(summary.index) == sorted(set(demanded["skill_id"]))
    for skill_id, row in summary.iterrows():
        own = demanded[demanded["skill_id"] == skill_id]
        shown_short = own[~own["suppressed"] & own["shortage"].fillna(False).astype(bool)]
        assert row["quarters_short"] == len(shown_short)
        assert bool(row["shortage"]) is (len(shown_short) > 0)
        assert bool(row["suppressed"]) is bool(own["suppressed"].any())


# --- AHP ------------------------------------------------------------------------------------------------

SAATY = [1 / 9, 1 / 8, 1 / 7, 1 / 6, 1 / 5, 1 / 4, 1 / 3, 1 / 2, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0]


@PROFILE
@given(weights=st.lists(st.floats(min_value=0.01, max_value=100), min_size=1, max_size=8))
def test_a_consistent_matrix_gives_back_its_weights_with_cr_zero(weights):
    w = np.asarray(weights)
    matrix = w[:, None] / w[None, :]
    result = ranking.ahp_weights(matrix)
    assert np.allclose(np.asarray(result.weights), w / w.sum(), atol=1e-9)
    assert math.isclose(float(np.sum(result.weights)), 1.0, abs_tol=1e-9)
    assert result.cr == 0 or result.cr < 1e-9
    assert result.consistent


@PROFILE
@given(data=st.data(), n=st.integers(1, 7))
def test_any_saaty_judgements_give_positive_weights_summing_to_one_and_cr_at_least_zero(data, n):
    keys = [f"c{i}" for i in range(n)]
    judgements = {
        (a, b): data.draw(st.sampled_from(SAATY)) for i, a in enumerate(keys) for b in keys[i + 1 :]
    }
    result = ranking.ahp_weights(ranking.pairwise_matrix(keys, judgements, unjudged=None))
    weights = np.asarray(result.weights)
    assert (weights > 0).all()
    assert math.isclose(weights.sum(), 1.0, abs_tol=1e-9)
    assert result.cr >= 0 and result.ci >= 0
    assert result.lambda_max >= n - 1e-9  # Perron: λ_max ≥ n for a positive reciprocal matrix
    assert result.consistent is (result.cr <= ranking.CR_THRESHOLD)


# --- project cost ---------------------------------------------------------------------------------------

amounts = st.one_of(st.none(), st.floats(min_value=0, max_value=1e9))


@PROFILE
@given(
    projects=st.lists(amounts, max_size=5),
    costs=st.lists(st.tuples(st.integers(1, 7), st.integers(2024, 2032), amounts, amounts), max_size=10),
)
def test_total_cost_is_external_cost_plus_every_planned_year(projects, costs):
    project_frame = pd.DataFrame(
        {"id": list(range(1, len(projects) + 1)), "external_cost": projects}, columns=["id", "external_cost"]
    )
    cost_frame = pd.DataFrame(costs, columns=["project_id", "year", "invest", "operating"])
    yearly = impact.cost_per_year(costs=cost_frame)
    assert len(yearly) == len(cost_frame)
    assert np.allclose(yearly["cost"], yearly["invest"] + yearly["operating"])
    assert (yearly["cost"] >= 0).all()
    total = impact.total_cost(projects=project_frame, costs=cost_frame)
    assert list(total.index) == list(project_frame["id"])
    for pid, external in zip(project_frame["id"], projects, strict=True):
        reference = (external or 0.0) + sum(
            (invest or 0.0) + (operating or 0.0) for p, _y, invest, operating in costs if p == pid
        )
        assert math.isclose(total[pid], reference, rel_tol=1e-12, abs_tol=1e-6)


# --- the skills gap itself ------------------------------------------------------------------------------

QUARTERS = pd.period_range("2026Q1", periods=3, freq="Q")
gap_days = st.one_of(st.none(), st.dates(min_value=dt.date(2025, 10, 1), max_value=dt.date(2027, 3, 31)))
ftes = st.one_of(st.none(), st.floats(min_value=0, max_value=1))


@st.composite
def staffing_data(draw):
    n_staff = draw(st.integers(0, 4))
    staff = pd.DataFrame(
        [
            {"id": i, "org_unit_id": 1, "fte": draw(ftes), "exit_date": draw(gap_days)}
            for i in range(1, n_staff + 1)
        ],
        columns=list(gaps.STAFF_INPUT),
    )
    held = [
        {
            "staff_id": draw(st.integers(1, n_staff + 1)),  # sometimes someone not on the staff list
            "skill_id": draw(st.integers(1, 2)),
            "level": draw(st.one_of(st.none(), st.integers(1, 5))),
            "valid_until": draw(gap_days),
        }
        for _ in range(draw(st.integers(0, 6)))
    ]
    demands = [
        {
            "skill_id": draw(st.integers(1, 2)),
            "level": draw(st.integers(1, 5)),
            "fte": draw(st.one_of(st.none(), st.floats(min_value=0, max_value=3))),
            "start": draw(gap_days),
            "end": draw(gap_days),
        }
        for _ in range(draw(st.integers(0, 4)))
    ]
    hires = [
        {
            "skill_id": draw(st.integers(1, 2)),
            "level": draw(st.integers(1, 5)),
            "fte": draw(ftes),
            "expected_date": draw(gap_days),
        }
        for _ in range(draw(st.integers(0, 2)))
    ]
    return (
        staff,
        pd.DataFrame(held, columns=list(gaps.STAFF_SKILL_INPUT)),
        pd.DataFrame(demands, columns=list(gaps.DEMAND_INPUT)),
        pd.DataFrame(hires, columns=list(gaps.HIRE_INPUT)),
    )


def _fte(value) -> float:
    return 0.0 if value is None or pd.isna(value) else float(value)  # missing FTE counts as 0


def _reference_gap(staff, held, demands, hires, skill_id, quarter) -> tuple[float, float]:
    """Demand D(1) and gap max_L (D(L) − S(L)) floored at 0, by the module docstring's rules, row by row."""
    first, last = quarter.start_time.date(), quarter.end_time.date()
    length = (last - first).days + 1
    people = {row.id: row for row in staff.itertuples()}
    at = {level: [0.0, 0.0] for level in gaps.LEVELS}  # level -> [demand at ≥ level, supply at ≥ level]
    for row in demands.itertuples():
        if row.skill_id != skill_id or row.start is None or row.end is None:
            continue
        overlap = max((min(row.end, last) - max(row.start, first)).days + 1, 0)
        for level in gaps.LEVELS:
            if row.level >= level:
                at[level][0] += _fte(row.fte) * overlap / length
    for row in held.itertuples():
        person = people.get(row.staff_id)
        if row.skill_id != skill_id or person is None or row.level is None or pd.isna(row.level):
            continue
        if (person.exit_date is not None and person.exit_date <= first) or (
            row.valid_until is not None and row.valid_until < first
        ):
            continue
        for level in gaps.LEVELS:
            if row.level >= level:
                at[level][1] += _fte(person.fte)
    for row in hires.itertuples():
        if row.skill_id != skill_id or row.expected_date is None or row.expected_date > last:
            continue
        for level in gaps.LEVELS:
            if row.level >= level:
                at[level][1] += _fte(row.fte)
    worst = max(demand - supply for demand, supply in at.values())
    return at[1][0], (worst if worst > 1e-9 else 0.0)


@PROFILE
@given(data=staffing_data())
def test_the_gap_is_the_reference_maximum_of_level_shortfalls_and_lies_within_the_demand(data):
    staff, held, demands, hires = data
    table = gaps.skill_gaps(staff=staff, staff_skills=held, demands=demands, hires=hires, periods=QUARTERS)
    assert list(table.columns) == list(gaps.GAP_COLUMNS)
    rows = {(row.skill_id, row.quarter): row for row in table.itertuples()}
    for skill_id in (1, 2):
        for quarter in QUARTERS:
            demand, gap = _reference_gap(staff, held, demands, hires, skill_id, quarter)
            row = rows.get((skill_id, quarter))
            if row is None:
                assert demand == 0 and gap == 0  # a skill without demand or supply is left out
                continue
            assert math.isclose(row.demand_fte, demand, abs_tol=1e-9)
            assert math.isclose(row.gap_fte, gap, abs_tol=1e-9)
            assert 0.0 <= row.gap_fte <= row.demand_fte + 1e-9
            assert 0.0 <= row.coverage <= 1.0
            if row.demand_fte > 0:
                assert math.isclose(row.coverage, 1 - row.gap_fte / row.demand_fte, abs_tol=1e-9)
            assert pd.isna(row.needed_level) is (row.gap_fte == 0)
