"""Reads of the strategy app for pages, API and reports, each through the scoping gate with its prefetches.

Progress is computed by ``progress.py`` on frames built here with a fixed number of queries, whatever
the number of goals, indicators and measurements.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd
from django.db.models import Count, Prefetch, QuerySet
from django.utils import timezone

from municipalities.access import Action
from municipalities.display import display
from municipalities.models import Municipality

from . import progress
from .compare import Change, Comparison, Difference, compare_versions
from .models import FieldOfAction, Goal, Indicator, Measurement, Strategy, StrategyStatus

# Goals also move with the completion of the projects that serve them (DESIGN.md §5 "Strategy progress").
# Projects live in portfolio, a higher layer: it registers its source here at start-up
# (``PortfolioConfig.ready``), and strategy takes the contributions as plain data (goal_id, weight,
# progress), never importing upward. Without portfolio, goals roll up their indicators alone.
ContributionSource = Callable[..., pd.DataFrame]
_contribution_sources: list[ContributionSource] = []


def register_contribution_source(source: ContributionSource) -> None:
    """Declare ``source(*, goals, today) -> DataFrame`` as a provider of contributions to goals."""
    if source not in _contribution_sources:
        _contribution_sources.append(source)


def goal_contributions(*, goals: QuerySet[Goal], today: datetime.date) -> pd.DataFrame | None:
    """The contributions of every registered source to ``goals``, one frame; None when there is none."""
    frames = [source(goals=goals, today=today) for source in _contribution_sources]
    frames = [frame for frame in frames if not frame.empty]
    return pd.concat(frames, ignore_index=True) if frames else None


def strategy_list(
    *, user, municipality: Municipality, action: Action | str = Action.VIEW
) -> QuerySet[Strategy]:
    return (
        Strategy.objects.for_user(user, action, municipality=municipality)
        .select_related("resolution", "predecessor")
        .order_by("title", "-version")
    )


def strategy_current(*, user, municipality: Municipality) -> Strategy | None:
    """The version a user lands on: the adopted one, else the newest one they may see."""
    visible = strategy_list(user=user, municipality=municipality)
    return (
        visible.filter(status=StrategyStatus.ADOPTED).order_by("-version").first()
        or visible.order_by("-created_at").first()
    )


def strategy_get(
    *, user, municipality: Municipality, pk: int, action: Action | str = Action.VIEW
) -> QuerySet:
    return strategy_list(user=user, municipality=municipality, action=action).filter(pk=pk)


def field_get(*, user, municipality, pk: int, action: Action | str = Action.VIEW) -> QuerySet[FieldOfAction]:
    return (
        FieldOfAction.objects.for_user(user, action, municipality=municipality)
        .select_related("strategy")
        .filter(pk=pk)
    )


def goal_get(*, user, municipality, pk: int, action: Action | str = Action.VIEW) -> QuerySet[Goal]:
    return (
        Goal.objects.for_user(user, action, municipality=municipality)
        .select_related("field__strategy", "owner")
        .filter(pk=pk)
    )


def indicator_get(*, user, municipality, pk: int, action: Action | str = Action.VIEW) -> QuerySet[Indicator]:
    return (
        Indicator.objects.for_user(user, action, municipality=municipality)
        .select_related("goal__field__strategy", "owner")
        .filter(pk=pk)
    )


def measurement_get(
    *, user, municipality, pk: int, action: Action | str = Action.VIEW
) -> QuerySet[Measurement]:
    return (
        Measurement.objects.for_user(user, action, municipality=municipality)
        .select_related("indicator")
        .filter(pk=pk)
    )


def indicator_frame(indicators: QuerySet[Indicator]) -> pd.DataFrame:
    columns = [
        "id",
        "goal_id",
        "lineage",
        "baseline_value",
        "baseline_date",
        "target_value",
        "target_date",
        "weight",
        "update_interval",
    ]
    frame = pd.DataFrame.from_records(
        list(indicators.values_list(*columns)), columns=columns, coerce_float=True
    )
    frame = frame.rename(columns={"update_interval": "update_interval_days"})
    for column in ("baseline_value", "target_value", "weight"):
        frame[column] = frame[column].astype(float)
    return frame


def measurement_frame(indicators: pd.DataFrame, *, as_of: datetime.date | None = None) -> pd.DataFrame:
    """Measurements of these indicators' lineages (so earlier versions' history counts), by indicator id;
    with ``as_of`` only those dated up to that day (a report as of 30 June knows nothing measured later)."""
    columns = ["indicator__lineage", "date", "value"]
    rows = Measurement.objects.counting().filter(indicator__lineage__in=list(indicators["lineage"]))
    if as_of is not None:
        rows = rows.filter(date__lte=as_of)
    rows = rows.values_list(*columns)
    frame = pd.DataFrame.from_records(list(rows), columns=columns, coerce_float=True)
    frame["value"] = frame["value"].astype(float)
    ids = indicators.set_index("lineage")["id"]
    frame["indicator_id"] = frame["indicator__lineage"].map(ids)
    # The same date entered on two versions counts once (the later entry wins).
    return frame.drop_duplicates(["indicator_id", "date"], keep="last")[["indicator_id", "date", "value"]]


@dataclass(frozen=True)
class StrategyView:
    """A strategy version with its tree and progress, ready for a page, the API or a report."""

    strategy: Strategy
    fields: list[FieldOfAction]
    progress: progress.StrategyProgress
    today: datetime.date


def strategy_overview(*, strategy: Strategy, today: datetime.date | None = None) -> StrategyView:
    """The tree (fields → goals → indicators) and its progress for an already scoped ``strategy`` as of
    ``today`` (default: today): measurements and the projects' status reports dated after it are not read.

    Queries: fields, goals, indicators (prefetch), the indicator frame, the measurement frame, goals
    frame, and three for the projects' contributions — nine, however large the strategy.
    """
    today = today or timezone.localdate()
    indicators = Indicator.objects.filter(goal__field__strategy=strategy).select_related("owner")
    goals = (
        Goal.objects.filter(field__strategy=strategy)
        .select_related("owner")
        .annotate(indicator_count=Count("indicators"))
    )
    fields = list(
        FieldOfAction.objects.filter(strategy=strategy).prefetch_related(
            Prefetch("goals", queryset=goals.prefetch_related(Prefetch("indicators", queryset=indicators)))
        )
    )
    ind = indicator_frame(Indicator.objects.filter(goal__field__strategy=strategy))
    goal_rows = list(Goal.objects.filter(field__strategy=strategy).values_list("id", "field_id", "weight"))
    goal_frame = pd.DataFrame.from_records(goal_rows, columns=["id", "field_id", "weight"], coerce_float=True)
    goal_frame["weight"] = goal_frame["weight"].astype(float)
    contributions = goal_contributions(goals=Goal.objects.filter(field__strategy=strategy), today=today)
    result = progress.strategy_progress(
        indicators=ind,
        measurements=measurement_frame(ind, as_of=today),
        goals=goal_frame,
        today=today,
        contributions=contributions,
    )
    return StrategyView(strategy=strategy, fields=fields, progress=result, today=today)


def measurements_by_indicator(*, indicators: list[Indicator]) -> dict[int, list[Measurement]]:
    """Measurements of each indicator's lineage (earlier versions included), oldest first, those waiting
    for approval among them (``Measurement.pending``: shown, not counted); one query."""
    by_lineage: dict = {}
    rows = Measurement.objects.filter(indicator__lineage__in=[i.lineage for i in indicators])
    rows = rows.select_related("recorded_by", "approved_by", "indicator")
    for measurement in rows.order_by("date", "pk"):
        by_lineage.setdefault(measurement.indicator.lineage, {})[measurement.date] = measurement
    return {i.pk: list(by_lineage.get(i.lineage, {}).values()) for i in indicators}


def measurement_notes(
    *, strategy: Strategy, start: datetime.date, end: datetime.date
) -> dict[int, tuple[datetime.date, str]]:
    """The owners' comments of a reporting period: per indicator of ``strategy`` (by id, matched by lineage
    so notes entered on an earlier version count) the note of its latest measurement dated ``start``–``end``
    that has one, with that measurement's date. One query."""
    ids = dict(Indicator.objects.filter(goal__field__strategy=strategy).values_list("lineage", "pk"))
    rows = (
        Measurement.objects.counting()
        .filter(indicator__lineage__in=list(ids), date__gte=start, date__lte=end)
        .exclude(note="")
        .order_by("date", "pk")
        .values_list("indicator__lineage", "date", "note")
    )
    return {ids[lineage]: (day, note) for lineage, day, note in rows}


def version_rows(strategy: Strategy) -> dict[str, list[dict]]:
    """The rows ``compare.compare_versions`` needs for one version (three queries)."""
    return {
        "field": list(
            FieldOfAction.objects.filter(strategy=strategy).values(
                "lineage", "title", "description", "weight"
            )
        ),
        "goal": [
            row | {"field": row.pop("field__title"), "owner": row.pop("owner__name")}
            for row in Goal.objects.filter(field__strategy=strategy).values(
                "lineage", "title", "description", "field__title", "owner__name", "target_date", "weight"
            )
        ],
        "indicator": [
            row | {"goal": row.pop("goal__title"), "owner": row.pop("owner__name")}
            for row in Indicator.objects.filter(goal__field__strategy=strategy).values(
                "lineage",
                "name",
                "goal__title",
                "unit",
                "kind",
                "direction",
                "baseline_value",
                "baseline_date",
                "target_value",
                "target_date",
                "update_interval",
                "owner__name",
                "weight",
            )
        ],
    }


COMPARED_MODELS = {"field": FieldOfAction, "goal": Goal, "indicator": Indicator}


def _shown(model, column: str, value) -> str:
    """A compared value as the page shows it: a choice by its label, numbers and dates in the locale."""
    field = model._meta.get_field(column)
    if field.choices and value is not None:  # static choices only: a foreign key's row is given as its title
        return str(dict(field.flatchoices).get(value, value))
    return display(value)


def strategy_comparison(*, old: Strategy, new: Strategy) -> Comparison:
    """The differences from ``old`` to ``new``, finished for reading: each change named by its field's
    verbose name (never ``target_value``), its values formatted in the active language."""
    raw = compare_versions(old=version_rows(old), new=version_rows(new))
    shown = []
    for d in raw.differences:
        model = COMPARED_MODELS[d.kind]
        changes = tuple(
            Change(
                str(model._meta.get_field(c.field).verbose_name),
                _shown(model, c.field, c.old),
                _shown(model, c.field, c.new),
            )
            for c in d.changes
        )
        shown.append(Difference(d.kind, d.label, d.change, changes))
    return Comparison(shown)


@dataclass(frozen=True)
class HistoryEntry:
    when: datetime.datetime
    user: str
    change: str  # "+" created, "~" changed, "-" deleted
    kind: str
    label: str


def strategy_history(
    *, strategy: Strategy, limit: int = 200, since: datetime.datetime | None = None
) -> list[HistoryEntry]:
    """Who changed what in this version and its parts (django-simple-history), newest first; with
    ``since``, only what changed after it (the home page's "changes since your last visit").

    One query per kind of row, labels read from the historical rows themselves (no query per entry).
    """
    sources = [
        (Strategy.history.filter(id=strategy.pk), lambda e: f"{e.title} (v{e.version})"),
        (FieldOfAction.history.filter(strategy_id=strategy.pk), lambda e: e.title),
        (Goal.history.filter(field__strategy=strategy), lambda e: e.title),
        (Indicator.history.filter(goal__field__strategy=strategy), lambda e: e.name),
        (
            Measurement.history.filter(indicator__goal__field__strategy=strategy).select_related("indicator"),
            lambda e: f"{e.indicator.name}: {display(e.value)} ({display(e.date)})",
        ),
    ]
    entries = [
        HistoryEntry(
            when=e.history_date,
            user=e.history_user.get_username() if e.history_user else "",
            change=e.history_type,
            kind=str(source.model.instance_type._meta.verbose_name),
            label=label(e),
        )
        for source, label in sources
        for e in (source if since is None else source.filter(history_date__gt=since))
        .select_related("history_user")
        .order_by("-history_date")[:limit]
    ]
    return sorted(entries, key=lambda e: e.when, reverse=True)[:limit]


def approvals_pending(*, user, municipality) -> QuerySet:
    """The values waiting for ``user``'s approval in ``municipality``: entered by owners where the
    municipality asks for approval, on indicators ``user`` may change (strategists, administrators);
    oldest first."""
    return (
        Measurement.objects.for_user(user, Action.CHANGE, municipality=municipality)
        .filter(approved_at__isnull=True)
        .select_related("indicator__goal", "indicator__owner", "recorded_by")
        .order_by("date", "pk")
    )
