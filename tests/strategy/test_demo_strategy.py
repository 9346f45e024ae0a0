"""Musterstadt's demo strategy: two versions as councils work, a realistic history of values, idempotent."""

import datetime
from collections import Counter, defaultdict

import pytest

from municipalities.demo import create_musterstadt
from strategy import demo
from strategy.models import (
    CouncilResolution,
    Direction,
    FieldOfAction,
    Goal,
    Indicator,
    Measurement,
    Strategy,
    StrategyStatus,
)
from strategy.selectors import strategy_overview

AS_OF = datetime.date(2026, 11, 23)
HISTORY_MODELS = (Strategy, FieldOfAction, Goal, Indicator, Measurement)


@pytest.fixture
def town(db):
    town = create_musterstadt()
    demo.build(municipality=town)
    return town


@pytest.fixture
def versions(town) -> tuple[Strategy, Strategy]:
    strategies = Strategy.objects.filter(municipality=town, title=demo.TITLE)
    return strategies.get(version=1), strategies.get(version=2)


def counts() -> dict[str, int]:
    rows = {model.__name__: model.objects.count() for model in (*HISTORY_MODELS, CouncilResolution)}
    return rows | {f"{model.__name__} history": model.history.count() for model in HISTORY_MODELS}


def test_version_1_is_superseded_by_the_adopted_version_2(town, versions):
    v1, v2 = versions
    assert Strategy.objects.filter(municipality=town).count() == 2
    assert (v1.status, v2.status) == (StrategyStatus.SUPERSEDED, StrategyStatus.ADOPTED)
    assert v2.predecessor == v1
    assert (v1.resolution.number, v1.resolution.date) == ("DS 2022/117", datetime.date(2022, 6, 30))
    assert (v2.resolution.number, v2.resolution.date) == ("DS 2025/042", datetime.date(2025, 3, 27))
    assert v1.resolution.url.startswith("https://ratsinfo.musterstadt.example/")
    assert (v1.start_year, v1.end_year) == (2022, 2030)
    assert "niemand wird zurückgelassen" in v2.guiding_principles
    assert "Once-Only" in v2.guiding_principles


def test_the_revision_adds_a_goal_removes_one_and_raises_a_target(versions):
    goals = [set(Goal.objects.filter(field__strategy=v).values_list("lineage", flat=True)) for v in versions]
    assert len(goals[1] - goals[0]) == 1
    assert len(goals[0] - goals[1]) == 1
    targets = [
        dict(Indicator.objects.filter(goal__field__strategy=v).values_list("lineage", "target_value"))
        for v in versions
    ]
    changed = [
        lineage
        for lineage in targets[0].keys() & targets[1].keys()
        if targets[0][lineage] != targets[1][lineage]
    ]
    assert len(changed) == 1
    assert targets[1][changed[0]] > targets[0][changed[0]]


def test_version_2_is_a_full_plausible_strategy(town, versions):
    _, v2 = versions
    assert FieldOfAction.objects.filter(strategy=v2).count() >= 6
    goals = Goal.objects.filter(field__strategy=v2)
    indicators = Indicator.objects.filter(goal__field__strategy=v2)
    assert goals.count() >= 20
    assert indicators.count() >= 40
    for goal in goals:
        assert goal.owner.municipality == town
        assert 2026 <= goal.target_date.year <= 2030
    assert {int(w) for w in goals.values_list("weight", flat=True)} == {1, 2}
    for indicator in indicators:
        rising = indicator.target_value > indicator.baseline_value
        assert rising == (indicator.direction == Direction.INCREASE), indicator.name
        assert indicator.owner.municipality == town
        assert indicator.baseline_date.year == 2022
        assert 2026 <= indicator.target_date.year <= 2030
        assert indicator.source


def test_measurements_span_years_follow_the_versions_and_some_are_stale(versions):
    v1, v2 = versions
    adopted = v2.resolution.date
    by_lineage = defaultdict(list)
    for measurement in Measurement.objects.select_related("indicator__goal__field"):
        assert datetime.date(2023, 1, 1) <= measurement.date < AS_OF
        expected_version = v1 if measurement.date < adopted else v2
        assert measurement.indicator.goal.field.strategy_id == expected_version.pk
        by_lineage[measurement.indicator.lineage].append(measurement.date)
    without_data, stale = [], []
    for indicator in Indicator.objects.filter(goal__field__strategy=v2):
        dates = sorted(by_lineage[indicator.lineage])
        if not dates:
            without_data.append(indicator)
            continue
        assert (dates[-1] - dates[0]).days >= 730, indicator.name
        if dates[-1] + datetime.timedelta(days=indicator.update_interval) < AS_OF:
            stale.append(indicator)
    assert 1 <= len(without_data) <= 2
    assert 3 <= len(stale) <= 4
    assert Measurement.history.count() == Measurement.objects.count()


def test_the_status_mix_is_realistic(versions):
    _, v2 = versions
    statuses = Counter(strategy_overview(strategy=v2, today=AS_OF).progress.indicators["status"])
    assert statuses.most_common(1)[0][0] == "on_track"
    assert statuses["on_track"] + statuses["achieved"] > sum(statuses.values()) / 2
    for status in ("achieved", "at_risk", "off_track"):
        assert statuses[status] >= 2, statuses
    assert 1 <= statuses["no_data"] <= 2


def test_building_twice_changes_nothing(town):
    before = counts()
    demo.build(municipality=town)
    assert counts() == before
