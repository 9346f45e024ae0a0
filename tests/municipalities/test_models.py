"""Invariants of the tenancy models: AGS validation (form and database), the org unit tree, memberships."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from municipalities.access import Role
from municipalities.models import Membership, Municipality, OrgUnit, State


def build(**fields) -> Municipality:
    values = {"name": "Testdorf", "ags": "05315000", "state": State.NW, "population": 1000} | fields
    return Municipality(**values)


@pytest.mark.django_db
class TestAgs:
    @pytest.mark.parametrize("ags", ["0531500", "053150000", "05a15000", "", " 5315000"])
    def test_bad_keys_are_rejected_with_a_clear_message(self, ags):
        with translation.override("en"):
            with pytest.raises(ValidationError) as error:
                build(ags=ags).full_clean()
            assert "ags" in error.value.message_dict
            if ags:
                assert "exactly 8 digits" in error.value.message_dict["ags"][0]

    def test_message_is_german_for_german_users(self):
        with translation.override("de"):
            with pytest.raises(ValidationError) as error:
                build(ags="123").full_clean()
            assert "genau 8 Ziffern" in error.value.message_dict["ags"][0]

    def test_key_must_start_with_the_state(self):
        with translation.override("en"):
            with pytest.raises(ValidationError) as error:
                build(ags="09162000", state=State.NW).full_clean()
            assert "starts with 05" in error.value.message_dict["ags"][0]

    def test_good_key_passes(self):
        build(ags="05315000").full_clean()

    @pytest.mark.parametrize("ags", ["12345", "0531500x", "09162000"])
    def test_database_refuses_what_validation_refuses(self, ags):
        with pytest.raises(IntegrityError), transaction.atomic():
            build(ags=ags).save()

    def test_key_is_unique(self):
        build().save()
        with pytest.raises(IntegrityError), transaction.atomic():
            build(name="Zweitdorf").save()


@pytest.mark.django_db
class TestOrgUnits:
    def test_parent_from_another_municipality_is_refused(self, town_a, town_b):
        foreign = OrgUnit.objects.get(municipality=town_b)
        unit = OrgUnit(municipality=town_a, name="X", parent=foreign)
        with pytest.raises(ValidationError) as error:
            unit.full_clean()
        assert "parent" in error.value.message_dict

    def test_a_unit_cannot_move_below_its_own_child(self, town_a):
        root = OrgUnit.objects.get(name="Hauptamt A")
        child = OrgUnit.objects.get(name="IT A")
        root.parent = child
        with pytest.raises(ValidationError) as error:
            root.full_clean()
        assert "parent" in error.value.message_dict

    def test_names_are_unique_per_municipality_only(self, town_a, town_b):
        OrgUnit.objects.create(municipality=town_b, name="Hauptamt A")
        with pytest.raises(IntegrityError), transaction.atomic():
            OrgUnit.objects.create(municipality=town_a, name="Hauptamt A")


@pytest.mark.django_db
def test_a_role_is_held_once_per_municipality(town_a, make_user):
    user = make_user("x", (town_a, Role.HR))
    Membership.objects.create(user=user, municipality=town_a, role=Role.COUNCIL)
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(user=user, municipality=town_a, role=Role.HR)
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(user=user, municipality=town_a, role="mayor")
