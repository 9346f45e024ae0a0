"""The demo command: Musterstadt with a login per role, idempotent, refused under production settings."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core import serializers
from django.core.management import CommandError, call_command
from django.test import override_settings

from municipalities.access import Role
from municipalities.models import Membership, Municipality, OrgUnit


def snapshot() -> str:
    rows = [
        *Municipality.objects.order_by("pk"),
        *OrgUnit.objects.order_by("pk"),
        *Membership.objects.order_by("pk"),
        *get_user_model().objects.order_by("pk"),
    ]
    return serializers.serialize("json", rows)


@pytest.mark.django_db
def test_demo_creates_musterstadt_with_a_login_per_role():
    call_command("demo", stdout=io.StringIO())
    town = Municipality.objects.get(name="Musterstadt")
    assert 55_000 <= town.population <= 65_000
    assert 12 <= town.org_units.count() <= 15
    assert set(Membership.objects.filter(municipality=town).values_list("role", flat=True)) == set(
        Role.values
    )
    assert get_user_model().objects.get(username="strategie").check_password("demo")


@pytest.mark.django_db
def test_demo_twice_changes_nothing():
    call_command("demo", stdout=io.StringIO())
    first = snapshot()
    call_command("demo", stdout=io.StringIO())
    assert snapshot() == first


@pytest.mark.django_db
@override_settings(DIGIPLAN_PRODUCTION=True)
def test_demo_refuses_under_production_settings():
    with pytest.raises(CommandError, match="production"):
        call_command("demo")
    assert not get_user_model().objects.exists()
