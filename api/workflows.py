"""What the pages do beyond saving a row, as endpoints of /api/v1/ (issue 15; DESIGN.md §4 strategy and
reports, §6, §7): the steps of a strategy version, council reports with their exports, and inviting a
person into a municipality.

Each endpoint calls the action its page calls (``strategy.actions``, ``reports.actions``,
``municipalities.actions``) and checks in the page's order: an object the caller may not see is 404, a
role that may not act on it 403, and only then the input is validated (400, field errors in the
caller's language).
"""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import APIException, PermissionDenied
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from municipalities.access import MEMBERSHIPS, REPORTS, Action, Role, role_allows
from municipalities.actions import member_invite
from municipalities.models import Membership, Municipality
from reports import actions as report_actions
from reports import selectors
from reports.models import CouncilReport, FileFormat, FileStatus, Language, ReportFile
from strategy import actions as strategy_actions
from strategy.models import CouncilResolution, Strategy

from .base import ScopedRelatedField, ScopedSerializer, ScopedViewSet, roles_in
from .base import run_step as _run
from .endpoints import ScopedFilterSet
from .resources import ROUTES

# --- the answers every endpoint here documents ------------------------------------------------------


class ErrorSerializer(serializers.Serializer):
    """A refused input: messages per field, and those about the input as a whole."""

    non_field_errors = serializers.ListField(child=serializers.CharField(), required=False)


class DetailSerializer(serializers.Serializer):
    detail = serializers.CharField()


ERRORS = {
    400: OpenApiResponse(
        ErrorSerializer, description=gettext_lazy("The input was refused; nothing changed.")
    ),
    403: OpenApiResponse(DetailSerializer, description=gettext_lazy("The caller's role may not do this.")),
    404: OpenApiResponse(DetailSerializer, description=gettext_lazy("No such object for the caller.")),
}
# A step the object's present state does not allow (submitting a version already submitted, publishing a
# published report): the request is right, the object is not where it would need to be (RFC 9110 §15.5.10).
STEPS = {
    **ERRORS,
    409: OpenApiResponse(
        DetailSerializer,
        description=gettext_lazy("The object's state does not allow this step; nothing changed."),
    ),
}


# --- strategy versions ------------------------------------------------------------------------------

StrategySerializer = ROUTES["strategies"][0]


def _strategy_to_change(request, pk: int) -> Strategy:
    """The version by id among those the caller sees (else 404), which the caller may change (else 403)."""
    strategy = get_object_or_404(
        Strategy.objects.for_user(request.user, Action.VIEW).select_related("municipality"), pk=pk
    )
    if not Strategy.objects.for_user(request.user, Action.CHANGE).filter(pk=strategy.pk).exists():
        raise PermissionDenied()
    return strategy


class StrategyStepView(APIView):
    """One step of a strategy version without input (submit, return to draft, revise)."""

    step = staticmethod(strategy_actions.strategy_submit)
    created = False

    def post(self, request, pk: int):
        strategy = _strategy_to_change(request, pk)
        result = _run(lambda: self.step(strategy=strategy))
        return Response(
            StrategySerializer(result, context={"request": request}).data,
            status=status.HTTP_201_CREATED if self.created else status.HTTP_200_OK,
        )


def _step_view(name: str, step, summary: str, *, created: bool = False):
    view = type(
        f"Strategy{name.title().replace('_', '')}View",
        (StrategyStepView,),
        {"step": staticmethod(step), "created": created, "__doc__": summary},
    )

    # A function of its own per view: extend_schema annotates the function it decorates.
    def post(self, request, pk: int):
        return StrategyStepView.post(self, request, pk)

    view.post = extend_schema(
        operation_id=f"strategies_{name}",
        request=None,
        responses={(201 if created else 200): StrategySerializer, **STEPS},
        description=summary,
    )(post)
    return view


StrategySubmitView = _step_view(
    "submit",
    strategy_actions.strategy_submit,
    "Submit a draft to the council (``strategy_submit``): the version is frozen until adopted or returned.",
)
StrategyReturnView = _step_view(
    "return_to_draft",
    strategy_actions.strategy_return_to_draft,
    "Return a submitted version to draft (``strategy_return_to_draft``), when the council sends it back.",
)
StrategyReviseView = _step_view(
    "revise",
    strategy_actions.strategy_revise,
    "Copy the adopted version into a new draft, version + 1, with its fields, goals and indicators "
    "(``strategy_revise``). The answer is the new draft.",
    created=True,
)


class AdoptSerializer(serializers.Serializer):
    """The resolution that adopts the version: one already recorded (``resolution``), or number, date and
    title (and a link) of a new one, recorded only together with the adoption (as on the adopt page)."""

    # Either a resolution or all three of number, date and title: a rule across fields (``api.schema``).
    rules_across_fields = ("number", "date", "title")

    resolution = ScopedRelatedField(queryset=CouncilResolution.objects.all(), required=False, allow_null=True)
    number = serializers.CharField(max_length=50, required=False, allow_blank=True)
    date = serializers.DateField(required=False, allow_null=True)
    title = serializers.CharField(max_length=300, required=False, allow_blank=True)
    url = serializers.URLField(max_length=200, required=False, allow_blank=True)

    def validate(self, attrs):
        municipality = self.context["municipality"]
        existing = attrs.get("resolution")
        if existing is not None:
            if existing.municipality_id != municipality.pk:
                raise serializers.ValidationError(
                    {"resolution": [_("The resolution must be one of this municipality's council.")]}
                )
            return attrs
        errors = {
            name: [_("Enter the resolution's number, date and title, or choose a recorded one.")]
            for name in ("number", "date", "title")
            if not attrs.get(name)
        }
        number = attrs.get("number")
        if number and CouncilResolution.objects.filter(municipality=municipality, number=number).exists():
            errors["number"] = [_("A resolution with this number is already recorded; choose it above.")]
        if errors:
            raise serializers.ValidationError(errors)
        return attrs

    def chosen_or_new(self) -> CouncilResolution:
        data = self.validated_data
        if data.get("resolution") is not None:
            return data["resolution"]
        resolution = CouncilResolution(
            municipality=self.context["municipality"],
            number=data["number"],
            date=data["date"],
            title=data["title"],
            url=data.get("url", ""),
        )
        resolution.full_clean()
        resolution.save()
        return resolution


class StrategyAdoptView(APIView):
    """Adopt a draft or submitted version by a council resolution (``strategy_adopt``)."""

    @extend_schema(
        operation_id="strategies_adopt",
        request=AdoptSerializer,
        responses={200: StrategySerializer, **STEPS},
        description="Adopt a draft or submitted version (``strategy_adopt``) by a council resolution: the id "
        "of a recorded one, or number, date and title of a new one, recorded in the same transaction. The "
        "version is frozen; an adopted predecessor becomes superseded.",
    )
    def post(self, request, pk: int):
        strategy = _strategy_to_change(request, pk)
        data = AdoptSerializer(
            data=request.data, context={"request": request, "municipality": strategy.municipality}
        )
        data.is_valid(raise_exception=True)

        def adopt():
            with transaction.atomic():  # a new resolution only together with the adoption it is for
                return strategy_actions.strategy_adopt(strategy=strategy, resolution=data.chosen_or_new())

        result = _run(adopt)
        return Response(StrategySerializer(result, context={"request": request}).data)


class ScenarioAdoptView(APIView):
    """Adopt a scenario's answer as the plan by a council resolution (``scenario_adopt``)."""

    @extend_schema(
        operation_id="scenarios_adopt",
        request=AdoptSerializer,
        responses={200: ROUTES["scenarios"][0], **STEPS},
        description="Adopt a solved scenario as the plan (``scenario_adopt``, as its page does) by a council "
        "resolution: the id of a recorded one, or number, date and title of a new one. Its chosen ideas and "
        "proposals become approved (checked transitions) with the start years of the answer; a scenario "
        "adopted before goes back to draft. 409 when the scenario is unsolved, already adopted or its answer "
        "no longer matches the inputs.",
    )
    def post(self, request, pk: int):
        from portfolio import actions as portfolio_actions
        from portfolio.models import Scenario

        scenario = get_object_or_404(
            Scenario.objects.for_user(request.user, Action.VIEW).select_related("municipality"), pk=pk
        )
        if not Scenario.objects.for_user(request.user, Action.CHANGE).filter(pk=scenario.pk).exists():
            raise PermissionDenied()
        data = AdoptSerializer(
            data=request.data, context={"request": request, "municipality": scenario.municipality}
        )
        data.is_valid(raise_exception=True)

        def adopt():
            with transaction.atomic():
                return portfolio_actions.scenario_adopt(
                    scenario=scenario, resolution=data.chosen_or_new(), user=request.user
                )

        result = _run(adopt)
        return Response(ROUTES["scenarios"][0](result, context={"request": request}).data)


# --- council reports --------------------------------------------------------------------------------


class PublishSerializer(serializers.Serializer):
    """The confirmation the report page asks for before the period has ended."""

    early = serializers.BooleanField(
        required=False,
        default=False,
        help_text="Confirm publishing before the period's last day, with the figures frozen as of today.",
    )


class CouncilReportSerializer(ScopedSerializer):
    """A council report as its page shows it. Created as a draft whose summary is written from the figures
    (``report_create``); of a draft, title, meeting date and summary can be changed afterwards."""

    class Meta:
        model = CouncilReport
        fields = [
            "id",
            "municipality",
            "title",
            "period_start",
            "period_end",
            "meeting_date",
            "language",
            "round",
            "scenario",
            "status",
            "summary",
            "corrects",
            "published_at",
            "published_by",
        ]
        read_only_fields = ["status", "corrects", "published_at", "published_by"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = Language.choices
        if self.instance is None:
            self.fields["summary"].read_only = True  # written from the figures; edit it afterwards
        elif not isinstance(self.instance, list | tuple):
            for name in ("period_start", "period_end", "language", "round", "scenario"):
                self.fields[name].read_only = True  # as the edit page: the figures' period stays

    def validate(self, attrs):
        attrs = super().validate(attrs)
        round = attrs.get("round")
        municipality = attrs.get("municipality") or getattr(self.instance, "municipality", None)
        if round is not None and municipality is not None and round.municipality_id != municipality.pk:
            raise serializers.ValidationError(
                {"round": [_("The reporting round must be one of this municipality's.")]}
            )
        scenario = attrs.get("scenario")
        if scenario is not None and municipality is not None and scenario.municipality_id != municipality.pk:
            raise serializers.ValidationError(
                {"scenario": [_("The scenario must be one of this municipality's.")]}
            )
        return attrs

    def create(self, validated_data):
        validated_data.setdefault("language", Language.GERMAN)
        return report_actions.report_create(user=self.context["request"].user, **validated_data)


class PdfRenderer(BaseRenderer):
    media_type = "application/pdf"
    format = "pdf"
    charset = None
    render_style = "binary"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return data


class XlsxRenderer(PdfRenderer):
    media_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    format = "xlsx"


class ReportFileRequestSerializer(serializers.Serializer):
    format = serializers.ChoiceField(choices=FileFormat.choices, help_text="pdf or xlsx")


class ReportFileSerializer(serializers.ModelSerializer):
    """A council report's file as made in the background: ``status`` waiting → being made → done (or
    failed, with ``error``), ``progress`` in percent, ``step`` what the worker does now."""

    status = serializers.SerializerMethodField()
    download = serializers.SerializerMethodField()

    class Meta:
        model = ReportFile
        fields = [
            "id",
            "report",
            "format",
            "status",
            "progress",
            "step",
            "error",
            "requested_at",
            "finished_at",
            "download",
        ]
        read_only_fields = fields

    def get_status(self, file) -> str:
        """queued, running, done or failed (a file whose worker stopped counts as failed)."""
        return FileStatus.FAILED if file.stalled(timezone.now()) else file.status

    def get_download(self, file) -> str | None:
        if file.status != FileStatus.DONE:
            return None
        return self.context["request"].build_absolute_uri(
            reverse("api:report-files-download", args=[file.pk])
        )


class FileNotReady(APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "not_ready"
    default_detail = gettext_lazy("The file is not ready; read its status until it is done.")


def _download(content: bytes, *, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class CouncilReportFilterSet(ScopedFilterSet):
    class Meta:
        model = CouncilReport
        fields = {"municipality": ["exact"], "status": ["exact"]}


class CouncilReportViewSet(ScopedViewSet):
    """Council reports the caller may see (council members: published ones only), DESIGN.md §4 reports.
    A report is never deleted: a published one is replaced by publishing a correction."""

    model = CouncilReport
    serializer_class = CouncilReportSerializer
    filterset_class = CouncilReportFilterSet
    ordering = ["-period_end", "-pk"]
    ordering_fields = ["pk", "period_end", "meeting_date"]
    select_related = ("corrects", "published_by", "municipality", "round")
    http_method_names = ["get", "post", "put", "patch", "head", "options"]
    conditional_actions = ("update", "partial_update", "publish")
    etag_actions = ("publish", "correct")

    def create(self, request, *args, **kwargs):
        # Permission before validation: a role that adds reports nowhere (council) is 403 whatever it sends;
        # the municipality it names is checked after validation, as for every create.
        roles = set(Membership.objects.filter(user=request.user).values_list("role", flat=True))
        if not (request.user.is_superuser or role_allows(roles, REPORTS, Action.ADD)):
            raise PermissionDenied()
        return super().create(request, *args, **kwargs)

    def perform_update(self, serializer):
        if serializer.instance.is_frozen:
            message = _("A published report cannot be changed; publish a correction instead.")
            raise serializers.ValidationError({"non_field_errors": [message]})
        super().perform_update(serializer)

    def handle_exception(self, exc):
        # A refusal is JSON, as documented, also when the PDF or workbook was asked for (``?format=pdf``).
        if getattr(getattr(self.request, "accepted_renderer", None), "render_style", "") == "binary":
            self.request.accepted_renderer = JSONRenderer()
            self.request.accepted_media_type = JSONRenderer.media_type
        return super().handle_exception(exc)

    def _to_change(self) -> CouncilReport:
        report = self.get_object()
        if not self._allowed(report, Action.CHANGE):
            raise PermissionDenied()
        return report

    @extend_schema(
        request=PublishSerializer,
        responses={200: CouncilReportSerializer, **STEPS},
        description="Publish a draft (``report_publish``): every figure is frozen into the report, council "
        "members can read it, and a report it corrects is withdrawn. Before the period's last day it is "
        "refused unless ``early`` confirms that the figures are frozen as of today (as the page asks).",
    )
    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        report = self._to_change()
        body = PublishSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        early = body.validated_data.get("early", False)
        with transaction.atomic():
            locked = self._locked(report)
            self._check_write(locked, Action.CHANGE)
            published = _run(
                lambda: report_actions.report_publish(report=locked, user=request.user, early=early)
            )
        self._etag_instance = published
        return Response(self.get_serializer(published).data)

    @extend_schema(
        request=None,
        responses={201: CouncilReportSerializer, **STEPS},
        description="Start the correction of a published report: a draft of the same period that names the "
        "report it replaces; publishing it withdraws the original (as the report page does).",
    )
    @action(detail=True, methods=["post"])
    def correct(self, request, pk=None):
        old = self._to_change()
        if not role_allows(roles_in(request.user, old.municipality_id), REPORTS, Action.ADD) and not (
            request.user.is_superuser
        ):
            raise PermissionDenied()
        report = _run(lambda: report_actions.report_correct(report=old, user=request.user))
        self._etag_instance = report
        return Response(self.get_serializer(report).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        request=ReportFileRequestSerializer,
        responses={202: ReportFileSerializer, 400: ERRORS[400], 404: ERRORS[404]},
        description="Ask for the report as PDF or XLSX (``report_file_request``, as the report page's "
        "buttons): the file is made in the background and the answer (202) comes at once, with the "
        "file's id. Read ``/report-files/{id}/`` until its status is ``done``, then fetch its ``download``. "
        "Asking again while it is made returns the same file; after a failure it is the retry. The file "
        "holds the figures the caller may see, and only the caller gets it.",
    )
    @action(detail=True, methods=["post"], serializer_class=ReportFileRequestSerializer)
    def files(self, request, pk=None):
        report = self.get_object()
        self._etag_instance = None
        body = ReportFileRequestSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        file = _run(
            lambda: report_actions.report_file_request(
                report=report, user=request.user, format=body.validated_data["format"]
            )
        )
        return Response(
            ReportFileSerializer(file, context={"request": request}).data, status=status.HTTP_202_ACCEPTED
        )


class ReportFileFilterSet(ScopedFilterSet):
    class Meta:
        model = ReportFile
        # No filter named "format": DRF reads ``?format=`` as the answer's renderer.
        fields = {"report": ["exact"], "status": ["exact"]}


class ReportFileViewSet(viewsets.ReadOnlyModelViewSet):
    """The caller's PDF and XLSX files of council reports (``reports.selectors.report_files``): status,
    progress and, once made, the download. Asked for through ``/council-reports/{id}/files/``."""

    queryset = ReportFile.objects.none()  # for the schema; ``get_queryset`` reads the caller's files
    serializer_class = ReportFileSerializer
    filterset_class = ReportFileFilterSet

    def get_queryset(self):
        return selectors.report_files(user=self.request.user)

    @extend_schema(
        request=None,
        responses={
            (200, PdfRenderer.media_type): OpenApiTypes.BINARY,
            (200, XlsxRenderer.media_type): OpenApiTypes.BINARY,
            404: ERRORS[404],
            409: OpenApiResponse(DetailSerializer, description=gettext_lazy("The file is not ready.")),
        },
        description="The made file (status ``done``); 409 while it is waiting, being made or failed.",
    )
    @action(detail=True, methods=["get"], renderer_classes=[JSONRenderer, PdfRenderer, XlsxRenderer])
    def download(self, request, pk=None):
        # DRF's lookup: an id that is no number (``true``) is a 404 like an id of nothing.
        file = generics.get_object_or_404(self.get_queryset().defer(None), pk=pk)
        if file.status != FileStatus.DONE:
            raise FileNotReady()
        return _download(bytes(file.content), content_type=file.content_type, filename=file.filename)

    def handle_exception(self, exc):
        # A refusal is JSON, as documented, also when the file's type was asked for.
        if getattr(getattr(self.request, "accepted_renderer", None), "render_style", "") == "binary":
            self.request.accepted_renderer = JSONRenderer()
            self.request.accepted_media_type = JSONRenderer.media_type
        return super().handle_exception(exc)


# --- inviting people --------------------------------------------------------------------------------


class InviteSerializer(serializers.Serializer):
    """Whom to invite and with which role."""

    email = serializers.EmailField(max_length=150)
    role = serializers.ChoiceField(choices=Role.choices)
    language = serializers.ChoiceField(
        choices=settings.LANGUAGES,
        required=False,
        help_text="The language of the e-mail the person receives (default: the language of the request).",
    )


class InvitedSerializer(serializers.Serializer):
    """The answer to an invitation: the same whether the address had an account or not."""

    membership = serializers.IntegerField()
    municipality = serializers.IntegerField()
    email = serializers.EmailField()
    role = serializers.ChoiceField(choices=Role.choices)


class InviteView(APIView):
    @extend_schema(
        operation_id="municipalities_invite",
        request=InviteSerializer,
        responses={201: InvitedSerializer, **ERRORS},
        description="Give a person a role in the municipality by e-mail address (``member_invite``): the "
        "account with that address, or a new one without a password. The answer is the same either way.",
    )
    def post(self, request, pk: int):
        municipality = get_object_or_404(Municipality.objects.for_user(request.user, Action.VIEW), pk=pk)
        if not (
            request.user.is_superuser
            or role_allows(roles_in(request.user, municipality.pk), MEMBERSHIPS, Action.ADD)
        ):
            raise PermissionDenied()
        data = InviteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        email, role = data.validated_data["email"], data.validated_data["role"]
        language = data.validated_data.get("language", get_language())
        login_url = request.build_absolute_uri(reverse("login"))
        membership = _run(
            lambda: member_invite(
                municipality=municipality, email=email, role=role, language=language, login_url=login_url
            )
        )
        return Response(
            InvitedSerializer(
                {"membership": membership.pk, "municipality": municipality.pk, "email": email, "role": role}
            ).data,
            status=status.HTTP_201_CREATED,
        )
