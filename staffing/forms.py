"""Forms of the staffing app; choices are limited to the current municipality and its catalogue."""

from __future__ import annotations

from django import forms

from municipalities.forms import TenantForm

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
