"""Tenancy (DESIGN.md §4 municipalities): Municipality, OrgUnit tree, Membership with roles.

Every tenant-owned row of the other apps points at a Municipality, directly or through its parent, and
is read through the scoping gate in ``access.py``.
"""

from __future__ import annotations

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from .access import MEMBERSHIPS, MUNICIPALITY, ORGANISATION, Role, Scope, ScopedQuerySet
from .validators import MaxValueValidator

AGS_PATTERN = r"^[0-9]{8}$"
# Official keys outside Germany: Austria's Gemeindekennziffer (5 digits, the first is the Bundesland) and
# Switzerland's BFS-Gemeindenummer (1–4 digits, no leading zero). By their lengths no key of one country
# can be another's, so the key stays unique across the installation (and in the public dashboard's URL).
AT_KEY_PATTERN = r"^[1-9][0-9]{4}$"
CH_KEY_PATTERN = r"^[1-9][0-9]{0,3}$"


class Country(models.TextChoices):
    GERMANY = "DE", _("Germany")
    AUSTRIA = "AT", _("Austria")
    SWITZERLAND = "CH", _("Switzerland")


class State(models.TextChoices):
    """German states (Länder) with the key that opens every AGS of that state."""

    SH = "01", "Schleswig-Holstein"
    HH = "02", "Hamburg"
    NI = "03", "Niedersachsen"
    HB = "04", "Bremen"
    NW = "05", "Nordrhein-Westfalen"
    HE = "06", "Hessen"
    RP = "07", "Rheinland-Pfalz"
    BW = "08", "Baden-Württemberg"
    BY = "09", "Bayern"
    SL = "10", "Saarland"
    BE = "11", "Berlin"
    BB = "12", "Brandenburg"
    MV = "13", "Mecklenburg-Vorpommern"
    SN = "14", "Sachsen"
    ST = "15", "Sachsen-Anhalt"
    TH = "16", "Thüringen"


class MunicipalityKind(models.TextChoices):
    MUNICIPALITY = "gemeinde", _("Municipality (Gemeinde)")
    TOWN = "stadt", _("Town (Stadt)")
    INDEPENDENT_CITY = "kreisfreie_stadt", _("Independent city (kreisfreie Stadt)")
    DISTRICT = "landkreis", _("District (Landkreis)")
    ASSOCIATION = "verband", _("Association of municipalities (Amt, Verbandsgemeinde)")


# The key's form per country, checked in ``Municipality.clean`` (the message names the country's rule) and
# by the check constraint.
KEY_RULES = {
    Country.GERMANY: (
        AGS_PATTERN,
        _(
            "The official municipality key (AGS) has exactly 8 digits, for example 05315000 for Köln; "
            "the first two digits are the state."
        ),
    ),
    Country.AUSTRIA: (
        AT_KEY_PATTERN,
        _("The Austrian municipality code (Gemeindekennziffer) has 5 digits, for example 90001 for Wien."),
    ),
    Country.SWITZERLAND: (
        CH_KEY_PATTERN,
        _("The Swiss municipality number (BFS-Nr.) has 1 to 4 digits, for example 261 for Zürich."),
    ),
}


class Municipality(models.Model):
    # Fields that ``clean`` checks against other fields or stored data (``api.schema`` documents them).
    rules_across_fields = ("ags", "state")

    name = models.CharField(_("name"), max_length=200)
    country = models.CharField(_("country"), max_length=2, choices=Country, default=Country.GERMANY)
    ags = models.CharField(
        _("official municipality key"),
        max_length=8,
        unique=True,
        help_text=_(
            "Germany: AGS, 8 digits starting with the state key; Austria: Gemeindekennziffer, 5 digits; "
            "Switzerland: BFS number, 1 to 4 digits."
        ),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=MunicipalityKind, default=MunicipalityKind.TOWN)
    state = models.CharField(
        _("state"), max_length=2, choices=State, blank=True, help_text=_("German municipalities only.")
    )
    population = models.PositiveIntegerField(_("population"))
    public_dashboard = models.BooleanField(
        _("public dashboard"),
        default=False,
        help_text=_("Show published council reports to visitors who are not logged in."),
    )
    # The update cycle (issue 17): when owners are reminded of a reporting round's due date, and when the
    # strategists hear who is still outstanding.
    remind_days_before = models.PositiveSmallIntegerField(
        _("remind days before the due date"),
        default=7,
        validators=[MaxValueValidator(90)],
        help_text=_("Owners who have not updated yet are reminded this many days before the due date."),
    )
    remind_days_after = models.PositiveSmallIntegerField(
        _("remind days after the due date"),
        default=3,
        validators=[MaxValueValidator(90)],
        help_text=_("Owners still outstanding are reminded again this many days after the due date."),
    )
    escalate_days_after = models.PositiveSmallIntegerField(
        _("escalate days after the due date"),
        default=10,
        validators=[MaxValueValidator(90)],
        help_text=_(
            "The strategists receive the list of outstanding updates this many days after the due date."
        ),
    )

    approve_updates = models.BooleanField(
        _("owners' values wait for approval"),
        default=False,
        help_text=_(
            "A value an indicator's owner enters counts in progress and council reports only once a "
            "strategist has approved it. Values the strategists enter themselves count at once."
        ),
    )

    objects = ScopedQuerySet.as_manager()
    scope = Scope(area=MUNICIPALITY, municipality_field="pk")

    class Meta:
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(
                        country=Country.GERMANY,
                        ags__regex=AGS_PATTERN,
                        state__in=State.values,
                        ags__startswith=F("state"),
                    )
                    | Q(country=Country.AUSTRIA, ags__regex=AT_KEY_PATTERN, state="")
                    | Q(country=Country.SWITZERLAND, ags__regex=CH_KEY_PATTERN, state="")
                ),
                name="municipality_official_key_of_its_country",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        errors = {}
        country = self.country if self.country in Country.values else None
        if country and self.ags:
            pattern, message = KEY_RULES[Country(country)]
            if not re.fullmatch(pattern, self.ags):
                errors["ags"] = message
        if country == Country.GERMANY:
            if not self.state:
                errors["state"] = _("A German municipality needs its state.")
            elif "ags" not in errors and self.ags and not self.ags.startswith(self.state):
                errors["ags"] = _(
                    "An AGS in %(state)s starts with %(key)s; this one starts with %(given)s."
                ) % {
                    "state": State(self.state).label,
                    "key": self.state,
                    "given": self.ags[:2],
                }
        elif country and self.state:
            errors["state"] = _("Only German municipalities have a German state.")
        if errors:
            raise ValidationError(errors)


class OrgUnit(models.Model):
    """A department or office; units form a tree inside one municipality."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="org_units", verbose_name=_("municipality")
    )
    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=30, blank=True)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent unit"),
    )
    # The named people who answer for what the unit owns (goals, indicators): they are asked for updates.
    head = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("responsible person"),
        help_text=_("Asked to update the goals and indicators the unit is responsible for."),
    )
    deputy = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("deputy"),
        help_text=_("Receives a copy of the reminders and stands in for the responsible person."),
    )

    objects = ScopedQuerySet.as_manager()
    scope = Scope(area=ORGANISATION)

    class Meta:
        verbose_name = _("organisational unit")
        verbose_name_plural = _("organisational units")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "name"],
                name="orgunit_unique_name",
                violation_error_message=_(
                    "This municipality already has an organisational unit of this name."
                ),
            ),
            models.CheckConstraint(condition=~Q(parent=F("pk")), name="orgunit_not_own_parent"),
            models.CheckConstraint(condition=~Q(deputy=F("head")), name="orgunit_deputy_not_head"),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        errors = member_errors(self.municipality_id, head=self.head_id, deputy=self.deputy_id)
        if self.head_id and self.head_id == self.deputy_id:
            errors["deputy"] = _("The deputy must be someone other than the responsible person.")
        if errors:
            raise ValidationError(errors)
        if self.parent_id is None:
            return
        if self.parent.municipality_id != self.municipality_id:
            raise ValidationError({"parent": _("The parent unit must belong to the same municipality.")})
        ancestor, seen = self.parent, set()
        while ancestor is not None and ancestor.pk not in seen:
            if self.pk is not None and ancestor.pk == self.pk:
                raise ValidationError(
                    {"parent": _("A unit cannot be placed below itself or its own sub-units.")}
                )
            seen.add(ancestor.pk)
            ancestor = ancestor.parent


def member_errors(municipality_id: int | None, **people: int | None) -> dict[str, str]:
    """For each named person (field → user id) who is not a member of the municipality, the field's error:
    responsibilities go to the municipality's own people only."""
    given = {field: pk for field, pk in people.items() if pk}
    if not given or municipality_id is None:
        return {}
    members = set(
        Membership.objects.filter(municipality_id=municipality_id, user_id__in=given.values()).values_list(
            "user_id", flat=True
        )
    )
    return {
        field: _("Choose a member of this municipality.") for field, pk in given.items() if pk not in members
    }


class UserPreference(models.Model):
    """What a person chose for themselves: the language of the e-mails Digiplan sends them (the language
    switch sets it, an invitation starts it)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="preference", verbose_name=_("user")
    )
    language = models.CharField(
        _("language"), max_length=2, choices=[("de", _("German")), ("en", _("English"))], default="de"
    )

    class Meta:
        verbose_name = _("user preference")
        verbose_name_plural = _("user preferences")
        constraints = [
            models.CheckConstraint(condition=Q(language__in=["de", "en"]), name="preference_language_valid")
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.language}"


def language_of(user) -> str:
    """The language of the e-mails to ``user``: their choice, else the installation's default."""
    preference = UserPreference.objects.filter(user=user).values_list("language", flat=True).first()
    return preference or settings.LANGUAGE_CODE


class Membership(models.Model):
    """A user's role in a municipality; a user may hold several roles and belong to several municipalities."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("user")
    )
    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("municipality")
    )
    role = models.CharField(_("role"), max_length=20, choices=Role)

    objects = ScopedQuerySet.as_manager()
    scope = Scope(area=MEMBERSHIPS)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["municipality__name", "user__username", "role"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "municipality", "role"],
                name="membership_unique_role",
                violation_error_message=_("This person already has this role in this municipality."),
            ),
            models.CheckConstraint(condition=Q(role__in=Role.values), name="membership_role_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.municipality} · {self.get_role_display()}"
