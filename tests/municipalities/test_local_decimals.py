"""Decimal fields of every app's forms read the user's decimal separator (issue 15): "1,5" in German, and
the dot a number input sends, in either language. The rule lives in the shared StyledForm."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from municipalities.access import Role
from portfolio.actions import scoring_model_create_default
from portfolio.forms import CriteriaForm
from portfolio.models import Criterion
from staffing.forms import SkillDemandForm
from staffing.models import SkillDemand
from tests.portfolio.conftest import make_project
from tests.staffing.conftest import skill


@pytest.fixture
def project(town_a, make_user):
    lead = make_user("lead", (town_a, Role.PROJECT_LEAD))
    return make_project(
        town_a, lead=lead, planned_start=datetime.date(2027, 1, 1), planned_end=datetime.date(2027, 12, 31)
    )


@pytest.mark.parametrize(
    ("language", "typed", "stored"),
    [
        ("de", "1,5", Decimal("1.5")),
        ("de", "0,25", Decimal("0.25")),
        ("de", "1.5", Decimal("1.5")),
        ("en", "1.5", Decimal("1.5")),
    ],
)
def test_the_skill_demand_page_takes_the_fte_as_typed(project, client_for, language, typed, stored):
    answer = client_for(project.lead, language).post(
        reverse("staffing:demand-create", args=[project.pk]), {"skill": skill().pk, "level": 3, "fte": typed}
    )
    assert answer.status_code == 302, answer.context["form"].errors
    assert SkillDemand.objects.get(project=project).fte == stored


def test_a_comma_is_no_decimal_separator_in_english(project, town_a):
    with translation.override("en"):
        form = SkillDemandForm(
            {"skill": skill().pk, "level": 3, "fte": "1,5"}, municipality=town_a, parent=project
        )
        assert not form.is_valid()
        assert "fte" in form.errors


def test_fields_a_form_adds_after_the_shared_init_take_the_comma_too(town_a):
    """The weights form adds its fields after StyledForm's __init__."""
    model = scoring_model_create_default(municipality=town_a)
    criteria = list(Criterion.objects.filter(model=model))
    data = {f"weight_{c.key}": str(c.weight * 100).replace(".", ",") for c in criteria}
    data |= {f"basis_{c.key}": c.basis for c in criteria if c.derivable}
    data[f"weight_{criteria[0].key}"] = "12,5"
    with translation.override("de"):
        form = CriteriaForm(data, criteria=criteria)
        form.is_valid()
    assert form.cleaned_data[f"weight_{criteria[0].key}"] == Decimal("12.5")
