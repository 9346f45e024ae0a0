"""Projects and what hangs on them (DESIGN.md §4 portfolio): yearly costs, service changes, dependencies,
status reports, milestones and the project side of the goal contributions.

A project's status moves along checked transitions (``TRANSITIONS``); council members see approved and
later projects only, never ideas; a project lead edits the projects it was granted through guardian
(``ProjectUserObjectPermission``, kept in step with ``Project.lead`` by ``portfolio.actions``). Child rows
follow their project: the same municipality, the same council rule, the same lead grant.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase
from simple_history.models import HistoricalRecords

from municipalities.access import PORTFOLIO, Role, Scope, ScopedQuerySet
from municipalities.display import display
from municipalities.models import Membership, Municipality, OrgUnit, member_errors
from municipalities.periods import PeriodLocked
from municipalities.validators import MaxValueValidator, MinValueValidator
from strategy.models import Goal

from .services import MAX_LEVEL, Handling, MaturityModel, ReuseKind, Service


class Layer(models.TextChoices):
    FRONT_END = "front_end", _("Front end (online access)")
    BACK_END = "back_end", _("Back end (processing in the administration)")
    END_TO_END = "end_to_end", _("End to end")


class Category(models.TextChoices):
    ONLINE_SERVICE = "online_service", _("Online service")
    PORTAL = "portal", _("Portal and citizen account")
    E_FILE = "e_file", _("E-file and records")
    PROCESS = "process", _("Process and workflow")
    INTEGRATION = "integration", _("Specialised procedure and interfaces")
    INFRASTRUCTURE = "infrastructure", _("IT infrastructure and security")
    DATA = "data", _("Data and open data")
    WORKPLACE = "workplace", _("Digital workplace")
    SKILLS = "skills", _("Skills and change")


class Status(models.TextChoices):
    IDEA = "idea", _("Idea")
    PROPOSED = "proposed", _("Proposed")
    APPROVED = "approved", _("Approved")
    IN_PROGRESS = "in_progress", _("In progress")
    ON_HOLD = "on_hold", _("On hold")
    COMPLETED = "completed", _("Completed")
    CANCELLED = "cancelled", _("Cancelled")


# Which status may follow which; everything else is refused (a completed project is not reopened).
TRANSITIONS: dict[str, tuple[str, ...]] = {
    Status.IDEA: (Status.PROPOSED, Status.CANCELLED),
    Status.PROPOSED: (Status.APPROVED, Status.IDEA, Status.CANCELLED),
    Status.APPROVED: (Status.IN_PROGRESS, Status.ON_HOLD, Status.CANCELLED),
    Status.IN_PROGRESS: (Status.ON_HOLD, Status.COMPLETED, Status.CANCELLED),
    Status.ON_HOLD: (Status.IN_PROGRESS, Status.CANCELLED),
    Status.COMPLETED: (),
    Status.CANCELLED: (Status.IDEA,),
}
# The named sets of statuses every app uses (pages, API, reports, staffing, demo data); analysis modules
# get them as plain data from their callers, so a rule about statuses is written here once.
# Council members see approved and later projects; ideas, proposals and cancelled ones stay internal.
COUNCIL_VISIBLE = (Status.APPROVED, Status.IN_PROGRESS, Status.ON_HOLD, Status.COMPLETED)
STARTED = (Status.IN_PROGRESS, Status.ON_HOLD, Status.COMPLETED)
# Still to be decided or done: the ranking ranks these (completed and cancelled ones are not ranked).
OPEN = (Status.IDEA, Status.PROPOSED, Status.APPROVED, Status.IN_PROGRESS, Status.ON_HOLD)
# Decided and not yet done: their skill demand binds staff (the gap analysis's default), and without a
# status report they count as 0 % complete towards their goals.
COMMITTED = (Status.APPROVED, Status.IN_PROGRESS, Status.ON_HOLD)
# What the council's ranking ranks: open and visible to the council (the report's top of the ranking).
COUNCIL_RANKED = tuple(s for s in OPEN if s in COUNCIL_VISIBLE)
# Whose service changes make up the "after" state of the maturity map (a project on hold does not).
PLANNED = (Status.APPROVED, Status.IN_PROGRESS, Status.COMPLETED)
# Where a new project may start (later statuses are reached through TRANSITIONS).
INITIAL = (Status.IDEA, Status.PROPOSED, Status.APPROVED)
# Moves that end a project's work or cannot be taken back: the page asks before making them, saying what
# they do (issue 16: "cancelling a project acts in one click").
CONFIRMED_TRANSITIONS: dict[str, str] = {
    Status.CANCELLED: _(
        "Council members no longer see the project, the ranking no longer ranks it and its skill demand no "
        "longer counts. It can later be taken up again only as an idea."
    ),
    Status.COMPLETED: _(
        "The project is closed: the ranking no longer ranks it, its skill demand no longer counts and its "
        "status cannot be changed any more."
    ),
}


class Funding(models.TextChoices):
    OWN = "own", _("own budget")
    GRANT = "grant", _("grant programme")


class TrafficLight(models.TextChoices):
    GREEN = "green", _("green – on plan")
    YELLOW = "yellow", _("yellow – at risk")
    RED = "red", _("red – off plan")


def _council_rule(path: str) -> dict[Role, Q]:
    return {Role.COUNCIL: Q(**{f"{path}status__in": COUNCIL_VISIBLE})}


def project_child_scope(path: str = "project") -> Scope:
    """Rows that belong to a project: its municipality, its council rule, its lead's grant."""
    return Scope(
        area=PORTFOLIO,
        municipality_field=f"{path}__municipality",
        row_filters=_council_rule(f"{path}__"),
        grant_roles=frozenset({Role.PROJECT_LEAD}),
        grant_model="portfolio.ProjectUserObjectPermission",
        grant_field=path,
        grant_codename="change_project",
    )


MONEY = {"max_digits": 14, "decimal_places": 2, "validators": [MinValueValidator(0)]}


class Project(models.Model):
    # Fields that ``clean`` checks against other fields or stored data (``api.schema`` documents them).
    rules_across_fields = (
        "status",
        "planned_end",
        "actual_end",
        "grant_end",
        "grant_programme",
        "legal_basis",
    )

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="projects", verbose_name=_("municipality")
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    layer = models.CharField(_("layer"), max_length=12, choices=Layer)
    category = models.CharField(_("category"), max_length=20, choices=Category, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status, default=Status.IDEA)
    org_unit = models.ForeignKey(
        OrgUnit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="projects",
        verbose_name=_("responsible unit"),
    )
    lead = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="led_projects",
        verbose_name=_("project lead"),
    )
    deputy = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("deputy lead"),
        help_text=_("Receives a copy of the reminders and stands in for the lead."),
    )
    planned_start = models.DateField(_("planned start"), null=True, blank=True)
    planned_end = models.DateField(_("planned end"), null=True, blank=True)
    actual_start = models.DateField(_("actual start"), null=True, blank=True)
    actual_end = models.DateField(_("actual end"), null=True, blank=True)
    internal_effort_days = models.PositiveIntegerField(
        _("internal effort (person-days)"), default=0, validators=[MaxValueValidator(1_000_000)]
    )
    external_cost = models.DecimalField(_("external cost (EUR)"), default=0, **MONEY)
    funding = models.CharField(_("funding"), max_length=10, choices=Funding, default=Funding.OWN)
    grant_programme = models.CharField(_("grant programme"), max_length=200, blank=True)
    own_share_percent = models.PositiveSmallIntegerField(
        _("own share (%)"), default=100, validators=[MaxValueValidator(100)]
    )
    grant_start = models.DateField(_("grant period from"), null=True, blank=True)
    grant_end = models.DateField(_("grant period until"), null=True, blank=True)
    grant_reporting_duty = models.CharField(_("reporting duty to the grantor"), max_length=300, blank=True)
    reuse_kind = models.CharField(_("reuses"), max_length=20, choices=ReuseKind, blank=True)
    reuse_source = models.CharField(_("reused solution"), max_length=200, blank=True)
    mandatory = models.BooleanField(
        _("legal duty"), default=False, help_text=_("A duty (“Pflicht”) rather than a voluntary project.")
    )
    legal_basis = models.CharField(_("legal basis"), max_length=300, blank=True)
    legal_deadline = models.DateField(_("legal deadline"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    scope = Scope(
        area=PORTFOLIO,
        row_filters=_council_rule(""),
        grant_roles=frozenset({Role.PROJECT_LEAD}),
        grant_model="portfolio.ProjectUserObjectPermission",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        ordering = ["title"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "title"],
                name="project_unique_title",
                violation_error_message=_("This municipality already has a project of this title."),
            ),
            models.CheckConstraint(condition=Q(layer__in=Layer.values), name="project_layer_valid"),
            models.CheckConstraint(condition=Q(status__in=Status.values), name="project_status_valid"),
            models.CheckConstraint(
                condition=Q(planned_end__isnull=True)
                | Q(planned_start__isnull=True)
                | Q(planned_end__gte=F("planned_start")),
                name="project_planned_dates_ordered",
            ),
            models.CheckConstraint(
                condition=Q(actual_end__isnull=True)
                | Q(actual_start__isnull=True)
                | Q(actual_end__gte=F("actual_start")),
                name="project_actual_dates_ordered",
            ),
            models.CheckConstraint(
                condition=Q(grant_end__isnull=True)
                | Q(grant_start__isnull=True)
                | Q(grant_end__gte=F("grant_start")),
                name="project_grant_period_ordered",
            ),
            models.CheckConstraint(
                condition=Q(own_share_percent__gte=0, own_share_percent__lte=100),
                name="project_own_share_percent",
            ),
            models.CheckConstraint(
                condition=Q(funding=Funding.OWN) | ~Q(grant_programme=""), name="project_grant_named"
            ),
            models.CheckConstraint(
                condition=Q(mandatory=False) | ~Q(legal_basis=""), name="project_duty_has_basis"
            ),
            models.CheckConstraint(condition=Q(external_cost__gte=0), name="project_external_cost_positive"),
        ]

    def __str__(self) -> str:
        return self.title

    def _stored_status(self) -> str | None:
        if self.pk is None:
            return None
        return Project.objects.filter(pk=self.pk).values_list("status", flat=True).first()

    def transition_error(self, stored: str | None) -> str | None:
        """Why the move from ``stored`` to the current status is refused, or None if it is allowed."""
        if stored is None or stored == self.status:
            return None
        if self.status not in TRANSITIONS.get(stored, ()):
            allowed = ", ".join(str(Status(s).label) for s in TRANSITIONS.get(stored, ())) or _("none")
            return _("A project cannot go from “%(old)s” to “%(new)s”. Possible next steps: %(allowed)s.") % {
                "old": Status(stored).label,
                "new": Status(self.status).label,
                "allowed": allowed,
            }
        return None

    def clean(self) -> None:
        super().clean()
        errors: dict[str, list] = {}

        def add(field: str, message) -> None:
            errors.setdefault(field, []).append(message)

        if message := self.transition_error(self._stored_status()):
            add("status", message)
        for start, end, label in (
            ("planned_start", "planned_end", _("The planned end cannot be before the planned start.")),
            ("actual_start", "actual_end", _("The actual end cannot be before the actual start.")),
            ("grant_start", "grant_end", _("The grant period cannot end before it starts.")),
        ):
            if getattr(self, start) and getattr(self, end) and getattr(self, end) < getattr(self, start):
                add(end, label)
        if self.funding == Funding.GRANT and not self.grant_programme:
            add("grant_programme", _("Name the grant programme that funds the project."))
        if self.mandatory and not self.legal_basis:
            add("legal_basis", _("A legal duty needs its legal basis (law and section)."))
        if (
            self.org_unit_id
            and self.municipality_id
            and self.org_unit.municipality_id != self.municipality_id
        ):
            add("org_unit", _("The responsible unit must belong to this municipality."))
        # The page offers the municipality's members only; the API and the admin take any user id.
        if (
            self.lead_id
            and self.municipality_id
            and not Membership.objects.filter(
                user_id=self.lead_id, municipality_id=self.municipality_id
            ).exists()
        ):
            add("lead", _("The project lead must be a member of this municipality."))
        if self.deputy_id and self.municipality_id:
            for field, message in member_errors(self.municipality_id, deputy=self.deputy_id).items():
                add(field, message)
        if self.deputy_id and self.deputy_id == self.lead_id:
            add("deputy", _("The deputy must be someone other than the lead."))
        if self.status == Status.COMPLETED and not self.actual_end:
            add("actual_end", _("A completed project needs its actual end date."))
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs) -> None:
        # Every path (page, API, admin, shell) respects the transitions; forms report it through clean().
        if message := self.transition_error(self._stored_status()):
            raise ValidationError({"status": message}, code="transition")
        super().save(*args, **kwargs)

    @property
    def next_statuses(self) -> list[Status]:
        return [Status(s) for s in TRANSITIONS.get(self.status, ())]


class ProjectUserObjectPermission(UserObjectPermissionBase):
    """Per-project grants (a project to its lead) with a real foreign key (guardian's fast path)."""

    content_object = models.ForeignKey(Project, on_delete=models.CASCADE)


class ProjectGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(Project, on_delete=models.CASCADE)


class ProjectCost(models.Model):
    """A project's planned cost in one budget year (investment and operating)."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="costs", verbose_name=_("project")
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    invest = models.DecimalField(_("investment (EUR)"), default=0, **MONEY)
    operating = models.DecimalField(_("operating cost (EUR)"), default=0, **MONEY)

    objects = ScopedQuerySet.as_manager()
    scope = project_child_scope()

    class Meta:
        verbose_name = _("yearly cost")
        verbose_name_plural = _("yearly costs")
        ordering = ["project", "year"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "year"],
                name="cost_one_row_per_year",
                violation_error_message=_(
                    "This project already has costs for this year; change that row instead."
                ),
            ),
            models.CheckConstraint(condition=Q(year__gte=2000, year__lte=2100), name="cost_year_range"),
            models.CheckConstraint(condition=Q(invest__gte=0, operating__gte=0), name="cost_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.project} {self.year}"


class ServiceChange(models.Model):
    """What a project changes in a service: the maturity and handling it brings, the minutes it saves."""

    # Fields that ``clean`` checks against other fields or stored data (``api.schema`` documents them).
    rules_across_fields = (
        "target_level",
        "staff_minutes_saved",
        "citizen_minutes_saved",
        "media_breaks_removed",
    )

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="service_changes", verbose_name=_("project")
    )
    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, related_name="changes", verbose_name=_("service")
    )
    target_level = models.PositiveSmallIntegerField(
        _("maturity level afterwards"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(7)],
        help_text=_("On the service's maturity model; leave empty to keep the current level."),
    )
    target_handling = models.CharField(
        _("handling afterwards"),
        max_length=10,
        choices=Handling,
        blank=True,
        help_text=_("Empty: unchanged."),
    )
    target_e_file = models.BooleanField(_("e-file afterwards"), null=True, blank=True)
    staff_minutes_saved = models.PositiveIntegerField(
        _("staff minutes saved per case"), default=0, validators=[MaxValueValidator(100_000)]
    )
    citizen_minutes_saved = models.PositiveIntegerField(
        _("citizen minutes saved per case"), default=0, validators=[MaxValueValidator(100_000)]
    )
    media_breaks_removed = models.PositiveSmallIntegerField(
        _("media breaks removed"), default=0, validators=[MaxValueValidator(100)]
    )

    objects = ScopedQuerySet.as_manager()
    scope = project_child_scope()

    class Meta:
        verbose_name = _("service change")
        verbose_name_plural = _("service changes")
        ordering = ["project", "service__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "service"],
                name="change_one_per_service",
                violation_error_message=_(
                    "This project already changes this service; edit that change instead."
                ),
            ),
            models.CheckConstraint(
                condition=Q(target_level__isnull=True) | Q(target_level__lte=7), name="change_level_range"
            ),
            models.CheckConstraint(
                condition=Q(target_handling="") | Q(target_handling__in=Handling.values),
                name="change_handling_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.project} → {self.service}"

    def clean(self) -> None:
        super().clean()
        if not (self.project_id and self.service_id):
            return
        errors: dict[str, str] = {}
        service = self.service
        if service.municipality_id != self.project.municipality_id:
            errors["service"] = _("The service must belong to the project's municipality.")
        top = MAX_LEVEL[MaturityModel(service.model_version)]
        if self.target_level is not None and self.target_level > top:
            errors["target_level"] = _(
                "“%(service)s” is rated under %(model)s, whose levels run from 0 to %(top)s."
            ) % {"service": service.name, "model": MaturityModel(service.model_version).label, "top": top}
        if self.staff_minutes_saved > service.staff_minutes:
            errors["staff_minutes_saved"] = _(
                "A case of “%(service)s” takes %(minutes)s staff minutes; the project cannot save more."
            ) % {"service": service.name, "minutes": service.staff_minutes}
        if self.citizen_minutes_saved > service.citizen_minutes:
            errors["citizen_minutes_saved"] = _(
                "A case of “%(service)s” costs citizens %(minutes)s minutes; the project cannot save more."
            ) % {"service": service.name, "minutes": service.citizen_minutes}
        if self.media_breaks_removed > service.media_breaks:
            errors["media_breaks_removed"] = _(
                "Media breaks of “%(service)s”: %(n)s; the project cannot remove more."
            ) % {"service": service.name, "n": service.media_breaks}
        if errors:
            raise ValidationError(errors)


class Dependency(models.Model):
    """``project`` requires ``requires`` (an online service needs its back end first)."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="dependencies", verbose_name=_("project")
    )
    requires = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="dependents", verbose_name=_("requires")
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    objects = ScopedQuerySet.as_manager()
    scope = project_child_scope()

    class Meta:
        verbose_name = _("dependency")
        verbose_name_plural = _("dependencies")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "requires"],
                name="dependency_unique",
                violation_error_message=_("This dependency is already recorded."),
            ),
            models.CheckConstraint(condition=~Q(project=F("requires")), name="dependency_not_self"),
        ]

    def __str__(self) -> str:
        return f"{self.project} → {self.requires}"

    def clean(self) -> None:
        super().clean()
        if not (self.project_id and self.requires_id):
            return
        if self.project_id == self.requires_id:
            raise ValidationError({"requires": _("A project cannot depend on itself.")})
        if self.requires.municipality_id != self.project.municipality_id:
            raise ValidationError({"requires": _("Both projects must belong to the same municipality.")})
        cycle = dependency_cycle(self.project, self.requires)
        if cycle:
            names = " → ".join(p for p in cycle)
            raise ValidationError(
                {"requires": _("This dependency would close a cycle: %(cycle)s.") % {"cycle": names}},
                code="cycle",
            )


def dependency_cycle(project: Project, requires: Project) -> list[str] | None:
    """The titles of the cycle that ``project`` → ``requires`` would close, or None.

    One query loads the municipality's dependency graph; a breadth-first search from ``requires`` looks
    for a path back to ``project``.
    """
    edges: dict[int, list[int]] = {}
    titles = dict(Project.objects.filter(municipality_id=project.municipality_id).values_list("pk", "title"))
    pairs = Dependency.objects.filter(project__municipality_id=project.municipality_id)
    for source, target in pairs.values_list("project_id", "requires_id"):
        edges.setdefault(source, []).append(target)
    came_from: dict[int, int | None] = {requires.pk: None}
    queue = [requires.pk]
    while queue:
        node = queue.pop(0)
        if node == project.pk:
            path = [node]
            while came_from[path[-1]] is not None:
                path.append(came_from[path[-1]])
            # path runs project ← … ← requires; the cycle reads project → requires → … → project
            return [titles[project.pk], *(titles[p] for p in reversed(path))]
        for nxt in edges.get(node, []):
            if nxt not in came_from:
                came_from[nxt] = node
                queue.append(nxt)
    return None


class StatusReport(PeriodLocked, models.Model):
    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="status_reports", verbose_name=_("project")
    )
    date = models.DateField(_("date"))
    overall = models.CharField(_("overall"), max_length=6, choices=TrafficLight)
    scope_status = models.CharField(_("scope"), max_length=6, choices=TrafficLight)
    schedule = models.CharField(_("schedule"), max_length=6, choices=TrafficLight)
    budget = models.CharField(_("budget"), max_length=6, choices=TrafficLight)
    percent_complete = models.PositiveSmallIntegerField(
        _("percent complete"), validators=[MaxValueValidator(100)]
    )
    spent_to_date = models.DecimalField(_("spent to date (EUR)"), default=0, **MONEY)
    forecast = models.DecimalField(_("forecast total cost (EUR)"), null=True, blank=True, **MONEY)
    summary = models.TextField(_("summary"))
    risks = models.TextField(_("risks"), blank=True)
    next_steps = models.TextField(_("next steps"), blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, editable=False
    )

    objects = ScopedQuerySet.as_manager()
    scope = project_child_scope()

    class Meta:
        verbose_name = _("status report")
        verbose_name_plural = _("status reports")
        ordering = ["project", "-date"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "date"],
                name="status_report_one_per_date",
                violation_error_message=_("There is already a status report of this project for this date."),
            ),
            models.CheckConstraint(
                condition=Q(percent_complete__gte=0, percent_complete__lte=100),
                name="status_report_percent_range",
            ),
            models.CheckConstraint(
                condition=Q(overall__in=TrafficLight.values)
                & Q(scope_status__in=TrafficLight.values)
                & Q(schedule__in=TrafficLight.values)
                & Q(budget__in=TrafficLight.values),
                name="status_report_lights_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.project} ({display(self.date)})"

    def period_municipality_id(self) -> int | None:
        return Project.objects.filter(pk=self.project_id).values_list("municipality", flat=True).first()

    def clean(self) -> None:
        super().clean()
        if self.project_id and self.date:
            self.check_period_lock()

    def save(self, *args, **kwargs) -> None:
        if self.project_id and self.date:
            self.check_period_lock()
        super().save(*args, **kwargs)


class Milestone(models.Model):
    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="milestones", verbose_name=_("project")
    )
    title = models.CharField(_("title"), max_length=200)
    due_date = models.DateField(_("due date"))
    done_date = models.DateField(_("reached on"), null=True, blank=True)

    objects = ScopedQuerySet.as_manager()
    scope = project_child_scope()

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["project", "due_date", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "title"],
                name="milestone_unique_title",
                violation_error_message=_("This project already has a milestone of this title."),
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Contribution(models.Model):
    """The project side of a goal contribution: how much a project serves a goal of the strategy."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="contributions", verbose_name=_("project")
    )
    goal = models.ForeignKey(
        Goal, on_delete=models.CASCADE, related_name="contributions", verbose_name=_("goal")
    )
    weight = models.DecimalField(
        _("weight"),
        max_digits=6,
        decimal_places=2,
        default=1,
        validators=[MinValueValidator(Decimal("0.01"))],
        help_text=_("How strongly the project counts towards the goal, against the goal's indicators."),
    )

    objects = ScopedQuerySet.as_manager()
    scope = project_child_scope()

    class Meta:
        verbose_name = _("contribution to a goal")
        verbose_name_plural = _("contributions to goals")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "goal"],
                name="contribution_unique",
                violation_error_message=_(
                    "This project already contributes to this goal; change that contribution instead."
                ),
            ),
            models.CheckConstraint(condition=Q(weight__gt=0), name="contribution_weight_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.project} → {self.goal}"

    def clean(self) -> None:
        super().clean()
        if (
            self.project_id
            and self.goal_id
            and self.goal.field.strategy.municipality_id != self.project.municipality_id
        ):
            raise ValidationError({"goal": _("The goal must belong to the project's municipality.")})
