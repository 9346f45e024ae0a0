"""The service register (DESIGN.md §4 portfolio, §2): administrative services rated at the front and back.

A Service is one administrative service (Verwaltungsleistung) of a municipality with its LeiKa key, its
OZG subject area (reference data shared by all municipalities), its case numbers and handling times, and
its maturity: the level under the model version it was rated with (1.x: 0–4; 2.0: 0–7; never converted),
how an online application reaches the case worker, whether the case lives in the e-file. The front-end
and back-end level and the "paper behind the portal" flag are derived in one place,
``portfolio/impact.py``, not stored.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from municipalities.access import PORTFOLIO, Scope, ScopedQuerySet
from municipalities.models import Municipality, OrgUnit
from municipalities.validators import MaxValueValidator, MinValueValidator

LEIKA_PATTERN = r"^[0-9]{14}$"
MAX_MINUTES = 100_000  # about 70 working days per case; more is a typing error
MAX_CASES = 10_000_000

leika_validator = RegexValidator(
    LEIKA_PATTERN,
    _("A LeiKa key has exactly 14 digits, for example 99050012104000 (no spaces or dots)."),
    code="invalid_leika",
)


class SubjectArea(models.Model):
    """One of the 14 OZG subject areas (Themenfelder); reference data, the same for every municipality."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_de = models.CharField(_("German name"), max_length=100)
    name_en = models.CharField(_("English name"), max_length=100)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("OZG subject area")
        verbose_name_plural = _("OZG subject areas")
        ordering = ["position", "code"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.name_en if (get_language() or "de").startswith("en") else self.name_de


class MaturityModel(models.TextChoices):
    V1 = "1", _("OZG maturity model 1.x (levels 0–4)")
    V2 = "2", _("OZG maturity model 2.0 (levels 0–7)")


MAX_LEVEL = {MaturityModel.V1: 4, MaturityModel.V2: 7}

LEVEL_NAMES = {
    MaturityModel.V1: {
        0: _("0 – offline"),
        1: _("1 – information"),
        2: _("2 – form assistant"),
        3: _("3 – online service"),
        4: _("4 – online transaction"),
    },
    MaturityModel.V2: {
        0: _("0 – offline"),
        1: _("1 – information"),
        2: _("2 – form assistant"),
        3: _("3 – online application"),
        4: _("4 – process orientation"),
        5: _("5 – data centricity"),
        6: _("6 – digital handling"),
        7: _("7 – end-to-end digital"),
    },
}


class Handling(models.TextChoices):
    """How an online application reaches the case worker (the back end of a service)."""

    NONE = "none", _("no online application")
    EMAIL = "email", _("by e-mail")
    PRINTED = "printed", _("printed and worked on paper")
    RETYPED = "retyped", _("re-typed into the specialised procedure")
    AUTOMATED = "automated", _("automated into the specialised procedure")


class ReuseKind(models.TextChoices):
    NONE = "", _("none")
    EFA = "efa", _("“Einer für Alle” (EfA) solution")
    MUNICIPALITY = "municipality", _("another municipality's solution")
    MARKET = "market", _("standard product")


def level_is_valid(level_field: str, version_field: str) -> Q:
    return Q(**{f"{level_field}__gte": 0}) & (
        Q(**{version_field: MaturityModel.V1, f"{level_field}__lte": 4})
        | Q(**{version_field: MaturityModel.V2, f"{level_field}__lte": 7})
    )


class Service(models.Model):
    """An administrative service of the municipality, rated at the front and at the back."""

    # Fields that ``clean`` checks against other fields or stored data (``api.schema`` documents them).
    rules_across_fields = ("level",)

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="services", verbose_name=_("municipality")
    )
    name = models.CharField(_("name"), max_length=200)
    leika_key = models.CharField(
        _("LeiKa key"),
        max_length=14,
        blank=True,
        validators=[leika_validator],
        help_text=_("14 digits from the federal service catalogue; leave empty for purely local services."),
    )
    subject_area = models.ForeignKey(
        SubjectArea, on_delete=models.PROTECT, related_name="services", verbose_name=_("OZG subject area")
    )
    org_unit = models.ForeignKey(
        OrgUnit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="services",
        verbose_name=_("responsible unit"),
    )
    cases_per_year = models.PositiveIntegerField(
        _("cases per year"), default=0, validators=[MaxValueValidator(MAX_CASES)]
    )
    staff_minutes = models.PositiveIntegerField(
        _("staff minutes per case"),
        default=0,
        validators=[MaxValueValidator(MAX_MINUTES)],
        help_text=_("Working time of the administration for one case."),
    )
    citizen_minutes = models.PositiveIntegerField(
        _("citizen minutes per case"),
        default=0,
        validators=[MaxValueValidator(MAX_MINUTES)],
        help_text=_("Time a citizen or business spends, trips and waiting included."),
    )
    model_version = models.CharField(
        _("maturity model"), max_length=1, choices=MaturityModel, default=MaturityModel.V2
    )
    level = models.PositiveSmallIntegerField(
        _("maturity level"),
        default=0,
        validators=[MinValueValidator(0), MaxValueValidator(7)],
        help_text=_("0–4 under model 1.x, 0–7 under model 2.0."),
    )
    handling = models.CharField(
        _("how an online application reaches the case worker"),
        max_length=10,
        choices=Handling,
        default=Handling.NONE,
    )
    e_file = models.BooleanField(_("e-file in use"), default=False)
    media_breaks = models.PositiveSmallIntegerField(
        _("media breaks"), default=0, validators=[MaxValueValidator(100)]
    )
    reuse_kind = models.CharField(_("reused solution"), max_length=20, choices=ReuseKind, blank=True)
    reuse_source = models.CharField(
        _("reused from"), max_length=200, blank=True, help_text=_("The EfA service or the municipality.")
    )
    notes = models.TextField(_("notes"), blank=True)

    objects = ScopedQuerySet.as_manager()
    scope = Scope(area=PORTFOLIO)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("service")
        verbose_name_plural = _("services")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "name"],
                name="service_unique_name",
                violation_error_message=_("This municipality already has a service of this name."),
            ),
            models.UniqueConstraint(
                fields=["municipality", "leika_key"],
                condition=~Q(leika_key=""),
                name="service_unique_leika",
                violation_error_message=_("This municipality already has a service with this LeiKa key."),
            ),
            models.CheckConstraint(
                condition=Q(leika_key="") | Q(leika_key__regex=LEIKA_PATTERN), name="service_leika_14_digits"
            ),
            models.CheckConstraint(
                condition=level_is_valid("level", "model_version"), name="service_level_in_model"
            ),
            models.CheckConstraint(condition=Q(handling__in=Handling.values), name="service_handling_valid"),
            models.CheckConstraint(
                condition=Q(cases_per_year__lte=MAX_CASES, staff_minutes__lte=MAX_MINUTES)
                & Q(citizen_minutes__lte=MAX_MINUTES),
                name="service_numbers_in_range",
            ),
            models.CheckConstraint(
                condition=Q(reuse_kind__in=ReuseKind.values), name="service_reuse_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def level_label(self) -> str:
        return str(LEVEL_NAMES[MaturityModel(self.model_version)].get(self.level, self.level))

    def clean(self) -> None:
        super().clean()
        errors: dict[str, str] = {}
        if self.model_version in MAX_LEVEL and self.level is not None:
            top = MAX_LEVEL[MaturityModel(self.model_version)]
            if self.level > top:
                errors["level"] = _(
                    "Under %(model)s the levels run from 0 to %(top)s; %(level)s is not one of them. "
                    "Choose the model the service was rated under."
                ) % {"model": MaturityModel(self.model_version).label, "top": top, "level": self.level}
        if (
            self.org_unit_id
            and self.municipality_id
            and self.org_unit.municipality_id != self.municipality_id
        ):
            errors["org_unit"] = _("The responsible unit must belong to this municipality.")
        if errors:
            raise ValidationError(errors)
