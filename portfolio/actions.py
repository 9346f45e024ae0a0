"""Writes of the portfolio app that span more than one row (DESIGN.md §4 portfolio, §6 permissions).

- ``project_save``: saves a project and keeps the lead's guardian grant in step with ``Project.lead``
  (granted to the new lead, removed from the one replaced), in one transaction.
- ``project_transition``: moves a project to the next status along the checked transitions, stamping the
  actual start and end dates.
- The scoring model: the default model, weights (refused unless they sum to one), AHP from pairwise
  comparisons (all at once from the comparisons page, or one judgement at a time from the API), a
  project's ratings.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from decimal import ROUND_DOWN, Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from guardian.shortcuts import assign_perm

from . import ranking
from .models import (
    DEFAULT_CRITERIA,
    Assessment,
    Criterion,
    PairwiseComparison,
    Project,
    ProjectUserObjectPermission,
    Scenario,
    ScenarioBudget,
    ScenarioStatus,
    ScoringModel,
    SolveStatus,
    Status,
    StatusReport,
    WeightMethod,
)

LEAD_PERMISSION = "portfolio.change_project"


def _refuse(message: str) -> ValidationError:
    """A step the object's state does not allow (the API answers 409)."""
    return ValidationError(message, code="invalid_transition")


def _sync_lead_grant(project: Project, previous_lead_id: int | None) -> None:
    if previous_lead_id and previous_lead_id != project.lead_id:
        ProjectUserObjectPermission.objects.filter(
            content_object=project, user_id=previous_lead_id, permission__codename="change_project"
        ).delete()
    if project.lead_id:
        assign_perm(LEAD_PERMISSION, project.lead, project)


@transaction.atomic
def project_save(*, project: Project) -> Project:
    """Validate and save ``project``; side effect: the lead grant follows ``project.lead``."""
    previous_lead_id = (
        Project.objects.filter(pk=project.pk).values_list("lead_id", flat=True).first()
        if project.pk
        else None
    )
    project.full_clean()
    project.save()
    _sync_lead_grant(project, previous_lead_id)
    return project


@transaction.atomic
def status_report_record(*, report: StatusReport, by=None) -> StatusReport:
    """Save a project's status report (the project page, "My updates", the API): written by ``by`` unless
    it has an author already (a correction keeps who wrote it), checked in full."""
    if report.author_id is None:
        report.author = by
    report.full_clean()
    report.save()
    return report


@transaction.atomic
def project_transition(*, project: Project, status: str, on: datetime.date | None = None) -> Project:
    """Move ``project`` to ``status``; refuses a move the transition table does not allow.

    Side effects: entering "in progress" for the first time sets the actual start, "completed" the
    actual end (both to ``on``, default today) unless they were already recorded.
    """
    on = on or timezone.localdate()
    locked = Project.objects.select_for_update().get(pk=project.pk)
    stored, locked.status = locked.status, status
    if message := locked.transition_error(stored):
        raise ValidationError({"status": message})
    if status == Status.IN_PROGRESS and locked.actual_start is None:
        locked.actual_start = on
    if status == Status.COMPLETED and locked.actual_end is None:
        locked.actual_end = max(on, locked.actual_start) if locked.actual_start else on
    locked.full_clean()
    locked.save()
    return locked


# --- the scoring model (DESIGN.md §4 ScoringModel, §5 ranking) -------------------------------------------


@transaction.atomic
def scoring_model_create_default(*, municipality) -> ScoringModel:
    """The default model of DESIGN.md §4 for ``municipality``, active unless another model already is."""
    active = not ScoringModel.objects.filter(municipality=municipality, active=True).exists()
    model = ScoringModel.objects.create(
        municipality=municipality, name=str(_("Default model")), active=active
    )
    Criterion.objects.bulk_create(
        Criterion(
            model=model,
            key=key.value,
            name=str(key.label),
            weight=Decimal(weight),
            lower_is_better=lower,
            basis=basis,
            position=position,
        )
        for position, (key, weight, lower, basis) in enumerate(DEFAULT_CRITERIA)
    )
    return model


@transaction.atomic
def scoring_model_set_weights(
    *,
    model: ScoringModel,
    weights: Mapping[str, Decimal],
    bases: Mapping[str, str] | None = None,
    lower_is_better: Mapping[str, bool] | None = None,
    method: str = WeightMethod.DIRECT,
) -> ScoringModel:
    """Store new weights (and bases, directions) for ``model``'s criteria; refuses weights that do not sum
    to one (nothing is changed then). Side effect: the model's method is set to ``method``."""
    criteria = list(Criterion.objects.select_for_update().filter(model=model))
    if unknown := sorted(set(weights) - {c.key for c in criteria}):
        message = _("“%(unknown)s” is not a criterion of this model; its criteria are %(known)s.") % {
            "unknown": "”, “".join(unknown),
            "known": ", ".join(c.key for c in criteria),
        }
        raise ValidationError({"weights": message})
    model.check_weights([Decimal(weights[c.key]) for c in criteria if c.key in weights])
    for criterion in criteria:
        if criterion.key in weights:
            criterion.weight = Decimal(weights[criterion.key])
        if bases and criterion.key in bases:
            criterion.basis = bases[criterion.key]
        if lower_is_better and criterion.key in lower_is_better:
            criterion.lower_is_better = lower_is_better[criterion.key]
        criterion.full_clean()
    Criterion.objects.bulk_update(criteria, ["weight", "basis", "lower_is_better"])
    model.method = method
    model.save(update_fields=["method"])
    return model


def rounded_weights(weights: Mapping[str, float], places: int = 4) -> dict[str, Decimal]:
    """Weights rounded to ``places`` decimals that still sum to exactly one: each is rounded down, and
    the steps left over go to the weights that lost most (largest-remainder method)."""
    step = Decimal(1).scaleb(-places)
    exact = {key: Decimal(str(value)) for key, value in weights.items()}
    total = sum(exact.values(), Decimal(0)) or Decimal(1)
    exact = {key: value / total for key, value in exact.items()}
    rounded = {key: value.quantize(step, rounding=ROUND_DOWN) for key, value in exact.items()}
    left = int((Decimal(1) - sum(rounded.values(), Decimal(0))) / step) if rounded else 0
    for key in sorted(exact, key=lambda k: exact[k] - rounded[k], reverse=True)[:left]:
        rounded[key] += step
    return rounded


@transaction.atomic
def scoring_model_apply_comparisons(
    *, model: ScoringModel, judgements: Mapping[tuple[str, str], float]
) -> ranking.AhpResult:
    """Store the pairwise judgements and, side effect, set the criteria weights to the AHP weights
    (method "ahp"), whatever the consistency ratio; the page shows the ratio and the worst pairs."""
    criteria = {c.key: c for c in Criterion.objects.filter(model=model)}
    PairwiseComparison.objects.filter(model=model).delete()
    PairwiseComparison.objects.bulk_create(
        PairwiseComparison(
            model=model, first=criteria[first], second=criteria[second], value=Decimal(str(round(value, 4)))
        )
        for (first, second), value in judgements.items()
    )
    return _set_ahp_weights(model=model, criteria=criteria, judgements=judgements)


def _set_ahp_weights(
    *, model: ScoringModel, criteria: Mapping[str, Criterion], judgements: Mapping[tuple[str, str], float]
) -> ranking.AhpResult:
    keys = sorted(criteria, key=lambda k: (criteria[k].position, k))
    result = ranking.ahp_weights(ranking.pairwise_matrix(keys, judgements))
    scoring_model_set_weights(
        model=model, weights=rounded_weights(result.weights.to_dict()), method=WeightMethod.AHP
    )
    return result


def _weights_from_stored_comparisons(model: ScoringModel) -> ranking.AhpResult | None:
    """Set the AHP weights of ``model``'s stored judgements once every pair of its criteria is judged;
    None (the weights unchanged) while pairs are missing."""
    criteria = {c.key: c for c in Criterion.objects.filter(model=model)}
    judgements = {
        (first, second): float(value)
        for first, second, value in PairwiseComparison.objects.filter(
            model=model, first__model=model, second__model=model
        ).values_list("first__key", "second__key", "value")
    }
    if len(judgements) < len(criteria) * (len(criteria) - 1) // 2:
        return None
    return _set_ahp_weights(model=model, criteria=criteria, judgements=judgements)


@transaction.atomic
def pairwise_comparison_save(*, comparison: PairwiseComparison) -> PairwiseComparison:
    """Store one judgement (new or changed); refuses a pair already judged (in either order) and a
    criterion of another scoring model.

    Side effect: once every pair of the model's criteria is judged, the model's weights become the AHP
    weights of its judgements (method "ahp"), as when the comparisons page saves them all at once; while
    pairs are missing the weights stay as they are (``GET scoring-models/{id}/ahp/`` lists the missing).
    """
    comparison.full_clean()
    comparison.save()
    _weights_from_stored_comparisons(comparison.model)
    return comparison


@transaction.atomic
def pairwise_comparison_delete(*, comparison: PairwiseComparison) -> None:
    """Remove one judgement. Side effect: none on the weights, the set being incomplete afterwards."""
    model = comparison.model
    comparison.delete()
    _weights_from_stored_comparisons(model)


@transaction.atomic
def assessments_save(
    *,
    project: Project,
    model: ScoringModel,
    values: Mapping[str, int | None],
    notes: Mapping[str, str] | None = None,
) -> dict[str, Assessment]:
    """Set ``project``'s ratings on ``model``'s criteria; None removes a rating (it is then missing).

    A rating that exists is corrected, so there is one per project and criterion. ``notes`` sets the
    reasons of the given criteria (the others keep theirs). Returns the ratings kept, by criterion key.
    """
    criteria = {c.key: c for c in Criterion.objects.filter(model=model, key__in=list(values))}
    saved: dict[str, Assessment] = {}
    for key, value in values.items():
        if value is None:
            Assessment.objects.filter(project=project, criterion=criteria[key]).delete()
            continue
        assessment = Assessment.objects.filter(
            project=project, criterion=criteria[key]
        ).first() or Assessment(project=project, criterion=criteria[key])
        assessment.value = value
        if notes and key in notes:
            assessment.note = notes[key]
        assessment.full_clean()
        assessment.save()
        saved[key] = assessment
    return saved


# --- scenarios (issue 18) ---------------------------------------------------------------------------------

# Budget levels of the frontier, as multiples of the scenario's budget.
FRONTIER_FACTORS = (0.5, 0.75, 1.0, 1.25, 1.5, 2.0)
SOLVE_TIME_LIMIT = 60.0  # seconds for the scenario itself; each frontier point gets a third of it


@transaction.atomic
def scenario_save(*, scenario: Scenario, budgets: Mapping[int, Mapping[str, object]] | None = None, by=None):
    """Save a scenario (the page, the API, the admin) and, with ``budgets`` (year → total / invest /
    operating), its yearly budgets: years outside its planning years are removed. A saved change leaves
    the last answer in place; the page says it no longer matches (``result["fingerprint"]``)."""
    if scenario.pk is None and by is not None:
        scenario.created_by = by
    scenario.full_clean()
    scenario.save()
    if budgets is not None:
        years = range(scenario.first_year, scenario.first_year + scenario.years)
        ScenarioBudget.objects.filter(scenario=scenario).exclude(year__in=list(years)).delete()
        for year, amounts in budgets.items():
            if year not in years:
                continue
            row = ScenarioBudget.objects.filter(scenario=scenario, year=year).first() or ScenarioBudget(
                scenario=scenario, year=year
            )
            for name in ("total", "invest", "operating"):
                if name in amounts:
                    setattr(row, name, amounts[name])
            row.full_clean()
            row.save()
    return scenario


@transaction.atomic
def scenario_solve_request(*, scenario: Scenario, user) -> Scenario:
    """Solve ``scenario`` in the background for ``user`` (whose view of the portfolio it reads). Asked
    again while waiting or being solved, nothing new is queued (one task per request, never two); a solve
    whose worker stopped is taken as failed, so asking again is the retry."""
    from .tasks import solve_scenario  # the task module imports this one

    scenario = Scenario.objects.select_for_update().get(pk=scenario.pk)
    now = timezone.now()
    if scenario.solving:  # a stalled one is asked for again
        return scenario
    scenario.solve_status, scenario.solve_progress, scenario.solve_error = SolveStatus.QUEUED, 0, ""
    scenario.solve_requested_at, scenario.heartbeat = now, now
    scenario.save(
        update_fields=["solve_status", "solve_progress", "solve_error", "solve_requested_at", "heartbeat"]
    )
    language = translation.get_language() or "de"

    def enqueue():
        result = solve_scenario.enqueue(scenario.pk, user.pk, language)
        Scenario.objects.filter(pk=scenario.pk).update(task_id=str(result.id)[:64])

    transaction.on_commit(enqueue)
    return scenario


def _progress(scenario_id: int, percent: int) -> None:
    Scenario.objects.filter(pk=scenario_id, solve_status=SolveStatus.RUNNING).update(
        solve_progress=percent, heartbeat=timezone.now()
    )


def scenario_solve(*, scenario_id: int, user_id: int, language: str = "de") -> str:
    """The solve task's body: claim the scenario (one already claimed or finished is left alone, so a
    task delivered twice solves once), build its problem as the requester sees the portfolio, solve it,
    run the naive rule and the frontier, store the answer. A failure is stored with a message."""
    from django.contrib.auth import get_user_model

    from . import optimizer
    from .selectors import scenario_problem
    from .selectors.scenarios import scenario_answer

    with transaction.atomic():
        scenario = (
            Scenario.objects.select_for_update()
            .filter(pk=scenario_id, solve_status=SolveStatus.QUEUED)
            .first()
        )
        if scenario is None:
            return "skipped"
        scenario.solve_status, scenario.heartbeat = SolveStatus.RUNNING, timezone.now()
        scenario.save(update_fields=["solve_status", "heartbeat"])
    try:
        with translation.override(language):
            user = get_user_model().objects.get(pk=user_id)
            built = scenario_problem(user=user, scenario=scenario)
            _progress(scenario_id, 10)
            best = optimizer.solve(built.problem, time_limit=SOLVE_TIME_LIMIT)
            _progress(scenario_id, 40)
            rule = optimizer.naive(built.problem)
            points = []
            for i, factor in enumerate(FRONTIER_FACTORS):
                points.extend(optimizer.frontier(built.problem, [factor], time_limit=SOLVE_TIME_LIMIT / 3))
                _progress(scenario_id, 40 + int(55 * (i + 1) / len(FRONTIER_FACTORS)))
            answer = scenario_answer(built=built, best=best, naive=rule, frontier=points)
    except Exception as error:  # stored for the person who asked, who can try again; logged for the operator
        import logging

        logging.getLogger(__name__).exception("Scenario %s could not be solved", scenario_id)
        with translation.override(language):
            message = _(
                "The scenario could not be solved (%(error)s). Try again; if it fails again, tell your "
                "administrator."
            )
        Scenario.objects.filter(pk=scenario_id).update(
            solve_status=SolveStatus.FAILED,
            solve_error=message % {"error": type(error).__name__},
            heartbeat=timezone.now(),
        )
        return "failed"
    Scenario.objects.filter(pk=scenario_id, solve_status=SolveStatus.RUNNING).update(
        solve_status=SolveStatus.DONE,
        solve_progress=100,
        result=answer,
        solved_at=timezone.now(),
        heartbeat=timezone.now(),
    )
    return "done"


@transaction.atomic
def scenario_adopt(*, scenario: Scenario, resolution, user) -> Scenario:
    """Adopt the scenario's answer as the plan, decided by ``resolution`` (a council resolution of its
    municipality). Side effects: each chosen idea or proposal becomes approved through the checked
    transitions (idea → proposed → approved), its planned start (and end, by as much) moved to the start
    year the answer gave it; committed projects stay as they are; a scenario adopted before goes back to
    draft. Refused when the scenario has no portfolio, or its answer no longer matches the inputs
    (``user``'s view of the portfolio, as when it was solved)."""
    from .selectors import scenario_problem

    scenario = Scenario.objects.select_for_update().select_related("municipality").get(pk=scenario.pk)
    if scenario.status == ScenarioStatus.ADOPTED:
        raise _refuse(_("This scenario is already the adopted plan."))
    if resolution.municipality_id != scenario.municipality_id:
        raise ValidationError({"resolution": _("The resolution must be one of this municipality's council.")})
    result = scenario.result or {}
    if result.get("status") not in {"optimal", "within_gap", "time_limit"}:
        raise _refuse(_("Only a solved scenario with a portfolio can be adopted; solve it first."))
    if scenario_problem(user=user, scenario=scenario).fingerprint != result.get("fingerprint"):
        raise _refuse(
            _("The answer no longer matches the projects or settings; solve the scenario again first.")
        )
    for row in result["chosen"]:
        project = Project.objects.select_for_update().get(pk=row["id"])
        if project.status not in (Status.IDEA, Status.PROPOSED):
            continue
        if project.planned_start is not None and project.planned_start.year != row["start"]:
            shift = row["start"] - project.planned_start.year
            project.planned_start = _shift_year(project.planned_start, shift)
            if project.planned_end is not None:
                project.planned_end = _shift_year(project.planned_end, shift)
            project_save(project=project)
        elif project.planned_start is None:
            project.planned_start = datetime.date(row["start"], 1, 1)
            project_save(project=project)
        for step in ((Status.PROPOSED,) if project.status == Status.IDEA else ()) + (Status.APPROVED,):
            project = project_transition(project=project, status=step)
    Scenario.objects.filter(municipality=scenario.municipality, status=ScenarioStatus.ADOPTED).update(
        status=ScenarioStatus.DRAFT
    )
    scenario.status, scenario.resolution, scenario.adopted_at = (
        ScenarioStatus.ADOPTED,
        resolution,
        timezone.now(),
    )
    scenario.save(update_fields=["status", "resolution", "adopted_at"])
    return scenario


def _shift_year(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February into a common year
        return day.replace(year=day.year + years, day=28)
