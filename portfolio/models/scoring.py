"""The scoring model of a municipality (DESIGN.md §4 ScoringModel, §5 ranking): criteria with weights
that sum to one, each either rated 1–5 per project (Assessment) or derived from the project's data
(hours saved from its service changes, person-days, goal contributions), and optional pairwise
comparisons from which AHP derives the weights.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import Greatest, Least
from django.utils.translation import gettext_lazy as _

from municipalities.access import PORTFOLIO, Scope, ScopedQuerySet
from municipalities.models import Municipality
from municipalities.validators import MaxValueValidator, MinValueValidator

from .projects import Project, project_child_scope

WEIGHT_TOLERANCE = Decimal("0.001")


class WeightMethod(models.TextChoices):
    DIRECT = "direct", _("weights set directly")
    AHP = "ahp", _("weights from pairwise comparisons (AHP)")


class Basis(models.TextChoices):
    RATING = "rating", _("rating 1–5 per project")
    DERIVED = "derived", _("derived from the project's data")


class CriterionKey(models.TextChoices):
    """The default criteria of DESIGN.md §4; a municipality may add its own keys."""

    CITIZEN_BENEFIT = "citizen_benefit", _("Citizen benefit")
    STAFF_IMPACT = "staff_impact", _("Staff impact")
    EFFORT = "effort", _("Effort")
    STRATEGIC_FIT = "strategic_fit", _("Strategic fit")
    URGENCY = "urgency", _("Urgency and legal duty")
    RISK = "risk", _("Risk")
    REUSE = "reuse", _("Reuse")


# What "derived" means for a criterion; criteria not listed here can only be rated.
DERIVED_FROM = {
    CriterionKey.CITIZEN_BENEFIT: _("citizen hours saved per year (from the service changes)"),
    CriterionKey.STAFF_IMPACT: _("staff hours saved per year (from the service changes)"),
    CriterionKey.EFFORT: _("internal effort in person-days"),
    CriterionKey.STRATEGIC_FIT: _("sum of the weights of the goals the project serves"),
}

# key, weight, lower is better, basis
DEFAULT_CRITERIA: list[tuple[CriterionKey, str, bool, Basis]] = [
    (CriterionKey.CITIZEN_BENEFIT, "0.20", False, Basis.DERIVED),
    (CriterionKey.STAFF_IMPACT, "0.20", False, Basis.DERIVED),
    (CriterionKey.EFFORT, "0.15", True, Basis.DERIVED),
    (CriterionKey.STRATEGIC_FIT, "0.15", False, Basis.DERIVED),
    (CriterionKey.URGENCY, "0.15", False, Basis.RATING),
    (CriterionKey.RISK, "0.10", True, Basis.RATING),
    (CriterionKey.REUSE, "0.05", False, Basis.RATING),
]


class WeightsError(ValidationError):
    def __init__(self, total: Decimal) -> None:
        super().__init__(
            _("The weights add up to %(total)s; they must add up to 1 (100 %%).")
            % {"total": f"{total:.3f}".rstrip("0").rstrip(".")},
            code="weights_sum",
        )


class ScoringModel(models.Model):
    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="scoring_models", verbose_name=_("municipality")
    )
    name = models.CharField(_("name"), max_length=200)
    method = models.CharField(
        _("weighting"), max_length=10, choices=WeightMethod, default=WeightMethod.DIRECT
    )
    active = models.BooleanField(_("in use"), default=True, help_text=_("The model the ranking page uses."))
    top_k = models.PositiveSmallIntegerField(
        _("size of the top group"),
        default=10,
        validators=[MinValueValidator(1), MaxValueValidator(1000)],
        help_text=_("The robustness analysis reports how likely a project stays among the first k."),
    )

    objects = ScopedQuerySet.as_manager()
    scope = Scope(area=PORTFOLIO)

    class Meta:
        verbose_name = _("scoring model")
        verbose_name_plural = _("scoring models")
        ordering = ["-active", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "name"],
                name="scoring_model_unique_name",
                violation_error_message=_("This municipality already has a scoring model of this name."),
            ),
            models.UniqueConstraint(
                fields=["municipality"],
                condition=Q(active=True),
                name="scoring_model_one_active",
                violation_error_message=_(
                    "Only one scoring model can be active; deactivate the active one first."
                ),
            ),
            models.CheckConstraint(condition=Q(top_k__gte=1), name="scoring_model_top_k_positive"),
        ]

    def __str__(self) -> str:
        return self.name

    def check_weights(self, weights: list[Decimal] | None = None) -> None:
        """Refuse weights that do not sum to one (within rounding); default: the stored weights."""
        if weights is None:
            weights = list(self.criteria.values_list("weight", flat=True))
        total = sum(weights, Decimal(0))
        if weights and abs(total - 1) > WEIGHT_TOLERANCE:
            raise WeightsError(total)


class Criterion(models.Model):
    # Fields that ``clean`` checks against other fields or stored data (``api.schema`` documents them).
    rules_across_fields = ("basis",)

    model = models.ForeignKey(
        ScoringModel, on_delete=models.CASCADE, related_name="criteria", verbose_name=_("scoring model")
    )
    key = models.SlugField(_("key"), max_length=40)
    name = models.CharField(_("name"), max_length=100)
    weight = models.DecimalField(
        _("weight"),
        max_digits=5,
        decimal_places=4,
        validators=[MinValueValidator(0), MaxValueValidator(1)],
    )
    lower_is_better = models.BooleanField(_("lower is better"), default=False)
    basis = models.CharField(_("basis"), max_length=10, choices=Basis, default=Basis.RATING)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    objects = ScopedQuerySet.as_manager()
    scope = Scope(area=PORTFOLIO, municipality_field="model__municipality")

    class Meta:
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        ordering = ["model", "position", "key"]
        constraints = [
            models.UniqueConstraint(
                fields=["model", "key"],
                name="criterion_unique_key",
                violation_error_message=_("This scoring model already has this criterion."),
            ),
            models.CheckConstraint(condition=Q(weight__gte=0, weight__lte=1), name="criterion_weight_range"),
            models.CheckConstraint(condition=Q(basis__in=Basis.values), name="criterion_basis_valid"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def label(self) -> str:
        """The name in the user's language for the default criteria, the stored name for others."""
        return str(CriterionKey(self.key).label) if self.key in CriterionKey.values else self.name

    @property
    def derivable(self) -> bool:
        return self.key in DERIVED_FROM

    @property
    def derived_from(self) -> str:
        return str(DERIVED_FROM.get(self.key, ""))

    def clean(self) -> None:
        super().clean()
        if self.basis == Basis.DERIVED and not self.derivable:
            raise ValidationError(
                {
                    "basis": _("“%(name)s” cannot be derived from project data; rate it 1–5.")
                    % {"name": self.name}
                }
            )


class Assessment(models.Model):
    """A project's 1–5 rating on one criterion; no row means "not assessed" (shown as missing, not 0)."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="assessments", verbose_name=_("project")
    )
    criterion = models.ForeignKey(
        Criterion, on_delete=models.CASCADE, related_name="assessments", verbose_name=_("criterion")
    )
    value = models.PositiveSmallIntegerField(
        _("rating"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    note = models.CharField(_("reason"), max_length=300, blank=True)

    objects = ScopedQuerySet.as_manager()
    # A project's row like its status reports: the council sees approved and later projects' ratings, the
    # lead rates the project it leads (as on the ratings page).
    scope = project_child_scope()

    class Meta:
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "criterion"],
                name="assessment_unique",
                violation_error_message=_(
                    "This project is already assessed on this criterion; change that assessment instead."
                ),
            ),
            models.CheckConstraint(condition=Q(value__gte=1, value__lte=5), name="assessment_value_range"),
        ]

    def __str__(self) -> str:
        return f"{self.project} · {self.criterion}: {self.value}"

    def clean(self) -> None:
        super().clean()
        if (
            self.project_id
            and self.criterion_id
            and self.criterion.model.municipality_id != self.project.municipality_id
        ):
            raise ValidationError(_("The criterion and the project must belong to the same municipality."))


class PairwiseComparison(models.Model):
    """How much more important ``first`` is than ``second`` on Saaty's 1–9 scale (reciprocals below 1)."""

    model = models.ForeignKey(
        ScoringModel, on_delete=models.CASCADE, related_name="comparisons", verbose_name=_("scoring model")
    )
    first = models.ForeignKey(
        Criterion, on_delete=models.CASCADE, related_name="+", verbose_name=_("criterion")
    )
    second = models.ForeignKey(
        Criterion, on_delete=models.CASCADE, related_name="+", verbose_name=_("compared with")
    )
    value = models.DecimalField(
        _("judgement"),
        max_digits=7,
        decimal_places=4,
        validators=[MinValueValidator(Decimal("0.1111")), MaxValueValidator(9)],
    )

    objects = ScopedQuerySet.as_manager()
    scope = Scope(area=PORTFOLIO, municipality_field="model__municipality")

    class Meta:
        verbose_name = _("pairwise comparison")
        verbose_name_plural = _("pairwise comparisons")
        constraints = [
            # One judgement per pair in either order (the matrix takes the reciprocal for the other): unique
            # on the unordered pair, the smaller criterion id first.
            models.UniqueConstraint(
                models.F("model"),
                Least("first", "second"),
                Greatest("first", "second"),
                name="comparison_unique_pair",
                violation_error_message=_("These two criteria are already compared in this scoring model."),
            ),
            models.CheckConstraint(
                condition=Q(value__gte=Decimal("0.1111"), value__lte=9), name="comparison_value_range"
            ),
            models.CheckConstraint(condition=~Q(first=models.F("second")), name="comparison_distinct"),
        ]

    def __str__(self) -> str:
        return f"{self.first} : {self.second} = {self.value}"

    def clean(self) -> None:
        super().clean()
        if not (self.model_id and self.first_id and self.second_id):
            return
        if self.first.model_id != self.model_id or self.second.model_id != self.model_id:
            raise ValidationError(_("Both criteria must belong to this scoring model."))
        # A pair judged already, in either order, is refused by the constraint comparison_unique_pair.
