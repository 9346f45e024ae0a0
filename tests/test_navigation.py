"""Orientation (issue 16): one sub-navigation pattern for the four apps, the draft of a revision reachable
from the strategy's pages, and no label twice in a page's navigation."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from municipalities.access import Role
from portfolio.actions import scoring_model_create_default
from strategy.actions import strategy_revise
from tests.strategy.conftest import adopt, build_strategy

pytestmark = pytest.mark.django_db

SUBNAV = re.compile(r'<nav aria-label="[^"]*" class="subnav mb-3">(.*?)</nav>', re.S)
LINK = re.compile(r'<a class="nav-link( active)?"(?: aria-current="page")? href="([^"]*)">(.*?)</a>', re.S)


def tabs(page: str) -> list[tuple[bool, str, str]]:
    """Every sub-navigation link of the page: (active, href, label)."""
    return [
        (bool(active), href, label.strip())
        for nav in SUBNAV.findall(page)
        for active, href, label in LINK.findall(nav)
    ]


def get(client, name: str, *args) -> str:
    response = client.get(reverse(name, args=args))
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize(
    "name", ["strategy:index", "portfolio:index", "staffing:index", "reports:index", "portfolio:ranking"]
)
def test_the_four_apps_share_one_sub_navigation_with_one_current_tab(town_a, make_user, client_for, name):
    build_strategy(town_a)
    admin = make_user("admin", (town_a, Role.ADMIN))
    page = get(client_for(admin), name)
    found = tabs(page)
    assert found, "no sub-navigation"
    assert sum(active for active, _href, _label in found) >= 1
    assert "subnav-list" in page  # the one pattern, which scrolls rather than wraps on a phone


RANKING_TABS = {
    "portfolio:ranking": "Ergebnis",
    "portfolio:criteria": "Kriterien und Gewichte",
    "portfolio:pairwise": "Paarvergleich",
}


@pytest.mark.parametrize("name", list(RANKING_TABS))
def test_the_ranking_pages_name_each_tab_once(town_a, strategist, client_for, name):
    scoring_model_create_default(municipality=town_a)
    found = tabs(get(client_for(strategist), name))
    labels = [label for _active, _href, label in found]
    assert labels.count("Rangliste") == 1
    assert len(labels) == len(set(labels))
    # The portfolio's "Rangliste" tab is current on all three, and the ranking's own tab of the page.
    assert [label for active, _href, label in found if active] == ["Rangliste", RANKING_TABS[name]]


def test_staffing_shows_its_record_tabs_to_hr_only(town_a, hr, council, client_for):
    assert len(tabs(get(client_for(hr), "staffing:index"))) == 9
    assert len(tabs(get(client_for(council), "staffing:index"))) == 6


class TestTheDraftOfARevision:
    @pytest.fixture
    def versions(self, town_a):
        adopted = adopt(build_strategy(town_a))
        return adopted, strategy_revise(strategy=adopted)

    def test_the_strategy_menu_leads_to_the_draft(self, versions, strategist, client_for):
        adopted, draft = versions
        page = get(client_for(strategist), "strategy:index")
        found = tabs(page)
        draft_url = reverse("strategy:detail", args=[draft.pk])
        assert (True, reverse("strategy:detail", args=[adopted.pk]), "Beschlossene Fassung (v1)") in found
        assert (False, draft_url, "Entwurf v2 (Entwurf)") in found
        # On the draft, its own tab is the current one.
        assert (True, draft_url, "Entwurf v2 (Entwurf)") in tabs(
            get(client_for(strategist), "strategy:detail", draft.pk)
        )

    def test_the_adopted_version_links_its_revision_instead_of_offering_another(
        self, versions, strategist, client_for
    ):
        adopted, draft = versions
        client = client_for(strategist)
        page = get(client, "strategy:detail", adopted.pk)
        assert f'href="{reverse("strategy:detail", args=[draft.pk])}" data-testid="open-revision"' in page
        assert reverse("strategy:revise", args=[adopted.pk]) not in page
        # A revise posted anyway (an old tab) says so and opens the revision that exists.
        response = client.post(reverse("strategy:revise", args=[adopted.pk]))
        assert response.status_code == 302 and response["Location"] == reverse(
            "strategy:detail", args=[draft.pk]
        )

    def test_a_council_member_sees_no_draft_tab(self, versions, council, client_for):
        assert not any(
            "Entwurf" in label for _a, _h, label in tabs(get(client_for(council), "strategy:index"))
        )
