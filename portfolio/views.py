"""Pages of the portfolio app."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from municipalities.access import PORTFOLIO
from municipalities.views import area_required


@area_required(PORTFOLIO)
def index(request: HttpRequest) -> HttpResponse:
    return render(request, "portfolio/index.html")
