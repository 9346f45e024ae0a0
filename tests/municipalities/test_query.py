"""Ids in query strings (municipalities.query, issue 15): one rule, ASCII digits, on every page that takes
one. A superscript digit passes ``str.isdigit`` and fails ``int``; it was a 500 on the gap and compare pages.
Pages ignore a value that is not an id, as if it were not given (the API's 400 is in
tests/api/test_hostile_input.py)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from municipalities.access import Role
from municipalities.query import MAX_ID, parse_id, parse_number
from strategy.actions import strategy_revise
from tests.staffing.conftest import add_demand, add_staff
from tests.strategy.conftest import adopt, build_strategy

NOT_IDS = ["²", "¹2", "٣", "1_0", " 1", "1 ", "-1", "+1", "0", "1.0", "", "x", "9" * 20, "\x00", "1\n"]


@pytest.mark.parametrize("value", [*NOT_IDS, None, True, 0, -3, 2**63])
def test_what_is_not_an_id(value):
    assert parse_id(value) is None


def test_ids_and_numbers():
    assert parse_id("1") == 1 and parse_id("0042") == 42 and parse_id(7) == 7
    assert parse_id(str(MAX_ID)) == MAX_ID
    assert parse_number("0") == 0 and parse_number("3", high=3) == 3 and parse_number("4", high=3) is None
    assert parse_number("٣") is None


@pytest.mark.django_db
@pytest.mark.parametrize("value", NOT_IDS)
def test_the_gap_page_ignores_a_skill_that_is_not_an_id(town_a, strategist, client_for, value):
    add_staff(town_a, n=6, skill_code="e-file", level=3)
    add_demand(town_a, skill_code="e-file", level=3)
    response = client_for(strategist).get(reverse("staffing:gaps"), {"skill": value})
    assert response.status_code == 200
    assert response.context["skill_id"] is not None  # the first skill, as without a choice


@pytest.mark.django_db
@pytest.mark.parametrize("value", NOT_IDS)
def test_the_compare_page_ignores_another_version_that_is_not_an_id(town_a, strategist, client_for, value):
    adopted = adopt(build_strategy(town_a, goals=1, indicators_per_goal=1))
    draft = strategy_revise(strategy=adopted)
    response = client_for(strategist).get(reverse("strategy:compare", args=[draft.pk]), {"other": value})
    assert response.status_code == 200
    assert response.context["old"] == adopted  # the predecessor, as without a choice


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url_name", "params", "role"),
    [
        ("staffing:staff-list", {"unit": "²"}, Role.HR),
        ("portfolio:services", {"area": "²", "unit": "²", "front": "²", "back": "٣"}, Role.STRATEGIST),
        ("portfolio:projects", {"unit": "²", "field": "²"}, Role.STRATEGIST),
    ],
)
def test_list_filters_ignore_values_that_are_not_ids(town_a, make_user, client_for, url_name, params, role):
    user = make_user("u", (town_a, role))
    assert client_for(user).get(reverse(url_name), params).status_code == 200


@pytest.mark.django_db
def test_switching_to_a_municipality_that_is_not_an_id(town_a, strategist, client_for):
    response = client_for(strategist, "en").post(
        reverse("municipality-switch"), {"municipality": "²"}, follow=True
    )
    assert response.status_code == 200
    assert "You are not a member of that municipality." in response.content.decode()
