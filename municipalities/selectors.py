"""Reads of the tenancy app for pages and (later) the API; every one goes through the scoping gate."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, QuerySet

from .access import Action
from .models import Membership, Municipality, OrgUnit


@dataclass(frozen=True)
class TreeRow:
    unit: OrgUnit
    depth: int


def org_unit_list(
    *, user, municipality: Municipality, action: Action | str = Action.VIEW
) -> QuerySet[OrgUnit]:
    return (
        OrgUnit.objects.for_user(user, action, municipality=municipality)
        .select_related("parent")
        .annotate(child_count=Count("children"))
    )


def org_unit_tree(*, user, municipality: Municipality) -> list[TreeRow]:
    """Units in tree order (parents before their children, siblings by name), with their depth; one query."""
    units = list(org_unit_list(user=user, municipality=municipality).order_by("name"))
    children: dict[int | None, list[OrgUnit]] = {}
    for unit in units:
        children.setdefault(unit.parent_id, []).append(unit)
    rows: list[TreeRow] = []
    stack = [(unit, 0) for unit in reversed(children.get(None, []))]
    while stack:
        unit, depth = stack.pop()
        rows.append(TreeRow(unit, depth))
        stack.extend((child, depth + 1) for child in reversed(children.get(unit.pk, [])))
    return rows


def org_unit_get(
    *, user, municipality: Municipality, pk: int, action: Action | str = Action.VIEW
) -> QuerySet:
    """A one-row queryset for ``get_object_or_404``: another municipality's unit is simply not there."""
    return org_unit_list(user=user, municipality=municipality, action=action).filter(pk=pk)


def membership_list(
    *, user, municipality: Municipality, action: Action | str = Action.VIEW
) -> QuerySet[Membership]:
    return (
        Membership.objects.for_user(user, action, municipality=municipality)
        .select_related("user")
        .order_by("user__username", "role")
    )
