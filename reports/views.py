"""Pages of the reports app."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from municipalities.access import REPORTS
from municipalities.views import area_required


@area_required(REPORTS)
def index(request: HttpRequest) -> HttpResponse:
    return render(request, "reports/index.html")
