"""Reads of the portfolio app for pages, API and reports (DESIGN.md §4 portfolio, §5 impact).

Every read starts at the scoping gate (``for_user``) and decides its prefetches here. Figures come from
``portfolio/impact.py`` on frames built with a fixed number of ``values()`` queries, however many services
and projects a municipality has: one number, one source, for pages, API and reports alike.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from django.db.models import Prefetch, Q, QuerySet

from municipalities.access import Action
from municipalities.models import Municipality
from strategy.models import FieldOfAction, Goal, Strategy, StrategyStatus
from strategy.selectors import HistoryEntry

from .. import impact, progress
from ..models import (
    COMMITTED,
    COUNCIL_VISIBLE,
    PLANNED,
    Contribution,
    Dependency,
    Layer,
    Project,
    ProjectCost,
    Service,
    ServiceChange,
    Status,
    StatusReport,
    SubjectArea,
    TrafficLight,
)

# The columns each frame of ``impact`` takes, read with ``values()`` (defined with the analysis).
SERVICE_COLUMNS = impact.SERVICE_COLUMNS
CHANGE_COLUMNS = impact.CHANGE_COLUMNS
PROJECT_COLUMNS = impact.PROJECT_COLUMNS
COST_COLUMNS = impact.COST_COLUMNS


def _frame(rows: QuerySet, columns: list[str]) -> pd.DataFrame:
    return pd.DataFrame.from_records(list(rows.values_list(*columns)), columns=columns, coerce_float=True)


# --- services ---------------------------------------------------------------------------------------


def service_list(
    *, user, municipality: Municipality, action: Action | str = Action.VIEW
) -> QuerySet[Service]:
    return Service.objects.for_user(user, action, municipality=municipality).select_related(
        "subject_area", "org_unit"
    )


def service_get(*, user, municipality, pk: int, action: Action | str = Action.VIEW) -> QuerySet[Service]:
    return service_list(user=user, municipality=municipality, action=action).filter(pk=pk)


def service_frame(services: QuerySet[Service]) -> pd.DataFrame:
    return _frame(services, SERVICE_COLUMNS)


def project_list(
    *, user, municipality: Municipality, action: Action | str = Action.VIEW
) -> QuerySet[Project]:
    return Project.objects.for_user(user, action, municipality=municipality).select_related(
        "org_unit", "lead"
    )


def project_get(*, user, municipality, pk: int, action: Action | str = Action.VIEW) -> QuerySet[Project]:
    return project_list(user=user, municipality=municipality, action=action).filter(pk=pk)


@dataclass(frozen=True)
class PortfolioImpact:
    """The impact figures of a municipality's portfolio as one user may see it.

    ``current``: per service (index service_id) the columns of ``impact.service_levels``, its levels
    and the staff and citizen hours it takes per year;
    ``levels``: per service the columns of ``impact.services_after``;
    ``projects``: per project (index project_id) the columns of ``impact.project_impact``;
    ``changes``: per service change the columns of ``impact.change_levels``;
    ``total_cost``: per project its budget, ``impact.total_cost`` (yearly costs plus external cost).
    """

    services: pd.DataFrame
    current: pd.DataFrame
    levels: pd.DataFrame
    projects: pd.DataFrame
    changes: pd.DataFrame
    project_rows: pd.DataFrame
    costs: pd.DataFrame
    total_cost: pd.Series


def portfolio_impact(*, user, municipality: Municipality) -> PortfolioImpact:
    """Impact of every visible project on every service; four queries, whatever the size."""
    services = service_frame(service_list(user=user, municipality=municipality))
    projects = project_list(user=user, municipality=municipality)
    project_rows = _frame(projects, PROJECT_COLUMNS)
    changes = _frame(ServiceChange.objects.filter(project__in=projects.values("pk")), CHANGE_COLUMNS)
    costs = _frame(ProjectCost.objects.filter(project__in=projects.values("pk")), COST_COLUMNS)
    return PortfolioImpact(
        services=services,
        current=impact.service_levels(services=services),
        levels=impact.services_after(
            services=services, changes=changes, projects=project_rows, statuses=PLANNED
        ),
        projects=impact.project_impact(services=services, changes=changes, projects=project_rows),
        changes=impact.change_levels(services=services, changes=changes),
        project_rows=project_rows,
        costs=costs,
        total_cost=impact.total_cost(projects=project_rows, costs=costs),
    )


# --- the service register ----------------------------------------------------------------------------

# Sorts the database does; "hours" (staff hours at stake, the default) is sorted on impact's figure.
SERVICE_SORTS = {
    "name": "name",
    "cases": "-cases_per_year",
    "area": "subject_area__position",
}
HOURS_SORT = "hours"


@dataclass(frozen=True)
class ServiceFilters:
    subject_area: int | None = None
    org_unit: int | None = None
    front_level: int | None = None
    back_level: int | None = None
    paper_behind_portal: bool = False
    search: str = ""
    sort: str = HOURS_SORT


@dataclass(frozen=True)
class ServiceRow:
    service: Service
    front_level: int
    back_level: int
    paper_behind_portal: bool
    staff_hours: float
    front_level_after: int
    back_level_after: int
    planned_hours_saved: float


@dataclass(frozen=True)
class ServiceRegister:
    """The register as its page shows it: the rows and the totals over them."""

    rows: list[ServiceRow]
    total_staff_hours: float
    paper_count: int


def service_register(*, user, municipality: Municipality, filters: ServiceFilters) -> ServiceRegister:
    """The register with each service's derived levels and hours, filtered and sorted (staff hours at
    stake first).

    Levels and hours come from ``impact`` (not stored), so the level filters are applied to the derived
    frame and the matching services fetched in one query: five queries in all.
    """
    figures = portfolio_impact(user=user, municipality=municipality)
    levels = figures.levels
    hours = figures.current["staff_hours_per_year"]
    services = service_list(user=user, municipality=municipality)
    if filters.subject_area:
        services = services.filter(subject_area_id=filters.subject_area)
    if filters.org_unit:
        services = services.filter(org_unit_id=filters.org_unit)
    if filters.search:
        services = services.filter(
            Q(name__icontains=filters.search) | Q(leika_key__startswith=filters.search)
        )
    keep = pd.Series(True, index=levels.index)
    if filters.front_level is not None:
        keep &= levels["front_level"] == filters.front_level
    if filters.back_level is not None:
        keep &= levels["back_level"] == filters.back_level
    if filters.paper_behind_portal:
        keep &= levels["paper_behind_portal"]
    if not keep.all():
        services = services.filter(pk__in=[int(pk) for pk in levels.index[keep]])
    order = SERVICE_SORTS.get(filters.sort)
    ordered = list(services.order_by(order, "name") if order else services.order_by("name"))
    if order is None:  # by hours; the stable sort keeps the names in order within equal hours
        ordered.sort(key=lambda service: -float(hours.get(service.pk, 0.0)))
    by_id = levels.to_dict("index")
    rows = []
    for service in ordered:
        row = by_id.get(service.pk)
        if row is None:
            continue
        rows.append(
            ServiceRow(
                service=service,
                front_level=int(row["front_level"]),
                back_level=int(row["back_level"]),
                paper_behind_portal=bool(row["paper_behind_portal"]),
                staff_hours=float(hours[service.pk]),
                front_level_after=int(row["front_level_after"]),
                back_level_after=int(row["back_level_after"]),
                planned_hours_saved=float(row["staff_hours_saved"]),
            )
        )
    return ServiceRegister(
        rows=rows,
        total_staff_hours=sum(r.staff_hours for r in rows),
        paper_count=sum(r.paper_behind_portal for r in rows),
    )


@dataclass(frozen=True)
class ServicePage:
    """One service as its page shows it: levels now and after, hours per year, the visible projects'
    changes to it, each with what ``impact.change_levels`` makes of it."""

    service: Service
    levels: dict
    staff_hours: float
    citizen_hours: float
    changes: list[tuple[ServiceChange, dict]]


def service_page(*, user, municipality: Municipality, service: Service) -> ServicePage:
    """The figures of an already scoped ``service``'s page; a fixed number of queries."""
    figures = portfolio_impact(user=user, municipality=municipality)
    levels = figures.levels.loc[service.pk].to_dict() if service.pk in figures.levels.index else {}
    now = figures.current.loc[service.pk] if service.pk in figures.current.index else None
    change_levels = figures.changes.to_dict("index")
    changes = service_changes_for(user=user, municipality=municipality, service=service)
    return ServicePage(
        service=service,
        levels=levels,
        staff_hours=float(now["staff_hours_per_year"]) if now is not None else 0.0,
        citizen_hours=float(now["citizen_hours_per_year"]) if now is not None else 0.0,
        changes=[(c, change_levels.get(c.pk, {})) for c in changes],
    )


def service_changes_for(*, user, municipality, service: Service) -> QuerySet[ServiceChange]:
    """The visible projects' changes to one service (council: approved and later only)."""
    projects = project_list(user=user, municipality=municipality)
    return (
        ServiceChange.objects.filter(service=service, project__in=projects.values("pk"))
        .select_related("project")
        .order_by("project__title")
    )


# --- projects ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ProjectFilters:
    layer: str = ""
    status: str = ""
    org_unit: int | None = None
    field: int | None = None  # a field of action of the current strategy (matched across versions)
    search: str = ""


def project_fields(*, user, municipality: Municipality) -> QuerySet[FieldOfAction]:
    """Fields of action a project list can be filtered by: those of the adopted strategy (else newest)."""
    strategies = Strategy.objects.for_user(user, municipality=municipality)
    current = (
        strategies.filter(status=StrategyStatus.ADOPTED).order_by("-version").first()
        or strategies.order_by("-created_at").first()
    )
    return FieldOfAction.objects.filter(strategy=current) if current else FieldOfAction.objects.none()


def project_filtered(*, user, municipality: Municipality, filters: ProjectFilters) -> QuerySet[Project]:
    projects = project_list(user=user, municipality=municipality)
    if filters.layer:
        projects = projects.filter(layer=filters.layer)
    if filters.status:
        projects = projects.filter(status=filters.status)
    if filters.org_unit:
        projects = projects.filter(org_unit_id=filters.org_unit)
    if filters.search:
        projects = projects.filter(title__icontains=filters.search)
    if filters.field:
        lineage = FieldOfAction.objects.filter(pk=filters.field).values("lineage")
        projects = projects.filter(contributions__goal__field__lineage__in=lineage).distinct()
    return projects.order_by("title")


@dataclass(frozen=True)
class ProjectRow:
    project: Project
    cost: float
    staff_hours_saved: float
    citizen_hours_saved: float
    implied_layer: str | None
    layer_differs: bool

    @property
    def implied_layer_label(self) -> str:
        return Layer(self.implied_layer).label if self.implied_layer else ""


@dataclass(frozen=True)
class ProjectTable:
    rows: list[ProjectRow]
    total_cost: float
    total_effort_days: int
    total_staff_hours_saved: float
    total_citizen_hours_saved: float


def project_table(*, user, municipality: Municipality, filters: ProjectFilters) -> ProjectTable:
    """The filtered project list with cost, impact and totals; a fixed number of queries."""
    figures = portfolio_impact(user=user, municipality=municipality)
    projects = list(project_filtered(user=user, municipality=municipality, filters=filters))
    by_id = figures.projects.to_dict("index")
    rows = []
    for project in projects:
        figure = by_id.get(project.pk, {})
        rows.append(
            ProjectRow(
                project=project,
                cost=float(figures.total_cost.get(project.pk, 0.0)),
                staff_hours_saved=float(figure.get("staff_hours_saved", 0.0)),
                citizen_hours_saved=float(figure.get("citizen_hours_saved", 0.0)),
                implied_layer=figure.get("implied_layer"),
                layer_differs=bool(figure.get("layer_differs", False)),
            )
        )
    return ProjectTable(
        rows=rows,
        total_cost=sum(r.cost for r in rows),
        total_effort_days=sum(r.project.internal_effort_days for r in rows),
        total_staff_hours_saved=sum(r.staff_hours_saved for r in rows),
        total_citizen_hours_saved=sum(r.citizen_hours_saved for r in rows),
    )


def project_detail(*, project: Project, user, municipality: Municipality) -> Project:
    """An already scoped project with everything its page shows, prefetched (a fixed number of queries)."""
    visible = project_list(user=user, municipality=municipality)
    return (
        Project.objects.filter(pk=project.pk)
        .select_related("org_unit", "lead", "municipality")
        .prefetch_related(
            Prefetch(
                "status_reports", queryset=StatusReport.objects.select_related("author").order_by("-date")
            ),
            "milestones",
            "costs",
            Prefetch(
                "service_changes",
                queryset=ServiceChange.objects.select_related("service__subject_area").order_by(
                    "service__name"
                ),
            ),
            Prefetch(
                "dependencies",
                queryset=Dependency.objects.filter(requires__in=visible.values("pk")).select_related(
                    "requires"
                ),
            ),
            Prefetch(
                "dependents",
                queryset=Dependency.objects.filter(project__in=visible.values("pk")).select_related(
                    "project"
                ),
            ),
            Prefetch(
                "contributions",
                queryset=Contribution.objects.filter(
                    goal__in=_visible_goals(user=user, municipality=municipality)
                ).select_related("goal__field__strategy"),
            ),
        )
        .get()
    )


@dataclass(frozen=True)
class ProjectPage:
    """One project as its page shows it: the prefetched project (``project_detail``), its impact (the
    columns of ``impact.project_impact``), its service changes each with what ``impact.change_levels``
    makes of it, its yearly costs and its total cost (``impact.total_cost``)."""

    project: Project
    impact: dict
    changes: list[tuple[ServiceChange, dict]]
    costs: list[ProjectCost]
    total_cost: float


def project_page(*, user, municipality: Municipality, project: Project) -> ProjectPage:
    """The figures of an already scoped ``project``'s page; a fixed number of queries."""
    detail = project_detail(project=project, user=user, municipality=municipality)
    figures = portfolio_impact(user=user, municipality=municipality)
    own = figures.projects.loc[detail.pk].to_dict() if detail.pk in figures.projects.index else {}
    change_levels = figures.changes.to_dict("index")
    return ProjectPage(
        project=detail,
        impact=own,
        changes=[(c, change_levels.get(c.pk, {})) for c in detail.service_changes.all()],
        costs=list(detail.costs.all()),
        total_cost=float(figures.total_cost.get(detail.pk, 0.0)),
    )


HEALTH_REPORT_COLUMNS = ["project_id", "date", "schedule", "budget", "forecast"]


def project_health(*, projects: QuerySet[Project], today) -> pd.DataFrame:
    """Which of the already scoped ``projects`` are late or over budget (``progress.project_health``
    against each project's ``impact.total_cost``), in their order, beside their title, status and planned
    end; indexed by project_id. As of ``today``: status reports dated after it are not read (a report as of
    30 June shows the lights of June). Three queries."""
    rows = _frame(projects, ["id", "title", "status", "planned_end", "external_cost"])
    costs = _frame(ProjectCost.objects.filter(project__in=projects.values("pk")), COST_COLUMNS)
    reports = _frame(
        StatusReport.objects.filter(project__in=projects.values("pk"), date__lte=today), HEALTH_REPORT_COLUMNS
    )
    health = progress.project_health(
        projects=rows,
        reports=reports,
        cost=impact.total_cost(projects=rows, costs=costs),
        today=today,
        completed=Status.COMPLETED,
        red=TrafficLight.RED,
    )
    facts = rows.set_index(pd.Index(rows["id"], name="project_id").astype("int64"))
    return facts[["title", "status", "planned_end"]].join(health)


def _visible_goals(*, user, municipality):
    return Goal.objects.for_user(user, municipality=municipality).values("pk")


def goal_contribution_frame(*, goals: QuerySet, today) -> pd.DataFrame:
    """Contributions of approved and later projects to ``goals`` (matched by lineage, so a revised strategy
    keeps the contributions made to its predecessor's goals), with the projects' completion; three queries.

    Ideas and proposals do not move a goal (the council does not see them); cancelled projects neither.
    Status reports dated after ``today`` are not read.
    """
    goal_ids = dict(goals.values_list("lineage", "pk"))
    rows = _frame(
        Contribution.objects.filter(goal__lineage__in=list(goal_ids), project__status__in=COUNCIL_VISIBLE),
        ["goal__lineage", "project_id", "weight"],
    )
    rows["goal_id"] = rows["goal__lineage"].map(goal_ids)
    rows = rows.drop_duplicates(["goal_id", "project_id"], keep="last")
    projects = _frame(
        Project.objects.filter(pk__in=list(rows["project_id"].unique())),
        ["id", "status", "planned_start", "planned_end"],
    )
    reports = _frame(
        StatusReport.objects.filter(project_id__in=list(projects["id"]), date__lte=today),
        ["project_id", "date", "percent_complete"],
    )
    completion = progress.project_completion(
        projects=projects, reports=reports, today=today, committed=COMMITTED, completed=Status.COMPLETED
    )
    return progress.goal_contributions(
        contributions=rows[["goal_id", "project_id", "weight"]], completion=completion
    )


@dataclass(frozen=True)
class MaturityMap:
    """The maturity map as its page shows it.

    ``services``: one row per service (name, cases, subject area and its levels now and after, the
    columns of ``impact.services_after``), ordered back level, front level, name; ``shares``: the share
    of services per level and subject area (``impact.level_shares``); and the counts the page states.
    """

    services: pd.DataFrame
    shares: pd.DataFrame
    moved_count: int
    paper_count: int
    paper_after_count: int


def maturity_map(*, user, municipality: Municipality) -> MaturityMap:
    """Every visible service now and after the planned projects, with the shares per subject area."""
    figures = portfolio_impact(user=user, municipality=municipality)
    names = _frame(
        service_list(user=user, municipality=municipality),
        ["id", "name", "cases_per_year", "subject_area_id"],
    )
    frame = names.join(figures.levels, on="id", how="inner")
    levels = frame.set_index("id")
    areas = {area.pk: area.name for area in SubjectArea.objects.all()}  # ``name`` in the active language
    moved = (frame["front_level_after"] != frame["front_level"]) | (
        frame["back_level_after"] != frame["back_level"]
    )
    return MaturityMap(
        services=frame.sort_values(["back_level", "front_level", "name"]),
        shares=impact.level_shares(levels=levels, groups=levels["subject_area_id"].map(areas)),
        moved_count=int(moved.sum()),
        paper_count=int(frame["paper_behind_portal"].sum()),
        paper_after_count=int(frame["paper_behind_portal_after"].sum()),
    )


def layer_balance(*, user, municipality: Municipality) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Count, cost, effort and hours saved per layer, and cost per layer and year (``impact``)."""
    figures = portfolio_impact(user=user, municipality=municipality)
    return impact.layer_balance(projects=figures.project_rows, impact=figures.projects, costs=figures.costs)


def project_history(*, projects: QuerySet[Project], since, limit: int = 50) -> list[HistoryEntry]:
    """Changes to the already scoped ``projects`` after ``since`` (django-simple-history), newest first;
    the twin of ``strategy.selectors.strategy_history``. One query."""
    rows = (
        Project.history.filter(id__in=projects.values("pk"), history_date__gt=since)
        .select_related("history_user")
        .order_by("-history_date")[:limit]
    )
    kind = str(Project._meta.verbose_name)
    return [
        HistoryEntry(
            when=e.history_date,
            user=e.history_user.get_username() if e.history_user else "",
            change=e.history_type,
            kind=kind,
            label=e.title,
        )
        for e in rows
    ]


__all__ = [
    "CHANGE_COLUMNS",
    "COST_COLUMNS",
    "HOURS_SORT",
    "PROJECT_COLUMNS",
    "SERVICE_COLUMNS",
    "SERVICE_SORTS",
    "MaturityMap",
    "PortfolioImpact",
    "ProjectFilters",
    "ProjectPage",
    "ProjectRow",
    "ProjectTable",
    "ServiceFilters",
    "ServicePage",
    "ServiceRegister",
    "ServiceRow",
    "goal_contribution_frame",
    "layer_balance",
    "maturity_map",
    "portfolio_impact",
    "project_detail",
    "project_fields",
    "project_filtered",
    "project_get",
    "project_health",
    "project_history",
    "project_list",
    "project_page",
    "project_table",
    "service_changes_for",
    "service_frame",
    "service_get",
    "service_list",
    "service_page",
    "service_register",
]
