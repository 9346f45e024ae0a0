"""Writes of the staffing app that span rows (DESIGN.md §3): each atomic, saying its side effects."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from django.db import transaction

from .models import ScenarioCapacity


@transaction.atomic
def scenario_capacity_save(*, scenario, values: Mapping[tuple[int, int], Decimal | None]) -> int:
    """Set the entered capacity of ``scenario`` per (skill id, year): a number is stored (checked), an
    empty one removes the entry (no limit that year). Entries for years outside the scenario's are
    removed too. Returns how many entries the scenario has afterwards."""
    years = range(scenario.first_year, scenario.first_year + scenario.years)
    ScenarioCapacity.objects.filter(scenario=scenario).exclude(year__in=list(years)).delete()
    for (skill_id, year), fte in values.items():
        if year not in years:
            continue
        row = ScenarioCapacity.objects.filter(scenario=scenario, skill_id=skill_id, year=year).first()
        if fte is None:
            if row is not None:
                row.delete()
            continue
        row = row or ScenarioCapacity(scenario=scenario, skill_id=skill_id, year=year)
        row.fte = fte
        row.full_clean()
        row.save()
    return ScenarioCapacity.objects.filter(scenario=scenario).count()
