"""Forms of the staffing app; choices are limited to the current municipality and its catalogue."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from municipalities.forms import StyledForm, TenantForm

from .models import RoleProfile, RoleProfileSkill, Skill, SkillDemand, StaffMember, StaffSkill, Vacancy

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class SkillChoiceMixin:
    """Skills grouped by category in the select, in the user's language."""

    def _skills(self) -> None:
        if "skill" in self.fields:
            self.fields["skill"].queryset = Skill.objects.select_related("category").order_by(
                "category__position", "position"
            )
            self.fields["skill"].label_from_instance = lambda s: f"{s.category.name} – {s.name}"


class StaffMemberForm(TenantForm):
    class Meta:
        model = StaffMember
        fields = [
            "personnel_number",
            "name",
            "org_unit",
            "job_title",
            "role_profile",
            "fte",
            "employment_type",
            "entry_date",
            "exit_date",
            "exit_reason",
        ]
        widgets = {"entry_date": DATE, "exit_date": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role_profile"].queryset = RoleProfile.objects.filter(municipality=self.municipality)


class StaffSkillForm(SkillChoiceMixin, TenantForm):
    parent_field = "staff"

    class Meta:
        model = StaffSkill
        fields = ["skill", "level", "assessed_on", "source", "valid_until"]
        widgets = {"assessed_on": DATE, "valid_until": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._skills()


class RoleProfileForm(TenantForm):
    class Meta:
        model = RoleProfile
        fields = ["name", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class RoleProfileSkillForm(SkillChoiceMixin, TenantForm):
    parent_field = "profile"

    class Meta:
        model = RoleProfileSkill
        fields = ["skill", "target_level"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._skills()


class VacancyForm(SkillChoiceMixin, TenantForm):
    class Meta:
        model = Vacancy
        fields = ["title", "org_unit", "skill", "level", "fte", "expected_date", "filled"]
        widgets = {"expected_date": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._skills()


class SkillDemandForm(SkillChoiceMixin, TenantForm):
    parent_field = "project"

    class Meta:
        model = SkillDemand
        fields = ["skill", "level", "fte", "start", "end"]
        widgets = {"start": DATE, "end": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._skills()


class ScenarioCapacityForm(StyledForm, forms.Form):
    """The entered capacity of a scenario: one field per skill and planning year (FTE for projects;
    empty: no limit), named ``c-<skill id>-<year>``."""

    def __init__(self, *args, years: list[int], rows: list[dict], **kwargs):
        super().__init__(*args, **kwargs)
        self.years, self.rows = years, rows
        for row in rows:
            for year, value in zip(years, row["values"], strict=True):
                self.fields[f"c-{row['skill_id']}-{year}"] = forms.DecimalField(
                    label=_("%(skill)s, %(year)s (FTE)") % {"skill": row["skill"], "year": year},
                    required=False,
                    min_value=0,
                    max_value=9999,
                    max_digits=6,
                    decimal_places=2,
                    initial=value,
                    localize=True,
                )
        for field in self.fields.values():
            field.widget.attrs.update({"class": "form-control form-control-sm", "inputmode": "decimal"})

    def table(self) -> list[dict]:
        return [
            {"skill": row["skill"], "fields": [self[f"c-{row['skill_id']}-{year}"] for year in self.years]}
            for row in self.rows
        ]

    def values(self) -> dict[tuple[int, int], object]:
        return {
            (row["skill_id"], year): self.cleaned_data.get(f"c-{row['skill_id']}-{year}")
            for row in self.rows
            for year in self.years
        }
