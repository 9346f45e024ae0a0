"""Admin for the staffing models (DESIGN.md §7). Staff records are personal data: the admin is for the
installation's operators; municipal users work on the pages, where the gate applies."""

from django.contrib import admin

from .models import (
    ProficiencyLevel,
    RoleProfile,
    RoleProfileSkill,
    ScenarioCapacity,
    Skill,
    SkillCategory,
    SkillDemand,
    StaffMember,
    StaffSkill,
    Vacancy,
)


@admin.register(SkillCategory)
class SkillCategoryAdmin(admin.ModelAdmin):
    list_display = ["code", "name_de", "name_en", "position"]


@admin.register(Skill)
class SkillAdmin(admin.ModelAdmin):
    list_display = ["code", "name_de", "name_en", "category", "framework_code"]
    list_filter = ["category"]
    search_fields = ["code", "name_de", "name_en"]
    list_select_related = ["category"]


@admin.register(ProficiencyLevel)
class ProficiencyLevelAdmin(admin.ModelAdmin):
    list_display = ["level", "name_de", "name_en"]


class RoleProfileSkillInline(admin.TabularInline):
    model = RoleProfileSkill
    extra = 0


@admin.register(RoleProfile)
class RoleProfileAdmin(admin.ModelAdmin):
    list_display = ["name", "municipality"]
    list_filter = ["municipality"]
    inlines = [RoleProfileSkillInline]


class StaffSkillInline(admin.TabularInline):
    model = StaffSkill
    extra = 0


@admin.register(StaffMember)
class StaffMemberAdmin(admin.ModelAdmin):
    list_display = ["personnel_number", "name", "municipality", "org_unit", "job_title", "fte", "exit_date"]
    list_filter = ["municipality", "employment_type"]
    search_fields = ["personnel_number", "name", "job_title"]
    list_select_related = ["municipality", "org_unit"]
    raw_id_fields = ["org_unit", "role_profile"]
    inlines = [StaffSkillInline]


@admin.register(Vacancy)
class VacancyAdmin(admin.ModelAdmin):
    list_display = ["title", "municipality", "skill", "level", "fte", "expected_date", "filled"]
    list_filter = ["municipality", "filled"]
    list_select_related = ["municipality", "skill"]


@admin.register(SkillDemand)
class SkillDemandAdmin(admin.ModelAdmin):
    list_display = ["project", "skill", "level", "fte", "start", "end"]
    list_select_related = ["project", "skill"]
    raw_id_fields = ["project"]


@admin.register(ScenarioCapacity)
class ScenarioCapacityAdmin(admin.ModelAdmin):
    list_display = ["scenario", "skill", "year", "fte"]
    list_filter = ["year"]
    list_select_related = ["scenario", "skill"]
    raw_id_fields = ["scenario"]
