"""The skills a project needs, kept on the project page by staffing's own pages (issue 14: portfolio no
longer imports staffing)."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from municipalities.access import Role
from municipalities.concurrency import etag
from staffing.models import SkillDemand
from tests.portfolio.conftest import make_project
from tests.staffing.conftest import skill


@pytest.fixture
def project(town_a, make_user):
    lead = make_user("lead", (town_a, Role.PROJECT_LEAD))
    return make_project(
        town_a, lead=lead, planned_start=datetime.date(2027, 1, 1), planned_end=datetime.date(2027, 12, 31)
    )


def test_the_lead_adds_edits_and_removes_a_demand_shown_on_the_project_page(project, client_for):
    client = client_for(project.lead)
    answer = client.post(
        reverse("staffing:demand-create", args=[project.pk]),
        {"skill": skill().pk, "level": 3, "fte": "1.5"},
    )
    assert answer.status_code == 302, answer.context["form"].errors
    assert answer["Location"].endswith("#skill-demands")
    demand = SkillDemand.objects.get(project=project)
    assert (demand.level, float(demand.fte)) == (3, 1.5)
    page = client.get(reverse("portfolio:project", args=[project.pk])).content.decode()
    assert skill().name in page and reverse("staffing:demand-edit", args=[demand.pk]) in page

    edited = client.post(
        reverse("staffing:demand-edit", args=[demand.pk]),
        {"skill": skill().pk, "level": 4, "fte": "2", "version": etag(demand)},
    )
    assert edited.status_code == 302, edited.context["form"].errors
    demand.refresh_from_db()
    assert demand.level == 4
    client.post(reverse("staffing:demand-delete", args=[demand.pk]))
    assert not SkillDemand.objects.filter(project=project).exists()


def test_a_bad_level_is_a_form_error_and_changes_nothing(project, client_for):
    answer = client_for(project.lead).post(
        reverse("staffing:demand-create", args=[project.pk]), {"skill": skill().pk, "level": 9, "fte": "1"}
    )
    assert answer.status_code == 200 and not SkillDemand.objects.exists()


def test_readers_and_other_towns_reach_no_demand_form(project, town_a, town_b, make_user, client_for):
    demand = SkillDemand.objects.create(project=project, skill=skill(), level=3, fte="1.00")
    council = make_user("rat", (town_a, Role.COUNCIL))
    stranger = make_user("fremd", (town_b, Role.STRATEGIST))
    for user in (council, stranger):
        client = client_for(user)
        assert client.get(reverse("staffing:demand-create", args=[project.pk])).status_code in (403, 404)
        assert client.get(reverse("staffing:demand-edit", args=[demand.pk])).status_code in (403, 404)
        assert client.post(reverse("staffing:demand-delete", args=[demand.pk])).status_code in (403, 404)
        client.logout()
    assert SkillDemand.objects.filter(pk=demand.pk).exists()
    page = client_for(council).get(reverse("portfolio:project", args=[project.pk])).content.decode()
    assert skill().name in page and reverse("staffing:demand-edit", args=[demand.pk]) not in page
