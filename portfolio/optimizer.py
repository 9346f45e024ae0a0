"""Portfolio selection (DESIGN.md §5, issue 18): the projects, and optionally their start years, that give
the highest total score a municipality's yearly budgets and staff capacity can carry.

A mixed-integer program solved by HiGHS through ``scipy.optimize.milp`` (the solver scipy ships; highspy
directly would add a second binding of the same solver for nothing the model needs). One binary variable
per project and allowed start year, ``z[p, s] = 1`` when project ``p`` starts in year ``s``:

- at most one start per project; exactly one for a mandatory project; none for an excluded one;
- per cost kind and year: the chosen projects' costs in that year (their profile shifted to the start) stay
  within the budget;
- per skill and year: their demand in FTE stays within the capacity;
- "``p`` requires ``q``": ``p`` only with ``q``, and not starting before it — for every year ``t``,
  started-by-``t`` of ``p`` ≤ started-by-``t`` of ``q`` (tighter than a big-M and no extra variables);
- the back-end share: Σ (back-end − share) · cost · z ≥ 0 over the costs inside the horizon.

The objective is the total score of the chosen projects. :func:`solve` returns the proven optimum, or when
the time limit ends the search the best portfolio found with its gap to the bound (status ``time_limit``),
never a worse answer without saying so. An infeasible problem (only mandatory projects can make it so:
choosing nothing always fits) comes with :class:`Reason` objects saying why, in data; the caller words them
in the user's language.

:func:`naive` is the rule councils use — fund in rank order while the money lasts — on the same data and
under the same rules, and :func:`frontier` the optimum and that rule over a sweep of budget levels.

Plain data only: numpy arrays in, numpy arrays out; no Django, no models (``import-linter`` checks it).
Years are indices into the planning horizon (0 = its first year); a start before the horizon (a project
under way) is a negative index, and only the costs and demand inside the horizon count.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy import sparse
from scipy.optimize import Bounds, LinearConstraint, milp

# Below this relative gap HiGHS's answer is the optimum (its default of 1e-4 would stop short of it).
OPTIMAL_GAP = 1e-9
# The frontier is a chart of many solves: each stops once within 0.5 % of the best possible (its gap is
# kept), which takes seconds where a proof takes minutes (docs/BENCHMARKS.md "Portfolio optimizer").
FRONTIER_GAP = 5e-3
TOLERANCE = 1e-6  # money and FTE compared with this slack (the solver's feasibility tolerance is 1e-7)


@dataclass(frozen=True)
class Problem:
    """One scenario as arrays. ``n`` projects, ``K`` cost kinds (1: invest and operating together; 2: each
    against its own budget), ``S`` skills, ``Y`` years in the horizon, ``D`` years of the longest profile.

    - ``score`` (n,): what a project is worth (the ranking's score, 0–100).
    - ``cost`` (n, K, D): cost of each kind in the d-th year counted from the project's start.
    - ``demand`` (n, S, D): FTE of each skill in the d-th year from the start.
    - ``earliest``, ``latest`` (n,): the first and last allowed start year (equal without start choice).
    - ``budget`` (K, Y) and ``capacity`` (S, Y): ``inf`` where there is no limit.
    - ``requires`` (m, 2): rows ``(p, q)``, project index ``p`` requires ``q``.
    - ``mandatory``, ``excluded``, ``backend`` (n,) bool; ``min_backend_share`` of the cost, 0–1.
    """

    score: np.ndarray
    cost: np.ndarray
    demand: np.ndarray
    earliest: np.ndarray
    latest: np.ndarray
    budget: np.ndarray
    capacity: np.ndarray
    requires: np.ndarray = field(default_factory=lambda: np.zeros((0, 2), dtype=int))
    mandatory: np.ndarray | None = None
    excluded: np.ndarray | None = None
    backend: np.ndarray | None = None
    min_backend_share: float = 0.0

    def __post_init__(self):
        n = len(self.score)
        fix = object.__setattr__
        for name, dims in (("score", 1), ("cost", 3), ("demand", 3), ("budget", 2), ("capacity", 2)):
            value = np.asarray(getattr(self, name), dtype=float)
            if value.ndim != dims:
                raise ValueError(f"{name} needs {dims} dimensions, has {value.ndim}")
            fix(self, name, value)
        fix(self, "earliest", np.asarray(self.earliest, dtype=int))
        fix(self, "latest", np.maximum(np.asarray(self.latest, dtype=int), self.earliest))
        fix(self, "requires", np.asarray(self.requires, dtype=int).reshape(-1, 2))
        for name in ("mandatory", "excluded", "backend"):
            value = getattr(self, name)
            fix(self, name, np.zeros(n, dtype=bool) if value is None else np.asarray(value, dtype=bool))
        if self.cost.shape[:2] != (n, self.budget.shape[0]) or self.demand.shape[:2] != (
            n,
            self.capacity.shape[0],
        ):
            raise ValueError("cost and demand need one row per project and one per budget kind or skill")

    @property
    def n(self) -> int:
        return len(self.score)

    @property
    def years(self) -> int:
        return self.budget.shape[1]

    def spend(self, chosen: np.ndarray, start: np.ndarray) -> np.ndarray:
        """Cost per kind and year (K, Y) of the projects ``chosen`` starting at ``start``."""
        return _load(self.cost, chosen, start, self.years)

    def load(self, chosen: np.ndarray, start: np.ndarray) -> np.ndarray:
        """Demand per skill and year (S, Y) of the projects ``chosen`` starting at ``start``."""
        return _load(self.demand, chosen, start, self.years)

    def horizon_cost(self, start: np.ndarray, project: np.ndarray | None = None) -> np.ndarray:
        """Each project's cost inside the horizon when it starts at ``start`` (n,), all kinds; with
        ``project``, the cost of project ``project[i]`` starting at ``start[i]`` (one per start-year
        variable)."""
        years = start[:, None] + np.arange(self.cost.shape[2])[None, :]
        inside = (years >= 0) & (years < self.years)
        total = self.cost.sum(axis=1)
        return ((total if project is None else total[project]) * inside).sum(axis=1)


def _load(profile: np.ndarray, chosen: np.ndarray, start: np.ndarray, years: int) -> np.ndarray:
    _n, rows, length = profile.shape
    out = np.zeros((rows, years))
    for d in range(length):  # over the years of a profile, not over projects
        year = start + d
        take = chosen & (year >= 0) & (year < years)
        np.add.at(out.T, year[take], profile[take, :, d])
    return out


@dataclass(frozen=True)
class Reason:
    """Why no portfolio fits, as data (the caller words it). ``kind``:

    - ``mandatory_excluded``: ``project`` is both mandatory and excluded;
    - ``requires_excluded``: mandatory ``project`` requires ``other``, which is excluded (or cannot start);
    - ``requires_late``: ``project`` requires ``other``, which cannot start before ``project`` must;
    - ``budget``: the mandatory projects need at least ``need`` of cost kind ``row`` in ``year`` (or over
      the horizon when ``year`` is None) against ``available``;
    - ``capacity``: the same for skill ``row``;
    - ``backend_share``: the back-end share cannot reach ``available`` alongside the mandatory projects;
    - ``combination``: each rule alone can be met, not all together.
    """

    kind: str
    project: int | None = None
    other: int | None = None
    row: int | None = None
    year: int | None = None
    need: float | None = None
    available: float | None = None


@dataclass(frozen=True)
class Solution:
    """``status``: ``optimal`` (proven), ``time_limit`` (the best found when time ran out, ``gap`` to the
    bound), ``infeasible`` (``reasons`` say why) or ``no_solution`` (time ran out before any portfolio
    was found). ``chosen`` (n,) bool and ``start`` (n,) int (meaningful where chosen)."""

    status: str
    chosen: np.ndarray
    start: np.ndarray
    value: float
    bound: float | None = None
    gap: float | None = None
    reasons: tuple[Reason, ...] = ()
    seconds: float = 0.0

    @property
    def feasible(self) -> bool:
        return self.status in {"optimal", "within_gap", "time_limit"}


# --- the program ----------------------------------------------------------------------------------------


def _variables(problem: Problem) -> pd.DataFrame:
    """One row per (project, allowed start): ``project`` and ``start``; excluded projects have none."""
    width = problem.latest - problem.earliest + 1
    allowed = ~problem.excluded
    project = np.repeat(np.arange(problem.n)[allowed], width[allowed])
    offset = np.arange(len(project)) - np.repeat(np.cumsum(width[allowed]) - width[allowed], width[allowed])
    return pd.DataFrame({"project": project, "start": problem.earliest[project] + offset})


def _resource_rows(profile: np.ndarray, limit: np.ndarray, variables: pd.DataFrame, first_row: int):
    """Entries (row, column, value) and upper bounds of "Σ profile ≤ limit" per row of ``limit`` and year,
    rows with no limit left out."""
    years = limit.shape[1]
    project, start = variables["project"].to_numpy(), variables["start"].to_numpy()
    finite = np.isfinite(limit)
    number = np.full(limit.shape, -1)
    number[finite] = first_row + np.arange(finite.sum())
    r, c, v = [], [], []
    for d in range(profile.shape[2]):
        year = start + d
        inside = (year >= 0) & (year < years)
        cols = np.nonzero(inside)[0]
        values = profile[project[cols], :, d]  # (len(cols), rows)
        nz_col, nz_row = np.nonzero(values)
        row_ids = number[nz_row, year[cols][nz_col]]
        keep = row_ids >= 0
        r.append(row_ids[keep])
        c.append(cols[nz_col][keep])
        v.append(values[nz_col, nz_row][keep])
    upper = limit[finite]
    return np.concatenate(r or [[]]), np.concatenate(c or [[]]), np.concatenate(v or [[]]), upper


def _dependency_rows(problem: Problem, variables: pd.DataFrame, first_row: int):
    """Per dependency (p requires q) and year t of p's window: started-by-t(p) − started-by-t(q) ≤ 0."""
    if not len(problem.requires):
        return np.array([]), np.array([]), np.array([]), 0
    deps = pd.DataFrame(problem.requires, columns=["p", "q"])
    width = problem.latest[deps["p"]] - problem.earliest[deps["p"]] + 1
    rows = deps.loc[deps.index.repeat(width)].reset_index(names="dep")
    rows["t"] = problem.earliest[rows["p"]] + rows.groupby("dep").cumcount()
    rows["row"] = first_row + np.arange(len(rows))
    var = variables.reset_index(names="col")
    own = rows.merge(var, left_on="p", right_on="project")
    own = own[own["start"] <= own["t"]]
    other = rows.merge(var, left_on="q", right_on="project")
    other = other[other["start"] <= other["t"]]
    r = np.concatenate([own["row"], other["row"]])
    c = np.concatenate([own["col"], other["col"]])
    v = np.concatenate([np.ones(len(own)), -np.ones(len(other))])
    return r, c, v, len(rows)


def _program(problem: Problem, variables: pd.DataFrame, *, families: frozenset[str]):
    """The constraint matrix and bounds; ``families`` picks the rules (for explaining infeasibility)."""
    n_vars = len(variables)
    project, start = variables["project"].to_numpy(), variables["start"].to_numpy()
    r, c, v, lower, upper = [], [], [], [], []
    row = 0
    # One start at most; exactly one for mandatory projects.
    r.append(project)
    c.append(np.arange(n_vars))
    v.append(np.ones(n_vars))
    lower.append(problem.mandatory.astype(float))
    upper.append(np.ones(problem.n))
    row += problem.n
    if "budget" in families:
        rr, cc, vv, ub = _resource_rows(problem.cost, problem.budget, variables, row)
        r, c, v = [*r, rr], [*c, cc], [*v, vv]
        lower.append(np.full(len(ub), -np.inf))
        upper.append(ub + TOLERANCE)
        row += len(ub)
    if "capacity" in families:
        rr, cc, vv, ub = _resource_rows(problem.demand, problem.capacity, variables, row)
        r, c, v = [*r, rr], [*c, cc], [*v, vv]
        lower.append(np.full(len(ub), -np.inf))
        upper.append(ub + TOLERANCE)
        row += len(ub)
    if "dependencies" in families:
        rr, cc, vv, count = _dependency_rows(problem, variables, row)
        r, c, v = [*r, rr], [*c, cc], [*v, vv]
        lower.append(np.full(count, -np.inf))
        upper.append(np.zeros(count))
        row += count
    if "share" in families and problem.min_backend_share > 0:
        weight = (problem.backend[project] - problem.min_backend_share) * problem.horizon_cost(start, project)
        r.append(np.full(n_vars, row))
        c.append(np.arange(n_vars))
        v.append(weight)
        lower.append(np.array([-TOLERANCE]))
        upper.append(np.array([np.inf]))
        row += 1
    matrix = sparse.csr_array(
        (np.concatenate(v), (np.concatenate(r).astype(int), np.concatenate(c).astype(int))),
        shape=(row, n_vars),
    )
    return matrix, np.concatenate(lower), np.concatenate(upper)


FAMILIES = frozenset({"budget", "capacity", "dependencies", "share"})


def _run(
    problem: Problem, variables: pd.DataFrame, objective: np.ndarray, *, families, time_limit, gap=OPTIMAL_GAP
):
    matrix, lower, upper = _program(problem, variables, families=families)
    options = {"time_limit": time_limit, "mip_rel_gap": gap, "presolve": True}
    if not len(variables):
        return None
    return milp(
        -objective,
        constraints=LinearConstraint(matrix, lower, upper),
        integrality=np.ones(len(variables)),
        bounds=Bounds(0, 1),
        options=options,
    )


def solve(problem: Problem, *, time_limit: float = 60.0, gap: float = OPTIMAL_GAP) -> Solution:
    """The best portfolio of ``problem`` (see the module's docstring). With a ``gap`` above the default
    the search stops once the answer is provably within it of the best possible (status ``within_gap``,
    its ``gap`` said), as the frontier's many solves do."""
    import time

    began = time.perf_counter()
    structural = _structural_reasons(problem)
    empty = np.zeros(problem.n, dtype=bool)
    if structural:
        return Solution("infeasible", empty, problem.earliest.copy(), 0.0, reasons=tuple(structural))
    variables = _variables(problem)
    project, start = variables["project"].to_numpy(), variables["start"].to_numpy()
    result = _run(
        problem, variables, problem.score[project], families=FAMILIES, time_limit=time_limit, gap=gap
    )
    seconds = time.perf_counter() - began
    if result is None:  # nothing to choose: every project excluded
        return Solution("optimal", empty, problem.earliest.copy(), 0.0, bound=0.0, gap=0.0, seconds=seconds)
    if result.x is None:
        if result.status == 2:
            return Solution(
                "infeasible",
                empty,
                problem.earliest.copy(),
                0.0,
                reasons=tuple(explain(problem)),
                seconds=seconds,
            )
        return Solution("no_solution", empty, problem.earliest.copy(), 0.0, seconds=seconds)
    picked = result.x > 0.5
    chosen = np.zeros(problem.n, dtype=bool)
    chosen[project[picked]] = True
    starts = problem.earliest.copy()
    starts[project[picked]] = start[picked]
    value = float(problem.score[chosen].sum())
    bound = -float(result.mip_dual_bound) if result.mip_dual_bound is not None else value
    bound = max(bound, value)
    achieved = (bound - value) / max(abs(value), 1e-9) if bound > value + 1e-9 else 0.0
    # Optimal only when proven; stopped at a wider requested gap, or by the clock, it says so.
    status = "time_limit" if result.status != 0 else "optimal" if achieved <= OPTIMAL_GAP else "within_gap"
    return Solution(status, chosen, starts, value, bound=bound, gap=achieved, seconds=seconds)


# --- why nothing fits -----------------------------------------------------------------------------------


def _closure(problem: Problem, seed: np.ndarray) -> np.ndarray:
    """``seed`` and everything it requires, transitively (n,) bool."""
    needed = seed.copy()
    if not len(problem.requires):
        return needed
    p, q = problem.requires[:, 0], problem.requires[:, 1]
    while True:  # at most the length of the longest chain of dependencies
        grown = needed.copy()
        grown[q[needed[p]]] = True
        if (grown == needed).all():
            return needed
        needed = grown


def _structural_reasons(problem: Problem) -> list[Reason]:
    """What makes a mandatory project impossible whatever the money: excluded itself, or something it needs
    (transitively) is excluded or cannot start before it must."""
    reasons = [
        Reason("mandatory_excluded", project=int(i))
        for i in np.nonzero(problem.mandatory & problem.excluded)[0]
    ]
    if reasons or not len(problem.requires):
        return reasons
    # The latest start each project can have given what depends on it, and the earliest given what it needs.
    earliest = problem.earliest.copy()
    possible = ~problem.excluded
    p, q = problem.requires[:, 0], problem.requires[:, 1]
    for _ in range(problem.n):  # propagate along chains; stops when nothing changes
        before = (earliest.copy(), possible.copy())
        np.maximum.at(earliest, p, earliest[q])
        possible &= earliest <= problem.latest
        blocked = p[~possible[q]]
        possible[blocked] = False
        if (earliest == before[0]).all() and (possible == before[1]).all():
            break
    for i in np.nonzero(problem.mandatory & ~possible)[0]:
        for j in q[p == i]:
            if problem.excluded[j] or not possible[j]:
                reasons.append(Reason("requires_excluded", project=int(i), other=int(j)))
            elif problem.earliest[j] > problem.latest[i] or earliest[i] > problem.latest[i]:
                reasons.append(Reason("requires_late", project=int(i), other=int(j)))
        if not any(r.project == i for r in reasons):
            reasons.append(Reason("requires_late", project=int(i)))
    return reasons


def _least(profile: np.ndarray, problem: Problem, among: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """A lower bound of what ``among`` need per row and year whatever their starts (each project at the
    start cheapest for that year), and the least each needs over the whole horizon."""
    years = problem.years
    per_year = np.full((profile.shape[1], years), 0.0)
    total = np.zeros(profile.shape[1])
    idx = np.nonzero(among)[0]
    width = int((problem.latest - problem.earliest).max(initial=0)) + 1
    best_year = np.full((len(idx), profile.shape[1], years), np.inf)
    best_total = np.full((len(idx), profile.shape[1]), np.inf)
    for shift in range(width):
        start = np.minimum(problem.earliest[idx] + shift, problem.latest[idx])
        in_year = np.zeros((len(idx), profile.shape[1], years))
        for d in range(profile.shape[2]):
            year = start + d
            ok = (year >= 0) & (year < years)
            in_year[np.nonzero(ok)[0], :, year[ok]] += profile[idx[ok], :, d]
        best_year = np.minimum(best_year, in_year)
        best_total = np.minimum(best_total, in_year.sum(axis=2))
    if len(idx):
        per_year = best_year.sum(axis=0)
        total = best_total.sum(axis=0)
    return per_year, total


def explain(problem: Problem) -> list[Reason]:
    """Why no portfolio fits: the structural reasons, else what the mandatory projects (and what they
    require) need at least against what is available, per year and over the horizon, else the rule whose
    removal alone would let them fit, else ``combination``."""
    reasons = _structural_reasons(problem)
    if reasons:
        return reasons
    needed = _closure(problem, problem.mandatory)
    for kind, profile, limit in (
        ("budget", problem.cost, problem.budget),
        ("capacity", problem.demand, problem.capacity),
    ):
        per_year, total = _least(profile, problem, needed)
        over = np.argwhere(per_year > limit + TOLERANCE)
        reasons += [
            Reason(kind, row=int(r), year=int(y), need=float(per_year[r, y]), available=float(limit[r, y]))
            for r, y in over
        ]
        if not len(over):
            available = np.where(np.isfinite(limit), limit, np.inf).sum(axis=1)
            reasons += [
                Reason(kind, row=int(r), need=float(total[r]), available=float(available[r]))
                for r in np.nonzero(total > available + TOLERANCE)[0]
            ]
    if reasons:
        return reasons
    # No single bound shows it: try the mandatory set under one rule at a time.
    variables = _variables(problem)
    zero = np.zeros(len(variables))
    alone = []
    for family in ("budget", "capacity", "dependencies", "share"):
        result = _run(problem, variables, zero, families=frozenset({family}), time_limit=10.0)
        if result is not None and result.status == 2:
            alone.append(family)
    for family in alone:
        if family == "share":
            reasons.append(Reason("backend_share", available=problem.min_backend_share))
        else:
            reasons.append(Reason(family))
    return reasons or [Reason("combination")]


# --- the naive rule and the frontier --------------------------------------------------------------------


def naive(problem: Problem, order: Sequence[int] | None = None) -> Solution:
    """ "Fund in rank order while the money lasts", under the same rules: the mandatory projects (and what
    they require) first, then the others by descending score (or ``order``), each at the first start year
    in its window that fits the budgets and capacities left, after what it requires. A project whose
    prerequisites are not funded yet is funded together with them, as a council would, if they all fit
    (else passed over); a front-end project that would push the back-end share below the minimum is
    passed over. ``infeasible`` when the mandatory projects do not fit this way."""
    chosen = np.zeros(problem.n, dtype=bool)
    start = problem.earliest.copy()
    state = [np.zeros_like(problem.budget), np.zeros_like(problem.capacity), 0.0]  # spend, load, share
    needed = _closure(problem, problem.mandatory)
    ranked = np.argsort(-problem.score, kind="stable") if order is None else np.asarray(order)
    first = _topological([i for i in ranked if needed[i]], problem)
    rest = [i for i in ranked if not needed[i] and not problem.excluded[i]]
    requires = pd.DataFrame(problem.requires, columns=["p", "q"]).groupby("p")["q"].apply(list).to_dict()

    def place(i: int, spend, load) -> tuple[int, np.ndarray, np.ndarray, float] | None:
        """The first start of ``i`` that fits what is left, after what it requires; None if none does."""
        prereq = requires.get(i, [])
        not_before = max([problem.earliest[i], *(start[j] for j in prereq)])
        one = np.zeros(problem.n, dtype=bool)
        one[i] = True
        for s in range(not_before, problem.latest[i] + 1):
            at = np.full(problem.n, s)
            cost, demand = problem.spend(one, at), problem.load(one, at)
            if (spend + cost <= problem.budget + TOLERANCE).all() and (
                load + demand <= problem.capacity + TOLERANCE
            ).all():
                weight = (problem.backend[i] - problem.min_backend_share) * problem.horizon_cost(at)[i]
                return s, cost, demand, weight
        return None

    def fund(bundle: list[int], *, keep_share: bool) -> bool:
        """Fund ``bundle`` (prerequisites first) whole or not at all."""
        spend, load, share = state
        placed = []
        for i in bundle:
            if problem.excluded[i] or not all(chosen[j] or j in placed for j in requires.get(i, [])):
                break
            found = place(i, spend, load)
            if found is None:
                break
            s, cost, demand, weight = found
            start[i], spend, load, share = s, spend + cost, load + demand, share + weight
            placed.append(i)
        if len(placed) < len(bundle):
            return False
        added = share - state[2]
        if keep_share and problem.min_backend_share > 0 and share < -TOLERANCE and added < 0:
            return False  # would push the back-end share below the minimum
        chosen[placed] = True
        state[:] = [spend, load, share]
        return True

    for i in first:
        if not fund([i], keep_share=False):
            return Solution("infeasible", chosen, start, float(problem.score[chosen].sum()))
    for i in rest:
        if chosen[i]:
            continue  # funded as another's prerequisite
        missing = _closure(problem, np.eye(problem.n, dtype=bool)[i]) & ~chosen
        fund(_topological(list(np.nonzero(missing)[0]), problem), keep_share=True)
    if problem.min_backend_share > 0 and state[2] < -TOLERANCE:
        return Solution("infeasible", chosen, start, float(problem.score[chosen].sum()))
    return Solution("optimal", chosen, start, float(problem.score[chosen].sum()))


def _topological(projects: list[int], problem: Problem) -> list[int]:
    """``projects`` with everything each requires before it (rank order kept where the rules allow)."""
    among = set(projects)
    requires: dict[int, list[int]] = {}
    for p, q in problem.requires:
        if p in among and q in among:
            requires.setdefault(int(p), []).append(int(q))
    done: list[int] = []
    seen: set[int] = set()

    def visit(i: int, path: frozenset[int]) -> None:
        if i in seen or i in path:
            return
        for j in requires.get(i, []):
            visit(j, path | {i})
        seen.add(i)
        done.append(i)

    for i in projects:
        visit(int(i), frozenset())
    return done


@dataclass(frozen=True)
class FrontierPoint:
    factor: float  # the budget level as a multiple of the scenario's budget
    budget: float  # the total budget over the horizon at that level (all kinds)
    optimum: Solution
    naive: Solution


def frontier(
    problem: Problem, factors: Sequence[float], *, time_limit: float = 30.0, gap: float = FRONTIER_GAP
) -> list[FrontierPoint]:
    """The optimum and the naive rule at each budget level ``factor × budget`` (capacity unchanged); a
    year without a limit (``inf``) stays without one, at a factor of 0 too (``inf × 0`` would be NaN)."""
    from dataclasses import replace

    points = []
    for factor in factors:
        scaled = replace(problem, budget=problem.budget * np.where(np.isfinite(problem.budget), factor, 1.0))
        total = float(np.where(np.isfinite(scaled.budget), scaled.budget, 0).sum())
        points.append(
            FrontierPoint(float(factor), total, solve(scaled, time_limit=time_limit, gap=gap), naive(scaled))
        )
    return points
