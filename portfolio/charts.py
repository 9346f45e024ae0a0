"""Plotly figures for the impact of the portfolio (DESIGN.md §2, §5 "Impact", §7 charts).

The maturity map (front-end against back-end level of every service, now and after the planned projects,
with the "paper behind the portal" corner marked), the share of services per level and subject area, and
the balance of cost and hours saved between front-end, back-end and end-to-end projects. Each figure is
built on the server from the frames of ``portfolio.impact`` and handed to the page as JSON with
``municipalities.presentation.figure_json``.

As in ``strategy.charts``: labels arrive already translated (charts know nothing of gettext), no plotly
template, SVG trace types only (``go.Scatter``, ``go.Bar``; never WebGL), data as plain lists so the
embedded JSON stays readable, Okabe–Ito colours, and meaning never by colour alone (marker symbols, bar
patterns, legend entries and a text annotation carry it as well).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from portfolio.impact import BACK_LEVELS, FRONT_LEVELS, LAYERS
from portfolio.ranking import QUADRANTS

# Keys each figure's ``labels`` must carry.
MATURITY_MAP_LABEL_KEYS = (
    "title",
    "front",
    "back",
    "now",
    "after",
    "paper_behind_portal",
    "front_levels",
    "back_levels",
    "cases",
)
LEVEL_SHARE_LABEL_KEYS = ("title", "share", "now", "after", "levels")
LAYER_BALANCE_LABEL_KEYS = ("title", "cost", "staff_hours_saved", "layers")
VALUE_EFFORT_LABEL_KEYS = ("title", "effort", "benefit", "cost", "layers", "quadrants")
_LAYER_SYMBOLS = {"front_end": "circle", "back_end": "square", "end_to_end": "diamond"}

# Half the width of the square around a cell centre in which a service's bubble may sit; cells are 1 apart,
# so bubbles stay inside their cell.
JITTER = 0.3
# Diameter in pixels of the bubble of the service with the most cases.
MAX_BUBBLE_PX = 40
MIN_BUBBLE_PX = 6

_BLUE = "#0072B2"
_VERMILION = "#D55E00"
_GREEN = "#009E73"
_ORANGE = "#E69F00"
_SKY_BLUE = "#56B4E9"
_GREY = "#999999"
_BLACK = "#000000"
# Paper (level 0) in vermilion up to digital in green; each level also has its own bar pattern.
_LEVEL_COLOURS = (_VERMILION, _ORANGE, _SKY_BLUE, _GREEN)
_LEVEL_PATTERNS = ("x", "/", ".", "")
_AFTER_COLUMNS = ("front_level_after", "back_level_after")
# Golden-ratio steps (R2 sequence): ids 1, 2, 3, … land well apart in the cell, without randomness.
_JITTER_STEPS = (0.7548776662466927, 0.5698402909980532)


def maturity_map_figure(*, services: pd.DataFrame, labels: Mapping[str, Any]) -> go.Figure:
    """The maturity map: each service as a bubble at its front-end (x) and back-end (y) level.

    ``services`` has id, name, front_level, back_level and cases_per_year, and optionally
    front_level_after and back_level_after (from ``portfolio.impact.services_after``); ``labels`` holds
    the texts of ``MATURITY_MAP_LABEL_KEYS``, with ``front_levels`` and ``back_levels`` lists of four
    tick labels.

    The bubble's area is proportional to the cases per year (so its diameter grows with their square
    root); each service is moved by a small offset derived from its id (:func:`jitter`) so services in
    the same cell do not hide each other. Traces, in this order: "now" (circles); with the after columns,
    the moves from now to after (grey lines, no legend entry) and "after" (diamonds) for the services
    whose level changes. A shaded, dashed rectangle with a text marks the "paper behind the portal" cell
    (front level 3, back level 0).
    """
    _require(labels, MATURITY_MAP_LABEL_KEYS, "maturity_map_figure")
    _require_ticks(labels, "front_levels", len(FRONT_LEVELS))
    _require_ticks(labels, "back_levels", len(BACK_LEVELS))

    ids = pd.to_numeric(services["id"]).to_numpy(dtype="int64")
    dx, dy = jitter(ids)
    front = pd.to_numeric(services["front_level"]).to_numpy(dtype="float64")
    back = pd.to_numeric(services["back_level"]).to_numpy(dtype="float64")
    cases = pd.to_numeric(pd.Series(services["cases_per_year"], dtype=object)).astype("float64").fillna(0.0)
    cases = cases.to_numpy()
    names = pd.Series(services["name"], dtype=object).astype(str).to_numpy()
    # sizemode "area": marker size is proportional to the area; plotly's rule for the largest bubble.
    sizeref = 2.0 * cases.max() / MAX_BUBBLE_PX**2 if len(cases) and cases.max() > 0 else 1.0
    hover = "%{text}<br>" + labels["cases"] + ": %{customdata:,.0f}<extra></extra>"

    def bubbles(mask: np.ndarray, x: np.ndarray, y: np.ndarray, **trace: Any) -> go.Scatter:
        return go.Scatter(
            x=(x[mask] + dx[mask]).tolist(),
            y=(y[mask] + dy[mask]).tolist(),
            mode="markers",
            text=names[mask].tolist(),
            customdata=cases[mask].tolist(),
            hovertemplate=hover,
            **trace,
        )

    everyone = np.ones(len(ids), dtype=bool)
    marker = {"size": cases.tolist(), "sizemode": "area", "sizeref": sizeref, "sizemin": MIN_BUBBLE_PX}
    traces = [
        bubbles(
            everyone,
            front,
            back,
            name=labels["now"],
            marker=marker | {"symbol": "circle", "color": _BLUE, "opacity": 0.7, "line": {"color": _BLACK}},
        )
    ]
    if all(column in services.columns for column in _AFTER_COLUMNS):
        front_after = pd.to_numeric(services["front_level_after"]).to_numpy(dtype="float64")
        back_after = pd.to_numeric(services["back_level_after"]).to_numpy(dtype="float64")
        moves = (front_after != front) | (back_after != back)
        traces.append(
            go.Scatter(
                name=labels["after"],
                x=_segments(front[moves] + dx[moves], front_after[moves] + dx[moves]),
                y=_segments(back[moves] + dy[moves], back_after[moves] + dy[moves]),
                mode="lines",
                line={"color": _GREY, "width": 1.5},
                hoverinfo="skip",
                showlegend=False,
            )
        )
        traces.append(
            bubbles(
                moves,
                front_after,
                back_after,
                name=labels["after"],
                marker=marker
                | {
                    "size": cases[moves].tolist(),
                    "symbol": "diamond",
                    "color": _VERMILION,
                    "opacity": 0.8,
                    "line": {"color": _BLACK},
                },
            )
        )

    figure = go.Figure(data=traces)
    figure.add_shape(
        type="rect",
        x0=2.5,
        x1=3.5,
        y0=-0.5,
        y1=0.5,
        layer="below",
        fillcolor=_VERMILION,
        opacity=0.15,
        line={"color": _VERMILION, "width": 2, "dash": "dash"},
    )
    figure.add_annotation(
        x=3,
        y=0.5,
        yanchor="top",
        text=labels["paper_behind_portal"],
        showarrow=False,
        font={"color": _BLACK},
    )
    figure.update_layout(
        template="none",
        title={"text": labels["title"]},
        xaxis=_level_axis(labels["front"], labels["front_levels"]),
        yaxis=_level_axis(labels["back"], labels["back_levels"]),
        legend={"orientation": "h", "yanchor": "top", "y": -0.2, "xanchor": "left", "x": 0},
        font={"size": 14},
        hovermode="closest",
        margin={"t": 60, "b": 120, "l": 40},
    )
    return figure


def level_share_figure(*, shares: pd.DataFrame, side: str, labels: Mapping[str, Any]) -> go.Figure:
    """Share of services per level, now and after, per group, as horizontal stacked bars for one side.

    ``shares`` is the output of ``portfolio.impact.level_shares``; ``side`` is "front" or "back";
    ``labels`` holds the texts of ``LEVEL_SHARE_LABEL_KEYS`` (``levels``: one name per level of the side)
    and optionally ``groups``, a mapping of group key to its display name (default: the key itself).

    Each group gets two bars, "now" and "after" (a two-level category axis, groups from top to bottom in
    the order of ``shares``); one trace per level, coloured and patterned, with the share in percent.
    """
    _require(labels, LEVEL_SHARE_LABEL_KEYS, "level_share_figure")
    if side not in ("front", "back"):
        raise ValueError(f"side must be 'front' or 'back', not {side!r}")
    levels = FRONT_LEVELS if side == "front" else BACK_LEVELS
    _require_ticks(labels, "levels", len(levels))

    rows = shares[shares["side"] == side]
    group_names = labels.get("groups", {})
    when_names = {"now": labels["now"], "after": labels["after"]}
    traces = []
    for level in levels:  # one trace per level (four), not per service
        at_level = rows[rows["level"] == level]
        groups = pd.Series(at_level["group"], dtype=object)
        traces.append(
            go.Bar(
                name=labels["levels"][level],
                orientation="h",
                x=(at_level["share"].astype("float64") * 100.0).tolist(),
                y=[
                    groups.map(lambda key: group_names.get(key, str(key))).tolist(),
                    at_level["when"].map(when_names).tolist(),
                ],
                customdata=at_level["count"].astype("int64").tolist(),
                hovertemplate="%{x:.0f} % (%{customdata})<extra>%{fullData.name}</extra>",
                marker={
                    "color": _LEVEL_COLOURS[level],
                    "pattern": {"shape": _LEVEL_PATTERNS[level], "fgcolor": _BLACK, "solidity": 0.2},
                    "line": {"color": _BLACK, "width": 0.5},
                },
            )
        )

    figure = go.Figure(data=traces)
    figure.update_layout(
        template="none",
        title={"text": labels["title"]},
        barmode="stack",
        xaxis={
            "title": {"text": labels["share"]},
            "range": [0, 100],
            "ticksuffix": " %",
            "showgrid": True,
            "gridcolor": "#dddddd",
        },
        yaxis={"autorange": "reversed"},
        legend={"orientation": "h", "yanchor": "top", "y": -0.15, "xanchor": "left", "x": 0},
        font={"size": 14},
        margin={"t": 60, "b": 100, "l": 220},
    )
    return figure


def layer_balance_figure(*, per_layer: pd.DataFrame, labels: Mapping[str, Any]) -> go.Figure:
    """Cost and staff hours saved per layer, side by side in two bar charts.

    ``per_layer`` is the first frame of ``portfolio.impact.layer_balance`` (indexed by layer);
    ``labels`` holds the texts of ``LAYER_BALANCE_LABEL_KEYS``, with ``layers`` a mapping of every layer
    of ``LAYERS`` to its name. Two subplots, because money and hours do not share a scale: on the left
    the cost (plain bars), on the right the staff hours saved per year (hatched bars); the subplot
    titles name them, so neither depends on its colour.
    """
    _require(labels, LAYER_BALANCE_LABEL_KEYS, "layer_balance_figure")
    missing = [layer for layer in LAYERS if layer not in labels["layers"]]
    if missing:
        raise KeyError(f"layer_balance_figure needs labels['layers'] for {', '.join(missing)}")

    names = [labels["layers"].get(layer, str(layer)) for layer in per_layer.index]
    figure = make_subplots(
        rows=1, cols=2, subplot_titles=[labels["cost"], labels["staff_hours_saved"]], horizontal_spacing=0.15
    )
    figure.add_trace(
        go.Bar(
            name=labels["cost"],
            x=names,
            y=per_layer["cost"].astype("float64").tolist(),
            marker={"color": _BLUE, "line": {"color": _BLACK, "width": 0.5}},
            hovertemplate="%{x}: %{y:,.0f} €<extra></extra>",
        ),
        row=1,
        col=1,
    )
    figure.add_trace(
        go.Bar(
            name=labels["staff_hours_saved"],
            x=names,
            y=per_layer["staff_hours_saved"].astype("float64").tolist(),
            marker={
                "color": _GREEN,
                "pattern": {"shape": "/", "fgcolor": _BLACK, "solidity": 0.2},
                "line": {"color": _BLACK, "width": 0.5},
            },
            hovertemplate="%{x}: %{y:,.0f} h<extra></extra>",
        ),
        row=1,
        col=2,
    )
    figure.update_layout(
        template="none",
        title={"text": labels["title"]},
        barmode="group",
        legend={"orientation": "h", "yanchor": "top", "y": -0.2, "xanchor": "left", "x": 0},
        font={"size": 14},
        margin={"t": 80, "b": 100},
    )
    figure.update_yaxes(showgrid=True, gridcolor="#dddddd", rangemode="tozero")
    figure.update_yaxes(ticksuffix=" €", row=1, col=1)
    figure.update_yaxes(ticksuffix=" h", row=1, col=2)
    return figure


def value_effort_figure(*, projects: pd.DataFrame, labels: Mapping[str, Any]) -> go.Figure:
    """The value–effort matrix (DESIGN.md §5 ranking): effort against benefit, bubble size cost, one trace
    (colour and marker symbol) per layer, the quadrants split at the medians and named.

    ``projects`` has title, effort, benefit, cost and layer; ``labels`` carries the texts of
    ``VALUE_EFFORT_LABEL_KEYS``, ``layers`` a dict layer → name, ``quadrants`` a dict of ``QUADRANTS``
    (``portfolio.ranking.value_effort`` assigns them).
    Quick wins: benefit above and effort below the medians; major projects: both above; fill-ins: both
    below; thankless tasks: benefit below, effort above.
    """
    _require(labels, VALUE_EFFORT_LABEL_KEYS, "value_effort_figure")
    frame = projects.dropna(subset=["effort", "benefit"])
    effort_mid = float(frame["effort"].median()) if len(frame) else 0.0
    benefit_mid = float(frame["benefit"].median()) if len(frame) else 50.0
    largest = float(frame["cost"].max()) if len(frame) and frame["cost"].max() > 0 else 1.0
    traces = []
    for index, layer in enumerate(LAYERS):
        part = frame[frame["layer"] == layer]
        if part.empty:
            continue
        traces.append(
            go.Scatter(
                name=str(labels["layers"][layer]),
                x=part["effort"].astype(float).tolist(),
                y=part["benefit"].astype(float).tolist(),
                text=part["title"].tolist(),
                customdata=part["cost"].astype(float).round(0).tolist(),
                hovertemplate="%{text}<br>%{x:,.0f} · %{y:.0f}<br>"
                + str(labels["cost"])
                + ": %{customdata:,.0f}<extra></extra>",
                mode="markers",
                marker={
                    "size": part["cost"].astype(float).clip(lower=0).tolist(),
                    "sizemode": "area",
                    "sizeref": 2.0 * largest / MAX_BUBBLE_PX**2,
                    "sizemin": MIN_BUBBLE_PX,
                    "symbol": _LAYER_SYMBOLS[layer],
                    "color": (_BLUE, _ORANGE, _GREEN)[index],
                    "line": {"color": _BLACK, "width": 1},
                    "opacity": 0.8,
                },
            )
        )
    figure = go.Figure(data=traces)
    quadrants = labels["quadrants"]
    corners = (
        (0, 1, "left", "top"),
        (1, 1, "right", "top"),
        (0, 0, "left", "bottom"),
        (1, 0, "right", "bottom"),
    )
    for name, (x, y, xanchor, yanchor) in zip(QUADRANTS, corners, strict=True):
        figure.add_annotation(
            # Bold by the font, not <b>: plotly draws <b> as a style attribute, which the CSP blocks.
            text=str(quadrants[name]),
            xref="paper",
            yref="paper",
            x=x,
            y=y,
            xanchor=xanchor,
            yanchor=yanchor,
            showarrow=False,
            font={"size": 14, "weight": "bold"},
        )
    figure.add_vline(x=effort_mid, line={"color": _GREY, "dash": "dash"})
    figure.add_hline(y=benefit_mid, line={"color": _GREY, "dash": "dash"})
    figure.update_layout(
        template="none",
        title={"text": str(labels["title"])},
        xaxis={"title": {"text": str(labels["effort"])}, "showgrid": True, "gridcolor": "#dddddd"},
        yaxis={"title": {"text": str(labels["benefit"])}, "showgrid": True, "gridcolor": "#dddddd"},
        legend={"orientation": "h", "yanchor": "top", "y": -0.2, "xanchor": "left", "x": 0},
        font={"size": 14},
        hovermode="closest",
        margin={"t": 60, "b": 100},
    )
    return figure


def jitter(ids: Collection[int] | np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The offsets (dx, dy) of each service's bubble from its cell centre, each within ±``JITTER``.

    Derived from the service id alone (the fractional parts of id times the R2 low-discrepancy steps), so
    a service sits at the same place on every page load and in both the "now" and the "after" trace.
    """
    values = np.asarray(ids, dtype="float64")
    dx = (np.mod(values * _JITTER_STEPS[0], 1.0) - 0.5) * 2 * JITTER
    dy = (np.mod(values * _JITTER_STEPS[1], 1.0) - 0.5) * 2 * JITTER
    return dx, dy


def _segments(starts: np.ndarray, ends: np.ndarray) -> list[float | None]:
    """start₁, end₁, None, start₂, end₂, None, …: one line trace drawing many separate segments."""
    points = np.column_stack([starts, ends, np.zeros(len(starts))]).astype(object)
    points[:, 2] = None
    return points.ravel().tolist()


def _level_axis(title: str, ticks: Sequence[str]) -> dict[str, Any]:
    return {
        "title": {"text": title},
        "tickmode": "array",
        "tickvals": list(range(len(ticks))),
        "ticktext": list(ticks),
        "range": [-0.5, len(ticks) - 0.5],
        "showgrid": False,
        "zeroline": False,
        "automargin": True,  # long level names ("2 automated into the procedure") must not be cut off
        # Lines between the cells, so a reader sees which level a jittered bubble belongs to.
        "minor": {"tickvals": [level + 0.5 for level in range(len(ticks) - 1)], "showgrid": True},
    }


def _require(labels: Mapping[str, Any], keys: Sequence[str], figure: str) -> None:
    missing = [key for key in keys if key not in labels]
    if missing:
        raise KeyError(f"{figure} needs labels for {', '.join(missing)}")


def _require_ticks(labels: Mapping[str, Any], key: str, count: int) -> None:
    if len(labels[key]) != count:
        raise ValueError(f"labels[{key!r}] needs {count} entries, not {len(labels[key])}")


# --- scenarios (issue 18) -------------------------------------------------------------------------------

FRONTIER_LABEL_KEYS = ("title", "budget", "score", "optimum", "naive", "current")
LOAD_LABEL_KEYS = ("title", "year", "use")


def frontier_figure(*, points: Sequence[Mapping[str, Any]], labels: Mapping[str, Any]) -> go.Figure:
    """The efficient frontier: the best total score at each budget level (``budget``, ``value``) and, on
    the same levels, the naive rule's (``naive_value``; None where it leaves a mandatory project out).
    The scenario's own budget (``factor`` 1) is marked. Lines with markers of different symbols, so the
    two never depend on colour alone."""
    budgets = [p["budget"] for p in points]
    fig = go.Figure()
    fig.add_trace(
        go.Scatter(
            x=budgets,
            y=[p["value"] for p in points],
            name=labels["optimum"],
            mode="lines+markers",
            marker={"symbol": "circle", "size": 9, "color": _BLUE},
            line={"color": _BLUE},
        )
    )
    fig.add_trace(
        go.Scatter(
            x=budgets,
            y=[p["naive_value"] for p in points],
            name=labels["naive"],
            mode="lines+markers",
            marker={"symbol": "square", "size": 8, "color": _VERMILION},
            line={"color": _VERMILION, "dash": "dash"},
        )
    )
    current = [p for p in points if p["factor"] == 1.0]
    if current:
        fig.add_vline(x=current[0]["budget"], line={"color": _GREY, "dash": "dot"})
        fig.add_annotation(x=current[0]["budget"], y=1, yref="paper", text=labels["current"], showarrow=False)
    fig.update_layout(
        title=labels["title"],
        xaxis_title=labels["budget"],
        yaxis_title=labels["score"],
        legend={"orientation": "h", "y": -0.25},
        margin={"t": 50, "r": 20, "b": 80, "l": 60},
        height=380,
    )
    return fig


def load_figure(
    *, rows: Sequence[str], years: Sequence[int], use: Sequence[Sequence[float | None]], labels
) -> go.Figure:
    """A heat map of use (load ÷ capacity, in percent) per row (a skill or the budget) and year; the cell
    text carries the percentage, so the colour is never the only sign."""
    text = [["–" if v is None else f"{v:.0f} %" for v in row] for row in use]
    fig = go.Figure(
        go.Heatmap(
            z=[[None if v is None else min(v, 150) for v in row] for row in use],
            x=[str(y) for y in years],
            y=list(rows),
            text=text,
            texttemplate="%{text}",
            zmin=0,
            zmax=150,
            colorscale=[[0, "#F0F9E8"], [0.5, "#7BCCC4"], [0.66, _ORANGE], [1, _VERMILION]],
            colorbar={"title": {"text": labels["use"]}},
            hovertemplate="%{y} %{x}: %{text}<extra></extra>",
            # Gaps draw each cell as its own rectangle; without them plotly paints one image with an inline
            # style the Content-Security-Policy refuses ("image-rendering: pixelated").
            xgap=1,
            ygap=1,
        )
    )
    fig.update_layout(
        title=labels["title"],
        xaxis_title=labels["year"],
        height=max(220, 60 + 32 * len(rows)),
        margin={"t": 50, "r": 20, "b": 50, "l": 220},
    )
    return fig


ROADMAP_LABEL_KEYS = (
    "title",
    "layers",
    "milestone",
    "deadline",
    "grant",
    "requires",
    "spend",
    "budget",
    "money",
    "peak",
    "use",
)
_LAYER_COLOURS = {"front_end": _SKY_BLUE, "back_end": _BLUE, "end_to_end": _GREEN}
_LAYER_PATTERNS = {"front_end": "", "back_end": "/", "end_to_end": "."}
_DAY_MS = 86_400_000


def roadmap_figure(
    *, projects: Sequence[Mapping[str, Any]], years: Sequence[int], spend, budget, peak, labels
) -> go.Figure:
    """The roadmap of a scenario by quarter: each chosen project a bar from start to end (colour and
    pattern by layer), its milestones (diamonds), legal deadline (crosses, beyond the bar when it ends too
    late), grant period (a thin line below the bar) and what it requires (a grey line from the end of the
    required project to its start); below, per year, the money planned against the budget and the peak
    use of the staff capacity. Dates as ISO strings; bars as ``go.Bar`` with a date base, as plotly's
    timeline does, SVG only."""
    import datetime

    fig = make_subplots(
        rows=3, cols=1, shared_xaxes=True, row_heights=[0.64, 0.18, 0.18], vertical_spacing=0.04
    )
    names = [p["title"] for p in projects]
    for layer, label in labels["layers"].items():
        rows = [p for p in projects if p["layer"] == layer]
        if not rows:
            continue
        fig.add_trace(
            go.Bar(
                y=[p["title"] for p in rows],
                base=[p["start"].isoformat() for p in rows],
                x=[((p["end"] - p["start"]).days + 1) * _DAY_MS for p in rows],
                orientation="h",
                name=label,
                marker={
                    "color": _LAYER_COLOURS.get(layer, _GREY),
                    "pattern": {"shape": _LAYER_PATTERNS.get(layer, "")},
                },
                hovertemplate="%{y}: %{base|%d.%m.%Y} – %{x}<extra></extra>",
            ),
            row=1,
            col=1,
        )
    marks = [(p["title"], t, d) for p in projects for t, d in p["milestones"]]
    if marks:
        fig.add_trace(
            go.Scatter(
                y=[m[0] for m in marks],
                x=[m[2].isoformat() for m in marks],
                text=[m[1] for m in marks],
                mode="markers",
                name=labels["milestone"],
                marker={"symbol": "diamond", "size": 10, "color": _BLACK},
                hovertemplate="%{text}: %{x|%d.%m.%Y}<extra></extra>",
            ),
            row=1,
            col=1,
        )
    deadlines = [p for p in projects if p["legal_deadline"]]
    if deadlines:
        fig.add_trace(
            go.Scatter(
                y=[p["title"] for p in deadlines],
                x=[p["legal_deadline"].isoformat() for p in deadlines],
                mode="markers",
                name=labels["deadline"],
                marker={"symbol": "x", "size": 11, "color": _VERMILION},
            ),
            row=1,
            col=1,
        )
    grants = [p for p in projects if p["grant"]]
    for i, p in enumerate(grants):
        fig.add_trace(
            go.Scatter(
                y=[p["title"], p["title"]],
                x=[p["grant"][0].isoformat(), p["grant"][1].isoformat()],
                mode="lines",
                name=labels["grant"],
                legendgroup="grant",
                showlegend=i == 0,
                line={"color": _ORANGE, "width": 3, "dash": "dot"},
            ),
            row=1,
            col=1,
        )
    by_id = {p["id"]: p for p in projects}
    links_x, links_y = [], []
    for p in projects:
        for q in p["requires"]:
            if q in by_id:
                links_x += [by_id[q]["end"].isoformat(), p["start"].isoformat(), None]
                links_y += [by_id[q]["title"], p["title"], None]
    if links_x:
        fig.add_trace(
            go.Scatter(
                x=links_x, y=links_y, mode="lines", name=labels["requires"], line={"color": _GREY, "width": 1}
            ),
            row=1,
            col=1,
        )
    middles = [datetime.date(y, 7, 1).isoformat() for y in years]
    fig.add_trace(
        go.Bar(x=middles, y=list(spend), name=labels["spend"], marker={"color": _BLUE}), row=2, col=1
    )
    fig.add_trace(
        go.Scatter(
            x=middles,
            y=list(budget),
            name=labels["budget"],
            mode="markers",
            marker={"symbol": "line-ew-open", "size": 30, "color": _BLACK, "line": {"width": 3}},
        ),
        row=2,
        col=1,
    )
    fig.add_trace(
        go.Bar(
            x=middles, y=list(peak), name=labels["peak"], marker={"color": _ORANGE, "pattern": {"shape": "x"}}
        ),
        row=3,
        col=1,
    )
    fig.update_yaxes(categoryorder="array", categoryarray=list(reversed(names)), row=1, col=1)
    fig.update_yaxes(title_text=labels["money"], row=2, col=1)
    fig.update_yaxes(title_text=labels["use"], row=3, col=1)
    fig.update_xaxes(
        type="date", dtick="M3", tickformat="Q%q %Y", range=[f"{years[0]}-01-01", f"{years[-1]}-12-31"]
    )
    fig.update_layout(
        title=labels["title"],
        barmode="overlay",
        height=max(420, 220 + 26 * len(projects)),
        legend={"orientation": "h", "y": -0.12},
        margin={"t": 50, "r": 20, "b": 60, "l": 220},
    )
    return fig
