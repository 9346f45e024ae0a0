"""Pages of scenarios (issue 18): the list, the editor (with a budget per year), and the scenario's page —
its answer with the chosen projects and start years, budget and capacity use per year, the frontier with
the naive rule beside it — solved in the background while the page shows progress."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from municipalities.access import PORTFOLIO, Action
from municipalities.presentation import figure_json
from municipalities.views import area_required

from .. import actions, charts, selectors
from ..forms import ScenarioForm
from ..models import Scenario


def _ctx(request) -> dict:
    return {"user": request.user, "municipality": request.tenancy.municipality}


@area_required(PORTFOLIO)
def scenario_list(request: HttpRequest) -> HttpResponse:
    scenarios = selectors.scenario_list(**_ctx(request))
    return render(request, "portfolio/scenario_list.html", {"scenarios": scenarios})


def _save(request, form: ScenarioForm, *, title: str, cancel: str | None = None):
    if request.method == "POST" and form.is_valid():
        scenario = form.save(commit=False)
        try:
            with transaction.atomic():
                actions.scenario_save(scenario=scenario, budgets=form.budgets(), by=request.user)
                form.save_m2m()
        except ValidationError as error:
            form.add_error(None, error)
        else:
            planned = list(range(scenario.first_year, scenario.first_year + scenario.years))
            if set(planned) - set(form.budget_years):  # years the form did not offer: budgets to enter
                messages.info(
                    request, _("Enter the budget of each planning year (an empty amount is no limit).")
                )
                return redirect("portfolio:scenario-edit", pk=scenario.pk)
            messages.success(request, _("Saved. Solve the scenario to see its best portfolio."))
            return redirect("portfolio:scenario", pk=scenario.pk)
    return render(request, "portfolio/scenario_form.html", {"form": form, "title": title, "cancel": cancel})


@area_required(PORTFOLIO, Action.ADD)
def scenario_create(request: HttpRequest) -> HttpResponse:
    form = ScenarioForm(
        request.POST or None,
        municipality=request.tenancy.municipality,
        initial={"first_year": timezone.localdate().year + 1},
    )
    return _save(request, form, title=_("New scenario"))


@area_required(PORTFOLIO, Action.CHANGE)
def scenario_edit(request: HttpRequest, pk: int) -> HttpResponse:
    scenario = get_object_or_404(selectors.scenario_get(**_ctx(request), pk=pk, action=Action.CHANGE))
    form = ScenarioForm(request.POST or None, instance=scenario, municipality=request.tenancy.municipality)
    return _save(request, form, title=f"{_('Edit scenario')}: {scenario.name}", cancel=scenario_url(scenario))


@area_required(PORTFOLIO, Action.DELETE)
def scenario_delete(request: HttpRequest, pk: int) -> HttpResponse:
    scenario = get_object_or_404(selectors.scenario_get(**_ctx(request), pk=pk, action=Action.DELETE))
    if request.method == "POST":
        scenario.delete()
        messages.success(request, _("Deleted."))
        return redirect("portfolio:scenarios")
    return render(
        request, "portfolio/confirm_delete.html", {"object": scenario, "cancel": scenario_url(scenario)}
    )


def scenario_url(scenario: Scenario) -> str:
    from django.urls import reverse

    return reverse("portfolio:scenario", args=[scenario.pk])


def _labels() -> dict:
    return {
        "frontier": {
            "title": _("Best total score per budget level"),
            "budget": _("Budget over the planning years (EUR)"),
            "score": _("Total score"),
            "optimum": _("Optimised"),
            "naive": _("Rank order while the money lasts"),
            "current": _("this scenario's budget"),
        },
        "load": {"title": _("Use of staff capacity per year"), "year": _("Year"), "use": _("Use (%)")},
    }


@area_required(PORTFOLIO)
def scenario_detail(request: HttpRequest, pk: int) -> HttpResponse:
    scenario = get_object_or_404(
        selectors.scenario_get(**_ctx(request), pk=pk).prefetch_related("mandatory", "excluded", "budgets")
    )
    page = selectors.scenario_page(user=request.user, scenario=scenario)
    context = {
        "scenario": scenario,
        "page": page,
        "can_edit": request.tenancy.can(PORTFOLIO, Action.CHANGE),
    }
    if page.result and page.result["status"] in {"optimal", "within_gap", "time_limit"}:
        labels = _labels()
        context["frontier_figure"] = figure_json(
            charts.frontier_figure(points=page.result["frontier"], labels=labels["frontier"])
        )
        if page.load_rows:
            context["load_figure"] = figure_json(
                charts.load_figure(
                    rows=[row["label"] for row in page.load_rows],
                    years=page.result["years"],
                    use=[[cell["use"] for cell in row["cells"]] for row in page.load_rows],
                    labels=labels["load"],
                )
            )
    return render(request, "portfolio/scenario_detail.html", context)


@area_required(PORTFOLIO)
def scenario_solve(request: HttpRequest, pk: int) -> HttpResponse:
    """POST: solve in the background (strategists); GET: the solve's state as an htmx fragment, polled
    while it runs, which reloads the page once the answer is there."""
    if request.method == "POST":
        scenario = get_object_or_404(selectors.scenario_get(**_ctx(request), pk=pk, action=Action.CHANGE))
        scenario = actions.scenario_solve_request(scenario=scenario, user=request.user)
        if not request.htmx:
            messages.info(
                request, _("The scenario is being solved; this page shows the answer when it is ready.")
            )
            return redirect("portfolio:scenario", pk=scenario.pk)
    else:
        scenario = get_object_or_404(selectors.scenario_get(**_ctx(request), pk=pk))
        if not request.htmx:  # the fragment is for the page's polling; a person goes to the page
            return redirect("portfolio:scenario", pk=scenario.pk)
    response = render(request, "portfolio/_scenario_solve.html", {"scenario": scenario, "can_edit": True})
    if request.method == "GET" and request.htmx and not scenario.solving:
        response["HX-Refresh"] = "true"  # the answer is there: show the whole page with it
    return response


@area_required(PORTFOLIO, Action.CHANGE)
def scenario_adopt(request: HttpRequest, pk: int) -> HttpResponse:
    """Adopt the scenario's answer as the plan by a council resolution (``actions.scenario_adopt``); the
    page lists what will change before the strategist confirms."""
    from strategy.forms import AdoptForm

    scenario = get_object_or_404(selectors.scenario_get(**_ctx(request), pk=pk, action=Action.CHANGE))
    form = AdoptForm(request.POST or None, municipality=request.tenancy.municipality)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():  # a new resolution only together with the adoption it is for
                actions.scenario_adopt(scenario=scenario, resolution=form.resolution(), user=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Adopted: its projects are approved with their start years."))
            return redirect("portfolio:scenario", pk=scenario.pk)
    changes = [
        row for row in (scenario.result or {}).get("chosen", []) if row["status"] in {"idea", "proposed"}
    ]
    return render(
        request,
        "portfolio/scenario_adopt.html",
        {"form": form, "scenario": scenario, "changes": changes, "cancel": scenario_url(scenario)},
    )


@area_required(PORTFOLIO)
def scenario_compare(request: HttpRequest, pk: int) -> HttpResponse:
    """Two scenarios side by side: their settings, totals and the projects only one of them chooses."""
    from municipalities.query import parse_id

    scenario = get_object_or_404(selectors.scenario_get(**_ctx(request), pk=pk))
    others = selectors.scenario_list(**_ctx(request)).exclude(pk=scenario.pk)
    other_pk = parse_id(request.GET.get("other"))
    other = others.select_related("municipality").filter(pk=other_pk).first() if other_pk else None
    comparison = selectors.scenario_comparison(left=scenario, right=other) if other else None
    return render(
        request,
        "portfolio/scenario_compare.html",
        {"scenario": scenario, "other": other, "others": others, "comparison": comparison},
    )


@area_required(PORTFOLIO)
def scenario_roadmap(request: HttpRequest, pk: int) -> HttpResponse:
    """The roadmap of the scenario's answer by quarter, with a table of the same dates."""
    from ..models import Layer

    scenario = get_object_or_404(selectors.scenario_get(**_ctx(request), pk=pk))
    roadmap = selectors.scenario_roadmap(user=request.user, scenario=scenario)
    figure = None
    if roadmap is not None and roadmap.projects:
        labels = {
            "title": _("Roadmap by quarter"),
            "layers": {layer.value: str(layer.label) for layer in Layer},
            "milestone": _("Milestone"),
            "deadline": _("Legal deadline"),
            "grant": _("Grant period"),
            "requires": _("Requires"),
            "spend": _("Planned cost"),
            "budget": _("Budget"),
            "money": _("EUR"),
            "peak": _("Highest use of a skill"),
            "use": _("%"),
        }
        figure = figure_json(
            charts.roadmap_figure(
                projects=roadmap.projects,
                years=roadmap.years,
                spend=roadmap.spend,
                budget=roadmap.budget,
                peak=roadmap.peak_use,
                labels=labels,
            )
        )
    return render(
        request,
        "portfolio/scenario_roadmap.html",
        {"scenario": scenario, "roadmap": roadmap, "figure": figure},
    )
