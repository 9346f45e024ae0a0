"""Dates of council reports and reporting rounds lie in 2000–2100 (issue 15): a report until 9999-12-31 was
a server error (the builder adds days to the period's end and overflows). The model's validation refuses
such a date, so the page form says so; the database refuses it as well."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from reports.actions import report_create
from reports.models import CouncilReport, ReportingRound

pytestmark = pytest.mark.django_db

FAR = ["9999-12-31", "0001-01-01", "1999-12-31", "2101-01-01"]


@pytest.mark.parametrize("period_end", FAR)
def test_the_report_form_refuses_a_date_outside_the_years(town_a, strategist, client_for, period_end):
    response = client_for(strategist, "en").post(
        reverse("reports:report-create"),
        {"title": "Bericht", "period_start": "2026-01-01", "period_end": period_end, "language": "de"},
    )
    assert response.status_code == 200
    assert "Enter a date from 2000 to 2100." in response.context["form"].errors["period_end"]
    assert not CouncilReport.objects.exists()


def test_in_german(town_a, strategist, client_for):
    response = client_for(strategist, "de").post(
        reverse("reports:report-create"),
        {"title": "Bericht", "period_start": "2026-01-01", "period_end": "9999-12-31", "language": "de"},
    )
    assert "Geben Sie ein Datum von 2000 bis 2100 ein." in response.content.decode()


def test_the_edges_of_the_range_are_fine(town_a, strategist):
    report = report_create(
        municipality=town_a,
        user=strategist,
        title="Ganz lang",
        period_start=datetime.date(2000, 1, 1),
        period_end=datetime.date(2100, 12, 31),
        language="de",
    )
    assert report.pk


@pytest.mark.parametrize("field", ["period_start", "period_end", "due_date", "meeting_date"])
def test_the_round_form_refuses_a_date_outside_the_years(town_a, strategist, client_for, field):
    data = {
        "title": "Runde",
        "period_start": "2026-01-01",
        "period_end": "2026-06-30",
        "due_date": "2026-07-15",
        "meeting_date": "2026-07-30",
    } | {field: "9999-12-31"}
    response = client_for(strategist, "en").post(reverse("reports:round-create"), data)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not ReportingRound.objects.exists()


def test_the_action_refuses_it_too(town_a, strategist):
    with pytest.raises(ValidationError) as refused:
        report_create(
            municipality=town_a,
            user=strategist,
            title="Bericht",
            period_start=datetime.date(2026, 1, 1),
            period_end=datetime.date(9999, 12, 31),
            language="de",
        )
    assert "period_end" in refused.value.message_dict


def test_the_database_refuses_it(town_a):
    with pytest.raises(IntegrityError), transaction.atomic():
        CouncilReport.objects.create(
            municipality=town_a,
            title="Bericht",
            period_start=datetime.date(2026, 1, 1),
            period_end=datetime.date(9999, 12, 31),
        )
