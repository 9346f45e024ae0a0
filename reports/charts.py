"""Plotly figures of a council report (DESIGN.md §4 reports, §7 charts): per field of action, each
indicator's progress towards its target against the progress expected by now. Built from the report's
data (live or frozen), so a published report draws the same charts forever."""

from __future__ import annotations

from collections.abc import Mapping

import plotly.graph_objects as go


def field_figure(*, title: str, indicators: list[dict], labels: Mapping[str, str]) -> go.Figure:
    """Horizontal bars: progress (0–100 %) per indicator, with the expected progress as a diamond marker.
    ``labels``: progress, expected, axis."""
    names = [i["name"] for i in indicators]
    progress = [None if i["progress"] is None else round(i["progress"] * 100, 1) for i in indicators]
    expected = [None if i["expected"] is None else round(i["expected"] * 100, 1) for i in indicators]
    figure = go.Figure(
        [
            go.Bar(
                name=labels["progress"], y=names, x=progress, orientation="h", marker={"color": "#0072B2"}
            ),
            go.Scatter(
                name=labels["expected"],
                y=names,
                x=expected,
                mode="markers",
                marker={
                    "symbol": "diamond",
                    "size": 12,
                    "color": "#D55E00",
                    "line": {"color": "#000", "width": 1},
                },
            ),
        ]
    )
    figure.update_layout(
        template="none",
        title={"text": title},
        xaxis={"title": {"text": labels["axis"]}, "range": [0, 105], "gridcolor": "#dddddd"},
        yaxis={"automargin": True, "autorange": "reversed"},
        height=max(220, 40 * len(indicators) + 140),
        margin={"t": 50, "b": 60, "l": 10},
        font={"size": 12},
        legend={"orientation": "h", "yanchor": "top", "y": -0.25, "xanchor": "left", "x": 0},
    )
    return figure
