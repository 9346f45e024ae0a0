"""Scenario pages and API (issue 18): a strategist asks the question, solves it in the background and
reads the answer in German; the council sees only the adopted scenario; other municipalities nothing."""

from __future__ import annotations

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from portfolio.actions import scenario_solve
from portfolio.models import ProjectCost, Scenario, ScenarioStatus, SolveStatus
from tests.portfolio.test_scenarios import scenario_for, town  # noqa: F401 (the fixture)

pytestmark = pytest.mark.django_db


def run_queued(scenario: Scenario, user) -> Scenario:
    """What the worker does with the queued solve."""
    assert scenario_solve(scenario_id=scenario.pk, user_id=user.pk) == "done"
    scenario.refresh_from_db()
    return scenario


def form_data(**changes) -> dict:
    data = {
        "name": "Haushalt 2027",
        "first_year": "2027",
        "years": "3",
        "budget_mode": "together",
        "capacity_source": "none",
        "daily_business_share": "70",
        "max_delay": "2",
        "min_backend_share": "0",
        "legal_duties_in": "on",
        "total_2027": "1000000",
        "total_2028": "600000",
        "total_2029": "600000",
    }
    return data | changes


def test_the_strategist_asks_solves_and_reads_the_answer(town, town_a, strategist, client_for):  # noqa: F811
    client = client_for(strategist)
    page = client.get(reverse("portfolio:scenario-create"))
    assert page.status_code == 200 and "Budget je Jahr" in page.content.decode()
    # The form offers the budgets of five years from next year (2027, as the test's today is 2026).
    answer = client.post(reverse("portfolio:scenario-create"), form_data())
    scenario = Scenario.objects.get(name="Haushalt 2027")
    assert scenario.created_by == strategist
    assert answer["Location"] == reverse("portfolio:scenario", args=[scenario.pk])
    assert sorted(scenario.budgets.values_list("year", "total")) == [
        (2027, 1_000_000),
        (2028, 600_000),
        (2029, 600_000),
    ]

    solve = client.post(reverse("portfolio:scenario-solve", args=[scenario.pk]), HTTP_HX_REQUEST="true")
    assert (
        'data-status="queued"' in solve.content.decode() and 'hx-trigger="every 2s"' in solve.content.decode()
    )
    run_queued(scenario, strategist)
    polled = client.get(reverse("portfolio:scenario-solve", args=[scenario.pk]), HTTP_HX_REQUEST="true")
    assert polled["HX-Refresh"] == "true"

    body = client.get(reverse("portfolio:scenario", args=[scenario.pk])).content.decode()
    assert 'data-status="optimal"' in body and "nachweislich optimal" in body
    chosen = body.split('data-testid="chosen"')[1].split("</table>")[0]
    assert "Portal" in chosen and "Rechenzentrum" in chosen and "E-Akte" not in chosen
    assert "bereits beschlossen" in chosen and "gesetzliche Pflicht" in chosen
    assert 'data-testid="frontier"' in body and "Rangfolge" in body
    assert "900.000" in body.split('data-testid="budget-use"')[1].split("</table>")[0]


def test_an_infeasible_scenario_says_why_in_german(town, town_a, strategist, client_for):  # noqa: F811
    scenario = scenario_for(town_a, {2027: 400_000, 2028: 600_000, 2029: 600_000})
    client = client_for(strategist)
    client.post(reverse("portfolio:scenario-solve", args=[scenario.pk]))
    run_queued(scenario, strategist)
    body = client.get(reverse("portfolio:scenario", args=[scenario.pk])).content.decode()
    assert "Die Pflichtprojekte brauchen 2027 mindestens 500.000 €; das Budget beträgt 400.000 €." in body


def test_a_changed_cost_marks_the_answer_stale(town, town_a, strategist, client_for):  # noqa: F811
    scenario = scenario_for(town_a, {2027: 1_000_000})
    client = client_for(strategist)
    client.post(reverse("portfolio:scenario-solve", args=[scenario.pk]))
    run_queued(scenario, strategist)
    assert (
        'data-testid="stale"'
        not in client.get(reverse("portfolio:scenario", args=[scenario.pk])).content.decode()
    )
    ProjectCost.objects.filter(project=town["portal"]).update(invest=450_000)
    assert (
        'data-testid="stale"'
        in client.get(reverse("portfolio:scenario", args=[scenario.pk])).content.decode()
    )


def test_a_project_in_and_out_at_once_is_refused(town, town_a, strategist, client_for):  # noqa: F811
    portal = town["portal"].pk
    answer = client_for(strategist).post(
        reverse("portfolio:scenario-create"), form_data(mandatory=[portal], excluded=[portal])
    )
    assert answer.status_code == 200
    assert "kann nicht zugleich gesetzt und ausgeschlossen sein: Portal" in answer.content.decode()
    assert not Scenario.objects.exists()


def test_the_council_sees_the_adopted_scenario_only(
    town,  # noqa: F811
    town_a,
    strategist,
    council,
    client_for,
    make_user,
    town_b,
):
    from municipalities.access import Role

    draft = scenario_for(town_a, {2027: 1_000_000})
    adopted = scenario_for(town_a, {2027: 1_000_000}, name="Beschlossen")
    Scenario.objects.filter(pk=adopted.pk).update(status=ScenarioStatus.ADOPTED)
    reader = client_for(council)
    assert reader.get(reverse("portfolio:scenario", args=[draft.pk])).status_code == 404
    assert reader.get(reverse("portfolio:scenario", args=[adopted.pk])).status_code == 200
    listing = reader.get(reverse("portfolio:scenarios")).content.decode()
    assert "Beschlossen" in listing and "Haushalt 2027" not in listing
    assert reader.post(reverse("portfolio:scenario-solve", args=[adopted.pk])).status_code in {403, 404}
    stranger = client_for(make_user("fremd", (town_b, Role.STRATEGIST)))
    assert stranger.get(reverse("portfolio:scenario", args=[draft.pk])).status_code == 404


class TestApi:
    def test_create_solve_and_read_the_result(self, town, town_a, strategist):  # noqa: F811
        api = APIClient()
        api.force_authenticate(strategist)
        created = api.post(
            "/api/v1/scenarios/",
            {
                "municipality": town_a.pk,
                "name": "API",
                "first_year": 2027,
                "years": 3,
                "capacity_source": "none",
            },
            format="json",
        )
        assert created.status_code == 201, created.content
        pk = created.json()["id"]
        assert "result" not in created.json()
        budget = api.post(
            "/api/v1/scenario-budgets/", {"scenario": pk, "year": 2027, "total": "400000"}, format="json"
        )
        assert budget.status_code == 201, budget.content
        assert api.get(f"/api/v1/scenarios/{pk}/result/").status_code == 409
        solving = api.post(f"/api/v1/scenarios/{pk}/solve/")
        assert solving.status_code == 202 and solving.json()["solve_status"] == SolveStatus.QUEUED
        run_queued(Scenario.objects.get(pk=pk), strategist)
        result = api.get(f"/api/v1/scenarios/{pk}/result/", HTTP_ACCEPT_LANGUAGE="de").json()
        assert result["status"] == "infeasible" and result["stale"] is False
        assert result["reasons_text"] == [
            "Die Pflichtprojekte brauchen 2027 mindestens 500.000 €; das Budget beträgt 400.000 €."
        ]
        assert len(api.get(f"/api/v1/scenarios/{pk}/frontier/").json()["points"]) == 6

    def test_refusals(self, town, town_a, strategist, council):  # noqa: F811
        api = APIClient()
        api.force_authenticate(strategist)
        portal = town["portal"].pk
        both = api.post(
            "/api/v1/scenarios/",
            {
                "municipality": town_a.pk,
                "name": "X",
                "first_year": 2027,
                "mandatory": [portal],
                "excluded": [portal],
            },
            format="json",
        )
        assert both.status_code == 400 and "excluded" in both.json()
        bad = api.post(
            "/api/v1/scenarios/",
            {"municipality": town_a.pk, "name": "Y", "first_year": 2027, "years": 40},
            format="json",
        )
        assert bad.status_code == 400 and "years" in bad.json()
        draft = scenario_for(town_a, {2027: 1})
        reader = APIClient()
        reader.force_authenticate(council)
        assert reader.get(f"/api/v1/scenarios/{draft.pk}/").status_code == 404
        assert reader.post(f"/api/v1/scenarios/{draft.pk}/solve/").status_code == 404


def solved_scenario(town_a, strategist, **fields) -> Scenario:
    budgets = fields.pop("budgets", {2027: 1_000_000, 2028: 600_000, 2029: 600_000})
    scenario = scenario_for(town_a, budgets, **fields)
    from portfolio.actions import scenario_solve_request

    scenario_solve_request(scenario=scenario, user=strategist)
    return run_queued(scenario, strategist)


def test_adopting_approves_the_chosen_projects_with_their_start_years(town, town_a, strategist, client_for):  # noqa: F811
    import datetime

    scenario = solved_scenario(town_a, strategist, start_choice=True, max_delay=2)
    client = client_for(strategist)
    page = client.get(reverse("portfolio:scenario-adopt", args=[scenario.pk])).content.decode()
    changes = page.split('data-testid="adopt-changes"')[1].split("</table>")[0]
    assert "E-Akte" in changes and "2028" in changes and "Rechenzentrum" not in changes  # approved already
    answer = client.post(
        reverse("portfolio:scenario-adopt", args=[scenario.pk]),
        {"number": "RB-2027/12", "date": "2026-12-01", "title": "Digitalhaushalt 2027"},
    )
    assert answer.status_code == 302
    scenario.refresh_from_db()
    assert scenario.status == ScenarioStatus.ADOPTED and scenario.resolution.number == "RB-2027/12"
    akte, antrag = town["akte"], town["antrag"]
    akte.refresh_from_db()
    antrag.refresh_from_db()
    assert akte.status == "approved" and akte.planned_start == datetime.date(2028, 1, 1)
    assert antrag.status == "approved" and antrag.planned_start == datetime.date(2029, 1, 1)
    assert antrag.planned_end == datetime.date(2029, 12, 31)
    # Adopted: the page says by which resolution, and a second adoption is refused.
    body = client.get(reverse("portfolio:scenario", args=[scenario.pk])).content.decode()
    assert "RB-2027/12" in body
    again = client.post(
        reverse("portfolio:scenario-adopt", args=[scenario.pk]), {"existing": scenario.resolution_id}
    )
    assert "bereits der beschlossene Plan" in again.content.decode()


def test_a_stale_answer_cannot_be_adopted(town, town_a, strategist, client_for):  # noqa: F811
    scenario = solved_scenario(town_a, strategist)
    ProjectCost.objects.filter(project=town["portal"]).update(invest=450_000)
    answer = client_for(strategist).post(
        reverse("portfolio:scenario-adopt", args=[scenario.pk]),
        {"number": "RB-1", "date": "2026-12-01", "title": "Haushalt"},
    )
    assert "passt nicht mehr zu den Projekten" in answer.content.decode()
    town["portal"].refresh_from_db()
    assert town["portal"].status == "idea"
    from strategy.models import CouncilResolution

    assert not CouncilResolution.objects.filter(number="RB-1").exists()  # recorded only with the adoption


def test_two_scenarios_side_by_side(town, town_a, strategist, client_for):  # noqa: F811
    plain = solved_scenario(town_a, strategist)
    later = solved_scenario(town_a, strategist, name="Mit Startjahren", start_choice=True, max_delay=2)
    body = (
        client_for(strategist)
        .get(reverse("portfolio:scenario-compare", args=[plain.pk]), {"other": later.pk})
        .content.decode()
    )
    settings = body.split('data-testid="compare-settings"')[1].split("</table>")[0]
    assert 'data-differs="true"><th scope="row">Startjahre wählen' in settings
    only_right = body.split('data-testid="only-right"')[1].split("</ul>")[0]
    assert "E-Akte (2028)" in only_right and "Online-Antrag (2029)" in only_right
    assert "–" in body.split('data-testid="only-left"')[1].split("</ul>")[0]


def test_the_roadmap_shows_the_chosen_projects_by_quarter(town, town_a, strategist, client_for):  # noqa: F811
    from portfolio.models import Milestone

    Milestone.objects.create(project=town["antrag"], title="Go-live", due_date="2028-06-30")
    scenario = solved_scenario(town_a, strategist, start_choice=True, max_delay=2)
    body = (
        client_for(strategist).get(reverse("portfolio:scenario-roadmap", args=[scenario.pk])).content.decode()
    )
    table = body.split('data-testid="roadmap"')[1].split("</table>")[0]
    row = table.split(f'data-project="{town["antrag"].pk}"')[1].split("</tr>")[0]
    assert "01.01.2029" in row and "31.12.2029" in row and "Go-live (30.06.2029)" in row  # moved a year
    pflicht = table.split(f'data-project="{town["pflicht"].pk}"')[1].split("</tr>")[0]
    assert "31.12.2027" in pflicht and "endet danach" not in pflicht
    assert 'data-figure="roadmap-figure"' in body and "tickformat" in body  # by quarter


def test_the_api_adopts(town, town_a, strategist):  # noqa: F811
    scenario = solved_scenario(town_a, strategist)
    api = APIClient()
    api.force_authenticate(strategist)
    answer = api.post(
        f"/api/v1/scenarios/{scenario.pk}/adopt/",
        {"number": "RB-9", "date": "2026-12-01", "title": "Plan"},
        format="json",
    )
    assert answer.status_code == 200, answer.content
    assert answer.json()["status"] == "adopted"
    assert (
        api.post(
            f"/api/v1/scenarios/{scenario.pk}/adopt/",
            {"resolution": answer.json()["resolution"]},
            format="json",
        ).status_code
        == 409
    )


def test_staff_capacity_binds_and_the_gap_page_and_report_take_the_scenarios_demand(
    town,  # noqa: F811
    town_a,
    strategist,
    client_for,
):
    """Two people hold process modelling at level 3; daily business takes 70 %, so 0.6 FTE a year are
    free for projects. The Portal and the E-Akte need 0.5 FTE each in 2027: only one fits."""
    import datetime

    from reports.actions import report_create
    from reports.selectors import report_data
    from staffing.models import SkillDemand
    from tests.staffing.conftest import add_staff, catalogue, skill  # noqa: F401

    add_staff(town_a, n=2, level=3)
    for name in ("portal", "akte"):
        SkillDemand.objects.create(
            project=town[name],
            skill=skill(),
            level=3,
            fte="0.5",
            start=datetime.date(2027, 1, 1),
            end=datetime.date(2027, 12, 31),
        )
    scenario = solved_scenario(
        town_a,
        strategist,
        budgets={2027: 10_000_000, 2028: 10_000_000, 2029: 10_000_000},
        capacity_source="staffing",
        daily_business_share=70,
    )
    result = scenario.result
    titles = {row["title"] for row in result["chosen"]}
    assert len(titles & {"Portal", "E-Akte"}) == 1  # not both: 1.0 FTE against 0.6
    (load,) = [row for row in result["load"] if row["label"].startswith("Prozessmodellierung")]
    assert load["values"][0] == pytest.approx(0.5) and load["capacity"][0] == pytest.approx(0.6)

    page = client_for(strategist).get(reverse("staffing:gaps"), {"scenario": scenario.pk}).content.decode()
    assert "Bedarf der Projekte, die das Szenario „Haushalt 2027“ wählt" in page

    report = report_create(
        municipality=town_a,
        user=strategist,
        title="Bericht mit Szenario",
        period_start=datetime.date(2026, 7, 1),
        period_end=datetime.date(2026, 12, 31),
        language="de",
        scenario=scenario,
    )
    assert report_data(report=report, user=strategist)["staffing"]["scenario"] == "Haushalt 2027"
    body = client_for(strategist).get(reverse("reports:report", args=[report.pk])).content.decode()
    assert 'data-testid="report-gap-scenario"' in body


def test_own_weights_change_the_scores(town, town_a, strategist, client_for):  # noqa: F811
    """All weight on risk (nobody is rated on it: every score 0) against the model's (urgency counts)."""
    from portfolio.selectors import scenario_problem

    keys = list(
        town["portal"].municipality.scoring_models.get(active=True).criteria.values_list("key", flat=True)
    )
    data = form_data(name="Nur Risiko") | {
        f"weight_{key}": "100" if key == "urgency" else "0" for key in keys
    }
    client = client_for(strategist)
    assert client.post(reverse("portfolio:scenario-create"), data).status_code == 302
    scenario = Scenario.objects.get(name="Nur Risiko")
    assert scenario.weights["urgency"] == 1.0 and sum(scenario.weights.values()) == pytest.approx(1.0)
    only_urgency = scenario_problem(user=strategist, scenario=scenario).projects.set_index("title")["score"]
    assert only_urgency["Portal"] == pytest.approx(100) and only_urgency["OZG-Pflicht"] == pytest.approx(0)
    half = form_data(name="Halb") | {f"weight_{key}": "" for key in keys} | {"weight_urgency": "50"}
    refused = client.post(reverse("portfolio:scenario-create"), half)
    assert "Geben Sie jedem Kriterium ein eigenes Gewicht" in refused.content.decode()
    assert not Scenario.objects.filter(name="Halb").exists()


def test_entered_capacity_binds_the_choice(town, town_a, strategist, client_for):  # noqa: F811
    """The strategist enters 0,5 FTE of process modelling for 2027 on the capacity page; the Portal and
    the E-Akte need 0.5 each then: only one of them fits."""
    import datetime

    from staffing.models import ScenarioCapacity, SkillDemand
    from tests.staffing.conftest import catalogue, skill  # noqa: F401

    for name in ("portal", "akte"):
        SkillDemand.objects.create(
            project=town[name],
            skill=skill(),
            level=3,
            fte="0.5",
            start=datetime.date(2027, 1, 1),
            end=datetime.date(2027, 12, 31),
        )
    scenario = scenario_for(town_a, {2027: 10_000_000}, capacity_source="entered")
    client = client_for(strategist)
    url = reverse("staffing:scenario-capacity", args=[scenario.pk])
    page = client.get(url).content.decode()
    field = f"c-{skill().pk}-2027"
    assert f'name="{field}"' in page and "Prozessmodellierung" in page
    refused = client.post(url, {field: "-1"})
    assert refused.status_code == 200 and not ScenarioCapacity.objects.exists()
    assert client.post(url, {field: "0,5"}).status_code == 302
    assert ScenarioCapacity.objects.get().fte == 0.5
    result = solved_scenario_existing(scenario, strategist)
    titles = {row["title"] for row in result["chosen"]}
    assert len(titles & {"Portal", "E-Akte"}) == 1
    (load,) = result["load"]
    assert load["capacity"][0] == pytest.approx(0.5) and load["capacity"][1] is None  # 2028: no limit


def solved_scenario_existing(scenario, strategist) -> dict:
    from portfolio.actions import scenario_solve_request

    scenario_solve_request(scenario=scenario, user=strategist)
    return run_queued(scenario, strategist).result
