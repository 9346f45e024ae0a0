"""Writes of the strategy app that span models (DESIGN.md §4 strategy: versions as councils work).

Each action is atomic and says its side effects. Status changes of frozen versions happen only here.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from municipalities.access import Action
from municipalities.models import Municipality

from .models import (
    CouncilResolution,
    FieldOfAction,
    Goal,
    Indicator,
    Measurement,
    Strategy,
    StrategyStatus,
)


def _refuse(message: str) -> ValidationError:
    return ValidationError(message, code="invalid_transition")


@transaction.atomic
def strategy_submit(*, strategy: Strategy) -> Strategy:
    """Draft → submitted to the council. Side effect: the version is frozen until adopted or returned."""
    strategy = Strategy.objects.select_for_update().get(pk=strategy.pk)
    if strategy.status != StrategyStatus.DRAFT:
        raise _refuse(_("Only a draft can be submitted to the council."))
    if not Indicator.objects.filter(goal__field__strategy=strategy).exists():
        raise _refuse(_("A strategy needs at least one goal with an indicator before it is submitted."))
    strategy.status = StrategyStatus.SUBMITTED
    strategy.save(allow_frozen=True)
    return strategy


@transaction.atomic
def strategy_return_to_draft(*, strategy: Strategy) -> Strategy:
    """Submitted → draft, when the council sends it back. Side effect: editable again."""
    strategy = Strategy.objects.select_for_update().get(pk=strategy.pk)
    if strategy.status != StrategyStatus.SUBMITTED:
        raise _refuse(_("Only a submitted version can be returned to draft."))
    strategy.status = StrategyStatus.DRAFT
    strategy.save(allow_frozen=True)
    return strategy


@transaction.atomic
def strategy_adopt(*, strategy: Strategy, resolution: CouncilResolution) -> Strategy:
    """Draft or submitted → adopted by ``resolution``.

    Side effects: the version is frozen; its predecessor, if adopted, becomes superseded.
    """
    strategy = Strategy.objects.select_for_update().get(pk=strategy.pk)
    if strategy.status not in (StrategyStatus.DRAFT, StrategyStatus.SUBMITTED):
        raise _refuse(_("This version has already been adopted."))
    if resolution.municipality_id != strategy.municipality_id:
        raise ValidationError({"resolution": _("The resolution must be one of this municipality's council.")})
    if not Indicator.objects.filter(goal__field__strategy=strategy).exists():
        raise _refuse(_("A strategy needs at least one goal with an indicator before it is adopted."))
    strategy.status = StrategyStatus.ADOPTED
    strategy.resolution = resolution
    strategy.save(allow_frozen=True)
    if strategy.predecessor_id:
        predecessor = Strategy.objects.select_for_update().get(pk=strategy.predecessor_id)
        if predecessor.status == StrategyStatus.ADOPTED:
            predecessor.status = StrategyStatus.SUPERSEDED
            predecessor.save(allow_frozen=True)
    return strategy


@transaction.atomic
def strategy_revise(*, strategy: Strategy) -> Strategy:
    """Copy an adopted version into a new draft (version + 1) with all fields of action, goals and indicators.

    Copies keep their ``lineage``, so measurements (which stay with the indicator they were entered on)
    are read across versions and the comparison matches old and new. Refuses a second open revision.
    """
    source = Strategy.objects.select_for_update().get(pk=strategy.pk)
    if source.status != StrategyStatus.ADOPTED:
        raise _refuse(_("Only the adopted version can be revised."))
    if Strategy.objects.filter(predecessor=source).exists():
        raise _refuse(_("A revision of this version already exists."))
    draft = Strategy.objects.create(
        municipality_id=source.municipality_id,
        title=source.title,
        vision=source.vision,
        guiding_principles=source.guiding_principles,
        start_year=source.start_year,
        end_year=source.end_year,
        version=source.version + 1,
        predecessor=source,
    )
    fields = list(FieldOfAction.objects.filter(strategy=source))
    goals = list(Goal.objects.filter(field__strategy=source))
    indicators = list(Indicator.objects.filter(goal__field__strategy=source))
    field_map: dict[int, FieldOfAction] = {}
    for field in fields:
        old = field.pk
        field.pk = None
        field.strategy = draft
        field.save()
        field_map[old] = field
    goal_map: dict[int, Goal] = {}
    for goal in goals:
        old = goal.pk
        goal.pk = None
        goal.field = field_map[goal.field_id]
        goal.save()
        goal_map[old] = goal
    for indicator in indicators:
        indicator.pk = None
        indicator.goal = goal_map[indicator.goal_id]
        indicator.save()
    return draft


def may_approve(*, user, indicator: Indicator) -> bool:
    """Whether a value ``user`` enters on ``indicator`` counts at once: always where the municipality
    does not ask for approval, and for those who may change its strategy (strategists, administrators)
    or no person at all (the demo, a migration); an owner's value otherwise waits."""
    asks = Municipality.objects.filter(
        pk__in=Indicator.objects.filter(pk=indicator.pk).values("goal__field__strategy__municipality"),
        approve_updates=True,
    ).exists()
    if not asks or user is None:
        return True
    return Indicator.objects.for_user(user, Action.CHANGE).filter(pk=indicator.pk).exists()


def _entered(measurement: Measurement, *, by) -> None:
    """Who entered the value, and whether it counts at once (``may_approve``) or waits for approval: a
    correction by an owner waits again, whoever approved the value before."""
    measurement.recorded_by = by
    approved = may_approve(user=by, indicator=measurement.indicator)
    measurement.approved_at = timezone.now() if approved else None
    measurement.approved_by = by if approved else None


@transaction.atomic
def measurement_record(
    *, indicator: Indicator, date, value, source: str = "", note: str = "", by=None
) -> Measurement:
    """Record (or correct) the value of ``indicator`` on ``date``. Side effects: a history entry; the
    value counts at once or waits for a strategist's approval (``may_approve``)."""
    measurement = Measurement.objects.filter(indicator=indicator, date=date).first() or Measurement(
        indicator=indicator, date=date
    )
    measurement.value, measurement.source, measurement.note = value, source, note
    _entered(measurement, by=by)
    measurement.full_clean()
    measurement.save()
    return measurement


@transaction.atomic
def measurement_correct(*, measurement: Measurement, by, **changes) -> Measurement:
    """Change the fields ``changes`` of a stored value (the API's update), as a second record of the
    same date would: entered by ``by``, counting at once or waiting again for approval."""
    for name, value in changes.items():
        setattr(measurement, name, value)
    _entered(measurement, by=by)
    measurement.full_clean()
    measurement.save()
    return measurement


@transaction.atomic
def measurement_approve(*, measurement: Measurement, by) -> Measurement:
    """A waiting value counts from now on. Side effect: the history records who approved it and when."""
    measurement = Measurement.objects.select_for_update().get(pk=measurement.pk)
    if not measurement.pending:
        raise _refuse(_("This value is already approved."))
    measurement.approved_at, measurement.approved_by = timezone.now(), by
    measurement._history_user = by
    measurement.save()
    return measurement


@transaction.atomic
def measurement_reject(*, measurement: Measurement, by) -> None:
    """A waiting value is sent back: it is deleted (the history keeps it, and who rejected it), and the
    indicator is outstanding again for its owner. An approved value is corrected or deleted instead."""
    measurement = Measurement.objects.select_for_update().get(pk=measurement.pk)
    if not measurement.pending:
        raise _refuse(_("Only a value waiting for approval can be rejected; correct or delete this one."))
    measurement._history_user = by
    measurement.delete()
