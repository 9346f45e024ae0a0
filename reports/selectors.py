"""Reads of the reports app: reports and rounds through the scoping gate, the public dashboard's own
narrow rule (published reports of municipalities that switched it on, nothing else), the report's data
(frozen snapshot or live build) and the state of a reporting round."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd
from django.db.models import Max, QuerySet

from municipalities.access import Action
from municipalities.models import Municipality
from portfolio.models import COUNCIL_VISIBLE, Project, StatusReport
from strategy import selectors as strategy_selectors
from strategy.models import Indicator, Measurement
from strategy.progress import stale_after

from . import builder
from .models import CouncilReport, ReportFile, ReportingRound, ReportStatus


def report_list(
    *, user, municipality: Municipality, action: Action | str = Action.VIEW
) -> QuerySet[CouncilReport]:
    return CouncilReport.objects.for_user(user, action, municipality=municipality).select_related(
        "municipality",
        "corrects",
        "published_by",
        "correction",
        "round__municipality",
        "scenario__municipality",
    )


def round_list(
    *, user, municipality: Municipality, action: Action | str = Action.VIEW
) -> QuerySet[ReportingRound]:
    return ReportingRound.objects.for_user(user, action, municipality=municipality).select_related(
        "municipality"
    )


def report_files(
    *, user, municipality: Municipality | None = None, report: CouncilReport | None = None
) -> QuerySet[ReportFile]:
    """The PDF and XLSX files ``user`` asked for (in ``municipality``, of ``report``; the API: in all of
    theirs), newest first: a file holds the figures its requester may see, so nobody else gets it. Without
    their content, which only a download reads (``.defer(None)``)."""
    files = (
        ReportFile.objects.for_user(user, Action.VIEW, municipality=municipality)
        .filter(requested_by=user)
        .select_related("report")
        .defer("content")
        .order_by("-requested_at", "-pk")
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
        round=report.round,
        scenario=report.scenario,
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
    def waiting(self) -> int:
        """Values entered in the period that wait for a strategist's approval (not yet updated)."""
        return sum(1 for row in self.indicators if row["waiting"])

    @property
    def total(self) -> int:
        return len(self.indicators) + len(self.projects)

    @property
    def rate(self) -> float | None:
        """Updated / asked, or None when nothing is asked."""
        return self.done / self.total if self.total else None

    @property
    def by_unit(self) -> list[dict]:
        """The response per organisational unit (indicators by their responsible unit, projects by theirs):
        asked, updated and the rate, the units with the lowest rate first."""
        units: dict[str, list[int]] = {}
        for row in self.indicators + self.projects:
            counts = units.setdefault(row.get("unit") or "", [0, 0])
            counts[0] += 1
            counts[1] += bool(row["updated"])
        rows = [
            {"unit": unit, "asked": asked, "updated": updated, "rate": updated / asked}
            for unit, (asked, updated) in units.items()
        ]
        return sorted(rows, key=lambda r: (r["rate"], r["unit"]))


def round_state(*, round: ReportingRound, user) -> RoundState:
    strategy = strategy_selectors.strategy_current(user=user, municipality=round.municipality)
    indicators = []
    if strategy is not None:
        # Updated: a value that counts (approved) in the period; a value still waiting for approval is
        # shown as waiting, and the rate moves when the strategist approves it.
        latest, waiting = {}, set()
        for indicator_id, day, approved_at in Measurement.objects.filter(
            indicator__goal__field__strategy=strategy,
            date__gte=round.period_start,
            date__lte=round.period_end,
        ).values_list("indicator_id", "date", "approved_at"):
            if approved_at is None:
                waiting.add(indicator_id)
            else:
                latest[indicator_id] = max(day, latest.get(indicator_id, day))
        for i in Indicator.objects.filter(goal__field__strategy=strategy).select_related("owner", "goal"):
            indicators.append(
                {
                    "name": i.name,
                    "goal": i.goal.title,
                    "owner": i.owner.name if i.owner else "",
                    "unit": i.owner.name if i.owner else "",
                    "updated": latest.get(i.pk),
                    "waiting": i.pk in waiting and i.pk not in latest,
                }
            )
    reports = {}
    projects = Project.objects.filter(
        municipality=round.municipality, status__in=COUNCIL_VISIBLE
    ).select_related("lead", "org_unit")
    for project_id, day in StatusReport.objects.filter(
        project__in=projects, date__gte=round.period_start, date__lte=round.period_end
    ).values_list("project_id", "date"):
        reports[project_id] = max(day, reports.get(project_id, day))
    project_rows = [
        {
            "name": p.title,
            "owner": (p.lead.get_full_name() or p.lead.get_username()) if p.lead else "",
            "unit": p.org_unit.name if p.org_unit else "",
            "updated": reports.get(p.pk),
            "waiting": False,
        }
        for p in projects.order_by("title")
    ]
    return RoundState(
        indicators=sorted(indicators, key=_outstanding_first),
        projects=sorted(project_rows, key=_outstanding_first),
    )


def _outstanding_first(row: dict) -> tuple:
    return (row["updated"] is not None, row["owner"], row["name"])


# --- the update cycle: who is to be reminded of what (issue 17) ------------------------------------------


@dataclass(frozen=True)
class Notice:
    """One e-mail to be sent: to ``recipient`` (``cc``: the deputies), of ``kind``, listing ``items`` (the
    names of what is outstanding). ``keys`` say what was reminded of, for the record that it was: one for
    a round's reminder (the round), one per item for overdue indicators (the indicator and its latest
    value, so a new value and a new lapse is reminded of again)."""

    municipality: Municipality
    recipient: object
    kind: str
    keys: tuple[str, ...]
    items: tuple[str, ...]
    round: ReportingRound | None = None
    cc: tuple = ()


def _people(owner, deputy) -> tuple[object, object]:
    return owner, (deputy if deputy is not None and deputy != owner else None)


def round_outstanding(round: ReportingRound) -> list[tuple[str, object, object]]:
    """What is still outstanding in an open round, as (name, owner, deputy): indicators of the adopted
    strategy without a value in the round's period (owned through their unit's responsible person and
    deputy) and council-visible projects without a status report in it (their lead and deputy)."""
    from strategy.models import Strategy, StrategyStatus

    outstanding = []
    strategy = (
        Strategy.objects.filter(municipality=round.municipality, status=StrategyStatus.ADOPTED)
        .order_by("-version")
        .first()
    )
    if strategy is not None:
        measured = set(
            Measurement.objects.filter(
                indicator__goal__field__strategy=strategy,
                date__gte=round.period_start,
                date__lte=round.period_end,
            ).values_list("indicator_id", flat=True)
        )
        indicators = Indicator.objects.filter(goal__field__strategy=strategy).select_related(
            "owner__head", "owner__deputy"
        )
        for indicator in indicators.order_by("name"):
            if indicator.pk not in measured and indicator.owner is not None:
                outstanding.append((indicator.name, *_people(indicator.owner.head, indicator.owner.deputy)))
    reported = set(
        StatusReport.objects.filter(
            project__municipality=round.municipality, date__gte=round.period_start, date__lte=round.period_end
        ).values_list("project_id", flat=True)
    )
    projects = Project.objects.filter(
        municipality=round.municipality, status__in=COUNCIL_VISIBLE
    ).select_related("lead", "deputy")
    for project in projects.order_by("title"):
        if project.pk not in reported:
            outstanding.append((project.title, *_people(project.lead, project.deputy)))
    return outstanding


def reminders_due(*, today) -> list[Notice]:
    """Every reminder the daily job owes today, across municipalities (the job's own read: no user, the
    people are the owners the data names). Sent ones are filtered by the caller's record (``Reminder``)."""
    import datetime as dt

    from django.contrib.auth import get_user_model

    from municipalities.access import Role

    from .models import ReminderKind, RoundStatus

    notices: list[Notice] = []
    rounds = ReportingRound.objects.filter(status=RoundStatus.OPEN).select_related("municipality")
    for round in rounds:
        town = round.municipality
        before = round.due_date - dt.timedelta(days=town.remind_days_before)
        after = round.due_date + dt.timedelta(days=town.remind_days_after)
        escalate = round.due_date + dt.timedelta(days=town.escalate_days_after)
        if today < before:
            continue
        outstanding = round_outstanding(round)
        kind = (
            ReminderKind.BEFORE if today < round.due_date else ReminderKind.AFTER if today >= after else None
        )
        if kind is not None:
            by_owner: dict = {}
            for name, owner, deputy in outstanding:
                if owner is None:
                    continue
                items, cc = by_owner.setdefault(owner, ([], set()))
                items.append(name)
                if deputy is not None:
                    cc.add(deputy)
            for owner, (items, cc) in by_owner.items():
                cc = tuple(sorted(cc, key=lambda u: u.pk))
                notices.append(Notice(town, owner, kind, (f"round:{round.pk}",), tuple(items), round, cc))
        if today >= escalate and outstanding:
            strategists = (
                get_user_model()
                .objects.filter(
                    memberships__municipality=town, memberships__role=Role.STRATEGIST, is_active=True
                )
                .distinct()
            )
            items = tuple(
                f"{name} ({owner.get_full_name() or owner.get_username()})" if owner else name
                for name, owner, _deputy in outstanding
            )
            for strategist in strategists.order_by("pk"):
                key = (f"round:{round.pk}",)
                notices.append(Notice(town, strategist, ReminderKind.ESCALATION, key, items, round))
    notices += _overdue_indicators(today)
    return notices


def overdue_indicators(indicators: QuerySet, *, today) -> list:
    """Those of ``indicators`` whose data is older than their update interval (``strategy.progress``'s
    "Datenstand" rule, the one the progress pages show), each with ``latest``, the date of its last value."""
    rows = list(indicators.annotate(latest=Max("measurements__date")))
    if not rows:
        return []
    last = pd.Series([pd.Timestamp(i.latest or i.baseline_date) for i in rows])
    stale = stale_after(last, pd.Series([i.update_interval for i in rows], dtype="float64"), today)
    return [indicator for indicator, overdue in zip(rows, stale, strict=True) if overdue]


def _overdue_indicators(today) -> list[Notice]:
    """Indicators of adopted strategies whose latest value (or baseline) is older than their update
    interval, to their unit's responsible person, once per indicator and latest value."""

    from strategy.models import StrategyStatus

    from .models import ReminderKind

    indicators = (
        Indicator.objects.filter(
            goal__field__strategy__status=StrategyStatus.ADOPTED, owner__head__isnull=False
        )
        .select_related("owner__head", "owner__deputy", "goal__field__strategy__municipality")
        .order_by("name")
    )
    grouped: dict = {}
    for indicator in overdue_indicators(indicators, today=today):
        last = indicator.latest or indicator.baseline_date
        owner, deputy = _people(indicator.owner.head, indicator.owner.deputy)
        town = indicator.goal.field.strategy.municipality
        entry = grouped.setdefault((town, owner), ([], [], set()))
        entry[0].append(f"indicator:{indicator.pk}:{last.isoformat()}")
        entry[1].append(indicator.name)
        if deputy is not None:
            entry[2].add(deputy)
    return [
        Notice(
            town,
            owner,
            ReminderKind.OVERDUE,
            tuple(keys),
            tuple(names),
            None,
            tuple(sorted(cc, key=lambda u: u.pk)),
        )
        for (town, owner), (keys, names, cc) in grouped.items()
    ]


@dataclass(frozen=True)
class MyUpdates:
    """What one person is asked to update: per open round the indicators (through the unit they are
    responsible or deputy for) and projects (as lead or deputy) still outstanding in its period, and the
    indicators they own that are overdue by their update interval."""

    rounds: list[dict]
    overdue: list
    # Values the person entered that wait for approval, and (strategists) values waiting for theirs.
    waiting: list = field(default_factory=list)
    to_approve: list = field(default_factory=list)

    @property
    def count(self) -> int:
        asked = sum(len(r["indicators"]) + len(r["projects"]) for r in self.rounds)
        return asked + len(self.overdue) + len(self.to_approve)


def owned_indicators(*, user, municipality: Municipality) -> QuerySet:
    """The indicators of the municipality's adopted strategy that ``user`` answers for: as the responsible
    person or deputy of the unit that owns them. Owning one is what lets a person enter its values on
    "My updates", whatever their role."""
    from django.db.models import Q

    from strategy.models import StrategyStatus

    return Indicator.objects.filter(
        Q(owner__head=user) | Q(owner__deputy=user),
        owner__municipality=municipality,
        goal__field__strategy__municipality=municipality,
        goal__field__strategy__status=StrategyStatus.ADOPTED,
    ).select_related("owner", "goal")


def owned_projects(*, user, municipality: Municipality) -> QuerySet:
    """The council-visible projects of ``municipality`` that ``user`` leads or deputises: whose status
    reports the person writes on "My updates", whatever their role or grant."""
    from django.db.models import Q

    return Project.objects.filter(
        Q(lead=user) | Q(deputy=user), municipality=municipality, status__in=COUNCIL_VISIBLE
    )


def my_updates(*, user, municipality: Municipality, today) -> MyUpdates:
    from .models import RoundStatus

    adopted = owned_indicators(user=user, municipality=municipality)
    projects = owned_projects(user=user, municipality=municipality)
    rounds = []
    open_rounds = ReportingRound.objects.filter(municipality=municipality, status=RoundStatus.OPEN)
    for round in open_rounds.order_by("due_date"):
        period = {"date__gte": round.period_start, "date__lte": round.period_end}
        measured = Measurement.objects.filter(indicator__in=adopted, **period).values("indicator_id")
        reported = StatusReport.objects.filter(project__in=projects, **period).values("project_id")
        rounds.append(
            {
                "round": round,
                "indicators": list(adopted.exclude(pk__in=measured).order_by("name")),
                "projects": list(projects.exclude(pk__in=reported).order_by("title")),
            }
        )
    overdue = overdue_indicators(adopted.order_by("name"), today=today)
    waiting = (
        Measurement.objects.filter(indicator__in=adopted, recorded_by=user, approved_at__isnull=True)
        .select_related("indicator")
        .order_by("date", "pk")
    )
    return MyUpdates(
        rounds=[r for r in rounds if r["indicators"] or r["projects"]],
        overdue=overdue,
        waiting=list(waiting),
        to_approve=list(strategy_selectors.approvals_pending(user=user, municipality=municipality)),
    )
