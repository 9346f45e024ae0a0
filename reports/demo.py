"""Musterstadt's demo reports (``manage.py demo``): the report on the first half of 2026, published, and a
draft for the third quarter with its reporting round still open. Idempotent."""

from __future__ import annotations

from datetime import date

from django.contrib.auth import get_user_model
from django.db import transaction

from municipalities.models import Municipality

from . import actions
from .models import CouncilReport, ReportingRound


@transaction.atomic
def build(*, municipality: Municipality) -> None:
    if CouncilReport.objects.filter(municipality=municipality).exists():
        return
    user = get_user_model().objects.get(username="strategie")
    first = actions.report_create(
        municipality=municipality,
        user=user,
        title="Digitalbericht 1. Halbjahr 2026",
        period_start=date(2026, 1, 1),
        period_end=date(2026, 6, 30),
        meeting_date=date(2026, 7, 9),
        language="de",
    )
    actions.report_publish(report=first, user=user, today=date(2026, 7, 1))
    round = ReportingRound.objects.create(
        municipality=municipality,
        title="Berichtsrunde 3. Quartal 2026",
        period_start=date(2026, 7, 1),
        period_end=date(2026, 9, 30),
        due_date=date(2026, 11, 30),
        meeting_date=date(2026, 12, 10),
    )
    actions.report_create(
        municipality=municipality,
        user=user,
        title="Digitalbericht 3. Quartal 2026",
        period_start=date(2026, 7, 1),
        period_end=date(2026, 9, 30),
        meeting_date=date(2026, 12, 10),
        language="de",
        round=round,
    )
