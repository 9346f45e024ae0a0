"""Projects' completion and their part in goal progress (DESIGN.md §5 strategy progress)."""

import datetime

import pandas as pd
import pytest

from portfolio.models import Contribution, Status
from portfolio.progress import project_completion
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
    frame = project_completion(projects=projects, reports=reports, today=TODAY)
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
