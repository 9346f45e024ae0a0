from django.contrib import admin
from guardian.admin import GuardedModelAdmin

from .models import Membership, Municipality, OrgUnit


class OrgUnitInline(admin.TabularInline):
    model = OrgUnit
    fk_name = "municipality"
    fields = ["name", "short_name", "parent"]
    extra = 0
    show_change_link = True


@admin.register(Municipality)
class MunicipalityAdmin(GuardedModelAdmin):
    list_display = ["name", "ags", "kind", "state", "population", "public_dashboard"]
    list_filter = ["kind", "state", "public_dashboard"]
    search_fields = ["name", "ags"]
    inlines = [OrgUnitInline]


@admin.register(OrgUnit)
class OrgUnitAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "parent", "municipality"]
    list_filter = ["municipality"]
    search_fields = ["name", "short_name"]
    list_select_related = ["parent", "municipality"]
    autocomplete_fields = ["parent"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "municipality", "role"]
    list_filter = ["role", "municipality"]
    search_fields = ["user__username", "user__email", "municipality__name"]
    list_select_related = ["user", "municipality"]
    autocomplete_fields = ["user", "municipality"]
