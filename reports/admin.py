"""Admin for the reports app; published reports are read-only here as everywhere (the model refuses)."""

from django.contrib import admin

from .models import CouncilReport, Reminder, ReportFile, ReportingRound


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


class ReadOnlyRecordAdmin(admin.ModelAdmin):
    """Records the product writes (files made, reminders sent): to be read, not edited."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(ReportFile)
class ReportFileAdmin(ReadOnlyRecordAdmin):
    list_display = ["report", "format", "requested_by", "requested_at", "status", "progress", "finished_at"]
    list_filter = ["format", "status"]
    list_select_related = ["report", "requested_by"]
    exclude = ["content"]


@admin.register(Reminder)
class ReminderAdmin(ReadOnlyRecordAdmin):
    list_display = ["sent_at", "kind", "recipient", "municipality", "round", "key", "language"]
    list_filter = ["kind", "municipality"]
    list_select_related = ["recipient", "municipality", "round"]
