"""The fictional town of Musterstadt and one demo login per role (``manage.py demo``).

Idempotent: a second run finds everything in place and changes nothing (passwords are set only when a
demo user is first created). Later apps add their demo data through ``DEMO_STEPS``.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction

from .access import Role
from .models import Membership, Municipality, MunicipalityKind, OrgUnit, State

DEMO_PASSWORD = "demo"

# (name, short name, parent name) — an administration of a town of about 60,000 inhabitants.
ORG_UNITS: list[tuple[str, str, str | None]] = [
    ("Verwaltungsvorstand", "VV", None),
    ("Stabsstelle Digitalisierung", "DIG", "Verwaltungsvorstand"),
    ("Hauptamt", "10", "Verwaltungsvorstand"),
    ("Personal und Organisation", "11", "Hauptamt"),
    ("IT-Service", "12", "Hauptamt"),
    ("Kämmerei", "20", "Verwaltungsvorstand"),
    ("Ordnungsamt", "32", "Verwaltungsvorstand"),
    ("Bürgerbüro", "33", "Ordnungsamt"),
    ("Standesamt", "34", "Ordnungsamt"),
    ("Schul- und Sportamt", "40", "Verwaltungsvorstand"),
    ("Sozialamt", "50", "Verwaltungsvorstand"),
    ("Jugendamt", "51", "Verwaltungsvorstand"),
    ("Bauordnungsamt", "63", "Verwaltungsvorstand"),
    ("Umweltamt", "70", "Verwaltungsvorstand"),
]


@dataclass(frozen=True)
class DemoLogin:
    username: str
    role: Role
    first_name: str
    last_name: str


DEMO_LOGINS = [
    DemoLogin("strategie", Role.STRATEGIST, "Sabine", "Krüger"),
    DemoLogin("projektleitung", Role.PROJECT_LEAD, "Murat", "Yilmaz"),
    DemoLogin("rat", Role.COUNCIL, "Helga", "Brandt"),
    DemoLogin("personal", Role.HR, "Jonas", "Weber"),
    DemoLogin("verwaltung", Role.ADMIN, "Petra", "Schulz"),
]


@transaction.atomic
def create_musterstadt() -> Municipality:
    municipality, _ = Municipality.objects.get_or_create(
        ags="05999001",
        defaults={
            "name": "Musterstadt",
            "kind": MunicipalityKind.TOWN,
            "state": State.NW,
            "population": 61_240,
        },
    )
    units: dict[str, OrgUnit] = {}
    for name, short_name, parent in ORG_UNITS:
        units[name], _ = OrgUnit.objects.get_or_create(
            municipality=municipality,
            name=name,
            defaults={"short_name": short_name, "parent": units.get(parent) if parent else None},
        )
    users = get_user_model().objects
    for login in DEMO_LOGINS:
        user = users.filter(username=login.username).first()
        if user is None:
            user = users.create_user(
                login.username,
                email=f"{login.username}@musterstadt.example",
                password=DEMO_PASSWORD,
                first_name=login.first_name,
                last_name=login.last_name,
            )
        Membership.objects.get_or_create(user=user, municipality=municipality, role=login.role)
    return municipality
