"""Ranking pages: re-ranking by weights, derived and rated values side by side, the model's weights
refused unless they sum to one, pairwise comparisons, who may do what, query counts at two sizes."""

import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from portfolio.actions import assessments_save, scoring_model_create_default
from portfolio.models import Criterion, ScoringModel, ServiceChange, Status
from tests.portfolio.conftest import make_project, make_service

pytestmark = pytest.mark.django_db


def order(body: str) -> list[str]:
    return re.findall(r'<tr data-project="(\d+)"', body.split('data-testid="ranking-table"')[1])


@pytest.fixture
def model(town_a):
    return scoring_model_create_default(municipality=town_a)


@pytest.fixture
def two_projects(town_a, model):
    """ "Schnell" is cheap and low-risk; "Wirksam" saves many staff hours (derived) but is risky."""
    quick = make_project(town_a, title="Schnell", internal_effort_days=10)
    strong = make_project(town_a, title="Wirksam", internal_effort_days=200, layer="back_end")
    service = make_service(town_a, cases_per_year=6000, staff_minutes=30)
    ServiceChange.objects.create(
        project=strong, service=service, staff_minutes_saved=20, target_handling="automated"
    )
    assessments_save(
        project=quick, model=model, values={"risk": 1, "urgency": 3, "citizen_benefit": 2, "staff_impact": 1}
    )
    assessments_save(project=strong, model=model, values={"risk": 5, "urgency": 3})
    return quick, strong


class TestRankingPage:
    def test_moving_a_weight_reorders_the_projects(self, town_a, two_projects, strategist, client_for):
        quick, strong = two_projects
        client = client_for(strategist)
        url = reverse("portfolio:ranking")
        only_staff = {
            f"w_{c}": 0 for c in ("citizen_benefit", "effort", "strategic_fit", "urgency", "risk", "reuse")
        }
        staff_first = client.get(url, only_staff | {"w_staff_impact": 100}).content.decode()
        assert order(staff_first) == [str(strong.pk), str(quick.pk)]
        risk_first = client.get(
            url, {k: 0 for k in only_staff} | {"w_staff_impact": 0, "w_risk": 100}
        ).content.decode()
        assert order(risk_first) == [str(quick.pk), str(strong.pk)]
        # htmx asks for the results only.
        partial = client.get(
            url,
            only_staff | {"w_staff_impact": 100},
            headers={"HX-Request": "true", "HX-Target": "ranking-results"},
        )
        assert "<html" not in partial.content.decode() and order(partial.content.decode())

    def test_the_row_says_which_values_were_derived_and_which_rated(
        self, two_projects, strategist, client_for
    ):
        body = client_for(strategist, "en").get(reverse("portfolio:ranking")).content.decode()
        strong_row = body.split(f'data-project="{two_projects[1].pk}"')[1].split("</tr>\n  <tr")[0]
        assert "staff hours saved per year (from the service changes)" in strong_row
        quick_row = body.split(f'data-project="{two_projects[0].pk}"')[1].split("</tr>\n  <tr")[0]
        assert "rating 1–5" in quick_row

    def test_council_sees_no_idea_and_cannot_save_weights(
        self, town_a, two_projects, model, council, client_for
    ):
        make_project(town_a, title="Geheime Idee", status=Status.IDEA)
        client = client_for(council)
        body = client.get(reverse("portfolio:ranking")).content.decode()
        assert "Schnell" in body and "Geheime Idee" not in body
        assert client.post(reverse("portfolio:ranking-save"), {"w_risk": 100}).status_code == 403
        assert client.post(reverse("portfolio:criteria"), {}).status_code == 403
        assert Criterion.objects.get(model=model, key="risk").weight == Decimal("0.10")

    def test_saving_the_page_weights_stores_them_scaled_to_one(
        self, model, two_projects, strategist, client_for
    ):
        client_for(strategist).post(reverse("portfolio:ranking-save"), {"w_risk": 30, "w_effort": 10})
        weights = dict(Criterion.objects.filter(model=model).values_list("key", "weight"))
        assert sum(weights.values()) == Decimal(1)
        assert weights["risk"] > Decimal("0.10")

    def test_the_page_runs_the_same_number_of_queries_for_2_and_20_projects(
        self, town_a, model, strategist, client_for
    ):
        client = client_for(strategist)
        service = make_service(town_a)

        def add(n, start):
            for i in range(start, start + n):
                project = make_project(town_a, title=f"P{i}")
                ServiceChange.objects.create(project=project, service=service, staff_minutes_saved=1)
                assessments_save(project=project, model=model, values={"risk": 1 + i % 5})

        def count(url):
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            return len(queries)

        add(2, 0)
        small = {name: count(reverse(name)) for name in ("portfolio:ranking", "portfolio:matrix")}
        add(18, 2)
        large = {name: count(reverse(name)) for name in ("portfolio:ranking", "portfolio:matrix")}
        assert small == large


class TestScoringModel:
    def test_reading_the_ranking_creates_no_model_setting_it_up_does(
        self, town_a, strategist, council, client_for
    ):
        client = client_for(strategist, "en")
        for name in ("portfolio:ranking", "portfolio:criteria", "portfolio:pairwise", "portfolio:matrix"):
            body = client.get(reverse(name)).content.decode()
            assert "has not set up a scoring model" in body
        assert not ScoringModel.objects.exists()
        assert 'action="/portfolio/ranking/model/new/"' in body
        council_body = client_for(council, "en").get(reverse("portfolio:ranking")).content.decode()
        assert "/portfolio/ranking/model/new/" not in council_body
        assert client_for(council).post(reverse("portfolio:scoring-model-create")).status_code == 403

        response = client_for(strategist).post(reverse("portfolio:scoring-model-create"))
        assert response.status_code == 302 and response["Location"] == reverse("portfolio:criteria")
        model = ScoringModel.objects.get(municipality=town_a, active=True)
        client_for(strategist).post(reverse("portfolio:scoring-model-create"))  # a second click: no second
        assert ScoringModel.objects.get() == model

    def test_a_project_without_any_assessment_is_listed_without_a_rank(
        self, town_a, model, strategist, client_for
    ):
        unrated = make_project(town_a, title="Unbewertet")
        response = client_for(strategist).get(reverse("portfolio:ranking"))
        assert response.status_code == 200
        assert f'<tr data-project="{unrated.pk}" data-rank="">' in response.content.decode()

    def test_weights_that_do_not_sum_to_100_are_refused_in_the_users_language(
        self, model, strategist, client_for
    ):
        data = {f"weight_{c.key}": "10" for c in model.criteria.all()}
        data |= {f"basis_{c.key}": c.basis for c in model.criteria.all() if c.derivable}
        response = client_for(strategist).post(reverse("portfolio:criteria"), data)
        body = response.content.decode()
        assert response.status_code == 200
        assert "70" in body and "100" in body
        assert Criterion.objects.get(model=model, key="risk").weight == Decimal("0.10")

    def test_the_model_refuses_bad_weights_on_every_path(self, model):
        from django.core.exceptions import ValidationError

        from portfolio.actions import scoring_model_set_weights

        with pytest.raises(ValidationError):
            scoring_model_set_weights(model=model, weights={"risk": Decimal("0.5")})
        assert Criterion.objects.get(model=model, key="risk").weight == Decimal("0.10")

    def test_only_one_model_is_active(self, town_a, model):
        from django.db import IntegrityError, transaction

        with pytest.raises(IntegrityError), transaction.atomic():
            ScoringModel.objects.create(municipality=town_a, name="Zweites Modell", active=True)
        ScoringModel.objects.create(municipality=town_a, name="Entwurf", active=False)


class TestPairwise:
    def test_consistent_judgements_give_exact_weights_and_are_stored(self, model, strategist, client_for):
        keys = list(model.criteria.order_by("position").values_list("key", flat=True))
        data = {f"{a}__{b}": "1" for i, a in enumerate(keys) for b in keys[i + 1 :]}
        response = client_for(strategist, "en").post(reverse("portfolio:pairwise"), data)
        assert response.status_code == 200
        body = response.content.decode()
        assert "Consistency ratio: 0.000" in body
        weights = list(Criterion.objects.filter(model=model).values_list("weight", flat=True))
        assert sum(weights) == Decimal(1)
        assert max(weights) - min(weights) <= Decimal("0.0001")
        assert ScoringModel.objects.get(pk=model.pk).method == "ahp"

    def test_inconsistent_judgements_are_flagged_with_the_worst_pair(self, model, strategist, client_for):
        keys = list(model.criteria.order_by("position").values_list("key", flat=True))
        data = {f"{a}__{b}": "1" for i, a in enumerate(keys) for b in keys[i + 1 :]}
        # A over B, B over C, but C far over A.
        a, b, c = keys[:3]
        data |= {f"{a}__{b}": "9", f"{b}__{c}": "9", f"{a}__{c}": "1/9"}
        body = client_for(strategist, "en").get(reverse("portfolio:pairwise"), data).content.decode()
        assert "inconsistent" in body
        assert 'data-testid="disagreements"' in body
