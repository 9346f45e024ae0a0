"""axe-core scans (WCAG 2.1 AA, BITV 2.0): no serious or critical violation on the scanned pages."""

import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = pytest.mark.e2e

WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def serious(page) -> list[str]:
    results = Axe().run(page, options=WCAG)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']]}"
        for v in results.response["violations"]
        if v["impact"] in {"serious", "critical"}
    ]


def test_login_page(page, live_server, demo):
    page.goto(f"{live_server.url}/accounts/login/")
    assert serious(page) == []


def test_login_page_with_error(page, login):
    login("strategie", "falsch")
    assert serious(page) == []


@pytest.mark.parametrize("language", ["de", "en"])
def test_home_page(login, page, live_server, language):
    login("verwaltung")
    page.context.add_cookies([{"name": "digiplan_language", "value": language, "url": live_server.url}])
    page.goto(f"{live_server.url}/")
    assert serious(page) == []
