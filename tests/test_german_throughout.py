"""Issue 16, "German throughout" and the form items: formats through the locale outside templates, no field
names, the empty choice translated, checks against the strategy period, confirmation of final project
moves, grouped project form, help for position and weight."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from rest_framework.test import APIClient

from municipalities import display
from portfolio.forms import ProjectForm
from portfolio.models import Project, Status
from staffing.models import FTE
from strategy.actions import strategy_revise
from strategy.models import FieldOfAction, Goal, Indicator, Measurement
from tests.strategy.conftest import adopt, build_strategy


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("de", ["200", "29,1", "1.234,5", "31.12.2025", "Q3 2026"]),
        ("en", ["200", "29.1", "1,234.5", "12/31/2025", "Q3 2026"]),
    ],
)
def test_display_formats_through_the_active_language(language, expected):
    with translation.override(language):
        shown = [
            display.display(Decimal("200.0000")),
            display.display(29.1),
            display.display(Decimal("1234.50")),
            display.display(datetime.date(2025, 12, 31)),
            display.quarter(datetime.date(2026, 8, 1)),
        ]
    assert shown == expected


@pytest.mark.parametrize(("language", "limit"), [("de", "1"), ("en", "1")])
def test_a_limit_in_an_error_is_a_number_of_the_reader(language, limit):
    with translation.override(language), pytest.raises(ValidationError) as error:
        FTE[1](Decimal("1.5"))  # MaxValueValidator(Decimal("1.00"))
    with translation.override(language):
        message = error.value.messages[0]
    assert f" {limit}" in message and "1.00" not in message
    with translation.override("de"), pytest.raises(ValidationError) as small:
        FTE[0](Decimal("0"))  # MinValueValidator(Decimal("0.01"))
    with translation.override("de"):
        assert "0,01" in small.value.messages[0]


def test_the_validators_deconstruct_as_djangos_so_nothing_migrates():
    path, args, _kwargs = FTE[1].deconstruct()
    assert path == "django.core.validators.MaxValueValidator"
    assert args == (Decimal("1.00"),)


@pytest.mark.django_db
def test_every_dropdown_offers_a_german_empty_choice(town_a, strategist, client_for):
    body = client_for(strategist, "de").get(reverse("portfolio:project-create")).content.decode()
    assert "Select an option" not in body
    assert "– Bitte wählen –" in body
    body = client_for(strategist, "en").get(reverse("portfolio:project-create")).content.decode()
    assert "- Select an option -" in body


@pytest.mark.django_db
class TestComparison:
    def test_changes_are_named_by_their_label_and_formatted(self, town_a, strategist, client_for):
        adopted = adopt(build_strategy(town_a, goals=1, indicators_per_goal=1))
        draft = strategy_revise(strategy=adopted)
        indicator = Indicator.objects.get(goal__field__strategy=draft)
        Indicator.objects.filter(pk=indicator.pk).update(target_value=Decimal("95.5"))
        url = reverse("strategy:compare", args=[draft.pk]) + f"?other={adopted.pk}"
        german = client_for(strategist, "de").get(url).content.decode()
        assert "target_value" not in german
        assert re.search(r"Zielwert</span>: 90 → 95,5", german), german
        english = client_for(strategist, "en").get(url).content.decode()
        assert re.search(r"target value</span>: 90 → 95.5", english, re.IGNORECASE)

    def test_the_history_formats_measurements(self, town_a, strategist, client_for):
        strategy = build_strategy(town_a, goals=1, indicators_per_goal=1)
        indicator = Indicator.objects.get(goal__field__strategy=strategy)
        Measurement.objects.create(
            indicator=indicator, date=datetime.date(2025, 12, 31), value=Decimal("29.1")
        )
        url = reverse("strategy:history", args=[strategy.pk])
        assert "29,1 (31.12.2025)" in client_for(strategist, "de").get(url).content.decode()
        assert "29.1 (12/31/2025)" in client_for(strategist, "en").get(url).content.decode()


@pytest.mark.django_db
class TestTargetsWithinTheStrategyPeriod:
    """build_strategy's period is 2024–2030."""

    def test_a_goal_target_after_the_last_year_is_refused_on_the_page(self, town_a, strategist, client_for):
        strategy = build_strategy(town_a, goals=1)
        goal = Goal.objects.get(field__strategy=strategy)
        response = client_for(strategist, "de").post(
            reverse("strategy:goal-edit", args=[goal.pk]),
            {
                "field": goal.field_id,
                "title": goal.title,
                "target_date": "2031-12-31",
                "position": 0,
                "weight": 1,
            },
        )
        assert response.status_code == 200
        body = response.content.decode()
        assert "Das Zieldatum muss im Zeitraum der Strategie liegen, 2024 bis 2030." in body
        goal.refresh_from_db()
        assert goal.target_date == datetime.date(2030, 12, 31)

    def test_a_goal_target_after_the_last_year_is_a_field_error_in_the_api(self, town_a, strategist):
        strategy = build_strategy(town_a, goals=1)
        field = FieldOfAction.objects.get(strategy=strategy)
        client = APIClient(HTTP_ACCEPT_LANGUAGE="de")
        client.force_authenticate(strategist)
        response = client.post(
            "/api/v1/goals/",
            {"field": field.pk, "title": "Zu spät", "target_date": "2035-06-30"},
            format="json",
        )
        assert response.status_code == 400
        assert response.json() == {
            "target_date": ["Das Zieldatum muss im Zeitraum der Strategie liegen, 2024 bis 2030."]
        }
        assert not Goal.objects.filter(title="Zu spät").exists()
        inside = client.post(
            "/api/v1/goals/",
            {"field": field.pk, "title": "Rechtzeitig", "target_date": "2030-06-30"},
            format="json",
        )
        assert inside.status_code == 201, inside.json()

    def test_an_indicator_target_before_the_first_year_is_refused(self, town_a):
        strategy = build_strategy(town_a, goals=1, indicators_per_goal=1)
        indicator = Indicator.objects.get(goal__field__strategy=strategy)
        indicator.baseline_date = datetime.date(2020, 1, 1)
        indicator.target_date = datetime.date(2023, 12, 31)
        with translation.override("en"), pytest.raises(ValidationError) as error:
            indicator.full_clean()
        assert error.value.message_dict == {
            "target_date": ["The target date must lie within the strategy's period, 2024 to 2030."]
        }


@pytest.mark.django_db
class TestFinalProjectMovesAreConfirmed:
    def _project(self, town_a):
        return Project.objects.create(
            municipality=town_a, title="Digitale Akte", layer="back_end", status=Status.IN_PROGRESS
        )

    def test_cancelling_asks_first_and_says_what_happens(self, town_a, strategist, client_for):
        project = self._project(town_a)
        client = client_for(strategist, "de")
        url = reverse("portfolio:project-transition", args=[project.pk])
        response = client.post(url, {"status": Status.CANCELLED})
        assert response.status_code == 200
        body = response.content.decode()
        assert "Ratsmitglieder sehen das Projekt nicht mehr" in body
        assert 'name="confirmed" value="yes"' in body
        project.refresh_from_db()
        assert project.status == Status.IN_PROGRESS
        response = client.post(url, {"status": Status.CANCELLED, "confirmed": "yes"})
        assert response.status_code == 302
        project.refresh_from_db()
        assert project.status == Status.CANCELLED

    def test_a_move_that_ends_nothing_acts_at_once(self, town_a, strategist, client_for):
        project = self._project(town_a)
        response = client_for(strategist).post(
            reverse("portfolio:project-transition", args=[project.pk]), {"status": Status.ON_HOLD}
        )
        assert response.status_code == 302
        project.refresh_from_db()
        assert project.status == Status.ON_HOLD


@pytest.mark.django_db
def test_the_project_form_is_grouped_and_misses_no_field(town_a, strategist, client_for):
    form = ProjectForm(municipality=town_a)
    grouped = [field.name for _legend, fields in form.fieldsets for field in fields]
    assert sorted(grouped) == sorted(form.fields) and len(grouped) == len(set(grouped))
    body = client_for(strategist, "de").get(reverse("portfolio:project-create")).content.decode()
    for legend in ("Grunddaten", "Verantwortung", "Zeitplan", "Kosten und Förderung", "Nachnutzung"):
        assert f'<legend class="h5">{legend}</legend>' in body


@pytest.mark.django_db
def test_position_and_weight_explain_themselves(town_a, strategist, client_for):
    strategy = build_strategy(town_a, goals=1)
    goal = Goal.objects.get(field__strategy=strategy)
    body = client_for(strategist, "de").get(reverse("strategy:goal-edit", args=[goal.pk])).content.decode()
    assert "kleinere Zahlen stehen weiter vorn" in body
    assert "Wie stark das Ziel in den Fortschritt seines Handlungsfelds eingeht" in body


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["de", "en"])
def test_vacancies_sort_by_the_skill_name_of_the_language(town_a, hr, client_for, language):
    from staffing.models import Skill, SkillCategory, Vacancy

    category = SkillCategory.objects.create(name_de="Technik", name_en="Technology")
    skills = [
        Skill.objects.create(category=category, code="a", name_de="Zahlungsverkehr", name_en="Accounting"),
        Skill.objects.create(category=category, code="b", name_de="Archiv", name_en="Records"),
    ]
    for skill in skills:
        Vacancy.objects.create(
            municipality=town_a,
            title=f"Stelle {skill.code}",
            skill=skill,
            level=3,
            fte=1,
            expected_date=datetime.date(2027, 1, 1),
        )
    response = client_for(hr, language).get(reverse("staffing:vacancies") + "?sort=skill")
    assert response.status_code == 200
    body = response.content.decode()
    first, second = ("Archiv", "Zahlungsverkehr") if language == "de" else ("Accounting", "Records")
    assert body.index(first) < body.index(second)
