"""The template context of a council report: its page, its PDF (page and API) and the public dashboard
render the same figures from the same context, built here from the report's data (its snapshot once
published, ``selectors.report_data`` otherwise)."""

from __future__ import annotations

import datetime as dt

from django.utils import translation
from django.utils.translation import gettext as _

from municipalities.presentation import figure_json

from . import charts
from .models import CouncilReport


def report_figures(data: dict, language: str) -> list[dict]:
    """One chart per field of action with indicators, its labels in ``language``."""
    strategy = data.get("strategy") or {}
    with translation.override(language):
        labels = {
            "progress": _("progress"),
            "expected": _("expected by now"),
            "axis": _("progress towards the target (%)"),
        }
        figures = []
        for field in strategy.get("fields", []):
            goal_ids = {g["id"] for g in strategy["goals"] if g["field_id"] == field["id"]}
            indicators = [i for i in strategy["indicators"] if i["goal_id"] in goal_ids]
            if indicators:
                figure = charts.field_figure(title=field["title"], indicators=indicators, labels=labels)
                figures.append(
                    {
                        "id": f"field-{field['id']}",
                        "field_id": field["id"],
                        "title": field["title"],
                        "json": figure_json(figure),
                    }
                )
    return figures


def report_context(report: CouncilReport, data: dict) -> dict:
    """What the report templates render: the report, its data, and per field of action its goals,
    indicators, comments and chart."""
    strategy = data.get("strategy") or {}
    goals_by_field, field_of_goal, indicators_by_field = {}, {}, {}
    for goal in strategy.get("goals", []):
        goals_by_field.setdefault(goal["field_id"], []).append(goal)
        field_of_goal[goal["id"]] = goal["field_id"]
    for indicator in strategy.get("indicators", []):
        indicators_by_field.setdefault(field_of_goal.get(indicator["goal_id"]), []).append(indicator)
    figures = report_figures(data, report.language)
    figure_of_field = {f["field_id"]: f for f in figures}
    return {
        "report": report,
        "data": data,
        "as_of": dt.date.fromisoformat(data["as_of"]),
        # Per field of action its section of the briefing book: goals, indicators (the table beside the
        # chart), the chart, and the owners' comments of the reporting round.
        "fields": [
            {
                "field": f,
                "goals": goals_by_field.get(f["id"], []),
                "indicators": indicators_by_field.get(f["id"], []),
                "comments": [i for i in indicators_by_field.get(f["id"], []) if i.get("comment")],
                "figure": figure_of_field.get(f["id"]),
            }
            for f in strategy.get("fields", [])
        ],
        "figures": figures,
    }
