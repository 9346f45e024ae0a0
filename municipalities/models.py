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
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
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
