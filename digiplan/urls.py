"""Top-level URLs: pages of each app, the admin, authentication and the language switch."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from api import views as api_views
from municipalities import views as municipality_views
from reports import home as report_home
from reports import views as report_views

urlpatterns = [
    path("", report_home.home, name="home"),
    path("", include("municipalities.urls")),
    path("strategy/", include("strategy.urls")),
    path("portfolio/", include("portfolio.urls")),
    path("staffing/", include("staffing.urls")),
    path("reports/", include("reports.urls")),
    path("public/<str:ags>/", report_views.public_index, name="public-dashboard"),
    path("public/<str:ags>/<int:pk>/", report_views.public_report, name="public-report"),
    path("api/v1/", include("api.urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path(
        "api/docs/",
        SpectacularSwaggerView.as_view(url_name="api-schema", template_name="api/docs.html"),
        name="api-docs",
    ),
    path("api/tokens/", api_views.tokens, name="api-tokens"),
    path("api/tokens/<str:key>/revoke/", api_views.token_revoke, name="api-token-revoke"),
    path("accounts/login/", municipality_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/setlang/", municipality_views.set_language, name="set_language"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
