"""The home page (DESIGN.md §1, issue 16): what a user of one municipality should see first, per role.

``reports`` is the top domain app, so it may read every other app's selectors; this module only composes
them. Every figure comes from the selector that computes it for the app's own pages (agenda progress from
``strategy_overview``, late and over budget from ``project_health``, skills gaps from ``gap_view``, the
state of a reporting round from ``round_state``): the home page and the page behind each number agree.
What a role may see is decided by the same scoping gate as everywhere: a council member's project list
is the approved projects, a strategist's staffing figures are suppressed below five people.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd
from django.utils import timezone

from municipalities.access import PORTFOLIO, REPORTS, STAFF_RECORDS, STAFFING_AGGREGATES, STRATEGY, Action
from municipalities.presentation import none_if_nan
from portfolio import selectors as portfolio
from portfolio.models import COMMITTED, PLANNED, Milestone, Status
from staffing import selectors as staffing
from strategy import selectors as strategy
from strategy.models import StrategyStatus

from . import selectors
from .models import ReportStatus, RoundStatus

# Changes since the last visit are counted from the previous login (``municipalities.views.LoginView``
# keeps it in the session); without one, from this many days back.
FALLBACK_DAYS = 14
CHANGES_SHOWN = 12
ITEMS_SHOWN = 10


@dataclass(frozen=True)
class Meeting:
    date: dt.date
    title: str


@dataclass
class Dashboard:
    """The panels of the home page; a panel the role does not see is None (or empty)."""

    today: dt.date
    since: dt.datetime
    since_login: bool  # True: ``since`` is the previous login; False: the fallback window
    strategy: strategy.Strategy | None = None
    draft: strategy.Strategy | None = None  # a newer draft of the current strategy, for who may edit it
    fields: list[dict] = field(default_factory=list)  # field, progress row (``progress.fields``)
    portfolio: dict | None = None
    staffing: dict | None = None
    stale_indicators: list[dict] = field(default_factory=list)
    my_projects: list[dict] = field(default_factory=list)
    open_rounds: list[dict] = field(default_factory=list)
    next_meeting: Meeting | None = None
    latest_report: object | None = None
    changes: list[strategy.HistoryEntry] = field(default_factory=list)


def _rows(frame: pd.DataFrame) -> dict[int, dict]:
    return {
        key: {name: none_if_nan(value) for name, value in row.items()}
        for key, row in frame.to_dict("index").items()
    }


def home_dashboard(
    *,
    user,
    municipality,
    tenancy,
    since: dt.datetime | None = None,
    today: dt.date | None = None,
) -> Dashboard:
    """Everything the home page shows for ``user`` in ``municipality``; a fixed number of queries, however
    many goals, projects, staff and reports the municipality has."""
    today = today or timezone.localdate()
    since_login = since is not None
    since = since or timezone.now() - dt.timedelta(days=FALLBACK_DAYS)
    board = Dashboard(today=today, since=since, since_login=since_login)
    ctx = {"user": user, "municipality": municipality}

    if tenancy.can(STRATEGY):
        _strategy_panels(board, ctx, may_edit=tenancy.can(STRATEGY, Action.CHANGE))
    if tenancy.can(PORTFOLIO):
        _portfolio_panels(board, ctx, user=user)
    if tenancy.can(STAFFING_AGGREGATES):
        _staffing_panel(board, ctx, tenancy=tenancy)
    if tenancy.can(REPORTS):
        _report_panels(board, ctx, user=user, may_edit=tenancy.can(REPORTS, Action.CHANGE))
    board.changes = sorted(board.changes, key=lambda e: e.when, reverse=True)[:CHANGES_SHOWN]
    return board


def _strategy_panels(board: Dashboard, ctx: dict, *, may_edit: bool) -> None:
    current = strategy.strategy_current(**ctx)
    if current is None:
        return
    board.strategy = current
    if may_edit:
        board.draft = (
            strategy.strategy_list(**ctx)
            .filter(title=current.title, status=StrategyStatus.DRAFT, version__gt=current.version)
            .order_by("-version")
            .first()
        )
    view = strategy.strategy_overview(strategy=current, today=board.today)
    fields = _rows(view.progress.fields)
    indicators = _rows(view.progress.indicators)
    board.fields = [{"field": f, "progress": fields.get(f.pk, {})} for f in view.fields]
    if may_edit:
        # Who writes the strategy keeps its figures current: indicators whose data is older than their
        # update interval (``progress.indicator_progress``'s "stale").
        board.stale_indicators = [
            {"indicator": i, "goal": g, "progress": indicators[i.pk]}
            for f in view.fields
            for g in f.goals.all()
            for i in g.indicators.all()
            if indicators.get(i.pk, {}).get("stale")
        ][:ITEMS_SHOWN]
    board.changes += strategy.strategy_history(strategy=current, since=board.since, limit=CHANGES_SHOWN)
    if board.draft is not None:
        board.changes += strategy.strategy_history(
            strategy=board.draft, since=board.since, limit=CHANGES_SHOWN
        )


def _portfolio_panels(board: Dashboard, ctx: dict, *, user) -> None:
    projects = portfolio.project_list(**ctx)
    health = portfolio.project_health(projects=projects, today=board.today)
    labels = dict(Status.choices)
    counts = health.groupby("status").size()
    running = health[health["status"].isin(COMMITTED)]
    planned = health[health["status"].isin(PLANNED)]
    forecast = planned[planned["forecast"].notna()]
    board.portfolio = {
        "count": len(health),
        "by_status": [
            {"status": s, "label": labels[s], "count": int(counts.get(s, 0))}
            for s in Status.values
            if counts.get(s, 0)
        ],
        "budget": float(planned["cost"].sum()),
        "forecast_count": len(forecast),
        "forecast": float(forecast["forecast"].sum()),
        "forecast_budget": float(forecast["cost"].sum()),
        "late": [{"id": int(pk), **row} for pk, row in _rows(running[running["late"]]).items()],
        "over_budget": [{"id": int(pk), **row} for pk, row in _rows(running[running["over_budget"]]).items()],
    }
    mine = projects.filter(lead=user, status__in=COMMITTED).order_by("title")
    ids = set(mine.values_list("pk", flat=True))
    if ids:
        overdue = {}
        for milestone in Milestone.objects.filter(
            project_id__in=ids, done_date__isnull=True, due_date__lt=board.today
        ).order_by("due_date"):
            overdue.setdefault(milestone.project_id, []).append(milestone)
        rows = _rows(health.loc[sorted(ids)])
        board.my_projects = [
            {
                "id": pk,
                "title": rows[pk]["title"],
                "health": rows[pk],
                "overdue_milestones": overdue.get(pk, []),
            }
            for pk in sorted(ids, key=lambda pk: rows[pk]["title"])
        ][:ITEMS_SHOWN]
    board.changes += portfolio.project_history(projects=projects, since=board.since, limit=CHANGES_SHOWN)


def _staffing_panel(board: Dashboard, ctx: dict, *, tenancy) -> None:
    individuals = staffing.sees_individuals(ctx["user"], ctx["municipality"], tenancy.roles)
    summary = staffing.gap_view(**ctx, individuals=individuals, today=board.today).summary
    exposure = staffing.exposure_view(**ctx, individuals=individuals, today=board.today).skills
    board.staffing = {
        "individuals": individuals,
        "demanded": len(summary),
        "short": int(summary["shortage"].sum()),
        "suppressed": int(summary["suppressed"].sum()),
        "few_holders": int(exposure["few"].sum()),
        "staff": staffing.staff_list(**ctx).count() if tenancy.can(STAFF_RECORDS) else None,
        "open_vacancies": (
            staffing.vacancy_list(**ctx).filter(filled=False).count() if tenancy.can(STAFF_RECORDS) else None
        ),
    }


def _report_panels(board: Dashboard, ctx: dict, *, user, may_edit: bool) -> None:
    reports = selectors.report_list(**ctx)
    board.latest_report = (
        reports.filter(status=ReportStatus.PUBLISHED).order_by("-period_end", "-published_at").first()
    )
    rounds = selectors.round_list(**ctx)
    meetings = [
        Meeting(date=r.meeting_date, title=r.title)
        for r in rounds.filter(meeting_date__gte=board.today).order_by("meeting_date")[:1]
    ] + [
        Meeting(date=r.meeting_date, title=r.title)
        for r in reports.filter(meeting_date__gte=board.today).order_by("meeting_date")[:1]
    ]
    board.next_meeting = min(meetings, key=lambda m: m.date, default=None)
    if may_edit:
        for round in rounds.filter(status=RoundStatus.OPEN).order_by("due_date")[:3]:
            state = selectors.round_state(round=round, user=user)
            board.open_rounds.append(
                {
                    "round": round,
                    "done": state.done,
                    "total": state.total,
                    "overdue": round.due_date < board.today,
                }
            )
