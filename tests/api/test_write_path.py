"""One write path (DESIGN.md §3, §6, §7): the API writes through the same actions as the pages, compares
If-Match with the row it locked for the write, and never moves an object out of the writer's reach.

- a project's status through the API moves along ``project_transition``, stamping the actual start and
  end as the status buttons of the project page do, and together with other fields in one transaction;
- a second measurement of an indicator on a date corrects the first (``measurement_record``), a second
  rating of a project on a criterion corrects the first (``assessments_save``), as on the pages;
- criteria weights and pairwise judgements go through the scoring model's actions (weights sum to one,
  AHP weights follow the judgements);
- a write after which the writer could no longer change the object is refused (403) and changes nothing;
- two writers holding the same ETag at the same moment: exactly one succeeds, the other gets 412 — on
  PostgreSQL and on SQLite, with real threads and a connection each.
"""

from __future__ import annotations

import datetime
import threading
from decimal import Decimal

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from api.base import ScopedViewSet
from municipalities.access import Role
from municipalities.models import Membership
from portfolio.models import Assessment, PairwiseComparison, Project, Status
from strategy.models import Measurement

S, L, A = Role.STRATEGIST, Role.PROJECT_LEAD, Role.ADMIN


def project_url(project) -> str:
    return f"/api/v1/projects/{project.pk}/"


@pytest.mark.django_db
class TestProjectStatus:
    def test_in_progress_then_completed_stamps_the_dates_as_the_page_does(self, world, api_for, client_for):
        by_api, by_page = world.a.objects["projects"], world.a.extra["project_2"]  # both approved
        client = api_for(world.users[S])
        for status in (Status.IN_PROGRESS, Status.COMPLETED):
            response = client.patch(project_url(by_api), {"status": status}, format="json")
            assert response.status_code == 200, response.content
            assert response.json()["status"] == status

        page = client_for(world.users[S])
        for status in (Status.IN_PROGRESS, Status.COMPLETED):
            # "confirmed": completing asks first on the page (the confirmation page posts it).
            page.post(
                reverse("portfolio:project-transition", args=[by_page.pk]),
                {"status": status, "confirmed": "yes"},
            )

        by_api.refresh_from_db()
        by_page.refresh_from_db()
        today = timezone.localdate()
        assert (by_api.status, by_api.actual_start, by_api.actual_end) == (Status.COMPLETED, today, today)
        assert (by_page.status, by_page.actual_start, by_page.actual_end) == (
            by_api.status,
            by_api.actual_start,
            by_api.actual_end,
        )
        assert response.json()["actual_end"] == today.isoformat()  # the answer shows what was stored

    def test_status_and_other_fields_in_one_patch(self, world, api_for):
        project = world.a.objects["projects"]
        response = api_for(world.users[S]).patch(
            project_url(project), {"status": "in_progress", "description": "Los geht's"}, format="json"
        )
        assert response.status_code == 200, response.content
        project.refresh_from_db()
        assert project.status == Status.IN_PROGRESS and project.description == "Los geht's"
        assert project.actual_start == timezone.localdate()
        assert response["ETag"] == api_for(world.users[S]).get(project_url(project))["ETag"]

    def test_a_refused_transition_changes_the_other_fields_neither(self, world, api_for):
        project = world.a.objects["projects"]  # approved: completed is not a next step
        response = api_for(world.users[S]).patch(
            project_url(project), {"status": "completed", "description": "Fertig?"}, format="json"
        )
        assert response.status_code == 400
        assert "Mögliche nächste Schritte" in response.json()["status"][0]
        project.refresh_from_db()
        assert project.status == Status.APPROVED and project.description != "Fertig?"

    def test_the_lead_moves_the_status_of_its_project(self, world, api_for):
        project = world.a.objects["projects"]
        response = api_for(world.lead).patch(project_url(project), {"status": "in_progress"}, format="json")
        assert response.status_code == 200, response.content
        project.refresh_from_db()
        assert project.actual_start == timezone.localdate()


@pytest.mark.django_db
class TestCorrectionsInsteadOfDuplicates:
    def test_a_second_measurement_on_the_same_date_corrects_the_first(self, world, api_for):
        measurement = world.a.objects["measurements"]
        client = api_for(world.users[S])
        body = {"indicator": measurement.indicator_id, "date": measurement.date.isoformat(), "value": "35"}
        response = client.post("/api/v1/measurements/", body, format="json")
        assert response.status_code == 200, response.content
        assert response.json()["id"] == measurement.pk
        rows = Measurement.objects.filter(indicator=measurement.indicator, date=measurement.date)
        assert [(m.pk, m.value, m.recorded_by) for m in rows] == [
            (measurement.pk, Decimal("35"), world.users[S])
        ]
        assert response["ETag"] == client.get(f"/api/v1/measurements/{measurement.pk}/")["ETag"]

        other_day = {**body, "date": "2026-02-01"}
        assert client.post("/api/v1/measurements/", other_day, format="json").status_code == 201

    def test_a_correction_is_refused_in_a_locked_period_as_on_the_page(self, world, api_for):
        from reports.actions import round_close
        from reports.models import ReportingRound

        measurement = world.a.objects["measurements"]
        round_close(
            round=ReportingRound.objects.create(
                municipality=world.a.municipality,
                title="Q1",
                period_start=datetime.date(2025, 10, 1),
                period_end=datetime.date(2026, 3, 31),
                due_date=datetime.date(2026, 4, 15),
                meeting_date=datetime.date(2026, 4, 30),
            )
        )
        body = {"indicator": measurement.indicator_id, "date": measurement.date.isoformat(), "value": "35"}
        response = api_for(world.users[S]).post("/api/v1/measurements/", body, format="json")
        assert response.status_code == 400, response.content
        measurement.refresh_from_db()
        assert measurement.value == 30

    def test_a_second_rating_corrects_the_first(self, world, api_for):
        rating = world.a.objects["assessments"]
        body = {"project": rating.project_id, "criterion": rating.criterion_id, "value": 2, "note": "neu"}
        response = api_for(world.lead).post("/api/v1/assessments/", body, format="json")
        assert response.status_code == 200, response.content
        rows = Assessment.objects.filter(project=rating.project, criterion=rating.criterion)
        assert [(a.pk, a.value, a.note) for a in rows] == [(rating.pk, 2, "neu")]

    def test_a_rating_stays_on_its_criterion(self, world, api_for):
        rating = world.a.objects["assessments"]
        response = api_for(world.users[S]).patch(
            f"/api/v1/assessments/{rating.pk}/", {"criterion": world.a.extra["risk"].pk}, format="json"
        )
        assert response.status_code == 200
        rating.refresh_from_db()
        assert rating.criterion == world.a.objects["criteria"]


@pytest.mark.django_db
class TestScoringWeights:
    def test_one_weight_alone_no_longer_sums_to_one_and_is_refused(self, world, api_for):
        criterion = world.a.objects["criteria"]
        name = criterion.name
        response = api_for(world.users[S]).patch(
            f"/api/v1/criteria/{criterion.pk}/", {"weight": "0.5000", "name": "Frist"}, format="json"
        )
        assert response.status_code == 400
        assert "1 (100 %)" in str(response.json())
        criterion.refresh_from_db()
        assert (criterion.weight, criterion.name) == (Decimal("0.15"), name)  # neither change stays

    def test_the_weights_of_a_model_at_once(self, world, api_for):
        model = world.a.objects["scoring-models"]
        client = api_for(world.users[S])
        keys = list(model.criteria.values_list("key", flat=True))
        weights = {key: "0" for key in keys} | {"urgency": "0.6", "risk": "0.4"}
        url = f"/api/v1/scoring-models/{model.pk}/weights/"
        response = client.post(url, {"weights": weights}, format="json")
        assert response.status_code == 200, response.content
        assert response.json()["weights"]["urgency"] == "0.6000"
        assert model.criteria.get(key="urgency").weight == Decimal("0.6")

        wrong = client.post(url, {"weights": {**weights, "risk": "0.5"}}, format="json")
        assert wrong.status_code == 400
        assert model.criteria.get(key="risk").weight == Decimal("0.4")
        # A key that names no criterion is refused with a message naming it and the model's criteria (the
        # message of an empty key was empty).
        for key in ("", "speed"):
            unknown = client.post(url, {"weights": {key: "0.3"}}, format="json")
            assert unknown.status_code == 400
            assert f"„{key}“ ist kein Kriterium" in unknown.json()["weights"][0]
            assert "urgency" in unknown.json()["weights"][0]
        assert model.criteria.get(key="risk").weight == Decimal("0.4")
        assert api_for(world.lead).post(url, {"weights": weights}, format="json").status_code == 403
        other = world.b.objects["scoring-models"]
        response = client.post(
            f"/api/v1/scoring-models/{other.pk}/weights/", {"weights": weights}, format="json"
        )
        assert response.status_code == 404

    def test_a_pairwise_judgement_of_an_incomplete_set_leaves_the_weights(self, world, api_for):
        # The AHP weights become the model's once every pair is judged (tests/api/test_scoring_api.py).
        model = world.a.objects["scoring-models"]
        before = dict(model.criteria.values_list("key", "weight"))
        criteria = {c.key: c for c in model.criteria.all()}
        response = api_for(world.users[S]).post(
            "/api/v1/pairwise-comparisons/",
            {"model": model.pk, "first": criteria["reuse"].pk, "second": criteria["effort"].pk, "value": "9"},
            format="json",
        )
        assert response.status_code == 201, response.content
        model.refresh_from_db()
        assert model.method == "direct" and dict(model.criteria.values_list("key", "weight")) == before

    def test_a_pair_is_judged_in_one_order_only(self, world, api_for):
        comparison = world.a.objects["pairwise-comparisons"]  # urgency : risk
        response = api_for(world.users[S]).post(
            "/api/v1/pairwise-comparisons/",
            {
                "model": comparison.model_id,
                "first": comparison.second_id,
                "second": comparison.first_id,
                "value": "2",
            },
            format="json",
        )
        assert response.status_code == 400
        assert PairwiseComparison.objects.filter(model=comparison.model).count() == 1


@pytest.mark.django_db
class TestAWriteStaysInTheWritersReach:
    def test_an_admin_cannot_demote_its_own_membership(self, world, api_for):
        admin = world.users[A]
        membership = Membership.objects.get(user=admin, municipality=world.a.municipality)
        client = api_for(admin)
        url = f"/api/v1/memberships/{membership.pk}/"
        response = client.patch(url, {"role": "council"}, format="json")
        assert response.status_code == 403
        assert "Es wurde nichts geändert" in response.json()["detail"]
        membership.refresh_from_db()
        assert membership.role == Role.ADMIN
        assert client.get(url).status_code == 200  # still the admin's to manage

    def test_a_lead_cannot_give_its_project_away(self, world, api_for):
        project = world.a.objects["projects"]
        response = api_for(world.lead).patch(project_url(project), {"lead": None}, format="json")
        assert response.status_code == 403
        project.refresh_from_db()
        assert project.lead == world.lead
        assert world.lead.has_perm("portfolio.change_project", project)

    def test_the_last_admin_stays(self, world, api_for):
        membership = Membership.objects.get(user=world.users[A], municipality=world.a.municipality)
        response = api_for(world.users[A]).delete(f"/api/v1/memberships/{membership.pk}/")
        assert response.status_code == 400
        assert Membership.objects.filter(pk=membership.pk).exists()

    def test_the_recheck_rolls_back_a_write_the_gate_no_longer_admits(self, world, api_for, monkeypatch):
        """Whatever moved the object: when the gate no longer finds it for the writer, nothing stays."""
        project = world.a.objects["projects"]
        allowed = ScopedViewSet._allowed
        calls = []

        def after_the_write_not(self, instance, action):
            calls.append(action)
            return allowed(self, instance, action) and len(calls) == 1  # the check before the write only

        monkeypatch.setattr(ScopedViewSet, "_allowed", after_the_write_not)
        response = api_for(world.users[S]).patch(
            project_url(project), {"status": "in_progress", "description": "weg"}, format="json"
        )
        assert response.status_code == 403
        project.refresh_from_db()
        assert (project.status, project.description, project.actual_start) == (Status.APPROVED, "", None)


# --- two writers with the same ETag -------------------------------------------------------------------


def _race(world, api_for, url: str, bodies: list[dict]) -> list[int]:
    """PATCH ``url`` from two threads, each with its own connection, with the ETag both read before. Both
    have read and validated the old state before either begins its write (the worst case): they meet
    there, then race for the row."""
    tag = api_for(world.users[S]).get(url)["ETag"]
    before_the_write = threading.Barrier(len(bodies), timeout=20)
    perform_update = ScopedViewSet.perform_update

    def meet_then_write(self, serializer):
        before_the_write.wait()
        return perform_update(self, serializer)

    statuses: list[int] = []
    errors: list[BaseException] = []

    def write(body):
        try:
            response = api_for(world.users[S]).patch(url, body, format="json", HTTP_IF_MATCH=tag)
            statuses.append(response.status_code)
        except BaseException as error:  # reported by the test, not lost in the thread
            errors.append(error)
            before_the_write.abort()
        finally:
            connection.close()

    ScopedViewSet.perform_update = meet_then_write
    try:
        threads = [threading.Thread(target=write, args=(body,)) for body in bodies]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
    finally:
        ScopedViewSet.perform_update = perform_update
    assert not errors, errors
    return sorted(statuses)


@pytest.mark.django_db(transaction=True)
def test_two_writers_with_the_same_etag_one_wins_one_is_412(town_a, town_b, make_user, api_for):
    from .conftest import build_world

    world = build_world(town_a=town_a, town_b=town_b, make_user=make_user)
    project = world.a.objects["projects"]
    statuses = _race(
        world, api_for, project_url(project), [{"description": "Erster"}, {"description": "Zweiter"}]
    )
    assert statuses == [200, 412]
    project.refresh_from_db()
    assert project.description in {"Erster", "Zweiter"}
    assert Project.history.filter(id=project.pk, description__in=["Erster", "Zweiter"]).count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_status_changes_with_the_same_etag_one_wins(town_a, town_b, make_user, api_for):
    from .conftest import build_world

    world = build_world(town_a=town_a, town_b=town_b, make_user=make_user)
    project = world.a.objects["projects"]
    statuses = _race(world, api_for, project_url(project), [{"status": "in_progress"}, {"status": "on_hold"}])
    assert statuses == [200, 412]
    project.refresh_from_db()
    assert project.status in {Status.IN_PROGRESS, Status.ON_HOLD}
