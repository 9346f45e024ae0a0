"""Digital skills and staff (DESIGN.md §4 staffing, §6 privacy).

The skills catalogue (SkillCategory, Skill, ProficiencyLevel) is reference data shared by every
municipality, loaded from ``staffing/catalogue.py``. StaffMember, StaffSkill, RoleProfile and Vacancy are
HR data of one municipality: individual records are for ``hr`` and ``admin`` only (area STAFF_RECORDS);
strategists and council members reach them only as aggregates, through ``for_aggregates`` and the
suppression of groups under five people in ``staffing/gaps.py``. SkillDemand is what a project needs and
belongs to the portfolio (its project's scope, its lead's grant).
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from municipalities.access import PORTFOLIO, STAFF_RECORDS, STAFFING_AGGREGATES, Role, Scope, ScopedQuerySet
from municipalities.display import display
from municipalities.models import Municipality, OrgUnit
from municipalities.validators import MaxValueValidator, MinValueValidator
from portfolio.models.projects import project_child_scope

LEVELS = [MinValueValidator(1), MaxValueValidator(5)]
FTE = [MinValueValidator(Decimal("0.01")), MaxValueValidator(Decimal("1.00"))]


def _english() -> bool:
    return (get_language() or "de").startswith("en")


class SkillCategory(models.Model):
    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_de = models.CharField(_("German name"), max_length=100)
    name_en = models.CharField(_("English name"), max_length=100)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("skill category")
        verbose_name_plural = _("skill categories")
        ordering = ["position", "code"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.name_en if _english() else self.name_de


class Skill(models.Model):
    category = models.ForeignKey(
        SkillCategory, on_delete=models.PROTECT, related_name="skills", verbose_name=_("category")
    )
    code = models.SlugField(_("code"), max_length=60, unique=True)
    name_de = models.CharField(_("German name"), max_length=150)
    name_en = models.CharField(_("English name"), max_length=150)
    description_de = models.TextField(_("German description"), blank=True)
    description_en = models.TextField(_("English description"), blank=True)
    framework_code = models.CharField(
        _("e-CF competence"),
        max_length=10,
        blank=True,
        help_text=_("The matching competence of the European e-Competence Framework, e.g. E.2."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("skill")
        verbose_name_plural = _("skills")
        ordering = ["category__position", "position", "code"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.name_en if _english() else self.name_de

    @staticmethod
    def name_column() -> str:
        """The column ``name`` reads in the active language, for ordering in the database."""
        return "name_en" if _english() else "name_de"

    @property
    def description(self) -> str:
        return self.description_en if _english() else self.description_de


class ProficiencyLevel(models.Model):
    """The 1–5 scale with what a person at each level can do; the same for every skill."""

    level = models.PositiveSmallIntegerField(_("level"), unique=True, validators=LEVELS)
    name_de = models.CharField(_("German name"), max_length=60)
    name_en = models.CharField(_("English name"), max_length=60)
    descriptor_de = models.TextField(_("German descriptor"))
    descriptor_en = models.TextField(_("English descriptor"))

    class Meta:
        verbose_name = _("proficiency level")
        verbose_name_plural = _("proficiency levels")
        ordering = ["level"]
        constraints = [
            models.CheckConstraint(condition=Q(level__gte=1, level__lte=5), name="proficiency_level_range")
        ]

    def __str__(self) -> str:
        return f"{self.level} – {self.name}"

    @property
    def name(self) -> str:
        return self.name_en if _english() else self.name_de

    @property
    def descriptor(self) -> str:
        return self.descriptor_en if _english() else self.descriptor_de


def _hr_scope(path: str = "municipality") -> Scope:
    return Scope(area=STAFF_RECORDS, municipality_field=path, aggregate_area=STAFFING_AGGREGATES)


class RoleProfile(models.Model):
    """The skills a job role needs (target levels), against which each holder's skills are held."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="role_profiles", verbose_name=_("municipality")
    )
    name = models.CharField(_("name"), max_length=150)
    description = models.TextField(_("description"), blank=True)

    objects = ScopedQuerySet.as_manager()
    scope = _hr_scope()

    class Meta:
        verbose_name = _("role profile")
        verbose_name_plural = _("role profiles")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "name"],
                name="role_profile_unique",
                violation_error_message=_("This municipality already has a role profile of this name."),
            )
        ]

    def __str__(self) -> str:
        return self.name


class RoleProfileSkill(models.Model):
    profile = models.ForeignKey(
        RoleProfile, on_delete=models.CASCADE, related_name="skills", verbose_name=_("role profile")
    )
    skill = models.ForeignKey(Skill, on_delete=models.PROTECT, related_name="+", verbose_name=_("skill"))
    target_level = models.PositiveSmallIntegerField(_("target level"), validators=LEVELS)

    objects = ScopedQuerySet.as_manager()
    scope = _hr_scope("profile__municipality")

    class Meta:
        verbose_name = _("target skill of a role")
        verbose_name_plural = _("target skills of a role")
        ordering = ["profile", "skill__code"]
        constraints = [
            models.UniqueConstraint(
                fields=["profile", "skill"],
                name="role_profile_skill_unique",
                violation_error_message=_("This role profile already lists this skill."),
            ),
            models.CheckConstraint(
                condition=Q(target_level__gte=1, target_level__lte=5), name="role_profile_level_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.profile}: {self.skill} ≥ {self.target_level}"


class EmploymentType(models.TextChoices):
    CIVIL_SERVANT = "civil_servant", _("civil servant (Beamtin/Beamter)")
    EMPLOYEE = "employee", _("employee (Tarifbeschäftigte)")
    FIXED_TERM = "fixed_term", _("fixed-term employee")
    TRAINEE = "trainee", _("trainee or apprentice")


class ExitReason(models.TextChoices):
    RETIREMENT = "retirement", _("retirement")
    CONTRACT_END = "contract_end", _("end of contract")
    OTHER = "other", _("other")


class StaffMember(models.Model):
    """A member of staff, pseudonymous by default (personnel number); personal data (DESIGN.md §6)."""

    # Fields that ``clean`` checks against other fields or stored data (``api.schema`` documents them).
    rules_across_fields = ("exit_date",)

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="staff", verbose_name=_("municipality")
    )
    personnel_number = models.CharField(
        _("personnel number"), max_length=30, help_text=_("Pseudonymous; a name is optional.")
    )
    name = models.CharField(_("name"), max_length=150, blank=True)
    org_unit = models.ForeignKey(
        OrgUnit, on_delete=models.PROTECT, related_name="staff", verbose_name=_("organisational unit")
    )
    job_title = models.CharField(_("job title"), max_length=150)
    role_profile = models.ForeignKey(
        RoleProfile,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="holders",
        verbose_name=_("role profile"),
    )
    fte = models.DecimalField(_("FTE"), max_digits=3, decimal_places=2, default=1, validators=FTE)
    employment_type = models.CharField(
        _("employment type"), max_length=20, choices=EmploymentType, default=EmploymentType.EMPLOYEE
    )
    entry_date = models.DateField(_("entry date"), null=True, blank=True)
    exit_date = models.DateField(
        _("planned exit"), null=True, blank=True, help_text=_("Retirement or end of contract, if known.")
    )
    exit_reason = models.CharField(_("reason for leaving"), max_length=20, choices=ExitReason, blank=True)

    objects = ScopedQuerySet.as_manager()
    scope = _hr_scope()

    class Meta:
        verbose_name = _("staff member")
        verbose_name_plural = _("staff")
        ordering = ["personnel_number"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "personnel_number"],
                name="staff_unique_personnel_number",
                violation_error_message=_("A staff member with this personnel number is already recorded."),
            ),
            models.CheckConstraint(condition=Q(fte__gt=0, fte__lte=1), name="staff_fte_range"),
            models.CheckConstraint(
                condition=Q(exit_date__isnull=True)
                | Q(entry_date__isnull=True)
                | Q(exit_date__gt=F("entry_date")),
                name="staff_exit_after_entry",
            ),
            models.CheckConstraint(
                condition=Q(employment_type__in=EmploymentType.values), name="staff_employment_type_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.name or self.personnel_number

    def clean(self) -> None:
        super().clean()
        errors = {}
        if self.entry_date and self.exit_date and self.exit_date <= self.entry_date:
            errors["exit_date"] = _("The planned exit must be after the entry date.")
        if (
            self.org_unit_id
            and self.municipality_id
            and self.org_unit.municipality_id != self.municipality_id
        ):
            errors["org_unit"] = _("The unit must belong to this municipality.")
        if (
            self.role_profile_id
            and self.municipality_id
            and self.role_profile.municipality_id != self.municipality_id
        ):
            errors["role_profile"] = _("The role profile must belong to this municipality.")
        if errors:
            raise ValidationError(errors)


class SkillSource(models.TextChoices):
    SELF = "self", _("self-assessment")
    MANAGER = "manager", _("manager's assessment")
    CERTIFICATE = "certificate", _("certificate")


class StaffSkill(models.Model):
    # Fields that ``clean`` checks against other fields or stored data (``api.schema`` documents them).
    rules_across_fields = ("valid_until",)

    staff = models.ForeignKey(
        StaffMember, on_delete=models.CASCADE, related_name="skills", verbose_name=_("staff member")
    )
    skill = models.ForeignKey(
        Skill, on_delete=models.PROTECT, related_name="holders", verbose_name=_("skill")
    )
    level = models.PositiveSmallIntegerField(_("level"), validators=LEVELS)
    assessed_on = models.DateField(_("assessed on"))
    source = models.CharField(_("source"), max_length=12, choices=SkillSource, default=SkillSource.MANAGER)
    valid_until = models.DateField(
        _("valid until"), null=True, blank=True, help_text=_("For certificates that expire.")
    )

    objects = ScopedQuerySet.as_manager()
    scope = _hr_scope("staff__municipality")

    class Meta:
        verbose_name = _("skill of a staff member")
        verbose_name_plural = _("skills of staff")
        ordering = ["staff", "skill__code"]
        constraints = [
            models.UniqueConstraint(
                fields=["staff", "skill"],
                name="staff_skill_unique",
                violation_error_message=_(
                    "This skill is already recorded for this staff member; change the entry there."
                ),
            ),
            models.CheckConstraint(condition=Q(level__gte=1, level__lte=5), name="staff_skill_level_range"),
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_until__gte=F("assessed_on")),
                name="staff_skill_valid_after_assessment",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.staff}: {self.skill} {self.level}"

    def clean(self) -> None:
        super().clean()
        if self.valid_until and self.assessed_on and self.valid_until < self.assessed_on:
            raise ValidationError({"valid_until": _("A skill cannot expire before it was assessed.")})


class Vacancy(models.Model):
    """An open post or planned hire: the skill it brings, at which level, how much, from when."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="vacancies", verbose_name=_("municipality")
    )
    title = models.CharField(_("title"), max_length=200)
    org_unit = models.ForeignKey(
        OrgUnit, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("organisational unit")
    )
    skill = models.ForeignKey(Skill, on_delete=models.PROTECT, related_name="+", verbose_name=_("skill"))
    level = models.PositiveSmallIntegerField(_("level"), validators=LEVELS)
    fte = models.DecimalField(
        _("FTE"),
        max_digits=4,
        decimal_places=2,
        default=1,
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(Decimal("50"))],
    )
    expected_date = models.DateField(_("expected start"))
    filled = models.BooleanField(_("filled"), default=False)

    objects = ScopedQuerySet.as_manager()
    scope = _hr_scope()

    class Meta:
        verbose_name = _("vacancy or planned hire")
        verbose_name_plural = _("vacancies and planned hires")
        ordering = ["expected_date", "title"]
        constraints = [
            models.CheckConstraint(condition=Q(level__gte=1, level__lte=5), name="vacancy_level_range"),
            models.CheckConstraint(condition=Q(fte__gt=0), name="vacancy_fte_positive"),
        ]

    def __str__(self) -> str:
        return self.title


class SkillDemand(models.Model):
    """What a project needs: a skill at a level, so many FTE, over a period (default: the project's dates)."""

    # Fields that ``clean`` checks against other fields or stored data (``api.schema`` documents them).
    rules_across_fields = ("end",)

    project = models.ForeignKey(
        "portfolio.Project", on_delete=models.CASCADE, related_name="skill_demands", verbose_name=_("project")
    )
    skill = models.ForeignKey(
        Skill, on_delete=models.PROTECT, related_name="demands", verbose_name=_("skill")
    )
    level = models.PositiveSmallIntegerField(_("level needed"), validators=LEVELS)
    fte = models.DecimalField(
        _("FTE"),
        max_digits=4,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(Decimal("50"))],
    )
    start = models.DateField(
        _("from"), null=True, blank=True, help_text=_("Empty: the project's planned start.")
    )
    end = models.DateField(
        _("until"), null=True, blank=True, help_text=_("Empty: the project's planned end.")
    )

    objects = ScopedQuerySet.as_manager()
    # hr plans against the demand without seeing the portfolio: it reads demands only as aggregates.
    scope = replace(project_child_scope(), aggregate_area=STAFFING_AGGREGATES)

    class Meta:
        verbose_name = _("skill demand")
        verbose_name_plural = _("skill demands")
        ordering = ["project", "skill__code"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "skill", "level"],
                name="skill_demand_unique",
                violation_error_message=_(
                    "This project already needs this skill at this level; change that demand instead."
                ),
            ),
            models.CheckConstraint(condition=Q(level__gte=1, level__lte=5), name="skill_demand_level_range"),
            models.CheckConstraint(condition=Q(fte__gt=0), name="skill_demand_fte_positive"),
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(start__isnull=True) | Q(end__gte=F("start")),
                name="skill_demand_period_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.project}: {self.skill} {self.level} × {display(self.fte)}"

    def clean(self) -> None:
        super().clean()
        start = self.start or (self.project.planned_start if self.project_id else None)
        end = self.end or (self.project.planned_end if self.project_id else None)
        if start and end and end < start:
            raise ValidationError({"end": _("The period cannot end before it starts.")})
        if self.project_id and not (start and end):
            raise ValidationError(
                _("Give the period, or plan the project's start and end first: the demand needs dates.")
            )


class ScenarioCapacity(models.Model):
    """The staff capacity of a skill in one year that a scenario's projects may use, entered by hand
    (``Scenario.capacity_source`` "entered"): FTE for projects, daily business already taken off. A
    skill without an entry for a year is not limited in it."""

    scenario = models.ForeignKey(
        "portfolio.Scenario", on_delete=models.CASCADE, related_name="capacities", verbose_name=_("scenario")
    )
    skill = models.ForeignKey(Skill, on_delete=models.PROTECT, related_name="+", verbose_name=_("skill"))
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    fte = models.DecimalField(
        _("full-time equivalents for projects"),
        max_digits=6,
        decimal_places=2,
        validators=[MinValueValidator(0), MaxValueValidator(9999)],
    )

    objects = ScopedQuerySet.as_manager()
    scope = Scope(
        area=PORTFOLIO,
        municipality_field="scenario__municipality",
        row_filters={role: Q(scenario__status="adopted") for role in (Role.COUNCIL, Role.PROJECT_LEAD)},
    )

    class Meta:
        verbose_name = _("scenario capacity")
        verbose_name_plural = _("scenario capacities")
        ordering = ["scenario", "skill", "year"]
        constraints = [
            models.UniqueConstraint(
                fields=["scenario", "skill", "year"],
                name="scenario_capacity_one_per_skill_and_year",
                violation_error_message=_("This scenario already has a capacity for this skill and year."),
            ),
            models.CheckConstraint(condition=Q(fte__gte=0), name="scenario_capacity_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.scenario}: {self.skill} {self.year}"
