"""The strict Content-Security-Policy in a real browser (DESIGN.md §7, STYLE.md 7; issue 15): every chart
still draws, the API docs still work, and nothing is blocked (the ``page`` fixture fails a test on any CSP
violation in the console)."""

import pytest
from playwright.sync_api import expect

from reports.models import CouncilReport
from strategy.models import Goal

pytestmark = pytest.mark.e2e

CHART_PAGES = [
    "/portfolio/map/",
    "/portfolio/balance/",
    "/portfolio/ranking/matrix/",
    "/staffing/gaps/",
    "/staffing/matrix/",
    "/staffing/retirements/",
]


def _all_charts_drawn(page) -> None:
    charts = page.locator("[data-figure]")
    expect(charts.first).to_be_attached()
    expect(page.locator("[data-figure][data-drawn=true]")).to_have_count(charts.count())
    # Drawn means plotly's SVG is there, styled by its stylesheet rules.
    expect(page.locator("[data-figure] svg.main-svg").first).to_be_visible()


def test_every_chart_page_draws_under_the_policy(login, page, live_server):
    login("verwaltung")  # the municipality admin sees every page
    goal = Goal.objects.filter(field__strategy__municipality__name="Musterstadt").first()
    for path in [*CHART_PAGES, f"/strategy/goals/{goal.pk}/"]:
        response = page.goto(f"{live_server.url}{path}")
        assert "script-src 'self'" in response.headers["content-security-policy"], path
        _all_charts_drawn(page)


def test_a_report_with_its_charts(login, page, live_server):
    login("strategie")
    page.goto(f"{live_server.url}/reports/new/")
    page.locator("#id_title").fill("Bericht unter CSP")
    page.locator("#id_period_start").fill("2026-01-01")
    page.locator("#id_period_end").fill("2026-06-30")
    page.locator("main form button[type=submit]").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Bericht unter CSP")
    assert CouncilReport.objects.filter(title="Bericht unter CSP").exists()
    _all_charts_drawn(page)


def test_the_api_docs_work_under_the_policy(login, page, live_server):
    login("strategie")
    response = page.goto(f"{live_server.url}/api/docs/")
    policy = response.headers["content-security-policy"]
    assert "'nonce-" in policy and "unsafe-inline" not in policy
    # The schema of every endpoint takes its time to generate on a busy machine.
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("Digiplan API", timeout=60_000)
    expect(page.locator(".opblock").first).to_be_visible()
    # The inline script ran (its ``ui``) and loaded the whole schema.
    paths = page.evaluate("ui.specSelectors.paths().keySeq().toArray()")
    assert "/api/v1/projects/" in paths and "/api/v1/skills-gap/" in paths, paths[:5]
