"""Scenarios in the browser (issue 18): the strategist creates a scenario, solves it in the background
while the page shows progress, reads the answer with the frontier, opens the roadmap, compares it with the
demo's second scenario and adopts it; axe finds nothing serious on the result and roadmap pages."""

import threading

import pytest
from playwright.sync_api import expect

from portfolio.models import Scenario, ScenarioStatus, Status
from tests.e2e.conftest import serious_violations
from tests.reports.files import run_worker_in_a_thread

pytestmark = pytest.mark.e2e


def solve_in_the_browser(page) -> None:
    page.get_by_test_id("solve").click()
    expect(page.get_by_test_id("solve-state")).to_have_attribute("data-status", "queued")
    worker = threading.Thread(target=run_worker_in_a_thread)  # what ``make run`` starts beside the server
    worker.start()
    expect(page.get_by_test_id("scenario-answer")).to_be_visible(timeout=60_000)  # the page reloads itself
    worker.join(60)


def test_strategist_creates_solves_compares_and_adopts(login, page, live_server):
    login("strategie")
    page.goto(f"{live_server.url}/portfolio/")
    page.get_by_role("link", name="Szenarien").click()
    page.get_by_test_id("scenario-create").click()
    page.get_by_label("Name").fill("Haushalt im Browser")
    page.get_by_label("Startjahre wählen").check()
    for year in range(2027, 2032):
        page.locator(f"#id_total_{year}").fill("1500000")
    page.locator("main form button[type=submit]").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Haushalt im Browser")

    solve_in_the_browser(page)
    expect(page.get_by_test_id("scenario-answer")).to_have_attribute("data-status", "optimal")
    expect(page.get_by_test_id("answer-summary")).to_contain_text("nachweislich optimal")
    expect(page.locator('[data-figure="frontier-figure"] svg.main-svg').first).to_be_visible()
    assert serious_violations(page) == []

    page.get_by_test_id("roadmap-link").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Roadmap")
    expect(page.locator('[data-figure="roadmap-figure"] svg.main-svg').first).to_be_visible()
    expect(page.get_by_test_id("roadmap").locator("tbody tr").first).to_be_visible()
    assert serious_violations(page) == []
    page.go_back()

    # The demo's first scenario, solved too, side by side with this one.
    other = Scenario.objects.get(name="Haushalt 2027–2031")
    page.goto(f"{live_server.url}/portfolio/scenarios/{other.pk}/")
    solve_in_the_browser(page)
    mine = Scenario.objects.get(name="Haushalt im Browser")
    page.goto(f"{live_server.url}/portfolio/scenarios/{mine.pk}/")
    page.get_by_test_id("compare-link").click()
    page.get_by_label("vergleichen mit").select_option(str(other.pk))
    page.get_by_role("button", name="Vergleichen").click()
    expect(page.get_by_test_id("compare-settings").locator("[data-differs=true]").first).to_be_visible()
    assert serious_violations(page) == []

    page.goto(f"{live_server.url}/portfolio/scenarios/{mine.pk}/")
    page.get_by_test_id("adopt-link").click()
    page.get_by_label("Beschlussnummer").fill("RB-2026/99")
    page.get_by_label("Datum des Beschlusses").fill("2026-12-03")
    page.get_by_label("Titel").fill("Digitalhaushalt 2027 bis 2031")
    page.get_by_test_id("adopt-confirm").click()
    expect(page.get_by_test_id("adopted-by")).to_contain_text("RB-2026/99")
    mine.refresh_from_db()
    assert mine.status == ScenarioStatus.ADOPTED
    chosen = [row["id"] for row in mine.result["chosen"]]
    from portfolio.models import Project

    assert set(Project.objects.filter(pk__in=chosen).values_list("status", flat=True)) <= {
        Status.APPROVED,
        Status.IN_PROGRESS,
        Status.ON_HOLD,
    }
