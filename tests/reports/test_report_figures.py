"""The council report shows the numbers the pages show (one number, one source): the top of the ranking is
the council's own ranking, a project's cost is the one of its page and the project list, and "late" and
"over budget" follow the one definition of ``portfolio.progress.project_health``."""

import datetime
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from portfolio.actions import assessments_save, scoring_model_create_default
from portfolio.models import Status
from reports import builder
from tests.portfolio.conftest import make_project

pytestmark = pytest.mark.django_db

JAN, JUN, DEC = datetime.date(2026, 1, 1), datetime.date(2026, 6, 30), datetime.date(2026, 12, 31)
RATING_KEYS = ("citizen_benefit", "staff_impact", "effort", "strategic_fit", "urgency", "risk", "reuse")


def build(town, user) -> dict:
    return builder.build(
        user=user, municipality=town, period_start=JAN, period_end=DEC, language="en", today=JUN
    )


def rate(project, model, level: int, **other) -> None:
    assessments_save(project=project, model=model, values={k: level for k in RATING_KEYS} | other)


def light(**lights) -> dict:
    return {"overall": "green", "scope_status": "green", "schedule": "green", "budget": "green"} | lights


class TestTopOfTheRanking:
    def test_the_reports_top_is_the_first_rows_of_the_councils_ranking_page(
        self, town_a, strategist, council, client_for
    ):
        model = scoring_model_create_default(municipality=town_a)
        # Ideas and proposals the council never sees, rated best and worst: ranked with them, the council's
        # projects would start at rank 2 and be normalised against an idea's values.
        rate(make_project(town_a, title="Idee", status=Status.IDEA), model, 5, effort=1, risk=1)
        rate(make_project(town_a, title="Vorschlag", status=Status.PROPOSED), model, 1, effort=5, risk=5)
        running = [
            make_project(town_a, title=title, status=status)
            for title, status in (
                ("Beschlossen", Status.APPROVED),
                ("Laufend", Status.IN_PROGRESS),
                ("Pausiert", Status.ON_HOLD),
            )
        ]
        for project, (level, risk) in zip(running, ((4, 2), (3, 3), (2, 4)), strict=True):
            rate(project, model, level, risk=risk)
        make_project(town_a, title="Abgeschlossen", status=Status.COMPLETED, actual_end=JUN)  # not ranked

        top = build(town_a, strategist)["portfolio"]["top"]
        page = client_for(council, "en").get(reverse("portfolio:ranking")).content.decode()
        table = page.split('data-testid="ranking-table"')[1]
        rows = re.findall(r'<tr data-project="(\d+)" data-rank="(\d*)">', table)
        scores = re.findall(r'<td class="text-end" data-testid="score">([^<]*)</td>', table)

        assert [(str(p["id"]), str(int(p["rank"]))) for p in top] == rows[: len(top)]
        assert [f"{p['score']:.1f}" for p in top] == scores[: len(top)]
        assert [p["title"] for p in top] == ["Beschlossen", "Laufend", "Pausiert"]
        api = client_for(council).get(reverse("api:ranking")).json()["projects"]
        assert [(p["id"], p["rank"], p["score"]) for p in top] == [
            (r["project"], r["rank"], round(r["score"], 1)) for r in api[: len(top)]
        ]


class TestCostAndHealth:
    @pytest.fixture
    def project(self, town_a):
        project = make_project(
            town_a,
            title="Personalakte",
            status=Status.IN_PROGRESS,
            external_cost=Decimal("2500"),
            planned_start=datetime.date(2025, 1, 1),
            planned_end=datetime.date(2027, 12, 31),
        )
        project.costs.create(year=2026, invest=Decimal("40000"), operating=Decimal("5000"))
        project.costs.create(year=2027, invest=0, operating=Decimal("2500"))
        return project  # 40,000 + 5,000 + 2,500 + 2,500 external = 50,000

    def test_a_projects_cost_is_the_same_on_its_page_the_list_and_in_the_report(
        self, town_a, project, strategist, client_for
    ):
        client = client_for(strategist, "en")
        detail = client.get(reverse("portfolio:project", args=[project.pk])).content.decode()
        assert re.search(r'data-testid="cost-total">50,000 EUR<', detail)
        listing = client.get(reverse("portfolio:projects")).content.decode()
        row = listing.split(f'<tr data-project="{project.pk}">')[1].split("</tr>")[0]
        assert '<td class="text-end">50,000</td>' in row
        by_status = {r["status"]: r["cost"] for r in build(town_a, strategist)["portfolio"]["by_status"]}
        assert by_status[Status.IN_PROGRESS] == 50_000.0

    def test_green_and_below_the_budget_is_not_over_budget(self, town_a, project, strategist):
        project.status_reports.create(
            date=datetime.date(2026, 5, 1),
            percent_complete=40,
            forecast=Decimal("49000"),
            summary="Läuft.",
            **light(),
        )
        portfolio = build(town_a, strategist)["portfolio"]
        assert portfolio["over_budget"] == [] and portfolio["late"] == []

    def test_a_forecast_above_the_projects_total_cost_is_over_budget(self, town_a, project, strategist):
        project.status_reports.create(
            date=datetime.date(2026, 5, 1),
            percent_complete=40,
            forecast=Decimal("50000.01"),
            summary="Teurer.",
            **light(),
        )
        (over,) = build(town_a, strategist)["portfolio"]["over_budget"]
        assert over == {
            "id": project.pk,
            "title": "Personalakte",
            "cost": 50_000.0,
            "forecast": 50_000.01,
            "budget": "green",
        }

    def test_late_is_a_passed_planned_end_or_a_red_schedule(self, town_a, project, strategist):
        overdue = make_project(
            town_a, title="Überfällig", status=Status.IN_PROGRESS, planned_end=datetime.date(2026, 3, 31)
        )
        make_project(
            town_a,
            title="Fertig",
            status=Status.COMPLETED,
            planned_end=datetime.date(2026, 3, 31),
            actual_end=datetime.date(2026, 4, 30),
        )
        project.status_reports.create(
            date=datetime.date(2026, 5, 1), percent_complete=40, summary="Verzug.", **light(schedule="red")
        )
        late = build(town_a, strategist)["portfolio"]["late"]
        assert late == [
            {"id": project.pk, "title": "Personalakte", "planned_end": "2027-12-31", "schedule": "red"},
            {"id": overdue.pk, "title": "Überfällig", "planned_end": "2026-03-31", "schedule": None},
        ]
