"""The staffing analysis pages (DESIGN.md §5 skills gap, §6): the gap between what the projects need and
who is there, the skills matrix, retirement exposure and training needs.

Everything comes from ``selectors`` (which read through the gate and call ``gaps``); for every role but hr
and admin, figures built from fewer than five people arrive suppressed and the pages say so. Charts come
from ``charts``.
"""

from __future__ import annotations

import pandas as pd
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from municipalities.access import STAFFING_AGGREGATES
from municipalities.listing import Column, Listing
from municipalities.presentation import figure_json
from municipalities.query import parse_id
from municipalities.views import area_required
from portfolio.models import COMMITTED, Status

from .. import charts, selectors

SUPPRESSED = "<5"


def _ctx(request) -> dict:
    return {
        "user": request.user,
        "municipality": request.tenancy.municipality,
        "individuals": selectors.sees_individuals(
            request.user, request.tenancy.municipality, request.tenancy.roles
        ),
    }


def _scenario(request):
    """The solved scenarios the reader may see, the one chosen with ``?scenario=`` and its plan (None:
    count projects by status). HR does not see scenarios (they are the portfolio's), so none is offered."""
    from municipalities.access import PORTFOLIO, Action
    from portfolio.selectors import scenario_list, scenario_plan

    if not request.tenancy.can(PORTFOLIO, Action.VIEW):
        return [], None, None
    scenarios = [
        s for s in scenario_list(user=request.user, municipality=request.tenancy.municipality) if s.result
    ]
    chosen = parse_id(request.GET.get("scenario"))
    scenario = next((s for s in scenarios if s.pk == chosen), None)
    if scenario is None:
        return scenarios, None, None
    return scenarios, scenario, scenario_plan(user=request.user, scenario=scenario)


def _statuses(request) -> list[str]:
    chosen = [s for s in request.GET.getlist("status") if s in Status.values]
    return chosen or list(COMMITTED)


@area_required(STAFFING_AGGREGATES)
def gaps_page(request: HttpRequest) -> HttpResponse:
    ctx = _ctx(request)
    statuses = _statuses(request)
    scenarios, scenario, plan = _scenario(request)
    page = selectors.gap_page(**ctx, statuses=statuses, skill=parse_id(request.GET.get("skill")), plan=plan)
    context = {
        "statuses": Status.choices,
        "chosen_statuses": statuses,
        "skills": page.skills,
        "scenarios": scenarios,
        "scenario": scenario,
    }
    if page.skill_id is not None:
        one = page.skill_quarters
        context["skill_id"] = page.skill_id
        context["skill_name"] = page.skill_name
        context["line_json"] = figure_json(
            charts.demand_supply_figure(
                gaps=one.assign(quarter=one["quarter_label"]),
                labels={
                    "title": _("Demand and supply of “%(skill)s” per quarter") % {"skill": page.skill_name},
                    "quarter": _("quarter"),
                    "fte": _("full-time equivalents"),
                    "demand": _("demand of the projects"),
                    "supply": _("staff at the needed level"),
                    "gap": _("gap"),
                },
            )
        )
        context["skill_rows"] = one.to_dict("records")
        heat = page.heat
        text = heat.map(
            lambda v: (
                "" if pd.isna(v) else f"{v:.1f}".replace(".", "," if request.LANGUAGE_CODE == "de" else ".")
            )
        )
        text = text.mask(page.heat_suppressed, SUPPRESSED)
        context["heat_json"] = figure_json(
            charts.heatmap_figure(
                values=heat,
                text=text,
                labels={
                    "title": _("Gap in full-time equivalents, skills × quarters"),
                    "x": _("quarter"),
                    "y": _("skill"),
                    "colour": _("gap (FTE)"),
                },
                diverging=False,
            )
        )
    context["options"] = page.options
    context["individuals"] = ctx["individuals"]
    return render(request, "staffing/gaps.html", context)


@area_required(STAFFING_AGGREGATES)
def matrix_page(request: HttpRequest) -> HttpResponse:
    ctx = _ctx(request)
    level = request.GET.get("level", "3")
    min_level = int(level) if level in {"1", "2", "3", "4", "5"} else 3
    people, suppressed = selectors.matrix_view(**ctx, min_level=min_level)
    text = people.map(lambda v: "" if pd.isna(v) or v == 0 else f"{int(v)}").mask(suppressed, SUPPRESSED)
    figure = charts.heatmap_figure(
        values=people.where(~suppressed),
        text=text,
        labels={
            "title": _("People holding a skill at level %(level)s or above, by unit") % {"level": min_level},
            "x": _("organisational unit"),
            "y": _("skill"),
            "colour": _("people"),
        },
    )
    return render(
        request,
        "staffing/matrix.html",
        {
            "figure_json": figure_json(figure),
            "min_level": min_level,
            "levels": [1, 2, 3, 4, 5],
            "rows": [(skill, list(zip(text.loc[skill].tolist(), strict=True))) for skill in text.index],
            "units": list(text.columns),
            "individuals": ctx["individuals"],
        },
    )


@area_required(STAFFING_AGGREGATES)
def exposure_page(request: HttpRequest) -> HttpResponse:
    ctx = _ctx(request)
    exposure = selectors.exposure_view(**ctx)
    figure = charts.exits_figure(
        exits=exposure.exits,
        labels={"title": _("Planned exits per year"), "year": _("year"), "people": _("people")},
    )
    return render(
        request,
        "staffing/exposure.html",
        {
            "skills": exposure.skills.to_dict("records"),
            "figure_json": figure_json(figure),
            "exits": exposure.exits.to_dict("records"),
            "individuals": ctx["individuals"],
            "horizon": exposure.horizon,
        },
    )


# The training page's table by person (municipalities/listing.py); the selector orders by number and skill.
TRAINING_COLUMNS = (
    Column("number", gettext_lazy("Personnel number"), "personnel_number"),
    Column("skill", gettext_lazy("Skill"), "skill"),
    Column("target", gettext_lazy("Target"), "target_level"),
    Column("now", gettext_lazy("Now"), "actual_level"),
)


@area_required(STAFFING_AGGREGATES)
def training_page(request: HttpRequest) -> HttpResponse:
    ctx = _ctx(request)
    needs = selectors.training_view(**ctx)
    listing = Listing(
        request,
        needs.people if ctx["individuals"] else [],
        TRAINING_COLUMNS,
        default_sort="number",
        title=_("Training needs"),
    )
    if export := listing.export_response():
        return export
    return render(
        request,
        "staffing/training.html",
        {
            "per_skill": needs.per_skill.to_dict("records"),
            "listing": listing,
            "people": listing.page,
            "individuals": ctx["individuals"],
        },
    )
