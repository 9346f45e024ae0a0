"""Forms of the reports app."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from municipalities.forms import StyledForm, TenantForm

from .models import CouncilReport, FileFormat, Language, ReportingRound

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ReportCreateForm(StyledForm, forms.ModelForm):
    class Meta:
        model = CouncilReport
        fields = ["title", "period_start", "period_end", "meeting_date", "language", "round", "scenario"]
        widgets = {"period_start": DATE, "period_end": DATE, "meeting_date": DATE}

    def __init__(self, *args, municipality, **kwargs):
        from portfolio.models import Scenario

        super().__init__(*args, **kwargs)
        self.instance.municipality = municipality
        self.fields["round"].queryset = ReportingRound.objects.filter(municipality=municipality)
        # Solved scenarios only: one without an answer chooses nothing.
        self.fields["scenario"].queryset = Scenario.objects.filter(
            municipality=municipality, result__isnull=False
        ).order_by("name")
        self.fields["language"].choices = Language.choices


class SummaryForm(TenantForm):
    class Meta:
        model = CouncilReport
        fields = ["title", "meeting_date", "summary"]
        widgets = {"meeting_date": DATE, "summary": forms.Textarea(attrs={"rows": 6})}


class RoundForm(TenantForm):
    class Meta:
        model = ReportingRound
        fields = ["title", "period_start", "period_end", "due_date", "meeting_date"]
        widgets = {"period_start": DATE, "period_end": DATE, "due_date": DATE, "meeting_date": DATE}


class PublishForm(StyledForm, forms.Form):
    """The confirmation of publishing: before the period's last day the user must also confirm that the
    figures are frozen as of today (``reports.actions.report_publish``'s ``early``)."""

    early = forms.BooleanField(
        label=_("I know the period has not ended yet: publish the figures as of today."), required=False
    )

    def __init__(self, *args, early: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.is_early = early
        if early:
            self.fields["early"].required = True
            self.fields["early"].error_messages["required"] = _(
                "Confirm that the report is published before its period has ended."
            )
        else:
            del self.fields["early"]


class ReportFileForm(forms.Form):
    """Which file of a report to make: the buttons of the report page post it."""

    format = forms.ChoiceField(label=_("format"), choices=FileFormat.choices)
