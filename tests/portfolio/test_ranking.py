"""Portfolio ranking (DESIGN.md §5 "Ranking") on hand-computed cases, without a database.

Normalisation and scores are worked out in the comments; AHP is checked on a perfectly consistent matrix
(exact weights), on two of Saaty's published examples and on a deliberately reversed judgement; the
robustness analysis is checked against :func:`rank` run once per weight sample.
"""

from __future__ import annotations

from decimal import Decimal

import numpy as np
import pandas as pd
import pytest

from portfolio.ranking import (
    CONTRIBUTION_PREFIX,
    RANDOM_INDEX,
    RANK_COLUMNS,
    ROBUSTNESS_COLUMNS,
    AhpResult,
    Disagreement,
    WeightsError,
    ahp_weights,
    check_weights,
    contribution_column,
    normalise,
    pairwise_matrix,
    rank,
    robustness,
)


def criteria(**spec: tuple[float, bool]) -> pd.DataFrame:
    """Criteria from ``key=(weight, lower_is_better)``, in the given order."""
    return pd.DataFrame(
        {
            "weight": [weight for weight, _ in spec.values()],
            "lower_is_better": [lower for _, lower in spec.values()],
        },
        index=pd.Index(list(spec), name="criterion"),
    )


def assessments(**columns: list[float]) -> pd.DataFrame:
    """Projects 1, 2, 3, … with one list of values per criterion (NaN = not assessed)."""
    size = len(next(iter(columns.values())))
    return pd.DataFrame(columns, index=pd.Index(range(1, size + 1), name="project_id"), dtype="float64")


# Three projects on a benefit rating (higher is better) and an effort in person-days (lower is better).
BENEFIT_EFFORT = criteria(citizen_benefit=(0.6, False), effort=(0.4, True))
THREE = assessments(citizen_benefit=[1.0, 3.0, 5.0], effort=[10.0, 20.0, 40.0])


class TestNormalise:
    def test_min_max_per_criterion_with_lower_is_better_inverted(self):
        frame = normalise(assessments=THREE, criteria=BENEFIT_EFFORT)
        # Benefit: (x − 1) / (5 − 1). Effort: (40 − x) / (40 − 10), so the least effort scores 1.
        assert frame["citizen_benefit"].tolist() == [0.0, 0.5, 1.0]
        assert frame["effort"].tolist() == pytest.approx([1.0, 2 / 3, 0.0])
        assert list(frame.columns) == ["citizen_benefit", "effort"]
        assert frame.index.name == "project_id"

    def test_two_projects_are_zero_and_one(self):
        frame = normalise(
            assessments=assessments(risk=[2.0, 4.0], reuse=[2.0, 0.0]),
            criteria=criteria(risk=(0.5, True), reuse=(0.5, False)),
        )
        assert frame["risk"].tolist() == [1.0, 0.0]
        assert frame["reuse"].tolist() == [1.0, 0.0]

    @pytest.mark.filterwarnings("error")
    @pytest.mark.parametrize("lower_is_better", [False, True])
    def test_all_equal_is_zero_without_division_by_zero(self, lower_is_better):
        frame = normalise(
            assessments=assessments(urgency=[3.0, 3.0, np.nan]),
            criteria=criteria(urgency=(1.0, lower_is_better)),
        )
        assert frame["urgency"].tolist()[:2] == [0.0, 0.0]
        assert np.isnan(frame.loc[3, "urgency"])

    def test_missing_stays_missing_and_does_not_move_the_range(self):
        frame = normalise(
            assessments=assessments(effort=[10.0, np.nan, 30.0, 20.0]), criteria=criteria(effort=(1.0, True))
        )
        assert frame["effort"].tolist()[0] == 1.0
        assert np.isnan(frame["effort"].tolist()[1])
        assert frame["effort"].tolist()[2:] == [0.0, 0.5]

    @pytest.mark.filterwarnings("error")
    def test_a_criterion_nobody_assessed_is_all_missing(self):
        frame = normalise(
            assessments=assessments(urgency=[1.0, 2.0]),
            criteria=criteria(urgency=(0.5, False), risk=(0.5, True)),
        )
        assert frame["risk"].isna().all()

    def test_decimals_and_extra_columns(self):
        frame = normalise(
            assessments=pd.DataFrame(
                {"urgency": [Decimal("1.5"), Decimal("2.5"), None], "note": ["a", "b", "c"]}, index=[7, 8, 9]
            ),
            criteria=criteria(urgency=(1.0, False)),
        )
        assert list(frame.columns) == ["urgency"]
        assert frame["urgency"].tolist()[:2] == [0.0, 1.0]
        assert list(frame.index) == [7, 8, 9]


class TestRank:
    def test_scores_ranks_and_contributions(self):
        frame = rank(assessments=THREE, criteria=BENEFIT_EFFORT)
        # Project 1: 0.6 · 0 + 0.4 · 1 = 0.4 → 40. Project 2: 0.6 · 0.5 + 0.4 · 2/3 = 0.5667 → 56.67.
        # Project 3: 0.6 · 1 + 0.4 · 0 = 0.6 → 60.
        assert list(frame.index) == [3, 2, 1]
        assert frame["score"].tolist() == pytest.approx([60.0, 56.0 + 2 / 3, 40.0])
        assert frame["rank"].tolist() == [1, 2, 3]
        assert frame.loc[2, "contrib_citizen_benefit"] == pytest.approx(30.0)
        assert frame.loc[2, "contrib_effort"] == pytest.approx(26.0 + 2 / 3)
        assert frame["complete"].all()
        assert frame["missing_count"].tolist() == [0, 0, 0]
        assert frame["assessed_weight"].tolist() == pytest.approx([1.0, 1.0, 1.0])

    def test_columns_and_types(self):
        frame = rank(assessments=THREE, criteria=BENEFIT_EFFORT)
        assert list(frame.columns) == [*RANK_COLUMNS, "contrib_citizen_benefit", "contrib_effort"]
        assert contribution_column("effort") == CONTRIBUTION_PREFIX + "effort" == "contrib_effort"
        assert frame.index.name == "project_id"
        assert str(frame["rank"].dtype) == "Int64"
        assert frame["complete"].dtype == bool
        assert frame["missing_count"].dtype == "int64"

    def test_contributions_of_a_complete_project_add_up_to_its_score(self):
        frame = rank(assessments=THREE, criteria=BENEFIT_EFFORT)
        contributions = frame.filter(like=CONTRIBUTION_PREFIX).sum(axis=1)
        assert contributions.tolist() == pytest.approx(frame["score"].tolist())

    def test_a_criterion_on_which_all_are_equal_contributes_nothing(self):
        frame = rank(
            assessments=assessments(strategic_fit=[1.0, 2.0, 3.0], urgency=[4.0, 4.0, 4.0]),
            criteria=criteria(strategic_fit=(0.7, False), urgency=(0.3, False)),
        ).sort_index()
        # Strategic fit normalises to 0, 0.5, 1 with weight 0.7; urgency is 0 for everyone.
        assert frame["score"].tolist() == pytest.approx([0.0, 35.0, 70.0])
        assert frame["contrib_urgency"].tolist() == [0.0, 0.0, 0.0]
        assert frame["complete"].all()

    @pytest.mark.filterwarnings("error")
    def test_one_project_alone_is_first_with_a_defined_score(self):
        frame = rank(assessments=THREE.loc[[2]], criteria=BENEFIT_EFFORT)
        # Nothing to compare it with: every criterion is "all equal" and contributes 0.
        assert frame.loc[2, "score"] == 0.0
        assert frame.loc[2, "rank"] == 1
        assert bool(frame.loc[2, "complete"]) is True
        assert not frame.isna().any().any()

    def test_lower_is_better_puts_the_cheapest_first(self):
        frame = rank(
            assessments=assessments(effort=[30.0, 10.0, 20.0]), criteria=criteria(effort=(1.0, True))
        )
        assert list(frame.index) == [2, 3, 1]
        assert frame["score"].tolist() == [100.0, 50.0, 0.0]

    def test_a_missing_assessment_is_missing_not_zero(self):
        # Criteria a (0.5), b (0.3, lower is better), c (0.2); project 2 has no assessment on b.
        #   a: 1, 3, 5        → 0, 0.5, 1
        #   b: 10, –, 30      → 1, NaN, 0   (min–max over the two assessed projects)
        #   c: 0, 4, 2        → 0, 1, 0.5
        # Project 1: 0.3 · 1 → 30. Project 3: 0.5 · 1 + 0.2 · 0.5 = 0.6 → 60.
        # Project 2 over its assessed weight 0.7: (0.5 · 0.5 + 0.2 · 1) / 0.7 = 0.45 / 0.7 → 64.29, with
        # contributions 25 / 0.7 = 35.71 (a) and 20 / 0.7 = 28.57 (c). Counting b as 0 would give 45.
        frame = rank(
            assessments=assessments(a=[1.0, 3.0, 5.0], b=[10.0, np.nan, 30.0], c=[0.0, 4.0, 2.0]),
            criteria=criteria(a=(0.5, False), b=(0.3, True), c=(0.2, False)),
        )
        incomplete = frame.loc[2]
        assert incomplete["score"] == pytest.approx(45 / 0.7)
        assert incomplete["score"] != pytest.approx(45.0)
        assert np.isnan(incomplete["contrib_b"])
        assert incomplete["contrib_a"] == pytest.approx(25 / 0.7)
        assert incomplete["contrib_c"] == pytest.approx(20 / 0.7)
        assert incomplete["contrib_a"] + incomplete["contrib_c"] == pytest.approx(incomplete["score"])
        assert bool(incomplete["complete"]) is False
        assert incomplete["missing_count"] == 1
        assert incomplete["assessed_weight"] == pytest.approx(0.7)
        assert frame.loc[1, "score"] == pytest.approx(30.0)
        assert frame.loc[3, "score"] == pytest.approx(60.0)
        assert list(frame.index) == [2, 3, 1]
        assert frame["complete"].tolist() == [False, True, True]

    def test_a_gap_on_a_criterion_of_weight_zero_leaves_the_project_complete(self):
        frame = rank(
            assessments=assessments(a=[1.0, 2.0], off=[np.nan, 1.0]),
            criteria=criteria(a=(1.0, False), off=(0.0, False)),
        ).sort_index()
        assert frame["complete"].tolist() == [True, True]
        assert frame["missing_count"].tolist() == [0, 0]
        assert np.isnan(frame.loc[1, "contrib_off"])
        assert frame["score"].tolist() == [0.0, 100.0]

    def test_a_project_without_any_assessment_has_no_score_and_comes_last(self):
        frame = rank(
            assessments=pd.DataFrame({"a": [np.nan, 1.0, 2.0]}, index=pd.Index([1, 2, 3], name="project_id")),
            criteria=criteria(a=(1.0, False)),
        )
        assert list(frame.index) == [3, 2, 1]
        assert np.isnan(frame.loc[1, "score"])
        assert frame.loc[1, "rank"] is pd.NA
        assert frame.loc[1, "missing_count"] == 1
        assert frame.loc[1, "assessed_weight"] == 0.0

    def test_ties_share_the_lowest_rank_and_skip_the_next(self):
        frame = rank(assessments=assessments(a=[1.0, 1.0, 0.0, 3.0]), criteria=criteria(a=(1.0, False)))
        assert frame["rank"].tolist() == [1, 2, 2, 4]
        assert list(frame.index) == [4, 1, 2, 3]  # the tie in project-id order

    def test_scores_equal_but_for_rounding_are_a_tie(self):
        # Project 1 scores 5 + 30 (contributions of a and b), project 2 scores 35 (c): in floating point
        # 35.00000000000001 against 35.0. Project 3 scores 30 (d).
        frame = rank(
            assessments=assessments(
                a=[1.0, 0.0, 0.0], b=[1.0, 0.0, 0.0], c=[0.0, 1.0, 0.0], d=[0.0, 0.0, 1.0]
            ),
            criteria=criteria(a=(0.05, False), b=(0.3, False), c=(0.35, False), d=(0.3, False)),
        )
        assert frame.loc[1, "score"] == pytest.approx(35.0)
        assert frame["rank"].tolist() == [1, 1, 3]
        assert list(frame.index) == [1, 2, 3]

    def test_no_projects(self):
        frame = rank(assessments=THREE.iloc[:0], criteria=BENEFIT_EFFORT)
        assert frame.empty
        assert list(frame.columns) == [*RANK_COLUMNS, "contrib_citizen_benefit", "contrib_effort"]

    def test_invalid_weights_are_refused(self):
        with pytest.raises(WeightsError):
            rank(assessments=THREE, criteria=criteria(citizen_benefit=(0.6, False), effort=(0.6, True)))

    def test_duplicate_projects_are_refused(self):
        with pytest.raises(ValueError, match="only once"):
            rank(assessments=THREE.set_axis([1, 1, 2]), criteria=BENEFIT_EFFORT)


class TestCheckWeights:
    @pytest.mark.parametrize(
        "weights",
        [
            [1.0],
            [0.2, 0.2, 0.1, 0.2, 0.15, 0.05, 0.1],
            {"a": 0.5, "b": 0.5},
            pd.Series([0.3, 0.7, 0.0]),
            [1 / 3, 1 / 3, 1 / 3],
            [0.5, 0.5 + 9e-7],  # within the tolerance of 1e-6
        ],
    )
    def test_accepted(self, weights):
        check_weights(weights)

    @pytest.mark.parametrize(
        ("weights", "total"), [([0.5, 0.4], 0.9), ([0.6, 0.6], 1.2), ([0.5, 0.5 + 2e-6], 1.000002)]
    )
    def test_not_summing_to_one_is_refused(self, weights, total):
        with pytest.raises(WeightsError, match="must add up to 1") as caught:
            check_weights(weights)
        assert caught.value.total == pytest.approx(total)
        assert isinstance(caught.value, ValueError)

    def test_negative_weight_is_refused_and_named(self):
        with pytest.raises(WeightsError, match=r"must not be negative: effort \(-0.2\)") as caught:
            check_weights({"citizen_benefit": 1.2, "effort": -0.2})
        assert caught.value.total == pytest.approx(1.0)

    @pytest.mark.parametrize("weights", [[], {}, pd.Series([], dtype="float64")])
    def test_no_weights_are_refused(self, weights):
        with pytest.raises(WeightsError, match="no weights") as caught:
            check_weights(weights)
        assert caught.value.total == 0.0

    def test_a_missing_weight_is_refused(self):
        with pytest.raises(WeightsError, match="must be a number"):
            check_weights({"a": 1.0, "b": None})


def consistent_matrix(weights: list[float]) -> np.ndarray:
    w = np.asarray(weights)
    return w[:, None] / w[None, :]


# Saaty (2008), "Decision making with the analytic hierarchy process", Int. J. Services Sciences 1(1),
# 83–98: "Which drink is consumed more in the US?" (coffee, wine, tea, beer, sodas, milk, water), with the
# derived priorities .177, .019, .042, .116, .190, .129, .327 printed beside the actual consumption.
DRINKS = [
    [1, 9, 5, 2, 1, 1, 1 / 2],
    [1 / 9, 1, 1 / 3, 1 / 9, 1 / 9, 1 / 9, 1 / 9],
    [1 / 5, 3, 1, 1 / 3, 1 / 4, 1 / 3, 1 / 9],
    [1 / 2, 9, 3, 1, 1 / 2, 1, 1 / 3],
    [1, 9, 4, 2, 1, 2, 1 / 2],
    [1, 9, 3, 1, 1 / 2, 1, 1 / 3],
    [2, 9, 9, 3, 2, 3, 1],
]
# Saaty (1980), "The Analytic Hierarchy Process", §2-3 (first in Saaty 1977, J. Math. Psychology 15,
# 234–281): the relative brightness of four chairs placed at increasing distance from a light, judged by
# eye; published λmax = 4.39 and priorities of about 0.62, 0.24, 0.10, 0.05 (the inverse square law gives
# 0.61, 0.22, 0.11, 0.06). Computed here: 0.6187, 0.2353, 0.1009, 0.0451, λmax = 4.3907.
LIGHT = [[1, 5, 6, 7], [1 / 5, 1, 4, 6], [1 / 6, 1 / 4, 1, 4], [1 / 7, 1 / 6, 1 / 4, 1]]


class TestAhp:
    def test_a_consistent_matrix_gives_its_weights_exactly(self):
        weights = [0.5, 0.25, 0.15, 0.1]
        result = ahp_weights(consistent_matrix(weights))
        assert isinstance(result, AhpResult)
        assert isinstance(result.weights, np.ndarray)
        assert result.weights == pytest.approx(weights, abs=1e-12)
        assert result.lambda_max == pytest.approx(4.0)
        assert result.ci == pytest.approx(0.0, abs=1e-12)
        assert result.cr == pytest.approx(0.0, abs=1e-12)
        assert result.consistent is True
        assert result.disagreements == []

    def test_saaty_drinks(self):
        result = ahp_weights(np.array(DRINKS))
        assert np.round(result.weights, 3).tolist() == [0.177, 0.019, 0.042, 0.116, 0.190, 0.129, 0.327]
        # λmax = 7.1766 → CI = 0.1766 / 6 = 0.0294, CR = 0.0294 / 1.32 = 0.0223.
        assert result.lambda_max == pytest.approx(7.1766, abs=1e-4)
        assert result.ci == pytest.approx((result.lambda_max - 7) / 6)
        assert result.cr == pytest.approx(result.ci / 1.32)
        assert result.consistent is True

    def test_saaty_light_intensity_is_inconsistent_and_names_the_worst_judgement(self):
        result = ahp_weights(np.array(LIGHT))
        assert result.weights == pytest.approx([0.62, 0.24, 0.10, 0.05], abs=0.006)
        assert result.lambda_max == pytest.approx(4.39, abs=0.005)
        # CI = 0.3907 / 3 = 0.1302; CR = 0.1302 / 0.90 = 0.1447 > 0.1.
        assert result.ci == pytest.approx(0.1302, abs=1e-4)
        assert result.cr == pytest.approx(0.1447, abs=1e-4)
        assert result.consistent is False
        # Chair 1 against chair 4 was judged 7; the weights imply 0.6187 / 0.0451 ≈ 13.7.
        worst = result.disagreements[0]
        assert (worst.first, worst.second, worst.given) == (0, 3, 7.0)
        assert worst[:3] == (0, 3, 7.0)
        assert worst.implied == pytest.approx(13.73, abs=0.01)
        assert len(result.disagreements) == 3

    def test_three_by_three_agrees_with_the_geometric_mean(self):
        # For n = 3 the principal eigenvector equals the normalised row geometric means (Crawford and
        # Williams 1985), which gives an independent check: 0.1571, 0.5936, 0.2493.
        matrix = np.array([[1, 1 / 3, 1 / 2], [3, 1, 3], [2, 1 / 3, 1]])
        means = np.prod(matrix, axis=1) ** (1 / 3)
        result = ahp_weights(matrix)
        assert result.weights == pytest.approx(means / means.sum(), abs=1e-12)
        assert result.weights == pytest.approx([0.1571, 0.5936, 0.2493], abs=1e-4)
        assert result.cr == pytest.approx(0.0462, abs=1e-4)
        assert result.consistent is True

    def test_a_reversed_judgement_is_flagged_and_named(self):
        # Consistent judgements for 0.4, 0.3, 0.2, 0.1, except that "a over d" was entered the wrong way
        # round: 1/4 instead of 4.
        keys = ["a", "b", "c", "d"]
        weights = dict(zip(keys, [0.4, 0.3, 0.2, 0.1], strict=True))
        judgements = {(x, y): weights[x] / weights[y] for i, x in enumerate(keys) for y in keys[i + 1 :]}
        judgements["a", "d"] = 1 / 4
        result = ahp_weights(pairwise_matrix(keys, judgements))
        assert result.cr > 0.1
        assert result.consistent is False
        assert result.disagreements[0] == Disagreement("a", "d", 0.25, pytest.approx(0.8263, abs=1e-4))
        assert list(result.weights.index) == keys
        assert result.weights.sum() == pytest.approx(1.0)

    def test_dataframe_in_series_out(self):
        matrix = pairwise_matrix(["citizen_benefit", "effort"], {("citizen_benefit", "effort"): 3})
        result = ahp_weights(matrix)
        assert result.weights.to_dict() == pytest.approx({"citizen_benefit": 0.75, "effort": 0.25})
        assert result.cr == 0.0
        assert result.ci == 0.0
        assert result.consistent is True

    def test_one_criterion(self):
        result = ahp_weights(np.array([[1.0]]))
        assert result.weights.tolist() == [1.0]
        assert (result.ci, result.cr, result.consistent) == (0.0, 0.0, True)

    def test_random_index_is_saatys(self):
        assert len(RANDOM_INDEX) == 15
        assert RANDOM_INDEX[2:5] == (0.58, 0.90, 1.12)
        assert RANDOM_INDEX[-1] == 1.59

    def test_judgements_rounded_to_three_places_are_reciprocal_enough(self):
        result = ahp_weights(np.array([[1, 3, 0.5], [0.333, 1, 0.25], [2, 4, 1]]))
        assert result.weights.sum() == pytest.approx(1.0)

    @pytest.mark.parametrize(
        ("matrix", "message"),
        [
            (np.ones((2, 3)), "square"),
            (np.ones(3), "square"),
            (np.ones((0, 0)), "empty"),
            (np.array([[1.0, -2.0], [-0.5, 1.0]]), "positive"),
            (np.array([[1.0, 0.0], [np.inf, 1.0]]), "positive"),
            (np.array([[1.0, np.nan], [1.0, 1.0]]), "positive"),
            (np.array([[2.0, 1.0], [1.0, 1.0]]), "itself must be 1"),
            (np.array([[1.0, 3.0], [3.0, 1.0]]), "reciprocal"),
            (np.ones((16, 16)), "at most 15"),
        ],
    )
    def test_invalid_matrices_are_refused(self, matrix, message):
        with pytest.raises(ValueError, match=message):
            ahp_weights(matrix)

    def test_a_non_reciprocal_dataframe_names_the_criteria(self):
        matrix = pd.DataFrame([[1.0, 3.0], [0.5, 1.0]], index=["risk", "reuse"], columns=["risk", "reuse"])
        with pytest.raises(ValueError, match=r"\('risk', 'reuse'\) is 3 but \('reuse', 'risk'\) is 0.5"):
            ahp_weights(matrix)

    def test_rows_and_columns_must_match(self):
        matrix = pd.DataFrame(np.ones((2, 2)), index=["a", "b"], columns=["b", "a"])
        with pytest.raises(ValueError, match="same criteria"):
            ahp_weights(matrix)


class TestPairwiseMatrix:
    def test_builds_the_reciprocal_matrix_from_either_order(self):
        matrix = pairwise_matrix(["a", "b", "c"], {("a", "b"): 3, ("c", "a"): 2, ("b", "c"): 0.5})
        expected = [[1, 3, 0.5], [1 / 3, 1, 0.5], [2, 2, 1]]
        assert matrix.to_numpy() == pytest.approx(np.array(expected))
        assert list(matrix.index) == list(matrix.columns) == ["a", "b", "c"]

    def test_self_comparisons_of_one_are_allowed(self):
        matrix = pairwise_matrix(["a", "b"], {("a", "a"): 1, ("a", "b"): 5})
        assert matrix.loc["b", "a"] == pytest.approx(0.2)

    @pytest.mark.parametrize(
        ("judgements", "message"),
        [
            ({("a", "b"): 3, ("a", "c"): 1, ("b", "x"): 2}, "'x', which is not a criterion"),
            ({("a", "b"): 3, ("b", "a"): 1 / 3, ("a", "c"): 1, ("b", "c"): 1}, "more than once"),
            ({("a", "b"): 0, ("a", "c"): 1, ("b", "c"): 1}, "positive number"),
            ({("a", "b"): -2, ("a", "c"): 1, ("b", "c"): 1}, "positive number"),
            ({("a", "a"): 2, ("a", "b"): 1, ("a", "c"): 1, ("b", "c"): 1}, "itself must be 1"),
        ],
    )
    def test_incomplete_or_invalid_judgements_are_refused(self, judgements, message):
        with pytest.raises(ValueError, match=message):
            pairwise_matrix(["a", "b", "c"], judgements)

    def test_unjudged_pairs_count_as_equal(self):
        matrix = pairwise_matrix(["a", "b", "c"], {("b", "a"): 4})
        expected = [[1, 0.25, 1], [4, 1, 1], [1, 1, 1]]
        assert matrix.to_numpy() == pytest.approx(np.array(expected))
        assert ahp_weights(pairwise_matrix(["a", "b"], {})).weights.tolist() == [0.5, 0.5]

    def test_every_pair_can_be_required(self):
        with pytest.raises(ValueError, match=r"missing: \('a', 'c'\), \('b', 'c'\)"):
            pairwise_matrix(["a", "b", "c"], {("a", "b"): 3}, unjudged=None)
        matrix = pairwise_matrix(["a", "b"], {("a", "b"): 3}, unjudged=None)
        assert matrix.loc["b", "a"] == pytest.approx(1 / 3)

    def test_keys_must_be_distinct(self):
        with pytest.raises(ValueError, match="distinct"):
            pairwise_matrix(["a", "a"], {})


def small_portfolio(projects: int = 40, seed: int = 3) -> tuple[pd.DataFrame, pd.DataFrame]:
    """1–5 ratings (so ties occur) with a few gaps, on four criteria."""
    rng = np.random.default_rng(seed)
    values = rng.integers(1, 6, size=(projects, 4)).astype("float64")
    values[rng.random(values.shape) < 0.1] = np.nan
    frame = pd.DataFrame(
        values, columns=["benefit", "effort", "fit", "risk"], index=pd.Index(range(101, 101 + projects))
    )
    model = criteria(benefit=(0.4, False), effort=(0.2, True), fit=(0.3, False), risk=(0.1, True))
    return frame, model


class TestRobustness:
    def test_same_seed_same_result_other_seed_other_result(self):
        frame, model = small_portfolio()
        first = robustness(assessments=frame, criteria=model, samples=200, seed=7)
        again = robustness(assessments=frame, criteria=model, samples=200, seed=7)
        other = robustness(assessments=frame, criteria=model, samples=200, seed=8)
        pd.testing.assert_frame_equal(first, again)
        assert not first.equals(other)

    def test_columns_index_and_ranges(self):
        frame, model = small_portfolio()
        result = robustness(assessments=frame, criteria=model, samples=300, top_k=5)
        assert list(result.columns) == list(ROBUSTNESS_COLUMNS)
        assert list(result.index) == list(frame.index)
        assert result.index.name == "project_id"
        assert result["p_top_k"].between(0.0, 1.0).all()
        assert (result["rank_p05"] <= result["rank_p50"]).all()
        assert (result["rank_p50"] <= result["rank_p95"]).all()
        assert result["rank_p05"].min() >= 1
        assert result["rank_p95"].max() <= len(frame)
        assert str(result["rank_p50"].dtype) == "Int64"

    def test_a_dominating_project_stays_first(self):
        frame = assessments(
            benefit=[5.0, 3.0, 4.0, 1.0], effort=[10.0, 30.0, 20.0, 40.0], fit=[1.0, 0.2, 0.5, 0.9]
        )
        model = criteria(benefit=(0.5, False), effort=(0.3, True), fit=(0.2, False))
        result = robustness(assessments=frame, criteria=model, samples=500, top_k=1, concentration=5.0)
        assert result.loc[1, "p_top_k"] == 1.0
        assert result.loc[1, ["rank_p05", "rank_p50", "rank_p95"]].tolist() == [1, 1, 1]
        assert result.loc[2:, "p_top_k"].max() == 0.0

    def test_ranks_every_sample_as_rank_does(self):
        frame, model = small_portfolio()
        samples, concentration, seed, top_k = 60, 20.0, 11, 5
        result = robustness(
            assessments=frame,
            criteria=model,
            samples=samples,
            top_k=top_k,
            concentration=concentration,
            seed=seed,
        )
        # The same draws, ranked one sample at a time by rank().
        draws = np.random.default_rng(seed).dirichlet(concentration * model["weight"].to_numpy(), samples)
        ranks = pd.concat(
            [
                rank(assessments=frame, criteria=model.assign(weight=weights))["rank"].rename(s)
                for s, weights in enumerate(draws)
            ],
            axis=1,
        ).loc[frame.index]
        ranks = ranks.astype("int64").to_numpy()
        assert result["p_top_k"].to_numpy() == pytest.approx((ranks <= top_k).mean(axis=1))
        for column, q in (("rank_p05", 0.05), ("rank_p50", 0.5), ("rank_p95", 0.95)):
            expected = np.quantile(ranks, q, axis=1, method="inverted_cdf")
            assert result[column].to_numpy(dtype="int64").tolist() == expected.tolist()

    def test_a_large_concentration_keeps_the_chosen_ranks(self):
        # Continuous values, so no two scores are within the tiny moves of the weights.
        frame, model = small_portfolio()
        frame = frame.where(frame.isna(), np.random.default_rng(5).random(frame.shape))
        chosen = rank(assessments=frame, criteria=model)["rank"].loc[frame.index]
        result = robustness(assessments=frame, criteria=model, samples=50, concentration=1e9)
        for column in ("rank_p05", "rank_p50", "rank_p95"):
            assert result[column].tolist() == chosen.tolist()

    def test_a_criterion_of_weight_zero_stays_switched_off(self):
        # Project 2 would win on "off" if it had any weight.
        frame = assessments(on=[2.0, 1.0], off=[1.0, 100.0])
        model = criteria(on=(1.0, False), off=(0.0, False))
        result = robustness(assessments=frame, criteria=model, samples=100, top_k=1)
        assert result["p_top_k"].tolist() == [1.0, 0.0]

    def test_a_project_without_a_score_has_no_robustness(self):
        frame = assessments(a=[np.nan, 1.0, 2.0])
        result = robustness(assessments=frame, criteria=criteria(a=(1.0, False)), samples=10, top_k=1)
        assert np.isnan(result.loc[1, "p_top_k"])
        assert result.loc[1, "rank_p50"] is pd.NA
        assert result.loc[3, "p_top_k"] == 1.0
        assert result.loc[2, "rank_p50"] == 2

    def test_no_projects(self):
        result = robustness(assessments=THREE.iloc[:0], criteria=BENEFIT_EFFORT, samples=10)
        assert result.empty
        assert list(result.columns) == list(ROBUSTNESS_COLUMNS)

    @pytest.mark.parametrize(
        ("arguments", "message"),
        [
            ({"samples": 0}, "at least one sample"),
            ({"top_k": 0}, "top_k"),
            ({"concentration": 0.0}, "positive"),
        ],
    )
    def test_invalid_arguments_are_refused(self, arguments, message):
        with pytest.raises(ValueError, match=message):
            robustness(assessments=THREE, criteria=BENEFIT_EFFORT, **arguments)

    def test_invalid_weights_are_refused(self):
        with pytest.raises(WeightsError):
            robustness(assessments=THREE, criteria=criteria(citizen_benefit=(0.5, False), effort=(0.4, True)))
