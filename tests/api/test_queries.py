"""Every list of the API runs the same number of queries for a few rows as for many (STYLE.md 5: no N+1).

For each route, town_a's object is copied until the list holds ten rows more, and the queries of the list
are counted before and after, for the admin (who sees every route) and for a role that reads it through a
row rule or a grant (council, project lead).
"""

from __future__ import annotations

import datetime
import itertools
import json
import uuid
from collections.abc import Callable

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.renderers import JSONRenderer

from api.base import row_plan
from api.resources import ROUTES
from municipalities.access import Role
from municipalities.models import Membership
from portfolio.models import Criterion
from staffing.models import Skill

from .conftest import _make_user

MORE = 10
_n = itertools.count(1)


def clone(obj, **changes):
    """A copy of ``obj`` with ``changes`` (a new row; the original is untouched)."""
    model = type(obj)
    values = {f.attname: getattr(obj, f.attname) for f in model._meta.concrete_fields if not f.primary_key}
    values.update(changes)
    return model.objects.create(**values)


def _skill(i: int) -> Skill:
    return Skill.objects.exclude(code__in=["process-modelling", "process-analysis"]).order_by("pk")[i]


def _municipality(town, i):
    municipality = clone(town.municipality, name=f"Ort {i}", ags=f"05{800_000 + i:06d}")
    for membership in Membership.objects.filter(municipality=town.municipality):
        Membership.objects.create(user=membership.user, municipality=municipality, role=membership.role)
    return municipality


def _criterion(town, i) -> Criterion:
    return clone(town.objects["criteria"], key=f"extra-{i}", name=f"Extra {i}")


# How to make the i-th further row of each route in ``town`` (unique fields varied).
FURTHER: dict[str, Callable] = {
    "municipalities": _municipality,
    "org-units": lambda t, i: clone(t.objects["org-units"], name=f"Amt {i}"),
    "memberships": lambda t, i: Membership.objects.create(
        user=_make_user(f"kollege-{next(_n)}"), municipality=t.municipality, role=Role.COUNCIL
    ),
    "council-resolutions": lambda t, i: clone(t.objects["council-resolutions"], number=f"DS {i}/2027"),
    "strategies": lambda t, i: clone(t.objects["strategies"], title=f"Agenda {i}"),
    "fields-of-action": lambda t, i: clone(
        t.objects["fields-of-action"], title=f"Feld {i}", lineage=uuid.uuid4()
    ),
    "goals": lambda t, i: clone(t.objects["goals"], title=f"Ziel {i}"),
    "indicators": lambda t, i: clone(t.objects["indicators"], name=f"Indikator {i}"),
    "measurements": lambda t, i: clone(
        t.objects["measurements"], date=datetime.date(2026, 2, 1) + datetime.timedelta(days=i)
    ),
    "services": lambda t, i: clone(t.objects["services"], name=f"Leistung {i}", leika_key=""),
    "projects": lambda t, i: clone(t.objects["projects"], title=f"Projekt {i}"),
    "project-costs": lambda t, i: clone(t.objects["project-costs"], year=2030 + i),
    "service-changes": lambda t, i: clone(
        t.objects["service-changes"],
        service_id=clone(t.objects["services"], name=f"Leistung {i}", leika_key="").pk,
    ),
    "dependencies": lambda t, i: clone(
        t.objects["dependencies"], requires_id=clone(t.extra["project_2"], title=f"Basis {i}").pk
    ),
    "status-reports": lambda t, i: clone(
        t.objects["status-reports"], date=datetime.date(2026, 4, 1) + datetime.timedelta(days=i)
    ),
    "milestones": lambda t, i: clone(t.objects["milestones"], title=f"Meilenstein {i}"),
    "contributions": lambda t, i: clone(
        t.objects["contributions"], goal_id=clone(t.objects["goals"], title=f"Ziel {i}").pk
    ),
    "scoring-models": lambda t, i: clone(t.objects["scoring-models"], name=f"Modell {i}", active=False),
    "criteria": _criterion,
    "assessments": lambda t, i: clone(t.objects["assessments"], criterion_id=_criterion(t, i).pk),
    "pairwise-comparisons": lambda t, i: clone(
        t.objects["pairwise-comparisons"], first_id=_criterion(t, i).pk
    ),
    "role-profiles": lambda t, i: clone(t.objects["role-profiles"], name=f"Rolle {i}"),
    "role-profile-skills": lambda t, i: clone(t.objects["role-profile-skills"], skill_id=_skill(i).pk),
    "staff": lambda t, i: clone(t.objects["staff"], personnel_number=f"Q-{i:05d}"),
    "staff-skills": lambda t, i: clone(t.objects["staff-skills"], skill_id=_skill(i).pk),
    "vacancies": lambda t, i: clone(t.objects["vacancies"], title=f"Stelle {i}"),
    "skill-demands": lambda t, i: clone(t.objects["skill-demands"], skill_id=_skill(i).pk),
    "scenarios": lambda t, i: clone(t.objects["scenarios"], name=f"Szenario {i}"),
    "scenario-budgets": lambda t, i: clone(t.objects["scenario-budgets"], year=2030 + i),
    "scenario-capacities": lambda t, i: clone(t.objects["scenario-capacities"], skill_id=_skill(i).pk),
}
REFERENCE = ("subject-areas", "skill-categories", "skills", "proficiency-levels")


def test_every_scoped_route_can_grow():
    assert set(FURTHER) | set(REFERENCE) == set(ROUTES)


def count(client, route: str) -> tuple[int, int]:
    """(queries, rows) of the list of ``route``."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/api/v1/{route}/", {"page_size": 500})
    assert response.status_code == 200
    return len(queries), response.json()["count"]


@pytest.mark.django_db
class TestListQueries:
    @pytest.mark.parametrize("route", list(FURTHER))
    def test_queries_do_not_grow_with_rows(self, class_world, api_for, route):
        # Readers of every kind: the admin; the council member through the row rules (adopted strategy,
        # approved projects); the lead through its grant.
        town = class_world.a
        readers = [api_for(class_world.users[role]) for role in (Role.ADMIN, Role.COUNCIL, Role.PROJECT_LEAD)]
        before = [count(client, route) for client in readers]
        for i in range(MORE):
            FURTHER[route](town, i)
        after = [count(client, route) for client in readers]
        admin_rows = (before[0][1], after[0][1])
        assert admin_rows[1] == admin_rows[0] + MORE, admin_rows
        assert [q for q, _rows in after] == [q for q, _rows in before], (before, after)

    @pytest.mark.parametrize("route", list(FURTHER))
    def test_lists_are_what_the_serializer_makes(self, class_world, api_for, rf, route):
        """Lists are built from ``values()`` (api.base.row_plan) for speed; row for row they are what the
        serializer makes of the model instances, which retrieve, create and update return."""
        serializer_class, viewset = ROUTES[route]
        assert row_plan(serializer_class) is not None  # every route takes the fast path
        admin = class_world.users[Role.ADMIN]
        listed = api_for(admin).get(f"/api/v1/{route}/", {"page_size": 500}).json()["results"]
        request = rf.get("/")
        request.user = admin
        objects = viewset.model.objects.filter(pk__in=[row["id"] for row in listed]).order_by(
            *viewset.ordering
        )
        serialized = serializer_class(objects, many=True, context={"request": request}).data
        assert listed == json.loads(JSONRenderer().render(serialized))

    @pytest.mark.parametrize("route", REFERENCE)
    def test_reference_lists_are_one_page_query(self, class_world, api_for, route):
        queries, rows = count(api_for(class_world.users[Role.COUNCIL]), route)
        assert rows and queries <= 3  # the count, the page (and the session-less user is not loaded)
