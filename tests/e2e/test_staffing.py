"""Staffing in the browser: hr records a skill and the skills matrix changes; axe scans of the matrix and
gap pages for hr and for a strategist (who sees suppressed cells)."""

import pytest
from playwright.sync_api import expect

from municipalities.models import OrgUnit
from staffing.models import Skill, StaffMember
from tests.e2e.conftest import serious_violations

pytestmark = pytest.mark.e2e


def matrix_cell(page, skill_name: str, unit_name: str) -> str:
    headers = page.locator("[data-testid=matrix-table] thead th").all_inner_texts()
    column = headers.index(unit_name)
    row = page.locator(
        "[data-testid=matrix-table] tbody tr", has=page.get_by_role("rowheader", name=skill_name, exact=True)
    )
    return row.locator("td").nth(column - 1).inner_text()


def test_hr_records_a_skill_and_the_matrix_changes(login, page, live_server):
    login("personal")
    unit = OrgUnit.objects.get(municipality__name="Musterstadt", name="IT-Service")
    skill = Skill.objects.get(code="low-code")
    member = StaffMember.objects.filter(org_unit=unit).exclude(skills__skill=skill).first()
    page.goto(f"{live_server.url}/staffing/matrix/?level=1")
    page.locator("summary").click()
    before = matrix_cell(page, skill.name_de, unit.name)

    page.goto(f"{live_server.url}/staffing/staff/{member.pk}/")
    page.locator(f"a[href='/staffing/skill/{member.pk}/new/']").click()
    page.locator("#id_skill").select_option(str(skill.pk))
    page.locator("#id_level").fill("3")
    page.locator("#id_assessed_on").fill("2026-11-20")
    page.locator("main form button[type=submit]").click()
    expect(page.get_by_test_id("staff-skills")).to_contain_text(skill.name_de)

    page.goto(f"{live_server.url}/staffing/matrix/?level=1")
    page.locator("summary").click()
    after = matrix_cell(page, skill.name_de, unit.name)
    assert int(after or 0) == int(before or 0) + 1
    expect(page.locator("[data-figure=matrix-figure][data-drawn=true]")).to_have_count(1)


@pytest.mark.parametrize("username", ["personal", "strategie"])
@pytest.mark.parametrize("path", ["/staffing/matrix/", "/staffing/gaps/", "/staffing/retirements/"])
def test_staffing_pages_have_no_serious_accessibility_violations(login, page, live_server, username, path):
    login(username)
    page.goto(f"{live_server.url}{path}")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert serious_violations(page) == []
