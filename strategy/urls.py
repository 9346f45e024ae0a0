from django.urls import path

from . import views

app_name = "strategy"
urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.strategy_create, name="create"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.strategy_edit, name="edit"),
    path("<int:pk>/adopt/", views.strategy_adopt, name="adopt"),
    path("<int:pk>/compare/", views.strategy_compare, name="compare"),
    path("<int:pk>/history/", views.strategy_history, name="history"),
    path("<int:pk>/submit/", views.strategy_transition, {"transition": "submit"}, name="submit"),
    path("<int:pk>/return/", views.strategy_transition, {"transition": "return"}, name="return"),
    path("<int:pk>/revise/", views.strategy_transition, {"transition": "revise"}, name="revise"),
    path("<int:strategy_pk>/fields/new/", views.field_edit, name="field-create"),
    path("fields/<int:pk>/edit/", views.field_edit, name="field-edit"),
    path("<int:strategy_pk>/goals/new/", views.goal_edit, name="goal-create"),
    path("goals/<int:pk>/", views.goal_detail, name="goal"),
    path("goals/<int:pk>/edit/", views.goal_edit, name="goal-edit"),
    path("goals/<int:goal_pk>/indicators/new/", views.indicator_edit, name="indicator-create"),
    path("indicators/<int:pk>/edit/", views.indicator_edit, name="indicator-edit"),
    path("indicators/<int:indicator_pk>/measurements/", views.measurement_add, name="measurement-add"),
    path(
        "measurements/<int:pk>/approve/",
        views.measurement_decide,
        {"approve": True},
        name="measurement-approve",
    ),
    path(
        "measurements/<int:pk>/reject/",
        views.measurement_decide,
        {"approve": False},
        name="measurement-reject",
    ),
    path("fields/<int:pk>/delete/", views.part_delete, {"kind": "field"}, name="field-delete"),
    path("goals/<int:pk>/delete/", views.part_delete, {"kind": "goal"}, name="goal-delete"),
    path("indicators/<int:pk>/delete/", views.part_delete, {"kind": "indicator"}, name="indicator-delete"),
]
