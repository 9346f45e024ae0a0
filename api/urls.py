"""/api/v1/: one route per resource (``resources.ROUTES``), the computed endpoints, the workflows of the
pages (``workflows``: strategy steps, council reports, invitations), tokens."""

from django.urls import path, re_path
from rest_framework.routers import DefaultRouter

from . import computed, workflows
from .errors import NoSuchResource
from .resources import ROUTES

app_name = "api"

router = DefaultRouter()
for prefix, (_serializer, viewset) in ROUTES.items():
    router.register(prefix, viewset, basename=prefix)
router.register("council-reports", workflows.CouncilReportViewSet, basename="council-reports")
router.register("report-files", workflows.ReportFileViewSet, basename="report-files")

urlpatterns = [
    path("ranking/", computed.RankingView.as_view(), name="ranking"),
    path("strategies/<int:pk>/progress/", computed.StrategyProgressView.as_view(), name="strategy-progress"),
    path("skills-gap/", computed.SkillsGapView.as_view(), name="skills-gap"),
    path("my-updates/", computed.MyUpdatesView.as_view(), name="my-updates"),
    path(
        "reporting-rounds/<int:pk>/responses/", computed.RoundResponsesView.as_view(), name="round-responses"
    ),
    # The steps of a strategy version and inviting a person, as the pages do them (issue 15).
    path("strategies/<int:pk>/submit/", workflows.StrategySubmitView.as_view(), name="strategy-submit"),
    path(
        "strategies/<int:pk>/return-to-draft/",
        workflows.StrategyReturnView.as_view(),
        name="strategy-return-to-draft",
    ),
    path("strategies/<int:pk>/adopt/", workflows.StrategyAdoptView.as_view(), name="strategy-adopt"),
    path("strategies/<int:pk>/revise/", workflows.StrategyReviseView.as_view(), name="strategy-revise"),
    path("municipalities/<int:pk>/invite/", workflows.InviteView.as_view(), name="municipality-invite"),
    path("scenarios/<int:pk>/adopt/", workflows.ScenarioAdoptView.as_view(), name="scenario-adopt"),
    *router.urls,
    re_path(r"", NoSuchResource.as_view(), name="no-such-resource"),  # last: a JSON 404, not HTML
]
