"""Admin for the strategy models; frozen versions, their parts and their resolutions are read-only here too.

The models refuse every write to frozen rows anyway (save, delete, and the querysets' bulk delete and
update behind "delete selected"); the admin only stops offering what would be refused.
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .actions import measurement_approve, measurement_correct
from .models import CouncilResolution, FieldOfAction, Goal, Indicator, Measurement, Strategy


class FrozenReadOnlyMixin:
    """No change, delete or history revert of a frozen row: its change form is shown read-only.

    Frozen is read from the stored row: the history admin passes the historical instance, whose status
    may still say "draft".
    """

    def _frozen(self, obj) -> bool:
        model = type(obj)
        return model.objects.filter(model.frozen_condition(), pk=obj.pk).exists()

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not (obj and self._frozen(obj))

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not (obj and self._frozen(obj))

    def revert_disabled(self, request, obj=None):
        return super().revert_disabled(request, obj) or bool(obj and self._frozen(obj))


class FrozenReadOnlyAdmin(FrozenReadOnlyMixin, SimpleHistoryAdmin):
    """No change or delete of a submitted, adopted or superseded version (the model refuses it anyway)."""


@admin.register(CouncilResolution)
class CouncilResolutionAdmin(FrozenReadOnlyMixin, admin.ModelAdmin):
    list_display = ["number", "date", "title", "municipality"]
    list_filter = ["municipality"]
    search_fields = ["number", "title"]


@admin.register(Strategy)
class StrategyAdmin(FrozenReadOnlyAdmin):
    list_display = ["title", "version", "status", "municipality", "start_year", "end_year", "resolution"]
    list_filter = ["status", "municipality"]
    search_fields = ["title"]
    list_select_related = ["municipality", "resolution"]
    readonly_fields = ["status", "predecessor"]


@admin.register(FieldOfAction)
class FieldOfActionAdmin(FrozenReadOnlyAdmin):
    list_display = ["title", "strategy", "position", "weight"]
    list_select_related = ["strategy"]
    search_fields = ["title"]


@admin.register(Goal)
class GoalAdmin(FrozenReadOnlyAdmin):
    list_display = ["title", "field", "owner", "target_date", "weight"]
    list_select_related = ["field__strategy", "owner"]
    search_fields = ["title"]


@admin.register(Indicator)
class IndicatorAdmin(FrozenReadOnlyAdmin):
    list_display = [
        "name",
        "goal",
        "unit",
        "baseline_value",
        "target_value",
        "target_date",
        "update_interval",
    ]
    list_select_related = ["goal__field__strategy"]
    list_filter = ["kind", "direction", "update_interval"]
    search_fields = ["name"]


@admin.register(Measurement)
class MeasurementAdmin(SimpleHistoryAdmin):
    """Values are saved through ``measurement_correct`` (entered by the admin user: counting at once or
    waiting for approval, as on the pages); waiting ones are approved with the list's action."""

    list_display = ["indicator", "date", "value", "source", "recorded_by", "approved_by", "approved_at"]
    list_select_related = ["indicator", "recorded_by", "approved_by"]
    list_filter = [("approved_at", admin.EmptyFieldListFilter)]
    readonly_fields = ["recorded_by", "approved_by", "approved_at"]
    date_hierarchy = "date"
    search_fields = ["indicator__name"]
    actions = ["approve"]

    def save_model(self, request, obj, form, change):
        measurement_correct(measurement=obj, by=request.user)

    @admin.action(description=_("Approve the selected values waiting for approval"))
    def approve(self, request, queryset):
        waiting = list(queryset.filter(approved_at__isnull=True))
        for measurement in waiting:
            measurement_approve(measurement=measurement, by=request.user)
        self.message_user(request, _("%(n)d values approved.") % {"n": len(waiting)})
