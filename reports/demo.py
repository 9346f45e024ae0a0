"""Musterstadt's demo reports (``manage.py demo``): the report on the first half of 2026, published, and a
draft for the third quarter with its reporting round still open; the people who answer for the units'
indicators and a deputy lead, so "My updates" and the reminders have someone to ask. Idempotent."""

from __future__ import annotations

from datetime import date

from django.contrib.auth import get_user_model
from django.db import transaction

from municipalities.models import Municipality, OrgUnit
from portfolio.models import Project

from . import actions
from .models import CouncilReport, ReportingRound

# Unit → (responsible person, deputy), by demo login.
UNIT_PEOPLE = {
    "Stabsstelle Digitalisierung": ("strategie", "verwaltung"),
    "IT-Service": ("projektleitung", "strategie"),
    "Bürgerbüro": ("rat", None),
    "Personal und Organisation": ("personal", "verwaltung"),
}


def _people(municipality: Municipality) -> None:
    users = {u.username: u for u in get_user_model().objects.filter(memberships__municipality=municipality)}
    for name, (head, deputy) in UNIT_PEOPLE.items():
        OrgUnit.objects.filter(municipality=municipality, name=name, head__isnull=True).update(
            head=users.get(head), deputy=users.get(deputy) if deputy else None
        )
    Project.objects.filter(
        municipality=municipality, lead=users.get("projektleitung"), deputy__isnull=True
    ).update(deputy=users.get("strategie"))


@transaction.atomic
def build(*, municipality: Municipality) -> None:
    _people(municipality)
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
