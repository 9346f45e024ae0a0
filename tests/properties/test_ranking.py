"""Property-based tests of ``portfolio.ranking`` (issue 15): for any finite or non-finite weights, empty and
one-row portfolios and missing assessments, the analysis either answers within its promises or refuses
with ``WeightsError``, never with another exception. No database: the module takes plain frames."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from portfolio import ranking

KEYS = ["benefit", "staff", "effort", "risk"]
PROFILE = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

ratings = st.one_of(st.none(), st.integers(min_value=1, max_value=5))
any_float = st.floats(allow_nan=True, allow_infinity=True)


@st.composite
def portfolios(draw, *, max_projects: int = 12):
    n = draw(st.integers(min_value=0, max_value=max_projects))
    rows = [[draw(ratings) for _ in KEYS] for _ in range(n)]
    frame = pd.DataFrame(rows, columns=KEYS, index=pd.Index(range(1, n + 1), name="project_id"), dtype=float)
    return frame


@st.composite
def weights_summing_to_one(draw):
    raw = draw(st.lists(st.floats(min_value=0, max_value=1), min_size=len(KEYS), max_size=len(KEYS)))
    total = sum(raw)
    if total <= 0:
        raw, total = [1.0] + [0.0] * (len(KEYS) - 1), 1.0
    return [value / total for value in raw]


def criteria(weights, lower=(False, False, True, True)) -> pd.DataFrame:
    return pd.DataFrame({"weight": weights, "lower_is_better": list(lower)}, index=pd.Index(KEYS, name="key"))


@PROFILE
@given(assessments=portfolios(), weights=weights_summing_to_one())
def test_valid_weights_give_scores_in_range_whose_parts_add_up(assessments, weights):
    table = ranking.rank(assessments=assessments, criteria=criteria(weights))
    assert len(table) == len(assessments)
    scored = table["score"].dropna()
    assert ((scored >= -1e-9) & (scored <= 100 + 1e-9)).all()
    parts = table[[ranking.contribution_column(k) for k in KEYS]].sum(axis=1, min_count=1)
    assert np.allclose(parts[scored.index], scored, atol=1e-9)
    # Ranks exist exactly where scores do, start at 1 and never exceed the number of scored projects.
    assert table["rank"].notna().equals(table["score"].notna())
    if not scored.empty:
        assert table["rank"].min() == 1 and table["rank"].max() <= len(scored)
        # A higher score never ranks worse.
        order = table.dropna(subset=["score"]).sort_values("rank")
        assert (np.diff(order["score"].to_numpy()) <= 1e-6).all()


@PROFILE
@given(weights=st.lists(any_float, min_size=len(KEYS), max_size=len(KEYS)), assessments=portfolios())
def test_any_weights_are_ranked_or_refused_with_weights_error(weights, assessments):
    finite = all(math.isfinite(w) for w in weights)
    valid = finite and all(w >= 0 for w in weights) and abs(sum(weights) - 1) <= ranking.WEIGHT_TOLERANCE
    try:
        ranking.rank(assessments=assessments, criteria=criteria(weights))
    except ranking.WeightsError as error:
        assert not valid
        assert isinstance(error.total, float)
    else:
        assert valid


@PROFILE
@given(
    assessments=portfolios(max_projects=8), weights=weights_summing_to_one(), seed=st.integers(0, 2**32 - 1)
)
def test_robustness_ranks_lie_within_the_portfolio(assessments, weights, seed):
    table = ranking.robustness(
        assessments=assessments, criteria=criteria(weights), samples=50, top_k=3, seed=seed
    )
    assert list(table.index) == list(assessments.index)
    scored = table.dropna(subset=["p_top_k"])
    assert ((scored["p_top_k"] >= 0) & (scored["p_top_k"] <= 1)).all()
    if not scored.empty:
        assert (scored["rank_p05"] <= scored["rank_p50"]).all() and (
            scored["rank_p50"] <= scored["rank_p95"]
        ).all()
        assert scored["rank_p95"].max() <= len(assessments)


@PROFILE
@given(
    judgements=st.dictionaries(
        st.sampled_from([(a, b) for i, a in enumerate(KEYS) for b in KEYS[i + 1 :]]),
        st.sampled_from([1 / 9, 1 / 7, 1 / 5, 1 / 3, 1 / 2, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0]),
        min_size=6,
        max_size=6,
    )
)
def test_ahp_weights_of_a_complete_judgement_set_are_a_scoring_model(judgements):
    result = ranking.ahp_weights(ranking.pairwise_matrix(KEYS, judgements))
    ranking.check_weights(result.weights)  # sums to one, none negative
    assert result.cr >= -1e-9 and result.consistent == (result.cr <= ranking.CR_THRESHOLD)


def test_an_empty_portfolio_and_a_single_project():
    weights = [0.25] * 4
    empty = pd.DataFrame(columns=KEYS, dtype=float, index=pd.Index([], name="project_id"))
    assert ranking.rank(assessments=empty, criteria=criteria(weights)).empty
    one = pd.DataFrame([[3, 3, 3, 3]], columns=KEYS, index=pd.Index([7], name="project_id"), dtype=float)
    table = ranking.rank(assessments=one, criteria=criteria(weights))
    # Nothing to compare against: every criterion is equal across the portfolio and contributes 0.
    assert table.loc[7, "rank"] == 1 and table.loc[7, "score"] == 0
