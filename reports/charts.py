"""Plotly figures of a council report (DESIGN.md §4 reports, §7 charts): per field of action, each
indicator's progress towards its target against the progress expected by now. Built from the report's
data (live or frozen), so a published report draws the same charts forever."""

from __future__ import annotations

from collections.abc import Mapping

import plotly.graph_objects as go

# An indicator's name on the chart's axis is cut after this many characters (the full name stands in the
# table beside the chart and in the hover text), so long names do not take the width of the bars.
LABEL_LENGTH = 40


def short_label(name: str, length: int = LABEL_LENGTH) -> str:
    """``name`` cut at a word boundary to at most ``length`` characters, with "…" where it was cut."""
    if len(name) <= length:
        return name
    cut = name[: length - 1].rsplit(" ", 1)[0] if " " in name[: length - 1] else name[: length - 1]
    return cut.rstrip(" ,;:–-") + "…"


def field_figure(*, title: str, indicators: list[dict], labels: Mapping[str, str]) -> go.Figure:
    """Horizontal bars: progress (0–100 %) per indicator, with the expected progress as a diamond marker.
    ``labels``: progress, expected, axis. Long names are shortened on the axis (``short_label``); the
    report's table beside the chart names each indicator in full with its figures."""
    # Two indicators may share the first words: the axis tells them apart by a number when they do.
    names, seen = [], set()
    for number, indicator in enumerate(indicators, start=1):
        label = short_label(indicator["name"])
        names.append(label if label not in seen else f"{label} ({number})")
        seen.add(label)
    full = [i["name"] for i in indicators]
    progress = [None if i["progress"] is None else round(i["progress"] * 100, 1) for i in indicators]
    expected = [None if i["expected"] is None else round(i["expected"] * 100, 1) for i in indicators]
    figure = go.Figure(
        [
            go.Bar(
                name=labels["progress"],
                y=names,
                x=progress,
                orientation="h",
                marker={"color": "#0072B2"},
                customdata=full,
                hovertemplate="%{customdata}: %{x} %<extra></extra>",
            ),
            go.Scatter(
                name=labels["expected"],
                y=names,
                x=expected,
                mode="markers",
                customdata=full,
                hovertemplate="%{customdata}: %{x} %<extra></extra>",
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
        height=max(240, 40 * len(indicators) + 170),
        # The legend sits at the foot of the figure (container coordinates), below the axis title, in a
        # bottom margin kept free for both; it never overlaps the axis title, however many bars there are.
        margin={"t": 50, "b": 110, "l": 10, "r": 20},
        font={"size": 12},
        legend={
            "orientation": "h",
            "yref": "container",
            "y": 0.01,
            "yanchor": "bottom",
            "xanchor": "left",
            "x": 0,
        },
    )
    return figure
