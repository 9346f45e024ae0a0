"""Musterstadt's demo staff: a realistic workforce with an ageing core, rare skills and gaps in 2027."""

import datetime
import io
import re
from collections import Counter
from decimal import Decimal

import pandas as pd
import pytest
from django.core.management import call_command

from municipalities.models import Municipality
from portfolio.models import Project, Status
from staffing import catalogue
from staffing.demo import AS_OF
from staffing.models import (
    EmploymentType,
    ExitReason,
    RoleProfile,
    RoleProfileSkill,
    Skill,
    SkillDemand,
    SkillSource,
    StaffMember,
    StaffSkill,
    Vacancy,
)

IN_FIVE_YEARS = AS_OF.replace(year=AS_OF.year + 5)
IN_TEN_YEARS = AS_OF.replace(year=AS_OF.year + 10)
PLANNED = (Status.APPROVED, Status.IN_PROGRESS, Status.ON_HOLD)  # the gap analysis's default status set


@pytest.fixture
def town(db) -> Municipality:
    call_command("demo", stdout=io.StringIO())
    return Municipality.objects.get(name="Musterstadt")


def counts() -> dict[str, int]:
    models = (StaffMember, StaffSkill, RoleProfile, RoleProfileSkill, Vacancy, SkillDemand, Skill)
    return {model.__name__: model.objects.count() for model in models}


def test_the_staff_is_that_of_a_town_of_sixty_thousand(town):
    staff = StaffMember.objects.filter(municipality=town).select_related("org_unit", "role_profile")
    assert 140 <= staff.count() <= 160
    for member in staff:
        member.full_clean()
        assert member.org_unit.municipality == town
        assert re.fullmatch(r"P-\d{5}", member.personnel_number)
    per_unit = Counter(staff.values_list("org_unit__name", flat=True))
    assert 10 <= per_unit["IT-Service"] <= 14
    assert 3 <= per_unit["Stabsstelle Digitalisierung"] <= 5
    assert 18 <= per_unit["Bürgerbüro"] <= 22
    assert len(per_unit) >= 12
    assert staff.exclude(name="").count() <= staff.count() / 10  # pseudonymous by default
    assert 0.2 <= staff.filter(fte__lt=1).count() / staff.count() <= 0.4
    assert set(staff.filter(fte__lt=1).values_list("fte", flat=True)) <= {
        Decimal("0.5"),
        Decimal("0.75"),
        Decimal("0.8"),
    }
    kinds = Counter(staff.values_list("employment_type", flat=True))
    assert set(kinds) == set(EmploymentType.values)
    employees, civil_servants = kinds[EmploymentType.EMPLOYEE], kinds[EmploymentType.CIVIL_SERVANT]
    assert employees > civil_servants > kinds[EmploymentType.TRAINEE]
    assert 3 <= kinds[EmploymentType.FIXED_TERM] <= 8
    assert 0.35 <= staff.exclude(role_profile=None).count() / staff.count() <= 0.65
    assert not staff.exclude(role_profile=None).exclude(role_profile__municipality=town).exists()


def test_a_third_leaves_within_ten_years(town):
    staff = StaffMember.objects.filter(municipality=town)
    total = staff.count()
    within_ten = staff.filter(exit_date__lte=IN_TEN_YEARS)
    assert 0.25 <= within_ten.count() / total <= 0.45
    retiring_soon = staff.filter(exit_date__lte=IN_FIVE_YEARS, exit_reason=ExitReason.RETIREMENT)
    assert 0.08 <= retiring_soon.count() / total <= 0.15
    assert not staff.filter(exit_date__lte=AS_OF).exists()
    fixed_term = staff.filter(employment_type=EmploymentType.FIXED_TERM)
    assert all(
        m.exit_reason == ExitReason.CONTRACT_END and 2027 <= m.exit_date.year <= 2028 for m in fixed_term
    )
    assert not staff.filter(employment_type=EmploymentType.TRAINEE).exclude(exit_date=None).exists()
    assert staff.exclude(exit_date=None).exclude(exit_reason__in=ExitReason.values).count() == 0


def test_skills_fit_the_jobs_and_rare_ones_hang_on_one_person_who_retires_soon(town):
    skills = StaffSkill.objects.filter(staff__municipality=town).select_related("staff", "skill")
    per_person = Counter(skills.values_list("staff_id", flat=True))
    assert len(per_person) == StaffMember.objects.filter(municipality=town).count()
    assert all(2 <= n <= 6 for n in per_person.values())
    for row in skills:
        assert datetime.date(2024, 1, 1) <= row.assessed_on <= datetime.date(2026, 12, 31)
        assert row.valid_until is None or row.source == SkillSource.CERTIFICATE
    assert set(skills.values_list("source", flat=True)) == set(SkillSource.values)
    certificates = skills.exclude(valid_until=None)
    assert certificates.filter(valid_until__lt=AS_OF).exists()
    assert certificates.filter(valid_until__gte=AS_OF).exists()

    it_ops = skills.filter(staff__org_unit__name="IT-Service", skill__category__code="it-operations")
    assert sum(it_ops.values_list("level", flat=True)) / it_ops.count() >= 3
    caseworkers = skills.filter(skill__code="e-file", staff__job_title__startswith="Sachbearbeiter/in")
    assert set(caseworkers.values_list("level", flat=True)) <= {1, 2, 3}
    assert caseworkers.filter(level__lte=2).count() > caseworkers.count() * 0.8

    high = pd.DataFrame.from_records(
        list(skills.filter(level__gte=3).values("skill__code", "staff_id", "staff__exit_date"))
    )
    holders = high.groupby("skill__code")["staff_id"].nunique()
    single = high[high["skill__code"].isin(holders[holders == 1].index)]
    leaving = single[single["staff__exit_date"].notna() & (single["staff__exit_date"] <= IN_FIVE_YEARS)]
    assert {"xoev-standards", "evb-it"} <= set(leaving["skill__code"])


def test_role_profiles_come_from_the_catalogue_with_their_target_skills(town):
    profiles = RoleProfile.objects.filter(municipality=town)
    assert set(profiles.values_list("name", flat=True)) == {name for _, name, _, _ in catalogue.ROLE_PROFILES}
    for _, name, _, targets in catalogue.ROLE_PROFILES:
        profile = profiles.get(name=name)
        assert profile.description
        assert set(profile.skills.values_list("skill__code", "target_level")) == set(targets)


def test_vacancies_and_planned_hires(town):
    vacancies = Vacancy.objects.filter(municipality=town)
    assert 5 <= vacancies.count() <= 8
    assert vacancies.filter(filled=True).count() == 1
    for vacancy in vacancies:
        vacancy.full_clean()
    expected = dict(vacancies.values_list("title", "expected_date"))
    assert expected["Informationssicherheitsbeauftragte/r"] == datetime.date(2027, 4, 1)
    assert expected["Prozessmanager/in"] == datetime.date(2027, 1, 1)


def test_skill_demands_are_valid_and_belong_to_the_planned_projects(town):
    demands = SkillDemand.objects.select_related("project", "skill")
    assert demands.count() >= 40
    for demand in demands:
        demand.full_clean()
        assert demand.project.municipality == town
        assert demand.project.status in (Status.PROPOSED, *PLANNED)
        assert 2 <= demand.level <= 4
        assert Decimal("0.1") <= demand.fte <= Decimal("1.5")
    per_project = Counter(demands.values_list("project_id", flat=True))
    planned = Project.objects.filter(municipality=town, status__in=(Status.PROPOSED, *PLANNED))
    assert set(per_project) == set(planned.values_list("pk", flat=True))
    assert all(1 <= n <= 4 for n in per_project.values())
    assert demands.filter(start=None, end=None).count() > demands.count() / 2  # mostly the project's dates


def _quarter_gaps(town, year: int) -> set[tuple[str, int]]:
    """(skill, level) whose demand in some quarter of ``year`` exceeds the FTE of the staff holding the skill
    at that level or higher (those still there at the quarter's start): demands needing level L or more can
    only be met by holders at L or more."""
    rows = SkillDemand.objects.filter(project__municipality=town, project__status__in=PLANNED)
    columns = ["skill__code", "level", "fte", "start", "end"]
    dates = ["project__planned_start", "project__planned_end"]
    demands = pd.DataFrame.from_records(list(rows.values(*columns, *dates)))
    demands["start"] = demands["start"].fillna(demands["project__planned_start"])
    demands["end"] = demands["end"].fillna(demands["project__planned_end"])
    demands["fte"] = demands["fte"].astype(float)
    holders = pd.DataFrame.from_records(
        list(
            StaffSkill.objects.filter(staff__municipality=town).values(
                "skill__code", "level", "staff__fte", "staff__exit_date"
            )
        )
    )
    holders["staff__fte"] = holders["staff__fte"].astype(float)
    gaps = set()
    for month in (1, 4, 7, 10):
        first = datetime.date(year, month, 1)
        last = (pd.Timestamp(first) + pd.offsets.QuarterEnd(0)).date()
        active = demands[(demands["start"] <= last) & (demands["end"] >= first)]
        present = holders[holders["staff__exit_date"].isna() | (holders["staff__exit_date"] >= first)]
        for code, level in set(zip(active["skill__code"], active["level"], strict=True)):
            need = active[(active["skill__code"] == code) & (active["level"] >= level)]["fte"].sum()
            able = present[(present["skill__code"] == code) & (present["level"] >= level)]
            supply = able["staff__fte"].sum()
            if need > supply + 1e-9:
                gaps.add((code, level))
    return gaps


def test_demand_exceeds_the_holders_in_2027_for_the_scarce_skills_only(town):
    gaps = {code for code, _ in _quarter_gaps(town, 2027)}
    assert len(gaps) >= 3
    assert gaps & {"process-modelling", "e-file", "xoev-standards", "it-grundschutz", "it-procurement"}
    assert not gaps & {"specialised-procedures", "ozg-services", "api-integration", "change-management"}


def test_a_second_run_changes_nothing(town):
    before = counts()
    call_command("demo", stdout=io.StringIO())
    assert counts() == before
