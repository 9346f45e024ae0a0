"""Uniqueness errors in words a user understands (issue 15), never database columns ("Die Felder indicator,
date müssen eine eindeutige Menge bilden") or constraint names: every UniqueConstraint of the project names
its rule in German and English, and a page form and the API both show it."""

from __future__ import annotations

import datetime
from html import unescape

import pytest
from django.apps import apps
from django.db import models
from django.urls import reverse
from django.utils import translation
from rest_framework.test import APIClient

from municipalities.access import Role
from portfolio.models import Service, SubjectArea
from strategy.models import Indicator, Measurement
from tests.portfolio.conftest import make_service
from tests.strategy.conftest import build_strategy

PROJECT_APPS = ("municipalities", "strategy", "portfolio", "staffing", "reports")
MEASUREMENT_DE = "Für diesen Tag gibt es schon einen Messwert dieses Indikators."
MEASUREMENT_EN = "There is already a measurement of this indicator for this date."
LEIKA_DE = "Diese Kommune hat bereits eine Leistung mit diesem LeiKa-Schlüssel."
LEIKA_EN = "This municipality already has a service with this LeiKa key."
LEIKA = "99123456789012"


def unique_constraints():
    for app in PROJECT_APPS:
        for model in apps.get_app_config(app).get_models():
            if model._meta.auto_created or model.__name__.startswith("Historical"):
                continue
            for constraint in model._meta.constraints:
                if isinstance(constraint, models.UniqueConstraint):
                    yield pytest.param(model, constraint, id=constraint.name)


@pytest.mark.parametrize(("model", "constraint"), list(unique_constraints()))
def test_every_unique_constraint_has_a_message_in_both_languages(model, constraint):
    assert constraint.violation_error_message != constraint.default_violation_error_message
    with translation.override("en"):
        english = str(constraint.get_violation_error_message())
    with translation.override("de"):
        german = str(constraint.get_violation_error_message())
    assert english != german, f"{constraint.name}: no German translation"
    for text in (english, german):
        assert constraint.name not in text
        if constraint.fields:  # a constraint on expressions (an unordered pair) names no columns
            assert ", ".join(constraint.fields) not in text


def test_there_are_unique_constraints_to_check():
    assert len(list(unique_constraints())) >= 20


@pytest.fixture
def strategist(town_a, make_user):
    return make_user("cdo", (town_a, Role.STRATEGIST))


def api(user, language: str) -> APIClient:
    client = APIClient(HTTP_ACCEPT_LANGUAGE=language)
    client.force_authenticate(user)
    return client


def page_text(response) -> str:
    return unescape(response.content.decode())


@pytest.mark.django_db
class TestMeasurement:
    @pytest.fixture
    def indicator(self, town_a) -> Indicator:
        strategy = build_strategy(town_a, goals=1, indicators_per_goal=1)
        return Indicator.objects.get(goal__field__strategy=strategy)  # measured on 1 January 2025

    def test_the_admin_form_names_the_rule(self, indicator, client, django_user_model):
        client.force_login(django_user_model.objects.create_superuser("root", password="x"))
        client.cookies["digiplan_language"] = "de"
        response = client.post(
            reverse("admin:strategy_measurement_add"),
            {"indicator": indicator.pk, "date": "2025-01-01", "value": "50", "source": "", "note": ""},
        )
        assert response.status_code == 200
        body = page_text(response)
        assert MEASUREMENT_DE in body
        assert "indicator, date" not in body and "eindeutige Menge" not in body
        assert indicator.measurements.count() == 1

    @pytest.mark.parametrize(("language", "message"), [("de", MEASUREMENT_DE), ("en", MEASUREMENT_EN)])
    def test_the_api_names_the_rule(self, indicator, strategist, language, message):
        # A POST for a day that has a value corrects it (as the goal page does); moving another
        # measurement onto that day is the clash.
        later = Measurement.objects.create(indicator=indicator, date=datetime.date(2025, 6, 30), value=40)
        response = api(strategist, language).patch(
            f"/api/v1/measurements/{later.pk}/", {"date": "2025-01-01"}, format="json"
        )
        assert response.status_code == 400
        assert response.json() == {"non_field_errors": [message]}
        assert sorted(indicator.measurements.values_list("date", "value")) == [
            (datetime.date(2025, 1, 1), 30),
            (datetime.date(2025, 6, 30), 40),
        ]

    def test_the_page_form_corrects_instead(self, indicator, strategist, client_for):
        # On the goal page a second value for a day replaces the first (measurement_record): no error.
        client_for(strategist).post(
            reverse("strategy:measurement-add", args=[indicator.pk]),
            {f"m{indicator.pk}-date": "2025-01-01", f"m{indicator.pk}-value": "50"},
        )
        assert Measurement.objects.get(indicator=indicator, date=datetime.date(2025, 1, 1)).value == 50


SERVICE = {
    "name": "Bauantrag",
    "model_version": "2",
    "level": "3",
    "handling": "printed",
    "cases_per_year": "300",
    "staff_minutes": "60",
    "citizen_minutes": "30",
    "media_breaks": "0",
}


@pytest.mark.django_db
class TestLeikaKey:
    @pytest.fixture
    def existing(self, town_a) -> Service:
        return make_service(town_a, name="Hundesteuer", leika_key=LEIKA)

    @pytest.mark.parametrize(("language", "message"), [("de", LEIKA_DE), ("en", LEIKA_EN)])
    def test_the_page_form_names_the_rule(self, existing, strategist, client_for, language, message):
        area = SubjectArea.objects.get(code="bauen-wohnen")
        response = client_for(strategist, language).post(
            reverse("portfolio:service-create"), SERVICE | {"leika_key": LEIKA, "subject_area": area.pk}
        )
        assert response.status_code == 200
        body = page_text(response)
        assert message in body
        assert "service_unique_leika" not in body
        assert not Service.objects.filter(name="Bauantrag").exists()

    @pytest.mark.parametrize(("language", "message"), [("de", LEIKA_DE), ("en", LEIKA_EN)])
    def test_the_api_names_the_rule(self, existing, strategist, town_a, language, message):
        area = SubjectArea.objects.get(code="bauen-wohnen")
        data = SERVICE | {"leika_key": LEIKA, "subject_area": area.pk, "municipality": town_a.pk}
        response = api(strategist, language).post("/api/v1/services/", data, format="json")
        assert response.status_code == 400
        assert message in str(response.json())
        assert "service_unique_leika" not in str(response.json())
        assert not Service.objects.filter(name="Bauantrag").exists()

    def test_another_municipality_may_use_the_same_key(self, existing, town_b):
        make_service(town_b, name="Bauantrag", leika_key=LEIKA).full_clean()
