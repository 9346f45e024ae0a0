"""The language crawl (issue 16): every page of the demo municipality, in German and in English, shows no
string of the other language, no model field name and no number or date that bypassed the locale.

The crawl follows the links of the pages, starting at every page route without parameters
(tests/test_page_walk.py's route list), as the demo administrator who may open every page; it visits at
most ``PER_ROUTE`` pages per route (a route's pages share their template) and reads what a reader sees:
the text outside <script>, <style> and <template>, and the attributes read aloud or shown (title,
aria-label, placeholder, alt, a button's value). Text marked with another language (``lang="en"`` on the
language switch's "English") is that language's and is skipped, as a screen reader switches voice there.

What a library draws in the browser (plotly's toolbar and axis labels) is checked in the browser, by
tests/e2e/test_crawl_charts.py (marker e2e; a module of its own, as this module's demo data is held in
one open transaction that the live server of a browser test could not write past).
"""

from __future__ import annotations

import io
import re
from collections import Counter
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from django.urls import Resolver404, resolve, reverse

from tests.api.conftest import rolled_back
from tests.test_page_walk import ROUTES

PER_ROUTE = 3
ADMIN_LOGIN = "verwaltung"  # municipalities.demo.DEMO_LOGINS: the administrator opens every page
SKIPPED_PREFIXES = ("/admin/", "/api/", "/static/", "/accounts/logout/", "/i18n/")

# Words of the interface that must not appear on a page of the other language. Whole words, case-sensitive.
# The demo's content is German and shows on English pages as well (project titles, status report texts:
# what users write is not translated), so the German list holds words of buttons, headings, choices and
# dates only, not words of everyday German ("und", "nicht", "Stand") that the content is full of.
ENGLISH_WORDS = (
    "Select",
    "Save",
    "Delete",
    "Cancel",
    "Edit",
    "Back",
    "Submit",
    "Search",
    "Next",
    "Previous",
    "Show",
    "Yes",
    "No",
    "None",
    "True",
    "False",
    "Page",
    "Download",
    "Autoscale",
    "Reset",
    "Zoom",
    "This field",
    "Ensure",
    "Mar",
    "May",
    "Oct",
    "Dec",
    "January",
    "February",
    "March",
    "June",
    "July",
    "October",
    "December",
    "Monday",
    "Sunday",
    "and",
    "the",
    "of",
    "or",
)
GERMAN_WORDS = (
    "Speichern",
    "Löschen",
    "Abbrechen",
    "Bearbeiten",
    "Zurück",
    "Anlegen",
    "Übersicht",
    "Startseite",
    "Abmelden",
    "Seite",
    "Bitte wählen",
    "Januar",
    "Februar",
    "März",
    "Mär",
    "Juni",
    "Juli",
    "Oktober",
    "Okt",
    "Dezember",
    "Dez",
    "Ja",
    "Nein",
)

# Names that look like a finding: versions of standards ("OZG-Reifegradmodell 2.0", "BITV 2.0"), written so
# in German too, and an English term the demo's German text quotes on purpose. Removed before the checks.
CONTENT = ("Modell 2.0", "Reifegradmodell 2.0", "BITV 2.0", "(engl.: Caseworker using the e-file)")

FIELD_NAME = re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b")  # snake_case: target_value, period_end
ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
QUARTER = re.compile(r"\b\d{4}Q[1-4]\b")
# A decimal point in German text ("29.1", "1.00") or a decimal comma in English text ("29,1"); German
# dates (30.06.2026) and thousands separators (12.500) are not decimals.
GERMAN_BAD_NUMBER = re.compile(r"(?<![\d.,])\d+\.\d{1,2}(?![\d.])(?!\d)|\d,\d{4}\b")
ENGLISH_BAD_NUMBER = re.compile(r"(?<![\d.,])\d+,\d{1,2}(?![\d,])|\b\d{1,2}\.\d{1,2}\.\d{4}\b")


def _words(words):
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(w) for w in words) + r")(?![\w-])")


FOREIGN = {"de": _words(ENGLISH_WORDS), "en": _words(GERMAN_WORDS)}
BAD_NUMBER = {"de": GERMAN_BAD_NUMBER, "en": ENGLISH_BAD_NUMBER}

SPOKEN_ATTRIBUTES = ("title", "aria-label", "placeholder", "alt")
HIDDEN = ("script", "style", "template")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _Reader(HTMLParser):
    """The text a reader of ``language`` gets from a page, and the page's links."""

    def __init__(self, language: str):
        super().__init__(convert_charrefs=True)
        self.language = language
        self.stack: list[tuple[str, bool]] = []  # (tag, readable)
        self.texts: list[str] = []
        self.links: list[str] = []

    def _readable(self) -> bool:
        return not self.stack or self.stack[-1][1]

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        readable = self._readable() and tag not in HIDDEN
        lang = attributes.get("lang")
        if lang and lang.split("-")[0] != self.language and tag != "html":
            readable = False
        if readable:
            self.texts.extend(v for k, v in attributes.items() if k in SPOKEN_ATTRIBUTES and v)
            if tag in ("input", "button") and attributes.get("type") in ("submit", "button", "reset"):
                self.texts.append(attributes.get("value") or "")
        if tag == "a" and attributes.get("href"):
            self.links.append(attributes["href"])
        if tag not in VOID:
            self.stack.append((tag, readable))

    def handle_endtag(self, tag):
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                break

    def handle_data(self, data):
        if self._readable() and data.strip():
            self.texts.append(data)


def findings_of(html: str, language: str) -> tuple[list[str], list[str]]:
    """What is wrong in a page of ``language``, and its links."""
    reader = _Reader(language)
    reader.feed(html)
    text = " ".join(" ".join(reader.texts).split())
    for content in CONTENT:
        text = text.replace(content, "")
    found = []
    checks = (
        ("foreign word", FOREIGN[language]),
        ("field name", FIELD_NAME),
        ("ISO date", ISO_DATE),
        ("raw quarter", QUARTER),
        ("number format", BAD_NUMBER[language]),
    )
    for kind, pattern in checks:
        for match in pattern.finditer(text):
            context = text[max(0, match.start() - 40) : match.end() + 40]
            found.append(f"{kind} {match.group(0)!r}: …{context}…")
    return found, reader.links


def _route_key(path: str) -> str | None:
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return " ".join(filter(None, [match.view_name, match.kwargs.get("kind")]))


def crawl(client: Client, language: str) -> tuple[dict[str, list[str]], Counter]:
    """Every page reachable from the parameterless routes, at most ``PER_ROUTE`` per route: URL -> what
    is wrong on it; and the visits per route."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    queue = [
        reverse(name)
        for name, route in ROUTES.items()
        if "<" not in route and not route.startswith(("accounts/", "i18n/"))
    ]
    seen: set[str] = set()
    visits: Counter = Counter()
    findings: dict[str, list[str]] = {}
    while queue:
        path = queue.pop(0)
        if path in seen or path.startswith(SKIPPED_PREFIXES):
            continue
        seen.add(path)
        key = _route_key(urlsplit(path).path)
        if key is None or visits[key] >= PER_ROUTE:
            continue
        response = client.get(path)
        if response.status_code >= 500:
            findings[path] = [f"answers {response.status_code}"]
            continue
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        visits[key] += 1
        found, links = findings_of(response.content.decode(), language)
        if found:
            findings[path] = found
        for link in links:
            parts = urlsplit(link)
            if not parts.netloc and parts.path.startswith("/"):
                queue.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return findings, visits


@pytest.fixture(scope="module")
def demo_admin(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), rolled_back():
        call_command("demo", stdout=io.StringIO())
        client = Client(raise_request_exception=False)
        client.force_login(get_user_model().objects.get(username=ADMIN_LOGIN))
        yield client


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["de", "en"])
def test_every_page_speaks_one_language(demo_admin, language):
    findings, visits = crawl(demo_admin, language)
    # The crawl reaches every page route a GET answers with a page (all but POST-only routes, downloads
    # and the login page, which the administrator is redirected from).
    assert len(visits) >= 80, sorted(visits)
    report = "\n".join(f"{path}\n  " + "\n  ".join(found) for path, found in sorted(findings.items()))
    assert findings == {}, f"{sum(map(len, findings.values()))} findings on {len(findings)} pages:\n{report}"
