"""Frozen data (issue 15): an adopted version and the council resolution that adopted it stay as the council
decided on every path a change can take — the API, the pages, the admin's change form and "delete selected"
action, django-simple-history's revert, and bulk queryset writes in code. Each test compares the database
afterwards, not only the status code."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db.models import F
from django.urls import reverse
from rest_framework.test import APIClient

from strategy.actions import strategy_return_to_draft, strategy_revise, strategy_submit
from strategy.models import (
    CouncilResolution,
    FieldOfAction,
    Goal,
    Indicator,
    Measurement,
    Strategy,
    StrategyStatus,
)
from tests.strategy.conftest import adopt, build_strategy


def snapshot(strategy: Strategy) -> dict:
    """Everything the council adopted, as stored: the version, its tree and its resolution."""
    strategy = Strategy.objects.get(pk=strategy.pk)
    resolution = CouncilResolution.objects.filter(pk=strategy.resolution_id).values().first()
    return {
        "strategy": Strategy.objects.filter(pk=strategy.pk).values().get(),
        "resolution": resolution,
        "fields": list(FieldOfAction.objects.filter(strategy=strategy).order_by("pk").values()),
        "goals": list(Goal.objects.filter(field__strategy=strategy).order_by("pk").values()),
        "indicators": list(Indicator.objects.filter(goal__field__strategy=strategy).order_by("pk").values()),
    }


@pytest.fixture
def adopted(town_a) -> Strategy:
    """An adopted version whose goal and indicator were edited while it was a draft (so each has an older
    historical version to revert to)."""
    strategy = build_strategy(town_a, goals=1, indicators_per_goal=1)
    goal = Goal.objects.get(field__strategy=strategy)
    goal.title = "Ziel (überarbeitet)"
    goal.save()
    indicator = goal.indicators.get()
    indicator.target_value = 80
    indicator.save()
    strategy.vision = "Digital zuerst, für alle."
    strategy.save()
    return adopt(strategy)


@pytest.fixture
def before(adopted) -> dict:
    return snapshot(adopted)


@pytest.fixture
def api(strategist) -> APIClient:
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    client.force_authenticate(strategist)
    return client


@pytest.fixture
def admin_client(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("root", password="x"))
    client.cookies["digiplan_language"] = "en"
    return client


@pytest.mark.django_db
class TestModel:
    def test_the_resolution_refuses_save_and_delete(self, adopted, before):
        resolution = CouncilResolution.objects.get(pk=adopted.resolution_id)
        resolution.title = "geändert"
        with pytest.raises(ValidationError) as error:
            resolution.save()
        assert error.value.code == "frozen"
        with pytest.raises(ValidationError):
            resolution.full_clean()
        with pytest.raises(ValidationError):
            resolution.delete()
        assert snapshot(adopted) == before

    def test_the_resolution_of_a_superseded_version_stays_frozen(self, adopted):
        adopt(strategy_revise(strategy=adopted), number="DS 2/2026")
        assert Strategy.objects.get(pk=adopted.pk).status == StrategyStatus.SUPERSEDED
        assert CouncilResolution.objects.get(pk=adopted.resolution_id).is_frozen

    def test_a_resolution_not_yet_used_stays_editable(self, town_a):
        resolution = CouncilResolution.objects.create(
            municipality=town_a, number="DS 9/2026", date=datetime.date(2026, 1, 1), title="Entwurf"
        )
        resolution.title = "Korrigiert"
        resolution.full_clean()
        resolution.save()
        resolution.delete()

    @pytest.mark.parametrize("model", [Strategy, FieldOfAction, Goal, Indicator, CouncilResolution])
    def test_bulk_delete_and_update_refuse_frozen_rows(self, adopted, before, model):
        # The admin's "delete selected" calls QuerySet.delete(), which bypasses Model.delete().
        with pytest.raises(ValidationError):
            model.objects.all().delete()
        with pytest.raises(ValidationError):
            model.objects.all().update(pk=F("pk"))  # changes nothing, and is refused all the same
        assert snapshot(adopted) == before

    def test_bulk_writes_of_drafts_and_measurements_still_work(self, adopted, town_a):
        draft = build_strategy(town_a, title="Entwurf")
        assert Goal.objects.filter(field__strategy=draft).update(weight=2) == 2
        Goal.objects.filter(field__strategy=draft).delete()
        Strategy.objects.filter(pk=draft.pk).delete()
        Measurement.objects.filter(indicator__goal__field__strategy=adopted).update(note="geprüft")
        assert not Strategy.objects.filter(pk=draft.pk).exists()

    def test_a_status_change_outside_the_actions_is_refused(self, town_a):
        strategy = strategy_return_to_draft(strategy=strategy_submit(strategy=build_strategy(town_a)))
        strategy.status = StrategyStatus.SUBMITTED
        with pytest.raises(ValidationError):
            strategy.save()
        assert Strategy.objects.get(pk=strategy.pk).status == StrategyStatus.DRAFT


@pytest.mark.django_db
class TestApi:
    def test_patch_and_delete_of_the_resolution_are_refused(self, adopted, before, api):
        url = f"/api/v1/council-resolutions/{adopted.resolution_id}/"
        response = api.patch(url, {"title": "neu", "date": "2025-04-01"}, format="json")
        assert response.status_code == 400
        assert "can no longer be changed" in str(response.json())
        response = api.put(
            url,
            {"municipality": adopted.municipality_id, "number": "X", "date": "2025-04-01", "title": "neu"},
            format="json",
        )
        assert response.status_code == 400
        assert api.delete(url).status_code == 400
        assert snapshot(adopted) == before

    def test_patch_and_delete_of_the_version_and_its_parts_are_refused(self, adopted, before, api):
        goal = Goal.objects.get(field__strategy=adopted)
        indicator = goal.indicators.get()
        assert (
            api.patch(f"/api/v1/strategies/{adopted.pk}/", {"title": "neu"}, format="json").status_code == 400
        )
        assert api.patch(f"/api/v1/goals/{goal.pk}/", {"title": "neu"}, format="json").status_code == 400
        assert (
            api.patch(
                f"/api/v1/indicators/{indicator.pk}/", {"target_value": "70"}, format="json"
            ).status_code
            == 400
        )
        assert api.delete(f"/api/v1/indicators/{indicator.pk}/").status_code == 400
        assert api.delete(f"/api/v1/strategies/{adopted.pk}/").status_code == 400
        assert snapshot(adopted) == before


@pytest.mark.django_db
class TestPages:
    def test_edit_forms_change_nothing(self, adopted, before, strategist, client_for):
        client = client_for(strategist, "en")
        goal = Goal.objects.get(field__strategy=adopted)
        indicator = goal.indicators.get()
        posts = [
            (
                reverse("strategy:edit", args=[adopted.pk]),
                {"title": "x", "vision": "x", "start_year": 2024, "end_year": 2030},
            ),
            (
                reverse("strategy:goal-edit", args=[goal.pk]),
                {"field": goal.field_id, "title": "x", "weight": 1, "position": 0},
            ),
            (reverse("strategy:indicator-delete", args=[indicator.pk]), {}),
        ]
        for url, data in posts:
            assert "can no longer be changed" in client.post(url, data, follow=True).content.decode(), url
        assert snapshot(adopted) == before

    def test_adopting_again_records_no_resolution_and_changes_nothing(
        self, adopted, before, strategist, client_for
    ):
        client = client_for(strategist, "en")
        url = reverse("strategy:adopt", args=[adopted.pk])
        response = client.post(
            url, {"number": "DS 7/2026", "date": "2026-02-01", "title": "Zweiter Beschluss"}
        )
        assert "already been adopted" in response.content.decode()
        response = client.post(url, {"existing": adopted.resolution_id})
        assert "already been adopted" in response.content.decode()
        assert snapshot(adopted) == before
        assert list(CouncilResolution.objects.values_list("number", flat=True)) == ["DS 1/2025"]


@pytest.mark.django_db
class TestAdmin:
    def test_change_forms_are_refused(self, adopted, before, admin_client):
        resolution = adopted.resolution
        response = admin_client.post(
            reverse("admin:strategy_councilresolution_change", args=[resolution.pk]),
            {
                "municipality": resolution.municipality_id,
                "number": "X",
                "date": "2025-04-01",
                "title": "admin",
            },
        )
        assert response.status_code == 403
        response = admin_client.post(
            reverse("admin:strategy_strategy_change", args=[adopted.pk]),
            {
                "municipality": adopted.municipality_id,
                "title": "admin",
                "vision": "x",
                "start_year": 2024,
                "end_year": 2030,
                "version": 1,
            },
        )
        assert response.status_code == 403
        assert snapshot(adopted) == before

    @pytest.mark.parametrize(
        ("model", "rows"),
        [
            (CouncilResolution, lambda s: [s.resolution_id]),
            (Strategy, lambda s: [s.pk]),
            (FieldOfAction, lambda s: list(s.fields.values_list("pk", flat=True))),
            (Goal, lambda s: list(Goal.objects.filter(field__strategy=s).values_list("pk", flat=True))),
            (
                Indicator,
                lambda s: list(
                    Indicator.objects.filter(goal__field__strategy=s).values_list("pk", flat=True)
                ),
            ),
        ],
        ids=lambda p: getattr(p, "__name__", ""),
    )
    def test_the_delete_selected_action_deletes_nothing(self, adopted, before, admin_client, model, rows):
        opts = model._meta
        response = admin_client.post(
            reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"),
            {"action": "delete_selected", "_selected_action": rows(adopted), "post": "yes"},
        )
        assert response.status_code in (200, 302, 403)
        assert snapshot(adopted) == before

    def test_the_delete_action_still_deletes_a_draft(self, adopted, town_a, admin_client):
        draft = build_strategy(town_a, title="Entwurf")
        response = admin_client.post(
            reverse("admin:strategy_strategy_changelist"),
            {"action": "delete_selected", "_selected_action": [draft.pk], "post": "yes"},
        )
        assert response.status_code == 302
        assert not Strategy.objects.filter(pk=draft.pk).exists()


def revert(client, obj, historical) -> None:
    """POST the history admin's revert form of ``historical`` (an older version of ``obj``) unchanged."""
    opts = obj._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_simple_history", args=[obj.pk, historical.pk])
    response = client.get(url)
    assert response.status_code == 200
    form = response.context["adminform"].form
    data = {name: form[name].value() for name in form.fields}
    response = client.post(url, {k: "" if v is None else v for k, v in data.items()})
    assert response.status_code in (200, 302, 403)


@pytest.mark.django_db
class TestHistoryRevert:
    def oldest(self, obj):
        return obj.history.order_by("history_date", "history_id").first()

    def test_reverting_the_adopted_version_changes_nothing(self, adopted, before, admin_client):
        oldest = self.oldest(adopted)
        assert (oldest.status, oldest.vision) == (StrategyStatus.DRAFT, "Digital zuerst.")
        revert(admin_client, adopted, oldest)
        assert snapshot(adopted) == before

    def test_reverting_a_goal_changes_nothing(self, adopted, before, admin_client):
        goal = Goal.objects.get(field__strategy=adopted)
        assert self.oldest(goal).title == "Ziel 1"
        revert(admin_client, goal, self.oldest(goal))
        assert snapshot(adopted) == before

    def test_reverting_an_indicator_changes_nothing(self, adopted, before, admin_client):
        indicator = Indicator.objects.get(goal__field__strategy=adopted)
        assert self.oldest(indicator).target_value == 90
        revert(admin_client, indicator, self.oldest(indicator))
        assert snapshot(adopted) == before

    def test_the_revert_button_is_not_offered(self, adopted, admin_client):
        url = reverse("admin:strategy_strategy_simple_history", args=[adopted.pk, self.oldest(adopted).pk])
        assert admin_client.get(url).context["revert_disabled"]

    def test_reverting_a_returned_draft_to_its_submitted_state_is_refused(self, town_a, admin_client):
        strategy = strategy_return_to_draft(strategy=strategy_submit(strategy=build_strategy(town_a)))
        submitted = strategy.history.filter(status=StrategyStatus.SUBMITTED).get()
        revert(admin_client, strategy, submitted)
        assert Strategy.objects.get(pk=strategy.pk).status == StrategyStatus.DRAFT

    def test_a_draft_can_still_be_reverted(self, town_a, admin_client):
        strategy = build_strategy(town_a)
        strategy.vision = "Neu."
        strategy.save()
        revert(admin_client, strategy, self.oldest(strategy))
        assert Strategy.objects.get(pk=strategy.pk).vision == "Digital zuerst."
