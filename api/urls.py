"""/api/v1/: one route per resource (``resources.ROUTES``), the computed endpoints, tokens."""

from django.urls import path
from rest_framework.routers import DefaultRouter

from . import computed
from .resources import ROUTES

app_name = "api"

router = DefaultRouter()
for prefix, (_serializer, viewset) in ROUTES.items():
    router.register(prefix, viewset, basename=prefix)

urlpatterns = [
    path("ranking/", computed.RankingView.as_view(), name="ranking"),
    path("strategies/<int:pk>/progress/", computed.StrategyProgressView.as_view(), name="strategy-progress"),
    path("skills-gap/", computed.SkillsGapView.as_view(), name="skills-gap"),
    *router.urls,
]
