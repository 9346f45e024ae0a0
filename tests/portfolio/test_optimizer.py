"""The portfolio optimizer (issue 18) against the rules it promises, checked from outside: an independent
constraint checker written from the rules, brute-force enumeration of small random instances, the reasons
an infeasible problem gets, a time-limited solve, the frontier, and a Hypothesis property.

Plain data only: no database, no Django models.
"""

from __future__ import annotations

import itertools
from dataclasses import replace

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from portfolio.optimizer import OPTIMAL_GAP, Problem, Reason, explain, frontier, naive, solve

TOL = 1e-6  # money and FTE compared with this slack, as the optimizer does


# --- an independent checker, from the rules alone ---------------------------------------------------------


def in_horizon(profile: np.ndarray, start: int, years: int) -> np.ndarray:
    """``profile`` (rows, D) of a project starting at ``start``, laid on the horizon (rows, years): year
    ``y`` gets ``profile[y - start]``; years outside the horizon do not count."""
    out = np.zeros((profile.shape[0], years))
    for d in range(profile.shape[1]):
        year = start + d
        if 0 <= year < years:
            for row in range(profile.shape[0]):
                out[row, year] += profile[row, d]
    return out


def violations(problem: Problem, chosen, start) -> list[str]:
    """Every rule the portfolio (``chosen``, ``start``) breaks, written out with plain loops."""
    chosen = [bool(c) for c in chosen]
    start = [int(s) for s in start]
    n, (kinds, years), skills = len(problem.score), problem.budget.shape, problem.capacity.shape[0]
    broken = []
    spend = np.zeros((kinds, years))
    load = np.zeros((skills, years))
    share = 0.0
    for p in range(n):
        if problem.mandatory[p] and not chosen[p]:
            broken.append(f"mandatory {p} missing")
        if not chosen[p]:
            continue
        if problem.excluded[p]:
            broken.append(f"excluded {p} chosen")
        if not problem.earliest[p] <= start[p] <= problem.latest[p]:
            broken.append(f"{p} starts in {start[p]}, outside {problem.earliest[p]}..{problem.latest[p]}")
        cost = in_horizon(problem.cost[p], start[p], years)
        spend += cost
        load += in_horizon(problem.demand[p], start[p], years)
        share += (float(problem.backend[p]) - problem.min_backend_share) * cost.sum()
    for k in range(kinds):
        for y in range(years):
            if spend[k, y] > problem.budget[k, y] + TOL:
                broken.append(f"budget {k} in {y}: {spend[k, y]} > {problem.budget[k, y]}")
    for s in range(skills):
        for y in range(years):
            if load[s, y] > problem.capacity[s, y] + TOL:
                broken.append(f"capacity {s} in {y}: {load[s, y]} > {problem.capacity[s, y]}")
    for p, q in problem.requires:
        if chosen[p] and not chosen[q]:
            broken.append(f"{p} requires {q}, not chosen")
        elif chosen[p] and start[q] > start[p]:
            broken.append(f"{p} starts in {start[p]} before {q} it requires ({start[q]})")
    if share < -TOL:
        broken.append(f"back-end share short by {-share}")
    return broken


def test_checker_sees_every_rule():
    problem = Problem(
        score=[1.0, 2.0, 3.0],
        cost=[[[5.0, 5.0]], [[4.0, 0.0]], [[1.0, 1.0]]],
        demand=[[[1.0, 0.0]], [[1.0, 0.0]], [[0.0, 0.0]]],
        earliest=[0, 0, 1],
        latest=[1, 0, 1],
        budget=[[8.0, 20.0]],
        capacity=[[1.5, np.inf]],
        requires=[[0, 2]],
        mandatory=[False, True, False],
        excluded=[False, False, True],
        backend=[False, False, True],
        min_backend_share=0.5,
    )
    assert violations(problem, [False, True, False], [0, 0, 0]) == ["back-end share short by 2.0"]
    broken = violations(problem, [True, False, True], [0, 0, 1])
    assert broken == [
        "mandatory 1 missing",
        "excluded 2 chosen",
        "0 starts in 0 before 2 it requires (1)",
        "back-end share short by 4.5",  # 2 pays only its year 1 inside the horizon
    ]
    broken = violations(problem, [True, True, False], [2, 0, 0])
    assert "0 starts in 2, outside 0..1" in broken
    assert "0 requires 2, not chosen" in broken
    assert violations(problem, [True, True, False], [0, 0, 0])[:2] == [
        "budget 0 in 0: 9.0 > 8.0",
        "capacity 0 in 0: 2.0 > 1.5",
    ]


# --- brute force ------------------------------------------------------------------------------------------


def brute_force(problem: Problem) -> tuple[float | None, np.ndarray, np.ndarray, np.ndarray]:
    """The best value over every portfolio (each project: not chosen, or one start in its window), with a
    best portfolio, and the feasibility of each enumerated one and its assignment (for cross-checks).
    Each project's contribution is laid out with :func:`in_horizon`, the rules then applied to all
    assignments at once."""
    n, years = len(problem.score), problem.budget.shape[1]
    options = []  # per project: the starts, None = not chosen
    for p in range(n):
        starts = [] if problem.excluded[p] else list(range(problem.earliest[p], problem.latest[p] + 1))
        options.append(starts if problem.mandatory[p] else [None, *starts])
    if any(not o for o in options):
        return None, np.zeros(n, dtype=bool), np.zeros(n, dtype=int), np.zeros((0, n), dtype=int)
    width = max(len(o) for o in options)
    spend = np.zeros((n, width, *problem.budget.shape))
    load = np.zeros((n, width, *problem.capacity.shape))
    weight = np.zeros((n, width))
    chosen_of = np.zeros((n, width), dtype=bool)
    start_of = np.zeros((n, width), dtype=int)
    for p, starts in enumerate(options):
        for o, s in enumerate(starts):
            if s is None:
                continue
            chosen_of[p, o], start_of[p, o] = True, s
            spend[p, o] = in_horizon(problem.cost[p], s, years)
            load[p, o] = in_horizon(problem.demand[p], s, years)
            weight[p, o] = (float(problem.backend[p]) - problem.min_backend_share) * spend[p, o].sum()
    assignment = np.array(list(itertools.product(*(range(len(o)) for o in options))), dtype=int)
    cols = np.arange(n)[None, :]
    chosen, start = chosen_of[cols, assignment], start_of[cols, assignment]
    ok = (spend[cols, assignment].sum(axis=1) <= problem.budget + TOL).all(axis=(1, 2))
    ok &= (load[cols, assignment].sum(axis=1) <= problem.capacity + TOL).all(axis=(1, 2))
    ok &= weight[cols, assignment].sum(axis=1) >= -TOL
    for p, q in problem.requires:
        ok &= ~chosen[:, p] | (chosen[:, q] & (start[:, q] <= start[:, p]))
    if not ok.any():
        return None, np.zeros(n, dtype=bool), np.zeros(n, dtype=int), np.zeros((0, n), dtype=int)
    value = np.where(ok, chosen @ problem.score, -np.inf)
    best = int(np.argmax(value))
    return float(value[best]), chosen[best], start[best], np.column_stack([ok, chosen, start])


def random_problem(rng: np.random.Generator, n: int, *, windows: bool) -> Problem:
    """A small instance whose budgets and capacities bind: limits a fraction of what all projects would
    need, integer money and half-FTE demand so no comparison sits on the tolerance."""
    kinds, skills = int(rng.integers(1, 3)), int(rng.integers(0, 4))
    years, length = int(rng.integers(2, 6)), int(rng.integers(1, 4))
    cost = rng.integers(0, 11, size=(n, kinds, length)) * (rng.random((n, kinds, length)) < 0.8)
    demand = rng.integers(0, 5, size=(n, skills, length)) / 2 * (rng.random((n, skills, length)) < 0.6)
    earliest = rng.integers(-1, years, size=n)
    latest = earliest + (rng.integers(0, 3, size=n) if windows else 0)
    tightness = rng.uniform(0.2, 0.8)  # of what all projects together would need in an average year
    budget = np.round(tightness * cost.sum(axis=(0, 2)) / years)[:, None]
    budget = np.repeat(budget, years, axis=1) + rng.integers(0, 3, size=(kinds, years))
    budget[rng.random(budget.shape) < 0.1] = np.inf
    capacity = np.repeat(np.round(tightness * demand.sum(axis=(0, 2)) / years), years)
    capacity = capacity.reshape(skills, years) + rng.integers(0, 2, size=(skills, years)) / 2
    capacity[rng.random(capacity.shape) < 0.1] = np.inf
    order = rng.permutation(n)  # acyclic: p requires q only when q comes first in this order
    requires = [(p, q) for p in range(n) for q in range(n) if order[q] < order[p] and rng.random() < 0.15]
    strict = rng.random() < 0.5
    return Problem(
        score=np.round(rng.uniform(1, 100, size=n), 2),
        cost=cost.astype(float),
        demand=demand,
        earliest=earliest,
        latest=latest,
        budget=budget,
        capacity=capacity,
        requires=np.array(requires, dtype=int).reshape(-1, 2),
        mandatory=rng.random(n) < (0.15 if strict else 0.0),
        excluded=rng.random(n) < 0.1,
        backend=rng.random(n) < 0.4,
        min_backend_share=float(rng.choice([0.0, 0.0, 0.2, 0.25, 0.5])),
    )


def check_reasons(problem: Problem, reasons) -> None:
    """Each reason holds in the data: the projects it names are what it says, and a budget or capacity
    reason's need is what the mandatory projects and all they require need at least in that year (each at
    its cheapest start for the year), more than is available."""
    assert reasons
    pairs = {(int(p), int(q)) for p, q in problem.requires}
    needed = set(np.nonzero(problem.mandatory)[0].tolist())
    while grown := {q for p, q in pairs if p in needed} - needed:
        needed |= grown
    for reason in reasons:
        assert isinstance(reason, Reason)
        if reason.kind == "mandatory_excluded":
            assert problem.mandatory[reason.project] and problem.excluded[reason.project]
        elif reason.kind in {"requires_excluded", "requires_late"}:
            assert problem.mandatory[reason.project]
            assert reason.other is None or (reason.project, reason.other) in pairs
        elif reason.kind in {"budget", "capacity"} and reason.year is not None:
            profile, limit = (
                (problem.cost, problem.budget)
                if reason.kind == "budget"
                else (problem.demand, problem.capacity)
            )
            years = limit.shape[1]
            least = sum(
                min(
                    in_horizon(profile[p], s, years)[reason.row, reason.year]
                    for s in range(problem.earliest[p], problem.latest[p] + 1)
                )
                for p in needed
            )
            assert reason.need == pytest.approx(least)
            assert reason.available == limit[reason.row, reason.year]
            assert reason.need > reason.available + TOL
        elif reason.kind in {"budget", "capacity"} and reason.need is not None:  # over the horizon
            assert reason.need > reason.available + TOL
        elif reason.kind == "backend_share":
            assert reason.available == problem.min_backend_share > 0
        else:
            assert reason.kind in {"budget", "capacity", "dependencies", "combination"}, reason


def check_against_brute_force(problem: Problem, rng: np.random.Generator | None = None) -> None:
    best, best_chosen, best_start, enumerated = brute_force(problem)
    if best is not None:
        assert violations(problem, best_chosen, best_start) == []
    if rng is not None and len(enumerated):  # the vectorised enumeration agrees with the checker
        n = problem.n
        for row in enumerated[rng.choice(len(enumerated), size=min(25, len(enumerated)), replace=False)]:
            ok, chosen, start = bool(row[0]), row[1 : n + 1].astype(bool), row[n + 1 :]
            assert ok == (violations(problem, chosen, start) == []), (chosen, start)
    solution = solve(problem, time_limit=20)
    if best is None:
        assert solution.status == "infeasible"
        assert not solution.chosen.any()
        check_reasons(problem, solution.reasons)
    else:
        assert solution.status == "optimal", solution
        assert solution.reasons == ()
        assert solution.value == pytest.approx(best, abs=1e-6)
        assert solution.value == pytest.approx(float(problem.score[solution.chosen].sum()))
        assert violations(problem, solution.chosen, solution.start) == []
        assert solution.bound >= solution.value - 1e-9
        assert solution.gap >= 0
    rule = naive(problem)
    if rule.feasible:
        assert violations(problem, rule.chosen, rule.start) == []
        assert best is not None
        assert rule.value <= best + 1e-6
        assert rule.value == pytest.approx(float(problem.score[rule.chosen].sum()))


SUBSET_SEEDS = range(1000, 1080)  # n ≤ 12, fixed starts: up to 2^12 portfolios
WINDOW_SEEDS = range(2000, 2070)  # n ≤ 7, start windows of 1–3 years


def seeded(seed: int) -> tuple[Problem, np.random.Generator]:
    rng = np.random.default_rng(seed)
    windows = seed in WINDOW_SEEDS
    return random_problem(rng, int(rng.integers(1, 8 if windows else 13)), windows=windows), rng


@pytest.mark.parametrize("seed", SUBSET_SEEDS)
def test_subsets_match_brute_force(seed):
    check_against_brute_force(*seeded(seed))


@pytest.mark.parametrize("seed", WINDOW_SEEDS)
def test_start_windows_match_brute_force(seed):
    check_against_brute_force(*seeded(seed))


def test_random_instances_cover_the_cases():
    """The seeds above are not all easy: some infeasible, and each rule binding in several (the best
    portfolio with that rule dropped is worth more)."""
    unlimited = {
        "budget": lambda p: replace(p, budget=np.full_like(p.budget, np.inf)),
        "capacity": lambda p: replace(p, capacity=np.full_like(p.capacity, np.inf)),
        "dependencies": lambda p: replace(p, requires=np.zeros((0, 2), dtype=int)),
        "share": lambda p: replace(p, min_backend_share=0.0),
        "windows": lambda p: replace(p, latest=p.earliest),
    }
    binding = dict.fromkeys(unlimited, 0)
    infeasible = 0
    for seed in [*SUBSET_SEEDS, *WINDOW_SEEDS]:
        problem = seeded(seed)[0]
        best = brute_force(problem)[0]
        infeasible += best is None
        for rule, drop in unlimited.items():
            if best is not None and rule != "windows":
                binding[rule] += (brute_force(drop(problem))[0] or 0) > best + 1e-9
        if seed in WINDOW_SEEDS:  # fixing every start at the earliest loses value or feasibility
            fixed = brute_force(unlimited["windows"](problem))[0]
            binding["windows"] += best is not None and (fixed is None or fixed < best - 1e-9)
    assert infeasible >= 8
    assert min(binding.values()) >= 15, binding


# --- why nothing fits -------------------------------------------------------------------------------------


def plain(n: int, years: int = 3, **fields) -> Problem:
    """``n`` projects of no cost, one budget and no skills, starting in year 0, unless told otherwise."""
    fields.setdefault("score", np.full(n, 10.0))
    fields.setdefault("cost", np.zeros((n, 1, 1)))
    fields.setdefault("demand", np.zeros((n, 0, 1)))
    fields.setdefault("earliest", np.zeros(n, dtype=int))
    fields.setdefault("latest", fields["earliest"])
    fields.setdefault("budget", np.full((1, years), 1e6))
    fields.setdefault("capacity", np.zeros((0, years)))
    return Problem(**fields)


def test_budget_reason_names_year_need_and_available():
    problem = plain(
        3,
        cost=np.array([[[0.0, 700_000.0]], [[0.0, 700_000.0]], [[0.0, 100.0]]]),
        budget=np.array([[1_000_000.0, 1_100_000.0, 1_000_000.0]]),
        mandatory=[True, True, False],
    )
    solution = solve(problem)
    assert solution.status == "infeasible"
    assert not solution.chosen.any()
    assert Reason("budget", row=0, year=1, need=1_400_000.0, available=1_100_000.0) in solution.reasons
    assert list(solution.reasons) == explain(problem)
    assert naive(problem).status == "infeasible"


def test_capacity_reason():
    problem = plain(
        2,
        demand=np.array([[[1.0]], [[1.5]]]),
        capacity=np.array([[2.0, 2.0, 2.0]]),
        earliest=[0, 0],
        latest=[0, 1],
        mandatory=[True, True],
    )
    assert solve(problem).status == "optimal"  # the second one waits a year
    tight = replace(problem, latest=np.array([0, 0]))
    assert solve(tight).reasons == (Reason("capacity", row=0, year=0, need=2.5, available=2.0),)


def test_mandatory_project_requiring_an_excluded_one():
    problem = plain(3, requires=[[0, 1]], mandatory=[True, False, False], excluded=[False, True, False])
    solution = solve(problem)
    assert solution.status == "infeasible"
    assert Reason("requires_excluded", project=0, other=1) in solution.reasons
    # Through a chain: 0 requires 1, which requires the excluded 2.
    chain = plain(3, requires=[[0, 1], [1, 2]], mandatory=[True, False, False], excluded=[False, False, True])
    reasons = solve(chain).reasons
    assert any(r.kind == "requires_excluded" and r.project == 0 for r in reasons)
    assert naive(chain).status == "infeasible"


def test_mandatory_and_excluded_at_once():
    problem = plain(2, mandatory=[False, True], excluded=[False, True])
    solution = solve(problem)
    assert solution.status == "infeasible"
    assert solution.reasons == (Reason("mandatory_excluded", project=1),)
    assert naive(problem).status == "infeasible"


def test_required_project_starting_too_late():
    """0 must start in year 0 and requires 1, which can start in year 2 at the earliest."""
    problem = plain(2, earliest=[0, 2], latest=[0, 3], requires=[[0, 1]], mandatory=[True, False])
    solution = solve(problem)
    assert solution.status == "infeasible"
    assert Reason("requires_late", project=0, other=1) in solution.reasons
    assert naive(problem).status == "infeasible"
    # Not mandatory, the dependent project is merely left out.
    loose = replace(problem, mandatory=np.array([False, False]))
    solution = solve(loose)
    assert solution.status == "optimal"
    assert solution.chosen.tolist() == [False, True]


def test_back_end_share_reason():
    problem = plain(
        2,
        cost=np.array([[[10.0]], [[1.0]]]),
        backend=[False, True],
        mandatory=[True, False],
        min_backend_share=0.5,
    )
    solution = solve(problem)
    assert solution.status == "infeasible"
    assert solution.reasons == (Reason("backend_share", available=0.5),)


def test_dependency_start_order_is_kept():
    """1 requires 0; 0 can start in year 1 or 2, 1 in year 0–2: 1 must not start before 0."""
    problem = plain(
        2,
        cost=np.array([[[3.0]], [[3.0]]]),
        earliest=[1, 0],
        latest=[2, 2],
        budget=np.array([[3.0, 3.0, 3.0]]),
        requires=[[1, 0]],
    )
    solution = solve(problem)
    assert solution.status == "optimal"
    assert solution.chosen.all()
    assert solution.start.tolist() == [1, 2]


def test_nothing_to_choose():
    problem = plain(2, excluded=[True, True])
    solution = solve(problem)
    assert solution.status == "optimal"
    assert solution.value == 0
    assert not solution.chosen.any()


# --- a time limit, and the frontier ------------------------------------------------------------------------


def hard_problem(seed: int = 7, n: int = 300, skills: int = 8) -> Problem:
    """Many projects against two budgets and several skills that all bind, with dependencies and a share to
    meet: hard to prove optimal (a multi-dimensional knapsack with random scores)."""
    rng = np.random.default_rng(seed)
    years, length = 6, 3
    cost = rng.uniform(50, 500, size=(n, 2, length)).round()
    demand = rng.uniform(0, 1.5, size=(n, skills, length)).round(2) * (rng.random((n, skills, length)) < 0.5)
    earliest = rng.integers(0, years - 2, size=n)
    order = rng.permutation(n)
    pairs = rng.integers(0, n, size=(n // 3, 2))
    return Problem(
        score=rng.uniform(1, 100, size=n).round(3),
        cost=cost,
        demand=demand,
        earliest=earliest,
        latest=earliest,
        budget=np.full((2, years), 0.25 * cost.sum(axis=(0, 2)).max() / length),
        capacity=np.full((skills, years), 0.2 * demand.sum(axis=(0, 2)).mean() / length),
        requires=pairs[order[pairs[:, 1]] < order[pairs[:, 0]]],
        backend=rng.random(n) < 0.3,
        min_backend_share=0.2,
    )


def test_time_limit_returns_best_found_with_gap():
    problem = hard_problem()
    solution = solve(problem, time_limit=0.05)
    if solution.status == "no_solution":  # HiGHS found nothing yet (a slow or busy machine): said so
        assert not solution.chosen.any()
        assert solution.value == 0
        assert solution.bound is None
        solution = solve(problem, time_limit=0.5)
    assert solution.status in {"time_limit", "optimal"}
    assert solution.seconds < 5
    assert solution.gap >= 0
    assert solution.bound >= solution.value > 0
    assert solution.gap == pytest.approx((solution.bound - solution.value) / solution.value)
    if solution.status == "optimal":
        assert solution.gap == pytest.approx(0, abs=1e-9)
    assert violations(problem, solution.chosen, solution.start) == []
    assert solution.value == pytest.approx(float(problem.score[solution.chosen].sum()))
    rule = naive(problem)
    assert rule.feasible
    assert violations(problem, rule.chosen, rule.start) == []
    assert rule.value <= solution.bound + 1e-6


def test_frontier_grows_with_the_budget():
    problem = hard_problem(seed=3, n=40, skills=3)
    problem = replace(problem, latest=problem.earliest + (np.arange(40) % 5 == 0))  # a few may wait a year
    factors = [0.0, 0.25, 0.5, 1.0, 1.5, 2.0]
    # Proven at every level (the scenario's frontier stops within FRONTIER_GAP; this one seeks the proof).
    points = frontier(problem, factors, time_limit=10, gap=OPTIMAL_GAP)
    assert [p.factor for p in points] == factors
    assert all(p.optimum.status == "optimal" for p in points)
    values = [p.optimum.value for p in points]
    assert values == sorted(values)
    assert values[0] == 0
    assert values[-1] > values[1] > 0
    for point in points:
        assert point.naive.feasible
        assert point.naive.value <= point.optimum.value + 1e-6
        scaled = replace(problem, budget=problem.budget * point.factor)
        assert point.budget == pytest.approx(scaled.budget.sum())
        assert violations(scaled, point.optimum.chosen, point.optimum.start) == []
        assert violations(scaled, point.naive.chosen, point.naive.start) == []
    assert any(p.naive.value < p.optimum.value - 1e-6 for p in points)  # the rule leaves value behind


def test_frontier_keeps_unlimited_years_unlimited():
    """A year with no limit has none at any budget level, for the optimum and the naive rule alike."""
    problem = plain(2, cost=np.array([[[5.0]], [[5.0]]]), budget=np.array([[np.inf, 4.0, 4.0]]))
    for point in frontier(problem, [0.0, 1.0]):
        assert point.optimum.value == 20
        assert point.naive.value == 20
        assert point.budget == 4.0 * point.factor * 2


# --- a property -------------------------------------------------------------------------------------------


@st.composite
def small_problems(draw) -> Problem:
    n = draw(st.integers(1, 5))
    kinds, skills, years, length = (
        draw(st.integers(1, 2)),
        draw(st.integers(0, 2)),
        3,
        draw(st.integers(1, 3)),
    )

    def grid(shape, values):
        flat = draw(st.lists(values, min_size=int(np.prod(shape)), max_size=int(np.prod(shape))))
        return np.array(flat, dtype=float).reshape(shape)

    earliest = np.array(draw(st.lists(st.integers(-1, 2), min_size=n, max_size=n)))
    width = np.array(draw(st.lists(st.integers(0, 2), min_size=n, max_size=n)))
    limits = st.one_of(st.integers(0, 12), st.just(np.inf))
    requires = [(p, q) for p in range(n) for q in range(p) if draw(st.booleans()) and draw(st.booleans())]
    flags = st.lists(st.booleans(), min_size=n, max_size=n)
    return Problem(
        score=grid((n,), st.integers(0, 50)),
        cost=grid((n, kinds, length), st.integers(0, 6)),
        demand=grid((n, skills, length), st.integers(0, 3)),
        earliest=earliest,
        latest=earliest + width,
        budget=grid((kinds, years), limits),
        capacity=grid((skills, years), limits),
        requires=np.array(requires, dtype=int).reshape(-1, 2),
        mandatory=np.array(draw(flags)) & draw(st.booleans()),
        excluded=np.array(draw(flags)) & np.array(draw(flags)),
        backend=draw(flags),
        min_backend_share=draw(st.sampled_from([0.0, 0.3, 0.5])),
    )


@settings(max_examples=50, deadline=None)
@given(small_problems())
def test_property_optimum_is_the_brute_force_best(problem):
    check_against_brute_force(problem)


def test_the_requested_gap_reaches_the_solver(monkeypatch):
    """The frontier's solves stop within ``FRONTIER_GAP``; the scenario's own seeks the proof. (The
    benchmark found the frontier's gap never reached HiGHS: six 30 s solves instead of seconds.)"""
    from portfolio import optimizer

    seen = []
    real = optimizer.milp

    def spy(*args, options=None, **kwargs):
        seen.append(options["mip_rel_gap"])
        return real(*args, options=options, **kwargs)

    monkeypatch.setattr(optimizer, "milp", spy)
    problem = optimizer.Problem(
        score=[3.0, 2.0],
        cost=np.array([[[1.0]], [[1.0]]]),
        demand=np.zeros((2, 0, 1)),
        earliest=[0, 0],
        latest=[0, 0],
        budget=np.array([[1.0]]),
        capacity=np.zeros((0, 1)),
    )
    optimizer.solve(problem)
    optimizer.frontier(problem, [1.0])
    assert seen == [optimizer.OPTIMAL_GAP, optimizer.FRONTIER_GAP]
