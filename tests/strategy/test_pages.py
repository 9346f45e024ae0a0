"""Strategy pages: who sees what, 404 across municipalities, query counts that do not grow, forms."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from strategy.models import Goal, Indicator, Strategy
from tests.strategy.conftest import adopt, build_strategy


@pytest.mark.django_db
class TestVisibility:
    def test_council_never_sees_drafts(self, town_a, council, client_for):
        draft = build_strategy(town_a, title="Geheimer Entwurf")
        client = client_for(council)
        assert client.get(reverse("strategy:detail", args=[draft.pk])).status_code == 404
        goal = Goal.objects.filter(field__strategy=draft).first()
        assert client.get(reverse("strategy:goal", args=[goal.pk])).status_code == 404
        assert "Geheimer Entwurf" not in client.get(reverse("strategy:index")).content.decode()
        adopted = adopt(build_strategy(town_a, title="Beschlossen"))
        body = client.get(reverse("strategy:index")).content.decode()
        assert "Beschlossen" in body and "Geheimer Entwurf" not in body
        assert client.get(reverse("strategy:detail", args=[adopted.pk])).status_code == 200

    def test_council_cannot_edit(self, town_a, council, client_for):
        strategy = build_strategy(town_a)
        client = client_for(council)
        assert client.get(reverse("strategy:edit", args=[strategy.pk])).status_code == 403
        assert client.post(reverse("strategy:create"), {"title": "x"}).status_code == 403

    def test_another_municipality_is_404(self, town_a, town_b, strategist, client_for):
        foreign = adopt(build_strategy(town_b))
        goal = Goal.objects.filter(field__strategy=foreign).first()
        indicator = goal.indicators.first()
        client = client_for(strategist)
        for url in (
            reverse("strategy:detail", args=[foreign.pk]),
            reverse("strategy:compare", args=[foreign.pk]),
            reverse("strategy:history", args=[foreign.pk]),
            reverse("strategy:goal", args=[goal.pk]),
            reverse("strategy:goal-edit", args=[goal.pk]),
            reverse("strategy:indicator-edit", args=[indicator.pk]),
        ):
            assert client.get(url).status_code == 404, url
        response = client.post(
            reverse("strategy:measurement-add", args=[indicator.pk]),
            {f"m{indicator.pk}-date": "2025-06-30", f"m{indicator.pk}-value": "1"},
        )
        assert response.status_code == 404
        own = build_strategy(town_a)
        body = client.get(
            reverse("strategy:compare", args=[own.pk]) + f"?other={foreign.pk}"
        ).content.decode()
        assert "Ziel 1" not in body

    def test_hr_has_no_strategy(self, town_a, make_user, client_for):
        from municipalities.access import Role

        client = client_for(make_user("hr", (town_a, Role.HR)))
        assert client.get(reverse("strategy:index")).status_code == 403


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.django_db
def test_overview_and_goal_page_queries_do_not_grow(town_a, town_b, strategist, client_for):
    client = client_for(strategist)
    small = build_strategy(town_a, goals=2, indicators_per_goal=2, title="Klein")
    large = build_strategy(town_a, goals=12, indicators_per_goal=5, title="Groß")
    assert count_queries(client, reverse("strategy:detail", args=[small.pk])) == count_queries(
        client, reverse("strategy:detail", args=[large.pk])
    )
    small_goal = Goal.objects.filter(field__strategy=small).first()
    large_goal = Goal.objects.filter(field__strategy=large).first()
    assert count_queries(client, reverse("strategy:goal", args=[small_goal.pk])) == count_queries(
        client, reverse("strategy:goal", args=[large_goal.pk])
    )


@pytest.mark.django_db
class TestForms:
    def test_strategist_builds_a_strategy(self, town_a, strategist, client_for):
        client = client_for(strategist, "en")
        response = client.post(
            reverse("strategy:create"),
            {"title": "Agenda", "vision": "Alles digital.", "start_year": 2025, "end_year": 2030},
        )
        strategy = Strategy.objects.get(title="Agenda")
        assert response.url == reverse("strategy:detail", args=[strategy.pk])
        client.post(
            reverse("strategy:field-create", args=[strategy.pk]),
            {"title": "E-Akte", "position": 1, "weight": 1},
        )
        field = strategy.fields.get()
        client.post(
            reverse("strategy:goal-create", args=[strategy.pk]),
            {"field": field.pk, "title": "E-Akte überall", "position": 0, "weight": 1},
        )
        goal = Goal.objects.get(field=field)
        data = {
            "name": "Share of units on the e-file",
            "unit": "%",
            "kind": "outcome",
            "direction": "increase",
            "baseline_value": "20",
            "baseline_date": "2025-01-01",
            "target_value": "20",
            "target_date": "2029-12-31",
            "update_interval": 92,
            "weight": 1,
        }
        response = client.post(reverse("strategy:indicator-create", args=[goal.pk]), data)
        assert "The target equals the baseline" in response.content.decode()
        assert not Indicator.objects.exists()
        response = client.post(
            reverse("strategy:indicator-create", args=[goal.pk]), data | {"target_value": "10"}
        )
        assert "needs a target above the baseline" in response.content.decode()
        client.post(reverse("strategy:indicator-create", args=[goal.pk]), data | {"target_value": "100"})
        assert Indicator.objects.get(goal=goal).target_value == 100

    def test_baseline_equal_to_target_is_refused_in_german(self, town_a, strategist, client_for):
        strategy = build_strategy(town_a)
        goal = Goal.objects.filter(field__strategy=strategy).first()
        response = client_for(strategist, "de").post(
            reverse("strategy:indicator-create", args=[goal.pk]),
            {
                "name": "X",
                "unit": "%",
                "kind": "outcome",
                "direction": "increase",
                "baseline_value": "5",
                "baseline_date": "2025-01-01",
                "target_value": "5",
                "target_date": "2029-12-31",
                "update_interval": 92,
                "weight": 1,
            },
        )
        assert "Das Ziel entspricht dem Ausgangswert" in response.content.decode()

    def test_bad_measurement_is_explained_and_nothing_saved(self, town_a, strategist, client_for):
        strategy = build_strategy(town_a)
        indicator = Indicator.objects.filter(goal__field__strategy=strategy).first()
        before = indicator.measurements.count()
        response = client_for(strategist, "en").post(
            reverse("strategy:measurement-add", args=[indicator.pk]),
            {f"m{indicator.pk}-date": "2020-01-01", f"m{indicator.pk}-value": "abc"},
        )
        assert response.status_code == 400
        body = response.content.decode()
        assert "before the indicator" in body and "Enter a number" in body
        assert indicator.measurements.count() == before

    def test_goal_page_shows_progress_and_chart(self, town_a, strategist, client_for):
        strategy = build_strategy(town_a, goals=1, indicators_per_goal=1)
        goal = Goal.objects.get(field__strategy=strategy)
        body = client_for(strategist, "en").get(reverse("strategy:goal", args=[goal.pk])).content.decode()
        assert 'data-figure="figure-' in body and "Target path" in body
        assert 'data-testid="progress-value">25 %' in body  # (30 - 10) / (90 - 10)


@pytest.mark.django_db
def test_history_shows_who_changed_what(town_a, strategist, client_for):
    strategy = build_strategy(town_a, goals=1, indicators_per_goal=1)
    indicator = Indicator.objects.get(goal__field__strategy=strategy)
    client = client_for(strategist, "en")
    client.post(
        reverse("strategy:measurement-add", args=[indicator.pk]),
        {f"m{indicator.pk}-date": "2025-09-30", f"m{indicator.pk}-value": "42"},
    )
    body = client.get(reverse("strategy:history", args=[strategy.pk])).content.decode()
    assert "Indikator 1.1: 42 (09/30/2025)" in body  # an English page shows an English date
    assert strategist.username in body
