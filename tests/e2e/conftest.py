"""Browser test harness: Playwright for Python driving Debian's Chromium against pytest-django's live server.

``make test`` runs these when a Chromium is present (``CHROMIUM``, default /usr/bin/chromium) and says
plainly when it is not. Playwright's own browser download is never used.
"""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import sync_playwright

# Playwright's sync API runs an event loop in this thread; the ORM calls of the test set-up are still
# synchronous and safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        raise RuntimeError(f"No Chromium at {CHROMIUM}; run without -m e2e or install chromium.")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def _csp_violations(page) -> list[str]:
    """What the Content-Security-Policy blocks on ``page`` from now on: Chromium reports it as a console
    error ("Refused to apply inline style because it violates …")."""
    found: list[str] = []

    def note(message) -> None:
        if message.type == "error" and "Content Security Policy" in message.text:
            where = message.location
            found.append(f"{where.get('url')}:{where.get('lineNumber')}: {message.text}")

    page.on("console", note)
    return found


@pytest.fixture
def page(browser):
    """A page in a fresh context; the test fails if the Content-Security-Policy blocked anything on it
    (an inline style or script, a foreign source): every page must work under the strict policy."""
    context = browser.new_context(locale="de-DE")
    page = context.new_page()
    page.set_default_timeout(10_000)
    violations = _csp_violations(page)
    yield page
    context.close()
    assert not violations, violations


@pytest.fixture
def demo(transactional_db):
    """Musterstadt and its demo logins, as ``make run`` creates them."""
    call_command("demo", stdout=io.StringIO())


@pytest.fixture
def login(page, live_server, demo):
    def log_in(username: str, password: str = "demo"):
        page.goto(f"{live_server.url}/accounts/login/")
        page.fill("#id_username", username)
        page.fill("#id_password", password)
        page.locator("main form button[type=submit]").click()
        page.wait_for_load_state()
        return page

    return log_in


WCAG_TAGS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def serious_violations(page) -> list[str]:
    """axe-core's serious and critical WCAG 2.1 A/AA violations on the page, readable in an assertion."""
    from axe_playwright_python.sync_playwright import Axe

    # axe judges a still page: a button still fading into its hover colour under the pointer after a
    # click measured a contrast between two colours that no user ever sees (CI, stop 24). The pointer
    # leaves and the running transitions end first.
    page.mouse.move(0, 0)
    page.evaluate(
        "Promise.all(document.getAnimations()"
        ".filter(a => a.effect && a.effect.getComputedTiming().endTime !== Infinity)"
        ".map(a => a.finished.catch(() => null)))"
    )
    results = Axe().run(page, options=WCAG_TAGS)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']]}"
        for v in results.response["violations"]
        if v["impact"] in {"serious", "critical"}
    ]
