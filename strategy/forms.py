"""Forms of the strategy app: choices limited to the current municipality; frozen versions refuse edits."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from municipalities.forms import ConcurrencyFormMixin, StyledForm
from municipalities.models import Municipality, OrgUnit

from .models import CouncilResolution, FieldOfAction, FrozenError, Goal, Indicator, Measurement, Strategy

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class FrozenAwareForm(ConcurrencyFormMixin, StyledForm, forms.ModelForm):
    """Refuses, with a message instead of an error page, to save into a submitted or adopted version."""

    def __init__(self, *args, strategy: Strategy | None = None, municipality: Municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.strategy, self.municipality = strategy, municipality
        if "owner" in self.fields:
            self.fields["owner"].queryset = OrgUnit.objects.filter(municipality=municipality).order_by("name")

    def clean(self):
        cleaned = super().clean()
        if self.strategy is not None and self.strategy.is_frozen:
            raise FrozenError()
        return cleaned


class StrategyForm(FrozenAwareForm):
    class Meta:
        model = Strategy
        fields = ["title", "vision", "guiding_principles", "start_year", "end_year"]
        widgets = {
            "vision": forms.Textarea(attrs={"rows": 4}),
            "guiding_principles": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.municipality = self.municipality


class FieldOfActionForm(FrozenAwareForm):
    class Meta:
        model = FieldOfAction
        fields = ["title", "description", "position", "weight"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.strategy = self.strategy

    def clean_title(self):
        title = self.cleaned_data["title"].strip()
        clash = FieldOfAction.objects.filter(strategy=self.strategy, title__iexact=title).exclude(
            pk=self.instance.pk
        )
        if clash.exists():
            raise forms.ValidationError(_("This strategy already has a field of action of this title."))
        return title


class GoalForm(FrozenAwareForm):
    class Meta:
        model = Goal
        fields = ["field", "title", "description", "owner", "target_date", "position", "weight"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3}), "target_date": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["field"].queryset = FieldOfAction.objects.filter(strategy=self.strategy)

    def clean(self):
        cleaned = super().clean()
        field, title = cleaned.get("field"), cleaned.get("title")
        if field and title:
            clash = Goal.objects.filter(field=field, title__iexact=title.strip()).exclude(pk=self.instance.pk)
            if clash.exists():
                self.add_error("title", _("This field of action already has a goal of this title."))
        return cleaned


class IndicatorForm(FrozenAwareForm):
    class Meta:
        model = Indicator
        fields = [
            "name",
            "unit",
            "kind",
            "direction",
            "baseline_value",
            "baseline_date",
            "target_value",
            "target_date",
            "update_interval",
            "owner",
            "source",
            "weight",
        ]
        widgets = {"baseline_date": DATE, "target_date": DATE}

    def __init__(self, *args, goal: Goal, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.goal = goal


class MeasurementForm(StyledForm, forms.ModelForm):
    class Meta:
        model = Measurement
        fields = ["date", "value", "source", "note"]
        widgets = {"date": DATE, "note": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, indicator: Indicator, **kwargs):
        super().__init__(*args, **kwargs)
        self.indicator = indicator
        self.instance.indicator = indicator
        # Dates after today, before the baseline and percentages outside 0–100 are the model's rules
        # (Measurement.clean), shared with the API and the admin.
        self.fields["date"].widget.attrs.setdefault("max", timezone.localdate().isoformat())

    def validate_unique(self) -> None:
        # A second value for the same date corrects the first (measurement_record), so no uniqueness error.
        return


class AdoptForm(StyledForm, forms.Form):
    """The council resolution that adopts a version: a new one, or one already recorded."""

    existing = forms.ModelChoiceField(
        label=_("Recorded resolution"), queryset=CouncilResolution.objects.none(), required=False
    )
    number = forms.CharField(label=_("Resolution number"), max_length=50, required=False)
    date = forms.DateField(label=_("Date of the resolution"), widget=DATE, required=False)
    title = forms.CharField(label=_("Title"), max_length=300, required=False)
    url = forms.URLField(label=_("Link to the council information system"), required=False)

    def __init__(self, *args, municipality: Municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.municipality = municipality
        self.fields["existing"].queryset = CouncilResolution.objects.filter(municipality=municipality)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("existing"):
            return cleaned
        for name in ("number", "date", "title"):
            if not cleaned.get(name):
                self.add_error(
                    name, _("Enter the resolution's number, date and title, or choose a recorded one.")
                )
        number = cleaned.get("number")
        if (
            number
            and CouncilResolution.objects.filter(municipality=self.municipality, number=number).exists()
        ):
            self.add_error("number", _("A resolution with this number is already recorded; choose it above."))
        return cleaned

    def resolution(self) -> CouncilResolution:
        if self.cleaned_data.get("existing"):
            return self.cleaned_data["existing"]
        return CouncilResolution.objects.create(
            municipality=self.municipality,
            number=self.cleaned_data["number"],
            date=self.cleaned_data["date"],
            title=self.cleaned_data["title"],
            url=self.cleaned_data["url"],
        )
