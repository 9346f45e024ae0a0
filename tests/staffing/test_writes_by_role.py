"""Every write of the staffing pages, with valid data, for every role (DESIGN.md §1, §6; issue 15).

Staff records (staff, their skills, role profiles and their target skills, vacancies) are written by hr
and admin only; strategists and council members read aggregates and could create vacancies and role
profiles through the page forms before. A project's skill demand is written by whoever changes the
project (strategist, admin, the project's lead). A refused write answers 403 (the role has no such part of
Digiplan) or 404 (the record does not exist for the role) and changes nothing; an allowed one saves and
redirects. The page walk (tests/test_page_walk.py) checks the answers to GET; this checks that a valid
POST does exactly what the role table says.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.test import Client
from django.urls import reverse

from municipalities.access import Role
from municipalities.concurrency import etag
from staffing.models import RoleProfile, RoleProfileSkill, SkillDemand, StaffMember, StaffSkill, Vacancy
from tests.api.conftest import ROLES, Town, class_world  # noqa: F401 (the fixture: one world per class)

S, L, C, H, A = Role.STRATEGIST, Role.PROJECT_LEAD, Role.COUNCIL, Role.HR, Role.ADMIN
HR_AND_ADMIN = frozenset({H, A})
PROJECT_WRITERS = frozenset({S, A, L})  # the lead leads town_a's main project (tests/api/conftest.py)


@dataclass(frozen=True)
class Write:
    name: str  # URL name
    objects: tuple[str, ...]  # keys of ``Town.objects`` for the URL's parameters
    data: Callable[[Town], dict]  # a valid form
    effect: Callable[[Town], object]  # what the write changes
    writers: frozenset[Role] = HR_AND_ADMIN
    kind: str | None = None  # the part pages' ``kind``
    edits: str | None = None  # the key of the object an edit form is for (its version tag is sent)

    @property
    def id(self) -> str:
        return " ".join(filter(None, [self.name, self.kind]))


def _o(town: Town, key: str):
    return town.objects[key]


def _skill_2(town: Town):
    return town.extra["skill_2"]


def _staff_form(town: Town, **changes) -> dict:
    return {
        "personnel_number": "P-NEU",
        "org_unit": town.extra["root"].pk,
        "job_title": "Digitallotse",
        "fte": "1.00",
        "employment_type": "employee",
        **changes,
    }


WRITES = [
    Write(
        "staffing:staff-create",
        (),
        lambda t: _staff_form(t),
        lambda t: StaffMember.objects.filter(personnel_number="P-NEU").exists(),
    ),
    Write(
        "staffing:staff-edit",
        ("staff",),
        lambda t: _staff_form(t, personnel_number=_o(t, "staff").personnel_number, job_title="Neu"),
        lambda t: StaffMember.objects.get(pk=_o(t, "staff").pk).job_title,
        edits="staff",
    ),
    Write(
        "staffing:staff-delete",
        ("staff",),
        lambda t: {},
        lambda t: StaffMember.objects.filter(pk=_o(t, "staff").pk).exists(),
    ),
    Write(
        "staffing:part-create",
        ("staff",),
        lambda t: {"skill": _skill_2(t).pk, "level": 3, "assessed_on": "2026-05-01", "source": "manager"},
        lambda t: StaffSkill.objects.filter(staff=_o(t, "staff")).count(),
        kind="skill",
    ),
    Write(
        "staffing:part-edit",
        ("staff-skills",),
        lambda t: {
            "skill": _o(t, "skill-demands").skill_id,
            "level": 5,
            "assessed_on": "2026-01-15",
            "source": "manager",
        },
        lambda t: StaffSkill.objects.get(pk=_o(t, "staff-skills").pk).level,
        kind="skill",
        edits="staff-skills",
    ),
    Write(
        "staffing:part-delete",
        ("staff-skills",),
        lambda t: {},
        lambda t: StaffSkill.objects.filter(pk=_o(t, "staff-skills").pk).exists(),
        kind="skill",
    ),
    Write(
        "staffing:part-create",
        ("role-profiles",),
        lambda t: {"skill": _skill_2(t).pk, "target_level": 3},
        lambda t: RoleProfileSkill.objects.filter(profile=_o(t, "role-profiles")).count(),
        kind="profile-skill",
    ),
    Write(
        "staffing:part-edit",
        ("role-profile-skills",),
        lambda t: {"skill": _o(t, "role-profile-skills").skill_id, "target_level": 2},
        lambda t: RoleProfileSkill.objects.get(pk=_o(t, "role-profile-skills").pk).target_level,
        kind="profile-skill",
        edits="role-profile-skills",
    ),
    Write(
        "staffing:part-delete",
        ("role-profile-skills",),
        lambda t: {},
        lambda t: RoleProfileSkill.objects.filter(pk=_o(t, "role-profile-skills").pk).exists(),
        kind="profile-skill",
    ),
    Write(
        "staffing:profile-create",
        (),
        lambda t: {"name": "Digitallotse", "description": "Begleitet Fachämter."},
        lambda t: RoleProfile.objects.filter(name="Digitallotse").exists(),
    ),
    Write(
        "staffing:profile-edit",
        ("role-profiles",),
        lambda t: {"name": _o(t, "role-profiles").name, "description": "Neu beschrieben."},
        lambda t: RoleProfile.objects.get(pk=_o(t, "role-profiles").pk).description,
        edits="role-profiles",
    ),
    Write(
        "staffing:vacancy-create",
        (),
        lambda t: {
            "title": "Neue Stelle",
            "skill": _skill_2(t).pk,
            "level": 3,
            "fte": "1.00",
            "expected_date": "2026-12-01",
        },
        lambda t: Vacancy.objects.filter(title="Neue Stelle").exists(),
    ),
    Write(
        "staffing:vacancy-edit",
        ("vacancies",),
        lambda t: {
            "title": "Umbenannt",
            "skill": _o(t, "vacancies").skill_id,
            "level": 3,
            "fte": "1.00",
            "expected_date": "2026-10-01",
        },
        lambda t: Vacancy.objects.get(pk=_o(t, "vacancies").pk).title,
        edits="vacancies",
    ),
    Write(
        "staffing:vacancy-delete",
        ("vacancies",),
        lambda t: {},
        lambda t: Vacancy.objects.filter(pk=_o(t, "vacancies").pk).exists(),
    ),
    Write(
        "staffing:demand-create",
        ("projects",),
        lambda t: {"skill": _skill_2(t).pk, "level": 3, "fte": "0.50"},
        lambda t: SkillDemand.objects.filter(project=_o(t, "projects")).count(),
        writers=PROJECT_WRITERS,
    ),
    Write(
        "staffing:demand-edit",
        ("skill-demands",),
        lambda t: {"skill": _o(t, "skill-demands").skill_id, "level": 3, "fte": "1.50"},
        lambda t: SkillDemand.objects.get(pk=_o(t, "skill-demands").pk).fte,
        writers=PROJECT_WRITERS,
        edits="skill-demands",
    ),
    Write(
        "staffing:demand-delete",
        ("skill-demands",),
        lambda t: {},
        lambda t: SkillDemand.objects.filter(pk=_o(t, "skill-demands").pk).exists(),
        writers=PROJECT_WRITERS,
    ),
]


def test_every_write_page_of_staffing_is_here():
    from staffing.urls import urlpatterns

    write_names = {
        f"staffing:{p.name}" for p in urlpatterns if p.name.endswith(("-create", "-edit", "-delete"))
    }
    assert write_names == {w.name for w in WRITES}


@pytest.mark.django_db
@pytest.mark.usefixtures("class_world")  # built before the test's savepoint, once for the class
class TestEveryWriteForEveryRole:
    @pytest.mark.parametrize("role", ROLES)
    @pytest.mark.parametrize("write", WRITES, ids=[w.id for w in WRITES])
    def test_a_valid_write_does_what_the_role_table_says(self, request, db, write, role):
        world = request.getfixturevalue("class_world")
        town = world.a
        args = [*([write.kind] if write.kind else []), *(_o(town, key).pk for key in write.objects)]
        data = write.data(town)
        if write.edits:
            data["version"] = etag(type(_o(town, write.edits)).objects.get(pk=_o(town, write.edits).pk))
        client = Client()
        client.force_login(world.users[role])
        before = write.effect(town)
        response = client.post(reverse(write.name, args=args), data)
        after = write.effect(town)
        if role in write.writers:
            assert response.status_code == 302, (response.status_code, _errors(response))
            assert after != before
        else:
            assert response.status_code in {403, 404}, response.status_code
            assert after == before


def _errors(response) -> object:
    form = (response.context or {}).get("form") if response.status_code == 200 else None
    return form.errors if form is not None else response.content[:300]
