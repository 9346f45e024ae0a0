"""Admin for the reports app; published reports are read-only here as everywhere (the model refuses)."""

from django.contrib import admin

from .models import CouncilReport, ReportingRound


@admin.register(ReportingRound)
class ReportingRoundAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "municipality",
        "period_start",
        "period_end",
        "due_date",
        "meeting_date",
        "status",
    ]
    list_filter = ["municipality", "status"]


@admin.register(CouncilReport)
class CouncilReportAdmin(admin.ModelAdmin):
    list_display = ["title", "municipality", "period_start", "period_end", "status", "published_at"]
    list_filter = ["municipality", "status", "language"]
    readonly_fields = ["status", "snapshot", "published_at", "published_by"]

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not (obj and obj.is_frozen)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not (obj and obj.is_frozen)
