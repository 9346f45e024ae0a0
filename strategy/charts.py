"""Plotly figures for strategy progress (DESIGN.md §5 "Strategy progress", §7 charts).

The figures are built on the server from plain data (an indicator row, its measurements and its row of
``strategy.progress.indicator_progress``) and handed to the page as JSON
(``municipalities.presentation.figure_json``): templates embed it with ``json_script`` and the one static
chart script draws it, so no inline script is needed. Only SVG trace types are used (``go.Scatter``, never
WebGL), which keeps the charts printable and readable by assistive technology.

Meaning never rests on colour alone: each trace has its own line dash or marker symbol and a legend entry,
and the colours come from the Okabe–Ito palette, which stays distinguishable with colour-vision deficiencies.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd
import plotly.graph_objects as go

# Keys ``labels`` must carry, already translated by the caller (charts know nothing of gettext).
LABEL_KEYS = ("title", "date", "value", "measurements", "target_path", "forecast", "target")

_BLUE = "#0072B2"
_VERMILION = "#D55E00"
_GREEN = "#009E73"
_BLACK = "#000000"


def indicator_figure(
    *,
    indicator: pd.Series | Mapping[str, Any],
    measurements: pd.DataFrame,
    forecast: pd.Series | Mapping[str, Any],
    labels: Mapping[str, str],
) -> go.Figure:
    """One indicator over time: measurements, the planned path, the trend forecast and the target.

    ``indicator`` is a row of the indicator frame (baseline_value, baseline_date, target_value,
    target_date); ``measurements`` has date and value; ``forecast`` is the indicator's row of
    ``indicator_progress`` (trend_intercept, forecast_value); ``labels`` holds the texts of ``LABEL_KEYS``.

    Traces, in this order: measurements (markers and lines), the target path from baseline to target
    (dashed), the trend from the baseline date to the target date (dotted; left out when there is no
    trend, i.e. fewer than two distinct dates), the target (a diamond marker).
    """
    missing = [key for key in LABEL_KEYS if key not in labels]
    if missing:
        raise KeyError(f"indicator_figure needs labels for {', '.join(missing)}")

    baseline_date = pd.Timestamp(indicator["baseline_date"])
    target_date = pd.Timestamp(indicator["target_date"])
    baseline_value = float(indicator["baseline_value"])
    target_value = float(indicator["target_value"])
    ordered = measurements.sort_values("date", kind="stable")

    traces = [
        go.Scatter(
            name=labels["measurements"],
            # Plain lists, not numpy arrays: plotly would encode arrays as base64 "bdata" blocks, which only
            # plotly.js can read; lists keep the embedded data readable for tests and other scripts.
            x=pd.to_datetime(ordered["date"]).tolist(),
            y=pd.to_numeric(ordered["value"]).astype("float64").tolist(),
            mode="markers+lines",
            line={"color": _BLUE, "width": 2},
            marker={"color": _BLUE, "symbol": "circle", "size": 8},
        ),
        go.Scatter(
            name=labels["target_path"],
            x=[baseline_date, target_date],
            y=[baseline_value, target_value],
            mode="lines",
            line={"color": _BLACK, "width": 2, "dash": "dash"},
        ),
    ]
    trend_start, trend_end = forecast["trend_intercept"], forecast["forecast_value"]
    if pd.notna(trend_start) and pd.notna(trend_end):
        traces.append(
            go.Scatter(
                name=labels["forecast"],
                x=[baseline_date, target_date],
                y=[float(trend_start), float(trend_end)],
                mode="lines",
                line={"color": _VERMILION, "width": 2, "dash": "dot"},
            )
        )
    traces.append(
        go.Scatter(
            name=labels["target"],
            x=[target_date],
            y=[target_value],
            mode="markers",
            marker={"color": _GREEN, "symbol": "diamond", "size": 14, "line": {"color": _BLACK, "width": 1}},
        )
    )

    figure = go.Figure(data=traces)
    figure.update_layout(
        # No plotly template: it would add ~10 kB of styling to every embedded figure; the few settings we
        # need are explicit here.
        template="none",
        title={"text": labels["title"]},
        xaxis={"title": {"text": labels["date"]}, "type": "date", "showgrid": True, "gridcolor": "#dddddd"},
        yaxis={"title": {"text": labels["value"]}, "showgrid": True, "gridcolor": "#dddddd"},
        legend={"orientation": "h", "yanchor": "top", "y": -0.2, "xanchor": "left", "x": 0},
        font={"size": 14},
        hovermode="closest",
        margin={"t": 60, "b": 100},
    )
    return figure
