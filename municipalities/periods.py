"""Locked reporting periods (DESIGN.md §4 ReportingRound): once a round is closed, the figures dated inside
its period (measurements, status reports) are neither changed nor added.

The rounds live in ``reports``, the figures in ``strategy`` and ``portfolio``, which sit below it (DESIGN.md
§3 layers). So the figures ask here, in the lowest app, and ``reports`` says at start-up which periods are
locked (``register_lock``, called from ``ReportsConfig.ready``). No import runs upward, and an installation
without reports simply has no locked periods.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# A lookup answers, for a municipality and a day, the name of what locks that day, or None.
Lookup = Callable[[int, dt.date], str | None]
_lookups: list[Lookup] = []


def register_lock(lookup: Lookup) -> None:
    """Declare a source of locked periods; registering the same lookup twice keeps one."""
    if lookup not in _lookups:
        _lookups.append(lookup)


def check_not_locked(*, municipality_id: int | None, dates: Iterable[dt.date | None]) -> None:
    """Refuse (ValidationError on ``date``) a figure dated, before or after the change, in a locked period."""
    if municipality_id is None:
        return
    for day in dates:
        if day is None:
            continue
        for lookup in _lookups:
            if (name := lookup(municipality_id, day)) is not None:
                raise ValidationError(
                    {
                        "date": _("The reporting round “%(round)s” is closed; its period is locked.")
                        % {"round": name}
                    }
                )


class PeriodLocked:
    """For models of dated figures: ``check_period_lock`` refuses the change when the stored date or the new
    one lies in a locked period. The model names its municipality by ``period_municipality_id``."""

    def period_municipality_id(self) -> int | None:
        raise NotImplementedError

    def check_period_lock(self) -> None:
        manager = type(self)._default_manager
        stored = manager.filter(pk=self.pk).values_list("date", flat=True).first() if self.pk else None
        check_not_locked(municipality_id=self.period_municipality_id(), dates={self.date, stored})
