"""Strategy progress (DESIGN.md §5) on hand-computed cases, without a database.

Unless a test says otherwise an indicator runs from 0 on day 0 (1 January 2024) to 100 on day 200, and
"today" is day 100, so half of the way is expected.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

import numpy as np
import pandas as pd
import pytest

from strategy.progress import (
    DAYS_PER_YEAR,
    INDICATOR_COLUMNS,
    ROLL_UP_COLUMNS,
    STATUS_THRESHOLDS,
    Status,
    field_progress,
    goal_progress,
    indicator_progress,
    strategy_progress,
)

START = dt.date(2024, 1, 1)


def day(n: int) -> dt.date:
    return START + dt.timedelta(days=n)


def indicator(id: int = 1, **fields) -> dict:
    return {
        "id": id,
        "goal_id": 10,
        "baseline_value": 0.0,
        "baseline_date": START,
        "target_value": 100.0,
        "target_date": day(200),
        "weight": 1.0,
        "update_interval_days": None,
    } | fields


def measurements(*rows: tuple[int, int, float]) -> pd.DataFrame:
    """Rows of (indicator id, day, value)."""
    return pd.DataFrame(
        [(indicator_id, day(n), value) for indicator_id, n, value in rows],
        columns=["indicator_id", "date", "value"],
    )


def progress_of(*indicators: dict, points: pd.DataFrame | None = None, today: int = 100) -> pd.DataFrame:
    return indicator_progress(
        indicators=pd.DataFrame(indicators),
        measurements=measurements() if points is None else points,
        today=day(today),
    )


def one(*indicators: dict, points: pd.DataFrame | None = None, today: int = 100) -> pd.Series:
    return progress_of(*indicators, points=points, today=today).iloc[0]


class TestIndicatorProgress:
    def test_increasing_half_way_at_half_time_is_on_track(self):
        row = one(indicator(), points=measurements((1, 50, 20.0), (1, 100, 50.0)))
        assert row["progress"] == 0.5
        assert row["expected"] == 0.5
        assert row["ratio"] == 1.0
        assert row["status"] == Status.ON_TRACK
        assert row["latest_value"] == 50.0
        assert row["latest_date"] == pd.Timestamp(day(100))
        assert row["n_measurements"] == 2

    def test_the_latest_measurement_is_the_latest_by_date_not_by_row(self):
        row = one(indicator(), points=measurements((1, 100, 50.0), (1, 50, 20.0)))
        assert row["latest_value"] == 50.0

    def test_decreasing_indicator_counts_a_fall_as_progress(self):
        # Processing time from 30 days down to 10 days; 20 days is half of the way.
        row = one(
            indicator(baseline_value=30.0, target_value=10.0),
            points=measurements((1, 100, 20.0)),
        )
        assert row["progress"] == 0.5
        assert row["status"] == Status.ON_TRACK

    def test_moving_away_from_the_target_is_clipped_to_no_progress(self):
        row = one(indicator(baseline_value=30.0, target_value=10.0), points=measurements((1, 100, 35.0)))
        assert row["progress"] == 0.0
        assert row["status"] == Status.OFF_TRACK

    @pytest.mark.parametrize(("baseline", "target", "latest"), [(0.0, 100.0, 120.0), (30.0, 10.0, 8.0)])
    def test_target_met_early_is_achieved_and_clipped(self, baseline, target, latest):
        row = one(
            indicator(baseline_value=baseline, target_value=target),
            points=measurements((1, 50, latest)),
            today=60,
        )
        assert row["progress"] == 1.0
        assert row["status"] == Status.ACHIEVED

    def test_no_measurement_means_no_data(self):
        row = one(indicator())
        assert np.isnan(row["progress"])
        assert np.isnan(row["latest_value"])
        assert pd.isna(row["latest_date"])
        assert row["n_measurements"] == 0
        assert row["expected"] == 0.5
        assert np.isnan(row["ratio"])
        assert row["status"] == Status.NO_DATA

    def test_measurement_after_the_target_date_is_still_the_latest(self):
        row = one(indicator(), points=measurements((1, 150, 60.0), (1, 250, 90.0)), today=300)
        assert row["expected"] == 1.0
        assert row["latest_value"] == 90.0
        assert row["latest_date"] == pd.Timestamp(day(250))
        assert row["progress"] == 0.9
        assert row["status"] == Status.OFF_TRACK  # the target date has passed and the target is missed

    @pytest.mark.parametrize("latest", [96.0, 99.0, 99.99])
    def test_past_the_target_date_short_of_the_target_is_off_track(self, latest):
        # Issue 15: "96 % on track" beside "the target will be missed". From the target date on the target
        # itself is expected, so status and forecast say the same.
        row = one(indicator(), points=measurements((1, 150, 60.0), (1, 190, latest)), today=250)
        assert row["expected"] == 1.0
        assert row["ratio"] == pytest.approx(latest / 100)
        assert row["status"] == Status.OFF_TRACK
        assert not row["forecast_meets_target"]

    def test_on_the_target_date_itself_the_target_is_expected(self):
        row = one(indicator(), points=measurements((1, 190, 96.0)), today=200)
        assert (row["expected"], row["status"]) == (1.0, Status.OFF_TRACK)

    def test_past_the_target_date_the_target_reached_is_achieved(self):
        row = one(indicator(), points=measurements((1, 190, 100.0)), today=250)
        assert row["status"] == Status.ACHIEVED
        assert row["forecast_meets_target"]

    def test_status_and_forecast_agree_after_the_target_date(self):
        frame = progress_of(
            *(indicator(i) for i in range(1, 6)),
            points=measurements(*((i, 190, value) for i, value in enumerate([50, 90, 96, 100, 120], 1))),
            today=300,
        )
        achieved = frame["status"] == Status.ACHIEVED
        assert achieved.tolist() == frame["forecast_meets_target"].astype(bool).tolist()
        assert set(frame.loc[~achieved, "status"]) == {Status.OFF_TRACK}

    def test_measurements_after_today_are_not_yet_known(self):
        # Recorded before the model refused them, or a report as of an earlier day: a later value is no
        # part of the progress at ``today``.
        row = one(indicator(), points=measurements((1, 50, 20.0), (1, 150, 95.0)), today=100)
        assert (row["latest_value"], row["n_measurements"]) == (20.0, 1)
        assert row["latest_date"] == pd.Timestamp(day(50))
        assert row["progress"] == 0.2
        assert row["trend_slope_per_year"] == pytest.approx(0.4 * DAYS_PER_YEAR)  # through (0, 0), (50, 20)

    def test_only_measurements_after_today_is_no_data(self):
        row = one(indicator(), points=measurements((1, 150, 100.0)), today=100)
        assert row["status"] == Status.NO_DATA
        assert np.isnan(row["progress"])

    @pytest.mark.parametrize(
        ("latest", "status"),
        [
            (50.0, Status.ON_TRACK),
            (47.5, Status.ON_TRACK),  # ratio 0.95 exactly
            (47.4, Status.AT_RISK),
            (42.5, Status.AT_RISK),  # ratio 0.85 exactly
            (42.4, Status.OFF_TRACK),
            (0.0, Status.OFF_TRACK),
        ],
    )
    def test_status_thresholds(self, latest, status):
        row = one(indicator(), points=measurements((1, 90, latest)))
        assert row["status"] == status

    def test_thresholds_are_the_designed_ones(self):
        assert STATUS_THRESHOLDS == (0.95, 0.85)
        assert STATUS_THRESHOLDS.on_track == 0.95
        assert STATUS_THRESHOLDS.at_risk == 0.85

    def test_nothing_is_expected_before_the_baseline_date(self):
        row = one(indicator(baseline_date=day(10)), points=measurements((1, 5, 0.0)), today=5)
        assert row["expected"] == 0.0
        assert np.isnan(row["ratio"])
        assert row["status"] == Status.ON_TRACK

    def test_equal_baseline_and_target_do_not_divide_by_zero(self):
        row = one(indicator(target_value=0.0), points=measurements((1, 100, 5.0)))
        assert np.isnan(row["progress"])
        assert np.isnan(row["forecast_progress"])
        assert row["status"] == Status.NO_DATA

    @pytest.mark.parametrize(
        ("interval", "points", "today", "stale"),
        [
            (30, [(1, 10, 5.0)], 41, True),  # due on day 40
            (30, [(1, 10, 5.0)], 40, False),  # due today: not yet late
            (30, [], 31, True),  # no measurement: counted from the baseline date
            (30, [], 30, False),
            (None, [(1, 10, 5.0)], 400, False),  # no interval, never stale
            (np.nan, [], 400, False),
        ],
    )
    def test_stale(self, interval, points, today, stale):
        row = one(indicator(update_interval_days=interval), points=measurements(*points), today=today)
        assert bool(row["stale"]) is stale


class TestForecast:
    """A trend of +10 per 365 days from 100 at the baseline date reaches 130 after 3 × 365 days."""

    @staticmethod
    def linear(target_value: float, today: int = 730) -> pd.Series:
        return one(
            indicator(baseline_value=100.0, target_value=target_value, target_date=day(3 * 365)),
            points=measurements((1, 365, 110.0), (1, 730, 120.0)),
            today=today,
        )

    def test_exact_linear_series_is_forecast_exactly(self):
        row = self.linear(target_value=130.0)
        assert row["forecast_value"] == pytest.approx(130.0)
        assert row["trend_intercept"] == pytest.approx(100.0)
        assert row["trend_slope_per_year"] == pytest.approx(10.0 / 365 * DAYS_PER_YEAR)
        assert row["forecast_progress"] == pytest.approx(1.0)
        assert bool(row["forecast_meets_target"]) is True

    def test_forecast_short_of_the_target(self):
        row = self.linear(target_value=140.0)
        assert row["forecast_progress"] == pytest.approx(0.75)  # (130 - 100) / (140 - 100)
        assert bool(row["forecast_meets_target"]) is False

    def test_forecast_progress_shows_overshoot(self):
        row = self.linear(target_value=120.0, today=800)
        assert row["forecast_progress"] == pytest.approx(1.5)  # (130 - 100) / (120 - 100)
        assert row["progress"] == 1.0

    def test_least_squares_through_baseline_and_measurements(self):
        # Points (t, v): (0, 0), (100, 10), (200, 14). Means 100 and 8; slope = (100·8 + 100·6) / 20000
        # = 0.07 per day; intercept = 8 − 0.07 · 100 = 1; at day 400: 1 + 28 = 29.
        row = one(
            indicator(target_date=day(400)),
            points=measurements((1, 100, 10.0), (1, 200, 14.0)),
            today=200,
        )
        assert row["trend_slope_per_year"] == pytest.approx(0.07 * DAYS_PER_YEAR)
        assert row["trend_intercept"] == pytest.approx(1.0)
        assert row["forecast_value"] == pytest.approx(29.0)
        assert row["forecast_progress"] == pytest.approx(0.29)
        assert bool(row["forecast_meets_target"]) is False

    def test_falling_trend_forecast_clipped_at_zero(self):
        row = one(indicator(), points=measurements((1, 100, -50.0)))
        assert row["forecast_value"] == pytest.approx(-100.0)
        assert row["forecast_progress"] == 0.0

    @pytest.mark.parametrize("points", [[], [(1, 0, 7.0)]], ids=["baseline only", "same date as baseline"])
    def test_fewer_than_two_dates_give_no_forecast(self, points):
        row = one(indicator(), points=measurements(*points))
        assert np.isnan(row["forecast_value"])
        assert np.isnan(row["forecast_progress"])
        assert np.isnan(row["trend_slope_per_year"])
        assert np.isnan(row["trend_intercept"])
        assert row["forecast_meets_target"] is pd.NA

    def test_one_measurement_after_the_baseline_is_enough(self):
        row = one(indicator(), points=measurements((1, 100, 40.0)))
        assert row["forecast_value"] == pytest.approx(80.0)
        assert bool(row["forecast_meets_target"]) is False

    @pytest.mark.parametrize(
        ("points", "meets"),
        [
            # The trend through (0, 0), (50, 100), (250, 100) gives ≈ 95 on day 200, but 100 was measured.
            ([(1, 50, 100.0), (1, 250, 100.0)], True),
            # The trend through (0, 0), (190, 150), (250, 95) gives ≈ 107 on day 200, but 95 was measured.
            ([(1, 190, 150.0), (1, 250, 95.0)], False),
        ],
    )
    def test_after_the_target_date_the_actual_value_decides(self, points, meets):
        row = one(indicator(), points=measurements(*points), today=300)
        assert bool(row["forecast_value"] >= 100.0) is not meets
        assert bool(row["forecast_meets_target"]) is meets

    def test_after_the_target_date_without_data_it_is_unknown(self):
        assert one(indicator(), today=300)["forecast_meets_target"] is pd.NA


class TestShapes:
    def test_empty_measurement_frame(self):
        frame = indicator_progress(
            indicators=pd.DataFrame([indicator(1), indicator(2, update_interval_days=7)]),
            measurements=pd.DataFrame(columns=["indicator_id", "date", "value"]),
            today=day(100),
        )
        assert list(frame.columns) == list(INDICATOR_COLUMNS)
        assert list(frame.index) == [1, 2]
        assert (frame["status"] == Status.NO_DATA).all()
        assert frame["n_measurements"].tolist() == [0, 0]
        assert frame["stale"].tolist() == [False, True]
        assert pd.api.types.is_datetime64_any_dtype(frame["latest_date"])

    def test_everything_empty(self):
        result = strategy_progress(
            indicators=pd.DataFrame(columns=list(indicator())),
            measurements=pd.DataFrame(columns=["indicator_id", "date", "value"]),
            goals=pd.DataFrame(columns=["id", "field_id", "weight"]),
            today=day(100),
        )
        assert result.indicators.empty
        assert list(result.goals.columns) == list(ROLL_UP_COLUMNS)
        assert result.fields.empty

    def test_measurements_of_unknown_indicators_and_missing_values_are_ignored(self):
        points = measurements((1, 100, 50.0), (2, 100, 10.0), (1, 150, np.nan))
        frame = progress_of(indicator(), points=points)
        assert list(frame.index) == [1]
        assert frame.loc[1, "latest_value"] == 50.0
        assert frame.loc[1, "n_measurements"] == 1

    def test_timestamps_and_decimals_are_accepted(self):
        row = one(
            indicator(
                baseline_value=Decimal("0"), target_value=Decimal("100"), baseline_date=pd.Timestamp(START)
            ),
            points=pd.DataFrame(
                {"indicator_id": [1], "date": [pd.Timestamp(day(100))], "value": [Decimal("50.0")]}
            ),
        )
        assert row["progress"] == 0.5

    def test_many_indicators_at_once(self):
        # 2,000 indicators × 20 measurements: indicator i rises by 1 every 10 days, so on day 200 its latest
        # value is 20 of 100 (progress 0.2 against 0.5 expected) and its trend is exactly 0.1 per day.
        n_indicators, n_points = 2_000, 20
        ids = np.arange(1, n_indicators + 1)
        indicators = pd.DataFrame(
            {
                "id": ids,
                "goal_id": ids % 50,
                "baseline_value": 0.0,
                "baseline_date": pd.Timestamp(START),
                "target_value": 100.0,
                "target_date": pd.Timestamp(day(400)),
                "weight": 1.0 + ids % 3,
                "update_interval_days": np.where(ids % 2 == 0, 90.0, np.nan),
            }
        )
        steps = np.tile(np.arange(1, n_points + 1), n_indicators)
        points = pd.DataFrame(
            {
                "indicator_id": np.repeat(ids, n_points),
                "date": pd.Timestamp(START) + pd.to_timedelta(steps * 10, unit="D"),
                "value": steps.astype(float),
            }
        )
        goals = pd.DataFrame({"id": np.arange(50), "field_id": np.arange(50) % 5, "weight": 1.0})
        result = strategy_progress(indicators=indicators, measurements=points, goals=goals, today=day(200))

        assert len(result.indicators) == n_indicators
        assert (result.indicators["n_measurements"] == n_points).all()
        assert np.allclose(result.indicators["progress"], 0.2)
        assert np.allclose(result.indicators["forecast_value"], 40.0)
        assert (result.indicators["status"] == Status.OFF_TRACK).all()
        assert not result.indicators["stale"].any()
        assert result.goals["indicator_count"].sum() == n_indicators
        assert np.allclose(result.fields["progress"], 0.2)
        assert len(result.fields) == 5


def roll_up_inputs() -> tuple[pd.DataFrame, pd.DataFrame]:
    """Goal 10: three indicators, one without data; goal 11: one without data; goal 12: none.

    Goals 10 and 11 belong to field 1 (weights 2 and 1), goal 12 to field 2.
    """
    indicators = pd.DataFrame(
        {
            "goal_id": [10, 10, 10, 11],
            "weight": [1.0, 3.0, 2.0, 1.0],
            "progress": [0.2, 0.6, np.nan, np.nan],
            "expected": [0.4, 0.8, 0.5, 0.5],
            "stale": [True, False, True, False],
        },
        index=pd.Index([1, 2, 3, 4], name="indicator_id"),
    )
    goals = pd.DataFrame({"id": [10, 11, 12], "field_id": [1, 1, 2], "weight": [2.0, 1.0, 1.0]})
    return indicators, goals


CONTRIBUTIONS = pd.DataFrame(
    {"goal_id": [10, 11], "weight": [4.0, 1.0], "progress": [1.0, 0.3], "expected": [1.0, 0.3]}
)


class TestGoalProgress:
    def test_weighted_mean_ignores_indicators_without_data(self):
        indicators, goals = roll_up_inputs()
        frame = goal_progress(indicator_progress_frame=indicators, goals=goals)

        assert list(frame.columns) == list(ROLL_UP_COLUMNS)
        goal = frame.loc[10]
        assert goal["progress"] == pytest.approx(0.5)  # (1 · 0.2 + 3 · 0.6) / 4
        assert goal["expected"] == pytest.approx(0.7)  # (1 · 0.4 + 3 · 0.8) / 4, indicator 3 left out
        assert goal["ratio"] == pytest.approx(0.5 / 0.7)
        assert goal["status"] == Status.OFF_TRACK
        assert goal["indicator_count"] == 3
        assert goal["stale_count"] == 2

        assert np.isnan(frame.loc[11, "progress"])
        assert frame.loc[11, "status"] == Status.NO_DATA
        assert frame.loc[11, "indicator_count"] == 1
        assert frame.loc[12, "status"] == Status.NO_DATA
        assert frame.loc[12, "indicator_count"] == 0
        assert frame.loc[12, "stale_count"] == 0

    def test_project_contributions_are_rolled_in(self):
        indicators, goals = roll_up_inputs()
        frame = goal_progress(indicator_progress_frame=indicators, goals=goals, contributions=CONTRIBUTIONS)

        assert frame.loc[10, "progress"] == pytest.approx(0.75)  # (0.2 + 1.8 + 4 · 1.0) / 8
        assert frame.loc[10, "expected"] == pytest.approx(0.85)  # (0.4 + 2.4 + 4 · 1.0) / 8
        assert frame.loc[10, "status"] == Status.AT_RISK  # 0.75 / 0.85 ≈ 0.88
        assert frame.loc[11, "progress"] == pytest.approx(0.3)
        assert frame.loc[11, "status"] == Status.ON_TRACK
        assert frame.loc[11, "indicator_count"] == 1

    @pytest.mark.parametrize("contributions", [None, CONTRIBUTIONS.iloc[:0]], ids=["none", "empty"])
    def test_no_contributions(self, contributions):
        indicators, goals = roll_up_inputs()
        frame = goal_progress(indicator_progress_frame=indicators, goals=goals, contributions=contributions)
        assert frame.loc[10, "progress"] == pytest.approx(0.5)

    def test_contributions_from_decimal_fields(self):
        indicators, goals = roll_up_inputs()
        contributions = pd.DataFrame(
            {
                "goal_id": [12],
                "weight": [Decimal("1")],
                "progress": [Decimal("0.4")],
                "expected": [Decimal("0.5")],
            }
        )
        frame = goal_progress(indicator_progress_frame=indicators, goals=goals, contributions=contributions)
        assert frame.loc[12, "progress"] == pytest.approx(0.4)
        assert frame.loc[12, "status"] == Status.OFF_TRACK  # 0.4 / 0.5 = 0.8
        assert frame.loc[12, "indicator_count"] == 0

    @pytest.mark.parametrize("today", [100, 300], ids=["before-target", "after-target"])
    def test_goal_whose_only_indicator_was_never_measured_has_no_progress(self, today):
        # Issue 15: such a goal showed "100 % achieved". Without a measured indicator and without a project
        # contribution there is no progress: NaN ("–" on the pages, null in the API), status "no data".
        goals = pd.DataFrame({"id": [10], "field_id": [1], "weight": [1.0]})
        result = strategy_progress(
            indicators=pd.DataFrame([indicator()]),
            measurements=measurements(),
            goals=goals,
            today=day(today),
        )
        for frame in (result.indicators, result.goals, result.fields):
            assert np.isnan(frame.iloc[0]["progress"])
            assert frame.iloc[0]["status"] == Status.NO_DATA

    def test_goal_past_the_target_date_of_all_its_parts_is_off_track_short_of_them(self):
        indicators = pd.DataFrame(
            {"goal_id": [10, 10], "weight": [1.0, 1.0], "progress": [1.0, 0.92], "expected": [1.0, 1.0]},
        ).assign(stale=False)
        goals = pd.DataFrame({"id": [10], "field_id": [1], "weight": [1.0]})
        goal = goal_progress(indicator_progress_frame=indicators, goals=goals).loc[10]
        assert goal["progress"] == pytest.approx(0.96)
        assert goal["status"] == Status.OFF_TRACK

    def test_goal_of_achieved_indicators_is_achieved(self):
        indicators = pd.DataFrame(
            {"goal_id": [10, 10], "weight": [1.0, 1.0], "progress": [1.0, 1.0], "expected": [0.3, 0.3]},
        ).assign(stale=False)
        goals = pd.DataFrame({"id": [10], "field_id": [1], "weight": [1.0]})
        frame = goal_progress(indicator_progress_frame=indicators, goals=goals)
        assert frame.loc[10, "status"] == Status.ACHIEVED

    def test_takes_the_output_of_indicator_progress(self):
        frame = progress_of(
            indicator(1, weight=1.0),
            indicator(2, weight=3.0, baseline_value=30.0, target_value=10.0),
            indicator(3, weight=5.0),
            points=measurements((1, 100, 50.0), (2, 100, 26.0)),
        )
        goals = pd.DataFrame({"id": [10], "field_id": [1], "weight": [1.0]})
        goal = goal_progress(indicator_progress_frame=frame, goals=goals).loc[10]
        assert goal["progress"] == pytest.approx((0.5 + 3 * 0.2) / 4)
        assert goal["expected"] == pytest.approx(0.5)
        assert goal["indicator_count"] == 3


class TestFieldProgress:
    def test_goals_roll_up_by_goal_weight(self):
        indicators, goals = roll_up_inputs()
        goal_frame = goal_progress(
            indicator_progress_frame=indicators, goals=goals, contributions=CONTRIBUTIONS
        )
        frame = field_progress(goal_progress_frame=goal_frame, goals=goals)

        assert list(frame.columns) == list(ROLL_UP_COLUMNS)
        assert list(frame.index) == [1, 2]
        field = frame.loc[1]
        assert field["progress"] == pytest.approx(0.6)  # (2 · 0.75 + 1 · 0.3) / 3
        assert field["expected"] == pytest.approx(2.0 / 3)  # (2 · 0.85 + 1 · 0.3) / 3
        assert field["status"] == Status.AT_RISK  # ratio 0.9
        assert field["indicator_count"] == 4
        assert field["stale_count"] == 2
        assert frame.loc[2, "status"] == Status.NO_DATA
        assert frame.loc[2, "indicator_count"] == 0

    def test_goal_without_data_is_left_out(self):
        indicators, goals = roll_up_inputs()
        goal_frame = goal_progress(indicator_progress_frame=indicators, goals=goals)
        field = field_progress(goal_progress_frame=goal_frame, goals=goals).loc[1]
        assert field["progress"] == pytest.approx(0.5)
        assert field["expected"] == pytest.approx(0.7)


def test_strategy_progress_bundles_the_three_levels():
    indicators = pd.DataFrame([indicator(1), indicator(2, goal_id=11)])
    goals = pd.DataFrame({"id": [10, 11], "field_id": [1, 1], "weight": [1.0, 1.0]})
    result = strategy_progress(
        indicators=indicators,
        measurements=measurements((1, 100, 50.0), (2, 100, 30.0)),
        goals=goals,
        today=day(100),
        contributions=pd.DataFrame({"goal_id": [11], "weight": [1.0], "progress": [0.5], "expected": [0.5]}),
    )
    assert result.indicators["progress"].tolist() == [0.5, 0.3]
    assert result.goals["progress"].tolist() == pytest.approx([0.5, 0.4])
    assert result.fields.loc[1, "progress"] == pytest.approx(0.45)
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.goals = result.fields  # type: ignore[misc]
