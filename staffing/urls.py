from django.urls import path

from .views import analysis, demands, records

app_name = "staffing"
urlpatterns = [
    path("", records.index, name="index"),
    path("catalogue/", records.catalogue, name="catalogue"),
    path("staff/", records.staff_list, name="staff-list"),
    path("staff/new/", records.staff_create, name="staff-create"),
    path("staff/<int:pk>/", records.staff_detail, name="staff"),
    path("staff/<int:pk>/edit/", records.staff_edit, name="staff-edit"),
    path("staff/<int:pk>/delete/", records.staff_delete, name="staff-delete"),
    path("<slug:kind>/<int:parent_pk>/new/", records.part_edit, name="part-create"),
    path("parts/<slug:kind>/<int:pk>/edit/", records.part_edit, name="part-edit"),
    path("parts/<slug:kind>/<int:pk>/delete/", records.part_delete, name="part-delete"),
    path("profiles/", records.profile_list, name="profiles"),
    path("profiles/new/", records.profile_create, name="profile-create"),
    path("profiles/<int:pk>/edit/", records.profile_edit, name="profile-edit"),
    path("vacancies/", records.vacancy_list, name="vacancies"),
    path("vacancies/new/", records.vacancy_create, name="vacancy-create"),
    path("vacancies/<int:pk>/edit/", records.vacancy_edit, name="vacancy-edit"),
    path("vacancies/<int:pk>/delete/", records.vacancy_delete, name="vacancy-delete"),
    path("projects/<int:project_pk>/skill-demands/new/", demands.demand_edit, name="demand-create"),
    path("skill-demands/<int:pk>/edit/", demands.demand_edit, name="demand-edit"),
    path("skill-demands/<int:pk>/delete/", demands.demand_delete, name="demand-delete"),
    path("scenarios/<int:pk>/capacity/", demands.scenario_capacity, name="scenario-capacity"),
    path("gaps/", analysis.gaps_page, name="gaps"),
    path("matrix/", analysis.matrix_page, name="matrix"),
    path("retirements/", analysis.exposure_page, name="exposure"),
    path("training/", analysis.training_page, name="training"),
]
