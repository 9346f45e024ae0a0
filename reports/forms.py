"""Forms of the reports app."""

from __future__ import annotations

from django import forms

from municipalities.forms import StyledForm, TenantForm

from .models import CouncilReport, Language, ReportingRound

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ReportCreateForm(StyledForm, forms.ModelForm):
    class Meta:
        model = CouncilReport
        fields = ["title", "period_start", "period_end", "meeting_date", "language", "round"]
        widgets = {"period_start": DATE, "period_end": DATE, "meeting_date": DATE}

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.municipality = municipality
        self.fields["round"].queryset = ReportingRound.objects.filter(municipality=municipality)
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
