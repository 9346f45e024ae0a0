"""Progress as pages and the API show it (issue 15): percentages rounded half up in one function, dates as
days, a status that agrees with the forecast after the target date, no progress without a measurement."""

import datetime

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from municipalities.presentation import percent
from strategy.models import Goal, Indicator, Measurement
from strategy.templatetags.strategy_tags import percent as percent_filter
from tests.strategy.conftest import build_strategy


@pytest.mark.parametrize(
    ("share", "shown"),
    [
        (0.125, 13),
        (0.135, 14),
        (0.145, 15),  # 0.145 is stored as 0.14499…; people read 14.5 % and round up
        (0.005, 1),
        (0.004, 0),
        (0.537, 54),
        (1.0, 100),
        (0.0, 0),
        (-0.125, -13),  # a change in points rounds away from zero, as its positive counterpart
        (None, None),
        (float("nan"), None),
        (float("inf"), None),
        ("abc", None),
    ],
)
def test_percent_rounds_half_up(share, shown):
    assert percent(share) == shown
    assert percent_filter(share) == shown


def goal_page(client, goal) -> str:
    return client.get(reverse("strategy:goal", args=[goal.pk])).content.decode()


def cells(body: str, testid: str) -> list[str]:
    """The inner text of every element ``data-testid=testid`` (one per line in the progress partial)."""
    marker = f'data-testid="{testid}">'
    return [line.split(marker, 1)[1].split("<", 1)[0] for line in body.splitlines() if marker in line]


@pytest.mark.django_db
class TestPages:
    def test_an_eighth_of_the_way_shows_as_13_percent(self, town_a, strategist, client_for):
        strategy = build_strategy(town_a, goals=1, indicators_per_goal=1)
        Measurement.objects.update(value=20)  # (20 − 10) / (90 − 10) = 0.125
        goal = Goal.objects.get(field__strategy=strategy)
        body = goal_page(client_for(strategist, "en"), goal)
        assert cells(body, "progress-value") == ["13 %", "13 %"]

    def test_past_the_target_date_96_percent_is_not_on_track(self, town_a, strategist, client_for):
        strategy = build_strategy(town_a, goals=1, indicators_per_goal=1)
        indicator = Indicator.objects.get(goal__field__strategy=strategy)
        Indicator.objects.filter(pk=indicator.pk).update(target_date=datetime.date(2025, 12, 31))
        Measurement.objects.filter(indicator=indicator).update(date=datetime.date(2025, 11, 30), value="86.8")
        body = goal_page(client_for(strategist, "en"), indicator.goal)
        assert cells(body, "progress-value") == ["96 %", "96 %"]  # (86.8 − 10) / 80
        assert "Trend: the target will be missed" in body
        assert cells(body, "status") == ["off track", "off track"]  # the goal and its indicator

    def test_a_goal_whose_only_indicator_was_never_measured_has_no_progress(
        self, town_a, strategist, client_for
    ):
        strategy = build_strategy(town_a, goals=1, indicators_per_goal=1)
        Measurement.objects.all().delete()
        goal = Goal.objects.get(field__strategy=strategy)
        client = client_for(strategist, "de")
        for body in (
            goal_page(client, goal),
            client.get(reverse("strategy:detail", args=[strategy.pk])).content.decode(),
        ):
            assert cells(body, "progress-value") and set(cells(body, "progress-value")) == {"–"}
            assert set(cells(body, "status")) == {"keine Daten"}


@pytest.mark.django_db
def test_the_progress_endpoint_gives_days_and_no_progress_without_data(town_a, strategist):
    strategy = build_strategy(town_a, goals=2, indicators_per_goal=1)
    unmeasured = Indicator.objects.filter(goal__field__strategy=strategy).order_by("pk").last()
    unmeasured.measurements.all().delete()
    client = APIClient()
    client.force_authenticate(strategist)
    body = client.get(f"/api/v1/strategies/{strategy.pk}/progress/").json()
    dates = {row["indicator_id"]: row["latest_date"] for row in body["indicators"]}
    assert dates == {unmeasured.pk - 1: "2025-01-01", unmeasured.pk: None}
    assert isinstance(body["today"], str) and len(body["today"]) == len("YYYY-MM-DD")
    goal = next(g for g in body["goals"] if g["goal_id"] == unmeasured.goal_id)
    assert (goal["progress"], goal["status"]) == (None, "no_data")
