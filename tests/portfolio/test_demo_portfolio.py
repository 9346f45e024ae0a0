"""Musterstadt's demo portfolio: a realistic service register and portfolio, valid data, idempotent."""

import datetime
import io
import itertools
import re
from collections import Counter, defaultdict
from decimal import Decimal

import pandas as pd
import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from guardian.shortcuts import get_perms

from municipalities.models import Municipality
from portfolio import demo, impact
from portfolio.models import (
    STARTED,
    Contribution,
    Dependency,
    Funding,
    Milestone,
    Project,
    ProjectCost,
    ProjectUserObjectPermission,
    Service,
    ServiceChange,
    Status,
    StatusReport,
    SubjectArea,
    dependency_cycle,
)
from strategy import demo as strategy_demo
from strategy.models import Goal, StrategyStatus

SERVICE_COLUMNS = [
    "id",
    "level",
    "model_version",
    "handling",
    "e_file",
    "cases_per_year",
    "staff_minutes",
    "citizen_minutes",
]


@pytest.fixture
def town(db) -> Municipality:
    call_command("demo", stdout=io.StringIO())
    return Municipality.objects.get(name="Musterstadt")


def frame(rows, columns: list[str]) -> pd.DataFrame:
    return pd.DataFrame.from_records(list(rows.values_list(*columns)), columns=columns, coerce_float=True)


def counts() -> dict[str, int]:
    models = (Service, Project, ServiceChange, ProjectCost, Dependency, StatusReport, Milestone, Contribution)
    rows = {model.__name__: model.objects.count() for model in models}
    return rows | {
        "Service history": Service.history.count(),
        "Project history": Project.history.count(),
        "grants": ProjectUserObjectPermission.objects.count(),
    }


def test_the_register_is_that_of_a_town_of_sixty_thousand(town):
    services = Service.objects.filter(municipality=town)
    assert 75 <= services.count() <= 85
    assert set(services.values_list("subject_area", flat=True)) == set(
        SubjectArea.objects.values_list("pk", flat=True)
    )
    keys = [key for key in services.values_list("leika_key", flat=True) if key]
    assert len(keys) >= 40
    assert len(keys) == len(set(keys))
    assert all(re.fullmatch(r"99\d{12}", key) for key in keys)
    assert not services.filter(org_unit__isnull=True).exists()
    assert not services.exclude(org_unit__municipality=town).exists()
    old_model = services.filter(model_version="1")
    assert 12 <= old_model.count() <= 18
    assert max(old_model.values_list("level", flat=True)) <= 4
    assert services.filter(reuse_kind="efa").exclude(reuse_source="").count() >= 3
    cases = dict(services.values_list("name", "cases_per_year"))
    for name, low, high in [
        ("Personalausweis beantragen", 5000, 7000),
        ("Meldebescheinigung beantragen", 1000, 9999),
        ("Hund zur Hundesteuer anmelden", 100, 999),
        ("Baugenehmigung beantragen", 100, 999),
        ("Gewerbe anmelden", 500, 900),
        ("Wohngeld beantragen", 700, 1100),
        ("Bewohnerparkausweis beantragen", 2000, 3000),
        ("Kita-Platz anmelden", 600, 1000),
        ("Eheschließung anmelden", 200, 400),
        ("Sperrmüll anmelden", 3000, 5000),
    ]:
        assert low <= cases[name] <= high, name


def test_much_is_paper_behind_the_portal_and_little_is_digital_end_to_end(town):
    levels = impact.service_levels(services=frame(Service.objects.filter(municipality=town), SERVICE_COLUMNS))
    assert 25 <= levels["paper_behind_portal"].sum() <= 35
    assert 6 <= (levels["back_level"] == 3).sum() <= 10
    assert (levels["front_level"] == 0).sum() >= 3  # offline: an appointment at the counter only
    assert (levels["front_level"] == 3).sum() > len(levels) / 2


def test_every_status_appears_with_plausible_dates_money_and_duties(town):
    projects = Project.objects.filter(municipality=town)
    assert 38 <= projects.count() <= 42
    statuses = Counter(projects.values_list("status", flat=True))
    assert set(statuses) == set(Status.values)
    assert statuses[Status.IDEA] >= 2 and statuses[Status.PROPOSED] >= 2  # what the council must not see
    assert statuses[Status.CANCELLED] == 1
    assert set(projects.values_list("layer", flat=True)) == {"front_end", "back_end", "end_to_end"}
    for project in projects:
        assert project.org_unit.municipality == town
        assert 2024 <= project.planned_start.year <= project.planned_end.year <= 2028
        assert (project.actual_start is not None) == (project.status in STARTED), project.title
        assert (project.actual_end is not None) == (project.status == Status.COMPLETED), project.title
        years = list(ProjectCost.objects.filter(project=project).values_list("year", flat=True))
        assert years and min(years) == project.planned_start.year and max(years) <= 2028, project.title
    duties = projects.filter(mandatory=True)
    assert duties.count() >= 4 and not duties.filter(legal_basis="").exists()
    assert duties.exclude(legal_deadline=None).exists()
    grants = projects.filter(funding=Funding.GRANT)
    assert grants.count() >= 3 and all(0 < p.own_share_percent < 100 for p in grants)
    assert projects.exclude(reuse_kind="").count() >= 3

    def total(title: str) -> int:
        costs = ProjectCost.objects.filter(project__title=title)
        return sum(int(cost.invest) for cost in costs) + int(projects.get(title=title).external_cost)

    assert total("Online-Hundesteuer") < 100_000
    assert total("E-Akte im Bauordnungsamt") > 500_000


def test_service_changes_are_valid_and_mostly_match_the_chosen_layer(town):
    changes = ServiceChange.objects.filter(project__municipality=town).select_related("project", "service")
    for change in changes:
        change.full_clean()
    per_project = Counter(change.project_id for change in changes)
    assert len(per_project) >= 25
    assert all(1 <= n <= 6 for n in per_project.values())

    projects = Project.objects.filter(municipality=town)
    result = impact.project_impact(
        services=frame(Service.objects.filter(municipality=town), SERVICE_COLUMNS),
        changes=frame(changes, impact.CHANGE_COLUMNS),
        projects=frame(projects, ["id", "layer"]),
    )
    assert 2 <= result["layer_differs"].sum() <= 3
    implied = result["implied_layer"].dropna()
    assert (implied == result.loc[implied.index, "layer"]).sum() >= 20
    assert result["staff_hours_saved"].sum() > 10_000


def test_the_project_lead_may_change_exactly_the_projects_it_leads(town):
    lead = get_user_model().objects.get(username="projektleitung")
    led = set(Project.objects.filter(municipality=town, lead=lead))
    assert 4 <= len(led) <= 6
    granted = set(
        Project.objects.filter(
            pk__in=ProjectUserObjectPermission.objects.filter(
                user=lead, permission__codename="change_project"
            ).values("content_object")
        )
    )
    assert granted == led
    assert all("change_project" in get_perms(lead, project) for project in led)
    others = Project.objects.filter(municipality=town).exclude(lead=lead)
    assert others.filter(lead__isnull=True).exists()
    assert others.filter(lead__username="strategie").exists()


def test_dependencies_form_no_cycle(town):
    dependencies = list(
        Dependency.objects.filter(project__municipality=town).select_related("project", "requires")
    )
    assert 8 <= len(dependencies) <= 15
    for dependency in dependencies:
        assert dependency_cycle(dependency.project, dependency.requires) is None
    requires = defaultdict(set)
    for dependency in dependencies:
        requires[dependency.project_id].add(dependency.requires_id)
    nodes = set(requires) | {d.requires_id for d in dependencies}
    done: set[int] = set()
    while nodes - done:  # peel off projects whose requirements are all done; a cycle would stall
        ready = {node for node in nodes - done if requires[node] <= done}
        assert ready, "dependency cycle"
        done |= ready
    bauantrag = Project.objects.get(municipality=town, title="Digitaler Bauantrag")
    assert {d.requires.title for d in dependencies if d.project == bauantrag} >= {
        "Prozessmodellierung Baugenehmigungsverfahren",
        "E-Akte im Bauordnungsamt",
    }


def test_reports_milestones_and_contributions_follow_the_projects(town):
    projects = Project.objects.filter(municipality=town)
    lights = Counter()
    for project in projects:
        reports = list(StatusReport.objects.filter(project=project).order_by("date"))
        milestones = Milestone.objects.filter(project=project)
        if project.status in STARTED:
            assert 1 <= len(reports) <= 4, project.title
            assert all(project.actual_start < r.date <= datetime.date(2026, 10, 31) for r in reports)
            for earlier, later in itertools.pairwise(reports):
                assert earlier.percent_complete <= later.percent_complete
                assert earlier.spent_to_date <= later.spent_to_date
            assert all(r.summary and r.next_steps for r in reports)
            lights.update(r.overall for r in reports)
        else:
            assert not reports, project.title
        if project.status == Status.COMPLETED:
            assert reports[-1].percent_complete == 100
        if project.status in (Status.APPROVED, *STARTED):
            assert 2 <= milestones.count() <= 4, project.title
        else:
            assert not milestones.exists(), project.title
        contributions = Contribution.objects.filter(project=project)
        assert 1 <= contributions.count() <= 2, project.title
        assert all(1 <= c.weight <= 3 for c in contributions)
    assert lights["yellow"] >= 3 and lights["red"] >= 2 and lights["green"] > lights["yellow"]
    milestones = Milestone.objects.filter(project__municipality=town)
    assert milestones.exclude(done_date=None).count() >= 10
    assert milestones.filter(done_date=None, due_date__lt=demo.AS_OF).count() >= 3  # overdue
    adopted = Goal.objects.filter(
        field__strategy__municipality=town,
        field__strategy__title=strategy_demo.TITLE,
        field__strategy__status=StrategyStatus.ADOPTED,
    )
    goals = set(Contribution.objects.filter(project__municipality=town).values_list("goal", flat=True))
    assert goals <= set(adopted.values_list("pk", flat=True))
    assert len(goals) >= 12


def test_a_second_run_changes_nothing(town):
    before = counts()
    call_command("demo", stdout=io.StringIO())
    assert counts() == before


def test_demo_has_an_active_scoring_model_with_ratings(town):
    from portfolio.models import Assessment, ScoringModel

    model = ScoringModel.objects.get(municipality__name="Musterstadt", active=True)
    assert sum(model.criteria.values_list("weight", flat=True)) == Decimal(1)
    rated = Assessment.objects.filter(criterion__model=model)
    assert (
        rated.filter(criterion__key="urgency").count()
        == Project.objects.filter(municipality=model.municipality).count()
    )
    # Exactly one project waits for its risk rating: the ranking shows it as missing, not as zero.
    assert (
        Project.objects.filter(municipality=model.municipality)
        .exclude(assessments__criterion__key="risk")
        .count()
        == 1
    )
