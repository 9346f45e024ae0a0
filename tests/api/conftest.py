"""One object of every resource of the API (``api.resources.ROUTES``) in town_a and in town_b, and a user
per role in town_a, for the generic walk over the API (DESIGN.md §6, §7; STYLE.md 5).

``build_world`` makes the data; the fixture ``world`` builds it per test, ``class_world`` once per test
class (inside a transaction rolled back after the class; each test runs in a savepoint of it).
"""

from __future__ import annotations

import datetime
import itertools
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction
from rest_framework.test import APIClient

from municipalities.access import Role
from municipalities.models import Membership, Municipality, OrgUnit, State
from portfolio import subject_areas
from portfolio.actions import scoring_model_create_default
from portfolio.models import (
    Assessment,
    Contribution,
    Dependency,
    Milestone,
    PairwiseComparison,
    ProjectCost,
    Scenario,
    ScenarioBudget,
    ServiceChange,
    StatusReport,
    SubjectArea,
)
from staffing.catalogue import install as install_catalogue
from staffing.models import (
    ProficiencyLevel,
    RoleProfile,
    RoleProfileSkill,
    ScenarioCapacity,
    Skill,
    SkillCategory,
    SkillDemand,
    StaffMember,
    StaffSkill,
    Vacancy,
)
from strategy.models import CouncilResolution, FieldOfAction, Goal, Indicator, Measurement, Strategy
from tests.portfolio.conftest import make_project, make_service
from tests.strategy.conftest import adopt, build_strategy

ROLES = (Role.STRATEGIST, Role.PROJECT_LEAD, Role.COUNCIL, Role.HR, Role.ADMIN)
_unique = itertools.count(1)


@dataclass
class Town:
    """The objects of one municipality: ``objects`` maps each route of ROUTES to its object."""

    municipality: Municipality
    objects: dict[str, Any]
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class World:
    a: Town
    b: Town
    users: dict[Role, Any]  # one user per role in town_a

    @property
    def lead(self):
        return self.users[Role.PROJECT_LEAD]


def install_reference_data() -> None:
    """Subject areas and the skills catalogue; a transactional test before may have flushed them."""
    if SubjectArea.objects.count() != len(subject_areas.SUBJECT_AREAS):
        subject_areas.install(SubjectArea)
    if not Skill.objects.exists() or not ProficiencyLevel.objects.exists():
        install_catalogue(SkillCategory=SkillCategory, Skill=Skill, ProficiencyLevel=ProficiencyLevel)


def build_town(municipality: Municipality, *, member, lead=None) -> Town:
    """One object of every resource in ``municipality``; ``member`` holds the membership of the walk,
    ``lead`` (optional) leads the main project and so holds the guardian grant on it."""
    suffix = municipality.name
    root = OrgUnit.objects.filter(municipality=municipality, parent=None).order_by("pk").first()
    unit = OrgUnit.objects.create(municipality=municipality, name=f"Poststelle {suffix}", parent=root)
    membership = Membership.objects.get(user=member, municipality=municipality)
    resolution = CouncilResolution.objects.create(
        municipality=municipality, number="DS 7/2026", date=datetime.date(2026, 2, 1), title="Haushalt"
    )

    # A draft version (editable by the strategist) and an adopted one (what council and leads read).
    strategy = Strategy.objects.create(
        municipality=municipality,
        title=f"Digitale Agenda {suffix}",
        vision="Digital zuerst.",
        start_year=2026,
        end_year=2030,
    )
    field_ = FieldOfAction.objects.create(strategy=strategy, title=f"Bürgerservices {suffix}")
    goal = Goal.objects.create(field=field_, title=f"Ziel {suffix}", target_date=datetime.date(2030, 12, 31))
    indicator = Indicator.objects.create(
        goal=goal,
        name=f"Online-Quote {suffix}",
        unit="%",
        baseline_value=10,
        baseline_date=datetime.date(2025, 1, 1),
        target_value=90,
        target_date=datetime.date(2030, 1, 1),
    )
    measurement = Measurement.objects.create(indicator=indicator, date=datetime.date(2026, 1, 1), value=30)
    adopted = adopt(build_strategy(municipality, goals=2, indicators_per_goal=1, title="Agenda 2025"))
    adopted_goals = list(Goal.objects.filter(field__strategy=adopted).order_by("pk"))

    service = make_service(municipality, name=f"Hundesteuer {suffix}", leika_key="99050012104000")
    service_2 = make_service(municipality, name=f"Gewerbe {suffix}", leika_key="99050012104001")
    dates = {"planned_start": datetime.date(2026, 1, 1), "planned_end": datetime.date(2027, 12, 31)}
    project = make_project(municipality, f"Online-Hundesteuer {suffix}", lead=lead, **dates)
    project_2 = make_project(municipality, f"E-Akte {suffix}", layer="back_end", **dates)
    project_3 = make_project(municipality, f"Workflow {suffix}", layer="back_end", **dates)

    model = scoring_model_create_default(municipality=municipality)
    criteria = {c.key: c for c in model.criteria.all()}
    urgency, risk = criteria["urgency"], criteria["risk"]

    profile = RoleProfile.objects.create(municipality=municipality, name=f"Prozessmanagement {suffix}")
    modelling = Skill.objects.get(code="process-modelling")
    staff = StaffMember.objects.create(
        municipality=municipality,
        personnel_number=f"API-{next(_unique):05d}",
        org_unit=root,
        job_title="Sachbearbeitung",
        role_profile=profile,
    )
    scenario = Scenario.objects.create(
        municipality=municipality, name=f"Haushalt {suffix}", first_year=2027, years=3
    )
    objects = {
        "municipalities": municipality,
        "org-units": unit,
        "memberships": membership,
        "council-resolutions": resolution,
        "strategies": strategy,
        "fields-of-action": field_,
        "goals": goal,
        "indicators": indicator,
        "measurements": measurement,
        "subject-areas": SubjectArea.objects.get(code="steuern-zoll"),
        "services": service,
        "projects": project,
        "project-costs": ProjectCost.objects.create(
            project=project, year=2026, invest=Decimal("10000"), operating=Decimal("1000")
        ),
        "service-changes": ServiceChange.objects.create(
            project=project, service=service, target_handling="automated", staff_minutes_saved=10
        ),
        "dependencies": Dependency.objects.create(project=project, requires=project_2, note="E-Akte zuerst"),
        "status-reports": StatusReport.objects.create(
            project=project,
            date=datetime.date(2026, 3, 31),
            overall="green",
            scope_status="green",
            schedule="yellow",
            budget="green",
            percent_complete=20,
            summary=f"Läuft in {suffix}.",
        ),
        "milestones": Milestone.objects.create(
            project=project, title=f"Start {suffix}", due_date=datetime.date(2026, 4, 1)
        ),
        "contributions": Contribution.objects.create(project=project, goal=adopted_goals[0]),
        "scoring-models": model,
        "criteria": urgency,
        "assessments": Assessment.objects.create(project=project, criterion=urgency, value=4),
        "pairwise-comparisons": PairwiseComparison.objects.create(
            model=model, first=urgency, second=risk, value=Decimal("3")
        ),
        "skill-categories": modelling.category,
        "skills": modelling,
        "proficiency-levels": ProficiencyLevel.objects.get(level=3),
        "role-profiles": profile,
        "role-profile-skills": RoleProfileSkill.objects.create(
            profile=profile, skill=modelling, target_level=4
        ),
        "staff": staff,
        "staff-skills": StaffSkill.objects.create(
            staff=staff, skill=modelling, level=3, assessed_on=datetime.date(2026, 1, 15)
        ),
        "vacancies": Vacancy.objects.create(
            municipality=municipality,
            title=f"Prozessmanagement {suffix}",
            skill=modelling,
            level=3,
            expected_date=datetime.date(2026, 10, 1),
        ),
        "skill-demands": SkillDemand.objects.create(project=project, skill=modelling, level=3, fte="1.00"),
        "scenarios": scenario,
        "scenario-budgets": ScenarioBudget.objects.create(
            scenario=scenario, year=2027, total=Decimal("900000")
        ),
        "scenario-capacities": ScenarioCapacity.objects.create(
            scenario=scenario, skill=modelling, year=2027, fte="1.5"
        ),
    }
    extra = {
        "root": root,
        "service_2": service_2,
        "project_2": project_2,
        "project_3": project_3,
        "adopted": adopted,
        "adopted_goals": adopted_goals,
        "risk": risk,
        "skill_2": Skill.objects.get(code="process-analysis"),
    }
    return Town(municipality, objects, extra)


def build_world(*, town_a: Municipality, town_b: Municipality, make_user: Callable) -> World:
    install_reference_data()
    users = {role: make_user(f"a-{role.value}", (town_a, role)) for role in ROLES}
    member_a = make_user("a-mitglied", (town_a, Role.COUNCIL))
    member_b = make_user("b-mitglied", (town_b, Role.COUNCIL))
    make_user("b-cdo", (town_b, Role.STRATEGIST))
    a = build_town(town_a, member=member_a, lead=users[Role.PROJECT_LEAD])
    b = build_town(town_b, member=member_b)
    return World(a=a, b=b, users=users)


@pytest.fixture
def world(town_a, town_b, make_user) -> World:
    return build_world(town_a=town_a, town_b=town_b, make_user=make_user)


@contextmanager
def rolled_back():
    """A transaction that is always rolled back: data for a whole test class, gone afterwards."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


def _make_user(username: str, *roles: tuple[Municipality, Role]):
    # tests/conftest.py's make_user, usable at class scope (a fixture can only be used at its own scope).
    user = get_user_model().objects.create_user(username, password="pw-" + username)
    for municipality, role in roles:
        Membership.objects.create(user=user, municipality=municipality, role=role)
    return user


@pytest.fixture(scope="class")
def class_world(django_db_setup, django_db_blocker):
    """The world of ``world``, built once per test class; tests using it also take ``db`` (a savepoint)."""
    with django_db_blocker.unblock(), rolled_back():
        # The towns of tests/conftest.py (town_a, town_b), made here at class scope.
        town_a = Municipality.objects.create(
            name="Altstadt", ags="05900001", state=State.NW, population=20_000
        )
        root = OrgUnit.objects.create(municipality=town_a, name="Hauptamt A")
        OrgUnit.objects.create(municipality=town_a, name="IT A", parent=root)
        town_b = Municipality.objects.create(
            name="Bergdorf", ags="09900001", state=State.BY, population=20_000
        )
        OrgUnit.objects.create(municipality=town_b, name="Hauptamt B")
        yield build_world(town_a=town_a, town_b=town_b, make_user=_make_user)


@pytest.fixture
def api_for():
    """An API client authenticated as ``user`` (no session, no login round trip)."""

    def make(user, language: str = "de") -> APIClient:
        client = APIClient(HTTP_ACCEPT_LANGUAGE=language)
        client.force_authenticate(user)
        return client

    return make
