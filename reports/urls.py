from django.urls import path

from . import views

app_name = "reports"
urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.report_create, name="report-create"),
    path("<int:pk>/", views.report_detail, name="report"),
    path("<int:pk>/edit/", views.report_edit, name="report-edit"),
    path("<int:pk>/publish/", views.report_publish, name="report-publish"),
    path("<int:pk>/correct/", views.report_correct, name="report-correct"),
    path("<int:pk>/files/", views.report_files, name="report-files"),
    path("files/<int:pk>/", views.report_file_download, name="file-download"),
    path("my-updates/", views.my_updates, name="my-updates"),
    path("my-updates/indicators/<int:pk>/", views.my_measurement, name="my-measurement"),
    path("my-updates/projects/<int:pk>/", views.my_status_report, name="my-status-report"),
    path("rounds/new/", views.round_create, name="round-create"),
    path("rounds/<int:pk>/", views.round_detail, name="round"),
    path("rounds/<int:pk>/close/", views.round_close, name="round-close"),
]
