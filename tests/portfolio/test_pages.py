"""Portfolio pages: who sees and edits what, 404 across municipalities, query counts that do not grow,
bad input as a message on the form."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from guardian.shortcuts import get_perms

from municipalities.concurrency import etag
from portfolio.actions import project_save
from portfolio.models import Dependency, Project, Service, ServiceChange, Status, StatusReport, SubjectArea
from tests.portfolio.conftest import build_portfolio, make_project, make_service

pytestmark = pytest.mark.django_db


def report_data(**overrides) -> dict:
    data = {
        "date": "2026-10-31",
        "overall": "yellow",
        "scope_status": "green",
        "schedule": "yellow",
        "budget": "green",
        "percent_complete": "55",
        "spent_to_date": "12000",
        "summary": "Pilot läuft im Bürgerbüro.",
    }
    return data | overrides


class TestProjectLead:
    def test_a_lead_edits_its_project_only_and_loses_the_grant_when_replaced(
        self, town_a, lead, strategist, make_user, client_for
    ):
        own = make_project(town_a, title="Eigenes", lead=lead)
        other = make_project(town_a, title="Fremdes")
        client = client_for(lead)
        assert client.get(reverse("portfolio:project-edit", args=[own.pk])).status_code == 200
        assert client.get(reverse("portfolio:project-edit", args=[other.pk])).status_code == 404
        response = client.post(
            reverse("portfolio:part-create", args=[own.pk, "status-report"]), report_data()
        )
        assert response.status_code == 302
        assert StatusReport.objects.get(project=own).author == lead
        response = client.post(
            reverse("portfolio:part-create", args=[other.pk, "status-report"]), report_data()
        )
        assert response.status_code == 404
        assert not StatusReport.objects.filter(project=other).exists()

        successor = make_user("lead2", (town_a, lead.memberships.first().role))
        own.lead = successor
        project_save(project=own)
        assert "change_project" not in get_perms(lead, own)
        assert "change_project" in get_perms(successor, own)
        assert client.get(reverse("portfolio:project-edit", args=[own.pk])).status_code == 404
        report = StatusReport.objects.get(project=own)
        assert (
            client.get(reverse("portfolio:part-edit", args=["status-report", report.pk])).status_code == 404
        )

    def test_a_lead_cannot_hand_its_project_to_someone_else(self, town_a, lead, client_for):
        own = make_project(town_a, title="Eigenes", lead=lead)
        page = client_for(lead).get(reverse("portfolio:project-edit", args=[own.pk])).content.decode()
        assert 'name="lead"' not in page

    def test_the_strategist_changing_the_lead_on_the_page_moves_the_grant(
        self, town_a, lead, strategist, make_user, client_for
    ):
        project = make_project(town_a, title="Wechsel", lead=lead, layer="back_end")
        successor = make_user("lead3", (town_a, lead.memberships.first().role))
        form = {
            "title": "Wechsel",
            "layer": "back_end",
            "lead": successor.pk,
            "funding": "own",
            "internal_effort_days": 0,
            "external_cost": 0,
            "own_share_percent": 100,
        }
        url = reverse("portfolio:project-edit", args=[project.pk])
        # Without its version tag the form cannot show it saw the current state: refused, nothing saved.
        refused = client_for(strategist).post(url, form)
        assert refused.status_code == 200 and "nichts gespeichert" in str(refused.context["form"].errors)
        project.refresh_from_db()
        assert project.lead == lead
        response = client_for(strategist).post(url, {**form, "version": etag(project)})
        assert response.status_code == 302, response.content.decode()[:2000]
        assert get_perms(lead, project) == [] and "change_project" in get_perms(successor, project)


class TestCouncil:
    def test_a_council_member_sees_no_idea_and_writes_nothing(self, town_a, council, client_for):
        idea = make_project(town_a, title="Geheime Idee", status=Status.IDEA)
        approved = make_project(town_a, title="Beschlossenes Projekt", status=Status.APPROVED)
        svc = make_service(town_a)
        ServiceChange.objects.create(project=idea, service=svc, target_handling="automated")
        client = client_for(council)
        listing = client.get(reverse("portfolio:projects")).content.decode()
        assert "Beschlossenes Projekt" in listing and "Geheime Idee" not in listing
        assert client.get(reverse("portfolio:project", args=[idea.pk])).status_code == 404
        assert "Geheime Idee" not in client.get(reverse("portfolio:service", args=[svc.pk])).content.decode()
        assert client.get(reverse("portfolio:project", args=[approved.pk])).status_code == 200
        assert client.get(reverse("portfolio:services")).status_code == 200
        for url in (
            reverse("portfolio:project-edit", args=[approved.pk]),
            reverse("portfolio:part-create", args=[approved.pk, "status-report"]),
        ):
            assert client.get(url).status_code == 404, url
        assert client.get(reverse("portfolio:service-edit", args=[svc.pk])).status_code == 403
        assert client.post(reverse("portfolio:project-create"), {"title": "x"}).status_code == 403
        response = client.post(
            reverse("portfolio:project-transition", args=[approved.pk]), {"status": "in_progress"}
        )
        assert response.status_code == 404
        assert Project.objects.get(pk=approved.pk).status == Status.APPROVED

    def test_hr_has_no_portfolio(self, town_a, make_user, client_for):
        from municipalities.access import Role

        client = client_for(make_user("hr", (town_a, Role.HR)))
        assert client.get(reverse("portfolio:projects")).status_code == 403


class TestOtherMunicipality:
    def test_every_page_of_another_municipality_is_404(self, town_b, strategist, client_for):
        (project,) = build_portfolio(town_b, services=1, projects=1)
        svc = Service.objects.get(municipality=town_b)
        report = project.status_reports.first()
        client = client_for(strategist)
        for url in (
            reverse("portfolio:service", args=[svc.pk]),
            reverse("portfolio:service-edit", args=[svc.pk]),
            reverse("portfolio:service-delete", args=[svc.pk]),
            reverse("portfolio:project", args=[project.pk]),
            reverse("portfolio:project-edit", args=[project.pk]),
            reverse("portfolio:project-delete", args=[project.pk]),
            reverse("portfolio:part-create", args=[project.pk, "milestone"]),
            reverse("portfolio:part-edit", args=["status-report", report.pk]),
            reverse("portfolio:part-delete", args=["status-report", report.pk]),
        ):
            assert client.get(url).status_code == 404, url
        for page in ("portfolio:services", "portfolio:projects", "portfolio:map", "portfolio:balance"):
            body = client.get(reverse(page)).content.decode()
            assert "Leistung 0" not in body and "Projekt 0" not in body, page

    def test_a_form_cannot_point_at_another_municipality(self, town_a, town_b, strategist, client_for):
        own = make_project(town_a)
        foreign_service = make_service(town_b)
        response = client_for(strategist).post(
            reverse("portfolio:part-create", args=[own.pk, "service-change"]),
            {
                "service": foreign_service.pk,
                "target_e_file": "unknown",
                "staff_minutes_saved": 0,
                "citizen_minutes_saved": 0,
                "media_breaks_removed": 0,
            },
        )
        assert response.status_code == 200
        assert not ServiceChange.objects.exists()


class TestQueryCounts:
    """The pages run a number of queries that does not grow with services or projects."""

    PAGES = ["portfolio:services", "portfolio:map", "portfolio:projects", "portfolio:balance"]

    def count(self, client, url) -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    def test_lists_and_detail_at_two_sizes(self, town_a, strategist, client_for):
        client = client_for(strategist)
        small = build_portfolio(town_a, services=2, projects=2)
        counts_small = {page: self.count(client, reverse(page)) for page in self.PAGES}
        detail_small = self.count(client, reverse("portfolio:project", args=[small[0].pk]))
        svc = Service.objects.filter(municipality=town_a).first()
        service_small = self.count(client, reverse("portfolio:service", args=[svc.pk]))
        # Twenty more services and projects, each project changing every service.
        more = [make_service(town_a, name=f"Weitere {i}") for i in range(20)]
        for p in range(20):
            project = make_project(town_a, title=f"Weiteres {p}", status=Status.IN_PROGRESS)
            ServiceChange.objects.bulk_create(
                ServiceChange(project=project, service=s, target_handling="automated") for s in more
            )
            project.milestones.create(title="M", due_date=datetime.date(2026, 5, 1))
            project.costs.create(year=2027, invest=1, operating=1)
            Dependency.objects.create(project=project, requires=small[0])
        for p in small:
            ServiceChange.objects.bulk_create(
                ServiceChange(project=p, service=s, target_handling="automated") for s in more
            )
        counts_large = {page: self.count(client, reverse(page)) for page in self.PAGES}
        assert counts_large == counts_small
        assert self.count(client, reverse("portfolio:project", args=[small[0].pk])) == detail_small
        assert self.count(client, reverse("portfolio:service", args=[svc.pk])) == service_small


class TestForms:
    def test_bad_input_is_a_message_in_german_and_changes_nothing(self, town_a, strategist, client_for):
        area = SubjectArea.objects.get(code="bauen-wohnen")
        response = client_for(strategist).post(
            reverse("portfolio:service-create"),
            {
                "name": "Bauantrag",
                "leika_key": "123",
                "subject_area": area.pk,
                "model_version": "1",
                "level": "6",
                "handling": "printed",
                "cases_per_year": "300",
                "staff_minutes": "600",
                "citizen_minutes": "240",
                "media_breaks": "2",
            },
        )
        body = response.content.decode()
        assert response.status_code == 200
        assert "14 Ziffern" in body
        assert not Service.objects.filter(name="Bauantrag").exists()

    def test_a_duplicate_service_name_is_a_message_not_an_error(self, town_a, strategist, client_for):
        make_service(town_a, name="Bauantrag")
        area = SubjectArea.objects.get(code="bauen-wohnen")
        response = client_for(strategist, "en").post(
            reverse("portfolio:service-create"),
            {
                "name": "Bauantrag",
                "subject_area": area.pk,
                "model_version": "2",
                "level": "3",
                "handling": "printed",
                "cases_per_year": "1",
                "staff_minutes": "1",
                "citizen_minutes": "1",
                "media_breaks": "0",
            },
        )
        assert response.status_code == 200
        assert Service.objects.filter(name="Bauantrag").count() == 1

    def test_a_cycle_entered_on_the_page_is_named(self, town_a, strategist, client_for):
        a, b = make_project(town_a, title="Portal"), make_project(town_a, title="E-Akte")
        Dependency.objects.create(project=a, requires=b)
        response = client_for(strategist, "en").post(
            reverse("portfolio:part-create", args=[b.pk, "dependency"]), {"requires": a.pk}
        )
        assert response.status_code == 200
        assert "E-Akte → Portal → E-Akte" in response.content.decode()
        assert Dependency.objects.count() == 1

    def test_a_skipped_transition_is_refused_on_the_page(self, town_a, strategist, client_for):
        project = make_project(town_a, status=Status.IDEA)
        client = client_for(strategist, "en")
        response = client.post(
            reverse("portfolio:project-transition", args=[project.pk]), {"status": "completed"}, follow=True
        )
        assert "Possible next steps" in response.content.decode()
        assert Project.objects.get(pk=project.pk).status == Status.IDEA
