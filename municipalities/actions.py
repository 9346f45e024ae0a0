"""Writes of the tenancy app that need more than a form's save (DESIGN.md §1: admins manage memberships)."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .access import Role
from .models import Membership, Municipality


@transaction.atomic
def membership_add(*, municipality: Municipality, user, role: Role | str) -> Membership:
    """Give ``user`` ``role`` in ``municipality``; refuses a role the user already holds there."""
    membership = Membership(municipality=municipality, user=user, role=role)
    membership.full_clean()
    membership.save()
    return membership


@transaction.atomic
def membership_remove(*, membership: Membership) -> None:
    """Remove a membership, but never the municipality's last administrator (nobody could manage it then)."""
    locked = Membership.objects.select_for_update().filter(municipality_id=membership.municipality_id)
    admins = [m.pk for m in locked if m.role == Role.ADMIN]
    if membership.role == Role.ADMIN and admins == [membership.pk]:
        raise ValidationError(_("The last administrator of a municipality cannot be removed."))
    membership.delete()


def user_find(*, login: str):
    """The active user whose user name or e-mail address is ``login`` (case-insensitive), or None."""
    users = get_user_model().objects.filter(is_active=True)
    return users.filter(username__iexact=login).first() or users.filter(email__iexact=login).first()


@transaction.atomic
def member_invite(*, municipality: Municipality, email: str, role: Role | str) -> Membership:
    """Give the person with ``email`` ``role`` in ``municipality``: the account with that address (or that
    user name), or a new account without a password (the person sets one through the password reset).

    Side effect: possibly a new user. Callers answer the same either way, so an administrator of one
    municipality cannot learn whether an address already has an account (in another municipality).
    """
    users = get_user_model().objects
    email = users.normalize_email(email.strip())
    user = (
        users.filter(email__iexact=email).order_by("pk").first()
        or users.filter(username__iexact=email).first()
    )
    if user is None:
        user = users.create_user(username=email, email=email)  # no password: unusable until set
    return membership_add(municipality=municipality, user=user, role=role)
