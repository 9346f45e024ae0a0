"""The indicator chart (DESIGN.md §5, §7): traces, SVG types and the planned path, without a database."""

from __future__ import annotations

import datetime as dt
import json

import pandas as pd
import pytest

from municipalities.presentation import figure_json
from strategy.charts import LABEL_KEYS, indicator_figure
from strategy.progress import indicator_progress

LABELS = {
    "title": "Online-Anträge",
    "date": "Datum",
    "value": "Anteil in %",
    "measurements": "Messwerte",
    "target_path": "Zielpfad",
    "forecast": "Trend",
    "target": "Ziel",
}
INDICATOR = pd.Series(
    {
        "id": 1,
        "goal_id": 10,
        "baseline_value": 20.0,
        "baseline_date": dt.date(2024, 1, 1),
        "target_value": 80.0,
        "target_date": dt.date(2026, 1, 1),
        "weight": 1.0,
        "update_interval_days": 90,
    }
)


def figure_for(points: list[tuple[dt.date, float]]):
    measurements = pd.DataFrame(points, columns=["date", "value"])
    forecast = indicator_progress(
        indicators=INDICATOR.to_frame().T,
        measurements=measurements.assign(indicator_id=1),
        today=dt.date(2025, 1, 1),
    ).loc[1]
    return indicator_figure(
        indicator=INDICATOR, measurements=measurements, forecast=forecast, labels=LABELS
    ), forecast


def test_traces_with_a_trend():
    figure, forecast = figure_for([(dt.date(2024, 7, 1), 35.0), (dt.date(2025, 1, 1), 50.0)])

    assert [trace.name for trace in figure.data] == ["Messwerte", "Zielpfad", "Trend", "Ziel"]
    assert {trace.type for trace in figure.data} == {"scatter"}
    measured, path, trend, target = figure.data

    assert measured.mode == "markers+lines"
    assert list(measured.y) == [35.0, 50.0]

    assert path.line.dash == "dash"
    assert [pd.Timestamp(x) for x in path.x] == [pd.Timestamp(2024, 1, 1), pd.Timestamp(2026, 1, 1)]
    assert list(path.y) == [20.0, 80.0]

    assert trend.line.dash == "dot"
    assert [pd.Timestamp(x) for x in trend.x] == [pd.Timestamp(2024, 1, 1), pd.Timestamp(2026, 1, 1)]
    assert list(trend.y) == pytest.approx([forecast["trend_intercept"], forecast["forecast_value"]])

    assert target.mode == "markers"
    assert [pd.Timestamp(x) for x in target.x] == [pd.Timestamp(2026, 1, 1)]
    assert list(target.y) == [80.0]


def test_no_trend_line_without_a_trend():
    figure, _ = figure_for([])
    assert [trace.name for trace in figure.data] == ["Messwerte", "Zielpfad", "Ziel"]
    assert list(figure.data[0].y) == []


def test_traces_differ_in_more_than_colour():
    figure, _ = figure_for([(dt.date(2024, 7, 1), 35.0), (dt.date(2025, 1, 1), 50.0)])
    measured, path, trend, target = figure.data
    assert measured.marker.symbol == "circle"
    assert target.marker.symbol == "diamond"
    assert len({path.line.dash, trend.line.dash, measured.line.dash}) == 3


def test_layout_is_labelled():
    figure, _ = figure_for([(dt.date(2024, 7, 1), 35.0)])
    assert figure.layout.title.text == "Online-Anträge"
    assert figure.layout.xaxis.title.text == "Datum"
    assert figure.layout.yaxis.title.text == "Anteil in %"
    assert figure.layout.showlegend is not False


def test_figure_json_is_the_plotly_json():
    figure, _ = figure_for([(dt.date(2024, 7, 1), 35.0), (dt.date(2025, 1, 1), 50.0)])
    data = json.loads(figure_json(figure))
    assert [trace["type"] for trace in data["data"]] == ["scatter"] * 4
    assert data["data"][0]["y"] == [35.0, 50.0]
    assert data["layout"]["title"]["text"] == "Online-Anträge"


def test_missing_labels_are_named():
    labels = {key: LABELS[key] for key in LABEL_KEYS if key != "forecast"}
    with pytest.raises(KeyError, match="forecast"):
        indicator_figure(
            indicator=INDICATOR,
            measurements=pd.DataFrame(columns=["date", "value"]),
            forecast={"trend_intercept": float("nan"), "forecast_value": float("nan")},
            labels=labels,
        )


def test_plain_dicts_are_accepted():
    figure = indicator_figure(
        indicator=INDICATOR.to_dict(),
        measurements=pd.DataFrame({"date": [dt.date(2024, 7, 1)], "value": [35.0]}),
        forecast={"trend_intercept": 20.0, "forecast_value": 80.0},
        labels=LABELS,
    )
    assert list(figure.data[2].y) == [20.0, 80.0]
