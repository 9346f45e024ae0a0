"""Pages of the strategy app."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from municipalities.access import STRATEGY
from municipalities.views import area_required


@area_required(STRATEGY)
def index(request: HttpRequest) -> HttpResponse:
    return render(request, "strategy/index.html")
