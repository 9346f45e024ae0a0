"""Small staffing data for the page and privacy tests."""

from __future__ import annotations

import datetime
import itertools

import pytest

from municipalities.models import OrgUnit
from portfolio.models import Status
from staffing.catalogue import CATEGORIES, PROFICIENCY, SKILLS, install
from staffing.models import ProficiencyLevel, Skill, SkillCategory, SkillDemand, StaffMember, StaffSkill
from tests.portfolio.conftest import make_project

_numbers = itertools.count(1)


@pytest.fixture(autouse=True)
def catalogue(db):
    if Skill.objects.count() != len(SKILLS):  # flushed by a transactional test before
        install(SkillCategory=SkillCategory, Skill=Skill, ProficiencyLevel=ProficiencyLevel)
    assert SkillCategory.objects.count() == len(CATEGORIES) and ProficiencyLevel.objects.count() == len(
        PROFICIENCY
    )


def skill(code: str = "process-modelling") -> Skill:
    return Skill.objects.get(code=code)


def add_staff(
    municipality, *, n: int, skill_code: str = "process-modelling", level: int = 3, unit=None, **fields
):
    unit = unit or OrgUnit.objects.filter(municipality=municipality).first()
    made = []
    for _ in range(n):
        member = StaffMember.objects.create(
            municipality=municipality,
            personnel_number=f"P-{next(_numbers):05d}",
            org_unit=unit,
            job_title="Sachbearbeitung",
            **fields,
        )
        StaffSkill.objects.create(
            staff=member, skill=skill(skill_code), level=level, assessed_on=datetime.date(2026, 1, 1)
        )
        made.append(member)
    return made


def add_demand(municipality, *, skill_code: str = "process-modelling", level: int = 3, fte="2.0"):
    project = make_project(
        municipality,
        title=f"Projekt {next(_numbers)}",
        status=Status.IN_PROGRESS,
        planned_start=datetime.date(2026, 1, 1),
        planned_end=datetime.date(2028, 12, 31),
    )
    return SkillDemand.objects.create(project=project, skill=skill(skill_code), level=level, fte=fte)
