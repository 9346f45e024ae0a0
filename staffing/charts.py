"""Plotly figures for staffing (DESIGN.md §5 skills gap, §7 charts): the skills matrix and the gap charts.

Built on the server from the frames of ``staffing/gaps.py`` (already suppressed where a group is under
five people) and drawn by the one static chart script. As in ``strategy.charts``: labels arrive
translated, no plotly template, SVG traces only, plain lists, Okabe–Ito colours, and meaning never by
colour alone (cell text carries the number; suppressed cells say so).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from municipalities.presentation import none_if_nan

_BLUE = "#0072B2"
_VERMILION = "#D55E00"
_GREEN = "#009E73"
_BLACK = "#000000"


def _require(labels: Mapping[str, Any], keys: Sequence[str], figure: str) -> None:
    missing = [key for key in keys if key not in labels]
    if missing:
        raise KeyError(f"{figure} needs labels for {', '.join(missing)}")


def _layout(figure: go.Figure, *, title: str, x: str, y: str, height: int | None = None) -> go.Figure:
    figure.update_layout(
        template="none",
        title={"text": title},
        xaxis={"title": {"text": x}},
        yaxis={"title": {"text": y}, "automargin": True},
        font={"size": 13},
        margin={"t": 60, "b": 80, "l": 10},
        height=height,
        legend={"orientation": "h", "yanchor": "top", "y": -0.15, "xanchor": "left", "x": 0},
    )
    return figure


def heatmap_figure(
    *,
    values: pd.DataFrame,
    text: pd.DataFrame,
    labels: Mapping[str, str],
    diverging: bool = False,
) -> go.Figure:
    """A heatmap of ``values`` (rows and columns as given; NaN cells stay blank) with ``text`` in each
    cell (the number, or the words saying a cell is suppressed). ``labels``: title, x, y, colour.

    Sequential blues for counts and levels; ``diverging`` (gaps) runs from green (covered) through white
    to vermilion (short), centred on zero.
    """
    _require(labels, ("title", "x", "y", "colour"), "heatmap_figure")
    z = values.to_numpy(dtype="float64")
    data = [[none_if_nan(v) for v in row] for row in z]
    if diverging:
        bound = float(np.nanmax(np.abs(z))) if np.isfinite(z).any() else 1.0
        scale = [[0.0, _GREEN], [0.5, "#ffffff"], [1.0, _VERMILION]]
        extra = {"zmin": -bound or -1.0, "zmax": bound or 1.0}
    else:
        scale = [[0.0, "#f7fbff"], [1.0, _BLUE]]
        extra = {"zmin": 0}
    figure = go.Figure(
        go.Heatmap(
            z=data,
            x=[str(c) for c in values.columns],
            y=[str(r) for r in values.index],
            text=text.to_numpy().tolist(),
            texttemplate="%{text}",
            hovertemplate="%{y} · %{x}: %{text}<extra></extra>",
            colorscale=scale,
            colorbar={"title": {"text": labels["colour"]}},
            xgap=1,
            ygap=1,
            **extra,
        )
    )
    figure.update_yaxes(autorange="reversed")
    return _layout(
        figure, title=labels["title"], x=labels["x"], y=labels["y"], height=max(320, 28 * len(values) + 160)
    )


def demand_supply_figure(*, gaps: pd.DataFrame, labels: Mapping[str, str]) -> go.Figure:
    """Demand against supply per quarter for one skill: demand as bars, supply as a line with markers, the
    shortage as a labelled bar on top. ``gaps`` has quarter (str), demand_fte, supply_fte, gap_fte (supply
    and gap may be NaN where suppressed). ``labels``: title, quarter, fte, demand, supply, gap."""
    _require(labels, ("title", "quarter", "fte", "demand", "supply", "gap"), "demand_supply_figure")
    x = gaps["quarter"].astype(str).tolist()

    def values(column: str) -> list:
        return [none_if_nan(float(v)) for v in gaps[column].astype("float64")]

    figure = go.Figure(
        [
            go.Bar(name=labels["demand"], x=x, y=values("demand_fte"), marker={"color": "#999999"}),
            go.Scatter(
                name=labels["supply"],
                x=x,
                y=values("supply_fte"),
                mode="lines+markers",
                line={"color": _BLUE, "width": 3},
                marker={"symbol": "circle", "size": 8},
            ),
            go.Scatter(
                name=labels["gap"],
                x=x,
                y=values("gap_fte"),
                mode="lines+markers",
                line={"color": _VERMILION, "width": 2, "dash": "dash"},
                marker={"symbol": "x", "size": 9},
            ),
        ]
    )
    return _layout(figure, title=labels["title"], x=labels["quarter"], y=labels["fte"])


def exits_figure(*, exits: pd.DataFrame, labels: Mapping[str, str]) -> go.Figure:
    """Planned exits per year (bars), with the reason as the bar's pattern. ``exits`` has year, reason
    label, people (NaN where suppressed). ``labels``: title, year, people."""
    _require(labels, ("title", "year", "people"), "exits_figure")
    traces = []
    patterns = ["", "/", "x", "."]
    for index, (reason, part) in enumerate(exits.groupby("reason", sort=True)):
        traces.append(
            go.Bar(
                name=str(reason),
                x=part["year"].astype(int).tolist(),
                y=[none_if_nan(float(v)) for v in part["people"].astype("float64")],
                marker={
                    "color": (_BLUE, _VERMILION, _GREEN, "#E69F00")[index % 4],
                    "pattern": {"shape": patterns[index % 4]},
                },
            )
        )
    figure = go.Figure(traces)
    figure.update_layout(barmode="stack")
    return _layout(figure, title=labels["title"], x=labels["year"], y=labels["people"])
