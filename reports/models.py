"""Council reports and reporting rounds (DESIGN.md §4 reports).

A ReportingRound asks the owners of goals, indicators and projects for updates before a council meeting;
closing it locks its period: measurements and status reports dated inside a closed round's period can no
longer be added or changed. A CouncilReport is built from the selectors of the other apps while it is a
draft; publishing freezes every figure it shows into ``snapshot``, so a published report reads the same
forever. It is withdrawn only by publishing a correction that names it (``corrects``).
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from municipalities.access import REPORTS, Role, Scope, ScopedQuerySet
from municipalities.models import Municipality

# The years a report or round may speak of. A date far outside them (9999-12-31) is a typing error, and the
# report's arithmetic on dates (the days of a period, the quarters after it) would overflow on it.
FIRST_DAY, LAST_DAY = datetime.date(2000, 1, 1), datetime.date(2100, 12, 31)


def within_report_years(value: datetime.date) -> None:
    """Field validator: ``value`` lies from ``FIRST_DAY`` to ``LAST_DAY``."""
    if value is not None and not FIRST_DAY <= value <= LAST_DAY:
        raise ValidationError(
            _("Enter a date from %(first)s to %(last)s."),
            code="out_of_range",
            params={"first": FIRST_DAY.year, "last": LAST_DAY.year},
        )


def _within_report_years(prefix: str, *fields: str) -> list[models.CheckConstraint]:
    """The same rule in the database, one constraint per field (a null date is allowed where the field is)."""
    return [
        models.CheckConstraint(
            condition=Q(**{f"{name}__isnull": True}) | Q(**{f"{name}__range": (FIRST_DAY, LAST_DAY)}),
            name=f"{prefix}_{name}_in_years",
        )
        for name in fields
    ]


class RoundStatus(models.TextChoices):
    OPEN = "open", _("open")
    CLOSED = "closed", _("closed")


class ReportingRound(models.Model):
    # Fields that ``clean`` checks against other fields or stored data (``api.schema`` documents them).
    rules_across_fields = ("period_end", "due_date")

    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        related_name="reporting_rounds",
        verbose_name=_("municipality"),
    )
    title = models.CharField(_("title"), max_length=200)
    period_start = models.DateField(_("period from"), validators=[within_report_years])
    period_end = models.DateField(_("period until"), validators=[within_report_years])
    meeting_date = models.DateField(_("council meeting"), validators=[within_report_years])
    due_date = models.DateField(_("updates due by"), validators=[within_report_years])
    status = models.CharField(_("status"), max_length=10, choices=RoundStatus, default=RoundStatus.OPEN)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True, editable=False)

    objects = ScopedQuerySet.as_manager()
    scope = Scope(area=REPORTS)

    class Meta:
        verbose_name = _("reporting round")
        verbose_name_plural = _("reporting rounds")
        ordering = ["-meeting_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")), name="round_period_ordered"
            ),
            models.CheckConstraint(
                condition=Q(meeting_date__gte=F("due_date")), name="round_due_before_meeting"
            ),
            *_within_report_years("round", "period_start", "period_end", "meeting_date", "due_date"),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        super().clean()
        errors = {}
        if self.period_start and self.period_end and self.period_end < self.period_start:
            errors["period_end"] = _("The period cannot end before it starts.")
        if self.due_date and self.meeting_date and self.due_date > self.meeting_date:
            errors["due_date"] = _("Updates must be due before the council meeting.")
        if errors:
            raise ValidationError(errors)


def locked_period(*, municipality_id: int, on) -> ReportingRound | None:
    """The closed round whose period contains ``on`` (a date), if any: figures dated then are locked."""
    if on is None:
        return None
    return ReportingRound.objects.filter(
        municipality_id=municipality_id, status=RoundStatus.CLOSED, period_start__lte=on, period_end__gte=on
    ).first()


def closed_round_name(municipality_id: int, on) -> str | None:
    """The name of the closed round that locks ``on``, for ``municipalities.periods`` (registered in
    ``ReportsConfig.ready``)."""
    closed = locked_period(municipality_id=municipality_id, on=on)
    return None if closed is None else str(closed)


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    PUBLISHED = "published", _("published")
    WITHDRAWN = "withdrawn", _("withdrawn (corrected)")


class Language(models.TextChoices):
    GERMAN = "de", _("German")
    ENGLISH = "en", _("English")


class CouncilReport(models.Model):
    # Fields that ``clean`` checks against other fields or stored data (``api.schema`` documents them).
    rules_across_fields = ("period_end",)

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="council_reports", verbose_name=_("municipality")
    )
    title = models.CharField(_("title"), max_length=200)
    period_start = models.DateField(_("period from"), validators=[within_report_years])
    period_end = models.DateField(_("period until"), validators=[within_report_years])
    meeting_date = models.DateField(
        _("council meeting"), null=True, blank=True, validators=[within_report_years]
    )
    language = models.CharField(_("language"), max_length=2, choices=Language, default=Language.GERMAN)
    round = models.ForeignKey(
        ReportingRound,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reports",
        verbose_name=_("reporting round"),
    )
    scenario = models.ForeignKey(
        "portfolio.Scenario",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("scenario"),
        help_text=_(
            "The staffing section counts the skill demand of the projects this scenario chooses, at its "
            "start years; without one, that of the approved and running projects."
        ),
    )
    summary = models.TextField(
        _("summary"), blank=True, help_text=_("Generated from the figures; edit it before publishing.")
    )
    status = models.CharField(_("status"), max_length=10, choices=ReportStatus, default=ReportStatus.DRAFT)
    snapshot = models.JSONField(_("frozen figures"), null=True, blank=True, editable=False)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True, editable=False)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, editable=False
    )
    corrects = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="correction",
        verbose_name=_("corrects the report"),
    )

    objects = ScopedQuerySet.as_manager()
    # Council members read published reports (and withdrawn ones, which name their correction); never drafts.
    scope = Scope(area=REPORTS, row_filters={Role.COUNCIL: ~Q(status=ReportStatus.DRAFT)})

    class Meta:
        verbose_name = _("council report")
        verbose_name_plural = _("council reports")
        ordering = ["-period_end", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")), name="report_period_ordered"
            ),
            models.CheckConstraint(
                condition=Q(status=ReportStatus.DRAFT) | Q(snapshot__isnull=False),
                name="report_published_has_snapshot",
            ),
            *_within_report_years("report", "period_start", "period_end", "meeting_date"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_frozen(self) -> bool:
        return self.status != ReportStatus.DRAFT

    def _stored_status(self):
        if self.pk is None:
            return None
        return CouncilReport.objects.filter(pk=self.pk).values_list("status", flat=True).first()

    def clean(self) -> None:
        super().clean()
        if self._stored_status() not in (None, ReportStatus.DRAFT):
            raise ValidationError(_("A published report cannot be changed; publish a correction instead."))
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValidationError({"period_end": _("The period cannot end before it starts.")})

    def save(self, *args, **kwargs) -> None:
        # Publishing and withdrawing go through reports.actions with allow_frozen.
        if not kwargs.pop("allow_frozen", False) and self._stored_status() not in (None, ReportStatus.DRAFT):
            raise ValidationError(_("A published report cannot be changed; publish a correction instead."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self._stored_status() not in (None, ReportStatus.DRAFT):
            raise ValidationError(_("A published report cannot be deleted; publish a correction instead."))
        return super().delete(*args, **kwargs)


class FileFormat(models.TextChoices):
    PDF = "pdf", "PDF"
    XLSX = "xlsx", "XLSX"


class FileStatus(models.TextChoices):
    QUEUED = "queued", _("waiting")
    RUNNING = "running", _("being made")
    DONE = "done", _("ready")
    FAILED = "failed", _("failed")


ACTIVE_FILE_STATUSES = (FileStatus.QUEUED, FileStatus.RUNNING)


class FileStep(models.TextChoices):
    WAITING = "waiting", _("Waiting for a free worker …")
    READING = "reading", _("Reading the figures …")
    LAYOUT = "layout", _("Laying out the pages …")
    PRINTING = "printing", _("Printing the PDF with its charts …")
    WRITING = "writing", _("Writing the workbook …")
    FINISHED = "finished", _("Finished.")


class ReportFile(models.Model):
    """A council report as PDF or XLSX, made in the background (``reports.tasks``) for the person who asked
    for it: the figures are those that person may see, so the file is theirs alone. Its status, progress
    and, once ready, its content live here, whatever task backend ran it."""

    report = models.ForeignKey(
        CouncilReport, on_delete=models.CASCADE, related_name="files", verbose_name=_("council report")
    )
    format = models.CharField(_("format"), max_length=4, choices=FileFormat)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("requested by")
    )
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    status = models.CharField(_("status"), max_length=10, choices=FileStatus, default=FileStatus.QUEUED)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    step = models.CharField(_("step"), max_length=10, choices=FileStep, default=FileStep.WAITING)
    # The language of the person who asked, for the message of a failure written by the worker.
    language = models.CharField(_("language"), max_length=2, choices=Language, default=Language.GERMAN)
    # The last sign of life of the task making it: a file still "being made" long after is one whose
    # worker stopped (``STALLED_AFTER``); it is shown as failed and can be asked for again.
    heartbeat = models.DateTimeField(_("last progress"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)
    content = models.BinaryField(_("content"), blank=True, default=b"", editable=False)
    task_id = models.CharField(_("task"), max_length=64, blank=True, editable=False)

    objects = ScopedQuerySet.as_manager()
    scope = Scope(
        area=REPORTS,
        municipality_field="report__municipality",
        row_filters={Role.COUNCIL: ~Q(report__status=ReportStatus.DRAFT)},
    )

    class Meta:
        verbose_name = _("report file")
        verbose_name_plural = _("report files")
        ordering = ["-requested_at", "-pk"]
        constraints = [
            # One file of a report in one format is made at a time for a person: asking again while it is
            # waiting or being made returns it, so a request never starts a second task.
            models.UniqueConstraint(
                fields=["report", "format", "requested_by"],
                condition=Q(status__in=ACTIVE_FILE_STATUSES),
                name="report_file_one_at_a_time",
                violation_error_message=_("This file is already being made."),
            ),
            models.CheckConstraint(condition=Q(progress__lte=100), name="report_file_progress_range"),
            models.CheckConstraint(
                condition=Q(status__in=FileStatus.values), name="report_file_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(format__in=FileFormat.values), name="report_file_format_valid"
            ),
            models.CheckConstraint(
                condition=~Q(status=FileStatus.FAILED) | ~Q(error=""), name="report_file_failure_says_why"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.report} ({self.get_format_display()})"

    def stalled(self, now: datetime.datetime) -> bool:
        """Being made, but no sign of life for longer than ``DIGIPLAN_TASK_STALLED_AFTER`` seconds: the
        worker that ran it stopped (killed, restarted) and nobody will finish it."""
        if self.status != FileStatus.RUNNING:
            return False
        last = self.heartbeat or self.requested_at
        return (now - last).total_seconds() > settings.DIGIPLAN_TASK_STALLED_AFTER

    @property
    def filename(self) -> str:
        return f"{slugify(self.report.title) or 'bericht'}.{self.format}"

    @property
    def content_type(self) -> str:
        if self.format == FileFormat.PDF:
            return "application/pdf"
        return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class ReminderKind(models.TextChoices):
    BEFORE = "before", _("before the due date")
    AFTER = "after", _("after the due date")
    ESCALATION = "escalation", _("outstanding updates, to the strategists")
    OVERDUE = "overdue", _("indicator overdue by its update interval")


class Reminder(models.Model):
    """A reminder sent: to whom, of what kind, about what (``key``: the round, or an indicator with the date
    of its latest value), so the daily job sends each once, however often it runs."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="reminders", verbose_name=_("municipality")
    )
    round = models.ForeignKey(
        ReportingRound,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="reminders",
        verbose_name=_("reporting round"),
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("recipient")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=ReminderKind)
    key = models.CharField(_("about"), max_length=100)
    items = models.JSONField(_("items"), default=list)
    language = models.CharField(_("language"), max_length=2, choices=Language, default=Language.GERMAN)
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    scope = Scope(area=REPORTS)

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        ordering = ["-sent_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "kind", "key"],
                name="reminder_sent_once",
                violation_error_message=_("This reminder was already sent."),
            ),
            models.CheckConstraint(condition=Q(kind__in=ReminderKind.values), name="reminder_kind_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} → {self.recipient}"
