"""The home page: the dashboard of ``reports.dashboard`` for the user's roles in the current municipality.

It lives in ``reports``, the top domain app, because it reads the selectors of every app below it; the
URL keeps the name "home" (``digiplan/urls.py``)."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.dateparse import parse_datetime

from municipalities.access import AREAS, MUNICIPALITY, Action
from municipalities.views import PREVIOUS_LOGIN, area_required

from . import dashboard


def _previous_login(request: HttpRequest) -> dt.datetime | None:
    value = request.session.get(PREVIOUS_LOGIN)
    return parse_datetime(value) if isinstance(value, str) else None


@area_required(MUNICIPALITY)
def home(request: HttpRequest) -> HttpResponse:
    tenancy = request.tenancy
    board = dashboard.home_dashboard(
        user=request.user,
        municipality=tenancy.municipality,
        tenancy=tenancy,
        since=_previous_login(request),
    )
    areas = [(area, tenancy.can(area), tenancy.can(area, Action.CHANGE)) for area in AREAS]
    return render(request, "municipalities/home.html", {"board": board, "areas": areas})
