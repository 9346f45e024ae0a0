"""REST API under /api/v1/ (DESIGN.md §7). Viewsets register on this router as the apps gain models."""

from rest_framework.routers import DefaultRouter

router = DefaultRouter()

urlpatterns = router.urls
