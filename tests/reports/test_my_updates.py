""" "My updates" (issue 17): one page per person with what they are asked to update in open rounds and the
indicators overdue by their update interval, a value entered in place (htmx) by the owner whatever their
role; the round's response rate per organisational unit; both through the API too."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from municipalities.access import Role
from strategy.models import Indicator, Measurement
from tests.reports.test_reminders import DUE, cycle  # noqa: F401 (the fixture)

pytestmark = pytest.mark.django_db


@pytest.fixture
def today(monkeypatch):
    """The day the pages think it is: a week before the round's due date."""
    import reports.views

    day = DUE - datetime.timedelta(days=7)
    monkeypatch.setattr(reports.views.timezone, "localdate", lambda: day)
    return day


def test_the_owner_sees_what_is_open_and_enters_a_value_in_place(cycle, client_for, today):  # noqa: F811
    client = client_for(cycle["head"])  # a council member who answers for the unit's indicators
    page = client.get(reverse("reports:my-updates")).content.decode()
    assert "Runde 2/2026" in page and "Indikator 1.1" in page and "Indikator 1.2" in page
    assert "E-Akte im Bauamt" not in page  # the lead's, not hers
    indicator = Indicator.objects.get(name="Indikator 1.1", goal__field__strategy=cycle["strategy"])
    url = reverse("reports:my-measurement", args=[indicator.pk])
    prefix = f"i{indicator.pk}"
    answer = client.post(
        url,
        {f"{prefix}-date": "2026-12-01", f"{prefix}-value": "42,5", f"{prefix}-note": "Portal"},
        HTTP_HX_REQUEST="true",
    )
    assert answer.status_code == 200 and 'data-testid="saved"' in answer.content.decode()
    stored = Measurement.objects.get(indicator=indicator, date=datetime.date(2026, 12, 1))
    assert (
        str(stored.value).startswith("42.5")
        and stored.note == "Portal"
        and stored.recorded_by == cycle["head"]
    )
    page = client.get(reverse("reports:my-updates")).content.decode()
    assert "Indikator 1.1" not in page and "Indikator 1.2" in page


def test_a_wrong_value_says_why_in_german_and_changes_nothing(cycle, client_for, today):  # noqa: F811
    indicator = Indicator.objects.get(name="Indikator 1.1", goal__field__strategy=cycle["strategy"])
    prefix = f"i{indicator.pk}"
    before = Measurement.objects.count()
    answer = client_for(cycle["head"]).post(
        reverse("reports:my-measurement", args=[indicator.pk]),
        {f"{prefix}-date": "2026-12-01", f"{prefix}-value": "140"},
        HTTP_HX_REQUEST="true",
    )
    assert "von 0 bis 100" in answer.content.decode()  # a percentage
    assert Measurement.objects.count() == before


def test_only_the_owner_may_enter_a_value(cycle, client_for, make_user, town_a):  # noqa: F811
    indicator = Indicator.objects.get(name="Indikator 1.1", goal__field__strategy=cycle["strategy"])
    other = make_user("kollege", (town_a, Role.COUNCIL))
    prefix = f"i{indicator.pk}"
    answer = client_for(other).post(
        reverse("reports:my-measurement", args=[indicator.pk]),
        {f"{prefix}-date": "2026-12-01", f"{prefix}-value": "40"},
    )
    assert (
        answer.status_code == 404 and not Measurement.objects.filter(date=datetime.date(2026, 12, 1)).exists()
    )
    assert "Nichts wartet auf Sie" in client_for(other).get(reverse("reports:my-updates")).content.decode()


def test_the_lead_sees_the_project_and_the_deputy_too(cycle, client_for, today):  # noqa: F811
    page = client_for(cycle["lead"]).get(reverse("reports:my-updates")).content.decode()
    assert "E-Akte im Bauamt" in page and "Statusbericht schreiben" in page
    deputy_page = client_for(cycle["deputy"]).get(reverse("reports:my-updates")).content.decode()
    assert "Indikator 1.1" in deputy_page  # the unit's deputy


def test_the_round_shows_its_response_per_unit(cycle, client_for, strategist):  # noqa: F811
    indicator = Indicator.objects.get(name="Indikator 1.1", goal__field__strategy=cycle["strategy"])
    Measurement.objects.create(indicator=indicator, date=datetime.date(2026, 12, 1), value=40)
    page = client_for(strategist).get(reverse("reports:round", args=[cycle["round"].pk])).content.decode()
    table = page.split('data-testid="round-units"')[1].split("</table>")[0]
    assert 'IT A</th><td class="text-end">2</td><td class="text-end">1</td><td class="text-end">50 %' in table
    api = APIClient()
    api.force_authenticate(strategist)
    body = api.get(f"/api/v1/reporting-rounds/{cycle['round'].pk}/responses/").json()
    assert (body["asked"], body["updated"]) == (3, 1)
    assert {"unit": "IT A", "asked": 2, "updated": 1, "rate": 0.5} in body["by_unit"]


def test_my_updates_through_the_api(cycle, town_a):  # noqa: F811
    api = APIClient()
    api.force_authenticate(cycle["lead"])
    body = api.get("/api/v1/my-updates/").json()
    (entry,) = body["rounds"]
    assert entry["title"] == "Runde 2/2026" and [p["title"] for p in entry["projects"]] == [
        "E-Akte im Bauamt"
    ]
    assert entry["indicators"] == [] and body["overdue"] == []


def test_the_council_report_of_a_round_shows_its_response(cycle, strategist, client_for, town_a):  # noqa: F811
    from reports.actions import report_create, report_publish

    indicator = Indicator.objects.get(name="Indikator 1.1", goal__field__strategy=cycle["strategy"])
    Measurement.objects.create(indicator=indicator, date=datetime.date(2026, 12, 1), value=40)
    report = report_create(
        municipality=town_a,
        user=strategist,
        title="2. Halbjahr 2026",
        period_start=datetime.date(2026, 7, 1),
        period_end=datetime.date(2026, 12, 31),
        language="de",
        round=cycle["round"],
    )
    for state in ("draft", "published"):  # built live from the selectors, then read from the snapshot
        if state == "published":
            report = report_publish(report=report, user=strategist, today=datetime.date(2027, 1, 20))
            assert report.snapshot["responses"]["asked"] == 3 and report.snapshot["responses"]["updated"] == 1
        page = client_for(strategist).get(reverse("reports:report", args=[report.pk])).content.decode()
        section = page.split('data-testid="report-responses"')[1].split("</section>")[0]
        assert "„Runde 2/2026“: 1 von 3 Werten wurden aktualisiert." in section and "50 %" in section


def test_an_empty_municipality_is_no_id(cycle):  # noqa: F811
    """``?municipality=`` is not an integer, as the schema says (found by the DIGIPLAN_API_FULL run)."""
    api = APIClient()
    api.force_authenticate(cycle["lead"])
    for path in ("/api/v1/my-updates/", "/api/v1/ranking/", "/api/v1/skills-gap/"):
        answer = api.get(path, {"municipality": ""})
        assert answer.status_code == 400 and "municipality" in answer.json(), path


def _report(project, **changes) -> dict:
    prefix = f"p{project.pk}"
    data = {"date": "2026-12-01", "overall": "green", "scope_status": "green", "schedule": "yellow"}
    data |= {"budget": "green", "percent_complete": "40", "spent_to_date": "12000", "summary": "Läuft."}
    data |= changes
    return {f"{prefix}-{name}": value for name, value in data.items()}


def test_the_leads_deputy_writes_the_status_report_in_place(cycle, client_for, today):  # noqa: F811
    """The deputy holds no grant on the project (only the lead does): owning it as deputy is enough on
    "My updates", as owning an indicator's unit is for a value."""
    from django.contrib.auth import get_user_model

    from portfolio.models import StatusReport

    deputy = get_user_model().objects.get(username="stv")
    project = cycle["project"]
    client = client_for(deputy)
    page = client.get(reverse("reports:my-updates")).content.decode()
    assert f'id="my-project-{project.pk}"' in page and f'name="p{project.pk}-summary"' in page
    url = reverse("reports:my-status-report", args=[project.pk])
    answer = client.post(url, _report(project), HTTP_HX_REQUEST="true")
    assert (
        answer.status_code == 200
        and "Gespeichert: der Statusbericht vom 01.12.2026" in answer.content.decode()
    )
    report = StatusReport.objects.get(project=project)
    assert (report.author, report.schedule, report.percent_complete) == (deputy, "yellow", 40)
    page = client.get(reverse("reports:my-updates")).content.decode()
    assert f'id="my-project-{project.pk}"' not in page  # answered for this round


def test_a_wrong_status_report_says_why_and_changes_nothing(cycle, client_for, today):  # noqa: F811
    from portfolio.models import StatusReport

    project = cycle["project"]
    answer = client_for(cycle["lead"]).post(
        reverse("reports:my-status-report", args=[project.pk]),
        _report(project, percent_complete="140", summary=""),
        HTTP_HX_REQUEST="true",
    )
    body = answer.content.decode()
    assert "Dieses Feld ist zwingend erforderlich" in body and "kleiner oder gleich 100" in body
    assert '<details class="mt-1" open>' in body and not StatusReport.objects.filter(project=project).exists()


def test_someone_else_may_not_write_the_projects_report(cycle, client_for, make_user, town_a):  # noqa: F811
    from portfolio.models import StatusReport

    other = make_user("kollegin", (town_a, Role.PROJECT_LEAD))
    project = cycle["project"]
    answer = client_for(other).post(reverse("reports:my-status-report", args=[project.pk]), _report(project))
    assert answer.status_code == 404 and not StatusReport.objects.filter(project=project).exists()


def test_the_deputy_writes_it_through_the_api_too(cycle):  # noqa: F811
    from django.contrib.auth import get_user_model

    deputy = get_user_model().objects.get(username="stv")
    api = APIClient()
    api.force_authenticate(deputy)
    data = {"project": cycle["project"].pk, "date": "2026-12-01", "overall": "green", "scope_status": "green"}
    data |= {"schedule": "green", "budget": "green", "percent_complete": 50, "summary": "Über die API."}
    answer = api.post("/api/v1/status-reports/", data, format="json")
    assert answer.status_code == 201, answer.content
    assert answer.json()["author"] == deputy.pk
