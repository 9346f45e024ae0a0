"""The home dashboard (issue 16): per role the panels the role table allows, with the numbers of the
selectors behind them (one number, one source), changes since the previous login, and a query count that
does not grow with the municipality."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from municipalities.models import Municipality
from portfolio import selectors as portfolio
from portfolio.models import COMMITTED, COUNCIL_VISIBLE, PLANNED, Project, Status
from reports import dashboard
from reports.models import ReportingRound
from staffing import selectors as staffing
from strategy import selectors as strategy
from strategy.models import Indicator, Measurement
from strategy.templatetags.strategy_tags import percent
from tests.portfolio.conftest import make_project

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    call_command("demo", stdout=io.StringIO())
    return Municipality.objects.get(name="Musterstadt")


def user(name: str):
    return get_user_model().objects.get(username=name)


def home(client, username: str, language: str = "de") -> str:
    client.force_login(user(username))
    client.cookies["digiplan_language"] = language
    response = client.get(reverse("home"))
    assert response.status_code == 200
    return response.content.decode()


def panels(page: str) -> set[str]:
    return set(re.findall(r'data-testid="panel-([a-z]+)"', page))


def text_of(page: str, name: str) -> str:
    match = re.search(rf'data-testid="{name}"[^>]*>(.*?)</', page, re.S)
    assert match, name
    return re.sub(r"\s+", " ", match.group(1)).strip()


def health_of(town, username):
    return portfolio.project_health(
        projects=portfolio.project_list(user=user(username), municipality=town), today=timezone.localdate()
    )


class TestPanelsPerRole:
    def test_the_strategist_sees_every_panel_with_the_selectors_figures(self, demo, client):
        page = home(client, "strategie")
        assert panels(page) == {"agenda", "portfolio", "todo", "staffing", "council", "changes", "roles"}

        # Agenda: one row per field of action of the adopted strategy, each with strategy_overview's figure.
        current = strategy.strategy_current(user=user("strategie"), municipality=demo)
        view = strategy.strategy_overview(strategy=current)
        rows = re.findall(r'data-testid="field-row">(.*?)</tr>', page, re.S)
        assert len(rows) == len(view.fields) > 0
        for field, row in zip(view.fields, rows, strict=True):
            assert field.title in row
            value = percent(view.progress.fields.loc[field.pk, "progress"])
            assert text_of(row, "progress-value") == ("–" if value is None else f"{value} %")

        # Portfolio: counts by status, late and over budget from project_health (all visible projects).
        health = health_of(demo, "strategie")
        for status, count in health.groupby("status").size().items():
            assert text_of(page, f"status-{status}").endswith(f" {count}")
        running = health[health["status"].isin(COMMITTED)]
        assert text_of(page, "late-count") == str(int(running["late"].sum()))
        assert text_of(page, "over-budget-count") == str(int(running["over_budget"].sum()))
        budget = health[health["status"].isin(PLANNED)]["cost"].sum()
        assert text_of(page, "budget") == f"{budget:,.0f} €".replace(",", ".")

        # Staffing: the gap page's summary, suppressed for the strategist.
        gaps = staffing.gap_view(user=user("strategie"), municipality=demo, individuals=False).summary
        assert text_of(page, "skills-short") == f"{int(gaps['shortage'].sum())} von {len(gaps)}"
        assert 'data-testid="staff-count"' not in page  # no staff records for the strategist

    def test_the_council_sees_only_the_projects_the_council_sees(self, demo, client):
        Project.objects.filter(municipality=demo, status=Status.IDEA).exists() or make_project(
            demo, title="Eine Idee", status=Status.IDEA
        )
        page = home(client, "rat")
        assert panels(page) == {"agenda", "portfolio", "staffing", "council", "changes", "roles"}
        health = health_of(demo, "rat")
        assert set(health["status"]) <= set(COUNCIL_VISIBLE)
        assert f"{len(health)} Projekte" in page
        assert len(health) < Project.objects.filter(municipality=demo).count()
        for status in (Status.IDEA, Status.PROPOSED):
            assert f'data-testid="status-{status}"' not in page
        assert 'data-testid="draft-link"' not in page
        assert 'data-testid="stale-indicators"' not in page  # a council member keeps no figures

    def test_hr_sees_staffing_with_its_records_and_no_portfolio(self, demo, client):
        page = home(client, "personal")
        assert panels(page) == {"staffing", "changes", "roles"}
        hr = user("personal")
        gaps = staffing.gap_view(user=hr, municipality=demo, individuals=True).summary
        assert text_of(page, "skills-short") == f"{int(gaps['shortage'].sum())} von {len(gaps)}"
        assert text_of(page, "staff-count") == str(staffing.staff_list(user=hr, municipality=demo).count())
        open_vacancies = staffing.vacancy_list(user=hr, municipality=demo).filter(filled=False).count()
        assert text_of(page, "vacancy-count") == str(open_vacancies)

    def test_the_lead_sees_the_projects_it_leads_and_no_staffing_or_reports(self, demo, client):
        lead = user("projektleitung")
        page = home(client, "projektleitung")
        assert "staffing" not in panels(page) and "council" not in panels(page)
        led = Project.objects.filter(municipality=demo, lead=lead, status__in=COMMITTED)
        assert led.exists()
        listed = page.split('data-testid="my-projects"')[1].split("</ul>")[0]
        for project in led:
            assert project.title in listed
        others = Project.objects.filter(municipality=demo, status__in=COMMITTED).exclude(lead=lead)
        assert others.exists() and not any(f">{p.title}<" in listed for p in others)

    def test_the_english_interface_speaks_english(self, demo, client):
        page = home(client, "strategie", language="en")
        assert "Agenda progress" in page and "Your roles" in page
        assert "Haushalt" not in text_of(page, "budget")


class TestOpenItems:
    def test_stale_indicators_are_listed_for_the_strategist_until_measured(self, demo, client):
        current = strategy.strategy_current(user=user("strategie"), municipality=demo)
        indicators = strategy.strategy_overview(strategy=current).progress.indicators
        stale = list(indicators.index[indicators["stale"].astype(bool)])
        fresh = list(indicators.index[~indicators["stale"].astype(bool)])
        assert stale and fresh  # the demo has both
        names = dict(Indicator.objects.filter(pk__in=stale + fresh).values_list("pk", "name"))

        def listed(page: str) -> str:
            return page.split('data-testid="stale-indicators"')[1].split("</ul>")[0]

        page = listed(home(client, "strategie"))
        assert len(stale) <= dashboard.ITEMS_SHOWN and all(names[pk] in page for pk in stale)
        assert not any(names[pk] in page for pk in fresh)
        # Measuring a stale indicator today takes it off the list.
        indicator = Indicator.objects.get(pk=stale[0])
        Measurement.objects.create(
            indicator=indicator, date=timezone.localdate(), value=indicator.baseline_value
        )
        assert indicator.name not in listed(home(client, "strategie"))

    def test_the_next_council_meeting_is_the_nearest_future_one(self, demo, client):
        today = timezone.localdate()
        ReportingRound.objects.filter(municipality=demo).delete()
        for days, title in ((90, "Später"), (20, "Bald"), (-10, "Vorbei")):
            ReportingRound.objects.create(
                municipality=demo,
                title=title,
                period_start=today - dt.timedelta(days=200),
                period_end=today - dt.timedelta(days=100),
                due_date=today + dt.timedelta(days=days - 5),
                meeting_date=today + dt.timedelta(days=days),
            )
        page = home(client, "rat")
        assert "(Bald)" in text_of(page, "next-meeting") + page.split('data-testid="next-meeting"')[1][:300]
        assert "Vorbei" not in page.split('data-testid="next-meeting"')[1][:300]


class TestChangesSinceTheLastVisit:
    def test_changes_after_the_previous_login_are_listed_and_older_ones_not(self, demo, client):
        cdo = user("strategie")
        cdo.set_password("pw")
        cdo.save()
        assert client.post(reverse("login"), {"username": "strategie", "password": "pw"}).status_code == 302
        client.logout()
        project = Project.objects.filter(municipality=demo, status=Status.IN_PROGRESS).first()
        project.description = "Neu beschrieben"
        project.save()
        client.post(reverse("login"), {"username": "strategie", "password": "pw"})
        page = client.get(reverse("home")).content.decode()
        changes = page.split('data-testid="panel-changes"')[1]
        assert "seit Ihrem letzten Besuch" in changes
        assert project.title in changes
        # Demo data was written before the first login: not a change since the last visit.
        assert changes.count('data-testid="change"') == 1

    def test_a_council_member_is_not_told_of_changes_to_projects_it_cannot_see(self, demo, client):
        idea = make_project(demo, title="Geheime Idee", status=Status.IDEA)
        idea.description = "geändert"
        idea.save()
        assert "Geheime Idee" not in home(client, "rat")
        assert "Geheime Idee" in home(client, "strategie")


def test_the_query_count_does_not_grow_with_the_municipality(demo, client, django_assert_max_num_queries):
    client.force_login(user("strategie"))
    with django_assert_max_num_queries(80) as small:
        assert client.get(reverse("home")).status_code == 200
    baseline = len(small.captured_queries)
    current = strategy.strategy_current(user=user("strategie"), municipality=demo)
    goal = current.fields.first().goals.first()
    for n in range(40):
        make_project(demo, title=f"Mehr {n}", status=Status.IN_PROGRESS)
        indicator = Indicator.objects.filter(goal=goal).first()
    for n in range(10):
        Measurement.objects.create(
            indicator=indicator, date=timezone.localdate() - dt.timedelta(days=n + 1), value=n
        )
    with django_assert_max_num_queries(baseline):
        assert client.get(reverse("home")).status_code == 200
