"""Reads of the reports app: reports and rounds through the scoping gate, the public dashboard's own
narrow rule (published reports of municipalities that switched it on, nothing else), the report's data
(frozen snapshot or live build) and the state of a reporting round."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet

from municipalities.access import Action
from municipalities.models import Municipality
from portfolio.models import COUNCIL_VISIBLE, Project, StatusReport
from strategy import selectors as strategy_selectors
from strategy.models import Indicator, Measurement

from . import builder
from .models import CouncilReport, ReportFile, ReportingRound, ReportStatus


def report_list(
    *, user, municipality: Municipality, action: Action | str = Action.VIEW
) -> QuerySet[CouncilReport]:
    return CouncilReport.objects.for_user(user, action, municipality=municipality).select_related(
        "municipality", "corrects", "published_by", "correction"
    )


def round_list(
    *, user, municipality: Municipality, action: Action | str = Action.VIEW
) -> QuerySet[ReportingRound]:
    return ReportingRound.objects.for_user(user, action, municipality=municipality).select_related(
        "municipality"
    )


def report_files(
    *, user, municipality: Municipality, report: CouncilReport | None = None
) -> QuerySet[ReportFile]:
    """The PDF and XLSX files ``user`` asked for (of ``report``), newest first: a file holds the figures its
    requester may see, so nobody else gets it. Without their content, which only a download reads."""
    files = (
        ReportFile.objects.for_user(user, Action.VIEW, municipality=municipality)
        .filter(requested_by=user)
        .select_related("report")
        .defer("content")
    )
    return files if report is None else files.filter(report=report)


def public_reports(*, ags: str) -> QuerySet[CouncilReport]:
    """Published reports of a municipality whose public dashboard is on; for anonymous visitors."""
    return CouncilReport.objects.filter(
        municipality__ags=ags, municipality__public_dashboard=True, status=ReportStatus.PUBLISHED
    ).select_related("municipality")


def report_data(*, report: CouncilReport, user) -> dict:
    """What the report shows: its frozen snapshot once published, else built now from the live figures."""
    if report.snapshot is not None:
        return report.snapshot
    data = builder.build(
        user=user,
        municipality=report.municipality,
        period_start=report.period_start,
        period_end=report.period_end,
        language=report.language,
        previous=builder.previous_snapshot(report),
    )
    data["summary"] = report.summary or data["summary"]
    return data


@dataclass(frozen=True)
class RoundState:
    """Who has and who has not updated in a round's period: indicators (by their responsible unit) and
    projects (by their lead), each with the date of its latest update in the period."""

    indicators: list[dict]
    projects: list[dict]

    @property
    def done(self) -> int:
        return sum(1 for row in self.indicators + self.projects if row["updated"])

    @property
    def total(self) -> int:
        return len(self.indicators) + len(self.projects)


def round_state(*, round: ReportingRound, user) -> RoundState:
    strategy = strategy_selectors.strategy_current(user=user, municipality=round.municipality)
    indicators = []
    if strategy is not None:
        latest = {}
        for indicator_id, day in Measurement.objects.filter(
            indicator__goal__field__strategy=strategy,
            date__gte=round.period_start,
            date__lte=round.period_end,
        ).values_list("indicator_id", "date"):
            latest[indicator_id] = max(day, latest.get(indicator_id, day))
        for i in Indicator.objects.filter(goal__field__strategy=strategy).select_related("owner", "goal"):
            indicators.append(
                {
                    "name": i.name,
                    "goal": i.goal.title,
                    "owner": i.owner.name if i.owner else "",
                    "updated": latest.get(i.pk),
                }
            )
    reports = {}
    projects = Project.objects.filter(
        municipality=round.municipality, status__in=COUNCIL_VISIBLE
    ).select_related("lead")
    for project_id, day in StatusReport.objects.filter(
        project__in=projects, date__gte=round.period_start, date__lte=round.period_end
    ).values_list("project_id", "date"):
        reports[project_id] = max(day, reports.get(project_id, day))
    project_rows = [
        {
            "name": p.title,
            "owner": (p.lead.get_full_name() or p.lead.get_username()) if p.lead else "",
            "updated": reports.get(p.pk),
        }
        for p in projects.order_by("title")
    ]
    return RoundState(
        indicators=sorted(indicators, key=_outstanding_first),
        projects=sorted(project_rows, key=_outstanding_first),
    )


def _outstanding_first(row: dict) -> tuple:
    return (row["updated"] is not None, row["owner"], row["name"])
