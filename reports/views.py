"""Pages of the reports app (DESIGN.md §4 reports): council reports (page, PDF, XLSX), reporting rounds,
and the public dashboard. A report's figures come from ``selectors.report_data`` (its snapshot once
published), and the three formats render the same data."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from municipalities.access import MUNICIPALITY, REPORTS, Action
from municipalities.views import area_required
from portfolio import actions as portfolio_actions
from portfolio.forms import StatusReportForm
from strategy import actions as strategy_actions
from strategy.forms import MeasurementForm

from . import actions, selectors
from .context import report_context
from .forms import PublishForm, ReportCreateForm, ReportFileForm, RoundForm, SummaryForm
from .models import ACTIVE_FILE_STATUSES, CouncilReport, FileStatus, ReportStatus


def _ctx(request) -> dict:
    return {"user": request.user, "municipality": request.tenancy.municipality}


@area_required(REPORTS)
def index(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "reports/index.html",
        {
            "reports": selectors.report_list(**_ctx(request)),
            "rounds": selectors.round_list(**_ctx(request)),
            "can_edit": request.tenancy.can(REPORTS, Action.CHANGE),
        },
    )


@area_required(REPORTS, Action.ADD)
def report_create(request: HttpRequest) -> HttpResponse:
    form = ReportCreateForm(request.POST or None, municipality=request.tenancy.municipality)
    if request.method == "POST" and form.is_valid():
        report = actions.report_create(
            municipality=request.tenancy.municipality, user=request.user, **form.cleaned_data
        )
        messages.success(
            request, _("Draft created; the summary was written from the figures. Edit it as needed.")
        )
        return redirect("reports:report", pk=report.pk)
    return render(request, "reports/form.html", {"form": form, "title": _("New council report")})


def _body(request: HttpRequest, context: dict, report: CouncilReport) -> str:
    """The report itself in the report's language; the page around it (menus, buttons, messages) stays in
    the user's, so opening a German report in the English interface does not switch the interface."""
    with translation.override(report.language):
        return render_to_string("reports/_report_body.html", context, request=request)


@area_required(REPORTS)
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    report = get_object_or_404(selectors.report_list(**_ctx(request)), pk=pk)
    data = selectors.report_data(report=report, user=request.user)
    context = report_context(report, data) | {"can_edit": request.tenancy.can(REPORTS, Action.CHANGE)}
    context |= {"body": _body(request, context, report), **_files_context(request, report)}
    return render(request, "reports/report.html", context)


def _files_context(request, report: CouncilReport) -> dict:
    files = list(selectors.report_files(**_ctx(request), report=report)[:6])
    now = timezone.now()
    return {
        "report": report,
        "files": files,
        "stalled": {f.pk for f in files if f.stalled(now)},
        # The fragment asks again every two seconds while a file is waiting or being made.
        "polling": any(f.status in ACTIVE_FILE_STATUSES and not f.stalled(now) for f in files),
    }


@area_required(REPORTS)
def report_files(request: HttpRequest, pk: int) -> HttpResponse:
    """The report's PDF and XLSX files of the person looking: asking for one (POST, format) queues it
    (``actions.report_file_request``) and answers at once; the list shows progress until it is ready. The
    list alone is the fragment the report page polls."""
    report = get_object_or_404(selectors.report_list(**_ctx(request)), pk=pk)
    if request.method == "POST":
        form = ReportFileForm(request.POST)
        if form.is_valid():
            actions.report_file_request(report=report, user=request.user, format=form.cleaned_data["format"])
        else:
            messages.error(request, " ".join(m for errors in form.errors.values() for m in errors))
        if not request.htmx:
            return redirect(reverse("reports:report", args=[report.pk]) + "#files")
    return render(request, "reports/_files.html", _files_context(request, report))


@area_required(REPORTS)
def report_file_download(request: HttpRequest, pk: int) -> HttpResponse:
    """A ready file, for the person who asked for it (its figures are the ones that person may see)."""
    file = get_object_or_404(
        selectors.report_files(**_ctx(request)).defer(None), pk=pk, status=FileStatus.DONE
    )
    response = HttpResponse(bytes(file.content), content_type=file.content_type)
    response["Content-Disposition"] = f'attachment; filename="{file.filename}"'
    return response


@area_required(REPORTS, Action.CHANGE)
def report_edit(request: HttpRequest, pk: int) -> HttpResponse:
    report = get_object_or_404(selectors.report_list(**_ctx(request), action=Action.CHANGE), pk=pk)
    if report.is_frozen:
        messages.error(request, _("A published report cannot be changed; publish a correction instead."))
        return redirect("reports:report", pk=report.pk)
    form = SummaryForm(request.POST or None, instance=report, municipality=request.tenancy.municipality)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Saved."))
        return redirect("reports:report", pk=report.pk)
    return render(request, "reports/form.html", {"form": form, "title": _("Edit the report")})


@area_required(REPORTS, Action.CHANGE)
def report_publish(request: HttpRequest, pk: int) -> HttpResponse:
    """Publishing asks first: a page that says what publishing does, and before the period's last day that
    the figures would be frozen as of today, with a box to tick for that."""
    report = get_object_or_404(selectors.report_list(**_ctx(request), action=Action.CHANGE), pk=pk)
    if report.is_frozen:
        messages.error(request, _("Only a draft can be published."))
        return redirect("reports:report", pk=report.pk)
    today = timezone.localdate()
    early = actions.published_early(report, today)
    form = PublishForm(request.POST if request.method == "POST" else None, early=early)
    if request.method == "POST" and form.is_valid():
        try:
            actions.report_publish(report=report, user=request.user, early=early)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request, _("Published. The report's figures are frozen and council members can read it.")
            )
            return redirect("reports:report", pk=report.pk)
    return render(
        request,
        "reports/publish.html",
        {"report": report, "form": form, "early": early, "today": today},
    )


@area_required(REPORTS, Action.ADD)
@require_POST
def report_correct(request: HttpRequest, pk: int) -> HttpResponse:
    old = get_object_or_404(selectors.report_list(**_ctx(request), action=Action.CHANGE), pk=pk)
    if old.status != ReportStatus.PUBLISHED or hasattr(old, "correction"):
        raise Http404
    report = actions.report_correct(report=old, user=request.user)
    messages.success(request, _("A correction draft was created; publishing it withdraws the original."))
    return redirect("reports:report", pk=report.pk)


# --- reporting rounds ---------------------------------------------------------------------------------


@area_required(REPORTS, Action.ADD)
def round_create(request: HttpRequest) -> HttpResponse:
    form = RoundForm(request.POST or None, municipality=request.tenancy.municipality)
    if request.method == "POST" and form.is_valid():
        round = form.save()
        messages.success(request, _("Reporting round opened."))
        return redirect("reports:round", pk=round.pk)
    return render(request, "reports/form.html", {"form": form, "title": _("New reporting round")})


@area_required(REPORTS)
def round_detail(request: HttpRequest, pk: int) -> HttpResponse:
    round = get_object_or_404(selectors.round_list(**_ctx(request)), pk=pk)
    return render(
        request,
        "reports/round.html",
        {
            "round": round,
            "state": selectors.round_state(round=round, user=request.user),
            "can_edit": request.tenancy.can(REPORTS, Action.CHANGE),
        },
    )


@area_required(REPORTS, Action.CHANGE)
@require_POST
def round_close(request: HttpRequest, pk: int) -> HttpResponse:
    round = get_object_or_404(selectors.round_list(**_ctx(request), action=Action.CHANGE), pk=pk)
    actions.round_close(round=round)
    messages.success(request, _("The round is closed; figures dated in its period are locked."))
    return redirect("reports:round", pk=round.pk)


# --- public dashboard -----------------------------------------------------------------------------------


def public_index(request: HttpRequest, ags: str) -> HttpResponse:
    reports = list(selectors.public_reports(ags=ags))
    if not reports:
        raise Http404
    return render(
        request, "reports/public_index.html", {"reports": reports, "municipality": reports[0].municipality}
    )


def public_report(request: HttpRequest, ags: str, pk: int) -> HttpResponse:
    report = get_object_or_404(selectors.public_reports(ags=ags), pk=pk)
    context = report_context(report, report.snapshot) | {"public": True}
    return render(request, "reports/report.html", context | {"body": _body(request, context, report)})


# --- my updates (issue 17) ------------------------------------------------------------------------------


@area_required(MUNICIPALITY)
def my_updates(request: HttpRequest) -> HttpResponse:
    """Everything the person is asked to update: outstanding items of open rounds and overdue indicators,
    a value entered in place for each indicator."""
    updates = selectors.my_updates(**_ctx(request), today=timezone.localdate())
    for entry in updates.rounds:
        for project in entry["projects"]:  # a status report written in place, as a value is
            project.report_form = _status_report_form(request, project)
    return render(request, "reports/my_updates.html", {"updates": updates, "today": timezone.localdate()})


def _status_report_form(request: HttpRequest, project, data=None) -> StatusReportForm:
    return StatusReportForm(
        data, municipality=request.tenancy.municipality, parent=project, prefix=f"p{project.pk}"
    )


@area_required(MUNICIPALITY)
@require_POST
def my_status_report(request: HttpRequest, pk: int) -> HttpResponse:
    """A status report of a project the person leads or deputises, written on "My updates" (htmx: the
    row answers)."""
    project = get_object_or_404(selectors.owned_projects(**_ctx(request)), pk=pk)
    form = _status_report_form(request, project, request.POST)
    saved = None
    if form.is_valid():
        try:
            saved = portfolio_actions.status_report_record(report=form.save(commit=False), by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
    if not request.htmx and saved is not None:
        messages.success(request, _("Saved."))
        return redirect("reports:my-updates")
    project.report_form = form
    context = {"project": project, "saved": saved}
    return render(request, "reports/_my_project.html", context, status=200 if saved or request.htmx else 400)


@area_required(MUNICIPALITY)
@require_POST
def my_measurement(request: HttpRequest, pk: int) -> HttpResponse:
    """A value of an indicator the person owns, entered on "My updates" (htmx: the row answers)."""
    indicator = get_object_or_404(selectors.owned_indicators(**_ctx(request)), pk=pk)
    form = MeasurementForm(request.POST, indicator=indicator, prefix=f"i{indicator.pk}")
    saved = None
    if form.is_valid():
        try:
            saved = strategy_actions.measurement_record(
                indicator=indicator, by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
    if not request.htmx and saved is not None:
        messages.success(request, _("Saved."))
        return redirect("reports:my-updates")
    context = {"indicator": indicator, "form": form if saved is None else None, "saved": saved}
    return render(
        request, "reports/_my_indicator.html", context, status=200 if saved or request.htmx else 400
    )
