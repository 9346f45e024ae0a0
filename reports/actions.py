"""Writes of the reports app (DESIGN.md §4 reports).

- ``report_create``: a draft for a period, its summary generated from the figures (the strategist edits it).
- ``report_publish``: freezes every figure into the snapshot (with the change since the last published
  report); publishing a correction withdraws the report it names. Before the period's last day only when
  the user confirmed publishing early.
- ``report_correct``: a correction draft of a published report (one per report).
- ``round_close``: closes a reporting round; from then on measurements and status reports dated inside
  its period are refused (``locked_period``).
- ``report_file_request``: asks for a report as PDF or XLSX, made in the background (``reports.tasks``);
  ``report_file_make`` is what the task runs.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from . import builder, exports, selectors
from .context import report_context
from .models import (
    ACTIVE_FILE_STATUSES,
    CouncilReport,
    FileFormat,
    FileStatus,
    FileStep,
    ReportFile,
    ReportingRound,
    ReportStatus,
    RoundStatus,
)

logger = logging.getLogger(__name__)


@transaction.atomic
def report_create(
    *,
    municipality,
    user,
    title: str,
    period_start: dt.date,
    period_end: dt.date,
    language: str,
    meeting_date: dt.date | None = None,
    round: ReportingRound | None = None,
    corrects: CouncilReport | None = None,
    scenario=None,
) -> CouncilReport:
    report = CouncilReport(
        municipality=municipality,
        title=title,
        period_start=period_start,
        period_end=period_end,
        language=language,
        meeting_date=meeting_date,
        round=round,
        corrects=corrects,
        scenario=scenario,
    )
    report.full_clean()
    data = builder.build(
        user=user,
        municipality=municipality,
        period_start=period_start,
        period_end=period_end,
        language=language,
        previous=builder.previous_snapshot(report),
        round=round,
        scenario=scenario,
    )
    report.summary = data["summary"]
    report.save()
    return report


@transaction.atomic
def report_correct(*, report: CouncilReport, user) -> CouncilReport:
    """Start the correction of a published report: a draft of the same period that names it. Refuses a
    report that is not published or already has a correction. Side effect: publishing the draft withdraws
    ``report`` (``report_publish``)."""
    old = CouncilReport.objects.select_for_update().get(pk=report.pk)
    if old.status != ReportStatus.PUBLISHED:
        raise ValidationError(_("Only a published report can be corrected."), code="invalid_transition")
    if CouncilReport.objects.filter(corrects=old).exists():
        raise ValidationError(_("This report already has a correction."), code="invalid_transition")
    return report_create(
        municipality=old.municipality,
        user=user,
        title=_("Correction: %(title)s") % {"title": old.title},
        period_start=old.period_start,
        period_end=old.period_end,
        language=old.language,
        meeting_date=old.meeting_date,
        round=old.round,
        corrects=old,
        scenario=old.scenario,
    )


def published_early(report: CouncilReport, today: dt.date | None = None) -> bool:
    """Whether publishing ``report`` now would come before its period's last day."""
    return report.period_end > (today or timezone.localdate())


@transaction.atomic
def report_publish(
    *, report: CouncilReport, user, today: dt.date | None = None, early: bool = False
) -> CouncilReport:
    """Freeze the report. Side effects: the snapshot is stored for good; a report it corrects is withdrawn.

    From the period's last day on a report is published as it is. Before that day (a Q4 report on
    2 December) it would freeze figures that are still changing, as of today rather than the period's end:
    a clerk may want that for a council meeting inside the period, but only knowingly, so it is refused
    unless ``early`` says the user confirmed it (the confirmation page says so).
    """
    locked = CouncilReport.objects.select_for_update().get(pk=report.pk)
    if locked.status != ReportStatus.DRAFT:
        raise ValidationError(_("Only a draft can be published."), code="invalid_transition")
    if published_early(locked, today) and not early:
        message = _(
            "The report's period runs until %(end)s; before that day it can only be published with the "
            "confirmation that its figures are frozen as of today."
        ) % {"end": formats.date_format(locked.period_end, "SHORT_DATE_FORMAT")}
        raise ValidationError({"period_end": ValidationError(message, code="period_not_ended")})
    data = builder.build(
        user=user,
        municipality=locked.municipality,
        period_start=locked.period_start,
        period_end=locked.period_end,
        language=locked.language,
        previous=builder.previous_snapshot(locked),
        today=today,
        round=locked.round,
        scenario=locked.scenario,
    )
    data["summary"] = locked.summary or data["summary"]
    locked.snapshot = data
    locked.status = ReportStatus.PUBLISHED
    locked.published_at = timezone.now()
    locked.published_by = user
    locked.save(allow_frozen=True)
    if locked.corrects_id:
        old = CouncilReport.objects.select_for_update().get(pk=locked.corrects_id)
        old.status = ReportStatus.WITHDRAWN
        old.save(allow_frozen=True)
    return locked


@transaction.atomic
def round_close(*, round: ReportingRound) -> ReportingRound:
    """Close the round; side effect: its period is locked for measurements and status reports."""
    round.status = RoundStatus.CLOSED
    round.closed_at = timezone.now()
    round.save()
    return round


def report_file_request(*, report: CouncilReport, user, format: str) -> ReportFile:
    """The file of ``report`` in ``format`` for ``user``, made in the background. Asking again while it is
    waiting or being made returns that one (one task per request, never two); a file whose worker
    stopped is marked failed first, so asking again is the retry. The task is queued once the row is
    committed, so a worker never looks for a file that is not there yet."""
    from .tasks import make_report_file  # the task module imports this one

    if format not in FileFormat.values:
        raise ValidationError({"format": _("Choose PDF or XLSX.")})
    with transaction.atomic():
        # Serialises two requests of one person for one report (a double click): the second waits here
        # and finds the first one's file.
        CouncilReport.objects.select_for_update().filter(pk=report.pk).first()
        now = timezone.now()
        active = ReportFile.objects.filter(
            report=report, format=format, requested_by=user, status__in=ACTIVE_FILE_STATUSES
        ).first()
        if active is not None and not active.stalled(now):
            return active
        if active is not None:
            _fail(active, _("The worker making this file stopped before it was ready. Ask for it again."))
        language = translation.get_language() or "de"
        file = ReportFile.objects.create(
            report=report,
            format=format,
            requested_by=user,
            language="en" if language.startswith("en") else "de",
        )

        def enqueue():
            result = make_report_file.enqueue(file.pk)
            ReportFile.objects.filter(pk=file.pk).update(task_id=str(result.id)[:64])

        transaction.on_commit(enqueue)
    return file


def _fail(file: ReportFile, message: str) -> None:
    ReportFile.objects.filter(pk=file.pk).update(
        status=FileStatus.FAILED, error=message, finished_at=timezone.now(), heartbeat=timezone.now()
    )


def _progress(file: ReportFile, percent: int, step: FileStep) -> None:
    ReportFile.objects.filter(pk=file.pk).update(progress=percent, step=step, heartbeat=timezone.now())


def report_file_make(*, file_id: int) -> str:
    """Make the file (the task's body): claim it (a file already claimed or finished is left alone, so a
    task delivered twice does the work once), read the figures as its requester may see them, render,
    store. A failure is stored with a message that says what to do; nothing is raised to the worker."""
    with transaction.atomic():
        file = (
            ReportFile.objects.select_for_update()
            .select_related("report", "requested_by")
            .filter(pk=file_id, status=FileStatus.QUEUED)
            .first()
        )
        if file is None:
            return "skipped"
        file.status, file.heartbeat = FileStatus.RUNNING, timezone.now()
        file.step = FileStep.READING
        file.save(update_fields=["status", "heartbeat", "step"])
    report, user = file.report, file.requested_by
    try:
        data = selectors.report_data(report=report, user=user)
        if file.format == FileFormat.PDF:
            _progress(file, 30, FileStep.LAYOUT)
            with translation.override(report.language):
                html = render_to_string("reports/report_print.html", report_context(report, data))
            _progress(file, 50, FileStep.PRINTING)
            content = exports.to_pdf(html=exports.inline_assets(html))
        else:
            _progress(file, 50, FileStep.WRITING)
            content = exports.to_xlsx(
                data=data,
                title=report.title,
                language=report.language,
                period_start=report.period_start,
                period_end=report.period_end,
            )
    except exports.PdfError as error:
        logger.warning("Report file %s: %s", file.pk, error)
        with translation.override(file.language):
            _fail(file, _("The PDF could not be printed: %(reason)s") % {"reason": error})
        return "failed"
    except Exception as error:  # stored for the person who asked, who can try again; logged for the operator
        logger.exception("Report file %s could not be made", file.pk)
        with translation.override(file.language):
            message = _(
                "The file could not be made (%(error)s). Try again; if it fails again, tell your "
                "administrator."
            )
            _fail(file, message % {"error": type(error).__name__})
        return "failed"
    ReportFile.objects.filter(pk=file.pk, status=FileStatus.RUNNING).update(
        status=FileStatus.DONE,
        content=content,
        progress=100,
        step=FileStep.FINISHED,
        heartbeat=timezone.now(),
        finished_at=timezone.now(),
    )
    return "done"


# --- the update cycle (issue 17) -------------------------------------------------------------------------


def reminders_send(*, today: dt.date | None = None, site_url: str = "") -> int:
    """Send every reminder due ``today`` that was not sent before (``selectors.reminders_due``), each in its
    recipient's language, plain text and HTML, the deputies in copy; record each as sent in the same
    transaction as its e-mail leaves, so running the job twice sends nothing twice. Returns how many
    e-mails went out."""
    from django.core.mail import EmailMultiAlternatives

    from municipalities.models import language_of

    from .models import Reminder

    today = today or timezone.localdate()
    sent = 0
    for notice in selectors.reminders_due(today=today):
        with transaction.atomic():
            done = set(
                Reminder.objects.filter(
                    recipient=notice.recipient, kind=notice.kind, key__in=notice.keys
                ).values_list("key", flat=True)
            )
            if notice.round is None:  # per item: only what was not reminded of yet
                pairs = [(k, i) for k, i in zip(notice.keys, notice.items, strict=True) if k not in done]
                keys, items = [k for k, _i in pairs], [i for _k, i in pairs]
            else:
                keys, items = ([], []) if done else (list(notice.keys), list(notice.items))
            if not keys or not notice.recipient.email:
                continue
            language = language_of(notice.recipient)
            Reminder.objects.bulk_create(
                Reminder(
                    municipality=notice.municipality,
                    round=notice.round,
                    recipient=notice.recipient,
                    kind=notice.kind,
                    key=key,
                    items=items,
                    language=language,
                )
                for key in keys
            )
            with translation.override(language):
                context = {
                    "notice": notice,
                    "items": items,
                    "recipient": notice.recipient.get_full_name() or notice.recipient.get_username(),
                    "municipality": notice.municipality.name,
                    "round": notice.round,
                    "due": notice.round and formats.date_format(notice.round.due_date, "SHORT_DATE_FORMAT"),
                    "url": site_url,
                }
                subject = _reminder_subject(notice.kind) % {"municipality": notice.municipality.name}
                message = EmailMultiAlternatives(
                    subject=subject,
                    body=render_to_string("reports/email/reminder.txt", context),
                    to=[notice.recipient.email],
                    cc=[person.email for person in notice.cc if person.email],
                )
                message.attach_alternative(
                    render_to_string("reports/email/reminder.html", context), "text/html"
                )
                message.send()  # an SMTP failure rolls the record back: tried again on the next run
            sent += 1
    return sent


def _reminder_subject(kind: str) -> str:
    from .models import ReminderKind

    return {
        ReminderKind.BEFORE: _("Digiplan %(municipality)s: your updates are due soon"),
        ReminderKind.AFTER: _("Digiplan %(municipality)s: your updates are overdue"),
        ReminderKind.ESCALATION: _("Digiplan %(municipality)s: updates still outstanding"),
        ReminderKind.OVERDUE: _("Digiplan %(municipality)s: indicators need a new value"),
    }[kind]
