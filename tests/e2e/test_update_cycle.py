"""The update cycle in the browser (issue 17): the reporting round is open and overdue, the daily job
reminds the owner by e-mail; the owner opens "My updates", enters a value in place; the municipality asks
for approval, so the value waits until the strategist approves it on her "My updates"; then the round's
response rate moves. axe finds nothing serious on either page. (The council PDF made in the background
while the page shows its progress: tests/e2e/test_reports.py.)"""

import datetime

import pytest
from django.core import mail
from playwright.sync_api import expect

from reports.actions import reminders_send
from reports.models import ReportingRound
from reports.selectors import round_state
from strategy.models import Measurement
from tests.e2e.conftest import serious_violations

pytestmark = pytest.mark.e2e


def test_reminded_owner_enters_a_value_and_the_response_moves(login, page, live_server, browser):
    round = ReportingRound.objects.get(title="Berichtsrunde 3. Quartal 2026")
    from django.contrib.auth import get_user_model

    strategist = get_user_model().objects.get(username="strategie")
    round.municipality.approve_updates = True
    round.municipality.save()
    before = round_state(round=round, user=strategist)

    # The daily job (after the due date): Murat Yilmaz answers for the IT-Service's indicators.
    reminders_send(today=round.due_date + datetime.timedelta(days=3))
    to_owner = [m for m in mail.outbox if m.to == ["projektleitung@musterstadt.example"]]
    assert to_owner and "Berichtsrunde 3. Quartal 2026" in to_owner[0].body

    login("projektleitung")
    page.get_by_role("link", name="Meine Aktualisierungen").click()
    expect(page.get_by_role("heading", name="Meine Aktualisierungen", level=1)).to_be_visible()
    assert serious_violations(page) == []
    row = page.get_by_test_id("my-indicator").first
    name = row.locator("strong").inner_text()
    row.get_by_label("Datum").fill("2026-09-30")
    row.get_by_label("Wert", exact=False).fill("55")
    row.get_by_role("button", name="Speichern").click()
    expect(page.get_by_test_id("saved")).to_contain_text("Gespeichert")
    expect(page.get_by_test_id("saved")).to_contain_text("sobald eine Strategin oder ein Stratege")
    value = Measurement.objects.get(indicator__name=name, date=datetime.date(2026, 9, 30))
    assert value.pending
    waiting = round_state(round=round, user=strategist)
    assert (waiting.done, waiting.waiting) == (before.done, before.waiting + 1)  # not yet counting

    cdo = browser.new_context(locale="de-DE").new_page()
    cdo.goto(f"{live_server.url}/accounts/login/")
    cdo.fill("#id_username", "strategie")
    cdo.fill("#id_password", "demo")
    cdo.locator("main form button[type=submit]").click()
    cdo.get_by_role("link", name="Meine Aktualisierungen").click()
    expect(cdo.get_by_test_id(f"approval-{value.pk}")).to_contain_text(name)
    assert serious_violations(cdo) == []
    cdo.get_by_test_id(f"approve-{value.pk}").click()
    expect(cdo.locator(".alert-success")).to_contain_text("Wert freigegeben")
    value.refresh_from_db()
    assert not value.pending and value.approved_by == strategist
    after = round_state(round=round, user=strategist)
    assert after.done == before.done + 1
    cdo.goto(f"{live_server.url}/reports/rounds/{round.pk}/")
    expect(cdo.get_by_test_id("round-progress")).to_contain_text(f"{after.done} von {after.total}")
    expect(cdo.get_by_test_id("round-units")).to_be_visible()
    assert serious_violations(cdo) == []
    cdo.context.close()
