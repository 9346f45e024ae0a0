"""Scenarios (issue 18): the problem built from a municipality's projects, solved in the background, the
answer stored with the naive rule and the frontier beside it; an infeasible scenario explained in words."""

from __future__ import annotations

import datetime
import itertools

import numpy as np
import pytest

from portfolio.actions import (
    assessments_save,
    scenario_save,
    scenario_solve,
    scenario_solve_request,
    scoring_model_create_default,
)
from portfolio.models import Dependency, Scenario, SolveStatus, Status
from portfolio.selectors import scenario_problem
from tests.portfolio.conftest import make_project

pytestmark = pytest.mark.django_db


@pytest.fixture
def town(town_a):
    """Five projects of Altstadt, each costing in its planned start year only:
    Portal (idea, 400 k€ in 2027), E-Akte (proposal, back end, 600 k€ in 2027), Rechenzentrum (approved:
    committed, 300 k€ in 2027), Online-Antrag (idea, 500 k€ in 2028, requires the E-Akte) and OZG-Pflicht
    (idea, a legal duty due by the end of 2027, 200 k€ in 2027)."""
    model = scoring_model_create_default(municipality=town_a)

    def project(title, status, layer, year, invest, urgency, **fields):
        made = make_project(
            town_a,
            title=title,
            status=status,
            layer=layer,
            planned_start=datetime.date(year, 1, 1),
            planned_end=datetime.date(year, 12, 31),
            **fields,
        )
        made.costs.create(year=year, invest=invest, operating=0)
        assessments_save(project=made, model=model, values={"urgency": urgency})
        return made

    made = {
        "portal": project("Portal", Status.IDEA, "front_end", 2027, 400_000, 5),
        "akte": project("E-Akte", Status.PROPOSED, "back_end", 2027, 600_000, 4),
        "rz": project("Rechenzentrum", Status.APPROVED, "back_end", 2027, 300_000, 2),
        "antrag": project("Online-Antrag", Status.IDEA, "front_end", 2028, 500_000, 3),
        "pflicht": project(
            "OZG-Pflicht",
            Status.IDEA,
            "front_end",
            2027,
            200_000,
            1,
            mandatory=True,
            legal_basis="OZG § 1",
            legal_deadline=datetime.date(2027, 12, 31),
        ),
    }
    Dependency.objects.create(project=made["antrag"], requires=made["akte"])
    return made


def scenario_for(town_a, budgets, **fields) -> Scenario:
    fields.setdefault("capacity_source", "none")
    scenario = Scenario(
        municipality=town_a, name=fields.pop("name", "Haushalt 2027"), first_year=2027, years=3, **fields
    )
    return scenario_save(scenario=scenario, budgets={y: {"total": b} for y, b in budgets.items()})


def solved(scenario, user) -> dict:
    scenario_solve_request(scenario=scenario, user=user)
    assert scenario_solve(scenario_id=scenario.pk, user_id=user.pk) == "done"
    scenario.refresh_from_db()
    return scenario.result


def best_by_enumeration(built) -> float:
    """The best total score over every subset, each project at its planned start (no start choice)."""
    p = built.problem
    best = -1.0
    for choice in itertools.product([False, True], repeat=p.n):
        chosen = np.array(choice)
        if (chosen & p.excluded).any() or (p.mandatory & ~chosen).any():
            continue
        if any(chosen[i] and not chosen[j] for i, j in p.requires):
            continue
        if (p.spend(chosen, p.earliest) > p.budget + 1e-6).any():
            continue
        best = max(best, float(p.score[chosen].sum()))
    return best


def test_the_problem_reads_the_portfolio(town, town_a, strategist):
    scenario = scenario_for(town_a, {2027: 1_000_000, 2028: 600_000, 2029: 600_000})
    built = scenario_problem(user=strategist, scenario=scenario)
    titles = list(built.projects["title"])
    assert sorted(titles) == ["E-Akte", "OZG-Pflicht", "Online-Antrag", "Portal", "Rechenzentrum"]
    p = built.problem
    by_title = dict(zip(titles, range(len(titles)), strict=True))
    # Committed and the legal duty are in; the cost sits in the planned year (index 0 = 2027).
    assert p.mandatory[by_title["Rechenzentrum"]] and p.mandatory[by_title["OZG-Pflicht"]]
    assert not p.mandatory[by_title["Portal"]]
    assert p.cost[by_title["E-Akte"], 0, 0] == 600_000 and p.earliest[by_title["Online-Antrag"]] == 1
    assert [tuple(r) for r in p.requires] == [(by_title["Online-Antrag"], by_title["E-Akte"])]
    # The committed Rechenzentrum's 300 k€ in 2027 are taken off first; the choice is made with the rest.
    assert built.budget.tolist() == [[1_000_000, 600_000, 600_000]]
    assert p.budget.tolist() == [[700_000, 600_000, 600_000]] and p.cost[by_title["Rechenzentrum"]].sum() == 0
    assert (
        built.projects.set_index("title").loc["Portal", "score"]
        > built.projects.set_index("title").loc["E-Akte", "score"]
    )


def test_the_answer_is_the_best_portfolio_and_keeps_every_rule(town, town_a, strategist):
    scenario = scenario_for(town_a, {2027: 1_000_000, 2028: 600_000, 2029: 600_000})
    result = solved(scenario, strategist)
    built = scenario_problem(user=strategist, scenario=scenario)
    assert result["status"] == "optimal" and result["value"] == pytest.approx(best_by_enumeration(built))
    chosen = {row["title"]: row["start"] for row in result["chosen"]}
    # 2027: Rechenzentrum 300 k + OZG-Pflicht 200 k leave 500 k: the Portal fits, the E-Akte (600 k) not,
    # and without it the Online-Antrag cannot come.
    assert chosen == {"Rechenzentrum": 2027, "OZG-Pflicht": 2027, "Portal": 2027}
    assert result["spend"] == [[900_000, 0, 0]]
    assert result["fingerprint"] == built.fingerprint
    assert result["naive"]["value"] <= result["value"] + 1e-9
    values = [point["value"] for point in result["frontier"]]
    assert values == sorted(values)  # more money never buys less


def test_start_years_let_the_back_end_and_what_needs_it_in(town, town_a, strategist):
    scenario = scenario_for(
        town_a, {2027: 1_000_000, 2028: 600_000, 2029: 600_000}, start_choice=True, max_delay=2
    )
    result = solved(scenario, strategist)
    chosen = {row["title"]: row["start"] for row in result["chosen"]}
    assert chosen == {
        "Rechenzentrum": 2027,
        "OZG-Pflicht": 2027,
        "Portal": 2027,
        "E-Akte": 2028,
        "Online-Antrag": 2029,
    }
    assert result["spend"] == [[900_000, 600_000, 500_000]]


def test_an_infeasible_scenario_says_why(town, town_a, strategist):
    scenario = scenario_for(town_a, {2027: 400_000, 2028: 600_000, 2029: 600_000})
    result = solved(scenario, strategist)
    assert result["status"] == "infeasible" and result["chosen"] == []
    (reason,) = result["reasons"]
    assert (reason["kind"], reason["year"], reason["need"], reason["available"]) == (
        "budget",
        2027,
        500_000,
        400_000,
    )


def test_the_solve_is_queued_once(town, town_a, strategist, django_capture_on_commit_callbacks):
    from django_tasks_db.models import DBTaskResult

    scenario = scenario_for(town_a, {2027: 1_000_000})
    with django_capture_on_commit_callbacks(execute=True):
        scenario_solve_request(scenario=scenario, user=strategist)
        scenario_solve_request(scenario=scenario, user=strategist)  # a double click
    assert DBTaskResult.objects.filter(task_path="portfolio.tasks.solve_scenario").count() == 1
    scenario.refresh_from_db()
    assert scenario.solve_status == SolveStatus.QUEUED and scenario.task_id
    assert scenario_solve(scenario_id=scenario.pk, user_id=strategist.pk) == "done"
    assert scenario_solve(scenario_id=scenario.pk, user_id=strategist.pk) == "skipped"  # delivered twice


def test_committed_projects_over_the_budget_are_reported_not_infeasible(town, town_a, strategist):
    """Projects under way cannot be un-decided: when they alone take more than the budget, the answer
    says so and chooses nothing new where nothing is left (the legal duty still must come)."""
    from portfolio.selectors import scenario_page

    scenario = scenario_for(town_a, {2027: 250_000, 2028: 600_000, 2029: 600_000}, legal_duties_in=False)
    result = solved(scenario, strategist)
    assert result["status"] == "optimal"
    assert result["committed_over"]["budget"] == [
        {"kind": "total", "year": 2027, "need": 300_000, "available": 250_000}
    ]
    assert {row["title"] for row in result["chosen"]} == {"Rechenzentrum"}
    page = scenario_page(user=strategist, scenario=scenario)
    assert page.overruns == [
        "Die bereits beschlossenen Projekte brauchen 2027 300.000 €; das Budget beträgt 250.000 €."
    ]


def test_leaving_out_a_decided_project_frees_its_money(town, town_a, strategist):
    """ "What if we stopped the Rechenzentrum?": left out, its 300 k€ of 2027 go to the E-Akte."""
    scenario = scenario_for(town_a, {2027: 800_000, 2028: 600_000, 2029: 600_000})
    scenario.excluded.set([town["rz"]])
    result = solved(scenario, strategist)
    chosen = {row["title"] for row in result["chosen"]}
    assert "Rechenzentrum" not in chosen and "E-Akte" in chosen and result["committed_over"]["budget"] == []


def test_a_stalled_solve_is_said_and_asked_for_again(town, town_a, strategist, client_for):
    """A worker killed in the middle of a solve leaves it "being solved" without a sign of life: after
    ``DIGIPLAN_TASK_STALLED_AFTER`` the page says so and offers to solve again, which queues it anew."""
    import datetime

    from django.urls import reverse
    from django.utils import timezone

    scenario = scenario_for(town_a, {2027: 1_000_000})
    long_ago = timezone.now() - datetime.timedelta(seconds=700)
    Scenario.objects.filter(pk=scenario.pk).update(
        solve_status=SolveStatus.RUNNING, heartbeat=long_ago, solve_requested_at=long_ago
    )
    page = client_for(strategist).get(reverse("portfolio:scenario", args=[scenario.pk])).content.decode()
    assert 'data-testid="solve-stalled"' in page and 'data-testid="solve"' in page
    scenario.refresh_from_db()
    scenario_solve_request(scenario=scenario, user=strategist)
    scenario.refresh_from_db()
    assert scenario.solve_status == SolveStatus.QUEUED and not scenario.stalled


def test_the_answer_shows_what_decided_projects_cost(town, town_a, strategist):
    scenario = scenario_for(town_a, {2027: 1_000_000})
    rows = {row["title"]: row for row in solved(scenario, strategist)["chosen"]}
    assert rows["Rechenzentrum"]["cost"] == 300_000 and rows["Rechenzentrum"]["committed"]
