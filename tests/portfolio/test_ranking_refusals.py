"""The ranking pages with weights that cannot rank (issue 15, DESIGN.md §5 ranking): slider weights that are
not finite non-negative numbers, or all zero, are named on the page, which ranks with the stored weights;
stored weights that do not sum to one give a message, not a 500; saving is a POST answered by a redirect,
with no CSRF token in any URL; the pairwise form offers Saaty's whole scale and keeps what is stored."""

from decimal import Decimal

import pytest
from django.urls import reverse

from portfolio.actions import scoring_model_apply_comparisons, scoring_model_create_default
from portfolio.forms import PairwiseForm
from portfolio.models import Criterion, PairwiseComparison
from portfolio.selectors import comparison_matrix, criteria_of
from tests.portfolio.conftest import make_project

pytestmark = pytest.mark.django_db

UNUSABLE = ["nan", "inf", "-inf", "1e309", "-3", "abc"]


@pytest.fixture
def model(town_a):
    model = scoring_model_create_default(municipality=town_a)
    make_project(town_a, title="Schnell", internal_effort_days=10)
    make_project(town_a, title="Langsam", internal_effort_days=200)
    return model


class TestSliderWeights:
    @pytest.mark.parametrize("value", UNUSABLE)
    @pytest.mark.parametrize("page", ["portfolio:ranking", "portfolio:matrix"])
    def test_an_unusable_weight_is_named_and_the_stored_weights_rank(
        self, model, strategist, client_for, page, value
    ):
        response = client_for(strategist, "en").get(reverse(page), {"w_effort": value})
        assert response.status_code == 200
        body = response.content.decode()
        assert 'data-testid="weights-problem"' in body and "w_effort" in body
        assert "weights stored in the model" in body
        if page == "portfolio:ranking":
            assert "Effort 15 %" in body and "not saved" not in body

    def test_all_zero_is_named(self, model, strategist, client_for):
        zero = {f"w_{c.key}": "0" for c in model.criteria.all()}
        body = client_for(strategist, "en").get(reverse("portfolio:ranking"), zero).content.decode()
        assert "all zero" in body and "Effort 15 %" in body

    @pytest.mark.parametrize("value", ["nan", "abc"])
    def test_saving_an_unusable_weight_changes_nothing(self, model, strategist, client_for, value):
        response = client_for(strategist, "en").post(reverse("portfolio:ranking-save"), {"w_effort": value})
        assert response.status_code == 302
        assert model.criteria.get(key="effort").weight == Decimal("0.15")


class TestStoredWeightsThatDoNotSumToOne:
    @pytest.mark.parametrize("page", ["portfolio:ranking", "portfolio:matrix"])
    def test_the_page_says_so(self, model, strategist, client_for, page):
        Criterion.objects.filter(model=model, key="effort").update(weight=Decimal("0.5"))
        response = client_for(strategist).get(reverse(page))
        assert response.status_code == 200
        assert "1,35" in response.content.decode()  # German decimals


class TestSavingTheWeights:
    def test_the_re_rank_form_carries_no_csrf_token_and_saving_is_a_post(self, model, strategist, client_for):
        body = client_for(strategist).get(reverse("portfolio:ranking"), {"w_effort": "40"}).content.decode()
        get_form = body.split('id="weights-form"')[1].split("</form>")[0]
        assert "csrfmiddlewaretoken" not in get_form and 'hx-target="body"' not in body
        save = body.split('data-testid="save-weights"')[0].rsplit("<form", 1)[1]
        assert 'method="post"' in save

    def test_the_save_redirects_to_the_whole_page(self, model, strategist, client_for):
        client = client_for(strategist)
        response = client.post(reverse("portfolio:ranking-save"), {"w_effort": "1", "w_risk": "1"})
        assert response.status_code == 302 and response.url == reverse("portfolio:ranking")
        page = client.get(response.url).content.decode()
        assert "<nav" in page and 'id="weights-form"' in page

    def test_htmx_gets_the_table_only_when_it_targets_the_results(self, model, strategist, client_for):
        client = client_for(strategist)
        url = reverse("portfolio:ranking")
        partial = client.get(url, headers={"HX-Request": "true", "HX-Target": "ranking-results"})
        assert "<html" not in partial.content.decode()
        whole = client.get(url, headers={"HX-Request": "true", "HX-Target": "body"})
        assert "<html" in whole.content.decode() and 'id="weights-form"' in whole.content.decode()


class TestPairwiseForm:
    def test_saatys_whole_scale_is_offered(self, model):
        form = PairwiseForm(criteria=criteria_of(model))
        offered = [value for value, _label in next(iter(form.fields.values())).choices]
        assert offered == [*(f"1/{n}" for n in range(9, 1, -1)), *(str(n) for n in range(1, 10))]

    def test_stored_judgements_are_preselected_exactly_and_saving_keeps_them(
        self, model, strategist, client_for
    ):
        keys = [c.key for c in criteria_of(model)]
        stored = {(keys[0], keys[1]): 2.0, (keys[0], keys[2]): 0.25, (keys[1], keys[2]): 6.0}
        scoring_model_apply_comparisons(model=model, judgements=stored)
        PairwiseComparison.objects.create(  # off the scale, as the API may store it
            model=model,
            first=model.criteria.get(key=keys[2]),
            second=model.criteria.get(key=keys[3]),
            value=Decimal("2.5"),
        )
        form = PairwiseForm(
            criteria=criteria_of(model), matrix=comparison_matrix(model=model, criteria=criteria_of(model))
        )
        initial = {name: form.fields[name].initial for name, _first, _second in form.pairs}
        assert initial[f"{keys[0]}__{keys[1]}"] == "2"
        assert initial[f"{keys[0]}__{keys[2]}"] == "1/4"
        assert initial[f"{keys[1]}__{keys[2]}"] == "6"
        assert initial[f"{keys[2]}__{keys[3]}"] == "2.5"

        before = dict(
            ((f, s), v) for f, s, v in model.comparisons.values_list("first__key", "second__key", "value")
        )
        response = client_for(strategist).post(reverse("portfolio:pairwise"), initial)
        assert response.status_code == 200
        after = dict(
            ((f, s), v) for f, s, v in model.comparisons.values_list("first__key", "second__key", "value")
        )
        assert {k: v for k, v in after.items() if v != 1} == {k: v for k, v in before.items() if v != 1}
