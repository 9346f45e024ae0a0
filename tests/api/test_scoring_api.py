"""The scoring model through the API (issue 15, DESIGN.md §4 ScoringModel, §5 ranking): slider weights that
are not usable numbers are a 400 naming the parameter, a stored model whose weights no longer sum to one is
a 409 saying so (never a 500), pairwise judgements are refused in reverse or across models and set the AHP
weights once every pair is judged, and the AHP weights with their consistency ratio have an endpoint.
"""

from __future__ import annotations

from decimal import Decimal
from itertools import combinations

import pytest

from municipalities.access import Role
from portfolio.models import Criterion, PairwiseComparison, ScoringModel

pytestmark = pytest.mark.django_db

S, C = Role.STRATEGIST, Role.COUNCIL


class TestRankingWeightParameters:
    @pytest.mark.parametrize("value", ["nan", "NaN", "inf", "-inf", "1e309", "-0.5", "abc", ""])
    def test_a_weight_that_is_not_a_finite_non_negative_number_is_a_400_naming_it(
        self, world, api_for, value
    ):
        response = api_for(world.users[C], "en").get("/api/v1/ranking/", {"w_effort": value})
        assert response.status_code == 400, response.content
        assert "w_effort" in response.json()

    def test_weights_that_are_all_zero_are_a_400(self, world, api_for):
        keys = world.a.objects["scoring-models"].criteria.values_list("key", flat=True)
        response = api_for(world.users[C], "en").get("/api/v1/ranking/", {f"w_{k}": "0" for k in keys})
        assert response.status_code == 400
        assert "zero" in str(response.json())

    def test_huge_weights_are_scaled_not_overflowed(self, world, api_for):
        response = api_for(world.users[C]).get(
            "/api/v1/ranking/", {"w_effort": "1e308", "w_risk": "1e308", "w_urgency": "1e308"}
        )
        assert response.status_code == 200, response.content
        assert sum(response.json()["weights"].values()) == pytest.approx(1)


class TestStoredWeightsThatDoNotSumToOne:
    """Legacy rows (or a write that bypassed the actions) can hold weights that sum to 1.35."""

    def test_the_ranking_answers_409_with_the_sum(self, world, api_for):
        Criterion.objects.filter(pk=world.a.objects["criteria"].pk).update(weight=Decimal("0.5"))
        response = api_for(world.users[C], "en").get("/api/v1/ranking/")
        assert response.status_code == 409, response.content
        assert "1.35" in response.json()["detail"]

    def test_slider_weights_still_rank(self, world, api_for):
        Criterion.objects.filter(pk=world.a.objects["criteria"].pk).update(weight=Decimal("0.5"))
        response = api_for(world.users[C]).get("/api/v1/ranking/", {"w_urgency": "1", "w_risk": "1"})
        assert response.status_code == 200, response.content


class TestPairwiseComparisons:
    def test_a_criterion_of_another_scoring_model_is_refused(self, world, api_for):
        comparison = world.a.objects["pairwise-comparisons"]
        foreign = world.b.objects["criteria"]
        response = api_for(world.users[S]).post(
            "/api/v1/pairwise-comparisons/",
            {
                "model": comparison.model_id,
                "first": comparison.first_id,
                "second": foreign.pk,
                "value": "2",
            },
            format="json",
        )
        assert response.status_code == 400, response.content
        assert not PairwiseComparison.objects.filter(second=foreign, model=comparison.model).exists()

    def test_a_criterion_of_another_model_of_the_same_municipality_is_refused(self, world, api_for):
        comparison = world.a.objects["pairwise-comparisons"]
        other = ScoringModel.objects.create(municipality=world.a.municipality, name="Zweites", active=False)
        foreign = Criterion.objects.create(model=other, key="effort", name="Aufwand", weight=1)
        response = api_for(world.users[S]).post(
            "/api/v1/pairwise-comparisons/",
            {"model": comparison.model_id, "first": comparison.first_id, "second": foreign.pk, "value": "2"},
            format="json",
        )
        assert response.status_code == 400, response.content

    def test_the_reverse_pair_is_refused_by_the_database_too(self, world):
        from django.db import IntegrityError, transaction

        comparison = world.a.objects["pairwise-comparisons"]
        with pytest.raises(IntegrityError), transaction.atomic():
            PairwiseComparison.objects.create(
                model=comparison.model, first=comparison.second, second=comparison.first, value=Decimal(2)
            )

    def test_the_weights_follow_once_every_pair_is_judged(self, world, api_for):
        model = world.a.objects["scoring-models"]
        before = dict(model.criteria.values_list("key", "weight"))
        client = api_for(world.users[S])
        PairwiseComparison.objects.filter(model=model).delete()
        criteria = list(model.criteria.order_by("position"))
        pairs = list(combinations(criteria, 2))
        for number, (first, second) in enumerate(pairs, start=1):
            value = "2" if second.key == "reuse" else "1"  # reuse, the last, half as important
            response = client.post(
                "/api/v1/pairwise-comparisons/",
                {"model": model.pk, "first": first.pk, "second": second.pk, "value": value},
                format="json",
            )
            assert response.status_code == 201, response.content
            model.refresh_from_db()
            if number < len(pairs):  # an incomplete set leaves the weights as they were
                assert dict(model.criteria.values_list("key", "weight")) == before
                assert model.method == "direct"
        weights = dict(model.criteria.values_list("key", "weight"))
        assert model.method == "ahp" and sum(weights.values()) == 1
        assert weights["reuse"] < weights["effort"]
        assert weights["effort"] == pytest.approx(weights["urgency"], abs=Decimal("0.0001"))  # rounding
        assert weights["reuse"] == pytest.approx(weights["urgency"] / 2, abs=Decimal("0.0001"))

        ahp = client.get(f"/api/v1/scoring-models/{model.pk}/ahp/")
        assert ahp.status_code == 200, ahp.content
        body = ahp.json()
        assert body["complete"] is True and body["missing"] == []
        assert body["consistent"] is True and body["cr"] == pytest.approx(0, abs=1e-9)
        assert body["weights"]["reuse"] == pytest.approx(float(weights["reuse"]), abs=1e-4)


class TestAhpEndpoint:
    def test_an_incomplete_set_says_which_pairs_are_missing(self, world, api_for):
        model = world.a.objects["scoring-models"]  # one judgement: urgency 3 : 1 risk
        body = api_for(world.users[C]).get(f"/api/v1/scoring-models/{model.pk}/ahp/").json()
        assert body["complete"] is False
        assert len(body["missing"]) == 7 * 6 // 2 - 1
        assert body["weights"]["urgency"] > body["weights"]["risk"]  # unjudged pairs count as equal

    def test_inconsistent_judgements_are_flagged_with_the_worst(self, world, api_for):
        model = world.a.objects["scoring-models"]
        c = {x.key: x for x in model.criteria.all()}
        PairwiseComparison.objects.filter(model=model).delete()
        for first, second, value in (
            ("urgency", "risk", 9),
            ("risk", "reuse", 9),
            ("reuse", "urgency", 9),
        ):
            PairwiseComparison.objects.create(
                model=model, first=c[first], second=c[second], value=Decimal(value)
            )
        body = api_for(world.users[C]).get(f"/api/v1/scoring-models/{model.pk}/ahp/").json()
        assert body["cr"] > 0.1 and body["consistent"] is False
        assert body["disagreements"] and {"first", "second", "given", "implied"} <= set(
            body["disagreements"][0]
        )

    def test_another_municipalitys_model_is_404(self, world, api_for):
        other = world.b.objects["scoring-models"]
        assert api_for(world.users[S]).get(f"/api/v1/scoring-models/{other.pk}/ahp/").status_code == 404

    def test_it_is_in_the_schema(self, world, api_for):
        schema = api_for(world.users[S]).get("/api/schema/", {"format": "json"})
        assert schema.status_code == 200
        paths = schema.json()["paths"]
        ahp = paths["/api/v1/scoring-models/{id}/ahp/"]["get"]
        assert ahp["responses"]["200"]["content"]["application/json"]["schema"]["$ref"].endswith("/Ahp")
        assert {"weights", "cr", "consistent", "missing"} <= set(
            schema.json()["components"]["schemas"]["Ahp"]["properties"]
        )
        weights = paths["/api/v1/scoring-models/{id}/weights/"]["post"]
        assert {"200", "400"} <= set(weights["responses"])
