"""What a council report shows (DESIGN.md §4 reports), gathered from the selectors and analysis modules of
the other apps; nothing is computed here that another module already computes.

``build(...)`` returns plain, JSON-ready data: it is rendered live while a report is a draft and frozen
into ``CouncilReport.snapshot`` when it is published, so the page, the PDF and the XLSX of a published
report read the same figures forever. Staffing figures are aggregates with groups under five people
suppressed, whoever builds the report: a report goes to the council.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter

import pandas as pd
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from municipalities import display
from municipalities.presentation import none_if_nan, percent
from portfolio import selectors as portfolio
from portfolio.models import COUNCIL_RANKED, COUNCIL_VISIBLE, Layer, Milestone, Status
from staffing import selectors as staffing
from strategy import selectors as strategy
from strategy.models import FieldOfAction, Goal, Indicator

TOP = 10
VERSION = 1  # of the snapshot's layout


def _num(value, digits: int = 4):
    value = none_if_nan(value)
    if value is None:
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(number) else round(number, digits)  # a Decimal NaN too


def _date(value) -> str | None:
    if none_if_nan(value) is None:
        return None
    try:
        return pd.Timestamp(value).date().isoformat()
    except (TypeError, ValueError):
        return None


def _bool(value) -> bool | None:
    value = none_if_nan(value)
    return None if value is None else bool(value)


def build(
    *,
    user,
    municipality,
    period_start: dt.date,
    period_end: dt.date,
    language: str,
    previous: dict | None = None,
    today: dt.date | None = None,
    round=None,
    scenario=None,
) -> dict:
    """Every figure of the report for ``period_start``–``period_end``, in ``language``.

    ``previous``: the snapshot of the last published report, for the change since then (goal progress
    matched by lineage, so it survives a revision of the strategy).
    """
    today = today or timezone.localdate()
    as_of = min(period_end, today)
    with translation.override(language):
        data = {
            "version": VERSION,
            "built_on": today.isoformat(),
            "as_of": as_of.isoformat(),
            "strategy": _strategy(
                user=user, municipality=municipality, start=period_start, as_of=as_of, previous=previous
            ),
            "portfolio": _portfolio(
                user=user, municipality=municipality, start=period_start, end=period_end, today=as_of
            ),
            "staffing": _staffing(user=user, municipality=municipality, today=as_of, scenario=scenario),
            "responses": _responses(round=round, user=user),
        }
        data["summary"] = summary_text(data)
    return data


def _responses(*, round, user) -> dict | None:
    """The response of the reporting round the report belongs to, as its page shows it (issue 17)."""
    if round is None:
        return None
    from .selectors import round_state  # the selectors build reports through this module

    state = round_state(round=round, user=user)
    return {
        "round": round.title,
        "asked": state.total,
        "updated": state.done,
        "rate": state.rate,
        "by_unit": state.by_unit,
    }


def _strategy(*, user, municipality, start: dt.date, as_of: dt.date, previous: dict | None) -> dict | None:
    current = strategy.strategy_current(user=user, municipality=municipality)
    if current is None:
        return None
    view = strategy.strategy_overview(strategy=current, today=as_of)
    progress = view.progress
    before = {
        g["lineage"]: g.get("progress") for g in ((previous or {}).get("strategy") or {}).get("goals", [])
    }
    goals = Goal.objects.filter(field__strategy=current).values("id", "lineage", "title", "field_id")
    goal_rows = progress.goals.to_dict("index")
    field_rows = progress.fields.to_dict("index")
    indicator_rows = progress.indicators.to_dict("index")
    notes = strategy.measurement_notes(strategy=current, start=start, end=as_of)
    fields = [
        {
            "id": f.pk,
            "title": f.title,
            "progress": _num(field_rows.get(f.pk, {}).get("progress")),
            "expected": _num(field_rows.get(f.pk, {}).get("expected")),
            "status": field_rows.get(f.pk, {}).get("status", "no_data"),
        }
        for f in FieldOfAction.objects.filter(strategy=current).order_by("position", "title")
    ]
    goal_list = []
    for g in goals:
        row = goal_rows.get(g["id"], {})
        now = _num(row.get("progress"))
        was = before.get(str(g["lineage"]))
        goal_list.append(
            {
                "id": g["id"],
                "lineage": str(g["lineage"]),
                "field_id": g["field_id"],
                "title": g["title"],
                "progress": now,
                "expected": _num(row.get("expected")),
                "status": row.get("status", "no_data"),
                "change": None if now is None or was is None else round(now - was, 4),
                "stale_count": int(row.get("stale_count", 0) or 0),
            }
        )
    indicators = []
    for i in Indicator.objects.filter(goal__field__strategy=current).values(
        "id", "goal_id", "name", "unit", "target_value", "target_date", "update_interval"
    ):
        row = indicator_rows.get(i["id"], {})
        indicators.append(
            {
                "id": i["id"],
                "goal_id": i["goal_id"],
                "name": i["name"],
                "unit": i["unit"],
                "latest_value": _num(row.get("latest_value")),
                "latest_date": _date(row.get("latest_date")),
                "target_value": _num(i["target_value"]),
                "target_date": _date(i["target_date"]),
                "progress": _num(row.get("progress")),
                "expected": _num(row.get("expected")),
                "status": row.get("status", "no_data"),
                "stale": bool(row.get("stale", False)),
                # The trend fitted to the measurements: does it reach the target by its date?
                "forecast_meets": _bool(row.get("forecast_meets_target")),
                "comment": notes[i["id"]][1] if i["id"] in notes else "",
                "comment_date": notes[i["id"]][0].isoformat() if i["id"] in notes else None,
            }
        )
    return {
        "id": current.pk,
        "title": current.title,
        "fields": fields,
        "goals": goal_list,
        "indicators": indicators,
    }


def _portfolio(*, user, municipality, start: dt.date, end: dt.date, today: dt.date) -> dict:
    projects = portfolio.project_list(user=user, municipality=municipality).filter(status__in=COUNCIL_VISIBLE)
    health = portfolio.project_health(projects=projects, today=today)
    status_labels, layer_labels = dict(Status.choices), dict(Layer.choices)
    by_status = health.groupby("status")["cost"].agg(["size", "sum"])
    per_layer, _per_year = portfolio.layer_balance(user=user, municipality=municipality)
    late = [
        {
            "id": int(project_id),
            "title": r["title"],
            "planned_end": _date(r["planned_end"]),
            "schedule": r["schedule"],
        }
        for project_id, r in health[health["late"]].iterrows()
    ]
    over = [
        {
            "id": int(project_id),
            "title": r["title"],
            "cost": round(float(r["cost"]), 2),
            "forecast": _num(r["forecast"], 2),
            "budget": r["budget"],
        }
        for project_id, r in health[health["over_budget"]].iterrows()
    ]
    milestones = Milestone.objects.filter(project__in=projects.values("pk")).select_related("project")
    length = end - start
    reached = milestones.filter(done_date__gte=start, done_date__lte=today).order_by("done_date")
    # Due in the next period and not done as of the report's date (one done later was still open then).
    due = (
        milestones.filter(due_date__gt=end, due_date__lte=end + length)
        .filter(Q(done_date__isnull=True) | Q(done_date__gt=today))
        .order_by("due_date")
    )
    top = []
    model = portfolio.scoring_model_active(user=user, municipality=municipality)
    if model is not None:
        # The council's own ranking: the projects its ranking page ranks, normalised among themselves.
        view = portfolio.ranking_view(
            user=user, municipality=municipality, model=model, samples=0, statuses=COUNCIL_RANKED
        )
        titles = {p.pk: (p.title, p.layer) for p in view.input.projects}
        ranked = view.table[view.table["rank"].notna()]  # a project assessed on nothing has no rank
        for project_id, row in ranked.head(TOP).iterrows():
            top.append(
                {
                    "id": int(project_id),
                    "title": titles[project_id][0],
                    "layer": titles[project_id][1],
                    "rank": _num(row["rank"], 0),
                    "score": _num(row["score"], 1),
                }
            )
    return {
        "count": len(health),
        "by_status": [
            {
                "status": s,
                "label": str(status_labels[s]),
                "count": int(by_status["size"].get(s, 0)),
                "cost": round(float(by_status["sum"].get(s, 0.0)), 2),
            }
            for s in COUNCIL_VISIBLE
        ],
        "by_layer": [
            {
                "layer": layer,
                "label": str(layer_labels[layer]),
                "count": int(per_layer.loc[layer, "count"]),
                "cost": _num(per_layer.loc[layer, "cost"], 2),
                "share_of_cost": _num(per_layer.loc[layer, "share_of_cost"]),
                "staff_hours_saved": _num(per_layer.loc[layer, "staff_hours_saved"], 1),
            }
            for layer in Layer.values
        ],
        "top": top,
        "late": late,
        "over_budget": over,
        "milestones_reached": [
            {"project": m.project.title, "title": m.title, "date": m.done_date.isoformat()} for m in reached
        ],
        "milestones_due": [
            {"project": m.project.title, "title": m.title, "date": m.due_date.isoformat()} for m in due
        ],
    }


def _staffing(*, user, municipality, today: dt.date, scenario=None) -> dict:
    """The largest gaps (of the projects a ``scenario`` chooses, at its start years, when given; else of
    the approved and running ones) and the skills at risk from retirements."""
    from portfolio.selectors import scenario_plan

    plan = scenario_plan(user=user, scenario=scenario) if scenario is not None else None
    summary = staffing.gap_view(
        user=user, municipality=municipality, individuals=False, today=today, plan=plan
    ).summary
    largest = (
        summary[summary["quarters_short"] > 0]
        .sort_values(["quarters_short", "gap_fte"], ascending=False)
        .head(TOP)
    )
    exposure = staffing.exposure_view(user=user, municipality=municipality, individuals=False, today=today)
    skills = exposure.skills
    # Skills of fewer than five holders are not rows of "<5" but one band (``exposure.few_band``).
    visible = skills[~skills["suppressed"]] if "suppressed" in skills else skills
    at_risk = visible[visible["few"] | (visible["leaving_share"].fillna(0) >= 0.5)].head(TOP)
    return {
        "scenario": scenario.name if scenario is not None else None,
        "gaps": [
            {
                "skill": r["skill"],
                "quarters": int(r["quarters_short"]),
                "first": display.quarter(r["first_short"].start_time.date()),  # "Q3 2026", not "2026Q3"
                "gap": None if r["suppressed"] else _num(r["gap_fte"], 2),
                "suppressed": bool(r["suppressed"]),
            }
            for r in largest.to_dict("records")
        ],
        "exposure": [
            {
                "skill": r["skill"],
                "holders": None if r.get("suppressed") else _num(r["holders"], 0),
                "leaving_share": None if r.get("suppressed") else _num(r["leaving_share"], 3),
                "few": bool(r["few"]),
                "suppressed": bool(r.get("suppressed", False)),
            }
            for r in at_risk.to_dict("records")
        ],
        "few_band": exposure.few_band,
        "horizon": exposure.horizon,
    }


def summary_text(data: dict) -> str:
    """A plain-language summary the strategist edits before publishing (in the active language)."""
    parts = []
    s = data.get("strategy")
    if s:
        counts = Counter(g["status"] for g in s["goals"])
        parts.append(
            _(
                "Of %(n)s goals of “%(title)s”, %(on)s are on track or achieved, %(risk)s at risk "
                "and %(off)s off track."
            )
            % {
                "n": len(s["goals"]),
                "title": s["title"],
                "on": counts["on_track"] + counts["achieved"],
                "risk": counts["at_risk"],
                "off": counts["off_track"],
            }
        )
    p = data["portfolio"]
    running = next((r["count"] for r in p["by_status"] if r["status"] == Status.IN_PROGRESS), 0)
    parts.append(
        _(
            "%(n)s projects are approved or under way (%(running)s in progress); %(late)s are behind "
            "schedule and %(over)s over budget. %(reached)s milestones were reached in the period."
        )
        % {
            "n": p["count"],
            "running": running,
            "late": len(p["late"]),
            "over": len(p["over_budget"]),
            "reached": len(p["milestones_reached"]),
        }
    )
    back = next((r for r in p["by_layer"] if r["layer"] == Layer.BACK_END), None)
    if back and back["share_of_cost"] is not None:
        parts.append(
            _("Back-end work takes %(share)s %% of the portfolio's cost.")
            % {"share": percent(back["share_of_cost"])}
        )
    st = data["staffing"]
    if st["gaps"]:
        parts.append(
            _("The largest skills gaps: %(skills)s.")
            % {"skills": ", ".join(g["skill"] for g in st["gaps"][:3])}
        )
    return " ".join(parts)


def previous_snapshot(report) -> dict | None:
    """The snapshot of the municipality's last published report before ``report``'s period ends."""
    from .models import CouncilReport, ReportStatus

    last = (
        CouncilReport.objects.filter(municipality_id=report.municipality_id, status=ReportStatus.PUBLISHED)
        .exclude(pk=report.pk)
        .filter(period_end__lte=report.period_end)
        .order_by("-period_end", "-published_at")
        .first()
    )
    return last.snapshot if last else None


__all__ = ["build", "previous_snapshot", "summary_text"]
