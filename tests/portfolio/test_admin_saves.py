"""The Django admin saves criteria weights and pairwise comparisons through the actions the ranking pages
and the API use (issue 15): weights as one set that sums to one, a pair once in one order, criteria of one
scoring model; an invalid save changes nothing and says why."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from portfolio import actions
from portfolio.models import Criterion, PairwiseComparison, ScoringModel, WeightMethod


@pytest.fixture
def admin_site(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("root", "root@example.org", "pw"))
    client.cookies["digiplan_language"] = "de"
    return client


@pytest.fixture
def model(town_a) -> ScoringModel:
    return actions.scoring_model_create_default(municipality=town_a)


def form_data(response) -> dict:
    """The POST data of an admin change form as the page shows it (main form and inline formsets)."""
    forms = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        forms.append(inline.formset.management_form)
        forms.extend(inline.formset.forms)
    data = {}
    for form in forms:
        for field in form:
            value = field.value()
            if value is None or value is False:
                continue
            data[field.html_name] = "on" if value is True else value
    return data


def stored(model: ScoringModel) -> list:
    return list(Criterion.objects.filter(model=model).order_by("pk").values_list("key", "weight"))


class TestCriteriaWeights:
    def change(self, admin_site, model, weights: dict[str, str]):
        url = reverse("admin:portfolio_scoringmodel_change", args=[model.pk])
        data = form_data(admin_site.get(url))
        for name, value in list(data.items()):
            if name.endswith("-key") and value in weights:
                data[name.replace("-key", "-weight")] = weights[value]
        return admin_site.post(url, data)

    def test_weights_that_do_not_sum_to_one_change_nothing(self, admin_site, model):
        before = stored(model)
        first = before[0][0]
        response = self.change(admin_site, model, {first: str(before[0][1] + Decimal("0.35"))})
        assert response.status_code == 200
        assert "Die Gewichte ergeben zusammen 1.35; sie müssen zusammen 1 (100 %) ergeben." in (
            response.content.decode()
        )
        assert stored(model) == before

    def test_a_set_that_sums_to_one_is_stored_through_the_action(self, admin_site, model):
        model.method = WeightMethod.AHP
        model.save(update_fields=["method"])
        (k1, w1), (k2, w2), *_ = stored(model)
        response = self.change(
            admin_site, model, {k1: str(w1 + Decimal("0.05")), k2: str(w2 - Decimal("0.05"))}
        )
        assert response.status_code == 302
        weights = dict(stored(model))
        assert (weights[k1], weights[k2]) == (w1 + Decimal("0.05"), w2 - Decimal("0.05"))
        assert sum(weights.values()) == 1
        model.refresh_from_db()
        assert model.method == WeightMethod.DIRECT  # as the weights page sets it


class TestPairwiseComparisons:
    def add(self, admin_site, model, first, second, value="3"):
        return admin_site.post(
            reverse("admin:portfolio_pairwisecomparison_add"),
            {"model": model.pk, "first": first.pk, "second": second.pk, "value": value},
        )

    def test_the_reverse_of_a_judged_pair_changes_nothing(self, admin_site, model):
        a, b, *_ = Criterion.objects.filter(model=model).order_by("position")
        assert self.add(admin_site, model, a, b).status_code == 302
        response = self.add(admin_site, model, b, a, "5")
        assert response.status_code == 200
        assert "Diese beiden Kriterien sind in diesem Bewertungsmodell bereits verglichen." in (
            response.content.decode()
        )
        assert list(PairwiseComparison.objects.values_list("first", "second", "value")) == [
            (a.pk, b.pk, Decimal("3"))
        ]

    def test_a_criterion_of_another_model_changes_nothing(self, admin_site, model, town_b):
        other = actions.scoring_model_create_default(municipality=town_b)
        a = Criterion.objects.filter(model=model).first()
        foreign = Criterion.objects.filter(model=other).first()
        response = self.add(admin_site, model, a, foreign)
        assert response.status_code == 200
        assert (
            "Gültige Auswahl" in response.content.decode() or "Kriterien müssen" in response.content.decode()
        )
        assert not PairwiseComparison.objects.exists()

    def test_the_last_pair_sets_the_ahp_weights_as_the_api_does(self, admin_site, model):
        criteria = list(Criterion.objects.filter(model=model).order_by("position"))
        pairs = [(x, y) for i, x in enumerate(criteria) for y in criteria[i + 1 :]]
        for x, y in pairs[:-1]:
            PairwiseComparison.objects.create(model=model, first=x, second=y, value=Decimal("2"))
        before = stored(model)
        x, y = pairs[-1]
        assert self.add(admin_site, model, x, y, "2").status_code == 302
        model.refresh_from_db()
        assert model.method == WeightMethod.AHP
        assert stored(model) != before
        assert sum(w for _k, w in stored(model)) == 1
