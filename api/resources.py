"""Every model of municipalities, strategy, portfolio and staffing as an endpoint of /api/v1/ (DESIGN.md §7),
each behind the scoping gate. The route name is the resource's URL segment."""

from __future__ import annotations

from rest_framework.exceptions import PermissionDenied

from municipalities.access import PORTFOLIO, Action, role_allows
from municipalities.models import Membership, Municipality, OrgUnit
from portfolio.actions import project_save
from portfolio.models import (
    Assessment,
    Contribution,
    Criterion,
    Dependency,
    Milestone,
    PairwiseComparison,
    Project,
    ProjectCost,
    ScoringModel,
    Service,
    ServiceChange,
    StatusReport,
    SubjectArea,
)
from staffing.models import (
    ProficiencyLevel,
    RoleProfile,
    RoleProfileSkill,
    Skill,
    SkillCategory,
    SkillDemand,
    StaffMember,
    StaffSkill,
    Vacancy,
)
from strategy.models import CouncilResolution, FieldOfAction, Goal, Indicator, Measurement, Strategy

from .base import ScopedSerializer, ScopedViewSet, roles_in
from .endpoints import endpoint, reference_endpoint


class MunicipalityViewSet(ScopedViewSet):
    """A municipality is a tenant: the operators of the installation (superusers) create and delete it,
    its admin changes its settings (DESIGN.md §1). Deleting it would take every row of the tenant along."""

    def perform_destroy(self, instance):
        if not self.request.user.is_superuser:
            raise PermissionDenied()
        super().perform_destroy(instance)


class ProjectSerializerBase(ScopedSerializer):
    """Saves through ``portfolio.actions.project_save``, as the pages do, so the lead's guardian grant
    follows ``lead`` (granted to a new lead, taken from the one replaced)."""

    def create(self, validated_data):
        return project_save(project=Project(**validated_data))

    def update(self, instance, validated_data):
        for name, value in validated_data.items():
            setattr(instance, name, value)
        return project_save(project=instance)


class ProjectViewSet(ScopedViewSet):
    def perform_update(self, serializer):
        # A lead edits the project it leads but cannot hand it to someone else (as on the edit page):
        # choosing the lead is for those who manage the portfolio.
        data = serializer.validated_data
        if (
            "lead" in data
            and getattr(data["lead"], "pk", None) != serializer.instance.lead_id
            and not (
                self.request.user.is_superuser
                or role_allows(
                    roles_in(self.request.user, serializer.instance.municipality_id), PORTFOLIO, Action.CHANGE
                )
            )
        ):
            raise PermissionDenied()
        super().perform_update(serializer)


class StatusReportViewSet(ScopedViewSet):
    def create_extra(self) -> dict:
        return {"author": self.request.user}


class MeasurementViewSet(ScopedViewSet):
    def create_extra(self) -> dict:
        return {"recorded_by": self.request.user}


ROUTES = {
    # municipalities
    "municipalities": endpoint(
        Municipality,
        filters=("state", "kind"),
        search=("name", "ags"),
        ordering=("name",),
        viewset_base=MunicipalityViewSet,
    ),
    "org-units": endpoint(
        OrgUnit, filters=("municipality", "parent"), search=("name", "short_name"), ordering=("name",)
    ),
    "memberships": endpoint(Membership, filters=("municipality", "user", "role"), ordering=("municipality",)),
    # strategy
    "council-resolutions": endpoint(
        CouncilResolution, filters=("municipality",), search=("number", "title"), ordering=("date",)
    ),
    "strategies": endpoint(
        Strategy,
        filters=("municipality", "status"),
        search=("title",),
        ordering=("title", "version"),
        read_only=("status", "predecessor", "resolution", "version"),
    ),
    "fields-of-action": endpoint(
        FieldOfAction, filters=("strategy",), search=("title",), ordering=("position",)
    ),
    "goals": endpoint(Goal, filters=("field", "owner"), search=("title",), ordering=("position",)),
    "indicators": endpoint(
        Indicator, filters=("goal", "owner", "kind"), search=("name",), ordering=("name",)
    ),
    "measurements": endpoint(
        Measurement, filters=("indicator",), ordering=("date",), viewset_base=MeasurementViewSet
    ),
    # portfolio
    "subject-areas": reference_endpoint(SubjectArea, search=("name_de", "name_en")),
    "services": endpoint(
        Service,
        filters=("municipality", "subject_area", "org_unit", "model_version", "level", "handling", "e_file"),
        search=("name", "leika_key"),
        ordering=("name", "cases_per_year"),
        select_related=("subject_area",),
    ),
    "projects": endpoint(
        Project,
        filters=("municipality", "layer", "status", "org_unit", "lead", "category", "mandatory"),
        search=("title", "description"),
        ordering=("title", "planned_start", "created_at"),
        read_only=("created_at",),
        serializer_base=ProjectSerializerBase,
        viewset_base=ProjectViewSet,
    ),
    "project-costs": endpoint(ProjectCost, filters=("project", "year"), ordering=("year",)),
    "service-changes": endpoint(ServiceChange, filters=("project", "service"), ordering=("project",)),
    "dependencies": endpoint(Dependency, filters=("project", "requires"), ordering=("project",)),
    "status-reports": endpoint(
        StatusReport,
        filters=("project", "overall"),
        search=("summary",),
        ordering=("date",),
        viewset_base=StatusReportViewSet,
    ),
    "milestones": endpoint(Milestone, filters=("project",), search=("title",), ordering=("due_date",)),
    "contributions": endpoint(Contribution, filters=("project", "goal"), ordering=("project",)),
    "scoring-models": endpoint(
        ScoringModel, filters=("municipality", "active"), search=("name",), ordering=("name",)
    ),
    "criteria": endpoint(Criterion, filters=("model", "key"), ordering=("position",)),
    "assessments": endpoint(Assessment, filters=("project", "criterion"), ordering=("project",)),
    "pairwise-comparisons": endpoint(PairwiseComparison, filters=("model",), ordering=("model",)),
    # staffing
    "skill-categories": reference_endpoint(SkillCategory, search=("name_de", "name_en")),
    "skills": reference_endpoint(
        Skill, filters=("category", "framework_code"), search=("code", "name_de", "name_en")
    ),
    "proficiency-levels": reference_endpoint(ProficiencyLevel),
    "role-profiles": endpoint(RoleProfile, filters=("municipality",), search=("name",), ordering=("name",)),
    "role-profile-skills": endpoint(RoleProfileSkill, filters=("profile", "skill"), ordering=("profile",)),
    "staff": endpoint(
        StaffMember,
        filters=("municipality", "org_unit", "role_profile", "employment_type"),
        search=("personnel_number", "name", "job_title"),
        ordering=("personnel_number", "exit_date"),
    ),
    "staff-skills": endpoint(StaffSkill, filters=("staff", "skill", "level"), ordering=("staff",)),
    "vacancies": endpoint(
        Vacancy, filters=("municipality", "skill", "filled"), search=("title",), ordering=("expected_date",)
    ),
    "skill-demands": endpoint(SkillDemand, filters=("project", "skill"), ordering=("project",)),
}
