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

from municipalities.access import STAFFING_AGGREGATES
from municipalities.presentation import figure_json
from municipalities.query import parse_id
from municipalities.views import area_required
from portfolio.models import Status

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


def _statuses(request) -> list[str]:
    chosen = [s for s in request.GET.getlist("status") if s in Status.values]
    return chosen or list(selectors.DEFAULT_STATUSES)


@area_required(STAFFING_AGGREGATES)
def gaps_page(request: HttpRequest) -> HttpResponse:
    ctx = _ctx(request)
    statuses = _statuses(request)
    view = selectors.gap_view(**ctx, statuses=statuses)
    table = view.table.copy()
    table["quarter_label"] = table["quarter"].astype(str)
    demanded = table[table["demand_fte"] > 0]
    by_skill = (
        demanded.groupby("skill_id")
        .agg(
            skill=("skill", "first"),
            demand=("demand_fte", "max"),
            gap=("gap_fte", "max"),
            shortage=("shortage", "any"),
            suppressed=("suppressed", "any"),
            quarters_short=("shortage", "sum"),
        )
        .sort_values(["shortage", "gap", "demand"], ascending=False)
    )
    skill_ids = list(by_skill.index)
    chosen = parse_id(request.GET.get("skill"))
    skill_id = chosen if chosen in skill_ids else (skill_ids[0] if skill_ids else None)
    context = {
        "statuses": Status.choices,
        "chosen_statuses": statuses,
        "skills": by_skill.reset_index().to_dict("records"),
    }
    if skill_id is not None:
        one = table[table["skill_id"] == skill_id].sort_values("quarter")
        context["skill_id"] = skill_id
        context["skill_name"] = by_skill.loc[skill_id, "skill"]
        context["line_json"] = figure_json(
            charts.demand_supply_figure(
                gaps=one.assign(quarter=one["quarter_label"]),
                labels={
                    "title": _("Demand and supply of “%(skill)s” per quarter")
                    % {"skill": by_skill.loc[skill_id, "skill"]},
                    "quarter": _("quarter"),
                    "fte": _("full-time equivalents"),
                    "demand": _("demand of the projects"),
                    "supply": _("staff at the needed level"),
                    "gap": _("gap"),
                },
            )
        )
        context["skill_rows"] = one.to_dict("records")
        heat = demanded.pivot_table(
            index="skill", columns="quarter_label", values="gap_fte", aggfunc="first", dropna=False
        )
        flags = demanded.pivot_table(
            index="skill", columns="quarter_label", values="suppressed", aggfunc="first", dropna=False
        )
        order = [s for s in by_skill["skill"] if s in heat.index]
        heat, flags = heat.reindex(order), flags.reindex(order)
        text = heat.map(
            lambda v: (
                "" if pd.isna(v) else f"{v:.1f}".replace(".", "," if request.LANGUAGE_CODE == "de" else ".")
            )
        )
        text = text.mask(flags.fillna(False).astype(bool), SUPPRESSED)
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
    options = (
        view.options.sort_values(["gap_fte"], ascending=False) if not view.options.empty else view.options
    )
    context["options"] = (
        options.head(30).assign(quarter=options.head(30)["quarter"].astype(str)).to_dict("records")
        if not options.empty
        else []
    )
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


@area_required(STAFFING_AGGREGATES)
def training_page(request: HttpRequest) -> HttpResponse:
    ctx = _ctx(request)
    needs = selectors.training_view(**ctx)
    return render(
        request,
        "staffing/training.html",
        {
            "per_skill": needs.per_skill.to_dict("records"),
            "people": needs.people,
            "individuals": ctx["individuals"],
        },
    )
