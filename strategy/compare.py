"""Compare two versions of a strategy (DESIGN.md §4: a revision is a new draft copied from the adopted one).

Plain data in, plain data out: each version is given as rows (dicts from ``values()``) of its fields of
action, goals and indicators; rows are matched across versions by their ``lineage``, so a renamed goal is
"changed", not "removed and added".
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

Row = Mapping[str, Any]


@dataclass(frozen=True)
class Change:
    field: str
    old: Any
    new: Any


@dataclass(frozen=True)
class Difference:
    kind: str  # "field", "goal" or "indicator"
    label: str
    change: str  # "added", "removed" or "changed"
    changes: tuple[Change, ...] = ()


@dataclass(frozen=True)
class Comparison:
    differences: list[Difference] = field(default_factory=list)

    def of(self, kind: str, change: str) -> list[Difference]:
        return [d for d in self.differences if d.kind == kind and d.change == change]

    @property
    def is_empty(self) -> bool:
        return not self.differences


# What is compared per level, and which column names a row.
COMPARED: dict[str, tuple[str, tuple[str, ...]]] = {
    "field": ("title", ("title", "description", "weight")),
    "goal": ("title", ("title", "description", "field", "owner", "target_date", "weight")),
    "indicator": (
        "name",
        (
            "name",
            "goal",
            "unit",
            "kind",
            "direction",
            "baseline_value",
            "baseline_date",
            "target_value",
            "target_date",
            "update_interval",
            "owner",
            "weight",
        ),
    ),
}


def _diff_level(kind: str, old_rows: Iterable[Row], new_rows: Iterable[Row]) -> list[Difference]:
    label_column, columns = COMPARED[kind]
    old = {row["lineage"]: row for row in old_rows}
    new = {row["lineage"]: row for row in new_rows}
    differences = [Difference(kind, new[key][label_column], "added") for key in new.keys() - old.keys()]
    differences += [Difference(kind, old[key][label_column], "removed") for key in old.keys() - new.keys()]
    for key in old.keys() & new.keys():
        changes = tuple(
            Change(column, old[key].get(column), new[key].get(column))
            for column in columns
            if old[key].get(column) != new[key].get(column)
        )
        if changes:
            differences.append(Difference(kind, new[key][label_column], "changed", changes))
    return sorted(differences, key=lambda d: (d.change, str(d.label)))


def compare_versions(*, old: Mapping[str, Sequence[Row]], new: Mapping[str, Sequence[Row]]) -> Comparison:
    """Differences from ``old`` to ``new``; each maps "field", "goal", "indicator" to its rows.

    Rows carry ``lineage`` plus the compared columns; a goal's "field" and an indicator's "goal" are given
    as the parent's lineage-independent label (its title), so moving an item shows as a change.
    """
    differences: list[Difference] = []
    for kind in ("field", "goal", "indicator"):
        differences += _diff_level(kind, old.get(kind, ()), new.get(kind, ()))
    return Comparison(differences)
