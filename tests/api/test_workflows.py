"""The workflows of the pages through the API (issue 15, ``api.workflows``): the same gate (another
municipality's object is 404), the same roles (403 before any validation), the pages' actions and their
refusals as 400 with field errors in the caller's language, and a step the object's state does not allow
(submitting without indicators, revising twice, correcting twice) as 409 with the reason."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import TestCase
from django.utils import timezone
from rest_framework.test import APIClient

from municipalities.access import Role
from municipalities.models import Membership
from reports.actions import report_create, report_publish
from reports.models import CouncilReport, ReportStatus
from strategy.models import CouncilResolution, Strategy, StrategyStatus
from tests.reports.files import run_worker
from tests.strategy.conftest import adopt, build_strategy

pytestmark = pytest.mark.django_db

API = "/api/v1"


def api(user, language: str = "en") -> APIClient:
    client = APIClient(HTTP_ACCEPT_LANGUAGE=language)
    client.force_authenticate(user)
    return client


def report(town, user, *, start=datetime.date(2026, 1, 1), end=datetime.date(2026, 6, 30), title="Bericht"):
    return report_create(
        municipality=town, user=user, title=title, period_start=start, period_end=end, language="de"
    )


class TestStrategySteps:
    def test_submit_return_adopt_revise(self, town_a, strategist):
        strategy = build_strategy(town_a, goals=1, indicators_per_goal=1)
        client = api(strategist)
        assert client.post(f"{API}/strategies/{strategy.pk}/submit/").json()["status"] == "submitted"
        assert client.post(f"{API}/strategies/{strategy.pk}/return-to-draft/").json()["status"] == "draft"
        answer = client.post(
            f"{API}/strategies/{strategy.pk}/adopt/",
            {"number": "DS 1/2026", "date": "2026-02-01", "title": "Beschluss"},
            format="json",
        )
        assert answer.status_code == 200 and answer.json()["status"] == "adopted"
        resolution = CouncilResolution.objects.get(municipality=town_a, number="DS 1/2026")
        assert Strategy.objects.get(pk=strategy.pk).resolution == resolution
        revision = client.post(f"{API}/strategies/{strategy.pk}/revise/")
        assert revision.status_code == 201 and revision.json()["version"] == 2
        again = client.post(f"{API}/strategies/{strategy.pk}/revise/")  # one open revision
        assert again.status_code == 409 and "revision" in again.json()["detail"]

    def test_adopt_with_a_recorded_resolution(self, town_a, strategist):
        strategy = build_strategy(town_a, goals=1, indicators_per_goal=1)
        resolution = CouncilResolution.objects.create(
            municipality=town_a, number="DS 7", date=datetime.date(2026, 1, 5), title="Beschluss"
        )
        answer = api(strategist).post(
            f"{API}/strategies/{strategy.pk}/adopt/", {"resolution": resolution.pk}, format="json"
        )
        assert answer.status_code == 200 and answer.json()["resolution"] == resolution.pk

    def test_refused_adoption_records_no_resolution_and_speaks_german(self, town_a, strategist):
        empty = Strategy.objects.create(municipality=town_a, title="Leer", start_year=2025, end_year=2030)
        answer = api(strategist, "de").post(
            f"{API}/strategies/{empty.pk}/adopt/",
            {"number": "DS 2", "date": "2026-02-01", "title": "Beschluss"},
            format="json",
        )
        assert answer.status_code == 409 and "Indikator" in answer.json()["detail"]
        assert not CouncilResolution.objects.filter(number="DS 2").exists()  # rolled back with it
        missing = api(strategist, "de").post(f"{API}/strategies/{empty.pk}/adopt/", {}, format="json")
        assert missing.status_code == 400 and set(missing.json()) == {"number", "date", "title"}

    def test_submitting_a_draft_without_indicators_is_409(self, town_a, strategist):
        empty = Strategy.objects.create(municipality=town_a, title="Leer", start_year=2025, end_year=2030)
        answer = api(strategist).post(f"{API}/strategies/{empty.pk}/submit/")
        assert answer.status_code == 409 and "indicator" in answer.json()["detail"]
        assert Strategy.objects.get(pk=empty.pk).status == "draft"
        returned = api(strategist).post(f"{API}/strategies/{empty.pk}/return-to-draft/")
        assert returned.status_code == 409 and "submitted" in returned.json()["detail"]

    def test_roles_and_municipalities(self, town_a, town_b, council, make_user):
        strategy = adopt(build_strategy(town_a, goals=1, indicators_per_goal=1))
        # Council sees the adopted version but may not change it: 403, before the input is looked at.
        assert api(council).post(f"{API}/strategies/{strategy.pk}/revise/").status_code == 403
        assert (
            api(council).post(f"{API}/strategies/{strategy.pk}/adopt/", {}, format="json").status_code == 403
        )
        other = make_user("cdo-b", (town_b, Role.STRATEGIST))
        for step in ("submit", "return-to-draft", "adopt", "revise"):
            assert api(other).post(f"{API}/strategies/{strategy.pk}/{step}/").status_code == 404
        assert Strategy.objects.get(pk=strategy.pk).status == StrategyStatus.ADOPTED

    def test_a_resolution_of_another_municipality_is_unknown(self, town_a, town_b, strategist):
        strategy = build_strategy(town_a, goals=1, indicators_per_goal=1)
        foreign = CouncilResolution.objects.create(
            municipality=town_b, number="B 1", date=datetime.date(2026, 1, 5), title="B"
        )
        answer = api(strategist).post(
            f"{API}/strategies/{strategy.pk}/adopt/", {"resolution": foreign.pk}, format="json"
        )
        assert answer.status_code == 400 and "resolution" in answer.json()


class TestCouncilReports:
    def test_create_edit_publish_correct(self, town_a, strategist):
        client = api(strategist)
        created = client.post(
            f"{API}/council-reports/",
            {
                "municipality": town_a.pk,
                "title": "Bericht 1/2026",
                "period_start": "2026-01-01",
                "period_end": "2026-06-30",
            },
            format="json",
        )
        assert created.status_code == 201 and created.json()["summary"]
        pk = created.json()["id"]
        assert (
            client.patch(f"{API}/council-reports/{pk}/", {"summary": "Neu."}, format="json").status_code
            == 200
        )
        published = client.post(f"{API}/council-reports/{pk}/publish/")
        assert published.status_code == 200 and published.json()["status"] == "published"
        assert CouncilReport.objects.get(pk=pk).snapshot["summary"] == "Neu."
        frozen = client.patch(f"{API}/council-reports/{pk}/", {"summary": "Später."}, format="json")
        assert frozen.status_code == 400
        correction = client.post(f"{API}/council-reports/{pk}/correct/")
        assert correction.status_code == 201 and correction.json()["corrects"] == pk
        assert client.post(f"{API}/council-reports/{pk}/correct/").status_code == 409  # one correction
        assert client.post(f"{API}/council-reports/{pk}/publish/").status_code == 409  # published already
        assert client.post(f"{API}/council-reports/{correction.json()['id']}/publish/").status_code == 200
        assert CouncilReport.objects.get(pk=pk).status == ReportStatus.WITHDRAWN
        assert client.delete(f"{API}/council-reports/{pk}/").status_code == 405

    def test_a_period_that_has_not_ended_is_not_published(self, town_a, strategist):
        today = timezone.localdate()
        draft = report(
            town_a, strategist, start=today.replace(day=1), end=today + datetime.timedelta(days=28)
        )
        answer = api(strategist, "de").post(f"{API}/council-reports/{draft.pk}/publish/")
        assert answer.status_code == 400 and "period_end" in answer.json()
        assert "veröffentlicht" in answer.json()["period_end"][0]
        assert CouncilReport.objects.get(pk=draft.pk).status == ReportStatus.DRAFT

    def test_a_period_not_ended_is_published_when_confirmed_as_on_the_page(self, town_a, strategist):
        today = timezone.localdate()
        draft = report(
            town_a, strategist, start=today.replace(day=1), end=today + datetime.timedelta(days=28)
        )
        url = f"{API}/council-reports/{draft.pk}/publish/"
        assert api(strategist).post(url, {"early": "maybe"}, format="json").status_code == 400
        answer = api(strategist).post(url, {"early": True}, format="json")
        assert answer.status_code == 200 and answer.json()["status"] == "published"
        stored = CouncilReport.objects.get(pk=draft.pk)
        assert stored.status == ReportStatus.PUBLISHED and stored.snapshot["as_of"] == today.isoformat()

    def test_council_sees_published_only_and_may_not_write(self, town_a, strategist, council):
        draft = report(town_a, strategist, title="Entwurf")
        published = report_publish(report=report(town_a, strategist, title="Fertig"), user=strategist)
        client = api(council)
        assert [r["id"] for r in client.get(f"{API}/council-reports/").json()["results"]] == [published.pk]
        assert client.get(f"{API}/council-reports/{draft.pk}/").status_code == 404
        assert client.post(f"{API}/council-reports/{draft.pk}/files/", {"format": "xlsx"}).status_code == 404
        assert client.post(f"{API}/council-reports/{published.pk}/correct/").status_code == 403
        body = {"municipality": town_a.pk, "title": "x", "period_start": "bad", "period_end": "bad"}
        assert client.post(f"{API}/council-reports/", body, format="json").status_code == 403
        with TestCase.captureOnCommitCallbacks(execute=True):
            asked = client.post(f"{API}/council-reports/{published.pk}/files/", {"format": "xlsx"})
        assert asked.status_code == 202 and asked.json()["status"] == "queued"
        again = client.post(f"{API}/council-reports/{published.pk}/files/", {"format": "xlsx"})
        assert again.json()["id"] == asked.json()["id"]  # asked twice: one file, one task
        run_worker()
        made = client.get(f"{API}/report-files/{asked.json()['id']}/").json()
        assert made["status"] == "done" and made["progress"] == 100
        xlsx = client.get(made["download"])
        assert xlsx.status_code == 200 and xlsx.content.startswith(b"PK")
        # Another person's file is not there for the caller, nor in its list.
        assert api(strategist).get(f"{API}/report-files/{made['id']}/").status_code == 404
        assert api(strategist).get(f"{API}/report-files/").json()["results"] == []
        assert (
            client.post(f"{API}/council-reports/{published.pk}/files/", {"format": "doc"}).status_code == 400
        )

    def test_another_municipalitys_report_is_404(self, town_a, town_b, strategist, make_user):
        other = make_user("cdo-b", (town_b, Role.STRATEGIST))
        foreign = report(town_b, other)
        client = api(strategist)
        for path in ("", "publish/", "correct/", "files/"):
            method = client.post if path in ("publish/", "correct/", "files/") else client.get
            assert method(f"{API}/council-reports/{foreign.pk}/{path}").status_code == 404
        # Town_b's id filters like an id that exists nowhere: an empty list (any id is schema-valid).
        response = client.get(f"{API}/council-reports/?municipality={town_b.pk}")
        assert response.status_code == 200 and response.json()["results"] == []
        assert response.json() == client.get(f"{API}/council-reports/?municipality={10**9}").json()


class TestInvitations:
    def test_the_same_answer_whether_the_account_exists_or_not(self, town_a, town_b, make_user):
        admin = make_user("admin-a", (town_a, Role.ADMIN))
        make_user("known", (town_b, Role.COUNCIL), email="known@b.example")
        client = api(admin)
        known = client.post(
            f"{API}/municipalities/{town_a.pk}/invite/", {"email": "Known@b.example", "role": "council"}
        )
        new = client.post(
            f"{API}/municipalities/{town_a.pk}/invite/", {"email": "new@a.example", "role": "council"}
        )
        assert known.status_code == new.status_code == 201
        assert set(known.json()) == set(new.json()) == {"membership", "municipality", "email", "role"}
        assert Membership.objects.filter(user__username="known", municipality=town_a).exists()
        created = get_user_model().objects.get(email="new@a.example")
        assert not created.has_usable_password()
        again = client.post(
            f"{API}/municipalities/{town_a.pk}/invite/", {"email": "new@a.example", "role": "council"}
        )
        assert again.status_code == 400

    def test_the_e_mail_is_in_the_language_asked_for(
        self, town_a, make_user, django_capture_on_commit_callbacks
    ):
        admin = make_user("admin-a", (town_a, Role.ADMIN))
        body = {"email": "new@a.example", "role": "council", "language": "en"}
        with django_capture_on_commit_callbacks(execute=True):
            answer = api(admin).post(
                f"{API}/municipalities/{town_a.pk}/invite/", body, HTTP_ACCEPT_LANGUAGE="de"
            )
        assert answer.status_code == 201
        (message,) = mail.outbox
        assert "you now have the role" in message.body
        bad = api(admin).post(f"{API}/municipalities/{town_a.pk}/invite/", {**body, "language": "fr"})
        assert bad.status_code == 400 and "language" in bad.json()

    def test_only_admins_invite_and_only_in_their_municipality(self, town_a, town_b, strategist, make_user):
        body = {"email": "x@a.example", "role": "admin"}
        assert api(strategist).post(f"{API}/municipalities/{town_a.pk}/invite/", body).status_code == 403
        assert api(strategist).post(f"{API}/municipalities/{town_a.pk}/invite/", {}).status_code == 403
        admin = make_user("admin-a", (town_a, Role.ADMIN))
        assert api(admin).post(f"{API}/municipalities/{town_b.pk}/invite/", body).status_code == 404
        assert not get_user_model().objects.filter(email="x@a.example").exists()

    def test_roles_given_and_taken_but_never_the_last_admin(self, town_a, make_user):
        admin = make_user("admin-a", (town_a, Role.ADMIN))
        client = api(admin)
        mine = Membership.objects.get(user=admin, municipality=town_a)
        assert client.delete(f"{API}/memberships/{mine.pk}/").status_code == 400
        given = client.post(
            f"{API}/memberships/", {"municipality": town_a.pk, "user": admin.pk, "role": "strategist"}
        )
        assert given.status_code == 201
        assert client.delete(f"{API}/memberships/{given.json()['id']}/").status_code == 204

    def test_an_admin_creating_a_municipality_is_403_even_with_invalid_data(self, town_a, make_user):
        admin = make_user("admin-a", (town_a, Role.ADMIN))
        assert api(admin).post(f"{API}/municipalities/", {"name": ""}, format="json").status_code == 403
