"""The impact charts (DESIGN.md §5 "Impact", §7): traces, values, shapes and labels, without a database."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from municipalities.presentation import figure_json
from portfolio.charts import (
    JITTER,
    LAYER_BALANCE_LABEL_KEYS,
    LEVEL_SHARE_LABEL_KEYS,
    MATURITY_MAP_LABEL_KEYS,
    MAX_BUBBLE_PX,
    jitter,
    layer_balance_figure,
    level_share_figure,
    maturity_map_figure,
)
from portfolio.impact import LAYERS, level_shares

MAP_LABELS = {
    "title": "Reifegradkarte",
    "front": "Frontend",
    "back": "Backend",
    "now": "heute",
    "after": "nach geplanten Projekten",
    "paper_behind_portal": "Papier hinter dem Portal",
    "front_levels": ["offline", "Information", "Formular", "online"],
    "back_levels": ["Papier", "Medienbruch", "Fachverfahren", "Ende zu Ende"],
    "cases": "Fälle pro Jahr",
}
SHARE_LABELS = {
    "title": "Backend-Reife nach Themenfeld",
    "share": "Anteil der Leistungen",
    "now": "heute",
    "after": "geplant",
    "levels": ["Papier", "Medienbruch", "Fachverfahren", "Ende zu Ende"],
    "groups": {"bauen-wohnen": "Bauen & Wohnen"},
}
BALANCE_LABELS = {
    "title": "Balance Frontend/Backend",
    "cost": "Kosten",
    "staff_hours_saved": "eingesparte Stunden",
    "layers": {"front_end": "Frontend", "back_end": "Backend", "end_to_end": "Ende zu Ende"},
}


def map_services(*, after: bool = True) -> pd.DataFrame:
    frame = pd.DataFrame(
        {
            "id": [1, 2, 3],
            "name": ["Wohngeld", "Hundesteuer", "Meldebescheinigung"],
            "front_level": [3, 3, 1],
            "back_level": [0, 0, 2],
            "cases_per_year": [1200, 300, 0],
            "front_level_after": [3, 3, 3],
            "back_level_after": [2, 0, 2],
        }
    )
    return frame if after else frame.drop(columns=["front_level_after", "back_level_after"])


class TestMaturityMap:
    def test_now_only_without_after_columns(self):
        figure = maturity_map_figure(services=map_services(after=False), labels=MAP_LABELS)
        assert [trace.name for trace in figure.data] == ["heute"]

    def test_positions_are_levels_plus_jitter(self):
        figure = maturity_map_figure(services=map_services(), labels=MAP_LABELS)
        now = figure.data[0]
        dx, dy = jitter([1, 2, 3])
        assert list(now.x) == pytest.approx((np.array([3, 3, 1]) + dx).tolist())
        assert list(now.y) == pytest.approx((np.array([0, 0, 2]) + dy).tolist())
        assert list(now.text) == ["Wohngeld", "Hundesteuer", "Meldebescheinigung"]
        assert list(now.customdata) == [1200.0, 300.0, 0.0]
        assert "Fälle pro Jahr" in now.hovertemplate

    def test_traces_with_after_columns(self):
        figure = maturity_map_figure(services=map_services(), labels=MAP_LABELS)
        assert {trace.type for trace in figure.data} == {"scatter"}
        now, moves, after = figure.data
        assert now.marker.symbol == "circle"
        assert after.marker.symbol == "diamond"
        assert after.name == "nach geplanten Projekten"
        # Service 1 moves from back 0 to 2 and service 3 from front 1 to 3; service 2 stays.
        dx, dy = jitter([1, 3])
        assert list(after.text) == ["Wohngeld", "Meldebescheinigung"]
        assert list(after.x) == pytest.approx([3 + dx[0], 3 + dx[1]])
        assert list(after.y) == pytest.approx([2 + dy[0], 2 + dy[1]])
        assert moves.mode == "lines"
        assert moves.showlegend is False
        assert list(moves.x) == pytest.approx([3 + dx[0], 3 + dx[0], None, 1 + dx[1], 3 + dx[1], None])
        assert list(moves.y) == pytest.approx([0 + dy[0], 2 + dy[0], None, 2 + dy[1], 2 + dy[1], None])

    def test_bubble_area_follows_cases(self):
        now = maturity_map_figure(services=map_services(), labels=MAP_LABELS).data[0]
        assert now.marker.sizemode == "area"
        assert list(now.marker.size) == [1200.0, 300.0, 0.0]
        assert now.marker.sizeref == pytest.approx(2 * 1200 / MAX_BUBBLE_PX**2)
        assert now.marker.sizemin > 0  # a service without cases stays visible

    def test_jitter_is_deterministic_and_small(self):
        ids = np.arange(1, 201)
        dx, dy = jitter(ids)
        again_dx, again_dy = jitter(ids[::-1])
        assert dx.tolist() == again_dx[::-1].tolist()
        assert dy.tolist() == again_dy[::-1].tolist()
        assert np.abs(dx).max() <= JITTER
        assert np.abs(dy).max() <= JITTER
        # Services in one cell land at distinct places.
        assert len(set(zip(dx.round(6), dy.round(6), strict=True))) == len(ids)

        first = maturity_map_figure(services=map_services(), labels=MAP_LABELS)
        second = maturity_map_figure(services=map_services().iloc[::-1], labels=MAP_LABELS)
        assert sorted(first.data[0].x) == pytest.approx(sorted(second.data[0].x))

    def test_paper_behind_the_portal_is_marked(self):
        figure = maturity_map_figure(services=map_services(), labels=MAP_LABELS)
        rectangles = [shape for shape in figure.layout.shapes if shape.type == "rect"]
        assert len(rectangles) == 1
        cell = rectangles[0]
        assert (cell.x0, cell.x1, cell.y0, cell.y1) == (2.5, 3.5, -0.5, 0.5)
        assert cell.line.dash == "dash"  # not marked by its fill colour alone
        assert [note.text for note in figure.layout.annotations] == ["Papier hinter dem Portal"]

    def test_axes_are_labelled_with_the_levels(self):
        layout = maturity_map_figure(services=map_services(), labels=MAP_LABELS).layout
        assert layout.title.text == "Reifegradkarte"
        assert layout.template.layout.to_plotly_json() == {}
        assert layout.xaxis.title.text == "Frontend"
        assert list(layout.xaxis.tickvals) == [0, 1, 2, 3]
        assert list(layout.xaxis.ticktext) == MAP_LABELS["front_levels"]
        assert layout.yaxis.title.text == "Backend"
        assert list(layout.yaxis.ticktext) == MAP_LABELS["back_levels"]
        assert list(layout.xaxis.range) == [-0.5, 3.5]

    def test_data_are_plain_lists_in_the_json(self):
        figure = maturity_map_figure(services=map_services(), labels=MAP_LABELS)
        text = figure_json(figure)
        assert "bdata" not in text
        data = json.loads(text)
        assert data["data"][0]["text"] == ["Wohngeld", "Hundesteuer", "Meldebescheinigung"]
        assert data["data"][1]["x"][2] is None

    def test_no_services(self):
        empty = map_services().iloc[0:0]
        figure = maturity_map_figure(services=empty, labels=MAP_LABELS)
        assert len(figure.data) == 3
        assert list(figure.data[0].x) == []
        assert figure.data[0].marker.sizeref == 1.0

    def test_missing_labels_are_named(self):
        labels = {key: MAP_LABELS[key] for key in MATURITY_MAP_LABEL_KEYS if key not in ("cases", "back")}
        with pytest.raises(KeyError, match="back, cases"):
            maturity_map_figure(services=map_services(), labels=labels)

    def test_four_tick_labels_are_needed(self):
        with pytest.raises(ValueError, match="front_levels"):
            maturity_map_figure(services=map_services(), labels=MAP_LABELS | {"front_levels": ["a", "b"]})


class TestLevelShareFigure:
    def shares(self) -> pd.DataFrame:
        levels = pd.DataFrame(
            {
                "front_level": [3, 1, 2],
                "back_level": [0, 0, 1],
                "front_level_after": [3, 3, 2],
                "back_level_after": [2, 0, 3],
            },
            index=pd.Index([1, 2, 3], name="service_id"),
        )
        return level_shares(
            levels=levels, groups=pd.Series({1: "bauen-wohnen", 2: "bauen-wohnen", 3: "umwelt"})
        )

    def test_one_stacked_horizontal_bar_trace_per_level(self):
        figure = level_share_figure(shares=self.shares(), side="back", labels=SHARE_LABELS)
        assert [trace.name for trace in figure.data] == SHARE_LABELS["levels"]
        assert {trace.type for trace in figure.data} == {"bar"}
        assert {trace.orientation for trace in figure.data} == {"h"}
        assert figure.layout.barmode == "stack"
        assert list(figure.layout.xaxis.range) == [0, 100]
        assert figure.layout.xaxis.title.text == "Anteil der Leistungen"

    def test_values_per_group_and_time(self):
        paper, media_break, procedure, end_to_end = level_share_figure(
            shares=self.shares(), side="back", labels=SHARE_LABELS
        ).data
        groups, whens = paper.y
        # Group keys without a display name are shown as they are.
        assert list(groups) == ["Bauen & Wohnen", "Bauen & Wohnen", "umwelt", "umwelt"]
        assert list(whens) == ["heute", "geplant", "heute", "geplant"]
        assert list(paper.x) == [100.0, 50.0, 0.0, 0.0]
        assert list(media_break.x) == [0.0, 0.0, 100.0, 0.0]
        assert list(procedure.x) == [0.0, 50.0, 0.0, 0.0]
        assert list(end_to_end.x) == [0.0, 0.0, 0.0, 100.0]
        assert list(paper.customdata) == [2, 1, 0, 0]

    def test_front_side(self):
        figure = level_share_figure(shares=self.shares(), side="front", labels=SHARE_LABELS)
        online = figure.data[3]
        assert list(online.x) == [50.0, 100.0, 0.0, 0.0]

    def test_levels_differ_in_more_than_colour(self):
        figure = level_share_figure(shares=self.shares(), side="back", labels=SHARE_LABELS)
        assert len({trace.marker.pattern.shape for trace in figure.data}) == 4

    def test_bad_side_and_missing_labels(self):
        with pytest.raises(ValueError, match="side"):
            level_share_figure(shares=self.shares(), side="middle", labels=SHARE_LABELS)
        labels = {key: SHARE_LABELS[key] for key in LEVEL_SHARE_LABEL_KEYS if key != "levels"}
        with pytest.raises(KeyError, match="levels"):
            level_share_figure(shares=self.shares(), side="back", labels=labels)

    def test_no_services(self):
        empty = self.shares().iloc[0:0]
        figure = level_share_figure(shares=empty, side="front", labels=SHARE_LABELS)
        assert len(figure.data) == 4
        assert list(figure.data[0].x) == []


class TestLayerBalanceFigure:
    PER_LAYER = pd.DataFrame(
        {"cost": [4000.0, 6000.0, 0.0], "staff_hours_saved": [100.0, 600.0, 0.0]},
        index=pd.Index(LAYERS, name="layer"),
    )

    def test_cost_and_hours_per_layer(self):
        figure = layer_balance_figure(per_layer=self.PER_LAYER, labels=BALANCE_LABELS)
        assert {trace.type for trace in figure.data} == {"bar"}
        cost, hours = figure.data
        assert cost.name == "Kosten"
        assert list(cost.x) == ["Frontend", "Backend", "Ende zu Ende"]
        assert list(cost.y) == [4000.0, 6000.0, 0.0]
        assert hours.name == "eingesparte Stunden"
        assert list(hours.x) == ["Frontend", "Backend", "Ende zu Ende"]
        assert list(hours.y) == [100.0, 600.0, 0.0]
        # Two subplots, because euros and hours do not share a scale.
        assert cost.xaxis != hours.xaxis
        assert cost.yaxis != hours.yaxis
        assert [note.text for note in figure.layout.annotations] == ["Kosten", "eingesparte Stunden"]
        assert figure.layout.title.text == "Balance Frontend/Backend"

    def test_missing_labels_are_named(self):
        labels = {key: BALANCE_LABELS[key] for key in LAYER_BALANCE_LABEL_KEYS if key != "cost"}
        with pytest.raises(KeyError, match="cost"):
            layer_balance_figure(per_layer=self.PER_LAYER, labels=labels)
        layers = {"front_end": "Frontend", "back_end": "Backend"}
        with pytest.raises(KeyError, match="end_to_end"):
            layer_balance_figure(per_layer=self.PER_LAYER, labels=BALANCE_LABELS | {"layers": layers})
