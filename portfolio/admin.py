"""Admin for the portfolio models (DESIGN.md §7: the Django admin for every model).

Projects are saved through ``actions.project_save`` here too, so the lead's object permission follows
the lead whichever path changes it; criteria weights through ``actions.scoring_model_set_weights`` (one
set that sums to one) and pairwise comparisons through ``actions.pairwise_comparison_save`` and
``pairwise_comparison_delete`` (a pair once, in one order, of one scoring model; the AHP weights follow),
as the ranking pages and the API save them.
"""

from django.contrib import admin
from django.forms.models import BaseInlineFormSet
from guardian.admin import GuardedModelAdmin
from simple_history.admin import SimpleHistoryAdmin

from . import actions
from .models import (
    Assessment,
    Contribution,
    Criterion,
    Dependency,
    Milestone,
    PairwiseComparison,
    Project,
    ProjectCost,
    Scenario,
    ScenarioBudget,
    ScoringModel,
    Service,
    ServiceChange,
    StatusReport,
    SubjectArea,
)


@admin.register(SubjectArea)
class SubjectAreaAdmin(admin.ModelAdmin):
    list_display = ["code", "name_de", "name_en", "position"]
    search_fields = ["name_de", "name_en"]


@admin.register(Service)
class ServiceAdmin(SimpleHistoryAdmin):
    list_display = ["name", "leika_key", "subject_area", "municipality", "model_version", "level", "handling"]
    list_filter = ["municipality", "subject_area", "model_version", "handling", "e_file"]
    search_fields = ["name", "leika_key"]
    list_select_related = ["subject_area", "municipality"]


class ProjectCostInline(admin.TabularInline):
    model = ProjectCost
    extra = 0


class MilestoneInline(admin.TabularInline):
    model = Milestone
    extra = 0


class ServiceChangeInline(admin.TabularInline):
    model = ServiceChange
    extra = 0
    raw_id_fields = ["service"]


@admin.register(Project)
class ProjectAdmin(GuardedModelAdmin, SimpleHistoryAdmin):
    list_display = ["title", "layer", "status", "municipality", "org_unit", "lead"]
    list_filter = ["municipality", "layer", "status", "mandatory"]
    search_fields = ["title", "description"]
    list_select_related = ["municipality", "org_unit", "lead"]
    raw_id_fields = ["lead", "org_unit"]
    inlines = [ProjectCostInline, MilestoneInline, ServiceChangeInline]

    def save_model(self, request, obj, form, change):
        actions.project_save(project=obj)


@admin.register(StatusReport)
class StatusReportAdmin(admin.ModelAdmin):
    list_display = ["project", "date", "overall", "percent_complete"]
    list_filter = ["overall", "project__municipality"]
    list_select_related = ["project"]
    raw_id_fields = ["project"]


@admin.register(Dependency)
class DependencyAdmin(admin.ModelAdmin):
    list_display = ["project", "requires", "note"]
    list_select_related = ["project", "requires"]
    raw_id_fields = ["project", "requires"]


@admin.register(Contribution)
class ContributionAdmin(admin.ModelAdmin):
    list_display = ["project", "goal", "weight"]
    list_select_related = ["project", "goal"]
    raw_id_fields = ["project", "goal"]


@admin.register(ServiceChange)
class ServiceChangeAdmin(admin.ModelAdmin):
    list_display = ["project", "service", "target_level", "target_handling", "staff_minutes_saved"]
    list_select_related = ["project", "service"]
    raw_id_fields = ["project", "service"]


@admin.register(Milestone)
class MilestoneAdmin(admin.ModelAdmin):
    list_display = ["title", "project", "due_date", "done_date"]
    list_select_related = ["project"]
    raw_id_fields = ["project"]


@admin.register(ProjectCost)
class ProjectCostAdmin(admin.ModelAdmin):
    list_display = ["project", "year", "invest", "operating"]
    list_select_related = ["project"]
    raw_id_fields = ["project"]


class CriterionFormSet(BaseInlineFormSet):
    """The same rule as the pages: weights that do not sum to one are refused with a message."""

    def clean(self):
        super().clean()
        weights = [
            form.cleaned_data["weight"]
            for form in self.forms
            if form.cleaned_data.get("weight") is not None and not form.cleaned_data.get("DELETE")
        ]
        self.instance.check_weights(weights)


class CriterionInline(admin.TabularInline):
    model = Criterion
    formset = CriterionFormSet
    extra = 0


@admin.register(ScoringModel)
class ScoringModelAdmin(admin.ModelAdmin):
    list_display = ["name", "municipality", "method", "active", "top_k"]
    list_filter = ["municipality", "method", "active"]
    inlines = [CriterionInline]

    def save_formset(self, request, form, formset, change):
        if formset.model is not Criterion:
            return super().save_formset(request, form, formset, change)
        formset.save(commit=False)
        for criterion in formset.deleted_objects:
            criterion.delete()
        for criterion in formset.new_objects:
            criterion.save()
        for criterion, _fields in formset.changed_objects:
            criterion.save()
        weights_changed = (
            formset.deleted_objects
            or formset.new_objects
            or any("weight" in fields for _criterion, fields in formset.changed_objects)
        )
        if weights_changed:
            # The set as a whole, as the weights page saves it: checked to sum to one, method "direct".
            weights = dict(Criterion.objects.filter(model=form.instance).values_list("key", "weight"))
            actions.scoring_model_set_weights(model=form.instance, weights=weights)
        formset.save_m2m()
        return None


@admin.register(Assessment)
class AssessmentAdmin(admin.ModelAdmin):
    list_display = ["project", "criterion", "value"]
    list_select_related = ["project", "criterion"]
    raw_id_fields = ["project", "criterion"]


@admin.register(PairwiseComparison)
class PairwiseComparisonAdmin(admin.ModelAdmin):
    list_display = ["model", "first", "second", "value"]
    list_select_related = ["model", "first", "second"]

    def save_model(self, request, obj, form, change):
        actions.pairwise_comparison_save(comparison=obj)

    def delete_model(self, request, obj):
        actions.pairwise_comparison_delete(comparison=obj)

    def delete_queryset(self, request, queryset):
        for comparison in queryset.select_related("model"):
            actions.pairwise_comparison_delete(comparison=comparison)


class ScenarioBudgetInline(admin.TabularInline):
    model = ScenarioBudget
    extra = 0


@admin.register(Scenario)
class ScenarioAdmin(admin.ModelAdmin):
    """Scenarios are saved through ``actions.scenario_save``; solving is on the scenario's page."""

    list_display = ["name", "municipality", "first_year", "years", "status", "solve_status", "solved_at"]
    list_filter = ["municipality", "status", "solve_status"]
    search_fields = ["name"]
    list_select_related = ["municipality"]
    filter_horizontal = ["mandatory", "excluded"]
    readonly_fields = ["status", "solve_status", "solve_progress", "solve_error", "solved_at", "created_by"]
    inlines = [ScenarioBudgetInline]

    def save_model(self, request, obj, form, change):
        actions.scenario_save(scenario=obj, by=request.user)
