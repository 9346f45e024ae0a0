"""Every model of municipalities, strategy, portfolio and staffing as an endpoint of /api/v1/ (DESIGN.md §7),
each behind the scoping gate. The route name is the resource's URL segment.

Where a page writes through an action, so does the API (DESIGN.md §3): memberships, projects (the lead's
grant, status transitions), measurements (recorded or corrected), ratings, criteria weights and pairwise
comparisons. The other models are saved by the serializer after ``full_clean``, as their page forms do.
"""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from municipalities.access import PORTFOLIO, Action, role_allows
from municipalities.actions import membership_add, membership_change_role, membership_remove
from municipalities.models import Membership, Municipality, OrgUnit
from portfolio.actions import (
    assessments_save,
    pairwise_comparison_delete,
    pairwise_comparison_save,
    project_save,
    project_transition,
    scenario_save,
    scenario_solve_request,
    scoring_model_set_weights,
    status_report_record,
)
from portfolio.models import (
    OPEN,
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
    SolveStatus,
    StatusReport,
    SubjectArea,
)
from portfolio.ranking import CR_THRESHOLD
from portfolio.selectors import ahp_view, scenario_page
from reports.selectors import owned_indicators, owned_projects
from staffing.models import (
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
from strategy.actions import measurement_approve, measurement_correct, measurement_record
from strategy.models import CouncilResolution, FieldOfAction, Goal, Indicator, Measurement, Strategy

from .base import ScopedSerializer, ScopedViewSet, municipality_of, roles_in, run_step
from .endpoints import endpoint, reference_endpoint


class MunicipalityViewSet(ScopedViewSet):
    """A municipality is a tenant: the operators of the installation (superusers) create and delete it,
    its admin changes its settings (DESIGN.md §1). Deleting it would take every row of the tenant along."""

    def create(self, request, *args, **kwargs):
        # Permission before validation: whoever may not create a municipality learns nothing from its
        # field errors (a municipality admin with invalid data is 403, not 400).
        if not request.user.is_superuser:
            raise PermissionDenied()
        return super().create(request, *args, **kwargs)

    def perform_destroy(self, instance):
        if not self.request.user.is_superuser:
            raise PermissionDenied()
        super().perform_destroy(instance)


class MembershipSerializerBase(ScopedSerializer):
    """Created through ``membership_add``; a changed role goes through ``membership_change_role`` (never
    the last administrator; an administrator does not give up their own administrator role), as on the
    members page. The person of a membership is fixed once it exists, like its municipality."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if (
            self.instance is not None
            and not isinstance(self.instance, list | tuple)
            and "user" in self.fields
        ):
            self.fields["user"].read_only = True

    def create(self, validated_data):
        return membership_add(**validated_data)

    def update(self, instance, validated_data):
        role = validated_data.get("role", instance.role)
        return membership_change_role(membership=instance, role=role, by=self.context["request"].user)


class MembershipViewSet(ScopedViewSet):
    def destroy_object(self, instance) -> None:
        membership_remove(membership=instance)  # never the municipality's last administrator


class ProjectSerializerBase(ScopedSerializer):
    """Saves through ``portfolio.actions.project_save``, as the pages do, so the lead's guardian grant
    follows ``lead`` (granted to a new lead, taken from the one replaced). A changed ``status`` moves
    along ``project_transition`` (checked, stamping the actual start and end) after the other fields are
    saved, in the same transaction, as the status buttons of the project page do."""

    transitions = ("status",)

    def create(self, validated_data):
        return project_save(project=Project(**validated_data))

    def update(self, instance, validated_data):
        status = validated_data.pop("status", instance.status)
        for name, value in validated_data.items():
            setattr(instance, name, value)
        project = project_save(project=instance)
        if status != project.status:
            project = project_transition(project=project, status=status)
        return project


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


class ScenarioSerializerBase(ScopedSerializer):
    """A scenario's question (``portfolio.actions.scenario_save``, as on its editor); its budgets are the
    rows of ``/scenario-budgets/``. The answer is read at ``…/result/`` once ``solve_status`` is done."""

    solve_error = serializers.CharField(read_only=True, allow_blank=True)
    solve_status = serializers.ChoiceField(choices=SolveStatus.choices, read_only=True, allow_blank=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        municipality = getattr(self.instance, "municipality_id", None)
        for name in ("mandatory", "excluded"):
            if name in self.fields:
                child = self.fields[name].child_relation
                child.queryset = Project.objects.filter(status__in=OPEN)
                if municipality is not None:
                    child.queryset = child.queryset.filter(municipality_id=municipality)

    def validate(self, attrs):
        attrs = super().validate(attrs)
        municipality = attrs.get("municipality") or getattr(self.instance, "municipality", None)
        errors = {}
        for name in ("mandatory", "excluded"):
            foreign = [
                p.pk for p in attrs.get(name, []) if municipality and p.municipality_id != municipality.pk
            ]
            if foreign:
                errors[name] = [_("These projects are not of this municipality: %(ids)s.") % {"ids": foreign}]
        both = set(attrs.get("mandatory", [])) & set(attrs.get("excluded", []))
        if both:
            errors["excluded"] = [
                _("A project cannot be both in and left out: %(names)s.")
                % {"names": ", ".join(sorted(p.title for p in both))}
            ]
        if errors:
            raise serializers.ValidationError(errors)
        return attrs

    def create(self, validated_data):
        many = {name: validated_data.pop(name, []) for name in ("mandatory", "excluded")}
        by = validated_data.pop("created_by", None)
        scenario = scenario_save(scenario=Scenario(**validated_data), by=by)
        for name, projects in many.items():
            getattr(scenario, name).set(projects)
        return scenario

    def update(self, instance, validated_data):
        many = {
            name: validated_data.pop(name) for name in ("mandatory", "excluded") if name in validated_data
        }
        for name, value in validated_data.items():
            setattr(instance, name, value)
        scenario = scenario_save(scenario=instance)
        for name, projects in many.items():
            getattr(scenario, name).set(projects)
        return scenario


class ScenarioViewSet(ScopedViewSet):
    """Scenarios of the portfolio (council members and project leads: the adopted one only). ``POST
    …/solve/`` solves in the background (202); ``GET …/result/`` is the answer: chosen projects with
    start years, spend and capacity use per year, the naive rule, the frontier, or why nothing fits."""

    def create_extra(self) -> dict:
        return {"created_by": self.request.user}

    @extend_schema(request=None, responses={202: None})
    @action(detail=True, methods=["post"])
    def solve(self, request, pk=None):
        """Solve the scenario in the background (``scenario_solve_request``, as its page's button); read
        ``solve_status`` and ``solve_progress`` until done, then ``…/result/``. Asking again while it is
        solved queues nothing new."""
        scenario = self.get_object()
        if not self._allowed(scenario, Action.CHANGE):
            raise PermissionDenied()
        scenario = scenario_solve_request(scenario=scenario, user=request.user)
        self._etag_instance = None
        return Response(
            {
                "id": scenario.pk,
                "solve_status": scenario.solve_status,
                "solve_progress": scenario.solve_progress,
            },
            status=202,
        )

    @extend_schema(request=None, responses={200: None, 409: OpenApiResponse(description="Not solved yet.")})
    @action(detail=True, methods=["get"])
    def result(self, request, pk=None):
        """The stored answer (``portfolio.selectors.scenario_page``): as on the scenario's page, with the
        reasons of an infeasible scenario in the caller's language and ``stale`` when the inputs changed
        since the solve. 409 until the scenario has been solved."""
        scenario = self.get_object()
        page = scenario_page(user=request.user, scenario=scenario)
        self._etag_instance = None
        if page.result is None:
            return Response({"detail": _("This scenario has not been solved yet.")}, status=409)
        return Response(page.result | {"reasons_text": page.reasons, "stale": page.stale})

    @extend_schema(request=None, responses={200: None, 409: OpenApiResponse(description="Not solved yet.")})
    @action(detail=True, methods=["get"])
    def frontier(self, request, pk=None):
        """The efficient frontier of the last solve: per budget level the optimum and the naive rule."""
        scenario = self.get_object()
        self._etag_instance = None
        if not scenario.result:
            return Response({"detail": _("This scenario has not been solved yet.")}, status=409)
        return Response({"points": scenario.result["frontier"]})


class StatusReportSerializerBase(ScopedSerializer):
    def create(self, validated_data):
        author = validated_data.pop("author", None)
        return status_report_record(report=StatusReport(**validated_data), by=author)


class StatusReportViewSet(ScopedViewSet):
    """Status reports of projects. A project's lead or deputy writes them (as on "My updates",
    ``GET /my-updates/``), whatever their role or grant."""

    def create_extra(self) -> dict:
        return {"author": self.request.user}

    def _owns(self, project) -> bool:
        municipality = municipality_of(project)
        return (
            municipality is not None
            and owned_projects(user=self.request.user, municipality=municipality)
            .filter(pk=project.pk)
            .exists()
        )

    def _may_create(self, instance) -> bool:
        return super()._may_create(instance) or self._owns(instance.project)

    def _check_in_reach(self, instance, action: Action) -> None:
        if action == Action.ADD and self._owns(instance.project):
            return
        super()._check_in_reach(instance, action)


class MeasurementSerializerBase(ScopedSerializer):
    """A value for an indicator and a date that already has one corrects it (``measurement_record``, as
    on the goal page), so there stays one measurement per date."""

    corrects_on = ("indicator", "date")

    def create(self, validated_data):
        return measurement_record(
            indicator=validated_data["indicator"],
            date=validated_data["date"],
            value=validated_data["value"],
            source=validated_data.get("source", ""),
            note=validated_data.get("note", ""),
            by=validated_data.get("recorded_by"),
        )

    def update(self, instance, validated_data):
        by = validated_data.pop("recorded_by", None)
        return measurement_correct(measurement=instance, by=by, **validated_data)


class MeasurementViewSet(ScopedViewSet):
    """Values of indicators. Where the municipality asks for approval, an owner's value waits
    (``approved_at`` is null) until a strategist approves it (``POST …/approve/``) or rejects it
    (``DELETE``); only approved values count in progress and reports."""

    def create_extra(self) -> dict:
        return {"recorded_by": self.request.user}

    def update_extra(self) -> dict:
        return {"recorded_by": self.request.user}  # who corrected it, as a second record does

    # An indicator's owner enters its values (as on "My updates", ``GET /my-updates/``) whatever their
    # role: the responsible person or deputy of the unit that owns it (``owned_indicators``).
    def _owns(self, indicator) -> bool:
        municipality = municipality_of(indicator)
        return (
            municipality is not None
            and owned_indicators(user=self.request.user, municipality=municipality)
            .filter(pk=indicator.pk)
            .exists()
        )

    def _may_create(self, instance) -> bool:
        return super()._may_create(instance) or self._owns(instance.indicator)

    def _check_in_reach(self, instance, action: Action) -> None:
        if action == Action.ADD and self._owns(instance.indicator):
            return
        super()._check_in_reach(instance, action)

    @extend_schema(
        request=None,
        responses={
            200: None,
            409: OpenApiResponse(description="The value is already approved; nothing changed."),
        },
    )
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        """Approve a value waiting for approval (``measurement_approve``, as on the approval list of "My
        updates"): from now on it counts. Strategists and administrators only; 409 if already approved."""
        measurement = self.get_object()
        with transaction.atomic():
            locked = self._locked(measurement)
            self._check_write(locked, Action.CHANGE)
            approved = run_step(lambda: measurement_approve(measurement=locked, by=request.user))
        return Response(self.get_serializer(approved).data)


class AssessmentSerializerBase(ScopedSerializer):
    """Ratings through ``portfolio.actions.assessments_save``, as on the ratings page: a second rating of
    a project on a criterion corrects the first. A rating stays on its criterion (rate another by POST)."""

    corrects_on = ("project", "criterion")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance is not None and "criterion" in self.fields:
            self.fields["criterion"].read_only = True

    @staticmethod
    def _save(*, project, criterion, validated_data, value):
        notes = {criterion.key: validated_data["note"]} if "note" in validated_data else None
        saved = assessments_save(
            project=project, model=criterion.model, values={criterion.key: value}, notes=notes
        )
        return saved[criterion.key]

    def create(self, validated_data):
        return self._save(
            project=validated_data["project"],
            criterion=validated_data["criterion"],
            validated_data=validated_data,
            value=validated_data["value"],
        )

    def update(self, instance, validated_data):
        return self._save(
            project=instance.project,
            criterion=instance.criterion,
            validated_data=validated_data,
            value=validated_data.get("value", instance.value),
        )


class AssessmentViewSet(ScopedViewSet):
    def destroy_object(self, instance) -> None:
        assessments_save(
            project=instance.project, model=instance.criterion.model, values={instance.criterion.key: None}
        )


# A criterion's part in the weighting, written through ``scoring_model_set_weights`` (weights sum to one).
WEIGHTING = ("weight", "basis", "lower_is_better")


class CriterionSerializerBase(ScopedSerializer):
    """Name, key and position are saved as they are; weight, basis and direction through
    ``scoring_model_set_weights`` as on the criteria page, which refuses weights that no longer sum to one
    (change several weights at once through ``POST /scoring-models/{id}/weights/``)."""

    def update(self, instance, validated_data):
        weighting = {name: validated_data.pop(name) for name in WEIGHTING if name in validated_data}
        instance = super().update(instance, validated_data)
        if weighting:
            model = instance.model
            weights = {}
            if "weight" in weighting:
                stored = dict(model.criteria.values_list("key", "weight"))
                weights = stored | {instance.key: weighting["weight"]}
            scoring_model_set_weights(
                model=model,
                weights=weights,
                bases={instance.key: weighting["basis"]} if "basis" in weighting else None,
                lower_is_better=(
                    {instance.key: weighting["lower_is_better"]} if "lower_is_better" in weighting else None
                ),
                # Weights set here are set directly; a change of basis or direction keeps the method.
                **({} if "weight" in weighting else {"method": model.method}),
            )
            instance.refresh_from_db()
        return instance


class WeightsSerializer(serializers.Serializer):
    """The weights of a scoring model's criteria by key; together they sum to one."""

    rules_across_fields = ("weights",)  # the model's own criteria, summing to one (``api.schema``)

    weights = serializers.DictField(
        child=serializers.DecimalField(max_digits=5, decimal_places=4, min_value=0, max_value=1),
        allow_empty=False,
    )


class DisagreementSerializer(serializers.Serializer):
    first = serializers.CharField()
    second = serializers.CharField()
    given = serializers.FloatField()
    implied = serializers.FloatField()


class AhpSerializer(serializers.Serializer):
    """The AHP weights of a scoring model's pairwise judgements and their consistency (DESIGN.md §5)."""

    weights = serializers.DictField(child=serializers.FloatField())
    lambda_max = serializers.FloatField()
    ci = serializers.FloatField()
    cr = serializers.FloatField(help_text="Consistency ratio; above `threshold` the judgements contradict.")
    consistent = serializers.BooleanField()
    threshold = serializers.FloatField()
    complete = serializers.BooleanField(help_text="Every pair of criteria is judged.")
    missing = serializers.ListField(
        child=serializers.ListField(child=serializers.CharField()), help_text="The pairs still to judge."
    )
    disagreements = DisagreementSerializer(many=True, help_text="The judgements that disagree most.")


class ScoringModelViewSet(ScopedViewSet):
    conditional_actions = (*ScopedViewSet.conditional_actions, "weights")
    etag_actions = ("weights", "ahp")

    @extend_schema(
        request=WeightsSerializer,
        responses={
            200: WeightsSerializer,
            400: OpenApiResponse(description="The weights do not sum to one; the message names the sum."),
        },
    )
    @action(detail=True, methods=["post"], serializer_class=WeightsSerializer)
    def weights(self, request, pk=None):
        """Set the weights of the model's criteria at once, as the ranking and criteria pages do
        (``scoring_model_set_weights``): refused unless they sum to one; the method becomes "direct"."""
        model = self.get_object()
        data = WeightsSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        weights = data.validated_data["weights"]
        with transaction.atomic():
            locked = self._locked(model)
            self._check_write(locked, Action.CHANGE)
            self._write(lambda: scoring_model_set_weights(model=locked, weights=weights))
        stored = dict(locked.criteria.values_list("key", "weight"))
        return Response(WeightsSerializer({"weights": stored}).data)

    @extend_schema(request=None, responses=AhpSerializer)
    @action(detail=True, methods=["get"], serializer_class=AhpSerializer)
    def ahp(self, request, pk=None):
        """The AHP weights of the model's pairwise judgements (a pair not judged counts as equally
        important), the consistency ratio (``consistent`` is false above 0.1), the judgements that disagree
        most with the others, and the pairs still to judge. The weights become the model's once every
        pair is judged (``complete``)."""
        view = ahp_view(model=self.get_object())
        result = view.result
        return Response(
            AhpSerializer(
                {
                    "weights": {key: float(weight) for key, weight in result.weights.items()},
                    "lambda_max": result.lambda_max,
                    "ci": result.ci,
                    "cr": result.cr,
                    "consistent": result.consistent,
                    "threshold": CR_THRESHOLD,
                    "complete": view.complete,
                    "missing": [list(pair) for pair in view.missing],
                    "disagreements": [d._asdict() for d in result.disagreements],
                }
            ).data
        )


class PairwiseComparisonSerializerBase(ScopedSerializer):
    """One judgement through ``pairwise_comparison_save``: the model's weights follow its judgements (AHP),
    as when the comparisons page saves them."""

    def create(self, validated_data):
        return pairwise_comparison_save(comparison=PairwiseComparison(**validated_data))

    def update(self, instance, validated_data):
        for name, value in validated_data.items():
            setattr(instance, name, value)
        return pairwise_comparison_save(comparison=instance)


class PairwiseComparisonViewSet(ScopedViewSet):
    def destroy_object(self, instance) -> None:
        pairwise_comparison_delete(comparison=instance)


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
    "memberships": endpoint(
        Membership,
        filters=("municipality", "user", "role"),
        ordering=("municipality",),
        serializer_base=MembershipSerializerBase,
        viewset_base=MembershipViewSet,
    ),
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
        Measurement,
        filters=("indicator",),
        ordering=("date",),
        serializer_base=MeasurementSerializerBase,
        viewset_base=MeasurementViewSet,
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
        serializer_base=StatusReportSerializerBase,
        viewset_base=StatusReportViewSet,
    ),
    "milestones": endpoint(Milestone, filters=("project",), search=("title",), ordering=("due_date",)),
    "scenarios": endpoint(
        Scenario,
        filters=("municipality", "status", "solve_status"),
        search=("name",),
        ordering=("name", "first_year"),
        exclude=("result", "task_id", "heartbeat"),  # the answer at …/result/; the worker's bookkeeping
        select_related=("municipality",),
        read_only=("status", "solve_status", "solve_progress", "solve_error", "solved_at", "created_by"),
        serializer_base=ScenarioSerializerBase,
        viewset_base=ScenarioViewSet,
    ),
    "scenario-budgets": endpoint(ScenarioBudget, filters=("scenario", "year"), ordering=("year",)),
    "scenario-capacities": endpoint(
        ScenarioCapacity, filters=("scenario", "skill", "year"), ordering=("year",)
    ),
    "contributions": endpoint(Contribution, filters=("project", "goal"), ordering=("project",)),
    "scoring-models": endpoint(
        ScoringModel,
        filters=("municipality", "active"),
        search=("name",),
        ordering=("name",),
        viewset_base=ScoringModelViewSet,
    ),
    "criteria": endpoint(
        Criterion, filters=("model", "key"), ordering=("position",), serializer_base=CriterionSerializerBase
    ),
    "assessments": endpoint(
        Assessment,
        filters=("project", "criterion"),
        ordering=("project",),
        serializer_base=AssessmentSerializerBase,
        viewset_base=AssessmentViewSet,
    ),
    "pairwise-comparisons": endpoint(
        PairwiseComparison,
        filters=("model",),
        ordering=("model",),
        serializer_base=PairwiseComparisonSerializerBase,
        viewset_base=PairwiseComparisonViewSet,
    ),
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
