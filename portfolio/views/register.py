"""Pages of the portfolio app (DESIGN.md §4 portfolio, §5 impact): the service register, the maturity map,
projects with their status reports, milestones, dependencies, service changes and goal contributions, and
the front-end/back-end balance.

Reads go through ``selectors`` (scoped, prefetched), figures through ``impact`` and charts through
``charts``; a project lead edits the projects granted to it, which the gate resolves (404 otherwise).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import ProtectedError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from municipalities.access import PORTFOLIO, Action
from municipalities.listing import Column, Listing
from municipalities.models import OrgUnit
from municipalities.presentation import figure_json
from municipalities.query import parse_id, parse_number
from municipalities.views import area_required

from .. import actions, charts, selectors
from ..forms import (
    ContributionForm,
    DependencyForm,
    MilestoneForm,
    ProjectCostForm,
    ProjectForm,
    ServiceChangeForm,
    ServiceForm,
    StatusReportForm,
)
from ..models import (
    CONFIRMED_TRANSITIONS,
    Contribution,
    Dependency,
    Layer,
    Milestone,
    Project,
    ProjectCost,
    Service,
    ServiceChange,
    Status,
    StatusReport,
    SubjectArea,
)


def _ctx(request) -> dict:
    return {"user": request.user, "municipality": request.tenancy.municipality}


FRONT_LEVEL_LABELS = [
    gettext_lazy("0 offline"),
    gettext_lazy("1 information"),
    gettext_lazy("2 form assistant"),
    gettext_lazy("3 online application"),
]
BACK_LEVEL_LABELS = [
    gettext_lazy("0 paper"),
    gettext_lazy("1 digital with media break"),
    gettext_lazy("2 automated into the procedure"),
    gettext_lazy("3 digital end to end"),
]


@area_required(PORTFOLIO)
def index(request: HttpRequest) -> HttpResponse:
    """The portfolio starts at its project list."""
    return project_list(request)


# --- services -------------------------------------------------------------------------------------------


# The register's columns (municipalities/listing.py); "hours", the selector's order, is the default.
SERVICE_COLUMNS = (
    Column("name", gettext_lazy("Service"), "service.name"),
    Column("leika", gettext_lazy("LeiKa key"), "service.leika_key", optional=True, hidden=True),
    Column(
        "area",
        gettext_lazy("Subject area"),
        "service.subject_area.name",
        sort_value="service.subject_area.position",
    ),
    Column("unit", gettext_lazy("Unit"), "service.org_unit.name", optional=True),
    Column("cases", gettext_lazy("Cases/year"), "service.cases_per_year", numeric=True),
    Column("hours", gettext_lazy("Staff hours/year"), "staff_hours", numeric=True),
    Column("maturity", gettext_lazy("Maturity"), "service.level_label", optional=True, hidden=True),
    Column("front", gettext_lazy("Front"), "front_level"),
    Column("back", gettext_lazy("Back"), "back_level"),
    Column(
        "paper", gettext_lazy("paper behind the portal"), "paper_behind_portal", optional=True, hidden=True
    ),
    Column(
        "after",
        gettext_lazy("After planned projects"),
        lambda row: f"{row.front_level_after}/{row.back_level_after}",
        optional=True,
        sortable=False,
    ),
)


@area_required(PORTFOLIO)
def service_list(request: HttpRequest) -> HttpResponse:
    get = request.GET
    filters = selectors.ServiceFilters(
        subject_area=parse_id(get.get("area")),
        org_unit=parse_id(get.get("unit")),
        front_level=parse_number(get.get("front"), high=len(FRONT_LEVEL_LABELS) - 1),
        back_level=parse_number(get.get("back"), high=len(BACK_LEVEL_LABELS) - 1),
        paper_behind_portal=get.get("paper") == "1",
        search=get.get("q", "").strip(),
    )
    register = selectors.service_register(**_ctx(request), filters=filters)
    listing = Listing(request, register.rows, SERVICE_COLUMNS, default_sort="-hours", title=_("Services"))
    if export := listing.export_response():
        return export
    return render(
        request,
        "portfolio/service_list.html",
        {
            "listing": listing,
            "rows": listing.page,
            "filters": filters,
            "areas": SubjectArea.objects.all(),
            "units": OrgUnit.objects.for_user(request.user, municipality=request.tenancy.municipality),
            "front_levels": list(enumerate(FRONT_LEVEL_LABELS)),
            "back_levels": list(enumerate(BACK_LEVEL_LABELS)),
            "total_hours": register.total_staff_hours,
            "paper_count": register.paper_count,
            "can_edit": request.tenancy.can(PORTFOLIO, Action.CHANGE),
        },
    )


@area_required(PORTFOLIO)
def service_detail(request: HttpRequest, pk: int) -> HttpResponse:
    service = get_object_or_404(selectors.service_get(**_ctx(request), pk=pk))
    page = selectors.service_page(**_ctx(request), service=service)
    levels = page.levels
    return render(
        request,
        "portfolio/service_detail.html",
        {
            "service": service,
            "levels": levels,
            "front_label": FRONT_LEVEL_LABELS[int(levels.get("front_level", 0))],
            "back_label": BACK_LEVEL_LABELS[int(levels.get("back_level", 0))],
            "front_after_label": FRONT_LEVEL_LABELS[int(levels.get("front_level_after", 0))],
            "back_after_label": BACK_LEVEL_LABELS[int(levels.get("back_level_after", 0))],
            "staff_hours": page.staff_hours,
            "citizen_hours": page.citizen_hours,
            "changes": page.changes,
            "can_edit": request.tenancy.can(PORTFOLIO, Action.CHANGE),
        },
    )


def _save_form(request, form, *, title: str, back, template: str = "portfolio/form.html", extra=None):
    if request.method == "POST" and form.is_valid():
        try:
            saved = form.save()
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Saved."))
            return redirect(back(saved))
    return render(request, template, {"form": form, "title": title, **(extra or {})})


@area_required(PORTFOLIO, Action.ADD)
def service_create(request: HttpRequest) -> HttpResponse:
    form = ServiceForm(request.POST or None, municipality=request.tenancy.municipality)
    return _save_form(request, form, title=_("New service"), back=_service_url)


def _service_url(service: Service) -> str:
    return reverse("portfolio:service", args=[service.pk])


@area_required(PORTFOLIO, Action.CHANGE)
def service_edit(request: HttpRequest, pk: int) -> HttpResponse:
    service = get_object_or_404(selectors.service_get(**_ctx(request), pk=pk, action=Action.CHANGE))
    form = ServiceForm(request.POST or None, instance=service, municipality=request.tenancy.municipality)
    return _save_form(
        request,
        form,
        title=f"{_('Edit service')}: {service.name}",
        back=_service_url,
        extra={"cancel": _service_url(service)},
    )


@area_required(PORTFOLIO, Action.DELETE)
def service_delete(request: HttpRequest, pk: int) -> HttpResponse:
    service = get_object_or_404(selectors.service_get(**_ctx(request), pk=pk, action=Action.DELETE))
    if request.method == "POST":
        service.delete()
        messages.success(request, _("Deleted."))
        return redirect("portfolio:services")
    return render(
        request,
        "portfolio/confirm_delete.html",
        {
            "object": service,
            "cancel": _service_url(service),
            "consequence": _("The changes projects plan for this service are deleted with it."),
        },
    )


# --- maturity map ---------------------------------------------------------------------------------------


def _map_labels() -> dict:
    return {
        "title": _("Services: front end against back end"),
        "front": _("Front-end level (how citizens apply)"),
        "back": _("Back-end level (how the case is worked)"),
        "now": _("now"),
        "after": _("after the planned projects"),
        "paper_behind_portal": _("paper behind the portal"),
        "front_levels": [str(label) for label in FRONT_LEVEL_LABELS],
        "back_levels": [str(label) for label in BACK_LEVEL_LABELS],
        "cases": _("cases per year"),
    }


@area_required(PORTFOLIO)
def maturity_map(request: HttpRequest) -> HttpResponse:
    mapped = selectors.maturity_map(**_ctx(request))
    share_figures = []
    for side, title, level_labels in (
        ("front", _("Share of services per front-end level, by subject area"), FRONT_LEVEL_LABELS),
        ("back", _("Share of services per back-end level, by subject area"), BACK_LEVEL_LABELS),
    ):
        figure = charts.level_share_figure(
            shares=mapped.shares,
            side=side,
            labels={
                "title": title,
                "levels": [str(x) for x in level_labels],
                "now": _("now"),
                "after": _("after the planned projects"),
                "share": _("share of services (%)"),
            },
        )
        share_figures.append({"id": f"shares-{side}", "title": title, "json": figure_json(figure)})
    return render(
        request,
        "portfolio/map.html",
        {
            "map_json": figure_json(
                charts.maturity_map_figure(services=mapped.services, labels=_map_labels())
            ),
            "share_figures": share_figures,
            "rows": mapped.services.to_dict("records"),
            "moved_count": mapped.moved_count,
            "paper_count": mapped.paper_count,
            "paper_after_count": mapped.paper_after_count,
            "front_levels": [str(x) for x in FRONT_LEVEL_LABELS],
            "back_levels": [str(x) for x in BACK_LEVEL_LABELS],
        },
    )


# --- projects -------------------------------------------------------------------------------------------


# The project list's columns (municipalities/listing.py); the selector orders by title. Effort and citizen
# hours start hidden so that the table fits a 1,366 px screen; "Spalten" shows them.
_STATUS_ORDER = {value: position for position, value in enumerate(Status.values)}
PROJECT_COLUMNS = (
    Column("title", gettext_lazy("Project"), "project.title"),
    Column("layer", gettext_lazy("Layer"), "project.get_layer_display"),
    Column(
        "status",
        gettext_lazy("Status"),
        "project.get_status_display",
        sort_value=lambda row: _STATUS_ORDER.get(row.project.status),
    ),
    Column("unit", gettext_lazy("Unit"), "project.org_unit.name", optional=True),
    Column("cost", gettext_lazy("Cost (EUR)"), "cost", numeric=True),
    Column(
        "effort",
        gettext_lazy("Effort (person-days)"),
        "project.internal_effort_days",
        numeric=True,
        optional=True,
        hidden=True,
    ),
    Column(
        "staff_hours",
        gettext_lazy("Staff hours saved/year"),
        "staff_hours_saved",
        numeric=True,
        optional=True,
    ),
    Column(
        "citizen_hours",
        gettext_lazy("Citizen hours saved/year"),
        "citizen_hours_saved",
        numeric=True,
        optional=True,
        hidden=True,
    ),
)


@area_required(PORTFOLIO)
def project_list(request: HttpRequest) -> HttpResponse:
    get = request.GET
    filters = selectors.ProjectFilters(
        layer=get.get("layer", "") if get.get("layer") in Layer.values else "",
        status=get.get("status", "") if get.get("status") in Status.values else "",
        org_unit=parse_id(get.get("unit")),
        field=parse_id(get.get("field")),
        search=get.get("q", "").strip(),
    )
    table = selectors.project_table(**_ctx(request), filters=filters)
    listing = Listing(request, table.rows, PROJECT_COLUMNS, default_sort="title", title=_("Projects"))
    if export := listing.export_response():
        return export
    return render(
        request,
        "portfolio/project_list.html",
        {
            "listing": listing,
            "table": table,
            "filters": filters,
            "layers": Layer.choices,
            "statuses": Status.choices,
            "units": OrgUnit.objects.for_user(request.user, municipality=request.tenancy.municipality),
            "fields": selectors.project_fields(**_ctx(request)),
            "layer_labels": dict(Layer.choices),
            "can_add": request.tenancy.can(PORTFOLIO, Action.ADD),
        },
    )


@area_required(PORTFOLIO)
def project_detail(request: HttpRequest, pk: int) -> HttpResponse:
    project = get_object_or_404(selectors.project_get(**_ctx(request), pk=pk))
    page = selectors.project_page(**_ctx(request), project=project)
    can_edit = selectors.project_get(**_ctx(request), pk=pk, action=Action.CHANGE).exists()
    return render(
        request,
        "portfolio/project_detail.html",
        {
            "project": page.project,
            "impact": page.impact,
            "layer_labels": dict(Layer.choices),
            "changes": page.changes,
            "front_levels": [str(x) for x in FRONT_LEVEL_LABELS],
            "back_levels": [str(x) for x in BACK_LEVEL_LABELS],
            "costs": page.costs,
            "cost_total": page.total_cost,
            "can_edit": can_edit,
            "can_manage": request.tenancy.can(PORTFOLIO, Action.CHANGE),
            "can_delete": request.tenancy.can(PORTFOLIO, Action.DELETE),
        },
    )


def _project_url(project: Project) -> str:
    return reverse("portfolio:project", args=[project.pk])


def _save_project(request, form, *, title, cancel=None):
    """Save through ``actions.project_save``, so the lead's grant follows the lead."""
    if request.method == "POST" and form.is_valid():
        project = form.save(commit=False)
        try:
            actions.project_save(project=project)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("portfolio:project", pk=project.pk)
    return render(request, "portfolio/form.html", {"form": form, "title": title, "cancel": cancel})


@area_required(PORTFOLIO, Action.ADD)
def project_create(request: HttpRequest) -> HttpResponse:
    form = ProjectForm(request.POST or None, municipality=request.tenancy.municipality)
    return _save_project(request, form, title=_("New project"))


@area_required(PORTFOLIO)
def project_edit(request: HttpRequest, pk: int) -> HttpResponse:
    project = get_object_or_404(selectors.project_get(**_ctx(request), pk=pk, action=Action.CHANGE))
    form = ProjectForm(
        request.POST or None,
        instance=project,
        municipality=request.tenancy.municipality,
        manage=request.tenancy.can(PORTFOLIO, Action.CHANGE),
    )
    title = f"{_('Edit project')}: {project.title}"
    return _save_project(request, form, title=title, cancel=_project_url(project))


@area_required(PORTFOLIO, Action.DELETE)
def project_delete(request: HttpRequest, pk: int) -> HttpResponse:
    project = get_object_or_404(selectors.project_get(**_ctx(request), pk=pk, action=Action.DELETE))
    if request.method == "POST":
        try:
            project.delete()
        except ProtectedError:
            messages.error(request, _("This project is still referenced and cannot be deleted."))
            return redirect("portfolio:project", pk=project.pk)
        messages.success(request, _("Deleted."))
        return redirect("portfolio:projects")
    return render(
        request,
        "portfolio/confirm_delete.html",
        {
            "object": project,
            "cancel": _project_url(project),
            "consequence": _(
                "Its status reports, milestones, yearly costs, service changes, dependencies and goal "
                "contributions are deleted with it."
            ),
        },
    )


@area_required(PORTFOLIO)
@require_POST
def project_transition(request: HttpRequest, pk: int) -> HttpResponse:
    project = get_object_or_404(selectors.project_get(**_ctx(request), pk=pk, action=Action.CHANGE))
    status = request.POST.get("status", "")
    if status not in Status.values:
        messages.error(request, _("Unknown status."))
        return redirect("portfolio:project", pk=pk)
    consequence = CONFIRMED_TRANSITIONS.get(status)
    if consequence and status in project.next_statuses and request.POST.get("confirmed") != "yes":
        # Still POST only: the confirmation page posts the same form again, confirmed.
        return render(
            request,
            "portfolio/confirm_transition.html",
            {
                "project": project,
                "status": Status(status),
                "consequence": consequence,
                "cancel": _project_url(project),
            },
        )
    try:
        actions.project_transition(project=project, status=status)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Status changed to “%(status)s”.") % {"status": Status(status).label})
    return redirect("portfolio:project", pk=pk)


# --- a project's rows ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Part:
    model: type
    form: type
    add_title: str
    edit_title: str


PARTS: dict[str, Part] = {
    "status-report": Part(
        StatusReport, StatusReportForm, gettext_lazy("New status report"), gettext_lazy("Edit status report")
    ),
    "milestone": Part(
        Milestone, MilestoneForm, gettext_lazy("New milestone"), gettext_lazy("Edit milestone")
    ),
    "cost": Part(
        ProjectCost, ProjectCostForm, gettext_lazy("New yearly cost"), gettext_lazy("Edit yearly cost")
    ),
    "service-change": Part(
        ServiceChange,
        ServiceChangeForm,
        gettext_lazy("New service change"),
        gettext_lazy("Edit service change"),
    ),
    "dependency": Part(
        Dependency, DependencyForm, gettext_lazy("New dependency"), gettext_lazy("Edit dependency")
    ),
    "contribution": Part(
        Contribution,
        ContributionForm,
        gettext_lazy("New contribution to a goal"),
        gettext_lazy("Edit contribution"),
    ),
}


ANCHORS = {
    "status-report": "status-reports",
    "milestone": "milestones",
    "cost": "costs",
    "service-change": "service-changes",
    "dependency": "dependencies",
    "contribution": "contributions",
}


def _part(kind: str) -> Part:
    if kind not in PARTS:
        raise Http404
    return PARTS[kind]


@area_required(PORTFOLIO)
def part_edit(request: HttpRequest, kind: str, project_pk: int | None = None, pk: int | None = None):
    """Add (``project_pk``) or edit (``pk``) a row of a project the user may change; 404 otherwise."""
    part = _part(kind)
    if pk is None:
        project = get_object_or_404(
            selectors.project_get(**_ctx(request), pk=project_pk, action=Action.CHANGE)
        )
        instance = None
    else:
        instance = get_object_or_404(
            part.model.objects.for_user(
                request.user, Action.CHANGE, municipality=request.tenancy.municipality
            ).select_related("project"),
            pk=pk,
        )
        project = instance.project
    form = part.form(
        request.POST or None, instance=instance, municipality=request.tenancy.municipality, parent=project
    )
    if request.method == "POST" and form.is_valid():
        row = form.save(commit=False)
        try:
            if isinstance(row, StatusReport):
                actions.status_report_record(report=row, by=request.user)
            else:
                row.full_clean()
                row.save()
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Saved."))
            return redirect(_project_url(project) + f"#{ANCHORS[kind]}")
    title = part.add_title if instance is None else part.edit_title
    return render(
        request,
        "portfolio/form.html",
        {"form": form, "title": f"{title}: {project.title}", "cancel": _project_url(project)},
    )


@area_required(PORTFOLIO)
def part_delete(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    part = _part(kind)
    instance = get_object_or_404(
        part.model.objects.for_user(
            request.user, Action.CHANGE, municipality=request.tenancy.municipality
        ).select_related("project"),
        pk=pk,
    )
    back = _project_url(instance.project)
    if request.method == "POST":
        instance.delete()
        messages.success(request, _("Deleted."))
        return redirect(back)
    return render(request, "portfolio/confirm_delete.html", {"object": instance, "cancel": back})


# --- balance ----------------------------------------------------------------------------------------


@area_required(PORTFOLIO)
def balance(request: HttpRequest) -> HttpResponse:
    per_layer, per_year = selectors.layer_balance(**_ctx(request))
    layer_labels = {value: str(label) for value, label in Layer.choices}
    figure = charts.layer_balance_figure(
        per_layer=per_layer,
        labels={
            "title": _("Front end, back end and end to end: cost and staff hours saved"),
            "layers": layer_labels,
            "cost": _("cost (EUR)"),
            "staff_hours_saved": _("staff hours saved per year"),
        },
    )
    years = sorted(per_year["year"].unique().tolist()) if not per_year.empty else []
    by_year = {(int(r["year"]), r["layer"]): r["cost"] for r in per_year.to_dict("records")}
    year_rows = [
        {"year": y, "cells": [by_year.get((y, layer), 0.0) for layer in Layer.values]} for y in years
    ]
    return render(
        request,
        "portfolio/balance.html",
        {
            "rows": [
                {"layer": layer, "label": layer_labels[layer], **per_layer.loc[layer].to_dict()}
                for layer in Layer.values
            ],
            "year_rows": year_rows,
            "layer_names": [layer_labels[layer] for layer in Layer.values],
            "figure_json": figure_json(figure),
        },
    )
