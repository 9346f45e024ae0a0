"""The digital vision and agenda a council adopts (DESIGN.md §4 strategy).

Strategy (a version) → FieldOfAction → Goal → Indicator → Measurement, and the CouncilResolution that
adopted a version. An adopted (or submitted, or superseded) version is frozen: its own fields, its fields
of action, goals and indicators refuse every save and delete, whichever path (page, API, admin) calls
them. Bulk deletes and updates of a queryset (the admin's "delete selected") refuse frozen rows too. The
council resolution that adopted a version is frozen with it. Measurements stay open: they are how progress
is tracked, but none is dated after today, and one of a percentage indicator lies between 0 and 100. A
revision copies a version into a new draft; goals and indicators keep a ``lineage`` shared across versions,
so measurements and comparisons follow "the same" indicator from one version to the next.
"""

from __future__ import annotations

import datetime
import uuid
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower, Trim
from django.db.models.lookups import In
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from municipalities.access import STRATEGY, Role, Scope, ScopedQuerySet
from municipalities.display import display
from municipalities.models import Municipality, OrgUnit
from municipalities.periods import PeriodLocked
from municipalities.validators import MaxValueValidator, MinValueValidator


class StrategyStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted to the council")
    ADOPTED = "adopted", _("Adopted")
    SUPERSEDED = "superseded", _("Superseded")


FROZEN_STATUSES = (StrategyStatus.SUBMITTED, StrategyStatus.ADOPTED, StrategyStatus.SUPERSEDED)
COUNCIL_VISIBLE = (StrategyStatus.ADOPTED, StrategyStatus.SUPERSEDED)
MIN_YEAR, MAX_YEAR = 2000, 2100
# On the fields, so forms, the API and its schema (minimum, maximum) know the range the database checks.
YEAR_RANGE = [
    MinValueValidator(MIN_YEAR, message=_("Enter a year between 2000 and 2100.")),
    MaxValueValidator(MAX_YEAR, message=_("Enter a year between 2000 and 2100.")),
]
POSITIVE = [MinValueValidator(Decimal("0.01"))]
# Units (compared trimmed and in lower case) that make an indicator a percentage, whose values lie in 0–100.
PERCENT_UNITS = ("%", "prozent", "percent", "per cent")
PERCENT_RANGE = (Decimal(0), Decimal(100))


class FrozenError(ValidationError):
    """Raised on any write to a frozen strategy version or its parts (or the resolution that adopted it)."""

    def __init__(self, message=None) -> None:
        super().__init__(
            message
            or _(
                "This strategy version has been submitted or adopted and can no longer be changed. "
                "Revise it to get an editable draft."
            ),
            code="frozen",
        )


class FrozenQuerySet(ScopedQuerySet):
    """The scoping gate, and bulk writes that refuse frozen rows as the models' own save and delete do.

    ``QuerySet.delete()`` and ``update()`` bypass the model's ``delete``/``save``; the admin's "delete
    selected" action and django-simple-history's bulk helpers use them. Each model names its frozen rows
    in ``frozen_condition()``. Cascades from a deleted parent (a municipality) are the database's and
    are not refused.
    """

    def _refuse_frozen(self) -> None:
        if self.filter(self.model.frozen_condition()).exists():
            raise self.model.frozen_error()

    def delete(self):
        self._refuse_frozen()
        return super().delete()

    delete.alters_data = True
    delete.queryset_only = True

    def update(self, **kwargs):
        self._refuse_frozen()
        return super().update(**kwargs)

    update.alters_data = True


def _council_rule(path: str) -> dict[Role, Q]:
    """Council members and project leads read adopted (and superseded) versions only; drafts stay hidden."""
    rule = Q(**{f"{path}status__in": COUNCIL_VISIBLE})
    return {Role.COUNCIL: rule, Role.PROJECT_LEAD: rule}


class CouncilResolution(models.Model):
    """A council decision (Ratsbeschluss); adopted versions (later projects, reports) trace to one.

    Once a version it is linked to is adopted (or superseded), the resolution is part of the record and
    refuses every save and delete, as the version does.
    """

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, verbose_name=_("municipality"))
    number = models.CharField(_("resolution number"), max_length=50)
    date = models.DateField(_("date of the resolution"))
    title = models.CharField(_("title"), max_length=300)
    url = models.URLField(_("link to the council information system"), blank=True)

    objects = FrozenQuerySet.as_manager()
    scope = Scope(area=STRATEGY)

    class Meta:
        verbose_name = _("council resolution")
        verbose_name_plural = _("council resolutions")
        ordering = ["-date", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "number"],
                name="resolution_unique_number",
                violation_error_message=_("A council resolution with this number is already recorded."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} ({display(self.date)})"

    @staticmethod
    def frozen_condition() -> Q:
        return Q(pk__in=Strategy.objects.filter(status__in=COUNCIL_VISIBLE).values("resolution"))

    @staticmethod
    def frozen_error() -> FrozenError:
        return FrozenError(
            _(
                "This council resolution adopted a strategy version and can no longer be changed or "
                "deleted. Record a new resolution for a new decision."
            )
        )

    @property
    def is_frozen(self) -> bool:
        """Whether the stored resolution adopted a version (changing ``self`` in memory changes nothing)."""
        return (
            self.pk is not None
            and CouncilResolution.objects.filter(self.frozen_condition(), pk=self.pk).exists()
        )

    def clean(self) -> None:
        super().clean()
        if self.is_frozen:
            raise self.frozen_error()

    def save(self, *args, **kwargs) -> None:
        if self.is_frozen:
            raise self.frozen_error()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self.is_frozen:
            raise self.frozen_error()
        return super().delete(*args, **kwargs)


class Strategy(models.Model):
    """One version of a municipality's digital strategy ("Digitale Agenda 2030", version 2)."""

    # Fields that ``clean`` checks against other fields or stored data (``api.schema`` documents them).
    rules_across_fields = ("end_year",)

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="strategies", verbose_name=_("municipality")
    )
    title = models.CharField(_("title"), max_length=200)
    vision = models.TextField(
        _("vision"), help_text=_("Where the municipality wants to be at the end of the period.")
    )
    guiding_principles = models.TextField(_("guiding principles"), blank=True)
    start_year = models.PositiveSmallIntegerField(_("first year"), validators=YEAR_RANGE)
    end_year = models.PositiveSmallIntegerField(_("last year"), validators=YEAR_RANGE)
    status = models.CharField(
        _("status"), max_length=20, choices=StrategyStatus, default=StrategyStatus.DRAFT
    )
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    predecessor = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="successor",
        verbose_name=_("previous version"),
    )
    resolution = models.ForeignKey(
        CouncilResolution,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="strategies",
        verbose_name=_("adopting council resolution"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = FrozenQuerySet.as_manager()
    scope = Scope(area=STRATEGY, row_filters=_council_rule(""))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("strategy")
        verbose_name_plural = _("strategies")
        ordering = ["-start_year", "title", "-version"]
        constraints = [
            models.CheckConstraint(
                condition=Q(start_year__gte=MIN_YEAR, end_year__lte=MAX_YEAR, end_year__gte=F("start_year")),
                name="strategy_period_valid",
            ),
            models.CheckConstraint(
                condition=Q(status__in=StrategyStatus.values), name="strategy_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(status__in=[StrategyStatus.DRAFT, StrategyStatus.SUBMITTED])
                | Q(resolution__isnull=False),
                name="strategy_adopted_has_resolution",
            ),
            models.CheckConstraint(condition=Q(version__gte=1), name="strategy_version_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.title} (v{self.version})"

    @property
    def is_frozen(self) -> bool:
        return self.status in FROZEN_STATUSES

    @staticmethod
    def frozen_condition() -> Q:
        return Q(status__in=FROZEN_STATUSES)

    @staticmethod
    def frozen_error() -> FrozenError:
        return FrozenError()

    def _stored_status(self) -> str | None:
        if self.pk is None:
            return None
        return Strategy.objects.filter(pk=self.pk).values_list("status", flat=True).first()

    def _check_writable(self) -> None:
        """Refuse a write to a frozen version, and a status change outside the actions (e.g. a history
        revert to the "submitted" state of a version since returned to draft)."""
        stored = self._stored_status()
        if stored in FROZEN_STATUSES:
            raise FrozenError()
        if stored is not None and stored != self.status:
            raise ValidationError(
                _("The status of a version changes only by submitting, returning or adopting it."),
                code="invalid_transition",
            )

    def clean(self) -> None:
        super().clean()
        self._check_writable()
        if self.start_year and self.end_year and self.end_year < self.start_year:
            raise ValidationError({"end_year": _("The last year cannot be before the first year.")})

    def save(self, *args, **kwargs) -> None:
        # Status changes (submit, return, adopt, supersede) go through actions with allow_frozen.
        if not kwargs.pop("allow_frozen", False):
            self._check_writable()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self._stored_status() in FROZEN_STATUSES:
            raise FrozenError()
        return super().delete(*args, **kwargs)


class FrozenWithStrategy(models.Model):
    """Parts of a strategy version: writable only while their version is a draft."""

    class Meta:
        abstract = True

    @classmethod
    def frozen_condition(cls) -> Q:
        return Q(**{f"{cls.STRATEGY_PATH}__status__in": FROZEN_STATUSES})

    @staticmethod
    def frozen_error() -> FrozenError:
        return FrozenError()

    def _strategy_id(self) -> int | None:
        raise NotImplementedError

    def _check_not_frozen(self, stored: bool) -> None:
        ids = {self._strategy_id()}
        if stored and self.pk is not None:
            ids.add(type(self).objects.filter(pk=self.pk).values_list(self.STRATEGY_PATH, flat=True).first())
        if Strategy.objects.filter(pk__in=[i for i in ids if i], status__in=FROZEN_STATUSES).exists():
            raise FrozenError()

    def clean(self) -> None:
        super().clean()
        self._check_not_frozen(stored=True)

    def save(self, *args, **kwargs) -> None:
        self._check_not_frozen(stored=True)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        self._check_not_frozen(stored=True)
        return super().delete(*args, **kwargs)


class FieldOfAction(FrozenWithStrategy):
    """Handlungsfeld: a theme of the strategy (online services, e-file and processes, skills, …)."""

    STRATEGY_PATH = "strategy"

    strategy = models.ForeignKey(
        Strategy, on_delete=models.CASCADE, related_name="fields", verbose_name=_("strategy")
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveSmallIntegerField(
        _("position"),
        default=0,
        help_text=_("Order on the pages and in the reports: lower numbers come first."),
    )
    weight = models.DecimalField(
        _("weight"),
        max_digits=6,
        decimal_places=2,
        default=1,
        validators=POSITIVE,
        help_text=_(
            "How much the field of action counts in the strategy's progress, against the other fields: "
            "2 counts twice as much as 1."
        ),
    )
    lineage = models.UUIDField(default=uuid.uuid4, editable=False)

    objects = FrozenQuerySet.as_manager()
    scope = Scope(
        area=STRATEGY, municipality_field="strategy__municipality", row_filters=_council_rule("strategy__")
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("field of action")
        verbose_name_plural = _("fields of action")
        ordering = ["position", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["strategy", "title"],
                name="field_unique_title",
                violation_error_message=_("This strategy already has a field of action of this title."),
            ),
            models.UniqueConstraint(
                fields=["strategy", "lineage"],
                name="field_unique_lineage",
                violation_error_message=_("This field of action is already part of this strategy version."),
            ),
            models.CheckConstraint(condition=Q(weight__gt=0), name="field_weight_positive"),
        ]

    def __str__(self) -> str:
        return self.title

    def _strategy_id(self) -> int | None:
        return self.strategy_id


class Goal(FrozenWithStrategy):
    # Fields that ``clean`` checks against other fields or stored data (``api.schema`` documents them).
    rules_across_fields = ("target_date",)

    STRATEGY_PATH = "field__strategy"

    field = models.ForeignKey(
        FieldOfAction, on_delete=models.CASCADE, related_name="goals", verbose_name=_("field of action")
    )
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    owner = models.ForeignKey(
        OrgUnit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="goals",
        verbose_name=_("responsible unit"),
    )
    target_date = models.DateField(_("target date"), null=True, blank=True)
    position = models.PositiveSmallIntegerField(
        _("position"),
        default=0,
        help_text=_("Order on the pages and in the reports: lower numbers come first."),
    )
    weight = models.DecimalField(
        _("weight"),
        max_digits=6,
        decimal_places=2,
        default=1,
        validators=POSITIVE,
        help_text=_(
            "How much the goal counts in its field of action's progress, "
            "against the field's other goals: 2 counts twice as much as 1."
        ),
    )
    lineage = models.UUIDField(default=uuid.uuid4, editable=False)

    objects = FrozenQuerySet.as_manager()
    scope = Scope(
        area=STRATEGY,
        municipality_field="field__strategy__municipality",
        row_filters=_council_rule("field__strategy__"),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        ordering = ["position", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["field", "title"],
                name="goal_unique_title",
                violation_error_message=_("This field of action already has a goal of this title."),
            ),
            models.CheckConstraint(condition=Q(weight__gt=0), name="goal_weight_positive"),
        ]

    def __str__(self) -> str:
        return self.title

    def _strategy_id(self) -> int | None:
        return FieldOfAction.objects.filter(pk=self.field_id).values_list("strategy_id", flat=True).first()

    def clean(self) -> None:
        super().clean()
        if self.owner_id and self.field_id:
            municipality_id = self.field.strategy.municipality_id
            if self.owner.municipality_id != municipality_id:
                raise ValidationError({"owner": _("The responsible unit must belong to this municipality.")})
        if error := target_outside_period(self._strategy_id(), self.target_date):
            raise ValidationError({"target_date": error})


class Direction(models.TextChoices):
    INCREASE = "increase", _("higher is better")
    DECREASE = "decrease", _("lower is better")


class IndicatorKind(models.TextChoices):
    OUTPUT = "output", _("Output (what is delivered)")
    OUTCOME = "outcome", _("Outcome (what changes for users)")
    IMPACT = "impact", _("Impact (long-term effect)")


class UpdateInterval(models.IntegerChoices):
    MONTHLY = 31, _("monthly")
    QUARTERLY = 92, _("quarterly")
    HALF_YEARLY = 183, _("half-yearly")
    YEARLY = 366, _("yearly")


class Indicator(FrozenWithStrategy):
    """A measurable sign of a goal, with baseline, target and the interval in which it is measured."""

    # Fields that ``clean`` checks against other fields or stored data (``api.schema`` documents them).
    rules_across_fields = ("baseline_value", "target_value", "target_date")

    STRATEGY_PATH = "goal__field__strategy"

    goal = models.ForeignKey(
        Goal, on_delete=models.CASCADE, related_name="indicators", verbose_name=_("goal")
    )
    name = models.CharField(_("name"), max_length=300)
    unit = models.CharField(_("unit"), max_length=50, help_text=_("For example %, days, number of services."))
    kind = models.CharField(_("kind"), max_length=10, choices=IndicatorKind, default=IndicatorKind.OUTCOME)
    direction = models.CharField(_("direction"), max_length=10, choices=Direction, default=Direction.INCREASE)
    baseline_value = models.DecimalField(_("baseline value"), max_digits=14, decimal_places=4)
    baseline_date = models.DateField(_("baseline date"))
    target_value = models.DecimalField(_("target value"), max_digits=14, decimal_places=4)
    target_date = models.DateField(_("target date"))
    owner = models.ForeignKey(
        OrgUnit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="indicators",
        verbose_name=_("responsible unit"),
    )
    update_interval = models.PositiveSmallIntegerField(
        _("update interval"), choices=UpdateInterval, default=UpdateInterval.YEARLY
    )
    source = models.CharField(_("data source"), max_length=300, blank=True)
    weight = models.DecimalField(
        _("weight"),
        max_digits=6,
        decimal_places=2,
        default=1,
        validators=POSITIVE,
        help_text=_(
            "How much the indicator counts in its goal's progress, against the goal's other "
            "indicators: 2 counts twice as much as 1."
        ),
    )
    lineage = models.UUIDField(default=uuid.uuid4, editable=False)

    objects = FrozenQuerySet.as_manager()
    scope = Scope(
        area=STRATEGY,
        municipality_field="goal__field__strategy__municipality",
        row_filters=_council_rule("goal__field__strategy__"),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(baseline_value=F("target_value")), name="indicator_target_differs"
            ),
            models.CheckConstraint(
                condition=(Q(direction=Direction.INCREASE) & Q(target_value__gt=F("baseline_value")))
                | (Q(direction=Direction.DECREASE) & Q(target_value__lt=F("baseline_value"))),
                name="indicator_direction_matches_target",
            ),
            models.CheckConstraint(
                condition=Q(target_date__gt=F("baseline_date")), name="indicator_target_after_baseline"
            ),
            models.CheckConstraint(
                condition=Q(update_interval__in=UpdateInterval.values), name="indicator_interval_valid"
            ),
            models.CheckConstraint(condition=Q(weight__gt=0), name="indicator_weight_positive"),
            models.CheckConstraint(
                condition=~Q(In(Lower(Trim("unit")), PERCENT_UNITS))
                | Q(
                    baseline_value__gte=PERCENT_RANGE[0],
                    baseline_value__lte=PERCENT_RANGE[1],
                    target_value__gte=PERCENT_RANGE[0],
                    target_value__lte=PERCENT_RANGE[1],
                ),
                name="indicator_percent_range",
                violation_error_message=_("A percentage lies between 0 and 100."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_percentage(self) -> bool:
        return is_percent_unit(self.unit)

    def _strategy_id(self) -> int | None:
        return Goal.objects.filter(pk=self.goal_id).values_list("field__strategy_id", flat=True).first()

    def clean(self) -> None:
        super().clean()
        errors: dict[str, str] = {}
        if self.baseline_value is not None and self.target_value is not None:
            if self.baseline_value == self.target_value:
                errors["target_value"] = _(
                    "The target equals the baseline, so progress cannot be measured. "
                    "Enter the value you want to reach."
                )
            elif self.direction == Direction.INCREASE and self.target_value < self.baseline_value:
                errors["target_value"] = _("“Higher is better” needs a target above the baseline.")
            elif self.direction == Direction.DECREASE and self.target_value > self.baseline_value:
                errors["target_value"] = _("“Lower is better” needs a target below the baseline.")
        if self.baseline_date and self.target_date and self.target_date <= self.baseline_date:
            errors["target_date"] = _("The target date must be after the baseline date.")
        elif error := target_outside_period(self._strategy_id() if self.goal_id else None, self.target_date):
            errors["target_date"] = error
        if self.is_percentage:
            for name in ("baseline_value", "target_value"):
                if not in_percent_range(getattr(self, name)):
                    errors.setdefault(name, _("For an indicator in percent, enter a value from 0 to 100."))
        if errors:
            raise ValidationError(errors)


def target_outside_period(strategy_id: int | None, target_date: datetime.date | None) -> str | None:
    """Why a goal's or indicator's target date does not fit its strategy, or None: a target after the
    strategy's last year (or before its first) is one the strategy cannot report on (issue 16)."""
    if strategy_id is None or target_date is None:
        return None
    years = Strategy.objects.filter(pk=strategy_id).values_list("start_year", "end_year").first()
    if years is None or None in years or years[0] <= target_date.year <= years[1]:
        return None
    return _("The target date must lie within the strategy's period, %(start)s to %(end)s.") % {
        "start": years[0],
        "end": years[1],
    }


def is_percent_unit(unit: str | None) -> bool:
    """Whether ``unit`` makes an indicator a percentage (the rule of ``indicator_percent_range``)."""
    return (unit or "").strip().lower() in PERCENT_UNITS


def in_percent_range(value) -> bool:
    """True unless ``value`` is a number outside 0–100 (a missing or malformed one is its field's error)."""
    try:
        number = Decimal(value)
    except (TypeError, ValueError, ArithmeticError):
        return True
    return not number.is_finite() or PERCENT_RANGE[0] <= number <= PERCENT_RANGE[1]


class MeasurementQuerySet(ScopedQuerySet):
    def counting(self) -> MeasurementQuerySet:
        """The values that count in progress, charts and council reports: approved ones (a municipality
        without approval approves every value as it is entered)."""
        return self.filter(approved_at__isnull=False)


class Measurement(PeriodLocked, models.Model):
    """A value of an indicator on a date; open in adopted versions too (that is how progress is tracked).

    Where the municipality asks for approval (``Municipality.approve_updates``) an owner's value waits
    (``approved_at`` empty) until a strategist approves it; only then it counts (``counting()``)."""

    # Fields that ``clean`` checks against other fields or stored data (``api.schema`` documents them):
    # the date against the indicator's baseline and today, the value against a percentage's range.
    rules_across_fields = ("date", "value")

    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="measurements", verbose_name=_("indicator")
    )
    date = models.DateField(_("date"))
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=4)
    source = models.CharField(_("source"), max_length=300, blank=True)
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, editable=False
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("approved by"),
    )
    # Counting unless the owner path (``actions.measurement_record``) leaves it empty to wait for approval:
    # values loaded in bulk (the demo, a migration) count as they always did.
    approved_at = models.DateTimeField(
        _("approved at"), null=True, blank=True, editable=False, default=timezone.now
    )

    objects = MeasurementQuerySet.as_manager()
    scope = Scope(
        area=STRATEGY,
        municipality_field="indicator__goal__field__strategy__municipality",
        # Council members read what counts: a value waiting for approval is not yet the city's figure.
        row_filters={
            role: rule & Q(approved_at__isnull=False) if role == Role.COUNCIL else rule
            for role, rule in _council_rule("indicator__goal__field__strategy__").items()
        },
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("measurement")
        verbose_name_plural = _("measurements")
        ordering = ["indicator", "date"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "date"],
                name="measurement_one_per_date",
                violation_error_message=_("There is already a measurement of this indicator for this date."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator}: {display(self.value)} ({display(self.date)})"

    @property
    def pending(self) -> bool:
        """Waiting for a strategist's approval: entered, but not yet counting."""
        return self.approved_at is None

    def period_municipality_id(self) -> int | None:
        return (
            Indicator.objects.filter(pk=self.indicator_id)
            .values_list("goal__field__strategy__municipality", flat=True)
            .first()
        )

    def clean(self) -> None:
        super().clean()
        errors: dict[str, str] = {}
        indicator = Indicator.objects.filter(pk=self.indicator_id).first() if self.indicator_id else None
        if isinstance(self.date, datetime.date):
            if self.date > timezone.localdate():
                errors["date"] = _("A measurement cannot be dated in the future; enter the day it was taken.")
            elif indicator is not None and self.date < indicator.baseline_date:
                errors["date"] = _("A measurement cannot be dated before the indicator's baseline date.")
        if indicator is not None and indicator.is_percentage and not in_percent_range(self.value):
            errors["value"] = _("For an indicator in percent, enter a value from 0 to 100.")
        if errors:
            raise ValidationError(errors)
        if self.indicator_id and self.date:
            self.check_period_lock()

    def save(self, *args, **kwargs) -> None:
        if self.indicator_id and self.date:
            self.check_period_lock()
        super().save(*args, **kwargs)
