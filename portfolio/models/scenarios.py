"""Scenarios (DESIGN.md §4 Scenario, §5 portfolio selection; issue 18): a named question to the optimizer —
which projects, starting when, give the most for this budget and this staff — and its solved answer.

The inputs are the fields and the yearly budgets (``ScenarioBudget``); the projects it may choose from are
the municipality's open ones (ideas and proposals free to choose, approved and running ones committed). The
answer (``result``) is written by ``portfolio.actions.scenario_solve`` in a background task, with the
inputs' fingerprint, so a page can say when the answer no longer matches the inputs.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from municipalities.access import PORTFOLIO, Role, Scope, ScopedQuerySet
from municipalities.models import Municipality
from municipalities.validators import MaxValueValidator, MinValueValidator

from .projects import MONEY, Project


class ScenarioStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ADOPTED = "adopted", _("Adopted as the plan")


class BudgetMode(models.TextChoices):
    TOGETHER = "together", _("Investment and operating cost together")
    SEPARATE = "separate", _("Investment and operating cost each against its own budget")


class CapacitySource(models.TextChoices):
    STAFFING = "staffing", _("The staff's skills (minus the share for daily business)")
    ENTERED = "entered", _("Entered per skill and year")
    NONE = "none", _("Not limited")


class SolveStatus(models.TextChoices):
    NEVER = "", _("Not solved yet")
    QUEUED = "queued", _("Waiting for a free worker")
    RUNNING = "running", _("Being solved")
    DONE = "done", _("Solved")
    FAILED = "failed", _("Failed")


ACTIVE_SOLVES = (SolveStatus.QUEUED, SolveStatus.RUNNING)
PERCENT = [MinValueValidator(0), MaxValueValidator(100)]


def _adopted_only() -> dict[Role, Q]:
    """Council members and project leads read the scenario adopted as the plan, never the drafts."""
    rule = Q(status=ScenarioStatus.ADOPTED)
    return {Role.COUNCIL: rule, Role.PROJECT_LEAD: rule}


class Scenario(models.Model):
    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="scenarios", verbose_name=_("municipality")
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ScenarioStatus, default=ScenarioStatus.DRAFT, editable=False
    )
    weights = models.JSONField(
        _("own weights"),
        null=True,
        blank=True,
        help_text=_(
            "The weight of each criterion for this scenario's scores, by criterion key; empty: the "
            "scoring model's weights."
        ),
    )
    first_year = models.PositiveSmallIntegerField(
        _("first year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    years = models.PositiveSmallIntegerField(
        _("years planned"), default=5, validators=[MinValueValidator(1), MaxValueValidator(10)]
    )
    budget_mode = models.CharField(
        _("budget"), max_length=10, choices=BudgetMode, default=BudgetMode.TOGETHER
    )
    capacity_source = models.CharField(
        _("staff capacity"), max_length=10, choices=CapacitySource, default=CapacitySource.STAFFING
    )
    daily_business_share = models.PositiveSmallIntegerField(
        _("share for daily business (%)"),
        default=70,
        validators=PERCENT,
        help_text=_("The share of the staff's time that daily business takes; the projects get the rest."),
    )
    start_choice = models.BooleanField(
        _("choose start years"),
        default=False,
        help_text=_(
            "Let the optimizer move a project's start up to the years below later than planned, within the "
            "planning years and a legal duty's deadline."
        ),
    )
    max_delay = models.PositiveSmallIntegerField(
        _("years a start may move"), default=2, validators=[MinValueValidator(0), MaxValueValidator(5)]
    )
    min_backend_share = models.PositiveSmallIntegerField(
        _("minimum back-end share of cost (%)"),
        default=0,
        validators=PERCENT,
        help_text=_("Of the cost of the chosen projects, at least this share goes to back-end projects."),
    )
    legal_duties_in = models.BooleanField(
        _("legal duties are in"),
        default=True,
        help_text=_("Projects that fulfil a legal duty are always chosen (unless excluded below)."),
    )
    mandatory = models.ManyToManyField(
        Project, blank=True, related_name="+", verbose_name=_("projects always in")
    )
    excluded = models.ManyToManyField(
        Project, blank=True, related_name="+", verbose_name=_("projects left out")
    )
    # The answer, written by the solve task.
    solve_status = models.CharField(
        _("solve status"),
        max_length=10,
        choices=SolveStatus,
        default=SolveStatus.NEVER,
        blank=True,
        editable=False,
    )
    solve_progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0, editable=False)
    solve_error = models.TextField(_("error"), blank=True, editable=False)
    solve_requested_at = models.DateTimeField(_("solve asked for at"), null=True, blank=True, editable=False)
    solved_at = models.DateTimeField(_("solved at"), null=True, blank=True, editable=False)
    heartbeat = models.DateTimeField(_("last progress"), null=True, blank=True, editable=False)
    task_id = models.CharField(_("task"), max_length=64, blank=True, editable=False)
    result = models.JSONField(_("result"), null=True, blank=True, editable=False)
    # Adopted as the plan by a council resolution (``actions.scenario_adopt``).
    resolution = models.ForeignKey(
        "strategy.CouncilResolution",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("council resolution"),
    )
    adopted_at = models.DateTimeField(_("adopted at"), null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ScopedQuerySet.as_manager()
    scope = Scope(area=PORTFOLIO, row_filters=_adopted_only())

    class Meta:
        verbose_name = _("scenario")
        verbose_name_plural = _("scenarios")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "name"],
                name="scenario_unique_name",
                violation_error_message=_("This municipality already has a scenario of this name."),
            ),
            models.CheckConstraint(condition=Q(years__gte=1, years__lte=10), name="scenario_years_range"),
            models.CheckConstraint(
                condition=Q(
                    daily_business_share__lte=100, min_backend_share__lte=100, solve_progress__lte=100
                ),
                name="scenario_percent_range",
            ),
            models.CheckConstraint(condition=Q(max_delay__lte=5), name="scenario_max_delay_range"),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        if self.weights in (None, {}):
            self.weights = None
            return
        ok = isinstance(self.weights, dict) and all(
            isinstance(k, str) and isinstance(v, int | float) and not isinstance(v, bool) and 0 <= v <= 1000
            for k, v in self.weights.items()
        )
        if not ok or not sum(self.weights.values()) > 0:
            raise ValidationError(
                {"weights": _("Give each criterion a weight of 0 or more, at least one above 0, by its key.")}
            )

    @property
    def last_year(self) -> int:
        return self.first_year + self.years - 1

    @property
    def stalled(self) -> bool:
        """Waiting or being solved, but without a sign of life for longer than
        ``DIGIPLAN_TASK_STALLED_AFTER`` seconds: no worker runs, or the one solving it stopped."""
        from django.utils import timezone

        if self.solve_status not in ACTIVE_SOLVES:
            return False
        last = self.heartbeat or self.solve_requested_at
        return (
            last is not None
            and (timezone.now() - last).total_seconds() > settings.DIGIPLAN_TASK_STALLED_AFTER
        )

    @property
    def solving(self) -> bool:
        """Being solved (or waiting for a worker), and not stalled: asking again queues nothing new."""
        return self.solve_status in ACTIVE_SOLVES and not self.stalled


class ScenarioBudget(models.Model):
    """The money of one year: ``total`` when investment and operating cost share a budget, else
    ``invest`` and ``operating``. An empty amount is no limit."""

    scenario = models.ForeignKey(
        Scenario, on_delete=models.CASCADE, related_name="budgets", verbose_name=_("scenario")
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    total = models.DecimalField(_("budget (EUR)"), null=True, blank=True, **MONEY)
    invest = models.DecimalField(_("investment budget (EUR)"), null=True, blank=True, **MONEY)
    operating = models.DecimalField(_("operating budget (EUR)"), null=True, blank=True, **MONEY)

    objects = ScopedQuerySet.as_manager()
    scope = Scope(
        area=PORTFOLIO,
        municipality_field="scenario__municipality",
        row_filters={
            role: Q(scenario__status=ScenarioStatus.ADOPTED) for role in (Role.COUNCIL, Role.PROJECT_LEAD)
        },
    )

    class Meta:
        verbose_name = _("scenario budget")
        verbose_name_plural = _("scenario budgets")
        ordering = ["scenario", "year"]
        constraints = [
            models.UniqueConstraint(
                fields=["scenario", "year"],
                name="scenario_budget_one_per_year",
                violation_error_message=_("This scenario already has a budget for this year."),
            ),
            models.CheckConstraint(
                condition=(Q(total__isnull=True) | Q(total__gte=0))
                & (Q(invest__isnull=True) | Q(invest__gte=0))
                & (Q(operating__isnull=True) | Q(operating__gte=0)),
                name="scenario_budget_not_negative",
                violation_error_message=_("A budget cannot be negative."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.scenario}: {self.year}"
