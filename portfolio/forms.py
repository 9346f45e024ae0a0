"""Forms of the portfolio app: choices limited to the current municipality, database rules checked here too.

Each form knows its municipality (and, for a project's rows, its project) and checks the uniqueness rules
that involve them, so a clash is a message on the form, never a database error.
"""

from __future__ import annotations

import math
from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from municipalities.display import number
from municipalities.forms import StyledForm, TenantForm, choose_members
from strategy.models import Goal, StrategyStatus

from .models import (
    INITIAL,
    OPEN,
    Basis,
    Contribution,
    Criterion,
    Dependency,
    Milestone,
    Project,
    ProjectCost,
    Scenario,
    Service,
    ServiceChange,
    StatusReport,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TEXT = forms.Textarea(attrs={"rows": 3})


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


# The form's groups, each a <fieldset> with a legend, two columns on wide screens (templates/_form.html).
PROJECT_FIELDSETS = (
    (_("Basic data"), ("title", "description", "layer", "category", "status")),
    (_("Responsibility"), ("org_unit", "lead", "deputy")),
    (_("Schedule"), ("planned_start", "planned_end", "actual_start", "actual_end")),
    (
        _("Costs and funding"),
        (
            "internal_effort_days",
            "external_cost",
            "funding",
            "grant_programme",
            "own_share_percent",
            "grant_start",
            "grant_end",
            "grant_reporting_duty",
        ),
    ),
    (_("Reuse"), ("reuse_kind", "reuse_source")),
    (_("Legal obligation"), ("mandatory", "legal_basis", "legal_deadline")),
)


class ProjectForm(TenantForm):
    """Project fields; the status moves by transitions on the project page, only the first one is chosen here.

    ``manage``: whether the user may manage the portfolio (strategist, admin); a project lead editing the
    project it leads cannot hand the project to someone else.
    """

    class Meta:
        model = Project
        fields = [name for _legend, names in PROJECT_FIELDSETS for name in names]
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

    @property
    def fieldsets(self) -> list[tuple[str, list]]:
        """The groups with the bound fields this form has (a lead's form has no "lead", an edit no status)."""
        return [(legend, [self[n] for n in names if n in self.fields]) for legend, names in PROJECT_FIELDSETS]

    def __init__(self, *args, manage: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["status"]
        else:
            self.fields["status"].choices = [(s.value, s.label) for s in INITIAL]
        if manage:
            choose_members(self, self.municipality, "lead", "deputy")
        else:
            del self.fields["lead"]
            del self.fields["deputy"]


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
            .exclude(pk=self.parent.pk)
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


# --- the scoring model and the ranking -----------------------------------------------------------------


def style(fields) -> None:
    """Bootstrap classes for fields added after ``StyledForm.__init__`` ran."""
    for field in fields:
        if isinstance(field.widget, forms.CheckboxInput):
            css = "form-check-input"
        elif isinstance(field.widget, forms.Select):
            css = "form-select"
        else:
            css = "form-control"
        field.widget.attrs.setdefault("class", css)


class CriteriaForm(StyledForm, forms.Form):
    """The weights (in per cent), bases and directions of a model's criteria; refuses weights whose sum is
    not 100 % with a message naming the sum."""

    def __init__(self, *args, criteria: list[Criterion], **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        for c in criteria:
            self.fields[f"weight_{c.key}"] = forms.DecimalField(
                label=_("Weight of “%(name)s” (%%)") % {"name": c.label},
                min_value=0,
                max_value=100,
                decimal_places=2,
                initial=(c.weight * 100).normalize(),
            )
            if c.derivable:
                self.fields[f"basis_{c.key}"] = forms.ChoiceField(
                    label=_("Basis of “%(name)s”") % {"name": c.label},
                    choices=Basis.choices,
                    initial=c.basis,
                    help_text=_("Derived: %(source)s; projects without it keep their rating.")
                    % {"source": c.derived_from},
                )
            self.fields[f"lower_{c.key}"] = forms.BooleanField(
                label=_("Lower is better for “%(name)s”") % {"name": c.label},
                required=False,
                initial=c.lower_is_better,
            )
        style(self.fields.values())

    def clean(self):
        cleaned = super().clean()
        weights = [cleaned.get(f"weight_{c.key}") for c in self.criteria]
        if all(w is not None for w in weights):
            total = sum(weights, Decimal(0))
            if abs(total - 100) > Decimal("0.1"):
                raise forms.ValidationError(
                    _("The weights add up to %(total)s %%; they must add up to 100 %%.")
                    % {"total": f"{total:.2f}".rstrip("0").rstrip(".")},
                    code="weights_sum",
                )
        return cleaned

    def weights(self) -> dict[str, Decimal]:
        return {c.key: self.cleaned_data[f"weight_{c.key}"] / 100 for c in self.criteria}

    def bases(self) -> dict[str, str]:
        return {c.key: self.cleaned_data[f"basis_{c.key}"] for c in self.criteria if c.derivable}

    def lower(self) -> dict[str, bool]:
        return {c.key: self.cleaned_data[f"lower_{c.key}"] for c in self.criteria}


RATING_CHOICES = [("", _("not assessed")), *((str(v), str(v)) for v in range(1, 6))]


class AssessmentForm(StyledForm, forms.Form):
    """A project's 1–5 ratings on the criteria that are rated (or that fall back to a rating)."""

    def __init__(self, *args, criteria: list[Criterion], current: dict[str, int], **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        for c in criteria:
            self.fields[c.key] = forms.TypedChoiceField(
                label=c.label,
                choices=RATING_CHOICES,
                coerce=int,
                empty_value=None,
                required=False,
                initial=current.get(c.key, ""),
                help_text=_("1 = low, 5 = high")
                + (" · " + str(_("lower is better")) if c.lower_is_better else "")
                + (
                    " · " + str(_("used only where it cannot be derived")) if c.basis == Basis.DERIVED else ""
                ),
                widget=forms.Select(attrs={"class": "form-select"}),
            )


# Saaty's scale, from "the second is extremely more important" to "the first is".
# Saaty's whole scale: 1–9 with the intermediate 2, 4, 6, 8, and their reciprocals.
SAATY = [*(f"1/{n}" for n in range(9, 1, -1)), *(str(n) for n in range(1, 10))]
SAATY_LABELS = {
    "1": _("equally important"),
    "2": _("equally to moderately more important"),
    "3": _("moderately more important"),
    "4": _("moderately to strongly more important"),
    "5": _("strongly more important"),
    "6": _("strongly to very strongly more important"),
    "7": _("very strongly more important"),
    "8": _("very to extremely more important"),
    "9": _("extremely more important"),
}


def saaty_value(text: str) -> float:
    numerator, _sep, denominator = text.partition("/")
    return float(numerator) / float(denominator or 1)


def saaty_text(value: float) -> str | None:
    """The point of the scale ``value`` is (0.3333 is 1/3), None when it lies between two points."""
    nearest = min(SAATY, key=lambda s: abs(math.log(saaty_value(s)) - math.log(value)))
    return nearest if abs(math.log(saaty_value(nearest)) - math.log(value)) < 1e-3 else None


class PairwiseForm(forms.Form):
    """One judgement per pair of criteria on Saaty's 1–9 scale (and the reciprocals); the stored judgement
    is preselected exactly."""

    def __init__(self, *args, criteria: list[Criterion], matrix=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        self.pairs = []
        for i, first in enumerate(criteria):
            for second in criteria[i + 1 :]:
                name = f"{first.key}__{second.key}"
                choices = []
                for text in SAATY:
                    value = saaty_value(text)
                    if value > 1:
                        label = _("“%(a)s” %(how)s than “%(b)s”") % {
                            "a": first.label,
                            "how": SAATY_LABELS[text],
                            "b": second.label,
                        }
                    elif value < 1:
                        label = _("“%(a)s” %(how)s than “%(b)s”") % {
                            "a": second.label,
                            "how": SAATY_LABELS[text.split("/")[1]],
                            "b": first.label,
                        }
                    else:
                        label = _("both %(how)s") % {"how": SAATY_LABELS["1"]}
                    choices.append((text, f"{text} – {label}"))
                initial = "1"
                if matrix is not None:
                    stored = float(matrix.loc[first.key, second.key])
                    initial = saaty_text(stored)
                    if initial is None:
                        # A judgement off the scale (stored through the API) is offered as it is, so
                        # that saving the form keeps it.
                        initial = f"{stored:.4f}".rstrip("0").rstrip(".")
                        choices.append((initial, f"{initial} – {_('as stored')}"))
                self.fields[name] = forms.ChoiceField(
                    label=_("“%(a)s” compared with “%(b)s”") % {"a": first.label, "b": second.label},
                    choices=choices,
                    initial=initial,
                    widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
                )
                self.pairs.append((name, first, second))

    def judgements(self) -> dict[tuple[str, str], float]:
        return {
            (first.key, second.key): saaty_value(self.cleaned_data[name])
            for name, first, second in self.pairs
        }


class ScenarioForm(TenantForm):
    """A scenario's question, with a budget per planning year: ``budget_<year>`` (investment and operating
    together) or ``invest_<year>`` and ``operating_<year>`` (each against its own budget), for the years the
    scenario plans now; after a change of the years the page offers the new ones. An empty amount is no
    limit."""

    class Meta:
        model = Scenario
        fields = [
            "name",
            "description",
            "first_year",
            "years",
            "budget_mode",
            "capacity_source",
            "daily_business_share",
            "start_choice",
            "max_delay",
            "min_backend_share",
            "legal_duties_in",
            "mandatory",
            "excluded",
        ]
        widgets = {"description": TEXT}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        candidates = Project.objects.filter(municipality=self.municipality, status__in=OPEN).order_by("title")
        for name in ("mandatory", "excluded"):
            self.fields[name].queryset = candidates
            self.fields[name].widget.attrs["size"] = 8
        first = self.instance.first_year or self.initial.get("first_year")
        years = self.instance.years or 5
        stored = {}
        if self.instance.pk:
            stored = {b.year: b for b in self.instance.budgets.all()}
        self._weight_fields()
        self.budget_years = list(range(first, first + years)) if first else []
        for year in self.budget_years:
            row = stored.get(year)
            for name, label in (
                ("total", _("Budget %(year)s (EUR)")),
                ("invest", _("Investment budget %(year)s (EUR)")),
                ("operating", _("Operating budget %(year)s (EUR)")),
            ):
                self.fields[f"{name}_{year}"] = forms.DecimalField(
                    label=label % {"year": year},
                    required=False,
                    min_value=0,
                    max_digits=14,
                    decimal_places=2,
                    initial=getattr(row, name) if row else None,
                )
        for name, field in self.fields.items():
            if name.split("_")[0] in {"total", "invest", "operating"}:
                field.widget.attrs["class"] = "form-control"
                field.widget.attrs["inputmode"] = "decimal"

    def _weight_fields(self) -> None:
        """One field per criterion of the active scoring model, in percent: the scenario's own weights
        (all empty: the model's)."""
        from .models import ScoringModel

        model = ScoringModel.objects.filter(municipality=self.municipality, active=True).first()
        self.criteria = list(model.criteria.order_by("position", "pk")) if model else []
        own = self.instance.weights or {}
        total = sum(own.values()) or 1
        for criterion in self.criteria:
            self.fields[f"weight_{criterion.key}"] = forms.DecimalField(
                label=_("Weight of “%(name)s” (%%)") % {"name": criterion.name},
                required=False,
                min_value=0,
                max_value=100,
                decimal_places=1,
                initial=round(100 * own[criterion.key] / total, 1) if criterion.key in own else None,
                help_text=_("Model: %(weight)s %%")
                % {"weight": number(round(100 * float(criterion.weight), 1))},
            )
            self.fields[f"weight_{criterion.key}"].widget.attrs.update(
                {"class": "form-control", "inputmode": "decimal"}
            )

    def weight_table(self) -> list:
        return [self[f"weight_{c.key}"] for c in self.criteria]

    def clean(self):
        data = super().clean()
        given = {c.key: data.get(f"weight_{c.key}") for c in self.criteria}
        if any(v is not None for v in given.values()):
            if any(v is None for v in given.values()) or not sum(given.values()) > 0:
                self.add_error(
                    None,
                    _("Give every criterion its own weight (in all above 0), or none to use the model's."),
                )
            else:
                self.instance.weights = {k: float(v) / float(sum(given.values())) for k, v in given.items()}
        else:
            self.instance.weights = None
        both = set(data.get("mandatory") or []) & set(data.get("excluded") or [])
        if both:
            names = ", ".join(sorted(p.title for p in both))
            self.add_error(
                "excluded", _("A project cannot be both in and left out: %(names)s.") % {"names": names}
            )
        return data

    def budgets(self) -> dict[int, dict]:
        """The amounts entered per year, for ``actions.scenario_save``."""
        return {
            year: {name: self.cleaned_data.get(f"{name}_{year}") for name in ("total", "invest", "operating")}
            for year in self.budget_years
        }

    def budget_table(self) -> list[dict]:
        """Per year the bound fields, for the page's budget table."""
        return [
            {"year": year, "fields": [self[f"{name}_{year}"] for name in ("total", "invest", "operating")]}
            for year in self.budget_years
        ]
