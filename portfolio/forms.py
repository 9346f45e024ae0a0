"""Forms of the portfolio app: choices limited to the current municipality, database rules checked here too.

Each form knows its municipality (and, for a project's rows, its project) and checks the uniqueness rules
that involve them, so a clash is a message on the form, never a database error.
"""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from municipalities.forms import StyledForm
from municipalities.models import Municipality, OrgUnit
from strategy.models import Goal, StrategyStatus

from .models import (
    Contribution,
    Dependency,
    Milestone,
    Project,
    ProjectCost,
    Service,
    ServiceChange,
    Status,
    StatusReport,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TEXT = forms.Textarea(attrs={"rows": 3})


class TenantForm(StyledForm, forms.ModelForm):
    """A model form bound to a municipality; ``parent_field`` is set on the instance, not by the user."""

    parent_field = "municipality"

    def __init__(self, *args, municipality: Municipality, project: Project | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.municipality, self.project = municipality, project
        setattr(self.instance, self.parent_field, project if self.parent_field == "project" else municipality)
        if "org_unit" in self.fields:
            self.fields["org_unit"].queryset = OrgUnit.objects.filter(municipality=municipality).order_by(
                "name"
            )

    def _get_validation_exclusions(self):
        # The parent is set by the view; including it lets full_clean check the unique constraints on it.
        exclude = super()._get_validation_exclusions()
        exclude.discard(self.parent_field)
        return exclude


class ServiceForm(TenantForm):
    class Meta:
        model = Service
        fields = [
            "name",
            "leika_key",
            "subject_area",
            "org_unit",
            "cases_per_year",
            "staff_minutes",
            "citizen_minutes",
            "model_version",
            "level",
            "handling",
            "e_file",
            "media_breaks",
            "reuse_kind",
            "reuse_source",
            "notes",
        ]
        widgets = {"notes": TEXT}


class ProjectForm(TenantForm):
    """Project fields; the status moves by transitions on the project page, only the first one is chosen here.

    ``manage``: whether the user may manage the portfolio (strategist, admin); a project lead editing the
    project it leads cannot hand the project to someone else.
    """

    INITIAL_STATUSES = (Status.IDEA, Status.PROPOSED, Status.APPROVED)

    class Meta:
        model = Project
        fields = [
            "title",
            "description",
            "layer",
            "category",
            "status",
            "org_unit",
            "lead",
            "planned_start",
            "planned_end",
            "actual_start",
            "actual_end",
            "internal_effort_days",
            "external_cost",
            "funding",
            "grant_programme",
            "own_share_percent",
            "grant_start",
            "grant_end",
            "grant_reporting_duty",
            "reuse_kind",
            "reuse_source",
            "mandatory",
            "legal_basis",
            "legal_deadline",
        ]
        widgets = {
            "description": TEXT,
            **{
                name: DATE
                for name in (
                    "planned_start",
                    "planned_end",
                    "actual_start",
                    "actual_end",
                    "grant_start",
                    "grant_end",
                    "legal_deadline",
                )
            },
        }

    def __init__(self, *args, manage: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["status"]
        else:
            self.fields["status"].choices = [(s.value, s.label) for s in self.INITIAL_STATUSES]
        if manage:
            self.fields["lead"].queryset = (
                get_user_model()
                .objects.filter(memberships__municipality=self.municipality, is_active=True)
                .distinct()
                .order_by("username")
            )
            self.fields["lead"].label_from_instance = lambda u: u.get_full_name() or u.get_username()
        else:
            del self.fields["lead"]


class StatusReportForm(TenantForm):
    parent_field = "project"

    class Meta:
        model = StatusReport
        fields = [
            "date",
            "overall",
            "scope_status",
            "schedule",
            "budget",
            "percent_complete",
            "spent_to_date",
            "forecast",
            "summary",
            "risks",
            "next_steps",
        ]
        widgets = {"date": DATE, "summary": TEXT, "risks": TEXT, "next_steps": TEXT}


class MilestoneForm(TenantForm):
    parent_field = "project"

    class Meta:
        model = Milestone
        fields = ["title", "due_date", "done_date"]
        widgets = {"due_date": DATE, "done_date": DATE}


class ProjectCostForm(TenantForm):
    parent_field = "project"

    class Meta:
        model = ProjectCost
        fields = ["year", "invest", "operating"]


class ServiceChangeForm(TenantForm):
    parent_field = "project"

    class Meta:
        model = ServiceChange
        fields = [
            "service",
            "target_level",
            "target_handling",
            "target_e_file",
            "staff_minutes_saved",
            "citizen_minutes_saved",
            "media_breaks_removed",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service"].queryset = Service.objects.filter(municipality=self.municipality).order_by(
            "name"
        )
        self.fields["target_e_file"] = forms.NullBooleanField(
            label=ServiceChange._meta.get_field("target_e_file").verbose_name,
            required=False,
            widget=forms.Select(
                attrs={"class": "form-select"},
                choices=[("unknown", _("unchanged")), ("true", _("yes")), ("false", _("no"))],
            ),
        )


class DependencyForm(TenantForm):
    parent_field = "project"

    class Meta:
        model = Dependency
        fields = ["requires", "note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["requires"].queryset = (
            Project.objects.filter(municipality=self.municipality)
            .exclude(pk=self.project.pk)
            .order_by("title")
        )


class ContributionForm(TenantForm):
    parent_field = "project"

    class Meta:
        model = Contribution
        fields = ["goal", "weight"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        goals = Goal.objects.filter(
            field__strategy__municipality=self.municipality, field__strategy__status=StrategyStatus.ADOPTED
        ).select_related("field__strategy")
        self.fields["goal"].queryset = goals.order_by("field__strategy__title", "field__position", "position")
        self.fields["goal"].label_from_instance = lambda g: f"{g.field.title} – {g.title}"


class TransitionForm(forms.Form):
    status = forms.ChoiceField(choices=Status.choices)
