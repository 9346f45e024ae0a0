from django.urls import path

from . import views

urlpatterns = [
    path("municipality/", views.municipality_detail, name="municipality"),
    path("municipality/edit/", views.municipality_edit, name="municipality-edit"),
    path("municipality/switch/", views.switch_municipality, name="municipality-switch"),
    path("organisation/", views.org_unit_list, name="orgunit-list"),
    path("organisation/new/", views.org_unit_edit, name="orgunit-create"),
    path("organisation/<int:pk>/", views.org_unit_detail, name="orgunit-detail"),
    path("organisation/<int:pk>/edit/", views.org_unit_edit, name="orgunit-edit"),
    path("organisation/<int:pk>/delete/", views.org_unit_delete, name="orgunit-delete"),
    path("members/", views.membership_list, name="membership-list"),
    path("members/<int:pk>/delete/", views.membership_delete, name="membership-delete"),
    path("members/<int:pk>/role/", views.membership_role, name="membership-role"),
]
