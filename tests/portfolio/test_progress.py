"""Projects' completion and their part in goal progress (DESIGN.md §5 strategy progress)."""

import datetime
from decimal import Decimal

import pandas as pd
import pytest

from portfolio.models import COMMITTED, Contribution, Status, TrafficLight
from portfolio.progress import HEALTH_COLUMNS, project_completion, project_health
from strategy.models import Goal
from strategy.selectors import strategy_overview
from tests.portfolio.conftest import make_project
from tests.strategy.conftest import adopt, build_strategy

TODAY = datetime.date(2026, 7, 1)


def test_completion_from_reports_status_and_plan():
    projects = pd.DataFrame(
        {
            "id": [1, 2, 3, 4],
            "status": ["in_progress", "completed", "approved", "in_progress"],
            "planned_start": [datetime.date(2026, 1, 1)] * 3 + [None],
            "planned_end": [
                datetime.date(2026, 12, 31),
                datetime.date(2026, 3, 31),
                datetime.date(2027, 1, 1),
                None,
            ],
        }
    )
    reports = pd.DataFrame(
        {
            "project_id": [1, 1, 2],
            "date": [datetime.date(2026, 3, 31), datetime.date(2026, 6, 30), datetime.date(2026, 3, 1)],
            "percent_complete": [20, 45, 90],
        }
    )
    frame = project_completion(
        projects=projects, reports=reports, today=TODAY, committed=COMMITTED, completed=Status.COMPLETED
    )
    assert frame.loc[1, "progress"] == pytest.approx(0.45)  # the latest report
    assert frame.loc[2, "progress"] == 1.0  # completed, whatever the last report said
    assert frame.loc[3, "progress"] == 0.0  # approved, no report yet
    # 181 of 364 days of 2026 have passed on 1 July.
    assert frame.loc[1, "expected"] == pytest.approx(181 / 364)
    assert frame.loc[2, "expected"] == 1.0
    assert pd.isna(frame.loc[4, "expected"])


@pytest.mark.django_db
def test_a_running_project_moves_its_goal_and_an_idea_does_not(town_a):
    strategy = adopt(build_strategy(town_a, goals=1, indicators_per_goal=1))
    goal = Goal.objects.get(field__strategy=strategy)
    before = strategy_overview(strategy=strategy, today=TODAY).progress.goals.loc[goal.pk, "progress"]
    idea = make_project(town_a, title="Idee", status=Status.IDEA)
    Contribution.objects.create(project=idea, goal=goal, weight=5)
    assert strategy_overview(strategy=strategy, today=TODAY).progress.goals.loc[goal.pk, "progress"] == before
    done = make_project(
        town_a,
        title="Fertig",
        status=Status.IN_PROGRESS,
        planned_start=datetime.date(2025, 1, 1),
        planned_end=datetime.date(2026, 1, 1),
    )
    done.status_reports.create(
        date=datetime.date(2026, 6, 1),
        overall="green",
        scope_status="green",
        schedule="green",
        budget="green",
        percent_complete=100,
        summary="Fertig.",
    )
    Contribution.objects.create(project=done, goal=goal, weight=1)
    after = strategy_overview(strategy=strategy, today=TODAY).progress.goals.loc[goal.pk, "progress"]
    # The indicator stands at (30 − 10) / (90 − 10) = 0.25; the project at 1.0 with the same weight.
    assert before == pytest.approx(0.25)
    assert after == pytest.approx((0.25 + 1.0) / 2)


class TestProjectHealth:
    """The one definition of "late" and "over budget" (the council report's lists)."""

    @staticmethod
    def health(projects: list[tuple], reports: list[tuple], cost: dict) -> pd.DataFrame:
        return project_health(
            projects=pd.DataFrame(projects, columns=["id", "status", "planned_end"]),
            reports=pd.DataFrame(reports, columns=["project_id", "date", "schedule", "budget", "forecast"]),
            cost=pd.Series(cost, dtype="float64"),
            today=TODAY,
            completed=Status.COMPLETED,
            red=TrafficLight.RED,
        )

    def test_late_when_the_planned_end_has_passed_or_the_schedule_is_red(self):
        past, future = datetime.date(2026, 6, 30), datetime.date(2027, 1, 1)
        frame = self.health(
            [
                (1, "in_progress", past),  # overdue
                (2, "completed", past),  # finished: not late
                (3, "in_progress", future),  # red schedule light
                (4, "approved", None),  # no planned end, no report
                (5, "in_progress", TODAY),  # due today: not yet late
            ],
            [(3, datetime.date(2026, 5, 1), "red", "green", None)],
            {},
        )
        assert frame["late"].tolist() == [True, False, True, False, False]
        assert frame["overdue"].tolist() == [True, False, False, False, False]
        assert frame.loc[3, "schedule"] == "red" and frame.loc[4, "schedule"] is None

    def test_over_budget_is_a_forecast_above_the_budget_or_a_red_budget_light(self):
        day = datetime.date(2026, 5, 1)
        frame = self.health(
            [(i, "in_progress", None) for i in range(1, 7)],
            [
                (1, day, "green", "green", Decimal("90000")),  # green and below its budget: not over
                (2, day, "green", "green", Decimal("100000")),  # exactly the budget: not over
                (3, day, "green", "yellow", Decimal("100000.01")),  # above: over, whatever the light
                (4, day, "green", "red", None),  # the lead says so
                (5, day, "green", "green", Decimal("5000")),  # no budget planned: nothing to overrun
            ],
            {1: 100_000, 2: 100_000, 3: 100_000, 4: 100_000, 6: 100_000},  # 6 has no report at all
        )
        assert frame["over_budget"].tolist() == [False, False, True, True, False, False]
        assert frame.loc[3, "forecast"] == pytest.approx(100_000.01) and frame.loc[5, "cost"] == 0.0

    def test_only_the_latest_report_counts(self):
        frame = self.health(
            [(1, "in_progress", None)],
            [
                (1, datetime.date(2026, 6, 1), "green", "green", None),
                (1, datetime.date(2026, 3, 1), "red", "red", Decimal("999999")),
            ],
            {1: 1000},
        )
        assert not frame.loc[1, "late"] and not frame.loc[1, "over_budget"]
        assert pd.isna(frame.loc[1, "forecast"])  # the latest report forecast nothing

    def test_empty(self):
        frame = self.health([], [], {})
        assert frame.empty and tuple(frame.columns) == HEALTH_COLUMNS
