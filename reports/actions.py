"""Writes of the reports app (DESIGN.md §4 reports).

- ``report_create``: a draft for a period, its summary generated from the figures (the strategist edits it).
- ``report_publish``: freezes every figure into the snapshot (with the change since the last published
  report); publishing a correction withdraws the report it names. Before the period's last day only when
  the user confirmed publishing early.
- ``report_correct``: a correction draft of a published report (one per report).
- ``round_close``: closes a reporting round; from then on measurements and status reports dated inside
  its period are refused (``locked_period``).
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from . import builder
from .models import CouncilReport, ReportingRound, ReportStatus, RoundStatus


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
    )
    report.full_clean()
    data = builder.build(
        user=user,
        municipality=municipality,
        period_start=period_start,
        period_end=period_end,
        language=language,
        previous=builder.previous_snapshot(report),
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
