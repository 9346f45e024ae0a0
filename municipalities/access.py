"""The one scoping gate of DESIGN.md §6: which rows a user may see or change.

Every view, API viewset, export and report fetches tenant rows through ``Model.objects.for_user(user,
action)``. The gate turns the user's memberships (role → municipality, DESIGN.md §1) and, where a model
allows it, django-guardian object grants into one queryset filter built from subqueries, never from a
Python list of ids. What the filter does not return does not exist for the user: views answer 404.

A model opts in by declaring ``scope = Scope(area=..., municipality_field=...)`` and using
``ScopedQuerySet.as_manager()``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

    from .models import Municipality


class Role(models.TextChoices):
    """Roles a user holds per municipality (DESIGN.md §1)."""

    STRATEGIST = "strategist", _("Strategist (Chief Digital Officer)")
    PROJECT_LEAD = "project_lead", _("Project lead")
    COUNCIL = "council", _("Council member")
    HR = "hr", _("Human resources")
    ADMIN = "admin", _("Municipality administrator")


class Action(StrEnum):
    VIEW = "view"
    ADD = "add"
    CHANGE = "change"
    DELETE = "delete"


ALL_ROLES = frozenset(Role)


@dataclass(frozen=True)
class Area:
    """A kind of data that shares one row of the role table in DESIGN.md §1."""

    name: str
    # Compared and hashed by name only: the label is lazily translated and its hash follows the language.
    label: str = field(compare=False)
    view: frozenset[Role] = field(compare=False, default=frozenset())
    edit: frozenset[Role] = field(compare=False, default=frozenset())

    def roles(self, action: Action | str) -> frozenset[Role]:
        return self.view if Action(action) == Action.VIEW else self.edit


# The role table of DESIGN.md §1, in one place. Narrower row rules (a council member sees adopted
# strategies only) belong to the model's Scope; per-object grants (a project to its lead) to guardian.
MUNICIPALITY = Area("municipality", _("Municipality settings"), view=ALL_ROLES, edit=frozenset({Role.ADMIN}))
ORGANISATION = Area("organisation", _("Organisation"), view=ALL_ROLES, edit=frozenset({Role.ADMIN}))
MEMBERSHIPS = Area(
    "memberships", _("Members and roles"), view=frozenset({Role.ADMIN}), edit=frozenset({Role.ADMIN})
)
STRATEGY = Area(
    "strategy",
    _("Strategy"),
    view=frozenset({Role.STRATEGIST, Role.PROJECT_LEAD, Role.COUNCIL, Role.ADMIN}),
    edit=frozenset({Role.STRATEGIST, Role.ADMIN}),
)
PORTFOLIO = Area(
    "portfolio",
    _("Portfolio"),
    view=frozenset({Role.STRATEGIST, Role.PROJECT_LEAD, Role.COUNCIL, Role.ADMIN}),
    edit=frozenset({Role.STRATEGIST, Role.ADMIN}),
)
STAFF_RECORDS = Area(
    "staff_records",
    _("Staff records"),
    view=frozenset({Role.HR, Role.ADMIN}),
    edit=frozenset({Role.HR, Role.ADMIN}),
)
STAFFING_AGGREGATES = Area(
    "staffing_aggregates",
    _("Staffing overview"),
    view=frozenset({Role.STRATEGIST, Role.COUNCIL, Role.HR, Role.ADMIN}),
)
REPORTS = Area(
    "reports",
    _("Council reports"),
    view=frozenset({Role.STRATEGIST, Role.COUNCIL, Role.ADMIN}),
    edit=frozenset({Role.STRATEGIST, Role.ADMIN}),
)
AREAS: tuple[Area, ...] = (
    MUNICIPALITY,
    ORGANISATION,
    MEMBERSHIPS,
    STRATEGY,
    PORTFOLIO,
    STAFF_RECORDS,
    STAFFING_AGGREGATES,
    REPORTS,
)


def role_allows(roles: set[Role] | frozenset[Role], area: Area, action: Action | str) -> bool:
    """True if any of ``roles`` may perform ``action`` on the area (before row rules and grants)."""
    return bool(set(roles) & area.roles(action))


@dataclass(frozen=True)
class Scope:
    """How a model's rows map onto the role table.

    ``municipality_field``: the lookup path from the model to its Municipality ("pk" for Municipality
    itself, "municipality", or "project__municipality" for a child row).
    ``row_filters``: for a role, the rows it may see of an area it may view (council: adopted only).
    ``grant_roles``: roles whose members may act on single objects they were granted through guardian,
    beyond what their role allows; ``grant_model`` is the model's direct-foreign-key
    ``UserObjectPermissionBase`` subclass (guardian's generic table casts keys to text and gets slow).
    Child rows (a project's status reports) follow their parent's grant: ``grant_field`` is the path
    to the granted parent ("project") and ``grant_codename`` the parent permission that opens every
    action on the child ("change_project").
    """

    area: Area
    municipality_field: str = "municipality"
    row_filters: Mapping[Role, Q] = field(default_factory=dict)
    grant_roles: frozenset[Role] = frozenset()
    grant_model: str | None = None  # "app_label.ModelName", resolved lazily
    grant_field: str = "pk"
    grant_codename: str | None = None
    # Rows of personal data (staff) that feed aggregates: read through ``for_aggregates`` with this area's
    # roles, only by code that suppresses groups under five people (DESIGN.md §6).
    aggregate_area: Area | None = None

    def in_municipality(self, municipality: Municipality | int) -> Q:
        pk = getattr(municipality, "pk", municipality)
        if self.municipality_field == "pk":
            return Q(pk=pk)
        return Q(**{f"{self.municipality_field}__pk": pk})

    def condition(self, user: AbstractBaseUser, action: Action | str, model: type[models.Model]) -> Q | None:
        """The filter for ``user`` and ``action``; None when nothing is visible."""
        from .models import Membership

        action = Action(action)
        memberships = Membership.objects.filter(user=user)
        municipality_in = f"{self.municipality_field}__in"
        parts: list[Q] = []

        allowed = self.area.roles(action)
        plain = sorted(r for r in allowed if r not in self.row_filters)
        if plain:
            parts.append(Q(**{municipality_in: memberships.filter(role__in=plain).values("municipality")}))
        for role in sorted(allowed & set(self.row_filters)):
            parts.append(
                Q(**{municipality_in: memberships.filter(role=role).values("municipality")})
                & self.row_filters[role]
            )

        if self.grant_roles and self.grant_model:
            from django.apps import apps

            grant_model = apps.get_model(self.grant_model)
            codename = self.grant_codename or f"{action.value}_{model._meta.model_name}"
            granted = grant_model.objects.filter(user=user, permission__codename=codename).values(
                "content_object"
            )
            parts.append(
                Q(
                    **{
                        municipality_in: memberships.filter(role__in=sorted(self.grant_roles)).values(
                            "municipality"
                        )
                    }
                )
                & Q(**{f"{self.grant_field}__in": granted})
            )

        if not parts:
            return None
        condition = parts[0]
        for part in parts[1:]:
            condition |= part
        return condition


class ScopedQuerySet(models.QuerySet):
    """QuerySet with the scoping gate; every tenant model's default manager is built from it."""

    def _strict(self, action: Action | str = Action.VIEW) -> ScopedQuerySet:
        """With ``settings.DIGIPLAN_FETCH_MODE_RAISE`` (the test suite), rows read through the gate raise
        ``FieldFetchBlocked`` on a lazy load of a relation or deferred field (Django's ``FETCH_RAISE``),
        as do the rows reached from them through related managers: a selector that forgot a
        ``select_related`` (a query per row) fails loudly instead of slowing down a large municipality.

        Reads only (``view``): a write fetches the one object it changes, and its validation (``clean``,
        the scope check after the write) may follow that object's relations, one query each, not one per
        row. Code outside the gate (admin, guardian, forms' choices, history) keeps Django's default.
        """
        if Action(action) == Action.VIEW and getattr(settings, "DIGIPLAN_FETCH_MODE_RAISE", False):
            return self.fetch_mode(models.FETCH_RAISE)
        return self

    def for_user(
        self,
        user: AbstractBaseUser | AnonymousUser,
        action: Action | str = Action.VIEW,
        *,
        municipality: Municipality | int | None = None,
    ) -> ScopedQuerySet:
        """Rows of this queryset ``user`` may ``action``, optionally only those of one municipality.

        Superusers (the operators of the installation) are not limited; anonymous and inactive users
        see nothing (the public dashboard has its own selector for published reports).
        """
        scope: Scope = self.model.scope
        qs = self if municipality is None else self.filter(scope.in_municipality(municipality))
        qs = qs._strict(action)
        if not getattr(user, "is_authenticated", False) or not user.is_active:
            return qs.none()
        if user.is_superuser:
            return qs
        condition = scope.condition(user, action, self.model)
        return qs.none() if condition is None else qs.filter(condition)

    def for_aggregates(
        self, user: AbstractBaseUser | AnonymousUser, *, municipality: Municipality | int
    ) -> ScopedQuerySet:
        """Rows of personal data a user may see only as aggregates (staff for a strategist or council member).

        The same gate with the model's ``aggregate_area`` in place of its own area. What this returns must
        only be summed up by code that hides groups under five people (``staffing.gaps.suppress``); pages
        never list these rows.
        """
        scope: Scope = self.model.scope
        if scope.aggregate_area is None:
            raise TypeError(f"{self.model.__name__} has no aggregate area.")
        aggregate = replace(scope, area=scope.aggregate_area, row_filters={}, grant_roles=frozenset())
        qs = self.filter(aggregate.in_municipality(municipality))._strict()
        if not getattr(user, "is_authenticated", False) or not user.is_active:
            return qs.none()
        if user.is_superuser:
            return qs
        condition = aggregate.condition(user, Action.VIEW, self.model)
        return qs.none() if condition is None else qs.filter(condition)
