"""The home dashboard and the shared sub-navigation in a browser (issue 16): accessible, no wider than a
phone, and the staffing tabs on one line that scrolls instead of wrapping."""

import pytest

from tests.e2e.conftest import serious_violations

pytestmark = pytest.mark.e2e


def test_the_dashboard_is_accessible_and_fits_a_phone(login):
    page = login("strategie")
    assert page.locator('[data-testid="panel-agenda"]').is_visible()
    assert serious_violations(page) == []
    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_the_staffing_tabs_stay_on_one_line_on_a_phone(login, live_server):
    page = login("personal")
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/staffing/")
    tabs = page.locator("nav.subnav .nav-link")
    assert tabs.count() == 9
    tops = {round(box["y"]) for box in (tabs.nth(i).bounding_box() for i in range(tabs.count()))}
    assert len(tops) == 1, "the tabs wrap"
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # the bar scrolls in its own box
