"""Computed endpoints (DESIGN.md §7): the ranking with weights as parameters, the progress of a strategy,
the skills gap. They call the same selectors and analysis functions as the pages and only serialize."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.exceptions import APIException, NotFound, PermissionDenied
from rest_framework.response import Response
from rest_framework.views import APIView

from municipalities.access import PORTFOLIO, STAFFING_AGGREGATES, Action, role_allows
from municipalities.models import Municipality
from municipalities.presentation import none_if_nan
from municipalities.query import MAX_ID, parse_id
from portfolio import ranking as ranking_analysis
from portfolio import selectors as portfolio_selectors
from portfolio.models import COMMITTED, Status
from reports import selectors as report_selectors
from reports.models import ReportingRound
from staffing import selectors as staffing_selectors
from strategy import selectors as strategy_selectors
from strategy.models import Strategy

from .base import roles_in

MUNICIPALITY = OpenApiParameter(
    "municipality",
    {"type": "integer", "minimum": 1, "maximum": MAX_ID},  # what ``parse_id`` takes
    description="The municipality (default: the caller's first one).",
)


def _records(frame, columns) -> list[dict]:
    return [{c: none_if_nan(row[c]) for c in columns} for row in frame.to_dict("records")]


def municipality_for(request) -> Municipality:
    visible = Municipality.objects.for_user(request.user)
    given = request.query_params.get("municipality")
    if given is not None:  # given empty is no id either, as the schema says
        pk = parse_id(given)
        if pk is None:
            raise serializers.ValidationError({"municipality": [_("A valid integer is required.")]})
        return get_object_or_404(visible, pk=pk)
    municipality = visible.order_by("name").first()
    if municipality is None:
        raise NotFound()
    return municipality


RANKING_ROW = {
    "project": serializers.IntegerField(),
    "title": serializers.CharField(),
    "layer": serializers.CharField(),
    "rank": serializers.IntegerField(allow_null=True),
    "score": serializers.FloatField(allow_null=True),
    "complete": serializers.BooleanField(),
    "missing_count": serializers.IntegerField(),
    "p_top_k": serializers.FloatField(allow_null=True),
    "rank_p05": serializers.IntegerField(allow_null=True),
    "rank_p95": serializers.IntegerField(allow_null=True),
    "contributions": serializers.DictField(child=serializers.DictField()),
}


class WeightsConflict(APIException):
    """The stored weights of the scoring model do not sum to one (rows from before the check)."""

    status_code = status.HTTP_409_CONFLICT
    default_code = "weights_sum"


class RankingView(APIView):
    """The ranking of the active scoring model; ``w_<criterion>`` parameters override the weights (any
    finite non-negative numbers, scaled to sum to one; 400 otherwise, naming the parameter), as on the
    ranking page. 409 when the model's stored weights do not sum to one."""

    @extend_schema(
        parameters=[
            MUNICIPALITY,
            OpenApiParameter(
                "w_staff_impact",
                {"type": "number", "minimum": 0},
                description="The weight of a criterion, w_<key> for any key (e.g. w_effort): a finite "
                "non-negative number; the weights are scaled to sum to one.",
            ),
        ],
        responses={
            200: inline_serializer(
                "Ranking",
                {
                    "model": serializers.CharField(),
                    "weights": serializers.DictField(child=serializers.FloatField()),
                    "top_k": serializers.IntegerField(),
                    "projects": inline_serializer("RankingRow", RANKING_ROW, many=True),
                },
            ),
            400: OpenApiResponse(
                description="A w_<key> is not a finite non-negative number, or all weights are zero."
            ),
            409: OpenApiResponse(description="The stored weights of the scoring model do not sum to one."),
        },
    )
    def get(self, request):
        municipality = municipality_for(request)
        if not role_allows(roles_in(request.user, municipality.pk), PORTFOLIO, Action.VIEW):
            raise PermissionDenied()
        model = portfolio_selectors.scoring_model_active(user=request.user, municipality=municipality)
        if model is None:
            raise NotFound()
        try:
            weights = portfolio_selectors.slider_weights(
                request.query_params, criteria=portfolio_selectors.criteria_of(model)
            )
        except portfolio_selectors.WeightParameterError as error:
            raise serializers.ValidationError({error.parameter: [error.message]}) from error
        view = portfolio_selectors.ranking_view(
            user=request.user, municipality=municipality, model=model, weights=weights
        )
        if view.problem:
            raise WeightsConflict(view.problem)
        data, table = view.input, view.table
        titles = {p.pk: (p.title, p.layer) for p in data.projects}
        rows = []
        for project_id, row in table.iterrows():
            rows.append(
                {
                    "project": int(project_id),
                    "title": titles[project_id][0],
                    "layer": titles[project_id][1],
                    "rank": none_if_nan(row["rank"]),
                    "score": none_if_nan(row["score"]),
                    "complete": bool(row["complete"]),
                    "missing_count": int(row["missing_count"]),
                    "p_top_k": none_if_nan(row.get("p_top_k")),
                    "rank_p05": none_if_nan(row.get("rank_p05")),
                    "rank_p95": none_if_nan(row.get("rank_p95")),
                    "contributions": {
                        c.key: {
                            "value": none_if_nan(data.values.at[project_id, c.key]),
                            "source": data.sources.at[project_id, c.key],
                            "points": none_if_nan(row[ranking_analysis.contribution_column(c.key)]),
                        }
                        for c in view.criteria
                    },
                }
            )
        return Response(
            {
                "model": model.name,
                "weights": {k: float(v) for k, v in view.weights.items()},
                "top_k": view.top_k,
                "projects": rows,
            }
        )


class StrategyProgressView(APIView):
    """Progress of a strategy version per field of action, goal and indicator (``strategy.progress``)."""

    @extend_schema(
        responses=inline_serializer(
            "StrategyProgress",
            {
                "strategy": serializers.IntegerField(),
                "today": serializers.DateField(),
                "fields": serializers.ListField(child=serializers.DictField()),
                "goals": serializers.ListField(child=serializers.DictField()),
                "indicators": serializers.ListField(child=serializers.DictField()),
            },
        )
    )
    def get(self, request, pk: int):
        strategy = get_object_or_404(Strategy.objects.for_user(request.user), pk=pk)
        view = strategy_selectors.strategy_overview(strategy=strategy)
        result = view.progress
        columns = ["progress", "expected", "status"]
        indicators = result.indicators.reset_index()
        # A day, as every other date of the API (YYYY-MM-DD), not the analysis frame's midnight timestamp.
        indicators["latest_date"] = indicators["latest_date"].dt.date
        return Response(
            {
                "strategy": strategy.pk,
                "today": view.today,
                "fields": _records(result.fields.reset_index(), ["field_id", *columns]),
                "goals": _records(
                    result.goals.reset_index(), ["goal_id", *columns, "indicator_count", "stale_count"]
                ),
                "indicators": _records(
                    indicators,
                    ["indicator_id", "goal_id", *columns, "latest_value", "latest_date", "stale"],
                ),
            }
        )


class SkillsGapView(APIView):
    """The skills gap per skill and quarter for projects in ``status`` (repeatable; default approved, in
    progress, on hold). For every role but hr and admin, supply and gap of skills held by fewer than five
    people are null and ``suppressed`` is true (DESIGN.md §6)."""

    @extend_schema(
        parameters=[
            MUNICIPALITY,
            OpenApiParameter("status", OpenApiTypes.STR, many=True, enum=Status.values),
        ],
        responses=inline_serializer(
            "SkillsGap",
            {
                "quarters": serializers.ListField(child=serializers.CharField()),
                "rows": serializers.ListField(child=serializers.DictField()),
            },
        ),
    )
    def get(self, request):
        municipality = municipality_for(request)
        roles = roles_in(request.user, municipality.pk)
        if not (request.user.is_superuser or role_allows(roles, STAFFING_AGGREGATES, Action.VIEW)):
            raise PermissionDenied()
        statuses = request.query_params.getlist("status")
        unknown = [s for s in statuses if s not in Status.values]
        if unknown:
            raise serializers.ValidationError({"status": [f"Unknown status: {', '.join(unknown)}."]})
        view = staffing_selectors.gap_view(
            user=request.user,
            municipality=municipality,
            individuals=staffing_selectors.sees_individuals(request.user, municipality, roles),
            statuses=statuses or COMMITTED,
        )
        table = view.table.assign(quarter=view.table["quarter"].astype(str))
        columns = [
            "skill_id",
            "skill",
            "quarter",
            "demand_fte",
            "supply_fte",
            "gap_fte",
            "coverage",
            "needed_level",
            "shortage",
            "suppressed",
        ]
        return Response({"quarters": [str(p) for p in view.periods], "rows": _records(table, columns)})


class MyUpdatesView(APIView):
    """What the caller is asked to update in a municipality (``reports.selectors.my_updates``, the "My
    updates" page): per open round the indicators (of the units the caller is responsible or deputy for)
    and projects (led or deputised) still outstanding in its period, and the caller's indicators overdue
    by their update interval; the caller's values waiting for approval (``waiting``) and, for
    strategists, the values waiting for theirs (``to_approve``, approved with
    ``POST /measurements/{id}/approve/``, rejected with ``DELETE``). Values are entered with
    ``POST /measurements/`` (an owner may, whatever their role), reports with ``POST /status-reports/``."""

    @extend_schema(
        parameters=[MUNICIPALITY],
        responses=inline_serializer(
            "MyUpdates",
            {
                "rounds": serializers.ListField(child=serializers.DictField()),
                "overdue": serializers.ListField(child=serializers.DictField()),
                "waiting": serializers.ListField(child=serializers.DictField()),
                "to_approve": serializers.ListField(child=serializers.DictField()),
            },
        ),
    )
    def get(self, request):
        municipality = municipality_for(request)
        updates = report_selectors.my_updates(
            user=request.user, municipality=municipality, today=timezone.localdate()
        )

        def indicator(i):
            return {"id": i.pk, "name": i.name, "unit": i.unit, "goal": i.goal_id}

        def value(m):
            return {
                "id": m.pk,
                "indicator": m.indicator_id,
                "indicator_name": m.indicator.name,
                "date": m.date,
                "value": str(m.value),
                "note": m.note,
                "recorded_by": m.recorded_by_id,
            }

        return Response(
            {
                "rounds": [
                    {
                        "round": r["round"].pk,
                        "title": r["round"].title,
                        "due_date": r["round"].due_date,
                        "indicators": [indicator(i) for i in r["indicators"]],
                        "projects": [{"id": p.pk, "title": p.title} for p in r["projects"]],
                    }
                    for r in updates.rounds
                ],
                "overdue": [indicator(i) for i in updates.overdue],
                "waiting": [value(m) for m in updates.waiting],
                "to_approve": [value(m) for m in updates.to_approve],
            }
        )


class RoundResponsesView(APIView):
    """The response of a reporting round (``reports.selectors.round_state``, as on the round's page):
    asked, updated (values that count: approved where approval is asked) and the rate, in all and per
    organisational unit, and how many values entered in the period wait for approval."""

    @extend_schema(
        responses=inline_serializer(
            "RoundResponses",
            {
                "round": serializers.IntegerField(),
                "asked": serializers.IntegerField(),
                "updated": serializers.IntegerField(),
                "rate": serializers.FloatField(allow_null=True),
                "waiting": serializers.IntegerField(),
                "by_unit": serializers.ListField(child=serializers.DictField()),
            },
        )
    )
    def get(self, request, pk: int):
        round = get_object_or_404(
            ReportingRound.objects.for_user(request.user).select_related("municipality"), pk=pk
        )
        state = report_selectors.round_state(round=round, user=request.user)
        return Response(
            {
                "round": round.pk,
                "asked": state.total,
                "updated": state.done,
                "rate": state.rate,
                "waiting": state.waiting,
                "by_unit": state.by_unit,
            }
        )
