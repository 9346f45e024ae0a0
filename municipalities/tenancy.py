"""The current municipality of a request and the user's roles in it.

A user may belong to several municipalities (DESIGN.md §1); the one they work in is kept in the session
and chosen on the switch form. Pages read ``request.tenancy``; nothing else decides the current one.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.http import HttpRequest

from .access import Action, Area, Role, role_allows
from .models import Membership, Municipality

SESSION_KEY = "digiplan_municipality"


@dataclass(frozen=True)
class Tenancy:
    municipality: Municipality | None
    roles: frozenset[Role] = frozenset()
    municipalities: tuple[Municipality, ...] = ()
    roles_by_municipality: dict[int, frozenset[Role]] = field(default_factory=dict)

    def can(self, area: Area, action: Action | str = Action.VIEW) -> bool:
        """Whether the user's roles in the current municipality allow ``action`` on ``area``."""
        return self.municipality is not None and role_allows(self.roles, area, action)

    def role_labels(self) -> list[str]:
        return [Role(role).label for role in Role if role in self.roles]


def tenancy_for(request: HttpRequest) -> Tenancy:
    """Build the tenancy of ``request`` with one query over the user's memberships."""
    user = request.user
    if not user.is_authenticated:
        return Tenancy(municipality=None)
    roles: dict[int, set[Role]] = {}
    municipalities: dict[int, Municipality] = {}
    for membership in Membership.objects.filter(user=user).select_related("municipality"):
        municipalities[membership.municipality_id] = membership.municipality
        roles.setdefault(membership.municipality_id, set()).add(Role(membership.role))
    ordered = tuple(sorted(municipalities.values(), key=lambda m: m.name))
    if not ordered:
        return Tenancy(municipality=None)
    chosen = municipalities.get(request.session.get(SESSION_KEY), ordered[0])
    frozen = {pk: frozenset(r) for pk, r in roles.items()}
    return Tenancy(
        municipality=chosen,
        roles=frozen[chosen.pk],
        municipalities=ordered,
        roles_by_municipality=frozen,
    )


def choose_municipality(request: HttpRequest, municipality_id: int) -> bool:
    """Make ``municipality_id`` current if the user is a member of it; False (and no change) otherwise."""
    if not Membership.objects.filter(user=request.user, municipality_id=municipality_id).exists():
        return False
    request.session[SESSION_KEY] = municipality_id
    return True
