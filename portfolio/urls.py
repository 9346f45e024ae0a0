from django.urls import path

from . import views

app_name = "portfolio"
urlpatterns = [
    path("", views.register.index, name="index"),
    path("services/", views.register.service_list, name="services"),
    path("services/new/", views.register.service_create, name="service-create"),
    path("services/<int:pk>/", views.register.service_detail, name="service"),
    path("services/<int:pk>/edit/", views.register.service_edit, name="service-edit"),
    path("services/<int:pk>/delete/", views.register.service_delete, name="service-delete"),
    path("map/", views.register.maturity_map, name="map"),
    path("balance/", views.register.balance, name="balance"),
    path("projects/", views.register.project_list, name="projects"),
    path("projects/new/", views.register.project_create, name="project-create"),
    path("projects/<int:pk>/", views.register.project_detail, name="project"),
    path("projects/<int:pk>/edit/", views.register.project_edit, name="project-edit"),
    path("projects/<int:pk>/delete/", views.register.project_delete, name="project-delete"),
    path("projects/<int:pk>/status/", views.register.project_transition, name="project-transition"),
    path("projects/<int:project_pk>/<slug:kind>/new/", views.register.part_edit, name="part-create"),
    path("parts/<slug:kind>/<int:pk>/edit/", views.register.part_edit, name="part-edit"),
    path("parts/<slug:kind>/<int:pk>/delete/", views.register.part_delete, name="part-delete"),
]
urlpatterns += [
    path("ranking/", views.ranking.ranking_page, name="ranking"),
    path("ranking/weights/", views.ranking.ranking_save_weights, name="ranking-save"),
    path("ranking/criteria/", views.ranking.criteria_page, name="criteria"),
    path("ranking/model/new/", views.ranking.scoring_model_create, name="scoring-model-create"),
    path("ranking/pairwise/", views.ranking.pairwise_page, name="pairwise"),
    path("ranking/matrix/", views.ranking.matrix_page, name="matrix"),
    path("projects/<int:pk>/ratings/", views.ranking.assessments_page, name="assessments"),
]
urlpatterns += [
    path("scenarios/", views.scenarios.scenario_list, name="scenarios"),
    path("scenarios/new/", views.scenarios.scenario_create, name="scenario-create"),
    path("scenarios/<int:pk>/", views.scenarios.scenario_detail, name="scenario"),
    path("scenarios/<int:pk>/edit/", views.scenarios.scenario_edit, name="scenario-edit"),
    path("scenarios/<int:pk>/delete/", views.scenarios.scenario_delete, name="scenario-delete"),
    path("scenarios/<int:pk>/solve/", views.scenarios.scenario_solve, name="scenario-solve"),
]
urlpatterns += [
    path("scenarios/<int:pk>/adopt/", views.scenarios.scenario_adopt, name="scenario-adopt"),
    path("scenarios/<int:pk>/compare/", views.scenarios.scenario_compare, name="scenario-compare"),
]
urlpatterns += [
    path("scenarios/<int:pk>/roadmap/", views.scenarios.scenario_roadmap, name="scenario-roadmap")
]
