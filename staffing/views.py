"""Pages of the staffing app."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from municipalities.access import STAFF_RECORDS, STAFFING_AGGREGATES
from municipalities.views import area_required


@area_required(STAFFING_AGGREGATES)
def index(request: HttpRequest) -> HttpResponse:
    return render(request, "staffing/index.html", {"staff_records": request.tenancy.can(STAFF_RECORDS)})
