"""Percentages on the portfolio and staffing pages round half up through ``presentation.percent`` (the
``figures`` template library), not with ``widthratio``, which rounds half to even (12.5 % showed as 12 %)."""

from __future__ import annotations

import math
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.urls import reverse

from portfolio.actions import scoring_model_create_default, scoring_model_set_weights


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (0.125, "13"),
        (Decimal("0.125"), "13"),
        (0.145, "15"),
        (0.005, "1"),
        (1, "100"),
        (None, "–"),
        (math.nan, "–"),
    ],
)
def test_the_filter_rounds_half_up(value, shown):
    template = Template('{% load figures %}{{ value|percent|default_if_none:"–" }}')
    assert template.render(Context({"value": value})) == shown


def test_the_criteria_page_shows_12_5_percent_as_13(town_a, strategist, client_for):
    model = scoring_model_create_default(municipality=town_a)
    weights = {
        "citizen_benefit": "0.125",
        "staff_impact": "0.275",
        "effort": "0.15",
        "strategic_fit": "0.15",
        "urgency": "0.15",
        "risk": "0.10",
        "reuse": "0.05",
    }
    scoring_model_set_weights(model=model, weights={k: Decimal(v) for k, v in weights.items()})
    page = client_for(strategist).get(reverse("portfolio:criteria")).content.decode()
    assert '<td class="text-end">13 %</td>' in page
    assert '<td class="text-end">28 %</td>' in page
    assert '<td class="text-end">12 %</td>' not in page
