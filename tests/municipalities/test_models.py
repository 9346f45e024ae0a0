"""Invariants of the tenancy models: AGS validation (form and database), the org unit tree, memberships."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from municipalities.access import Role
from municipalities.models import Country, Membership, Municipality, OrgUnit, State


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
                assert any("exactly 8 digits" in message for message in error.value.message_dict["ags"])

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


@pytest.mark.django_db
class TestCountries:
    """Municipalities outside Germany (issue 15): Vienna and Zurich with their own official keys."""

    @pytest.mark.parametrize(
        ("country", "key"),
        [(Country.AUSTRIA, "90001"), (Country.SWITZERLAND, "261"), (Country.SWITZERLAND, "1")],
    )
    def test_austrian_and_swiss_keys_pass_without_a_german_state(self, country, key):
        municipality = build(country=country, ags=key, state="")
        municipality.full_clean()
        municipality.save()

    @pytest.mark.parametrize(
        ("country", "key", "state", "field"),
        [
            (Country.AUSTRIA, "9001", "", "ags"),
            (Country.AUSTRIA, "05315000", "", "ags"),
            (Country.SWITZERLAND, "0261", "", "ags"),
            (Country.SWITZERLAND, "12345", "", "ags"),
            (Country.AUSTRIA, "90001", State.BY, "state"),
            (Country.GERMANY, "05315000", "", "state"),
        ],
    )
    def test_each_country_has_its_rule_in_validation_and_in_the_database(self, country, key, state, field):
        municipality = build(country=country, ags=key, state=state)
        with pytest.raises(ValidationError) as error:
            municipality.full_clean()
        assert field in error.value.message_dict
        with pytest.raises(IntegrityError), transaction.atomic():
            municipality.save()

    def test_the_message_names_the_rule_of_the_country(self):
        with translation.override("en"):
            with pytest.raises(ValidationError) as error:
                build(country=Country.AUSTRIA, ags="123", state="").full_clean()
            assert "5 digits" in error.value.message_dict["ags"][0]

    def test_vienna_and_zurich_are_entered_through_the_api(self, make_user):
        from rest_framework.test import APIClient

        client = APIClient()
        client.force_authenticate(make_user("operator", is_superuser=True))
        base = {"kind": "stadt", "population": 2_000_000, "state": ""}
        vienna = client.post(
            "/api/v1/municipalities/", {**base, "name": "Wien", "country": "AT", "ags": "90001"}
        )
        zurich = client.post(
            "/api/v1/municipalities/", {**base, "name": "Zürich", "country": "CH", "ags": "261"}
        )
        wrong = client.post(
            "/api/v1/municipalities/", {**base, "name": "Graz", "country": "AT", "ags": "6101"}
        )
        assert (vienna.status_code, zurich.status_code, wrong.status_code) == (201, 201, 400), wrong.json()
        assert "ags" in wrong.json()
        assert set(Municipality.objects.values_list("country", "ags")) == {("AT", "90001"), ("CH", "261")}
