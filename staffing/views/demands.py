"""The skills a project needs (DESIGN.md §4 SkillDemand): added, edited and removed from the project page.

Skill demands are staffing's rows, so staffing owns their pages; the project page shows them through the
``project_skill_demands`` tag (``staffing_tags``), and portfolio, a lower layer, knows nothing of them.
Who may change a project's demands is who may change the project (strategist, admin, its lead by grant).
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from municipalities.access import PORTFOLIO, Action
from municipalities.views import area_required
from portfolio import selectors as portfolio_selectors

from .. import selectors
from ..forms import SkillDemandForm
from ..models import SkillDemand


def _back(project) -> str:
    return reverse("portfolio:project", args=[project.pk]) + "#skill-demands"


def _demand(request: HttpRequest, pk: int) -> SkillDemand:
    return get_object_or_404(
        SkillDemand.objects.for_user(
            request.user, Action.CHANGE, municipality=request.tenancy.municipality
        ).select_related("project", "skill"),
        pk=pk,
    )


@area_required(PORTFOLIO)
def demand_edit(request: HttpRequest, project_pk: int | None = None, pk: int | None = None) -> HttpResponse:
    """Add (``project_pk``) or edit (``pk``) a demand of a project the user may change; 404 otherwise."""
    if pk is None:
        project = get_object_or_404(
            portfolio_selectors.project_get(
                user=request.user,
                municipality=request.tenancy.municipality,
                pk=project_pk,
                action=Action.CHANGE,
            )
        )
        instance = None
    else:
        instance = _demand(request, pk)
        project = instance.project
    form = SkillDemandForm(
        request.POST or None, instance=instance, municipality=request.tenancy.municipality, parent=project
    )
    if request.method == "POST" and form.is_valid():
        try:
            row = form.save(commit=False)
            row.full_clean()
            row.save()
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Saved."))
            return redirect(_back(project))
    title = _("New skill demand") if instance is None else _("Edit skill demand")
    return render(
        request,
        "staffing/form.html",
        {"form": form, "title": f"{title}: {project.title}", "cancel": _back(project)},
    )


@area_required(PORTFOLIO)
def demand_delete(request: HttpRequest, pk: int) -> HttpResponse:
    instance = _demand(request, pk)
    back = _back(instance.project)
    if request.method == "POST":
        instance.delete()
        messages.success(request, _("Deleted."))
        return redirect(back)
    return render(request, "staffing/confirm_delete.html", {"object": instance, "cancel": back})


@area_required(PORTFOLIO, Action.CHANGE)
def scenario_capacity(request: HttpRequest, pk: int) -> HttpResponse:
    """The staff capacity a scenario's projects may use, entered per skill and year (``capacity_source``
    "entered"); the skills the open projects demand are offered. Saved through
    ``actions.scenario_capacity_save``."""
    from .. import actions
    from ..forms import ScenarioCapacityForm

    scenario = get_object_or_404(
        portfolio_selectors.scenario_get(
            user=request.user, municipality=request.tenancy.municipality, pk=pk, action=Action.CHANGE
        )
    )
    years, rows = selectors.scenario_capacity_table(
        user=request.user, municipality=request.tenancy.municipality, scenario=scenario
    )
    form = ScenarioCapacityForm(request.POST or None, years=years, rows=rows)
    back = reverse("portfolio:scenario", args=[scenario.pk])
    if request.method == "POST" and form.is_valid():
        try:
            actions.scenario_capacity_save(scenario=scenario, values=form.values())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Saved. Solve the scenario again to use the capacity."))
            return redirect(back)
    return render(
        request, "staffing/scenario_capacity.html", {"form": form, "scenario": scenario, "back": back}
    )
