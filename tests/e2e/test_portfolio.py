"""Portfolio in the browser: a strategist rates a service and plans the project that fixes its back end,
and sees the service move on the maturity map; a project lead writes a status report; the ranking
re-orders while a weight moves; axe scans of the portfolio pages."""

import pytest
from playwright.sync_api import expect

from municipalities.models import Municipality
from portfolio.actions import project_save
from portfolio.models import Project, Service, StatusReport, SubjectArea

pytestmark = pytest.mark.e2e


def musterstadt() -> Municipality:
    return Municipality.objects.get(name="Musterstadt")


def test_strategist_rates_a_service_and_moves_it_on_the_map(login, page, live_server):
    service = Service.objects.create(
        municipality=musterstadt(),
        name="Browser-Leistung Sondernutzung",
        subject_area=SubjectArea.objects.get(code="mobilitaet-reisen"),
        cases_per_year=500,
        staff_minutes=45,
        citizen_minutes=60,
    )
    login("strategie")
    page.goto(f"{live_server.url}/portfolio/services/{service.pk}/edit/")
    page.locator("#id_model_version").select_option("2")
    page.locator("#id_level").fill("3")
    page.locator("#id_handling").select_option("printed")
    page.locator("main form button[type=submit]").click()
    expect(page.get_by_test_id("front-level")).to_contain_text("3")
    expect(page.get_by_test_id("back-level")).to_contain_text("0")
    expect(page.locator("h1 .badge")).to_be_visible()  # paper behind the portal

    page.goto(f"{live_server.url}/portfolio/projects/new/")
    page.locator("#id_title").fill("Browser-Projekt Fachverfahren Sondernutzung")
    page.locator("#id_layer").select_option("back_end")
    page.locator("#id_status").select_option("approved")
    page.locator("main form button[type=submit]").click()
    project = Project.objects.get(title="Browser-Projekt Fachverfahren Sondernutzung")
    expect(page).to_have_url(f"{live_server.url}/portfolio/projects/{project.pk}/")

    page.goto(f"{live_server.url}/portfolio/projects/{project.pk}/service-change/new/")
    page.locator("#id_service").select_option(str(service.pk))
    page.locator("#id_target_handling").select_option("automated")
    page.locator("#id_target_e_file").select_option("true")
    page.locator("#id_staff_minutes_saved").fill("30")
    page.locator("main form button[type=submit]").click()
    expect(page.get_by_test_id("staff-hours")).to_have_text("250")  # 500 cases × 30 min / 60

    page.goto(f"{live_server.url}/portfolio/map/")
    row = page.locator(f"[data-testid=map-table] tr[data-service='{service.pk}']")
    expect(row.locator(".back-now")).to_have_text("0")
    expect(row.locator(".back-after")).to_have_text("3")
    expect(page.locator("[data-figure=map-figure][data-drawn=true]")).to_have_count(1)


def test_a_project_lead_writes_a_status_report(login, page, live_server):
    from django.contrib.auth import get_user_model

    lead = get_user_model().objects.get(username="projektleitung")
    project = project_save(
        project=Project(
            municipality=musterstadt(),
            title="Browser-Projekt der Projektleitung",
            layer="front_end",
            status="in_progress",
            lead=lead,
        )
    )
    login("projektleitung")
    page.goto(f"{live_server.url}/portfolio/projects/{project.pk}/")
    page.locator(f"a[href='/portfolio/projects/{project.pk}/status-report/new/']").click()
    page.locator("#id_date").fill("2026-11-20")
    for name, value in (
        ("overall", "yellow"),
        ("scope_status", "green"),
        ("schedule", "yellow"),
        ("budget", "green"),
    ):
        page.locator(f"#id_{name}").select_option(value)
    page.locator("#id_percent_complete").fill("60")
    page.locator("#id_summary").fill("Pilotbetrieb im Bürgerbüro läuft.")
    page.locator("main form button[type=submit]").click()
    expect(page.get_by_test_id("status-report").first).to_contain_text("Pilotbetrieb im Bürgerbüro läuft.")
    assert StatusReport.objects.get(project=project).author == lead


def test_moving_a_weight_reorders_the_ranking_without_a_reload(login, page, live_server):
    login("strategie")
    page.goto(f"{live_server.url}/portfolio/ranking/")
    page.evaluate("window.notReloaded = true")
    rows = page.locator("[data-testid=ranking-table] > tbody > tr")
    before = rows.evaluate_all("rows => rows.map(r => r.dataset.project)")
    assert len(before) > 3
    for slider in page.locator("input[type=range]").all():
        slider.fill("0")
    page.locator("[data-testid=weight-effort]").fill("100")
    expect(page.get_by_test_id("weights-used")).to_contain_text("100 %")
    after = rows.evaluate_all("rows => rows.map(r => r.dataset.project)")
    assert after != before
    assert page.evaluate("window.notReloaded") is True


def test_a_council_member_opens_a_row_and_sees_the_contributions(login, page, live_server):
    login("rat")
    page.goto(f"{live_server.url}/portfolio/ranking/")
    first = page.locator("[data-testid=ranking-table] > tbody > tr").first
    contributions = first.get_by_test_id("contributions")
    expect(contributions).to_be_hidden()
    first.locator("summary").click()
    expect(contributions).to_be_visible()
    expect(contributions.locator("tbody tr")).to_have_count(7)


@pytest.mark.parametrize(
    "path",
    [
        "/portfolio/services/",
        "/portfolio/map/",
        "/portfolio/projects/",
        "/portfolio/balance/",
        "/portfolio/ranking/",
        "/portfolio/ranking/pairwise/",
        "/portfolio/ranking/matrix/",
    ],
)
def test_portfolio_pages_have_no_serious_accessibility_violations(login, page, live_server, path):
    from tests.e2e.conftest import serious_violations

    login("strategie")
    page.goto(f"{live_server.url}{path}")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert serious_violations(page) == []


def test_project_detail_has_no_serious_accessibility_violations(login, page, live_server):
    from tests.e2e.conftest import serious_violations

    login("strategie")
    project = Project.objects.filter(municipality=musterstadt(), status="in_progress").first()
    page.goto(f"{live_server.url}/portfolio/projects/{project.pk}/")
    assert serious_violations(page) == []
