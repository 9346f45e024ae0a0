"""Versioning as councils work: adopted versions are frozen on every path; revise copies; compare is exact."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from strategy.actions import strategy_revise, strategy_submit
from strategy.models import FieldOfAction, Goal, Indicator, Measurement, Strategy, StrategyStatus
from strategy.selectors import strategy_comparison
from tests.strategy.conftest import adopt, build_strategy


@pytest.fixture
def adopted(town_a):
    return adopt(build_strategy(town_a))


@pytest.mark.django_db
class TestFrozen:
    def test_model_saves_and_deletes_are_refused(self, adopted):
        strategy = Strategy.objects.get(pk=adopted.pk)
        strategy.title = "changed"
        with pytest.raises(ValidationError):
            strategy.save()
        goal = Goal.objects.filter(field__strategy=adopted).first()
        goal.title = "changed"
        with pytest.raises(ValidationError):
            goal.save()
        indicator = Indicator.objects.filter(goal__field__strategy=adopted).first()
        with pytest.raises(ValidationError):
            indicator.delete()
        with pytest.raises(ValidationError):
            Goal.objects.create(field=goal.field, title="new")
        with pytest.raises(ValidationError):
            FieldOfAction.objects.get(strategy=adopted).delete()
        assert Goal.objects.filter(title="changed").count() == 0
        assert Indicator.objects.filter(goal__field__strategy=adopted).count() == 4

    def test_moving_a_goal_out_of_a_frozen_version_is_refused(self, adopted, town_a):
        draft = build_strategy(town_a, title="Andere")
        goal = Goal.objects.filter(field__strategy=adopted).first()
        goal.field = FieldOfAction.objects.get(strategy=draft)
        with pytest.raises(ValidationError):
            goal.save()

    def test_pages_refuse_edits(self, adopted, strategist, client_for):
        client = client_for(strategist, "en")
        goal = Goal.objects.filter(field__strategy=adopted).first()
        indicator = goal.indicators.first()
        posts = [
            (
                reverse("strategy:edit", args=[adopted.pk]),
                {"title": "x", "vision": "x", "start_year": 2024, "end_year": 2030},
            ),
            (
                reverse("strategy:goal-edit", args=[goal.pk]),
                {"field": goal.field_id, "title": "x", "weight": 1, "position": 0},
            ),
            (
                reverse("strategy:goal-create", args=[adopted.pk]),
                {"field": goal.field_id, "title": "y", "weight": 1, "position": 0},
            ),
            (reverse("strategy:indicator-delete", args=[indicator.pk]), {}),
            (reverse("strategy:field-delete", args=[goal.field_id]), {}),
        ]
        for url, data in posts:
            response = client.post(url, data, follow=True)
            assert "can no longer be changed" in response.content.decode(), url
        assert not Goal.objects.filter(title__in=["x", "y"]).exists()
        assert Indicator.objects.filter(pk=indicator.pk).exists()

    def test_admin_shows_frozen_rows_read_only(self, adopted, client, django_user_model):
        client.force_login(django_user_model.objects.create_superuser("root", password="x"))
        goal = Goal.objects.filter(field__strategy=adopted).first()
        url = reverse("admin:strategy_goal_change", args=[goal.pk])
        response = client.post(
            url, {"field": goal.field_id, "title": "admin change", "weight": 1, "position": 0}
        )
        assert response.status_code == 403
        assert (
            client.post(reverse("admin:strategy_goal_delete", args=[goal.pk]), {"post": "yes"}).status_code
            == 403
        )
        goal.refresh_from_db()
        assert goal.title != "admin change"

    def test_measurements_stay_open_in_adopted_versions(self, adopted, strategist, client_for):
        indicator = Indicator.objects.filter(goal__field__strategy=adopted).first()
        client = client_for(strategist)
        response = client.post(
            reverse("strategy:measurement-add", args=[indicator.pk]),
            {f"m{indicator.pk}-date": "2025-06-30", f"m{indicator.pk}-value": "45"},
        )
        assert response.status_code == 302
        assert Measurement.objects.filter(
            indicator=indicator, date=datetime.date(2025, 6, 30), value=45
        ).exists()

    def test_submitted_version_is_frozen_until_returned(self, town_a):
        strategy = strategy_submit(strategy=build_strategy(town_a))
        with pytest.raises(ValidationError):
            Goal.objects.create(field=strategy.fields.first(), title="late")


@pytest.mark.django_db
class TestRevise:
    def test_revise_copies_everything(self, adopted):
        draft = strategy_revise(strategy=adopted)
        assert (draft.status, draft.version, draft.predecessor_id) == (StrategyStatus.DRAFT, 2, adopted.pk)

        def tree(strategy):
            return sorted(
                Indicator.objects.filter(goal__field__strategy=strategy).values_list(
                    "goal__field__title",
                    "goal__field__lineage",
                    "goal__title",
                    "goal__lineage",
                    "name",
                    "lineage",
                    "baseline_value",
                    "target_value",
                    "target_date",
                    "unit",
                )
            )

        assert tree(draft) == tree(adopted)
        assert draft.vision == adopted.vision
        assert (
            not Indicator.objects.filter(goal__field__strategy=draft)
            .filter(pk__in=Indicator.objects.filter(goal__field__strategy=adopted))
            .exists()
        )

    def test_adopting_the_revision_supersedes_the_old_one(self, adopted):
        draft = strategy_revise(strategy=adopted)
        adopt(draft, number="DS 2/2026")
        adopted.refresh_from_db()
        assert adopted.status == StrategyStatus.SUPERSEDED

    def test_second_revision_and_revising_a_draft_are_refused(self, adopted, town_a):
        strategy_revise(strategy=adopted)
        with pytest.raises(ValidationError):
            strategy_revise(strategy=adopted)
        with pytest.raises(ValidationError):
            strategy_revise(strategy=build_strategy(town_a, title="Entwurf"))


@pytest.mark.django_db
def test_comparison_lists_exactly_the_differences(adopted):
    draft = strategy_revise(strategy=adopted)
    goals = list(Goal.objects.filter(field__strategy=draft).order_by("title"))
    Goal.objects.get(pk=goals[0].pk).delete()
    Goal.objects.create(field=goals[1].field, title="Neues Ziel")
    indicator = Indicator.objects.filter(goal=goals[1]).order_by("name").first()
    indicator.target_value = 95
    indicator.save()

    comparison = strategy_comparison(old=adopted, new=draft)
    summary = sorted((d.kind, d.change, d.label) for d in comparison.differences)
    assert summary == sorted(
        [
            ("goal", "added", "Neues Ziel"),
            ("goal", "removed", "Ziel 1"),
            ("indicator", "removed", "Indikator 1.1"),
            ("indicator", "removed", "Indikator 1.2"),
            ("indicator", "changed", "Indikator 2.1"),
        ]
    )
    (changed,) = comparison.of("indicator", "changed")
    # Finished for reading: the field's verbose name and the values in the active language (German here).
    assert [(c.field, c.old, c.new) for c in changed.changes] == [("Zielwert", "90", "95")]
    assert strategy_comparison(old=adopted, new=adopted).is_empty
