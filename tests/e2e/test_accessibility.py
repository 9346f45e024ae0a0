"""axe-core scans (WCAG 2.1 AA, BITV 2.0): no serious or critical violation on the scanned pages."""

import pytest

from tests.e2e.conftest import serious_violations

pytestmark = pytest.mark.e2e


def test_login_page(page, live_server, demo):
    page.goto(f"{live_server.url}/accounts/login/")
    assert serious_violations(page) == []


def test_login_page_with_error(page, login):
    login("strategie", "falsch")
    assert serious_violations(page) == []


@pytest.mark.parametrize("language", ["de", "en"])
def test_home_page(login, page, live_server, language):
    login("verwaltung")
    page.context.add_cookies([{"name": "digiplan_language", "value": language, "url": live_server.url}])
    page.goto(f"{live_server.url}/")
    assert serious_violations(page) == []
