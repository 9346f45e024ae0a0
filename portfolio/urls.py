from django.urls import path

from . import views

app_name = "portfolio"
urlpatterns = [
    path("", views.index, name="index"),
    path("services/", views.service_list, name="services"),
    path("services/new/", views.service_create, name="service-create"),
    path("services/<int:pk>/", views.service_detail, name="service"),
    path("services/<int:pk>/edit/", views.service_edit, name="service-edit"),
    path("services/<int:pk>/delete/", views.service_delete, name="service-delete"),
    path("map/", views.maturity_map, name="map"),
    path("balance/", views.balance, name="balance"),
    path("projects/", views.project_list, name="projects"),
    path("projects/new/", views.project_create, name="project-create"),
    path("projects/<int:pk>/", views.project_detail, name="project"),
    path("projects/<int:pk>/edit/", views.project_edit, name="project-edit"),
    path("projects/<int:pk>/delete/", views.project_delete, name="project-delete"),
    path("projects/<int:pk>/status/", views.project_transition, name="project-transition"),
    path("projects/<int:project_pk>/<slug:kind>/new/", views.part_edit, name="part-create"),
    path("parts/<slug:kind>/<int:pk>/edit/", views.part_edit, name="part-edit"),
    path("parts/<slug:kind>/<int:pk>/delete/", views.part_delete, name="part-delete"),
]
