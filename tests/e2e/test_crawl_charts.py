"""The language crawl's browser part (issue 16): what plotly draws follows the page's language."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.urls import reverse


@pytest.mark.e2e
@pytest.mark.parametrize(
    ("language", "own", "foreign"),
    [
        (
            "de",
            {"Graphen als PNG herunterladen", "Achsen zurücksetzen"},
            {"Download plot as a PNG", "Reset axes"},
        ),
        (
            "en",
            {"Download plot as a PNG", "Reset axes"},
            {"Graphen als PNG herunterladen", "Achsen zurücksetzen"},
        ),
    ],
)
def test_charts_speak_the_page_language(login, page, live_server, language, own, foreign):
    """plotly's toolbar, month names and number separators follow the page's language (plotly.js-locales,
    served locally): the goal page's chart has a date axis and a numeric one."""
    from strategy.models import Goal, StrategyStatus

    login("strategie")
    page.context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}]
    )
    goal = Goal.objects.filter(
        field__strategy__status=StrategyStatus.ADOPTED, indicators__measurements__isnull=False
    )
    page.goto(f"{live_server.url}{reverse('strategy:goal', args=[goal.first().pk])}")
    page.wait_for_selector("[data-drawn=true] .main-svg")
    titles = set(page.eval_on_selector_all(".modebar-btn", "buttons => buttons.map(b => b.dataset.title)"))
    assert own <= titles and not foreign & titles, titles
    ticks = " ".join(
        page.eval_on_selector_all(".xtick text, .ytick text", "ts => ts.map(t => t.textContent)")
    )
    assert ticks.strip(), "the chart has no axis labels"
    english_months = re.compile(r"\b(Mar|May|Oct|Dec)\b")
    german_months = re.compile(r"\b(Mär|Mai|Okt|Dez)\b")
    assert not (english_months if language == "de" else german_months).search(ticks), ticks
