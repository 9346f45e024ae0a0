"""Reads of scenarios (issue 18): the optimizer's problem built from the municipality's projects, and the
solved answer as pages, API and reports show it.

The projects a scenario chooses from are the open ones the reader may see: ideas and proposals are free to
choose; approved, running and paused projects are committed (in, at their start). Scores are the ranking's
(``ranking_view`` over the same open projects). Costs are each project's yearly costs
(``ProjectCost``, external cost in its first year) counted from its planned start. Skill demand and staff
capacity belong to staffing, a higher layer: it registers a source here at start-up
(:func:`register_resource_source`), and without one the scenario has no capacity rule.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd
from django.db.models import QuerySet

from municipalities.access import Action
from municipalities.models import Municipality

from ..models import (
    OPEN,
    BudgetMode,
    CapacitySource,
    Dependency,
    Layer,
    Project,
    ProjectCost,
    Scenario,
    ScenarioBudget,
    Status,
)
from ..optimizer import Problem
from .ranking import ranking_view, scoring_model_active

__all__ = [
    "COMMITTED_IN_SCENARIOS",
    "Resources",
    "Roadmap",
    "ScenarioComparison",
    "ScenarioPage",
    "ScenarioProblem",
    "register_resource_source",
    "scenario_comparison",
    "scenario_get",
    "scenario_list",
    "scenario_page",
    "scenario_plan",
    "scenario_problem",
    "scenario_roadmap",
]

# Decided already: in every scenario, at their start.
COMMITTED_IN_SCENARIOS = (Status.APPROVED, Status.IN_PROGRESS, Status.ON_HOLD)
BACK_END = (Layer.BACK_END, Layer.END_TO_END)


@dataclass(frozen=True)
class Resources:
    """Skill demand and capacity as plain data, from the registered source: ``demand`` has project_id,
    row (a key such as "12:3", skill 12 at level 3 or above), offset (years from the project's planned
    start) and fte; ``capacity`` has row, year and fte; ``labels`` names each row."""

    demand: pd.DataFrame
    capacity: pd.DataFrame
    labels: dict[str, str]


ResourceSource = Callable[..., Resources | None]
_SOURCES: list[ResourceSource] = []


def register_resource_source(source: ResourceSource) -> None:
    """Called by staffing at start-up: ``source(user=, municipality=, scenario=, starts=)`` returns the
    skill demand of the projects (``starts``: planned start year by project id) and the capacity."""
    if source not in _SOURCES:
        _SOURCES.append(source)


def scenario_list(
    *, user, municipality: Municipality, action: Action | str = Action.VIEW
) -> QuerySet[Scenario]:
    return (
        Scenario.objects.for_user(user, action, municipality=municipality)
        .select_related("municipality")
        .order_by("name")
    )


def scenario_get(*, user, municipality, pk: int, action: Action | str = Action.VIEW) -> QuerySet[Scenario]:
    return (
        Scenario.objects.for_user(user, action, municipality=municipality)
        .select_related("municipality", "resolution")
        .filter(pk=pk)
    )


@dataclass(frozen=True)
class ScenarioProblem:
    """The optimizer's ``problem`` with what its indices mean: ``projects`` (one row per problem index:
    id, title, layer, status, score, cost, planned start year, committed, legal duty, why mandatory or
    left out), ``years`` (calendar years of the horizon), ``kinds`` (cost kinds of the budget rows),
    ``rows`` (capacity row keys) and ``labels`` (their names)."""

    problem: Problem
    projects: pd.DataFrame
    years: list[int]
    kinds: list[str]
    rows: list[str] = field(default_factory=list)
    labels: dict[str, str] = field(default_factory=dict)
    unscored: int = 0
    outside: list[str] = field(default_factory=list)
    # What the committed projects take in each year before the choice (K, Y) and (rows, Y), and the
    # budget and capacity as entered.
    committed_spend: np.ndarray | None = None
    committed_load: np.ndarray | None = None
    budget: np.ndarray | None = None
    capacity: np.ndarray | None = None
    full_cost: np.ndarray | None = None  # the cost profiles with the committed projects' own

    @property
    def fingerprint(self) -> str:
        """Changes whenever anything the optimizer reads changes (a cost, a score, a budget, …)."""
        digest = hashlib.sha256()
        p = self.problem
        for array in (p.score, p.cost, p.demand, p.earliest, p.latest, p.budget, p.capacity, p.requires):
            digest.update(np.ascontiguousarray(np.round(array, 6)).tobytes())
        for array in (p.mandatory, p.excluded, p.backend):
            digest.update(array.tobytes())
        digest.update(str(p.min_backend_share).encode())
        digest.update(",".join(map(str, self.projects["id"])).encode())
        return digest.hexdigest()[:32]


def _start_years(projects: pd.DataFrame, costs: pd.DataFrame, first_year: int) -> pd.Series:
    """Each project's start year: the actual start of a started project, else the planned start, else its
    first year of cost, else the scenario's first year."""
    first_cost = costs.groupby("project_id")["year"].min()
    start = projects["actual_start"].where(projects["status"].isin([Status.IN_PROGRESS, Status.ON_HOLD]))
    start = start.fillna(projects["planned_start"])
    years = pd.Series(
        [d.year if d is not None and not pd.isna(d) else np.nan for d in start], index=projects.index
    )
    years = years.fillna(projects["id"].map(first_cost)).fillna(first_year)
    return years.astype(int)


def scenario_problem(*, user, scenario: Scenario) -> ScenarioProblem:
    """The optimizer's problem for ``scenario`` as ``user`` sees the portfolio (see the module's docstring).
    A fixed number of queries, whatever the number of projects."""
    municipality = scenario.municipality
    years = list(range(scenario.first_year, scenario.first_year + scenario.years))
    n_years = len(years)
    visible = Project.objects.for_user(user, municipality=municipality).filter(status__in=OPEN)
    columns = [
        "id",
        "title",
        "layer",
        "status",
        "planned_start",
        "actual_start",
        "external_cost",
        "mandatory",
    ]
    columns += ["legal_deadline"]
    projects = pd.DataFrame.from_records(list(visible.order_by("pk").values_list(*columns)), columns=columns)
    cost_columns = ["project_id", "year", "invest", "operating"]
    costs = pd.DataFrame.from_records(
        list(ProjectCost.objects.filter(project__in=visible).values_list(*cost_columns)),
        columns=cost_columns,
        coerce_float=True,
    )
    n = len(projects)
    index = pd.Series(np.arange(n), index=projects["id"], dtype="int64")

    # Scores: the ranking of the open projects (unassessed ones score 0 and are counted).
    model = scoring_model_active(user=user, municipality=municipality)
    score = pd.Series(0.0, index=projects["id"])
    if model is not None and n:
        table = ranking_view(
            user=user,
            municipality=municipality,
            model=model,
            weights=scenario.weights,
            samples=0,
            statuses=OPEN,
        ).table
        score = table["score"].reindex(projects["id"]).astype(float)
    unscored = int(score.isna().sum())
    score = score.fillna(0.0)

    # Cost profiles from the start year, one or two kinds.
    start_year = _start_years(projects, costs, scenario.first_year) if n else pd.Series(dtype=int)
    separate = scenario.budget_mode == BudgetMode.SEPARATE
    kinds = ["invest", "operating"] if separate else ["total"]
    if len(costs):
        costs["offset"] = costs["year"] - costs["project_id"].map(
            dict(zip(projects["id"], start_year, strict=True))
        )
        costs = costs[costs["offset"] >= 0]
    length = max(int(costs["offset"].max()) + 1 if len(costs) else 1, 1)
    cost = np.zeros((n, len(kinds), length))
    if len(costs):
        rows = costs["project_id"].map(index).to_numpy()
        offsets = costs["offset"].to_numpy(dtype=int)
        if separate:
            np.add.at(cost, (rows, 0, offsets), costs["invest"].to_numpy(dtype=float))
            np.add.at(cost, (rows, 1, offsets), costs["operating"].to_numpy(dtype=float))
        else:
            np.add.at(cost, (rows, 0, offsets), (costs["invest"] + costs["operating"]).to_numpy(dtype=float))
    if n:
        cost[:, 0, 0] += projects["external_cost"].astype(float).to_numpy()  # no year: the first one's

    # Start windows: committed projects at their start; the others from their planned start (not in the
    # past), later by up to ``max_delay`` years when start years may be chosen, a legal duty's deadline kept.
    committed = projects["status"].isin(COMMITTED_IN_SCENARIOS).to_numpy()
    at = start_year.to_numpy() - scenario.first_year if n else np.zeros(0, dtype=int)
    earliest = np.where(committed, at, np.maximum(at, 0))
    delay = scenario.max_delay if scenario.start_choice else 0
    latest = np.where(committed, earliest, np.minimum(earliest + delay, n_years - 1))
    duration = np.maximum((cost.sum(axis=1) > 0).cumsum(axis=1).argmax(axis=1) + 1, 1)
    deadline = np.array(
        [
            d.year - scenario.first_year if d is not None and not pd.isna(d) else 10**6
            for d in projects["legal_deadline"]
        ],
        dtype=int,
    )
    latest = np.where(committed, latest, np.maximum(np.minimum(latest, deadline - duration + 1), earliest))
    beyond = ~committed & (earliest > n_years - 1)
    latest = np.maximum(latest, earliest)

    # In and out: committed and (by default) legal duties in; the scenario's lists; beyond the horizon out.
    chosen_in = set(scenario.mandatory.values_list("pk", flat=True))
    left_out = set(scenario.excluded.values_list("pk", flat=True))
    ids = projects["id"]
    # A decided project the scenario leaves out is the question "what if we stopped it?": out, its money free.
    committed = committed & ~ids.isin(left_out).to_numpy()
    legal = projects["mandatory"].astype(bool).to_numpy() & scenario.legal_duties_in
    excluded = ids.isin(left_out).to_numpy() | beyond
    mandatory = committed | ids.isin(chosen_in).to_numpy() | (legal & ~ids.isin(left_out).to_numpy())
    mandatory &= ~beyond | ids.isin(chosen_in).to_numpy()

    # Dependencies among them; one on a project that is not open (completed) is met already, and one of a
    # committed project binds nothing: it is decided and under way, there is no choice left to constrain.
    pairs = pd.DataFrame.from_records(
        list(
            Dependency.objects.filter(project__in=visible, requires__in=visible).values_list(
                "project", "requires"
            )
        ),
        columns=["p", "q"],
    )
    if len(pairs):
        pairs = pairs[~pairs["p"].map(dict(zip(ids, committed, strict=True))).astype(bool)]
    requires = (
        np.column_stack([pairs["p"].map(index), pairs["q"].map(index)]) if len(pairs) else np.zeros((0, 2))
    )

    # Budgets per kind and year (an empty amount: no limit).
    budget = np.full((len(kinds), n_years), np.inf)
    for row in ScenarioBudget.objects.filter(scenario=scenario, year__in=years).values("year", *kinds):
        for k, kind in enumerate(kinds):
            if row[kind] is not None:
                budget[k, row["year"] - scenario.first_year] = float(row[kind])

    demand, capacity, rows, labels = _resources(
        user, municipality, scenario, projects, start_year, index, years
    )
    if demand.shape[2] < cost.shape[2]:
        demand = np.concatenate(
            [demand, np.zeros((n, demand.shape[1], cost.shape[2] - demand.shape[2]))], axis=2
        )
    # Committed projects are decided and under way: what they cost and need in each year is taken off
    # the budget and the capacity first (an overrun is reported, not "no portfolio"), and the choice is
    # made with what is left.
    committed_problem = Problem(
        score=np.zeros(n),
        cost=cost,
        demand=demand,
        earliest=earliest,
        latest=latest,
        budget=budget,
        capacity=capacity,
    )
    committed_spend = committed_problem.spend(committed, earliest)
    committed_load = committed_problem.load(committed, earliest)
    full_cost = cost.copy()
    cost, demand = cost.copy(), demand.copy()
    cost[committed], demand[committed] = 0.0, 0.0
    problem = Problem(
        score=score.to_numpy(),
        cost=cost,
        demand=demand,
        earliest=earliest,
        latest=latest,
        budget=np.maximum(budget - committed_spend, 0.0),
        capacity=np.maximum(capacity - committed_load, 0.0),
        requires=requires.astype(int),
        mandatory=mandatory,
        excluded=excluded,
        backend=projects["layer"].isin(BACK_END).to_numpy(),
        min_backend_share=scenario.min_backend_share / 100,
    )
    frame = projects[["id", "title", "layer", "status"]].assign(
        score=score.to_numpy(),
        cost=full_cost.sum(axis=(1, 2)),
        start_year=start_year.to_numpy() if n else [],
        committed=committed,
        legal=projects["mandatory"].astype(bool).to_numpy(),
    )
    return ScenarioProblem(
        problem=problem,
        projects=frame,
        years=years,
        kinds=kinds,
        rows=rows,
        labels=labels,
        unscored=unscored,
        outside=list(projects.loc[beyond, "title"]),
        committed_spend=committed_spend,
        committed_load=committed_load,
        budget=budget,
        capacity=capacity,
        full_cost=full_cost,
    )


def _resources(user, municipality, scenario, projects, start_year, index, years):
    """Demand (n, rows, D) and capacity (rows, Y) from the registered source, or none."""
    n = len(projects)
    nothing = (np.zeros((n, 0, 1)), np.zeros((0, len(years))), [], {})
    if scenario.capacity_source == CapacitySource.NONE or not _SOURCES or not n:
        return nothing
    starts = pd.Series(start_year.to_numpy(), index=projects["id"])
    found = [s(user=user, municipality=municipality, scenario=scenario, starts=starts) for s in _SOURCES]
    found = [r for r in found if r is not None]
    if not found:
        return nothing
    resources = found[0]
    rows = sorted(set(resources.capacity["row"]) | set(resources.demand["row"]))
    row_index = {r: i for i, r in enumerate(rows)}
    demand_frame = resources.demand[
        (resources.demand["offset"] >= 0) & resources.demand["project_id"].isin(index.index)
    ]
    length = int(demand_frame["offset"].max()) + 1 if len(demand_frame) else 1
    demand = np.zeros((n, len(rows), length))
    if len(demand_frame):
        np.add.at(
            demand,
            (
                demand_frame["project_id"].map(index).to_numpy(),
                demand_frame["row"].map(row_index).to_numpy(),
                demand_frame["offset"].to_numpy(dtype=int),
            ),
            demand_frame["fte"].to_numpy(dtype=float),
        )
    capacity = np.zeros((len(rows), len(years)))  # a skill nobody has: no capacity
    cap = resources.capacity[resources.capacity["year"].isin(years)]
    capacity[cap["row"].map(row_index).to_numpy(), (cap["year"] - years[0]).to_numpy(dtype=int)] = cap[
        "fte"
    ].to_numpy(dtype=float)
    return demand, capacity, rows, resources.labels


def _with_committed(built: ScenarioProblem, reason) -> dict:
    """A reason's need and availability as entered: the optimizer saw the budget and capacity left after
    the committed projects, the reader thinks of the whole ones (and the committed projects are among
    those that must be in)."""
    if reason.need is None or reason.kind not in {"budget", "capacity"}:
        return {"need": reason.need, "available": reason.available}
    taken, limit = (
        (built.committed_spend, built.budget)
        if reason.kind == "budget"
        else (built.committed_load, built.capacity)
    )
    if reason.year is None:
        taken_now, limit_now = (
            taken[reason.row].sum(),
            np.where(np.isfinite(limit[reason.row]), limit[reason.row], np.inf).sum(),
        )
    else:
        taken_now, limit_now = taken[reason.row, reason.year], limit[reason.row, reason.year]
    return {"need": float(reason.need + taken_now), "available": float(limit_now)}


def _none_if_inf(values) -> list:
    return [None if not np.isfinite(v) else float(v) for v in values]


def scenario_answer(*, built: ScenarioProblem, best, naive, frontier) -> dict:
    """The stored answer of a solve (JSON): the chosen projects with their start years, spend per cost kind
    and load per capacity row and year against the limits, the naive rule beside it, the frontier, and
    the reasons of an infeasible scenario as data (worded when shown, in the reader's language)."""
    p, projects, years = built.problem, built.projects, built.years

    def title(index):
        return None if index is None else str(projects["title"].iloc[index])

    def portfolio(solution) -> dict:
        chosen = solution.chosen
        cost = p.horizon_cost(solution.start)
        return {
            "status": solution.status,
            "value": solution.value,
            "count": int(chosen.sum()),
            "ids": [int(i) for i in projects["id"][chosen]],
            "cost": float(cost[chosen].sum()),
        }

    chosen = best.chosen
    start = best.start + built.years[0]
    # What each project costs in the planning years, the committed ones too (the problem's profiles of
    # theirs are zero: their money was taken off the budget first).
    horizon_cost = replace(p, cost=built.full_cost).horizon_cost(best.start)
    rows = []
    for i in np.nonzero(chosen)[0]:
        rows.append(
            {
                "id": int(projects["id"].iloc[i]),
                "title": str(projects["title"].iloc[i]),
                "layer": str(projects["layer"].iloc[i]),
                "status": str(projects["status"].iloc[i]),
                "start": int(start[i]),
                "score": float(projects["score"].iloc[i]),
                "cost": float(horizon_cost[i]),
                "committed": bool(projects["committed"].iloc[i]),
                "legal": bool(projects["legal"].iloc[i]),
            }
        )
    rows.sort(key=lambda r: (r["start"], -r["score"], r["title"]))
    at_earliest = replace(p, cost=built.full_cost).horizon_cost(p.earliest)
    left = [
        {
            "id": int(projects["id"].iloc[i]),
            "title": str(projects["title"].iloc[i]),
            "score": float(projects["score"].iloc[i]),
            "cost": float(at_earliest[i]),
            "excluded": bool(p.excluded[i]),
        }
        for i in np.nonzero(~chosen)[0]
    ]
    left.sort(key=lambda r: (-r["score"], r["title"]))
    spend = p.spend(chosen, best.start) + built.committed_spend
    load = p.load(chosen, best.start) + built.committed_load
    over = [
        {
            "kind": built.kinds[k],
            "year": years[y],
            "need": float(built.committed_spend[k, y]),
            "available": float(built.budget[k, y]),
        }
        for k, y in np.argwhere(built.committed_spend > built.budget + 1e-6)
    ]
    over_capacity = [
        {
            "row": built.labels.get(built.rows[r], built.rows[r]),
            "year": years[y],
            "need": float(built.committed_load[r, y]),
            "available": float(built.capacity[r, y]),
        }
        for r, y in np.argwhere(built.committed_load > built.capacity + 1e-6)
    ]
    return {
        "fingerprint": built.fingerprint,
        "status": best.status,
        "value": best.value,
        "bound": best.bound,
        "gap": best.gap,
        "seconds": round(best.seconds, 3),
        "years": years,
        "kinds": built.kinds,
        "chosen": rows,
        "left_out": left,
        "spend": spend.tolist(),
        "budget": [_none_if_inf(row) for row in built.budget],
        "committed_over": {"budget": over, "capacity": over_capacity},
        "load": [
            {
                "row": key,
                "label": built.labels.get(key, key),
                "values": load[r].tolist(),
                "capacity": _none_if_inf(built.capacity[r]),
            }
            for r, key in enumerate(built.rows)
        ],
        "naive": portfolio(naive),
        "frontier": [
            {
                "factor": point.factor,
                "budget": point.budget + float(built.committed_spend.sum()),  # the whole, as entered
                "value": point.optimum.value,
                "count": int(point.optimum.chosen.sum()),
                "status": point.optimum.status,
                "gap": point.optimum.gap,
                "naive_value": point.naive.value if point.naive.feasible else None,
                "naive_count": int(point.naive.chosen.sum()) if point.naive.feasible else None,
            }
            for point in frontier
        ],
        "reasons": [
            {
                "kind": r.kind,
                "project": title(r.project),
                "other": title(r.other),
                "row": (built.kinds[r.row] if r.kind == "budget" else built.labels.get(built.rows[r.row], ""))
                if r.row is not None and r.kind in {"budget", "capacity"}
                else None,
                "year": None if r.year is None else years[0] + r.year,
                **_with_committed(built, r),
            }
            for r in best.reasons
        ],
        "unscored": built.unscored,
        "outside": built.outside,
        "mean_cost": {
            "chosen": float(horizon_cost[chosen].mean()) if chosen.any() else None,
            "all": float(at_earliest[~p.excluded].mean()) if (~p.excluded).any() else None,
        },
    }


# --- the answer as a page shows it ----------------------------------------------------------------------


def reason_text(reason: Mapping) -> str:
    """One reason of an infeasible scenario in the reader's language, amounts as a council paper writes
    them ("the mandatory projects need at least 1,4 Mio. € in 2027; the budget is 1,1 Mio. €")."""
    from django.utils.translation import gettext as _

    from municipalities.display import money, number

    kind = reason["kind"]
    values = {
        "project": reason.get("project") or "",
        "other": reason.get("other") or "",
        "year": reason.get("year"),
        "row": reason.get("row") or "",
    }
    if kind == "mandatory_excluded":
        return _("“%(project)s” is to be in and left out at once.") % values
    if kind == "requires_excluded":
        return (
            _("“%(project)s” must be in, but requires “%(other)s”, which is left out or cannot be chosen.")
            % values
        )
    if kind == "requires_late":
        if values["other"]:
            return (
                _("“%(project)s” must be in, but requires “%(other)s”, which cannot start before it must.")
                % values
            )
        return _("“%(project)s” must be in, but what it requires cannot start in time.") % values
    if kind in {"budget", "capacity"} and reason.get("need") is not None:
        if kind == "budget":
            kinds = {"total": "", "invest": _(" of investment"), "operating": _(" of operating cost")}
            values |= {
                "need": money(reason["need"]) + kinds.get(values["row"], ""),
                "available": money(reason["available"]),
            }
            if values["year"] is None:
                return (
                    _(
                        "The mandatory projects need at least %(need)s over the planning years; the budget "
                        "is %(available)s."
                    )
                    % values
                )
            return (
                _("The mandatory projects need at least %(need)s in %(year)s; the budget is %(available)s.")
                % values
            )
        values |= {
            "need": number(round(reason["need"], 1)),
            "available": number(round(reason["available"], 1)),
        }
        if values["year"] is None:
            return (
                _(
                    "The mandatory projects need at least %(need)s FTE of %(row)s over the planning years; "
                    "%(available)s FTE are free for projects."
                )
                % values
            )
        return (
            _(
                "The mandatory projects need at least %(need)s FTE of %(row)s in %(year)s; %(available)s "
                "FTE are free for projects."
            )
            % values
        )
    if kind == "budget":
        return _("The budget cannot carry the mandatory projects, whatever their start years.")
    if kind == "capacity":
        return _("The staff capacity cannot carry the mandatory projects, whatever their start years.")
    if kind == "dependencies":
        return _("What the mandatory projects require cannot start in time within the planning years.")
    if kind == "backend_share":
        return _("The minimum back-end share cannot be reached beside the mandatory projects.")
    return _(
        "Each rule alone can be met, but not all together: loosen the budget, the capacity or the list of "
        "projects that must be in."
    )


@dataclass(frozen=True)
class ScenarioPage:
    """A scenario with its answer for a page or the API: ``result`` as stored, ``reasons`` in words,
    ``stale`` when the inputs changed since the solve, ``budget_rows`` (per year: spend and budget per
    kind, use in percent) and ``load_rows`` (per capacity row and year)."""

    scenario: Scenario
    result: dict | None
    reasons: list[str]
    stale: bool
    budget_rows: list[dict]
    load_rows: list[dict]
    chosen: list[dict] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)
    overruns: list[str] = field(default_factory=list)


def _use(value: float, limit: float | None) -> float | None:
    if limit is None:
        return None
    return 100 * value / limit if limit > 0 else (0.0 if value <= 0 else None)


def scenario_page(*, user, scenario: Scenario) -> ScenarioPage:
    """What the scenario page shows (see ``ScenarioPage``); builds the problem once to tell staleness."""
    result = scenario.result
    if not result:
        return ScenarioPage(scenario, None, [], False, [], [])
    stale = scenario_problem(user=user, scenario=scenario).fingerprint != result.get("fingerprint")
    budget_rows = []
    for y, year in enumerate(result["years"]):
        cells = []
        for k, kind in enumerate(result["kinds"]):
            spend, limit = result["spend"][k][y], result["budget"][k][y]
            cells.append({"kind": kind, "spend": spend, "budget": limit, "use": _use(spend, limit)})
        budget_rows.append({"year": year, "cells": cells})
    load_rows = [
        {
            "label": row["label"],
            "cells": [
                {"load": load, "capacity": cap, "use": _use(load, cap)}
                for load, cap in zip(row["values"], row["capacity"], strict=True)
            ],
        }
        for row in result["load"]
        if any(v > 0 for v in row["values"])
    ]
    from django.utils.translation import gettext as _

    kind_names = {"total": _("Budget"), "invest": _("Investment"), "operating": _("Operating cost")}
    chosen = [
        row
        | {
            "layer_label": Layer(row["layer"]).label if row["layer"] in Layer.values else row["layer"],
            "per_thousand": row["score"] / (row["cost"] / 1000) if row["cost"] > 0 else None,
        }
        for row in result["chosen"]
    ]
    from municipalities.display import money, number

    over = result.get("committed_over", {})
    overruns = [
        _("The projects decided already need %(need)s in %(year)s; the budget is %(available)s.")
        % {"need": money(o["need"]), "year": o["year"], "available": money(o["available"])}
        for o in over.get("budget", [])
    ] + [
        _(
            "The projects decided already need %(need)s FTE of %(row)s in %(year)s; %(available)s "
            "FTE are free for projects."
        )
        % {
            "need": number(round(o["need"], 1)),
            "row": o["row"],
            "year": o["year"],
            "available": number(round(o["available"], 1)),
        }
        for o in over.get("capacity", [])
    ]
    return ScenarioPage(
        overruns=overruns,
        scenario=scenario,
        result=result,
        reasons=[reason_text(r) for r in result.get("reasons", [])],
        stale=stale,
        budget_rows=budget_rows,
        load_rows=load_rows,
        chosen=chosen,
        kinds=[kind_names.get(k, k) for k in result["kinds"]],
    )


@dataclass(frozen=True)
class ScenarioComparison:
    """Two scenarios side by side: ``settings`` (label, left, right, differs) and, of their answers, the
    totals and the projects chosen by one only or started in different years."""

    left: Scenario
    right: Scenario
    settings: list[dict]
    totals: list[dict]
    only_left: list[dict]
    only_right: list[dict]
    moved: list[dict]
    both: int


def scenario_comparison(*, left: Scenario, right: Scenario) -> ScenarioComparison:
    from django.utils.translation import gettext as _

    def budget(s: Scenario) -> str:
        from municipalities.display import money

        rows = sorted(s.budgets.all(), key=lambda b: b.year)
        if not rows:
            return _("no limit")
        amounts = []
        for b in rows:
            value = b.total if s.budget_mode == BudgetMode.TOGETHER else (b.invest or 0) + (b.operating or 0)
            amounts.append(f"{b.year}: {money(value) if value is not None else _('no limit')}")
        return "; ".join(amounts)

    def label(s: Scenario, name: str) -> str:
        field_ = Scenario._meta.get_field(name)
        value = getattr(s, f"get_{name}_display")() if field_.choices else getattr(s, name)
        if isinstance(value, bool):
            return _("yes") if value else _("no")
        return str(value)

    names = ["first_year", "years", "budget_mode", "capacity_source", "daily_business_share", "start_choice"]
    names += ["max_delay", "min_backend_share", "legal_duties_in"]
    settings_ = [
        {
            "label": str(Scenario._meta.get_field(n).verbose_name),
            "left": label(left, n),
            "right": label(right, n),
        }
        for n in names
    ]
    settings_.append({"label": _("Budget per year"), "left": budget(left), "right": budget(right)})

    def weights(s: Scenario) -> str:
        from municipalities.display import number

        if not s.weights:
            return _("the scoring model's")
        return ", ".join(f"{k}: {number(round(100 * v, 1))} %" for k, v in sorted(s.weights.items()))

    settings_.append({"label": _("Weights"), "left": weights(left), "right": weights(right)})
    for name, title in (("mandatory", _("projects always in")), ("excluded", _("projects left out"))):
        values = [", ".join(sorted(p.title for p in getattr(s, name).all())) or "–" for s in (left, right)]
        settings_.append({"label": title, "left": values[0], "right": values[1]})
    for row in settings_:
        row["differs"] = row["left"] != row["right"]
    a, b = left.result or {}, right.result or {}
    ca = {r["id"]: r for r in a.get("chosen", [])}
    cb = {r["id"]: r for r in b.get("chosen", [])}
    totals = [
        {"label": _("Total score"), "left": a.get("value"), "right": b.get("value")},
        {"label": _("Projects"), "left": len(ca) if a else None, "right": len(cb) if b else None},
        {
            "label": _("Cost in the planning years (EUR)"),
            "left": sum(r["cost"] for r in ca.values()) if a else None,
            "right": sum(r["cost"] for r in cb.values()) if b else None,
        },
    ]
    moved = [
        {"title": ca[i]["title"], "left": ca[i]["start"], "right": cb[i]["start"]}
        for i in ca.keys() & cb.keys()
        if ca[i]["start"] != cb[i]["start"]
    ]
    return ScenarioComparison(
        left=left,
        right=right,
        settings=settings_,
        totals=totals,
        only_left=sorted((ca[i] for i in ca.keys() - cb.keys()), key=lambda r: r["title"]),
        only_right=sorted((cb[i] for i in cb.keys() - ca.keys()), key=lambda r: r["title"]),
        moved=sorted(moved, key=lambda r: r["title"]),
        both=len(ca.keys() & cb.keys()),
    )


@dataclass(frozen=True)
class Roadmap:
    """The chosen projects of a solved scenario on the calendar: per project its start and end (the
    planned dates moved to the answer's start year), milestones (moved alike), legal deadline and grant
    period (fixed dates), and what it requires among the chosen."""

    scenario: Scenario
    projects: list[dict]
    years: list[int]
    spend: list[float]
    budget: list[float | None]
    peak_use: list[float | None]


def scenario_roadmap(*, user, scenario: Scenario) -> Roadmap | None:
    """None until the scenario has a portfolio. Three queries: projects, milestones, dependencies."""
    import datetime

    from ..models import Milestone

    result = scenario.result or {}
    if not result.get("chosen"):
        return None
    starts = {row["id"]: row["start"] for row in result["chosen"]}
    visible = Project.objects.for_user(user, municipality=scenario.municipality).filter(pk__in=list(starts))
    fields = ["id", "title", "layer", "planned_start", "planned_end", "actual_start", "legal_deadline"]
    fields += ["grant_start", "grant_end", "status"]
    rows = {p["id"]: p for p in visible.values(*fields)}
    milestones: dict[int, list] = {}
    for project_id, title, due in Milestone.objects.filter(project__in=list(rows)).values_list(
        "project_id", "title", "due_date"
    ):
        milestones.setdefault(project_id, []).append((title, due))
    requires: dict[int, list[int]] = {}
    for p, q in Dependency.objects.filter(project__in=list(rows), requires__in=list(rows)).values_list(
        "project_id", "requires_id"
    ):
        requires.setdefault(p, []).append(q)

    def moved(day, shift):
        if day is None:
            return None
        try:
            return day.replace(year=day.year + shift)
        except ValueError:
            return day.replace(year=day.year + shift, day=28)

    projects = []
    for row in result["chosen"]:
        p = rows.get(row["id"])
        if p is None:  # no longer visible to the reader
            continue
        planned = p["actual_start"] or p["planned_start"]
        shift = row["start"] - planned.year if planned else 0
        start = moved(planned, shift) if planned else datetime.date(row["start"], 1, 1)
        end = moved(p["planned_end"], shift) if p["planned_end"] else datetime.date(row["start"], 12, 31)
        projects.append(
            {
                "id": p["id"],
                "title": p["title"],
                "layer": p["layer"],
                "layer_label": Layer(p["layer"]).label,
                "start": start,
                "end": max(end, start),
                "milestones": [
                    (t, moved(d, shift)) for t, d in sorted(milestones.get(p["id"], []), key=lambda m: m[1])
                ],
                "legal_deadline": p["legal_deadline"],
                "grant": (p["grant_start"], p["grant_end"]) if p["grant_start"] and p["grant_end"] else None,
                "requires": requires.get(p["id"], []),
                "late": bool(p["legal_deadline"] and end > p["legal_deadline"]),
            }
        )
    spend = [sum(column) for column in zip(*result["spend"], strict=True)]
    limits = [
        sum(values) if all(v is not None for v in values) else None
        for values in zip(*result["budget"], strict=True)
    ]
    peak = []
    for y in range(len(result["years"])):
        uses = [_use(row["values"][y], row["capacity"][y]) for row in result["load"] if row["values"][y] > 0]
        uses = [u for u in uses if u is not None]
        peak.append(max(uses) if uses else None)
    return Roadmap(scenario, projects, result["years"], spend, limits, peak)


def scenario_plan(*, user, scenario: Scenario) -> dict[int, int]:
    """The projects a solved scenario chooses, each with the years its start moves from the planned one
    (0: as planned): what the skills gap and the council report take as their demand when asked for the
    scenario. Empty for a scenario without a portfolio. One query."""
    result = scenario.result or {}
    starts = {row["id"]: row["start"] for row in result.get("chosen", [])}
    if not starts:
        return {}
    visible = Project.objects.for_user(user, municipality=scenario.municipality).filter(pk__in=list(starts))
    plan = {}
    for pk, planned, actual in visible.values_list("pk", "planned_start", "actual_start"):
        begun = actual or planned
        plan[pk] = starts[pk] - begun.year if begun else 0
    return plan
