"""Ranking of the project portfolio: normalised assessments, weighted score, rank, AHP weights, robustness.

Implements DESIGN.md §5 "Ranking" on the ScoringModel and Assessment data of §4: per criterion the
assessments are normalised min–max over the portfolio (inverted where lower is better), the weighted sum
gives a score of 0–100 and a rank, and each criterion's contribution is kept so a council member can see why
a project ranks where it does. Weights are set directly (:func:`check_weights`) or derived from pairwise
comparisons (:func:`pairwise_matrix`, :func:`ahp_weights`, with Saaty's consistency ratio). The robustness
analysis (:func:`robustness`) draws weights at random around the chosen ones and reports how stable each
project's rank is.

Inputs are plain frames built by ``portfolio.selectors`` (numbers may arrive as Decimal):

- ``assessments``: wide, indexed by project id, one column per criterion key; NaN is a missing assessment.
- ``criteria``: indexed by criterion key, with the columns ``weight`` (float, the weights sum to 1) and
  ``lower_is_better`` (bool).

A missing assessment is shown as missing, never as zero. Counting it as zero would push a project down
because nobody has rated it yet; counting it as the portfolio average would invent a rating. Instead the
score of a project is taken over the criteria it has been assessed on, rescaled by the weight those carry,
so a gap neither helps nor hurts: ``score = 100 · Σ w·n / Σ w`` over the assessed criteria. Its
contribution on the missing criterion is NaN, ``complete`` is False, ``missing_count`` says how many are
missing and ``assessed_weight`` how much of the model's weight the score rests on, so the page can mark the
score as provisional. A project with no weighted criterion assessed at all has no score and no rank.

Nothing here touches the ORM or the request, and nothing loops in Python over projects (loops run over the
handful of criteria, and over blocks of robustness samples).
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

import numpy as np
import pandas as pd

RANK_COLUMNS = ("score", "rank", "complete", "missing_count", "assessed_weight")
CONTRIBUTION_PREFIX = "contrib_"
ROBUSTNESS_COLUMNS = ("p_top_k", "rank_p05", "rank_p50", "rank_p95")

WEIGHT_TOLERANCE = 1e-6
CR_THRESHOLD = 0.1
# Saaty's random consistency index for n = 1 … 15 criteria (Saaty 1980; the values used by most tools).
RANDOM_INDEX = (0.0, 0.0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49, 1.51, 1.48, 1.56, 1.57, 1.59)

# Scores that agree to nine decimal places (of 0–100 points) are a tie. Sums of the same values in another
# order differ in the last bits, and a council member reading "72.5" twice expects the same rank twice.
_TIE_SCALE = 1e9
_TIE_KEY_BITS = math.ceil(math.log2(100 * _TIE_SCALE + 2))
# The robustness analysis sorts blocks of about this many (sample, project) scores at a time.
_BLOCK_CELLS = 1 << 20


class WeightsError(ValueError):
    """Weights that cannot form a scoring model; ``total`` is their sum (0 when there are none)."""

    def __init__(self, message: str, *, total: float) -> None:
        super().__init__(message)
        self.total = total


def contribution_column(key: str) -> str:
    """The name of the column of :func:`rank` that holds criterion ``key``'s contribution."""
    return f"{CONTRIBUTION_PREFIX}{key}"


def check_weights(weights: Mapping[str, float] | pd.Series | Sequence[float] | np.ndarray) -> None:
    """Raise :class:`WeightsError` unless there are weights, none is negative and they sum to 1 (± 1e-6)."""
    series = pd.Series(dict(weights) if isinstance(weights, Mapping) else weights, dtype=object)
    values = pd.to_numeric(series, errors="coerce").astype("float64")
    if values.empty:
        raise WeightsError("There are no weights: a scoring model needs at least one criterion.", total=0.0)
    total = float(values.sum())
    unusable = values.isna() | ~np.isfinite(values)
    if unusable.any():
        names = ", ".join(str(key) for key in values.index[unusable])
        raise WeightsError(f"Every weight must be a number; not so for: {names}.", total=total)
    negative = values < 0
    if negative.any():
        names = ", ".join(f"{key} ({value:g})" for key, value in values[negative].items())
        raise WeightsError(f"Weights must not be negative: {names}.", total=total)
    if abs(total - 1.0) > WEIGHT_TOLERANCE:
        raise WeightsError(f"The weights add up to {total:.6g}; they must add up to 1.", total=total)


def normalise(*, assessments: pd.DataFrame, criteria: pd.DataFrame) -> pd.DataFrame:
    """Assessments scaled min–max per criterion over the portfolio into 0–1 (1 = best).

    Returns a frame indexed by ``project_id`` with one column per criterion of ``criteria``, in its order.
    Where ``lower_is_better`` the scale is inverted (the lowest value becomes 1). A criterion on which all
    assessed projects are equal cannot tell them apart and contributes nothing: their value is 0. Missing
    assessments stay NaN; a criterion nobody has assessed is all NaN. Assessment columns that are not
    criteria are ignored.
    """
    values = _assessment_values(assessments=assessments, criteria=criteria)
    low, high = values.min(), values.max()
    span = high - low
    spread = span > 0
    scaled = (values - low) / span.where(spread)  # NaN (not a division by zero) where all are equal
    lower_is_better = criteria["lower_is_better"].fillna(False).astype(bool).to_numpy()
    scaled.loc[:, lower_is_better] = 1.0 - scaled.loc[:, lower_is_better]
    return scaled.mask(values.notna() & ~spread, 0.0)


def rank(*, assessments: pd.DataFrame, criteria: pd.DataFrame) -> pd.DataFrame:
    """Score 0–100, rank and per-criterion contributions of every project.

    Returns a frame indexed by ``project_id`` with the columns of ``RANK_COLUMNS`` followed by
    ``contrib_<key>`` for every criterion (:func:`contribution_column`), sorted by rank, then project id:

    - ``score``: 100 · Σ weight · normalised value / Σ weight, both sums over the criteria the project is
      assessed on (see the module docstring for why missing assessments are not zeros). NaN when the
      project has no assessment on any criterion of positive weight.
    - ``rank``: 1 is best; equal scores (to nine decimals) share the lowest rank of the group, the next
      rank is skipped ("min" method: 1, 2, 2, 4). Nullable integer, NA without a score.
    - ``complete``: the project is assessed on every criterion of positive weight.
    - ``missing_count``: the number of criteria of positive weight it is not assessed on. (A criterion of
      weight 0 is switched off; a gap there changes nothing, and is shown only as a NaN contribution.)
    - ``assessed_weight``: Σ weight over the criteria it is assessed on (1 for a complete project).
    - ``contrib_<key>``: the criterion's share of the score in score points, NaN where not assessed; the
      contributions of a project add up to its score.

    Raises :class:`WeightsError` when the weights of ``criteria`` are not a valid scoring model.
    """
    weights = _weights(criteria)
    normalised = normalise(assessments=assessments, criteria=criteria)
    assessed = normalised.notna()
    assessed_weight = assessed.astype("float64").to_numpy() @ weights.to_numpy()
    assessed_weight = pd.Series(assessed_weight, index=normalised.index)
    has_score = assessed_weight > 0

    # Points first, then divided by the assessed weight: 100 / a tiny weight would overflow to inf (and
    # 0 · inf to NaN), while (100 · w · n) / Σw stays finite for every weight a float can hold.
    contributions = normalised.mul(weights * 100.0, axis=1).div(assessed_weight.where(has_score), axis=0)
    score = contributions.sum(axis=1, min_count=1).where(has_score)
    missing_count = (~assessed).loc[:, weights > 0].sum(axis=1).astype("int64")

    frame = pd.DataFrame(
        {
            "score": score,
            "rank": _ranks(score),
            "complete": missing_count == 0,
            "missing_count": missing_count,
            "assessed_weight": assessed_weight,
        },
        index=normalised.index,
    )
    frame = pd.concat([frame, contributions.rename(columns=contribution_column)], axis=1)
    return frame.sort_values(["rank", "project_id"], na_position="last", kind="stable")


def robustness(
    *,
    assessments: pd.DataFrame,
    criteria: pd.DataFrame,
    samples: int = 1000,
    top_k: int = 10,
    concentration: float = 100.0,
    seed: int = 0,
) -> pd.DataFrame:
    """How stable each project's rank is when the weights move a little.

    Draws ``samples`` weight vectors from a Dirichlet distribution with parameters ``concentration`` ×
    weights (numpy's ``default_rng(seed)``, so the same seed gives the same result): their mean is the
    chosen weights, and the larger ``concentration`` the closer they stay to them (100 moves a weight of
    0.2 by about ±0.04, one standard deviation). A criterion of weight 0 stays at 0 in every sample: the
    strategist switched it off, and the Dirichlet distribution has no room for a parameter of 0.

    Under every sample all projects are scored and ranked exactly as :func:`rank` does (missing assessments
    rescaled away, ties on the "min" method): normalised values (projects × criteria) times the sampled
    weights (criteria × samples) give the scores of all projects under all samples in one matrix product;
    a sort per sample gives the ranks. Samples are processed in blocks of about a million scores, which
    keeps the memory small; each block is one vectorised step over all projects.

    Returns a frame indexed by ``project_id`` in the order of ``assessments``, with ``ROBUSTNESS_COLUMNS``:

    - ``p_top_k``: the share of samples in which the project's rank is ``top_k`` or better.
    - ``rank_p05``, ``rank_p50``, ``rank_p95``: the 5th, 50th and 95th percentile of its rank over the
      samples: the smallest rank r such that the project ranks r or better in at least that share of the
      samples (so always a rank that occurred; numpy's "inverted_cdf" percentile).

    Projects without a score in :func:`rank` get NaN / NA throughout. (In a sample that happens to give
    weight 0 to every criterion a scored project is assessed on, possible only for tiny Dirichlet
    parameters, that project ranks last.)
    """
    if samples < 1:
        raise ValueError(f"The robustness analysis needs at least one sample, not {samples}.")
    if top_k < 1:
        raise ValueError(f"top_k must be at least 1, not {top_k}.")
    if not concentration > 0:
        raise ValueError(f"The concentration must be positive, not {concentration}.")
    weights = _weights(criteria)
    normalised = normalise(assessments=assessments, criteria=criteria)
    n_projects = len(normalised)
    index_bits = max(1, (n_projects - 1).bit_length())
    if _TIE_KEY_BITS + index_bits > 63:
        raise ValueError(f"The robustness analysis handles at most {2 ** (63 - _TIE_KEY_BITS):,} projects.")

    values = normalised.to_numpy()
    assessed = ~np.isnan(values)
    has_score = assessed.astype("float64") @ weights.to_numpy() > 0
    sampled = _sample_weights(weights.to_numpy(), samples=samples, concentration=concentration, seed=seed)

    ranks = _sample_ranks(
        numerators=np.where(assessed, values, 0.0).T.copy(),
        denominators=assessed.astype("float64").T.copy(),
        sampled=sampled,
        index_bits=index_bits,
    )
    ranks.sort(axis=1)
    order_statistics = [max(math.ceil(q * samples) - 1, 0) for q in (0.05, 0.50, 0.95)]
    percentiles = ranks[:, order_statistics].astype("int64")
    p_top_k = np.count_nonzero(ranks <= top_k, axis=1) / samples

    result = pd.DataFrame(
        {
            "p_top_k": p_top_k,
            "rank_p05": percentiles[:, 0],
            "rank_p50": percentiles[:, 1],
            "rank_p95": percentiles[:, 2],
        },
        index=normalised.index,
    )
    result = result.astype({column: "Int64" for column in ROBUSTNESS_COLUMNS[1:]})
    return result.mask(~pd.Series(has_score, index=result.index), axis=0)


class Disagreement(NamedTuple):
    """One judgement a_ij beside the ratio w_i / w_j that the derived weights imply.

    A plain tuple (i, j, given, implied) with i < j: ``first`` is row i, ``second`` column j, each a key
    when the matrix came as a DataFrame, else a position.
    """

    first: Hashable
    second: Hashable
    given: float
    implied: float


@dataclass(frozen=True)
class AhpResult:
    """Weights derived from a pairwise comparison matrix, with Saaty's consistency figures.

    ``weights`` is a Series indexed by the matrix's keys when it came as a DataFrame, else an array.
    ``disagreements`` lists at most three judgements, furthest first (on a log scale) from the ratio the
    weights imply; it is empty for a perfectly consistent matrix. When ``consistent`` is False, the first
    one is the comparison to revisit first.
    """

    weights: pd.Series | np.ndarray
    lambda_max: float
    ci: float
    cr: float
    consistent: bool
    disagreements: list[Disagreement] = field(default_factory=list)


def pairwise_matrix(
    keys: Sequence[str], judgements: Mapping[tuple[str, str], float], *, unjudged: float | None = 1.0
) -> pd.DataFrame:
    """The reciprocal comparison matrix from one judgement per pair of ``keys``.

    ``judgements[(a, b)] = v`` says a is v times as important as b (Saaty's scale 1/9 … 9). Each pair is
    given at most once, in either order; the matrix gets v at (a, b), 1/v at (b, a) and 1 on the diagonal.
    A pair without a judgement gets ``unjudged``: by default 1, "equally important", the neutral judgement
    a comparison form shows before it is touched; with ``unjudged=None`` every pair must be judged. Raises
    ``ValueError`` for unknown keys, doubled pairs, missing pairs (with ``unjudged=None``) and values that
    are not positive numbers.
    """
    keys = list(keys)
    if len(set(keys)) != len(keys):
        raise ValueError("The criteria to compare must be distinct.")
    position = {key: i for i, key in enumerate(keys)}
    matrix = np.full((len(keys), len(keys)), np.nan)
    np.fill_diagonal(matrix, 1.0)
    for (a, b), value in judgements.items():
        if a not in position or b not in position:
            unknown = a if a not in position else b
            raise ValueError(f"The judgement ({a!r}, {b!r}) names {unknown!r}, which is not a criterion.")
        value = float(value)
        if not (math.isfinite(value) and value > 0):
            raise ValueError(f"The judgement ({a!r}, {b!r}) must be a positive number, not {value:g}.")
        if a == b:
            if value != 1.0:
                raise ValueError(f"{a!r} compared with itself must be 1, not {value:g}.")
            continue
        i, j = position[a], position[b]
        if not np.isnan(matrix[i, j]):
            raise ValueError(f"The pair ({a!r}, {b!r}) is judged more than once.")
        matrix[i, j], matrix[j, i] = value, 1.0 / value
    if unjudged is not None:
        if not (math.isfinite(unjudged) and unjudged > 0):
            raise ValueError(f"The value for unjudged pairs must be a positive number, not {unjudged:g}.")
        upper = np.triu(np.isnan(matrix), k=1)
        matrix[upper] = unjudged
        matrix.T[upper] = 1.0 / unjudged
    missing = [(keys[i], keys[j]) for i, j in zip(*np.nonzero(np.isnan(matrix)), strict=True) if i < j]
    if missing:
        pairs = ", ".join(f"({a!r}, {b!r})" for a, b in missing)
        raise ValueError(f"Every pair must be judged; missing: {pairs}.")
    return pd.DataFrame(matrix, index=keys, columns=keys)


def ahp_weights(matrix: np.ndarray | pd.DataFrame, *, tolerance: float = 1e-3) -> AhpResult:
    """Weights from a pairwise comparison matrix by Saaty's principal eigenvector method.

    ``matrix[i, j]`` says how many times criterion i is as important as j; it must be square, positive,
    with 1 on the diagonal and reciprocal (a_ji = 1 / a_ij, within a relative ``tolerance``, so judgements
    typed as 0.333 for 1/3 pass), else ``ValueError`` says what is wrong. The weights are the real part of
    the eigenvector of the largest real eigenvalue λ_max, normalised to sum 1; CI = (λ_max − n) / (n − 1),
    CR = CI / RI(n) with Saaty's random index (``RANDOM_INDEX``, n ≤ 15); CI and CR are 0 for n ≤ 2, where
    every reciprocal matrix is consistent. The judgements count as consistent when CR ≤ 0.1.
    """
    keys = _matrix_keys(matrix)
    values = _checked_matrix(np.asarray(matrix, dtype="float64"), keys=keys, tolerance=tolerance)
    n = len(values)

    eigenvalues, eigenvectors = np.linalg.eig(values)
    principal = int(np.argmax(eigenvalues.real))
    lambda_max = float(eigenvalues[principal].real)
    vector = eigenvectors[:, principal].real
    vector = vector / vector.sum()

    ci = max((lambda_max - n) / (n - 1), 0.0) if n > 2 else 0.0
    cr = ci / RANDOM_INDEX[n - 1] if n > 2 else 0.0
    weights = pd.Series(vector, index=keys, name="weight") if keys is not None else vector
    return AhpResult(
        weights=weights,
        lambda_max=lambda_max,
        ci=ci,
        cr=cr,
        consistent=cr <= CR_THRESHOLD,
        disagreements=_disagreements(values, vector, keys=keys),
    )


def blend_derived(*, derived: pd.Series, rating: pd.Series) -> tuple[pd.Series, pd.Series]:
    """One criterion's values where some projects have a derived figure and others only a 1–5 rating.

    ``derived`` (e.g. staff hours saved per year; NaN where the project has no service change) and
    ``rating`` (1–5, NaN where not rated) share an index. A derived figure wins; a rating stands in where
    there is none, placed on the derived scale at the same position it holds on the 1–5 scale: rating r
    becomes the ((r − 1) / 4)-quantile of the derived figures together with 0, the "nothing saved" anchor
    (1 → 0, 3 → the median, 5 → the largest figure), so both kinds of project are comparable after min–max
    normalisation, even when only one project has a derived figure. Without any derived figure the
    ratings are used as they are.

    Returns (values, source), ``source`` being "derived", "rating" or "missing" per project.
    """
    derived = pd.to_numeric(derived, errors="coerce").astype("float64")
    rating = pd.to_numeric(rating, errors="coerce").astype("float64").reindex(derived.index)
    known = np.append(derived.dropna().to_numpy(), 0.0) if derived.notna().any() else np.empty(0)
    stand_in = rating.where(derived.isna())
    if known.size and stand_in.notna().any():
        positions = ((stand_in.clip(1, 5) - 1) / 4).fillna(0.0).to_numpy()
        placed = pd.Series(np.quantile(known, positions), index=derived.index).where(stand_in.notna())
    else:
        placed = stand_in
    values = derived.fillna(placed)
    source = pd.Series(
        np.select([derived.notna(), stand_in.notna()], ["derived", "rating"], default="missing"),
        index=derived.index,
    )
    return values, source


QUADRANTS = ("quick_wins", "major_projects", "fill_ins", "thankless_tasks")


def value_effort(*, assessments: pd.DataFrame, criteria: pd.DataFrame, effort: pd.Series) -> pd.DataFrame:
    """Benefit against effort for the value–effort matrix (DESIGN.md §5 ranking).

    ``benefit`` (0–100) is the score over the higher-is-better criteria only (the same normalisation and
    weights as :func:`rank`; lower-is-better criteria such as effort and risk are left out, effort being
    the other axis). ``quadrant`` splits at the medians of benefit and ``effort``: quick wins (benefit
    above, effort not above), major projects (both above), fill-ins (neither above), thankless tasks
    (effort above, benefit not). Indexed like ``assessments``.
    """
    benefit_criteria = criteria[~criteria["lower_is_better"].fillna(False).astype(bool)]
    normalised = normalise(assessments=assessments, criteria=benefit_criteria)
    # A subset of the model's weights: they need not sum to one here (benefit is rescaled below).
    weights = pd.Series(_floats(benefit_criteria["weight"]), index=benefit_criteria.index)
    assessed = normalised.notna().astype("float64").to_numpy() @ weights.to_numpy()
    points = normalised.fillna(0.0).to_numpy() @ weights.to_numpy()
    benefit = pd.Series(
        np.divide(100.0 * points, assessed, out=np.full(len(points), np.nan), where=assessed > 0),
        index=normalised.index,
    )
    effort = pd.to_numeric(effort, errors="coerce").astype("float64").reindex(benefit.index)
    high_benefit = (benefit > benefit.median()).to_numpy()
    high_effort = (effort > effort.median()).to_numpy()
    quadrant = np.select(
        [high_benefit & ~high_effort, high_benefit & high_effort, ~high_benefit & ~high_effort],
        ["quick_wins", "major_projects", "fill_ins"],
        default="thankless_tasks",
    )
    return pd.DataFrame({"benefit": benefit, "effort": effort, "quadrant": quadrant}, index=benefit.index)


def _assessment_values(*, assessments: pd.DataFrame, criteria: pd.DataFrame) -> pd.DataFrame:
    if not criteria.index.is_unique:
        raise ValueError("Each criterion may appear only once in the scoring model.")
    if not assessments.index.is_unique:
        raise ValueError("Each project may appear only once in the assessments.")
    values = pd.DataFrame(
        {key: _floats(assessments[key]) if key in assessments else np.nan for key in criteria.index},
        index=pd.Index(assessments.index, name="project_id"),
        columns=criteria.index,
    )
    return values.astype("float64")


def _floats(column: pd.Series) -> np.ndarray:
    # Decimal (from DecimalField values()), None and nullable numbers all become float64 with NaN.
    return pd.to_numeric(pd.Series(column, dtype=object)).astype("float64").to_numpy()


def _weights(criteria: pd.DataFrame) -> pd.Series:
    check_weights(criteria["weight"])
    return pd.Series(_floats(criteria["weight"]), index=criteria.index, name="weight")


def _ranks(scores: pd.Series) -> pd.Series:
    """Ranks of ``scores`` (1 = highest), ties to nine decimals on the "min" method, NA for NaN scores."""
    tie_keys = np.rint(scores * _TIE_SCALE)
    return tie_keys.rank(method="min", ascending=False, na_option="keep").astype("Int64")


def _sample_weights(weights: np.ndarray, *, samples: int, concentration: float, seed: int) -> np.ndarray:
    """``samples`` × criteria weights from Dirichlet(concentration · weights); weight-0 criteria stay 0."""
    rng = np.random.default_rng(seed)
    sampled = np.zeros((samples, len(weights)))
    positive = weights > 0
    sampled[:, positive] = rng.dirichlet(concentration * weights[positive] / weights[positive].sum(), samples)
    return sampled


def _sample_ranks(
    *, numerators: np.ndarray, denominators: np.ndarray, sampled: np.ndarray, index_bits: int
) -> np.ndarray:
    """The rank of every project (rows) under every weight sample (columns), as in :func:`rank`.

    ``numerators`` is criteria × projects with the normalised values (0 where missing), ``denominators`` the
    same shape with 1 where assessed. The ranking sorts one int64 per (sample, project): the rounded score
    (inverted, so the best comes first) in the high bits and the project's position in the low bits. A
    plain sort of integers is several times faster than an argsort of floats, and equal high bits are the
    ties of :func:`rank`. Scores without a denominator sort last; the caller blanks those projects.
    """
    n_projects = numerators.shape[1]
    n_samples = len(sampled)
    rank_type = np.min_scalar_type(n_projects)
    ranks = np.empty((n_projects, n_samples), dtype=rank_type)
    positions = np.arange(n_projects, dtype=np.int64)
    first_ranks = np.arange(1, n_projects + 1, dtype=rank_type)
    no_score = (1 << _TIE_KEY_BITS) - 1
    if n_projects == 0:
        return ranks
    block = max(1, _BLOCK_CELLS // n_projects)

    for start in range(0, n_samples, block):
        weights = sampled[start : start + block]
        scores = weights @ numerators
        assessed_weight = weights @ denominators
        np.divide(scores, assessed_weight, out=scores, where=assessed_weight > 0)
        scores *= 100.0 * _TIE_SCALE
        np.rint(scores, out=scores)
        np.subtract(100.0 * _TIE_SCALE, scores, out=scores)
        np.clip(scores, 0, no_score - 1, out=scores)
        scores[assessed_weight <= 0] = no_score
        keys = scores.astype(np.int64)
        keys <<= index_bits
        keys |= positions
        keys.sort(axis=1)

        project = keys & ((1 << index_bits) - 1)
        keys >>= index_bits
        starts_group = np.empty(keys.shape, dtype=bool)
        starts_group[:, 0] = True
        np.not_equal(keys[:, 1:], keys[:, :-1], out=starts_group[:, 1:])
        block_ranks = np.where(starts_group, first_ranks, rank_type.type(0))
        np.maximum.accumulate(block_ranks, axis=1, out=block_ranks)
        np.put_along_axis(ranks[:, start : start + block].T, project, block_ranks, axis=1)
    return ranks


def _matrix_keys(matrix: np.ndarray | pd.DataFrame) -> list[Hashable] | None:
    if not isinstance(matrix, pd.DataFrame):
        return None
    if list(matrix.index) != list(matrix.columns):
        raise ValueError(
            "The comparison matrix must list the same criteria, in the same order, as rows and columns."
        )
    return list(matrix.index)


def _checked_matrix(values: np.ndarray, *, keys: list[Hashable] | None, tolerance: float) -> np.ndarray:
    if values.ndim != 2 or values.shape[0] != values.shape[1]:
        raise ValueError(f"The comparison matrix must be square, not of shape {values.shape}.")
    n = len(values)
    if n == 0:
        raise ValueError("The comparison matrix is empty: there is nothing to weigh.")
    if n > len(RANDOM_INDEX):
        raise ValueError(
            f"AHP compares at most {len(RANDOM_INDEX)} criteria (Saaty's random index is tabulated up to "
            f"{len(RANDOM_INDEX)}); this matrix has {n}."
        )

    def name(i: int) -> str:
        return repr(keys[i]) if keys is not None else str(i)

    if not np.isfinite(values).all() or (values <= 0).any():
        i, j = np.argwhere(~np.isfinite(values) | (values <= 0))[0]
        raise ValueError(
            f"Every comparison must be a positive number; ({name(i)}, {name(j)}) is {values[i, j]:g}."
        )
    diagonal = np.diag(values)
    if not np.allclose(diagonal, 1.0, rtol=0.0, atol=tolerance):
        i = int(np.argmax(np.abs(diagonal - 1.0)))
        raise ValueError(f"A criterion compared with itself must be 1; {name(i)} has {diagonal[i]:g}.")
    products = values * values.T
    if not np.allclose(products, 1.0, rtol=0.0, atol=tolerance):
        i, j = np.unravel_index(int(np.argmax(np.abs(products - 1.0))), products.shape)
        i, j = min(i, j), max(i, j)
        raise ValueError(
            f"The comparison matrix must be reciprocal: ({name(i)}, {name(j)}) is {values[i, j]:g} "
            f"but ({name(j)}, {name(i)}) is {values[j, i]:g}, not {1.0 / values[i, j]:g}."
        )
    return values


def _disagreements(
    values: np.ndarray, weights: np.ndarray, *, keys: list[Hashable] | None
) -> list[Disagreement]:
    """The three judgements above the diagonal furthest, on a log scale, from w_i / w_j."""
    rows, columns = np.triu_indices(len(values), k=1)
    given = values[rows, columns]
    implied = weights[rows] / weights[columns]
    distance = np.abs(np.log(given) - np.log(implied))
    worst = [int(k) for k in np.argsort(-distance, kind="stable")[:3] if distance[k] > 1e-9]

    def label(i: int) -> Hashable:
        return keys[i] if keys is not None else int(i)

    return [
        Disagreement(label(rows[k]), label(columns[k]), float(given[k]), float(implied[k])) for k in worst
    ]
