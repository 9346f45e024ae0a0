"""Reads that feed the ranking (DESIGN.md §5 ranking): the active scoring model, the assessment frame of
the projects it ranks, and the ranking itself with its robustness, computed by ``portfolio/ranking.py``.

Criteria marked "derived" take their values from the project's data, through the same functions the
other pages use (hours saved from ``impact``, person-days, goal contributions); ratings fill in where a
project has no such data, placed on the derived scale by ``ranking.blend_derived``. The result says for
every project and criterion which was used.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from django.db.models import Sum
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from municipalities.access import Action
from municipalities.models import Municipality

from .. import ranking
from ..models import (
    OPEN,
    Assessment,
    Basis,
    Contribution,
    Criterion,
    CriterionKey,
    PairwiseComparison,
    Project,
    ScoringModel,
)
from .register import portfolio_impact, project_list

ROBUSTNESS_SAMPLES = 1000
ROBUSTNESS_SEED = 20260101
SLIDER_PREFIX = "w_"


def scoring_model_list(*, user, municipality: Municipality, action: Action | str = Action.VIEW):
    return ScoringModel.objects.for_user(user, action, municipality=municipality)


def scoring_model_active(*, user, municipality: Municipality) -> ScoringModel | None:
    return scoring_model_list(user=user, municipality=municipality).filter(active=True).first()


def criteria_of(model: ScoringModel) -> list[Criterion]:
    return list(model.criteria.order_by("position", "key"))


def criteria_frame(criteria: list[Criterion], weights: dict[str, float] | None = None) -> pd.DataFrame:
    """Criteria indexed by key with weight and lower_is_better; ``weights`` override the stored ones."""
    frame = pd.DataFrame(
        {
            "weight": [float(c.weight) for c in criteria],
            "lower_is_better": [c.lower_is_better for c in criteria],
        },
        index=pd.Index([c.key for c in criteria], name="criterion"),
    )
    if weights:
        frame["weight"] = [float(weights.get(c.key, c.weight)) for c in criteria]
    return frame


@dataclass(frozen=True)
class RankingInput:
    """Everything ``ranking.rank`` needs, plus where each value came from."""

    model: ScoringModel
    criteria: list[Criterion]
    projects: list[Project]
    values: pd.DataFrame  # index project_id, one column per criterion key (NaN: not assessed)
    sources: pd.DataFrame  # same shape: "derived", "rating" or "missing"
    effort_days: pd.Series
    cost: pd.Series
    notes: dict[tuple[int, str], str] = field(default_factory=dict)


def ranking_input(
    *, user, municipality: Municipality, model: ScoringModel, statuses: Collection[str] = OPEN
) -> RankingInput:
    """The assessment frame of the visible projects in ``statuses`` (those still open, ``OPEN``); a fixed
    number of queries."""
    projects = list(
        project_list(user=user, municipality=municipality).filter(status__in=statuses).order_by("title")
    )
    ids = pd.Index([p.pk for p in projects], name="project_id", dtype="int64")
    criteria = criteria_of(model)
    rows = Assessment.objects.filter(criterion__model=model, project_id__in=list(ids)).values_list(
        "project_id", "criterion__key", "value", "note"
    )
    ratings = pd.DataFrame.from_records(list(rows), columns=["project_id", "key", "value", "note"])
    notes = {(int(r.project_id), r.key): r.note for r in ratings.itertuples() if r.note}
    rated = (
        ratings.pivot(index="project_id", columns="key", values="value").astype(float)
        if not ratings.empty
        else pd.DataFrame(index=ids)
    )
    rated = rated.reindex(index=ids, columns=[c.key for c in criteria])

    derived = _derived_values(user=user, municipality=municipality, projects=projects, ids=ids)
    values = pd.DataFrame(index=ids)
    sources = pd.DataFrame(index=ids)
    for criterion in criteria:
        rating = rated[criterion.key]
        if criterion.basis == Basis.DERIVED and criterion.key in derived:
            value, source = ranking.blend_derived(derived=derived[criterion.key], rating=rating)
        else:
            value = rating
            source = pd.Series(np.where(rating.isna(), "missing", "rating"), index=ids)
        values[criterion.key] = value
        sources[criterion.key] = source
    cost = derived["cost"].reindex(ids).fillna(0.0)
    return RankingInput(
        model=model,
        criteria=criteria,
        projects=projects,
        values=values,
        sources=sources,
        effort_days=pd.Series([float(p.internal_effort_days) for p in projects], index=ids),
        cost=cost,
        notes=notes,
    )


def _derived_values(*, user, municipality, projects: list[Project], ids: pd.Index) -> dict[str, pd.Series]:
    """Values derivable from project data, NaN where a project has none (no service change, no goal)."""
    figures = portfolio_impact(user=user, municipality=municipality)
    impact = figures.projects.reindex(ids)
    has_changes = impact["service_count"].fillna(0) > 0
    effort = pd.Series([float(p.internal_effort_days) for p in projects], index=ids)
    fit = (
        Contribution.objects.filter(project_id__in=list(ids))
        .values("project_id")
        .annotate(total=Sum("weight"))
        .values_list("project_id", "total")
    )
    fit_series = pd.Series({pk: float(total) for pk, total in fit}, dtype="float64").reindex(ids)
    return {
        CriterionKey.CITIZEN_BENEFIT: impact["citizen_hours_saved"].where(has_changes),
        CriterionKey.STAFF_IMPACT: impact["staff_hours_saved"].where(has_changes),
        CriterionKey.EFFORT: effort.where(effort > 0),
        CriterionKey.STRATEGIC_FIT: fit_series,
        "cost": figures.total_cost,
    }


@dataclass(frozen=True)
class RankingView:
    """The ranking of one scoring model with the weights in use, ready for a page, the API or a report."""

    input: RankingInput
    weights: pd.Series  # by criterion key, summing to one (unless ``problem`` says they do not)
    table: pd.DataFrame  # ranking.rank output joined with robustness and project facts
    top_k: int
    # Why there is no ranking (the stored weights are not a scoring model); the table is empty then.
    problem: str | None = None

    @property
    def criteria(self) -> list[Criterion]:
        return self.input.criteria


class WeightParameterError(ValueError):
    """A slider weight that cannot rank; ``parameter`` names it, the message (in the user's language)
    says why. The API answers 400 with it; the pages show it and rank with the stored weights."""

    def __init__(self, message: str, *, parameter: str) -> None:
        super().__init__(message)
        self.message = message
        self.parameter = parameter


def slider_weights(query: Mapping[str, str], *, criteria: list[Criterion]) -> dict[str, float] | None:
    """The weights ``w_<key>`` of a query string or form, for the ranking page, its save button, the
    value–effort matrix and the API alike: finite non-negative numbers in any scale (slider positions
    0–100), scaled to sum one by :func:`normalised_weights`; None when none is given.

    Raises :class:`WeightParameterError` naming the parameter whose value is not a number, not finite
    (``nan``, ``inf``, ``1e309``) or negative, and when the weights given, with the stored weights of
    the criteria not given, are all zero (nothing left to rank by).
    """
    raw: dict[str, float] = {}
    for name, text in query.items():
        if not name.startswith(SLIDER_PREFIX):
            continue
        shown = {"name": name, "value": str(text)[:20]}
        try:
            value = float(text)
        except (TypeError, ValueError):
            raise WeightParameterError(
                _("The weight %(name)s must be a number, not “%(value)s”.") % shown, parameter=name
            ) from None
        if not math.isfinite(value):
            raise WeightParameterError(
                _("The weight %(name)s must be a finite number, not “%(value)s”.") % shown, parameter=name
            )
        if value < 0:
            raise WeightParameterError(
                _("The weight %(name)s must not be negative (%(value)s).") % shown, parameter=name
            )
        raw[name.removeprefix(SLIDER_PREFIX)] = value
    keys = {c.key for c in criteria}
    raw = {key: value for key, value in raw.items() if key in keys}
    if not raw:
        return None
    if not any(raw.get(c.key, float(c.weight)) > 0 for c in criteria):
        given = ", ".join(SLIDER_PREFIX + key for key in raw)
        raise WeightParameterError(
            _("The weights are all zero; at least one must be above zero to rank by."), parameter=given
        )
    return raw


def normalised_weights(criteria: list[Criterion], raw: dict[str, float] | None) -> pd.Series:
    """Weights by key from ``raw`` (finite non-negative numbers from :func:`slider_weights`) scaled to
    sum 1; the stored weights where ``raw`` is empty or all zero. Divided by the largest first, so
    weights near the largest float do not overflow their sum to inf."""
    stored = pd.Series({c.key: float(c.weight) for c in criteria}, dtype="float64")
    if not raw:
        return stored
    given = pd.Series({c.key: max(float(raw.get(c.key, c.weight)), 0.0) for c in criteria}, dtype="float64")
    largest = given.max()
    if not (np.isfinite(largest) and largest > 0):
        return stored
    scaled = given / largest
    return scaled / scaled.sum()


def ranking_view(
    *,
    user,
    municipality: Municipality,
    model: ScoringModel,
    weights: dict[str, float] | None = None,
    samples: int = ROBUSTNESS_SAMPLES,
    statuses: Collection[str] = OPEN,
) -> RankingView:
    """The ranking of the visible projects in ``statuses`` under ``model``: the min–max normalisation runs
    over exactly these projects, so two readers see the same ranks only if they rank the same population
    (the council report passes ``COUNCIL_RANKED``, what a council member's ranking page ranks)."""
    data = ranking_input(user=user, municipality=municipality, model=model, statuses=statuses)
    used = normalised_weights(data.criteria, weights)
    frame = criteria_frame(data.criteria, used.to_dict())
    try:
        table = ranking.rank(assessments=data.values, criteria=frame)
    except ranking.WeightsError as error:
        # Stored weights that bypassed the actions (legacy rows): say so instead of ranking by them.
        return RankingView(
            input=data,
            weights=used,
            table=_no_ranking(data),
            top_k=model.top_k,
            problem=_(
                "The weights of the scoring model “%(model)s” add up to %(total)s, not to 1 (100 %%), so "
                "no ranking can be computed. Correct them on the criteria page."
            )
            % {"model": model.name, "total": number_format(round(error.total, 4))},
        )
    top_k = min(model.top_k, max(len(data.projects), 1))
    if len(data.projects) and samples:
        robust = ranking.robustness(
            assessments=data.values, criteria=frame, samples=samples, top_k=top_k, seed=ROBUSTNESS_SEED
        )
        table = table.join(robust)
    table = table.join(data.effort_days.rename("effort_days")).join(data.cost.rename("cost"))
    return RankingView(input=data, weights=used, table=table, top_k=top_k)


def _no_ranking(data: RankingInput) -> pd.DataFrame:
    """The columns of a ranking table without a row (the ranking cannot be computed)."""
    columns = [
        *ranking.RANK_COLUMNS,
        *(ranking.contribution_column(c.key) for c in data.criteria),
        *ranking.ROBUSTNESS_COLUMNS,
        "effort_days",
        "cost",
    ]
    return pd.DataFrame(columns=columns, index=pd.Index([], name="project_id", dtype="int64"))


def value_effort_frame(*, view: RankingView) -> pd.DataFrame:
    """Per ranked project: id, title, layer, effort, benefit, quadrant and cost (value–effort matrix);
    no row when the ranking cannot be computed (``view.problem``)."""
    data = view.input
    if view.problem:
        columns = ["id", "effort", "benefit", "quadrant", "cost", "title", "layer"]
        return pd.DataFrame(columns=columns)
    frame = ranking.value_effort(
        assessments=data.values,
        criteria=criteria_frame(data.criteria, view.weights.to_dict()),
        effort=data.effort_days,
    )
    frame["cost"] = data.cost
    frame["title"] = [p.title for p in data.projects]
    frame["layer"] = [p.layer for p in data.projects]
    return frame.rename_axis("id").reset_index()


def _stored_judgements(model: ScoringModel) -> dict[tuple[str, str], float]:
    # Only judgements between the model's own criteria (older rows may name another model's).
    rows = PairwiseComparison.objects.filter(model=model, first__model=model, second__model=model)
    return {
        (first, second): float(value)
        for first, second, value in rows.values_list("first__key", "second__key", "value")
    }


def comparison_matrix(*, model: ScoringModel, criteria: list[Criterion]) -> pd.DataFrame:
    """The stored pairwise judgements as a reciprocal matrix (1 where a pair has not been judged)."""
    return ranking.pairwise_matrix([c.key for c in criteria], _stored_judgements(model))


@dataclass(frozen=True)
class AhpView:
    """The AHP weights of a model's stored judgements (unjudged pairs count as equally important), their
    consistency, and the pairs still to judge; the weights are the model's once ``complete``."""

    result: ranking.AhpResult
    missing: list[tuple[str, str]]

    @property
    def complete(self) -> bool:
        return not self.missing


def ahp_view(*, model: ScoringModel) -> AhpView:
    criteria = criteria_of(model)
    judgements = _stored_judgements(model)
    judged = {frozenset(pair) for pair in judgements}
    keys = [c.key for c in criteria]
    missing = [(a, b) for i, a in enumerate(keys) for b in keys[i + 1 :] if frozenset((a, b)) not in judged]
    return AhpView(result=ranking.ahp_weights(ranking.pairwise_matrix(keys, judgements)), missing=missing)


__all__ = [
    "AhpView",
    "RankingInput",
    "RankingView",
    "WeightParameterError",
    "ahp_view",
    "comparison_matrix",
    "criteria_frame",
    "criteria_of",
    "normalised_weights",
    "ranking_input",
    "ranking_view",
    "scoring_model_active",
    "scoring_model_list",
    "slider_weights",
    "value_effort_frame",
]
