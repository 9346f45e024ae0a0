"""Impact of the portfolio (DESIGN.md §5 "Impact") on hand-computed cases, without a database.

Unless a test says otherwise a service is rated under model 2.0 at level 0, has no online application and
no e-file, 1,200 cases a year, 45 staff minutes and 30 citizen minutes per case.
"""

from __future__ import annotations

from decimal import Decimal

import numpy as np
import pandas as pd
import pytest

from portfolio.impact import (
    BACK_LEVELS,
    CHANGE_COLUMNS,
    CHANGE_LEVEL_COLUMNS,
    COST_COLUMNS,
    COST_PER_YEAR_COLUMNS,
    FRONT_LEVELS,
    LAYER_COLUMNS,
    LAYER_YEAR_COLUMNS,
    LAYERS,
    LEVEL_SHARE_COLUMNS,
    PROJECT_COLUMNS,
    PROJECT_IMPACT_COLUMNS,
    SERVICE_LEVEL_COLUMNS,
    SERVICES_AFTER_COLUMNS,
    change_levels,
    cost_per_year,
    layer_balance,
    level_shares,
    project_impact,
    service_levels,
    services_after,
    total_cost,
)
from portfolio.models import PLANNED

SERVICE_COLUMNS = [
    "id",
    "level",
    "model_version",
    "handling",
    "e_file",
    "cases_per_year",
    "staff_minutes",
    "citizen_minutes",
]


def service(id: int = 1, **fields) -> dict:
    return {
        "id": id,
        "level": 0,
        "model_version": "2",
        "handling": "none",
        "e_file": False,
        "cases_per_year": 1200,
        "staff_minutes": 45,
        "citizen_minutes": 30,
    } | fields


def change(id: int = 1, **fields) -> dict:
    return {
        "id": id,
        "project_id": 10,
        "service_id": 1,
        "target_level": None,
        "target_handling": None,
        "target_e_file": None,
        "staff_minutes_saved": 0,
        "citizen_minutes_saved": 0,
        "media_breaks_removed": 0,
    } | fields


def project(id: int = 10, **fields) -> dict:
    return {
        "id": id,
        "layer": "front_end",
        "status": "approved",
        "internal_effort_days": 0,
        "external_cost": 0,
    } | fields


def services_frame(*rows: dict) -> pd.DataFrame:
    return pd.DataFrame(list(rows), columns=SERVICE_COLUMNS)


def changes_frame(*rows: dict) -> pd.DataFrame:
    return pd.DataFrame(list(rows), columns=CHANGE_COLUMNS)


def projects_frame(*rows: dict) -> pd.DataFrame:
    return pd.DataFrame(list(rows), columns=PROJECT_COLUMNS)


def levels_of(**fields) -> pd.Series:
    return service_levels(services=services_frame(service(**fields))).loc[1]


def one_change(*, svc: dict | None = None, **fields) -> pd.Series:
    return change_levels(
        services=services_frame(svc or service()), changes=changes_frame(change(**fields))
    ).loc[1]


class TestServiceLevels:
    @pytest.mark.parametrize(
        ("handling", "e_file", "back"),
        [
            ("none", False, 0),
            ("email", False, 0),
            ("printed", False, 0),
            ("none", True, 1),
            ("email", True, 1),
            ("printed", True, 1),
            ("retyped", False, 1),
            ("retyped", True, 1),
            ("automated", False, 2),
            ("automated", True, 3),
        ],
    )
    @pytest.mark.parametrize("version", ["1", "2"])
    def test_back_level_from_handling_and_e_file(self, version, handling, e_file, back):
        # Level 3 sets no floor under either version, so the handling alone decides.
        row = levels_of(model_version=version, level=3, handling=handling, e_file=e_file)
        assert row["back_level"] == back

    @pytest.mark.parametrize(
        ("level", "handling", "e_file", "back"),
        [
            (4, "printed", False, 1),
            (5, "printed", False, 2),
            (6, "none", False, 3),
            (7, "printed", False, 3),
            (4, "automated", False, 2),  # the handling is above the floor
            (5, "automated", True, 3),
            (5, "retyped", True, 2),
        ],
    )
    def test_model_2_level_sets_a_floor_under_the_back_level(self, level, handling, e_file, back):
        assert levels_of(level=level, handling=handling, e_file=e_file)["back_level"] == back

    def test_model_1_has_no_floor(self):
        row = levels_of(model_version="1", level=4, handling="printed")
        assert row["front_level"] == 3
        assert row["back_level"] == 0
        assert row["paper_behind_portal"]

    @pytest.mark.parametrize(
        ("version", "level", "front"),
        [
            ("1", 0, 0),
            ("1", 2, 2),
            ("1", 3, 3),
            ("1", 4, 3),
            ("2", 1, 1),
            ("2", 3, 3),
            ("2", 5, 3),
            ("2", 7, 3),
        ],
    )
    def test_front_level_is_capped_at_3(self, version, level, front):
        assert levels_of(model_version=version, level=level)["front_level"] == front

    def test_model_2_level_7_is_end_to_end(self):
        row = levels_of(level=7, handling="none")
        assert (row["front_level"], row["back_level"]) == (3, 3)
        assert not row["paper_behind_portal"]

    @pytest.mark.parametrize(
        ("level", "handling", "flag"), [(3, "printed", True), (3, "automated", False), (2, "printed", False)]
    )
    def test_paper_behind_the_portal(self, level, handling, flag):
        assert bool(levels_of(level=level, handling=handling)["paper_behind_portal"]) is flag

    def test_hours_per_year(self):
        row = levels_of()
        assert row["staff_hours_per_year"] == 900.0  # 1,200 × 45 / 60
        assert row["citizen_hours_per_year"] == 600.0  # 1,200 × 30 / 60

    def test_decimals_and_missing_values_are_coerced(self):
        result = service_levels(
            services=services_frame(
                service(1, level=Decimal(3), cases_per_year=Decimal(600), staff_minutes=Decimal("7.5")),
                service(2, level=None, handling=None, e_file=None, cases_per_year=None),
            )
        )
        assert result.loc[1, "staff_hours_per_year"] == 75.0
        assert (result.loc[2, "front_level"], result.loc[2, "back_level"]) == (0, 0)
        assert result.loc[2, "staff_hours_per_year"] == 0.0
        assert result["front_level"].dtype == np.int64
        assert result["back_level"].dtype == np.int64
        assert result["paper_behind_portal"].dtype == bool
        assert result["staff_hours_per_year"].dtype == np.float64

    def test_model_version_2_0_counts_as_2(self):
        assert levels_of(model_version="2.0", level=6)["back_level"] == 3

    def test_indexed_by_service_id_with_the_documented_columns(self):
        result = service_levels(services=services_frame(service(7), service(3)))
        assert result.index.name == "service_id"
        assert list(result.index) == [7, 3]
        assert tuple(result.columns) == SERVICE_LEVEL_COLUMNS


class TestChangeLevels:
    def test_missing_targets_fall_back_to_the_service(self):
        row = one_change(svc=service(level=3, handling="printed"), target_handling="automated")
        assert (row["front_level"], row["back_level"]) == (3, 0)
        assert (row["target_front_level"], row["target_back_level"]) == (3, 2)
        assert not row["changes_front"]
        assert row["changes_back"]

    def test_empty_handling_and_nan_e_file_mean_unchanged(self):
        row = one_change(
            svc=service(level=1, handling="retyped", e_file=True),
            target_level=3,
            target_handling="",
            target_e_file=float("nan"),
        )
        assert (row["target_front_level"], row["target_back_level"]) == (3, 1)
        assert row["changes_front"]
        assert not row["changes_back"]

    def test_target_e_file_alone(self):
        row = one_change(svc=service(level=3, handling="automated"), target_e_file=True)
        assert (row["back_level"], row["target_back_level"]) == (2, 3)

    def test_target_level_is_read_under_the_services_model_version(self):
        v1 = one_change(svc=service(model_version="1", level=2, handling="printed"), target_level=4)
        assert (v1["target_front_level"], v1["target_back_level"]) == (3, 0)
        v2 = one_change(svc=service(model_version="2", level=2, handling="printed"), target_level=5)
        assert (v2["target_front_level"], v2["target_back_level"]) == (3, 2)

    def test_a_change_that_would_lower_a_level_does_not(self):
        row = one_change(
            svc=service(level=3, handling="automated", e_file=True),
            target_level=1,
            target_handling="printed",
            target_e_file=False,
        )
        assert (row["target_front_level"], row["target_back_level"]) == (3, 3)
        assert not row["changes_front"]
        assert not row["changes_back"]

    def test_hours_saved(self):
        row = one_change(staff_minutes_saved=Decimal(30), citizen_minutes_saved=20, media_breaks_removed=2)
        assert row["staff_hours_saved"] == 600.0  # 1,200 cases × 30 minutes / 60
        assert row["citizen_hours_saved"] == 400.0
        assert row["media_breaks_removed"] == 2.0

    def test_changes_of_unknown_services_are_dropped(self):
        result = change_levels(
            services=services_frame(service(1)),
            changes=changes_frame(change(1, service_id=1), change(2, service_id=99)),
        )
        assert list(result.index) == [1]
        assert result.index.name == "change_id"
        assert tuple(result.columns) == CHANGE_LEVEL_COLUMNS


class TestProjectImpact:
    # Service 1: model 2.0 level 1, no online application: front 1, back 0.
    SERVICES = services_frame(service(1, level=1), service(2, level=1, cases_per_year=300))

    def impact(self, *changes: dict, projects: pd.DataFrame | None = None) -> pd.DataFrame:
        return project_impact(
            services=self.SERVICES,
            changes=changes_frame(*changes),
            projects=projects if projects is not None else projects_frame(project(10)),
        )

    def test_hours_saved_are_summed_across_services(self):
        result = self.impact(
            change(1, service_id=1, staff_minutes_saved=30, citizen_minutes_saved=10, media_breaks_removed=1),
            change(2, service_id=2, staff_minutes_saved=20, citizen_minutes_saved=60, media_breaks_removed=2),
        )
        row = result.loc[10]
        assert row["staff_hours_saved"] == 700.0  # 1,200 × 30 / 60 + 300 × 20 / 60 = 600 + 100
        assert row["citizen_hours_saved"] == 500.0  # 1,200 × 10 / 60 + 300 × 60 / 60 = 200 + 300
        assert row["media_breaks_removed"] == 3.0
        assert row["service_count"] == 2

    def test_two_changes_of_one_service_count_it_once(self):
        result = self.impact(change(1, service_id=1), change(2, service_id=1))
        assert result.loc[10, "service_count"] == 1

    @pytest.mark.parametrize(
        ("targets", "implied"),
        [
            ({"target_level": 3}, "front_end"),
            ({"target_handling": "automated"}, "back_end"),
            # Model 2.0 levels 4–7 include a full online application, so from level 1 they raise both.
            ({"target_level": 4}, "end_to_end"),
            ({"target_level": 3, "target_handling": "automated"}, "end_to_end"),
            ({"target_level": 7}, "end_to_end"),
            ({"target_level": 0, "target_handling": "printed"}, None),
        ],
    )
    def test_implied_layer(self, targets, implied):
        row = self.impact(change(1, **targets)).loc[10]
        assert row["implied_layer"] == implied
        assert bool(row["layer_differs"]) is (implied is not None and implied != "front_end")

    def test_model_2_level_4_on_an_online_service_is_back_end(self):
        result = project_impact(
            services=services_frame(service(1, level=3, handling="printed")),
            changes=changes_frame(change(1, target_level=4)),
            projects=projects_frame(project(10)),
        )
        assert result.loc[10, "implied_layer"] == "back_end"

    def test_layer_differs(self):
        result = self.impact(
            change(1, project_id=10, target_handling="automated"),
            change(2, project_id=11, target_handling="automated"),
            change(3, project_id=12, target_level=0),
            projects=projects_frame(
                project(10, layer="front_end"), project(11, layer="back_end"), project(12, layer="back_end")
            ),
        )
        assert result["implied_layer"].tolist() == ["back_end", "back_end", None]
        assert result["layer"].tolist() == ["front_end", "back_end", "back_end"]
        assert result["layer_differs"].tolist() == [True, False, False]

    def test_a_project_without_changes(self):
        result = self.impact(
            change(1, project_id=10, staff_minutes_saved=30),
            projects=projects_frame(project(10), project(11, layer="back_end")),
        )
        row = result.loc[11]
        assert row["staff_hours_saved"] == 0.0
        assert row["citizen_hours_saved"] == 0.0
        assert row["service_count"] == 0
        assert not row["changes_front"]
        assert not row["changes_back"]
        assert row["implied_layer"] is None
        assert row["layer"] == "back_end"
        assert not row["layer_differs"]

    def test_one_row_per_project_in_order(self):
        result = self.impact(
            change(1, project_id=99, staff_minutes_saved=30),  # not in projects: ignored
            projects=projects_frame(project(12), project(10)),
        )
        assert result.index.name == "project_id"
        assert list(result.index) == [12, 10]
        assert tuple(result.columns) == PROJECT_IMPACT_COLUMNS
        assert result["staff_hours_saved"].sum() == 0.0
        assert result["service_count"].dtype == np.int64
        assert result["layer_differs"].dtype == bool


class TestServicesAfter:
    def test_only_changes_of_planned_projects_count(self):
        projects = projects_frame(
            project(10, status="approved"),
            project(11, status="idea"),
            project(12, status="cancelled"),
            project(13, status="in_progress"),
            project(14, status="completed"),
        )
        services = services_frame(
            service(1, level=3, handling="printed"),
            service(2, level=3, handling="printed"),
            service(3, level=1, handling="printed"),
            service(4, level=1, handling="printed"),
        )
        changes = changes_frame(
            change(1, project_id=10, service_id=1, target_handling="automated", staff_minutes_saved=10),
            change(2, project_id=11, service_id=2, target_handling="automated", staff_minutes_saved=10),
            change(3, project_id=12, service_id=3, target_level=3, staff_minutes_saved=10),
            change(4, project_id=13, service_id=3, target_level=2, staff_minutes_saved=5),
            change(5, project_id=14, service_id=4, target_level=3, citizen_minutes_saved=15),
        )
        result = services_after(services=services, changes=changes, projects=projects, statuses=PLANNED)

        assert tuple(result.columns) == SERVICES_AFTER_COLUMNS
        assert result.index.name == "service_id"
        assert result["front_level"].tolist() == [3, 3, 1, 1]
        assert result["back_level"].tolist() == [0, 0, 0, 0]
        assert result["paper_behind_portal"].tolist() == [True, True, False, False]
        assert result["front_level_after"].tolist() == [3, 3, 2, 3]
        assert result["back_level_after"].tolist() == [2, 0, 0, 0]
        assert result["paper_behind_portal_after"].tolist() == [False, True, False, True]
        assert result["staff_hours_saved"].tolist() == [200.0, 0.0, 100.0, 0.0]
        assert result["citizen_hours_saved"].tolist() == [0.0, 0.0, 0.0, 300.0]

    def test_statuses_can_be_chosen(self):
        result = services_after(
            services=services_frame(service(1)),
            changes=changes_frame(change(1, target_level=3)),
            projects=projects_frame(project(10, status="idea")),
            statuses=["idea"],
        )
        assert result.loc[1, "front_level_after"] == 3
        assert "idea" not in PLANNED

    def test_hours_saved_are_capped_at_the_hours_the_service_takes(self):
        # 900 staff hours a year (1,200 × 45 / 60); two projects claim 30 minutes each = 1,200 hours.
        result = services_after(
            services=services_frame(service(1)),
            changes=changes_frame(
                change(1, project_id=10, staff_minutes_saved=30, citizen_minutes_saved=40),
                change(2, project_id=11, staff_minutes_saved=30, citizen_minutes_saved=10),
            ),
            projects=projects_frame(project(10), project(11)),
            statuses=PLANNED,
        )
        assert result.loc[1, "staff_hours_saved"] == 900.0
        assert result.loc[1, "citizen_hours_saved"] == 600.0  # 1,000 claimed, 600 taken

    def test_changes_of_two_projects_are_combined(self):
        # One project automates the transfer, another introduces the e-file: end to end together.
        result = services_after(
            services=services_frame(service(1, level=3, handling="printed")),
            changes=changes_frame(
                change(1, project_id=10, target_handling="automated"),
                change(2, project_id=11, target_e_file=True),
            ),
            projects=projects_frame(project(10), project(11)),
            statuses=PLANNED,
        )
        assert result.loc[1, "back_level_after"] == 3

    def test_never_worse_than_now(self):
        result = services_after(
            services=services_frame(service(1, level=3, handling="automated", e_file=True)),
            changes=changes_frame(change(1, target_level=0, target_handling="printed", target_e_file=False)),
            projects=projects_frame(project(10)),
            statuses=PLANNED,
        )
        assert (result.loc[1, "front_level_after"], result.loc[1, "back_level_after"]) == (3, 3)

    def test_services_without_changes_stay_as_they_are(self):
        result = services_after(
            services=services_frame(service(1, level=2, handling="retyped")),
            changes=changes_frame(),
            projects=projects_frame(),
            statuses=PLANNED,
        )
        row = result.loc[1]
        assert (row["front_level_after"], row["back_level_after"]) == (2, 1)
        assert row["staff_hours_saved"] == 0.0


class TestLevelShares:
    def levels(self) -> pd.DataFrame:
        # Group "a": two services, front 3 → 3 and 1 → 3, back 0 → 2 and 0 → 0; group "b": one service.
        return pd.DataFrame(
            {
                "front_level": [3, 1, 2],
                "back_level": [0, 0, 1],
                "front_level_after": [3, 3, 2],
                "back_level_after": [2, 0, 3],
            },
            index=pd.Index([1, 2, 3], name="service_id"),
        )

    def shares(self) -> pd.DataFrame:
        return level_shares(levels=self.levels(), groups=pd.Series({1: "a", 2: "a", 3: "b"}))

    def test_every_level_appears_for_every_group(self):
        result = self.shares()
        assert tuple(result.columns) == LEVEL_SHARE_COLUMNS
        assert len(result) == 2 * (len(FRONT_LEVELS) + len(BACK_LEVELS)) * 2
        first = result[(result["group"] == "a") & (result["side"] == "front") & (result["when"] == "now")]
        assert first["level"].tolist() == list(FRONT_LEVELS)
        assert first["count"].tolist() == [0, 1, 0, 1]
        assert first["share"].tolist() == [0.0, 0.5, 0.0, 0.5]

    def test_hand_computed_shares(self):
        result = self.shares().set_index(["group", "side", "when", "level"])
        assert result.loc[("a", "front", "after", 3), "share"] == 1.0
        assert result.loc[("a", "back", "now", 0), "count"] == 2
        assert result.loc[("a", "back", "after", 2), "share"] == 0.5
        assert result.loc[("b", "back", "now", 1), "share"] == 1.0
        assert result.loc[("b", "back", "after", 3), "share"] == 1.0
        assert result.loc[("b", "back", "after", 0), "count"] == 0

    def test_shares_sum_to_one_per_group_side_and_time(self):
        sums = self.shares().groupby(["group", "side", "when"])["share"].sum()
        assert len(sums) == 2 * 2 * 2
        assert sums.tolist() == pytest.approx([1.0] * 8)

    def test_order_is_group_side_time_level(self):
        result = self.shares()
        head = result.iloc[:16]
        assert set(head["group"]) == {"a"}
        assert head["side"].tolist() == ["front"] * 8 + ["back"] * 8
        assert head["when"].tolist() == (["now"] * 4 + ["after"] * 4) * 2

    def test_services_without_a_group_are_left_out(self):
        result = level_shares(levels=self.levels(), groups=pd.Series({1: "a", 3: None}))
        assert set(result["group"]) == {"a"}
        assert result["count"].sum() == 4  # one service, counted on 2 sides × 2 times


class TestCost:
    """One definition of what a project costs: per year invest + operating, in all every planned year
    plus the external cost (the project list, the project page, the ranking and the report use it)."""

    COSTS = pd.DataFrame(
        [
            (10, 2025, Decimal(2000), Decimal(0)),
            (10, 2026, 0, 1000),
            (11, 2027, 1000, None),
            (99, 2025, 1_000_000, 0),  # unknown project: left out of the totals
        ],
        columns=COST_COLUMNS,
    )

    def test_cost_per_year_is_invest_plus_operating_of_each_year(self):
        frame = cost_per_year(costs=self.COSTS)
        assert tuple(frame.columns) == COST_PER_YEAR_COLUMNS
        assert frame["year"].tolist() == [2025, 2026, 2027, 2025]
        assert frame["cost"].tolist() == [2000.0, 1000.0, 1000.0, 1_000_000.0]  # a missing amount is 0

    def test_total_cost_is_every_planned_year_plus_the_external_cost(self):
        projects = projects_frame(
            project(10, external_cost=Decimal(500)), project(11), project(12, external_cost=None)
        )
        total = total_cost(projects=projects, costs=self.COSTS)
        assert total.index.name == "project_id" and total.index.tolist() == [10, 11, 12]
        assert total.tolist() == [3500.0, 1000.0, 0.0]

    def test_the_layer_balance_adds_up_the_same_totals(self):
        projects = projects_frame(project(10, external_cost=500), project(11, layer="back_end"))
        per_layer, per_year = layer_balance(
            projects=projects,
            impact=pd.DataFrame(columns=["staff_hours_saved", "citizen_hours_saved"]),
            costs=self.COSTS,
        )
        total = total_cost(projects=projects, costs=self.COSTS)
        assert per_layer.loc["front_end", "cost"] == total[10]
        assert per_layer.loc["back_end", "cost"] == total[11]
        assert per_year["cost"].sum() == cost_per_year(costs=self.COSTS.iloc[:3])["cost"].sum()

    def test_empty(self):
        assert cost_per_year(costs=pd.DataFrame(columns=COST_COLUMNS)).empty
        total = total_cost(projects=projects_frame(project(10)), costs=pd.DataFrame(columns=COST_COLUMNS))
        assert total.tolist() == [0.0]


class TestLayerBalance:
    def balance(self, costs: pd.DataFrame | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
        projects = projects_frame(
            project(10, layer="front_end", internal_effort_days=20, external_cost=Decimal(1000)),
            project(11, layer="back_end", internal_effort_days=Decimal(50), external_cost=None),
            project(12, layer="back_end", internal_effort_days=None, external_cost=500),
        )
        impact = pd.DataFrame(
            {"staff_hours_saved": [100.0, 600.0], "citizen_hours_saved": [300.0, 50.0]},
            index=pd.Index([10, 11], name="project_id"),
        )
        if costs is None:
            costs = pd.DataFrame(
                [
                    (10, 2025, Decimal(2000), Decimal(0)),
                    (10, 2026, 0, 1000),
                    (11, 2026, 4000, 500),
                    (12, 2027, 1000, None),
                    (99, 2025, 1_000_000, 0),  # unknown project: left out
                ],
                columns=COST_COLUMNS,
            )
        return layer_balance(projects=projects, impact=impact, costs=costs)

    def test_per_layer_totals(self):
        per_layer, _ = self.balance()
        assert tuple(per_layer.columns) == LAYER_COLUMNS
        assert per_layer.index.tolist() == list(LAYERS)
        assert per_layer["count"].tolist() == [1, 2, 0]
        assert per_layer["invest"].tolist() == [2000.0, 5000.0, 0.0]
        assert per_layer["operating"].tolist() == [1000.0, 500.0, 0.0]
        assert per_layer["cost"].tolist() == [4000.0, 6000.0, 0.0]  # invest + operating + external cost
        assert per_layer["effort_days"].tolist() == [20.0, 50.0, 0.0]
        assert per_layer["staff_hours_saved"].tolist() == [100.0, 600.0, 0.0]
        assert per_layer["citizen_hours_saved"].tolist() == [300.0, 50.0, 0.0]
        assert per_layer["share_of_cost"].tolist() == pytest.approx([0.4, 0.6, 0.0])

    def test_per_year(self):
        _, per_year = self.balance()
        assert tuple(per_year.columns) == LAYER_YEAR_COLUMNS
        assert per_year["year"].tolist() == [2025] * 3 + [2026] * 3 + [2027] * 3
        assert per_year["layer"].tolist() == list(LAYERS) * 3
        assert per_year["cost"].tolist() == [2000.0, 0.0, 0.0, 1000.0, 4500.0, 0.0, 0.0, 1000.0, 0.0]
        assert per_year["invest"].sum() == 7000.0

    def test_without_costs(self):
        per_layer, per_year = self.balance(costs=pd.DataFrame(columns=COST_COLUMNS))
        assert per_layer["cost"].tolist() == [1000.0, 500.0, 0.0]
        assert per_layer["share_of_cost"].tolist() == pytest.approx([2 / 3, 1 / 3, 0.0])
        assert per_year.empty
        assert tuple(per_year.columns) == LAYER_YEAR_COLUMNS

    def test_share_is_zero_when_nothing_costs_anything(self):
        per_layer, _ = layer_balance(
            projects=projects_frame(project(10)),
            impact=pd.DataFrame(columns=["staff_hours_saved", "citizen_hours_saved"]),
            costs=pd.DataFrame(columns=COST_COLUMNS),
        )
        assert per_layer["share_of_cost"].tolist() == [0.0, 0.0, 0.0]
        assert per_layer["count"].tolist() == [1, 0, 0]

    def test_works_on_project_impact_output(self):
        services = services_frame(service(1))
        changes = changes_frame(change(1, project_id=10, staff_minutes_saved=30))
        projects = projects_frame(project(10, layer="back_end"))
        impact = project_impact(services=services, changes=changes, projects=projects)
        per_layer, _ = layer_balance(
            projects=projects, impact=impact, costs=pd.DataFrame(columns=COST_COLUMNS)
        )
        assert per_layer.loc["back_end", "staff_hours_saved"] == 600.0


class TestEmptyInputs:
    def test_every_function_accepts_empty_frames(self, recwarn):
        services, changes, projects = services_frame(), changes_frame(), projects_frame()

        levels = service_levels(services=services)
        assert levels.empty and tuple(levels.columns) == SERVICE_LEVEL_COLUMNS
        per_change = change_levels(services=services, changes=changes)
        assert per_change.empty and tuple(per_change.columns) == CHANGE_LEVEL_COLUMNS
        impact = project_impact(services=services, changes=changes, projects=projects)
        assert impact.empty and tuple(impact.columns) == PROJECT_IMPACT_COLUMNS
        after = services_after(services=services, changes=changes, projects=projects, statuses=PLANNED)
        assert after.empty and tuple(after.columns) == SERVICES_AFTER_COLUMNS
        shares = level_shares(levels=after, groups=pd.Series(dtype=object))
        assert shares.empty and tuple(shares.columns) == LEVEL_SHARE_COLUMNS
        per_layer, per_year = layer_balance(
            projects=projects, impact=impact, costs=pd.DataFrame(columns=COST_COLUMNS)
        )
        assert per_layer.index.tolist() == list(LAYERS)
        assert per_layer["cost"].tolist() == [0.0, 0.0, 0.0]
        assert per_year.empty and tuple(per_year.columns) == LAYER_YEAR_COLUMNS
        assert not [w for w in recwarn if issubclass(w.category, RuntimeWarning | FutureWarning)]

    def test_services_without_changes_or_projects(self):
        services = services_frame(service(1, level=3, handling="printed"))
        impact = project_impact(
            services=services, changes=changes_frame(), projects=projects_frame(project(10))
        )
        assert impact.loc[10, "implied_layer"] is None
        after = services_after(
            services=services, changes=changes_frame(), projects=projects_frame(), statuses=PLANNED
        )
        assert bool(after.loc[1, "paper_behind_portal_after"])
