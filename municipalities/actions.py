"""Writes of the tenancy app that need more than a form's save (DESIGN.md §1: admins manage memberships)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from .access import Role
from .models import Membership, Municipality, UserPreference


@transaction.atomic
def membership_add(*, municipality: Municipality, user, role: Role | str) -> Membership:
    """Give ``user`` ``role`` in ``municipality``; refuses a role the user already holds there."""
    membership = Membership(municipality=municipality, user=user, role=role)
    membership.full_clean()
    membership.save()
    return membership


def _last_admin(membership: Membership) -> bool:
    """Whether ``membership`` is its municipality's only administrator role; locks the municipality's
    memberships for the transaction, so two administrators cannot each take the other's role at once."""
    locked = Membership.objects.select_for_update().filter(municipality_id=membership.municipality_id)
    admins = [m.pk for m in locked if m.role == Role.ADMIN]
    return admins == [membership.pk]


@transaction.atomic
def membership_remove(*, membership: Membership) -> None:
    """Remove a membership, but never the municipality's last administrator (nobody could manage it then)."""
    if membership.role == Role.ADMIN and _last_admin(membership):
        raise ValidationError(_("The last administrator of a municipality cannot be removed."))
    membership.delete()


@transaction.atomic
def membership_role_check(*, membership: Membership, role: Role | str, by=None) -> None:
    """Raise if ``membership`` (as stored) may not get ``role``; changes nothing. The rules of
    ``membership_change_role``, for forms that show the refusal before saving (the Django admin):

    - the municipality's last administrator role stays (nobody could manage it otherwise), for
      superusers too (ValidationError);
    - an administrator does not give up their own administrator role (PermissionDenied; ``by`` is the
      person making the change; an operator of the installation, a superuser, may).
    """
    if role == membership.role or membership.role != Role.ADMIN:
        return
    if by is not None and by.pk == membership.user_id and not by.is_superuser:
        raise PermissionDenied(
            _(
                "You cannot give up your own administrator role; another administrator of the "
                "municipality can change it. Nothing was changed."
            )
        )
    if _last_admin(membership):
        raise ValidationError(
            {"role": _("The last administrator of a municipality keeps this role. Nothing was changed.")}
        )


@transaction.atomic
def membership_change_role(*, membership: Membership, role: Role | str, by=None) -> Membership:
    """Give ``membership`` another ``role``: the one write path of a role change (members page, API,
    Django admin). Refused, with nothing changed, as ``membership_role_check`` says, and a role the person
    already holds in the municipality. Returns the stored membership."""
    stored = Membership.objects.select_for_update().select_related("user").get(pk=membership.pk)
    if role == stored.role:
        return stored
    membership_role_check(membership=stored, role=role, by=by)
    stored.role = role
    stored.full_clean()
    stored.save(update_fields=["role"])
    return stored


@transaction.atomic
def member_invite(
    *,
    municipality: Municipality,
    email: str,
    role: Role | str,
    language: str | None = None,
    login_url: str = "",
) -> Membership:
    """Give the person with ``email`` ``role`` in ``municipality``: the account with that address (or that
    user name), or a new account without a password (the person sets one through the password reset).

    Side effects: possibly a new user, and an e-mail to ``email`` in ``language`` (German by default;
    plain text and HTML) once the transaction commits. Callers answer the same either way, so an
    administrator of one municipality cannot learn whether an address already has an account (in another
    municipality); the e-mail, which only the person reads, says the same either way too.
    """
    users = get_user_model().objects
    email = users.normalize_email(email.strip())
    user = (
        users.filter(email__iexact=email).order_by("pk").first()
        or users.filter(username__iexact=email).first()
    )
    language = language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
    if user is None:
        user = users.create_user(username=email, email=email)  # no password: unusable until set
        preference_set(user=user, language=language)  # the language the inviter chose for the person
    membership = membership_add(municipality=municipality, user=user, role=role)
    transaction.on_commit(lambda: _send_invitation(membership, email, language, login_url))
    return membership


def _send_invitation(membership: Membership, email: str, language: str, login_url: str) -> None:
    with translation.override(language):
        context = {
            "municipality": membership.municipality.name,
            "role": membership.get_role_display(),
            "email": email,
            "login_url": login_url,
        }
        subject = _("Digiplan: your role in %(municipality)s") % {"municipality": context["municipality"]}
        message = EmailMultiAlternatives(
            subject=subject,
            body=render_to_string("municipalities/email/invitation.txt", context),
            to=[email],
        )
        message.attach_alternative(
            render_to_string("municipalities/email/invitation.html", context), "text/html"
        )
        message.send()


def preference_set(*, user, language: str) -> UserPreference | None:
    """Remember ``language`` as the language of ``user``'s e-mails (reminders); an unknown one is ignored."""
    if language not in dict(settings.LANGUAGES):
        return None
    preference, _created = UserPreference.objects.update_or_create(user=user, defaults={"language": language})
    return preference
