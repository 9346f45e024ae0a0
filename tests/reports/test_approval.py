"""Optional approval per municipality (issue 17): where the municipality asks for it, a value an owner
enters waits for a strategist's approval before it counts in progress, the round's response and council
reports; the history shows who entered and who approved it. Pages, API and admin go through the same
actions (``strategy.actions.measurement_record/approve/reject``)."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from municipalities.access import Role
from reports import selectors
from strategy.models import Indicator, Measurement
from strategy.selectors import strategy_overview
from tests.reports.test_reminders import DUE, cycle  # noqa: F401 (the fixture)

pytestmark = pytest.mark.django_db

DAY = datetime.date(2026, 12, 1)


@pytest.fixture
def asking(cycle, town_a):  # noqa: F811
    town_a.approve_updates = True
    town_a.save()
    return cycle


def indicator_of(cycle, name="Indikator 1.1") -> Indicator:  # noqa: F811
    return Indicator.objects.get(name=name, goal__field__strategy=cycle["strategy"])


def enter(client, indicator, value="42,5", note="Portal"):
    prefix = f"i{indicator.pk}"
    return client.post(
        reverse("reports:my-measurement", args=[indicator.pk]),
        {f"{prefix}-date": DAY.isoformat(), f"{prefix}-value": value, f"{prefix}-note": note},
        HTTP_HX_REQUEST="true",
    )


def latest_value(cycle, indicator) -> float:  # noqa: F811
    view = strategy_overview(strategy=cycle["strategy"], today=DAY)
    return view.progress.indicators.loc[indicator.pk, "latest_value"]


def test_an_owners_value_waits_and_counts_once_approved(asking, client_for, strategist):
    indicator = indicator_of(asking)
    answer = enter(client_for(asking["head"]), indicator)
    assert "sobald eine Strategin oder ein Stratege ihn freigegeben hat" in answer.content.decode()
    stored = Measurement.objects.get(indicator=indicator, date=DAY)
    assert stored.pending and stored.recorded_by == asking["head"] and stored.approved_by is None
    # Not yet counting: progress, the round's response and the owner's page say so.
    assert latest_value(asking, indicator) == 35
    state = selectors.round_state(round=asking["round"], user=strategist)
    assert (state.done, state.waiting) == (0, 1)
    mine = client_for(asking["head"]).get(reverse("reports:my-updates")).content.decode()
    assert 'data-testid="waiting"' in mine and "Indikator 1.1: 42,5" in mine
    assert "Indikator 1.1</strong>" not in mine  # not asked again: it was answered
    round_page = client_for(strategist).get(reverse("reports:round", args=[asking["round"].pk]))
    assert "1 Wert wartet auf Freigabe" in round_page.content.decode()

    # The strategist finds it on "My updates" and approves it there.
    page = client_for(strategist).get(reverse("reports:my-updates")).content.decode()
    assert f'data-testid="approval-{stored.pk}"' in page and "Werte zur Freigabe" in page
    answer = client_for(strategist).post(
        reverse("strategy:measurement-approve", args=[stored.pk]), {"next": reverse("reports:my-updates")}
    )
    assert answer.status_code == 302 and answer["Location"] == reverse("reports:my-updates")
    stored.refresh_from_db()
    assert not stored.pending and stored.approved_by == strategist
    assert latest_value(asking, indicator) == 42.5
    state = selectors.round_state(round=asking["round"], user=strategist)
    assert (state.done, state.waiting) == (1, 0)
    # The history: who entered it, and who approved it.
    history = list(stored.history.order_by("history_date").values_list("recorded_by", "approved_by"))
    assert history == [(asking["head"].pk, None), (asking["head"].pk, strategist.pk)]
    goal = client_for(strategist).get(reverse("strategy:goal", args=[indicator.goal_id])).content.decode()
    row = goal.split(f'data-testid="measurement-{stored.pk}"')[1].split("</tr>")[0]
    assert "amtsleitung" in row and strategist.username in row


def test_a_rejected_value_is_gone_and_asked_for_again(asking, client_for, strategist):
    indicator = indicator_of(asking)
    enter(client_for(asking["head"]), indicator)
    stored = Measurement.objects.get(indicator=indicator, date=DAY)
    client_for(strategist).post(reverse("strategy:measurement-reject", args=[stored.pk]))
    assert not Measurement.objects.filter(pk=stored.pk).exists()
    deleted = stored.history.latest("history_date")
    assert deleted.history_type == "-" and deleted.history_user == strategist
    mine = client_for(asking["head"]).get(reverse("reports:my-updates")).content.decode()
    assert "Indikator 1.1</strong>" in mine  # outstanding again


def test_an_approved_value_cannot_be_rejected_or_approved_twice(asking, client_for, strategist):
    indicator = indicator_of(asking)
    enter(client_for(asking["head"]), indicator)
    stored = Measurement.objects.get(indicator=indicator, date=DAY)
    client = client_for(strategist)
    client.post(reverse("strategy:measurement-approve", args=[stored.pk]))
    answer = client.post(reverse("strategy:measurement-reject", args=[stored.pk]), follow=True)
    assert "Nur ein Wert, der auf Freigabe wartet, kann abgelehnt werden" in answer.content.decode()
    assert Measurement.objects.filter(pk=stored.pk).exists()


def test_only_strategists_decide(asking, client_for, make_user, town_a, town_b):
    indicator = indicator_of(asking)
    enter(client_for(asking["head"]), indicator)
    stored = Measurement.objects.get(indicator=indicator, date=DAY)
    for user, status in (
        (asking["head"], 403),  # the owner: a council member, who may not change the strategy
        (make_user("fremd", (town_b, Role.STRATEGIST)), 403),  # no member of town A: no area there
    ):
        answer = client_for(user).post(reverse("strategy:measurement-approve", args=[stored.pk]))
        assert answer.status_code in {status, 404}
        stored.refresh_from_db()
        assert stored.pending


def test_a_strategists_own_value_and_a_town_without_approval_count_at_once(
    cycle,  # noqa: F811
    asking,
    client_for,
    strategist,
    town_a,
):
    indicator = indicator_of(cycle)
    goal_url = reverse("strategy:measurement-add", args=[indicator.pk])
    client_for(strategist).post(
        goal_url, {f"m{indicator.pk}-date": "2026-11-30", f"m{indicator.pk}-value": "50"}
    )
    own = Measurement.objects.get(indicator=indicator, date=datetime.date(2026, 11, 30))
    assert not own.pending and own.approved_by == strategist
    town_a.approve_updates = False
    town_a.save()
    enter(client_for(cycle["head"]), indicator_of(cycle, "Indikator 1.2"))
    theirs = Measurement.objects.get(indicator=indicator_of(cycle, "Indikator 1.2"), date=DAY)
    assert not theirs.pending and theirs.approved_by == cycle["head"]


def test_an_owners_correction_of_an_approved_value_waits_again(asking, client_for, strategist):
    indicator = indicator_of(asking)
    enter(client_for(asking["head"]), indicator)
    stored = Measurement.objects.get(indicator=indicator, date=DAY)
    client_for(strategist).post(reverse("strategy:measurement-approve", args=[stored.pk]))
    enter(client_for(asking["head"]), indicator, value="44")
    stored.refresh_from_db()
    assert stored.pending and latest_value(asking, indicator) == 35  # the earlier approved value is gone


def test_the_council_report_leaves_out_waiting_values_and_their_notes(asking, client_for, strategist, town_a):
    from reports import builder

    indicator = indicator_of(asking)
    enter(client_for(asking["head"]), indicator, note="Noch ungeprüft")
    data = builder.build(
        user=strategist,
        municipality=town_a,
        period_start=datetime.date(2026, 7, 1),
        period_end=datetime.date(2026, 12, 31),
        language="de",
        round=asking["round"],
    )
    assert "Noch ungeprüft" not in str(data)
    assert data["responses"]["updated"] == 0


class TestApi:
    def test_the_owner_enters_and_the_strategist_approves(self, asking, strategist, council):
        indicator = indicator_of(asking)
        owner = APIClient()
        owner.force_authenticate(asking["head"])  # a council member who owns the indicator
        answer = owner.post(
            "/api/v1/measurements/", {"indicator": indicator.pk, "date": DAY.isoformat(), "value": "41"}
        )
        assert answer.status_code == 201, answer.content
        assert answer.json()["approved_at"] is None
        pk = answer.json()["id"]
        body = owner.get("/api/v1/my-updates/").json()
        assert [v["id"] for v in body["waiting"]] == [pk]
        # Another council member does not see a value that does not count yet.
        reader = APIClient()
        reader.force_authenticate(council)
        assert reader.get(f"/api/v1/measurements/{pk}/").status_code == 404
        assert owner.post(f"/api/v1/measurements/{pk}/approve/").status_code in {403, 404}

        cdo = APIClient()
        cdo.force_authenticate(strategist)
        assert [v["id"] for v in cdo.get("/api/v1/my-updates/").json()["to_approve"]] == [pk]
        assert cdo.get(f"/api/v1/reporting-rounds/{asking['round'].pk}/responses/").json()["waiting"] == 1
        answer = cdo.post(f"/api/v1/measurements/{pk}/approve/")
        assert answer.status_code == 200 and answer.json()["approved_by"] == strategist.pk
        again = cdo.post(f"/api/v1/measurements/{pk}/approve/")
        assert again.status_code == 409 and "bereits freigegeben" in again.json()["detail"]
        body = cdo.get(f"/api/v1/reporting-rounds/{asking['round'].pk}/responses/").json()
        assert (body["updated"], body["waiting"]) == (1, 0)
        assert reader.get(f"/api/v1/measurements/{pk}/").status_code == 200

    def test_someone_who_owns_nothing_may_not_enter(self, asking, council):
        api = APIClient()
        api.force_authenticate(council)
        answer = api.post(
            "/api/v1/measurements/",
            {"indicator": indicator_of(asking).pk, "date": DAY.isoformat(), "value": "41"},
        )
        assert answer.status_code == 403 and not Measurement.objects.filter(date=DAY).exists()


def test_the_admin_approves_through_the_action(asking, client_for, django_user_model, strategist):
    indicator = indicator_of(asking)
    enter(client_for(asking["head"]), indicator)
    stored = Measurement.objects.get(indicator=indicator, date=DAY)
    operator = django_user_model.objects.create_superuser("betrieb", "ops@example.org", "pw")
    answer = client_for(operator).post(
        reverse("admin:strategy_measurement_changelist"),
        {"action": "approve", "_selected_action": [stored.pk]},
    )
    assert answer.status_code == 302
    stored.refresh_from_db()
    assert not stored.pending and stored.approved_by == operator


def test_the_administrator_turns_approval_on_in_the_settings(town_a, make_user, client_for):
    from municipalities.concurrency import etag

    client = client_for(make_user("anna", (town_a, Role.ADMIN)))
    assert (
        "aus: ein Wert zählt, sobald er eingetragen ist"
        in client.get(reverse("municipality")).content.decode()
    )
    data = {"name": "Altstadt", "kind": town_a.kind, "population": 20_000, "remind_days_before": 7}
    data |= {"remind_days_after": 3, "escalate_days_after": 10, "approve_updates": "on"}
    saved = client.post(reverse("municipality-edit"), {**data, "version": etag(town_a)})
    assert saved.status_code == 302
    town_a.refresh_from_db()
    assert town_a.approve_updates
    page = client.get(reverse("municipality")).content.decode()
    assert "an: ein Wert zählt, sobald eine Strategin oder ein Stratege ihn freigegeben hat" in page
