"""A small strategy for the page and versioning tests."""

import datetime

from strategy.actions import strategy_adopt
from strategy.models import CouncilResolution, FieldOfAction, Goal, Indicator, Measurement, Strategy


def build_strategy(municipality, *, goals: int = 2, indicators_per_goal: int = 2, title="Digitale Agenda"):
    strategy = Strategy.objects.create(
        municipality=municipality, title=title, vision="Digital zuerst.", start_year=2024, end_year=2030
    )
    field = FieldOfAction.objects.create(strategy=strategy, title="Online-Bürgerservices")
    for g in range(goals):
        goal = Goal.objects.create(
            field=field, title=f"Ziel {g + 1}", target_date=datetime.date(2030, 12, 31)
        )
        for i in range(indicators_per_goal):
            indicator = Indicator.objects.create(
                goal=goal,
                name=f"Indikator {g + 1}.{i + 1}",
                unit="%",
                baseline_value=10,
                baseline_date=datetime.date(2024, 1, 1),
                target_value=90,
                target_date=datetime.date(2030, 1, 1),
            )
            Measurement.objects.create(indicator=indicator, date=datetime.date(2025, 1, 1), value=30)
    return strategy


def adopt(strategy, number="DS 1/2025"):
    resolution = CouncilResolution.objects.create(
        municipality=strategy.municipality, number=number, date=datetime.date(2025, 3, 1), title="Beschluss"
    )
    return strategy_adopt(strategy=strategy, resolution=resolution)
