"""One generic walk over every route of the API for every role (DESIGN.md §1, §6; STYLE.md 5).

For each route of ``api.resources.ROUTES`` and each role in town_a: list, retrieve, create, update and
delete of town_a's object answer what the role table allows, and town_b's object does not exist: 404 by
id, absent from the list, from a filter on its municipality or project and from a search.

The expectations are written out below from the role table (``municipalities.access``: each model's
``scope.area`` with its view and edit roles, its row filters and its guardian grants), independently of
the gate's code: the gate itself is never asked.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from rest_framework import serializers

from api.resources import ROUTES
from municipalities.access import Role

from .conftest import ROLES, rolled_back

S, L, C, H, A = Role.STRATEGIST, Role.PROJECT_LEAD, Role.COUNCIL, Role.HR, Role.ADMIN
EVERYONE = frozenset(ROLES)

# DESIGN.md §1, area -> (roles that read, roles that add, change and delete).
AREAS: dict[str, tuple[frozenset, frozenset]] = {
    "municipality": (EVERYONE, frozenset({A})),
    "organisation": (EVERYONE, frozenset({A})),
    "memberships": (frozenset({A}), frozenset({A})),
    "strategy": (frozenset({S, L, C, A}), frozenset({S, A})),
    "portfolio": (frozenset({S, L, C, A}), frozenset({S, A})),
    "staff_records": (frozenset({H, A}), frozenset({H, A})),  # personal data; others see aggregates only
}


def _adopted(strategy_of: Callable) -> dict[Role, Callable[[Any], bool]]:
    """Council members and project leads read adopted (or superseded) strategy versions only."""

    def rule(obj) -> bool:
        return strategy_of(obj).status in {"adopted", "superseded"}

    return {C: rule, L: rule}


def _approved(project_of: Callable) -> dict[Role, Callable[[Any], bool]]:
    """Council members read approved and later projects only (never ideas, proposals, cancelled ones)."""
    return {C: lambda obj: project_of(obj).status in {"approved", "in_progress", "on_hold", "completed"}}


@dataclass(frozen=True)
class Rule:
    area: str
    rows: dict[Role, Callable[[Any], bool]] = field(default_factory=dict)
    # A project lead's guardian grant on a project: "pk" lets it change the project itself, "project" opens
    # every action on the project's rows (status reports, milestones, …).
    grant: str | None = None
    operators_only: bool = False  # created and deleted by superusers only, whatever the role


def _project(obj):
    return obj.project


PROJECT_ROW = Rule("portfolio", rows=_approved(_project), grant="project")
RULES: dict[str, Rule] = {
    # A municipality is a tenant: the operators (superusers) create and delete it, its admin edits it.
    "municipalities": Rule("municipality", operators_only=True),
    "org-units": Rule("organisation"),
    "memberships": Rule("memberships"),
    "council-resolutions": Rule("strategy"),
    "strategies": Rule("strategy", rows=_adopted(lambda s: s)),
    "fields-of-action": Rule("strategy", rows=_adopted(lambda f: f.strategy)),
    "goals": Rule("strategy", rows=_adopted(lambda g: g.field.strategy)),
    "indicators": Rule("strategy", rows=_adopted(lambda i: i.goal.field.strategy)),
    "measurements": Rule("strategy", rows=_adopted(lambda m: m.indicator.goal.field.strategy)),
    "services": Rule("portfolio"),
    "projects": Rule("portfolio", rows=_approved(lambda p: p), grant="pk"),
    "project-costs": PROJECT_ROW,
    "service-changes": PROJECT_ROW,
    "dependencies": PROJECT_ROW,
    "status-reports": PROJECT_ROW,
    "milestones": PROJECT_ROW,
    "contributions": PROJECT_ROW,
    "scoring-models": Rule("portfolio"),
    "criteria": Rule("portfolio"),
    "assessments": PROJECT_ROW,
    "pairwise-comparisons": Rule("portfolio"),
    "role-profiles": Rule("staff_records"),
    "role-profile-skills": Rule("staff_records"),
    "staff": Rule("staff_records"),
    "staff-skills": Rule("staff_records"),
    "vacancies": Rule("staff_records"),
    "skill-demands": PROJECT_ROW,
    # Council members and project leads read the scenario adopted as the plan, never the drafts.
    "scenarios": Rule("portfolio", rows={role: lambda s: s.status == "adopted" for role in (C, L)}),
    "scenario-budgets": Rule(
        "portfolio", rows={role: lambda b: b.scenario.status == "adopted" for role in (C, L)}
    ),
    "scenario-capacities": Rule(
        "portfolio", rows={role: lambda c: c.scenario.status == "adopted" for role in (C, L)}
    ),
}
# The same for every municipality: every signed-in user reads them, nobody writes them through the API.
REFERENCE = ("subject-areas", "skill-categories", "skills", "proficiency-levels")
SCOPED = tuple(RULES)


def test_the_table_covers_every_route():
    assert set(ROUTES) == set(RULES) | set(REFERENCE)


def sees(role: Role, route: str, obj) -> bool:
    rule = RULES[route]
    readers, _editors = AREAS[rule.area]
    return role in readers and (role not in rule.rows or rule.rows[role](obj))


def granted(role: Role, project, world) -> bool:
    """The lead holds a grant on town_a's main project (conftest), on nothing else."""
    return role == L and project.pk == world.a.objects["projects"].pk


def may(role: Role, route: str, obj, action: str, world) -> bool:
    """Whether ``role`` may change or delete ``obj`` (one it sees)."""
    rule = RULES[route]
    if action == "delete" and rule.operators_only:
        return False
    if role in AREAS[rule.area][1]:
        return True
    if rule.grant == "pk":
        return action == "change" and granted(role, obj, world)
    if rule.grant == "project":
        return granted(role, obj.project, world)
    return False


def may_create(role: Role, route: str, payload: dict, world) -> bool:
    rule = RULES[route]
    if rule.operators_only:
        return False
    if role in AREAS[rule.area][1]:
        return True
    if rule.grant == "project":
        project = type(world.a.objects["projects"]).objects.get(pk=payload["project"])
        return granted(role, project, world)
    return False


# --- building requests generically --------------------------------------------------------------------

# What must differ from town_a's object for a second one to be valid (unique constraints).
UNIQUE: dict[str, Callable] = {
    "municipalities": lambda t: {"ags": "05999999", "name": "Neustadt"},
    "org-units": lambda t: {"name": "Bürgerbüro"},
    "projects": lambda t: {"title": "Wohngeld online"},
    "memberships": lambda t: {"role": "hr"},
    "council-resolutions": lambda t: {"number": "DS 8/2026"},
    "fields-of-action": lambda t: {"title": "Verwaltung intern"},
    "goals": lambda t: {"title": "Zweites Ziel"},
    "measurements": lambda t: {"date": "2026-06-30"},
    "services": lambda t: {"name": "Wohngeld", "leika_key": "99050012104999"},
    "project-costs": lambda t: {"year": 2027},
    "service-changes": lambda t: {"service": t.extra["service_2"].pk},
    "dependencies": lambda t: {"requires": t.extra["project_3"].pk},
    "status-reports": lambda t: {"date": "2026-06-30"},
    "milestones": lambda t: {"title": "Abnahme"},
    "contributions": lambda t: {"goal": t.extra["adopted_goals"][1].pk},
    "scoring-models": lambda t: {"name": "Zweites Modell", "active": False},
    "criteria": lambda t: {"key": "citizen_contact", "name": "Bürgerkontakt"},
    "assessments": lambda t: {"criterion": t.extra["risk"].pk},
    # A pair not yet judged: town_a judges urgency against risk, and a pair is judged in one order only.
    "pairwise-comparisons": lambda t: {
        "first": t.extra["risk"].pk,
        "second": t.objects["scoring-models"].criteria.get(key="reuse").pk,
    },
    "role-profiles": lambda t: {"name": "Digitallotse"},
    "role-profile-skills": lambda t: {"skill": t.extra["skill_2"].pk},
    "staff": lambda t: {"personnel_number": "P-99999"},
    "staff-skills": lambda t: {"skill": t.extra["skill_2"].pk},
    "skill-demands": lambda t: {"level": 4},
    "scenarios": lambda t: {"name": "Zweites Szenario"},
    "scenario-budgets": lambda t: {"year": 2028},
    "scenario-capacities": lambda t: {"year": 2028},
}
# A harmless change for PATCH.
CHANGE: dict[str, dict] = {
    "municipalities": {"population": 21_000},
    "org-units": {"short_name": "PS"},
    "memberships": {"role": "hr"},
    "council-resolutions": {"title": "Haushalt 2026"},
    "strategies": {"vision": "Digital und barrierefrei."},
    "fields-of-action": {"description": "Online zuerst."},
    "goals": {"description": "Bis 2030."},
    "indicators": {"source": "Statistik"},
    "measurements": {"note": "geprüft"},
    "services": {"notes": "geprüft"},
    "projects": {"description": "Neu beschrieben."},
    "project-costs": {"operating": "1200.00"},
    "service-changes": {"citizen_minutes_saved": 5},
    "dependencies": {"note": "Schnittstelle zuerst"},
    "status-reports": {"risks": "keine"},
    "milestones": {"title": "Projektstart"},
    "contributions": {"weight": "2.00"},
    "scoring-models": {"top_k": 5},
    "criteria": {"name": "Dringlichkeit"},
    "assessments": {"note": "Frist 2027"},
    "pairwise-comparisons": {"value": "5.0000"},
    "role-profiles": {"description": "Modelliert Prozesse."},
    "role-profile-skills": {"target_level": 3},
    "staff": {"job_title": "Prozessmanagement"},
    "staff-skills": {"level": 4},
    "vacancies": {"title": "Prozessmanagement (neu)"},
    "skill-demands": {"fte": "1.50"},
    "scenarios": {"description": "Geprüft."},
    "scenario-budgets": {"total": "500000.00"},
    "scenario-capacities": {"fte": "2.00"},
}


def test_every_scoped_route_has_a_change():
    assert set(CHANGE) == set(SCOPED)


MODEL_ROUTE = {viewset.model: route for route, (_s, viewset) in ROUTES.items() if route in RULES}


def create_payload(route: str, town) -> dict:
    """Town_a's object as the API serializes it, less read-only fields, with its unique fields altered."""
    serializer_class = ROUTES[route][0]
    writable = {name for name, f in serializer_class().fields.items() if not f.read_only}
    data = serializer_class(town.objects[route]).data
    payload = {name: value for name, value in data.items() if name in writable}
    payload.update(UNIQUE.get(route, lambda t: {})(town))
    return payload


def hidden_references(role: Role, route: str, payload: dict) -> set[str]:
    """The fields of ``payload`` that point at an object ``role`` does not see (it does not exist for it)."""
    hidden = set()
    for name, f in ROUTES[route][0]().fields.items():
        if not isinstance(f, serializers.PrimaryKeyRelatedField) or payload.get(name) is None:
            continue
        model = f.queryset.model
        if model is get_user_model() or model not in MODEL_ROUTE:
            continue  # colleagues and reference data
        target = model.objects.get(pk=payload[name])
        if not sees(role, MODEL_ROUTE[model], target):
            hidden.add(name)
    return hidden


def ids(response) -> set[int]:
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


def url(route: str, pk: int | None = None) -> str:
    return f"/api/v1/{route}/" if pk is None else f"/api/v1/{route}/{pk}/"


@pytest.mark.django_db
class TestEveryRouteForEveryRole:
    @pytest.mark.parametrize("route", SCOPED)
    @pytest.mark.parametrize("role", ROLES)
    def test_crud_follows_the_role_table(self, class_world, api_for, role, route):
        world = class_world
        client = api_for(world.users[role])
        obj = world.a.objects[route]
        visible = sees(role, route, obj)

        assert (obj.pk in ids(client.get(url(route), {"page_size": 500}))) is visible
        assert client.get(url(route, obj.pk)).status_code == (200 if visible else 404)

        payload = create_payload(route, world.a)
        with rolled_back():
            response = client.post(url(route), payload, format="json")
        hidden = hidden_references(role, route, payload)
        if may_create(role, route, payload, world):
            assert response.status_code == 201, response.content
        elif hidden:
            # An object the role does not see does not exist for it: the same answer as an unknown id.
            assert response.status_code == 400, response.content
            assert set(response.json()) == hidden, response.content
        else:
            assert response.status_code == 403, response.content

        with rolled_back():
            response = client.patch(url(route, obj.pk), CHANGE[route], format="json")
        expected = 404 if not visible else 200 if may(role, route, obj, "change", world) else 403
        assert response.status_code == expected, response.content

        with rolled_back():
            response = client.delete(url(route, obj.pk))
        expected = 404 if not visible else 204 if may(role, route, obj, "delete", world) else 403
        assert response.status_code == expected, response.content

    @pytest.mark.parametrize("route", REFERENCE)
    @pytest.mark.parametrize("role", ROLES)
    def test_reference_data_is_read_only(self, class_world, api_for, role, route):
        client = api_for(class_world.users[role])
        obj = class_world.a.objects[route]
        assert obj.pk in ids(client.get(url(route), {"page_size": 500}))
        assert client.get(url(route, obj.pk)).status_code == 200
        data = client.get(url(route, obj.pk)).json()
        with rolled_back():
            assert client.post(url(route), data, format="json").status_code == 405
            assert client.patch(url(route, obj.pk), data, format="json").status_code == 405
            assert client.delete(url(route, obj.pk)).status_code == 405

    @pytest.mark.parametrize("route", SCOPED)
    @pytest.mark.parametrize("role", ROLES)
    def test_town_b_does_not_exist_for_town_a(self, class_world, api_for, role, route):
        world = class_world
        client = api_for(world.users[role])
        other = world.b.objects[route]
        assert client.get(url(route, other.pk)).status_code == 404
        with rolled_back():
            assert client.patch(url(route, other.pk), CHANGE[route], format="json").status_code == 404
            assert client.delete(url(route, other.pk)).status_code == 404
        assert other.pk not in ids(client.get(url(route), {"page_size": 500}))

        viewset = ROUTES[route][1]
        filters = {
            "municipality": world.b.municipality.pk,
            "project": world.b.objects["projects"].pk,
            "user": world.b.objects["memberships"].user_id,
            "lead": world.b.objects["memberships"].user_id,
        }
        for name, value in filters.items():
            if name not in viewset.filterset_fields:
                continue
            # Town_b's id answers exactly like an id that exists nowhere: no hint that it exists.
            unknown = client.get(url(route), {name: 10**9})
            response = client.get(url(route), {name: value})
            assert response.status_code == unknown.status_code
            assert response.json() == unknown.json()
            response = client.get(url(route), {f"{name}__in": f"{value},{10**9}"})
            unknown = client.get(url(route), {f"{name}__in": f"{10**9},{10**9 + 1}"})
            assert response.status_code == unknown.status_code
            assert response.json() == unknown.json()

        for name in viewset.search_fields:
            term = str(getattr(other, name))
            if term:
                assert other.pk not in ids(client.get(url(route), {"search": term}))

    @pytest.mark.parametrize("route", SCOPED)
    @pytest.mark.parametrize("role", (S, A))
    def test_the_browsable_api_offers_nothing_of_town_b(self, class_world, api_for, role, route):
        """The HTML pages of the API render filter forms and a create form with choices of related
        objects: only those the caller sees. Every object of town_b carries its name, Bergdorf."""
        client = api_for(class_world.users[role])
        response = client.get(url(route), HTTP_ACCEPT="text/html")
        assert response.status_code == 200
        html = response.content.decode()
        assert "Bergdorf" not in html and "b-mitglied" not in html and "b-cdo" not in html

    @pytest.mark.parametrize("role", ROLES)
    def test_council_and_leads_read_the_adopted_strategy(self, class_world, api_for, role):
        """The adopted version (the draft of the walk is hidden from council members and leads)."""
        world = class_world
        client = api_for(world.users[role])
        adopted = world.a.extra["adopted"]
        goal = world.a.extra["adopted_goals"][0]
        readers = {S, L, C, A}
        assert (adopted.pk in ids(client.get(url("strategies")))) is (role in readers)
        assert (goal.pk in ids(client.get(url("goals")))) is (role in readers)
        assert client.get(url("goals", goal.pk)).status_code == (200 if role in readers else 404)
