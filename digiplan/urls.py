"""Top-level URLs: pages of each app, the admin, authentication and the language switch."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

urlpatterns = [
    path("", include("municipalities.urls")),
    path("strategy/", include("strategy.urls")),
    path("portfolio/", include("portfolio.urls")),
    path("staffing/", include("staffing.urls")),
    path("reports/", include("reports.urls")),
    path("api/v1/", include("api.urls")),
    path("accounts/login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
