"""Strategy in the browser: a strategist builds a goal with an indicator, measures, and sees progress move."""

import datetime

import pytest
from playwright.sync_api import expect

from municipalities.models import Municipality
from strategy.models import Goal, Strategy
from tests.e2e.conftest import serious_violations

pytestmark = pytest.mark.e2e


def test_strategist_creates_goal_indicator_and_measurement(login, page, live_server):
    login("strategie")
    town = Municipality.objects.get(name="Musterstadt")
    strategy = Strategy.objects.create(
        municipality=town, title="Browser-Agenda", vision="Digital.", start_year=2025, end_year=2030
    )
    page.goto(f"{live_server.url}/strategy/{strategy.pk}/")
    page.get_by_role("link", name="Neues Handlungsfeld").click()
    page.locator("#id_title").fill("E-Akte und Prozesse")
    page.get_by_role("button", name="Speichern").click()
    page.get_by_role("link", name="Neues Ziel").click()
    page.locator("#id_field").select_option(label="E-Akte und Prozesse")
    page.locator("#id_title").fill("Alle Ämter arbeiten mit der E-Akte")
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Alle Ämter arbeiten mit der E-Akte")

    page.get_by_role("link", name="Neuer Indikator").click()
    page.locator("#id_name").fill("Anteil der Ämter mit E-Akte")
    page.locator("#id_unit").fill("%")
    page.locator("#id_baseline_value").fill("10")
    page.locator("#id_baseline_date").fill("2025-01-01")
    page.locator("#id_target_value").fill("90")
    target = datetime.date.today() + datetime.timedelta(days=3 * 365)
    page.locator("#id_target_date").fill(target.isoformat())
    page.get_by_role("button", name="Speichern").click()

    progress = page.locator(".indicator-progress [data-testid=progress-value]")
    expect(progress).to_have_text("–")
    expect(page.locator(".indicator-progress [data-testid=status]")).to_have_text("keine Daten")
    expect(page.locator("[data-drawn=true]")).to_have_count(1)  # the plotly chart was drawn
    assert serious_violations(page) == []

    page.get_by_label("Datum", exact=True).fill(datetime.date.today().isoformat())
    page.get_by_label("Wert", exact=True).fill("50")
    page.get_by_role("button", name="Messwert erfassen").click()
    expect(page.get_by_role("status")).to_contain_text("Messwert erfasst")
    expect(progress).to_have_text("50 %")
    goal = Goal.objects.get(title="Alle Ämter arbeiten mit der E-Akte")
    assert goal.indicators.get().measurements.count() == 1

    page.goto(f"{live_server.url}/strategy/{strategy.pk}/")
    expect(page.locator(".progress-cell [data-testid=progress-value]").last).to_have_text("50 %")
    assert serious_violations(page) == []


def test_demo_strategy_overview_is_accessible(login, page, live_server):
    login("rat")
    page.goto(f"{live_server.url}/strategy/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Digitale Agenda")
    assert serious_violations(page) == []
