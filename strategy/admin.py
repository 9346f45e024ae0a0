"""Admin for the strategy models; frozen versions and their parts are read-only here too."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import CouncilResolution, FieldOfAction, Goal, Indicator, Measurement, Strategy


class FrozenReadOnlyAdmin(SimpleHistoryAdmin):
    """No change or delete of a submitted, adopted or superseded version (the model refuses it anyway)."""

    strategy_path: tuple[str, ...] = ()

    def _strategy(self, obj):
        for name in self.strategy_path:
            obj = getattr(obj, name)
        return obj

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not (obj and self._strategy(obj).is_frozen)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not (obj and self._strategy(obj).is_frozen)


@admin.register(CouncilResolution)
class CouncilResolutionAdmin(admin.ModelAdmin):
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
    strategy_path = ("strategy",)
    list_display = ["title", "strategy", "position", "weight"]
    list_select_related = ["strategy"]
    search_fields = ["title"]


@admin.register(Goal)
class GoalAdmin(FrozenReadOnlyAdmin):
    strategy_path = ("field", "strategy")
    list_display = ["title", "field", "owner", "target_date", "weight"]
    list_select_related = ["field__strategy", "owner"]
    search_fields = ["title"]


@admin.register(Indicator)
class IndicatorAdmin(FrozenReadOnlyAdmin):
    strategy_path = ("goal", "field", "strategy")
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
    list_display = ["indicator", "date", "value", "source", "recorded_by"]
    list_select_related = ["indicator", "recorded_by"]
    date_hierarchy = "date"
    search_fields = ["indicator__name"]
