"""Journeys through the running application in a real browser. Later issues add theirs here."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e


def test_log_in_switch_language_log_out(login, page, live_server):
    login("strategie")
    expect(page.locator("html")).to_have_attribute("lang", "de")
    expect(page.get_by_role("heading", level=1)).to_have_text("Übersicht: Musterstadt")
    nav = page.get_by_role("navigation", name="Hauptnavigation")
    expect(nav.get_by_role("link", name="Strategie")).to_be_visible()
    expect(page.get_by_text("Strategie (Chief Digital Officer)")).to_be_visible()

    page.select_option("#language-switch", "en")
    page.get_by_test_id("language-submit").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text("Overview of Musterstadt")
    nav = page.get_by_role("navigation", name="Main navigation")
    expect(nav.get_by_role("link", name="Strategy")).to_be_visible()
    expect(page.get_by_text("Strategist (Chief Digital Officer)")).to_be_visible()

    page.get_by_role("button", name=re.compile("Log out")).click()
    expect(page.get_by_role("heading", name="Log in to Digiplan")).to_be_visible()
    page.goto(f"{live_server.url}/")
    expect(page).to_have_url(re.compile(r"/accounts/login/"))


def test_wrong_password_is_explained(login, page):
    login("strategie", "falsch")
    expect(page.get_by_role("alert")).to_contain_text("Benutzername oder Passwort ist nicht korrekt")


def test_styles_are_served_locally(login, page, live_server):
    login("verwaltung")
    loaded = page.evaluate("[...document.styleSheets].map(s => s.href).filter(Boolean)")
    assert loaded and all(href.startswith(live_server.url) for href in loaded)
    # Bootstrap really applied: the navbar is a flex container.
    assert page.evaluate("getComputedStyle(document.querySelector('.navbar')).display") == "flex"
