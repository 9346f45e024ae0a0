"""What a measurement may be (issue 15): not dated after today, not before the baseline, and for an indicator
in percent a value from 0 to 100. One rule in the model (``Measurement.clean``), the same answer on the page,
in the API and in the action; percentage baselines and targets are a database constraint as well."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from municipalities.access import Role
from strategy.actions import measurement_record
from strategy.models import Indicator, Measurement
from tests.strategy.conftest import build_strategy


@pytest.fixture
def indicator(town_a) -> Indicator:
    strategy = build_strategy(town_a, goals=1, indicators_per_goal=1)
    return Indicator.objects.get(goal__field__strategy=strategy)  # unit "%", measured 30 on 1 Jan 2025


@pytest.fixture
def api(town_a, make_user) -> APIClient:
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    client.force_authenticate(make_user("api-cdo", (town_a, Role.STRATEGIST)))
    return client


def tomorrow() -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=1)


def a_measurement(indicator, value, date=datetime.date(2025, 6, 1)) -> Measurement:
    return Measurement(indicator=indicator, date=date, value=Decimal(value))


def post_on_page(client, indicator, date, value):
    return client.post(
        reverse("strategy:measurement-add", args=[indicator.pk]),
        {f"m{indicator.pk}-date": str(date), f"m{indicator.pk}-value": str(value)},
    )


@pytest.mark.django_db
class TestFutureDate:
    def test_the_model_refuses_it(self, indicator):
        with pytest.raises(ValidationError) as error:
            Measurement(indicator=indicator, date=tomorrow(), value=40).full_clean()
        assert "date" in error.value.message_dict

    def test_today_is_fine(self, indicator):
        Measurement(indicator=indicator, date=timezone.localdate(), value=40).full_clean()

    def test_the_action_refuses_it_and_the_latest_value_stays(self, indicator):
        with pytest.raises(ValidationError):
            measurement_record(indicator=indicator, date=tomorrow(), value=95)
        assert list(indicator.measurements.values_list("value", flat=True)) == [Decimal(30)]

    def test_the_page_says_why_in_german_and_english(self, indicator, strategist, client_for):
        response = post_on_page(client_for(strategist, "de"), indicator, tomorrow(), 40)
        assert response.status_code == 400
        assert "Ein Messwert kann nicht in der Zukunft liegen" in response.content.decode()
        response = post_on_page(client_for(strategist, "en"), indicator, tomorrow(), 40)
        assert "A measurement cannot be dated in the future" in response.content.decode()
        assert indicator.measurements.count() == 1

    def test_the_api_refuses_it(self, indicator, api):
        response = api.post(
            "/api/v1/measurements/",
            {"indicator": indicator.pk, "date": str(tomorrow()), "value": "40"},
            format="json",
        )
        assert response.status_code == 400
        assert "in the future" in response.json()["date"][0]
        assert indicator.measurements.count() == 1

    def test_the_api_refuses_moving_one_into_the_future(self, indicator, api):
        measurement = indicator.measurements.get()
        response = api.patch(
            f"/api/v1/measurements/{measurement.pk}/", {"date": str(tomorrow())}, format="json"
        )
        assert response.status_code == 400
        measurement.refresh_from_db()
        assert measurement.date == datetime.date(2025, 1, 1)

    def test_before_the_baseline_is_refused_in_the_api_too(self, indicator, api):
        response = api.post(
            "/api/v1/measurements/",
            {"indicator": indicator.pk, "date": "2020-01-01", "value": "40"},
            format="json",
        )
        assert response.status_code == 400
        assert "before the indicator" in response.json()["date"][0]


@pytest.mark.django_db
class TestPercentRange:
    @pytest.mark.parametrize("value", ["-5", "100.01", "250"])
    def test_the_model_refuses_values_outside_0_to_100(self, indicator, value):
        with pytest.raises(ValidationError) as error:
            a_measurement(indicator, value).full_clean()
        assert "value" in error.value.message_dict

    @pytest.mark.parametrize("value", ["0", "100", "42.5"])
    def test_the_bounds_are_allowed(self, indicator, value):
        a_measurement(indicator, value).full_clean()

    @pytest.mark.parametrize("unit", ["Tage", "Anzahl Leistungen", "€"])
    def test_other_units_may_be_negative_or_large(self, indicator, unit):
        Indicator.objects.filter(pk=indicator.pk).update(unit=unit)
        indicator.refresh_from_db()
        a_measurement(indicator, -5).full_clean()
        a_measurement(indicator, 250, datetime.date(2025, 7, 1)).full_clean()

    @pytest.mark.parametrize("unit", ["%", " % ", "Prozent", "percent"])
    def test_a_percentage_is_recognised_by_its_unit(self, indicator, unit):
        Indicator.objects.filter(pk=indicator.pk).update(unit=unit)
        indicator.refresh_from_db()
        assert indicator.is_percentage
        with pytest.raises(ValidationError):
            a_measurement(indicator, -5).full_clean()

    def test_the_page_and_the_api_refuse_minus_five(self, indicator, strategist, client_for, api):
        response = post_on_page(client_for(strategist, "de"), indicator, "2025-06-30", "-5")
        assert response.status_code == 400
        assert "Bei einem Indikator in Prozent geben Sie einen Wert von 0 bis 100 ein." in (
            response.content.decode()
        )
        response = api.post(
            "/api/v1/measurements/",
            {"indicator": indicator.pk, "date": "2025-06-30", "value": "-5"},
            format="json",
        )
        assert response.status_code == 400
        assert response.json()["value"] == ["For an indicator in percent, enter a value from 0 to 100."]
        assert list(indicator.measurements.values_list("value", flat=True)) == [Decimal(30)]

    def test_percentage_baseline_and_target_are_checked_by_the_model(self, indicator):
        indicator.target_value = Decimal(120)
        with pytest.raises(ValidationError) as error:
            indicator.full_clean()
        assert list(error.value.message_dict) == ["target_value"]

    def test_percentage_baseline_and_target_are_a_database_constraint(self, indicator):
        fields = {
            "goal": indicator.goal,
            "name": "Quote",
            "unit": "%",
            "baseline_value": -10,
            "baseline_date": datetime.date(2024, 1, 1),
            "target_value": 50,
            "target_date": datetime.date(2030, 1, 1),
        }
        with pytest.raises(IntegrityError), transaction.atomic():
            Indicator.objects.bulk_create([Indicator(**fields)])
        Indicator.objects.bulk_create([Indicator(**fields | {"unit": "Punkte"})])
