"""Reads that feed the ranking (DESIGN.md §5 ranking): the active scoring model, the assessment frame of
the projects it ranks, and the ranking itself with its robustness, computed by ``portfolio/ranking.py``.

Criteria marked "derived" take their values from the project's data, through the same functions the
other pages use (hours saved from ``impact``, person-days, goal contributions); ratings fill in where a
project has no such data, placed on the derived scale by ``ranking.blend_derived``. The result says for
every project and criterion which was used.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from django.db.models import Sum

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
    weights: pd.Series  # by criterion key, summing to one
    table: pd.DataFrame  # ranking.rank output joined with robustness and project facts
    top_k: int

    @property
    def criteria(self) -> list[Criterion]:
        return self.input.criteria


def normalised_weights(criteria: list[Criterion], raw: dict[str, float] | None) -> pd.Series:
    """Weights by key from ``raw`` (any non-negative numbers, e.g. slider positions) scaled to sum 1;
    the stored weights where ``raw`` is empty or all zero."""
    stored = pd.Series({c.key: float(c.weight) for c in criteria}, dtype="float64")
    if not raw:
        return stored
    given = pd.Series({c.key: max(float(raw.get(c.key, c.weight)), 0.0) for c in criteria}, dtype="float64")
    total = given.sum()
    return stored if total <= 0 else given / total


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
    table = ranking.rank(assessments=data.values, criteria=frame)
    top_k = min(model.top_k, max(len(data.projects), 1))
    if len(data.projects) and samples:
        robust = ranking.robustness(
            assessments=data.values, criteria=frame, samples=samples, top_k=top_k, seed=ROBUSTNESS_SEED
        )
        table = table.join(robust)
    table = table.join(data.effort_days.rename("effort_days")).join(data.cost.rename("cost"))
    return RankingView(input=data, weights=used, table=table, top_k=top_k)


def value_effort_frame(*, view: RankingView) -> pd.DataFrame:
    """Per ranked project: id, title, layer, effort, benefit, quadrant and cost (value–effort matrix)."""
    data = view.input
    frame = ranking.value_effort(
        assessments=data.values,
        criteria=criteria_frame(data.criteria, view.weights.to_dict()),
        effort=data.effort_days,
    )
    frame["cost"] = data.cost
    frame["title"] = [p.title for p in data.projects]
    frame["layer"] = [p.layer for p in data.projects]
    return frame.rename_axis("id").reset_index()


def comparison_matrix(*, model: ScoringModel, criteria: list[Criterion]) -> pd.DataFrame:
    """The stored pairwise judgements as a reciprocal matrix (1 where a pair has not been judged)."""
    keys = [c.key for c in criteria]
    judgements = {
        (first, second): float(value)
        for first, second, value in PairwiseComparison.objects.filter(model=model).values_list(
            "first__key", "second__key", "value"
        )
    }
    return ranking.pairwise_matrix(keys, judgements)


__all__ = [
    "RankingInput",
    "RankingView",
    "comparison_matrix",
    "criteria_frame",
    "criteria_of",
    "normalised_weights",
    "ranking_input",
    "ranking_view",
    "scoring_model_active",
    "scoring_model_list",
    "value_effort_frame",
]
