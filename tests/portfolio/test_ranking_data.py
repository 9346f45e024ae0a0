"""Derived and rated criteria side by side (``ranking.blend_derived``) and the value–effort quadrants
(``ranking.value_effort``), on hand-computed cases; no database."""

import math

import numpy as np
import pandas as pd
import pytest

from portfolio import ranking


def series(values, index=(1, 2, 3, 4)):
    return pd.Series(values, index=list(index), dtype="float64")


class TestBlendDerived:
    def test_derived_wins_and_ratings_are_placed_on_the_derived_scale(self):
        # Projects 1–3 save 100, 300, 900 hours; project 4 has only a rating of 3 → the median of
        # (0, 100, 300, 900) = 200.
        values, source = ranking.blend_derived(
            derived=series([100, 300, 900, math.nan]), rating=series([5, 1, math.nan, 3])
        )
        assert values.tolist() == [100, 300, 900, 200]
        assert source.tolist() == ["derived", "derived", "derived", "rating"]

    def test_rating_one_is_nothing_saved_and_five_the_largest_derived_figure(self):
        values, _ = ranking.blend_derived(
            derived=series([100, 900, math.nan, math.nan]), rating=series([math.nan, math.nan, 1, 5])
        )
        assert values.tolist() == [100, 900, 0, 900]

    def test_one_derived_figure_still_spreads_the_ratings(self):
        values, _ = ranking.blend_derived(
            derived=series([2000, math.nan, math.nan], (1, 2, 3)), rating=series([math.nan, 1, 4], (1, 2, 3))
        )
        assert values.tolist() == [2000, 0, 1500]

    def test_a_quarter_step_interpolates(self):
        # Rating 2 → the 25 % quantile of (0, 400, 800) = 200.
        values, _ = ranking.blend_derived(
            derived=series([400, 800, math.nan], (1, 2, 3)), rating=series([math.nan, math.nan, 2], (1, 2, 3))
        )
        assert values.tolist() == [400, 800, 200]

    def test_without_any_derived_figure_the_ratings_stand(self):
        values, source = ranking.blend_derived(
            derived=series([math.nan] * 4), rating=series([2, math.nan, 4, 5])
        )
        assert values.tolist()[0] == 2 and math.isnan(values.tolist()[1])
        assert source.tolist() == ["rating", "missing", "rating", "rating"]

    def test_neither_is_missing_not_zero(self):
        values, source = ranking.blend_derived(
            derived=series([10, math.nan], (1, 2)), rating=series([math.nan, math.nan], (1, 2))
        )
        assert math.isnan(values[2]) and source[2] == "missing"


class TestValueEffort:
    CRITERIA = pd.DataFrame(
        {"weight": [0.5, 0.25, 0.25], "lower_is_better": [False, False, True]},
        index=["benefit_a", "benefit_b", "effort"],
    )

    def test_benefit_leaves_out_lower_is_better_criteria_and_quadrants_split_at_medians(self):
        assessments = pd.DataFrame(
            {
                "benefit_a": [1, 5, 5, 1],
                "benefit_b": [1, 5, 5, 1],
                "effort": [1, 1, 5, 5],
            },
            index=pd.Index([10, 20, 30, 40], name="project_id"),
        )
        effort = pd.Series([10, 20, 300, 400], index=assessments.index)
        frame = ranking.value_effort(assessments=assessments, criteria=self.CRITERIA, effort=effort)
        # benefit a and b normalise to 0 or 1 → benefit 0 or 100, whatever the effort criterion says.
        assert frame["benefit"].tolist() == [0, 100, 100, 0]
        assert frame["quadrant"].tolist() == ["fill_ins", "quick_wins", "major_projects", "thankless_tasks"]

    def test_a_missing_benefit_rating_is_left_out_not_zero(self):
        assessments = pd.DataFrame(
            {"benefit_a": [1, 5, np.nan], "benefit_b": [1, 5, 5], "effort": [1, 1, 1]},
            index=pd.Index([1, 2, 3], name="project_id"),
        )
        frame = ranking.value_effort(
            assessments=assessments, criteria=self.CRITERIA, effort=pd.Series([1, 2, 3], index=[1, 2, 3])
        )
        # Project 3 is assessed on benefit_b only (normalised 1) → 100, not 33.
        assert frame.loc[3, "benefit"] == pytest.approx(100)
