"""Fixtures shared by the whole suite: municipalities and users with roles."""

from __future__ import annotations

import itertools

import pytest
from django.contrib.auth import get_user_model

from municipalities.access import Role
from municipalities.models import Membership, Municipality, OrgUnit, State

_ags = itertools.count(1)


@pytest.fixture
def make_municipality(db):
    def make(name: str = "Musterhausen", state: State = State.NW, **fields) -> Municipality:
        fields.setdefault("ags", f"{state}{next(_ags):06d}")
        return Municipality.objects.create(name=name, state=state, population=20_000, **fields)

    return make


@pytest.fixture
def make_user(db):
    def make(username: str, *roles: tuple[Municipality, Role], **fields):
        user = get_user_model().objects.create_user(username, password="pw-" + username, **fields)
        for municipality, role in roles:
            Membership.objects.create(user=user, municipality=municipality, role=role)
        return user

    return make


@pytest.fixture
def town_a(make_municipality) -> Municipality:
    municipality = make_municipality("Altstadt")
    root = OrgUnit.objects.create(municipality=municipality, name="Hauptamt A")
    OrgUnit.objects.create(municipality=municipality, name="IT A", parent=root)
    return municipality


@pytest.fixture
def town_b(make_municipality) -> Municipality:
    municipality = make_municipality("Bergdorf", state=State.BY)
    OrgUnit.objects.create(municipality=municipality, name="Hauptamt B")
    return municipality


# One user per role in town_a, for the page and model tests of every app.
@pytest.fixture
def strategist(town_a, make_user):
    return make_user("cdo", (town_a, Role.STRATEGIST))


@pytest.fixture
def lead(town_a, make_user):
    return make_user("lead", (town_a, Role.PROJECT_LEAD))


@pytest.fixture
def council(town_a, make_user):
    return make_user("rat", (town_a, Role.COUNCIL))


@pytest.fixture
def hr(town_a, make_user):
    return make_user("hr", (town_a, Role.HR))


@pytest.fixture
def client_for(client):
    """A test client logged in as ``user``, German unless told otherwise."""

    def login(user, language: str = "de"):
        client.force_login(user)
        client.cookies["digiplan_language"] = language
        return client

    return login
