"""A project's lead is a member of the project's municipality (issue 15; DESIGN.md §1, §6).

The project form offers the municipality's members only, but the API offers every colleague of the caller:
a strategist of two municipalities could make a member of B the lead of A's project, and so hand B's
member A's project through the lead's grant. ``Project.clean`` refuses it, so page, API and admin do.
"""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.test import RequestFactory
from django.urls import reverse
from rest_framework.test import APIClient

from municipalities.access import Role
from portfolio.models import Project
from tests.portfolio.conftest import make_project

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_towns(town_a, town_b, make_user):
    """A strategist of both towns, a member of town_b only, a lead of town_a, and town_a's project."""
    cdo = make_user("cdo-ab", (town_a, Role.STRATEGIST), (town_b, Role.STRATEGIST))
    member_b = make_user("rat-b", (town_b, Role.PROJECT_LEAD))
    lead_a = make_user("lead-a", (town_a, Role.PROJECT_LEAD))
    return cdo, member_b, lead_a, make_project(town_a)


def test_the_model_refuses_a_lead_of_another_municipality(two_towns):
    _cdo, member_b, lead_a, project = two_towns
    project.lead = member_b
    with pytest.raises(ValidationError) as refused:
        project.full_clean()
    assert "lead" in refused.value.message_dict
    project.lead = lead_a
    project.full_clean()


class TestApi:
    def client(self, user) -> APIClient:
        client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
        client.force_authenticate(user)
        return client

    def test_an_update_is_refused_and_changes_nothing(self, two_towns):
        cdo, member_b, lead_a, project = two_towns
        client = self.client(cdo)
        response = client.patch(f"/api/v1/projects/{project.pk}/", {"lead": member_b.pk}, format="json")
        assert response.status_code == 400, response.content
        assert response.json()["lead"] == ["The project lead must be a member of this municipality."]
        project.refresh_from_db()
        assert project.lead_id is None
        assert not member_b.has_perm("portfolio.change_project", project)
        ok = client.patch(f"/api/v1/projects/{project.pk}/", {"lead": lead_a.pk}, format="json")
        assert ok.status_code == 200, ok.content

    def test_a_create_is_refused(self, two_towns, town_a):
        cdo, member_b, _lead_a, _project = two_towns
        new = {"municipality": town_a.pk, "title": "Wohngeld online", "layer": "front_end"}
        new["lead"] = member_b.pk
        response = self.client(cdo).post("/api/v1/projects/", new, format="json")
        assert response.status_code == 400, response.content
        assert "lead" in response.json()
        assert not Project.objects.filter(title="Wohngeld online").exists()


def test_the_page_form_refuses_it(two_towns, client_for, town_a):
    cdo, member_b, _lead_a, project = two_towns
    client = client_for(cdo, "en")
    client.post(reverse("municipality-switch"), {"municipality": town_a.pk})
    response = client.get(reverse("portfolio:project-edit", args=[project.pk]))
    form = response.context["form"]
    data = {name: value for name, value in form.initial.items() if value is not None and name in form.fields}
    data |= {"lead": member_b.pk, "version": form.initial["version"]}
    response = client.post(reverse("portfolio:project-edit", args=[project.pk]), data)
    assert response.status_code == 200
    assert "lead" in response.context["form"].errors
    project.refresh_from_db()
    assert project.lead_id is None


def test_the_admin_form_refuses_it(two_towns, make_user):
    _cdo, member_b, _lead_a, project = two_towns
    operator = make_user("operator", is_superuser=True, is_staff=True)
    request = RequestFactory().get("/admin/")
    request.user = operator
    model_admin = admin.site._registry[Project]
    form_class = model_admin.get_form(request, obj=project, change=True)
    initial = form_class(instance=project).initial
    data = {name: value for name, value in initial.items() if value is not None}
    form = form_class(data | {"lead": member_b.pk}, instance=project)
    assert not form.is_valid()
    assert "lead" in form.errors
