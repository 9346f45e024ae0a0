"""Background work of the portfolio app (issue 18), through Django's task framework (the backend is the
``TASKS`` setting, as for the council reports): a scenario's solve. The task carries ids only; status,
progress and the answer are stored on the scenario."""

from __future__ import annotations

from django.tasks import task

from . import actions


@task()
def solve_scenario(scenario_id: int, user_id: int, language: str = "de") -> str:
    """Solve a scenario, its naive rule and its frontier (``actions.scenario_solve``)."""
    return actions.scenario_solve(scenario_id=scenario_id, user_id=user_id, language=language)
