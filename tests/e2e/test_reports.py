"""Council reports in the browser: a strategist builds, edits and publishes a report; a council member
opens it, asks for the PDF, sees it waiting and then being made in the background while the page stays
usable, and downloads it when the worker has made it; axe finds no serious violation on the report page."""

import threading

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from reports.models import CouncilReport, ReportFile, ReportStatus
from tests.e2e.conftest import serious_violations
from tests.reports.files import run_worker_in_a_thread

pytestmark = pytest.mark.e2e


def test_strategist_publishes_and_council_reads_and_downloads(login, page, live_server, browser, tmp_path):
    login("strategie")
    page.goto(f"{live_server.url}/reports/new/")
    page.locator("#id_title").fill("Browser-Bericht 2026")
    page.locator("#id_period_start").fill("2026-01-01")
    page.locator("#id_period_end").fill("2026-09-30")
    page.locator("#id_meeting_date").fill("2026-12-10")
    page.locator("main form button[type=submit]").click()
    report = CouncilReport.objects.get(title="Browser-Bericht 2026")
    expect(page.get_by_test_id("report-status")).to_have_text("Entwurf")
    expect(page.locator("[data-drawn=true]").first).to_be_visible()

    page.goto(f"{live_server.url}/reports/{report.pk}/edit/")
    page.locator("#id_summary").fill("Die Umsetzung liegt im Plan. Prüfsatz für den Browsertest.")
    page.locator("main form button[type=submit]").click()
    expect(page.get_by_test_id("report-summary")).to_contain_text("Prüfsatz für den Browsertest")
    page.get_by_test_id("publish-link").click()
    # Publishing asks first; the period ended on 30.09., so no early warning (today is after it).
    expect(page.get_by_test_id("publish-confirm")).to_be_visible()
    assert serious_violations(page) == []
    page.get_by_test_id("publish-confirm").click()
    expect(page.get_by_test_id("report-status")).to_have_text("veröffentlicht")
    report.refresh_from_db()
    assert report.status == ReportStatus.PUBLISHED
    assert serious_violations(page) == []

    council = browser.new_context(locale="de-DE").new_page()
    council.goto(f"{live_server.url}/accounts/login/")
    council.fill("#id_username", "rat")
    council.fill("#id_password", "demo")
    council.locator("main form button[type=submit]").click()
    council.goto(f"{live_server.url}/reports/")
    council.get_by_role("link", name="Browser-Bericht 2026").click()
    expect(council.get_by_test_id("report-summary")).to_contain_text("Prüfsatz für den Browsertest")
    council.get_by_test_id("pdf-request").click()
    # Queued: the page answers at once and says the file waits for a worker; no worker runs yet.
    expect(council.get_by_test_id("file-pdf")).to_have_attribute("data-status", "queued")
    expect(council.get_by_test_id("file-pdf")).to_contain_text("Warten auf einen freien Worker")
    assert serious_violations(council) == []
    # The worker ``make run`` starts beside the server, here in a thread; the page polls until it is done.
    worker = threading.Thread(target=run_worker_in_a_thread)
    worker.start()
    expect(council.get_by_test_id("file-download")).to_be_visible(timeout=60_000)
    worker.join(60)
    assert ReportFile.objects.get(report=report).status == "done"
    with council.expect_download(timeout=60_000) as download_info:
        council.get_by_test_id("file-download").click()
    target = tmp_path / "bericht.pdf"
    download_info.value.save_as(target)
    text = "".join(page_.extract_text() for page_ in PdfReader(target).pages)
    assert "Browser-Bericht 2026" in text and "Prüfsatz für den Browsertest" in text
    assert serious_violations(council) == []
    council.context.close()


def test_printing_the_report_page_keeps_charts_whole_and_lights_in_colour(login, page, live_server):
    login("strategie")
    report = CouncilReport.objects.filter(status=ReportStatus.PUBLISHED).first()
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(f"{live_server.url}/reports/{report.pk}/")
    expect(page.locator("[data-drawn=true]").first).to_be_visible()
    chart = page.locator(".report-chart svg.main-svg").first
    assert chart.evaluate("e => e.getBoundingClientRect().width") > 680  # on screen: the page's width
    page.emulate_media(media="print")
    page.evaluate("() => window.dispatchEvent(new Event('beforeprint'))")
    page.wait_for_timeout(300)
    # The menus and breadcrumbs are not printed; the report is.
    assert page.locator("nav.navbar").is_hidden() and page.get_by_test_id("breadcrumbs").is_hidden()
    assert page.get_by_test_id("report-title").is_visible()
    # Every chart is laid out at the printable width of A4, so the page does not cut it.
    widths = page.locator(".report-chart svg.main-svg").evaluate_all(
        "els => els.map(e => e.getBoundingClientRect().width)"
    )
    assert widths and max(widths) <= 680
    # Traffic lights keep their colour (and their text) on paper; captions stand above their tables.
    badge = page.locator(".report .badge.text-bg-success").first
    assert badge.evaluate("e => getComputedStyle(e).printColorAdjust") == "exact"
    background = badge.evaluate("e => getComputedStyle(e).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")
    assert badge.inner_text() == "im Plan"
    assert page.locator(".report caption").first.evaluate("e => getComputedStyle(e).captionSide") == "top"
