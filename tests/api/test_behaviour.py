"""What the API promises beyond permissions (DESIGN.md §7): optimistic concurrency through ETag / If-Match
(and the same through a page form), bad input as German field errors, never a 500; token auth with tokens
made and revoked on the tokens page; throttling; the schema and the locally served docs; the computed
endpoints for ranking, skills gap and strategy progress.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient
from rest_framework.throttling import AnonRateThrottle

from api.resources import ROUTES
from municipalities.access import Role
from portfolio.actions import project_save
from portfolio.models import Assessment, Project
from tests.staffing.conftest import add_demand, add_staff

pytestmark = pytest.mark.django_db

S, L, C, H, A = Role.STRATEGIST, Role.PROJECT_LEAD, Role.COUNCIL, Role.HR, Role.ADMIN


# --- ETag / If-Match ----------------------------------------------------------------------------------


class TestOptimisticConcurrency:
    def test_a_stale_etag_is_412_and_changes_nothing(self, world, api_for):
        client = api_for(world.users[S])
        project = world.a.objects["projects"]
        url = f"/api/v1/projects/{project.pk}/"
        first = client.get(url)["ETag"]
        assert first.startswith('"') and first.endswith('"')

        changed = client.patch(url, {"description": "Erste Änderung"}, format="json", HTTP_IF_MATCH=first)
        assert changed.status_code == 200
        second = changed["ETag"]
        assert second != first
        assert client.get(url)["ETag"] == second  # the ETag of the write is the one a read gives

        stale = client.patch(url, {"description": "Zweite Änderung"}, format="json", HTTP_IF_MATCH=first)
        assert stale.status_code == 412
        assert "Das Objekt wurde von jemand anderem geändert" in stale.json()["detail"]
        project.refresh_from_db()
        assert project.description == "Erste Änderung"
        assert client.delete(url, HTTP_IF_MATCH=first).status_code == 412
        assert Project.objects.filter(pk=project.pk).exists()

        fresh = client.patch(url, {"description": "Zweite Änderung"}, format="json", HTTP_IF_MATCH=second)
        assert fresh.status_code == 200
        assert client.delete(url, HTTP_IF_MATCH=fresh["ETag"]).status_code == 204

    def test_if_match_takes_a_list_and_a_star(self, world, api_for):
        client = api_for(world.users[S])
        url = f"/api/v1/milestones/{world.a.objects['milestones'].pk}/"
        etag = client.get(url)["ETag"]
        both = f'"0000", {etag}'
        assert client.patch(url, {"title": "A"}, format="json", HTTP_IF_MATCH=both).status_code == 200
        assert client.patch(url, {"title": "B"}, format="json", HTTP_IF_MATCH="*").status_code == 200

    def test_a_weak_etag_never_matches(self, world, api_for):
        # RFC 9110 §13.1.1: If-Match compares strongly, so W/"<current tag>" is stale as well.
        client = api_for(world.users[S])
        url = f"/api/v1/milestones/{world.a.objects['milestones'].pk}/"
        etag = client.get(url)["ETag"]
        weak = client.patch(url, {"title": "W"}, format="json", HTTP_IF_MATCH=f"W/{etag}")
        assert weak.status_code == 412
        assert client.get(url).json()["title"] != "W"


class FormFields(HTMLParser):
    """The values a browser would send back for the first form with a ``version`` field."""

    def __init__(self):
        super().__init__()
        self.forms: list[dict] = []
        self._select = self._textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.forms.append({})
        elif not self.forms:
            return
        elif tag == "input" and attrs.get("name") and attrs.get("type") not in {"submit", "button"}:
            if attrs.get("type") in {"checkbox", "radio"}:
                if "checked" in attrs:
                    self.forms[-1][attrs["name"]] = attrs.get("value", "on")
            else:
                self.forms[-1][attrs["name"]] = attrs.get("value") or ""
        elif tag == "select":
            self._select = attrs["name"]
            self.forms[-1].setdefault(self._select, "")
        elif tag == "option" and self._select and "selected" in attrs:
            self.forms[-1][self._select] = attrs.get("value", "")
        elif tag == "textarea":
            self._textarea = attrs["name"]
            self.forms[-1][self._textarea] = ""

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self.forms[-1][self._textarea] += (
                data.lstrip("\n") if not self.forms[-1][self._textarea] else data
            )

    @classmethod
    def of(cls, html: str) -> dict:
        parser = cls()
        parser.feed(html)
        return next(form for form in parser.forms if "version" in form)


class TestConcurrencyOnPages:
    def test_an_old_form_does_not_overwrite_a_newer_change(self, world, client_for):
        client = client_for(world.users[S])
        project = world.a.objects["projects"]
        url = f"/portfolio/projects/{project.pk}/edit/"
        old_form = FormFields.of(client.get(url).content.decode())
        assert old_form["version"]

        project.description = "Geändert von jemand anderem."
        project_save(project=project)

        response = client.post(url, {**old_form, "title": "Mein Titel"})
        assert response.status_code == 200
        assert "Jemand anderes hat diesen Datensatz geändert" in response.content.decode()
        project.refresh_from_db()
        assert (project.title, project.description) == (
            "Online-Hundesteuer Altstadt",
            "Geändert von jemand anderem.",
        )

        fresh_form = FormFields.of(client.get(url).content.decode())
        assert fresh_form["version"] != old_form["version"]
        assert fresh_form["description"] == "Geändert von jemand anderem."
        response = client.post(url, {**fresh_form, "title": "Mein Titel"})
        assert response.status_code == 302
        project.refresh_from_db()
        assert (project.title, project.description) == ("Mein Titel", "Geändert von jemand anderem.")


# --- bad input ---------------------------------------------------------------------------------------


class TestBadInputIsAFieldErrorInGerman:
    def test_an_eight_digit_leika_key(self, world, api_for):
        response = api_for(world.users[S]).post(
            "/api/v1/services/",
            {
                "municipality": world.a.municipality.pk,
                "name": "Wohngeld",
                "subject_area": world.a.objects["subject-areas"].pk,
                "leika_key": "99050012",
            },
            format="json",
        )
        assert response.status_code == 400
        assert "Ein LeiKa-Schlüssel hat genau 14 Ziffern" in response.json()["leika_key"][0]

    def test_a_planned_end_before_the_start(self, world, api_for):
        response = api_for(world.users[S]).post(
            "/api/v1/projects/",
            {
                "municipality": world.a.municipality.pk,
                "title": "Rückwärts",
                "layer": "front_end",
                "planned_start": "2027-01-01",
                "planned_end": "2026-01-01",
            },
            format="json",
        )
        assert response.status_code == 400
        assert response.json() == {
            "planned_end": ["Das geplante Ende kann nicht vor dem geplanten Beginn liegen."]
        }

    def test_a_dependency_cycle(self, world, api_for):
        # Town_a's project already requires project_2; project_2 requiring it back closes a cycle.
        response = api_for(world.users[S]).post(
            "/api/v1/dependencies/",
            {"project": world.a.extra["project_2"].pk, "requires": world.a.objects["projects"].pk},
            format="json",
        )
        assert response.status_code == 400
        assert "zirkuläre Abhängigkeit" in response.json()["requires"][0]

    def test_a_goal_of_an_adopted_strategy_is_frozen(self, world, api_for):
        goal = world.a.extra["adopted_goals"][0]
        client = api_for(world.users[S])
        response = client.patch(f"/api/v1/goals/{goal.pk}/", {"title": "Umbenannt"}, format="json")
        assert response.status_code == 400
        assert "kann nicht mehr geändert werden" in response.json()["non_field_errors"][0]
        assert client.delete(f"/api/v1/goals/{goal.pk}/").status_code == 400
        goal.refresh_from_db()
        assert goal.title == "Ziel 1"
        # A new goal in a field of the adopted version is refused the same way.
        response = client.post("/api/v1/goals/", {"field": goal.field_id, "title": "Neu"}, format="json")
        assert response.status_code == 400

    def test_english_when_asked_for(self, world, api_for):
        response = api_for(world.users[S], language="en").post(
            "/api/v1/dependencies/",
            {"project": world.a.extra["project_2"].pk, "requires": world.a.objects["projects"].pk},
            format="json",
        )
        assert "would close a cycle" in response.json()["requires"][0]

    @pytest.mark.parametrize(
        ("cookie", "expected"), [("de", "zirkuläre Abhängigkeit"), ("en", "close a cycle")]
    )
    def test_the_language_cookie_chooses_the_language(self, world, cookie, expected):
        client = APIClient(HTTP_ACCEPT_LANGUAGE="en" if cookie == "de" else "de")
        client.force_authenticate(world.users[S])
        client.cookies["digiplan_language"] = cookie
        response = client.post(
            "/api/v1/dependencies/",
            {"project": world.a.extra["project_2"].pk, "requires": world.a.objects["projects"].pk},
            format="json",
        )
        assert response.status_code == 400
        assert expected in response.json()["requires"][0]

    @pytest.mark.parametrize(
        "body",
        [
            '{"title": ',
            "[1, 2]",
            '{"municipality": "Altstadt", "title": "X", "layer": "front_end"}',
            '{"municipality": 1, "title": null, "layer": "sideways", "status": "done"}',
            '{"municipality": 1, "title": "X", "layer": "front_end", "external_cost": "1e400"}',
            '{"municipality": 1, "title": "X", "layer": "front_end", "planned_start": "2026-02-30"}',
            '{"municipality": 1, "title": "X", "layer": "front_end", "internal_effort_days": -1}',
        ],
    )
    def test_malformed_bodies_are_400(self, world, api_for, body):
        response = api_for(world.users[S]).post("/api/v1/projects/", body, content_type="application/json")
        assert response.status_code == 400, response.content

    def test_an_unknown_status_transition(self, world, api_for):
        project = world.a.objects["projects"]  # approved: completed is not a next step
        response = api_for(world.users[S]).patch(
            f"/api/v1/projects/{project.pk}/", {"status": "completed"}, format="json"
        )
        assert response.status_code == 400
        assert "Mögliche nächste Schritte" in response.json()["status"][0]


@pytest.mark.parametrize("route", [r for r, (_s, v) in ROUTES.items() if v.filterset_fields])
def test_odd_filter_values_are_never_a_server_error(world, api_for, route):
    client = api_for(world.users[A])
    viewset = ROUTES[route][1]
    for name, lookups in viewset.filterset_fields.items():
        for lookup in lookups:
            param = name if lookup == "exact" else f"{name}__{lookup}"
            for value in ("true", "", "0", "-1", "x", "1,2", ",", "1.5", "9" * 30, "\x00"):
                response = client.get(f"/api/v1/{route}/", {param: value, "ordering": name})
                assert response.status_code in {200, 400}, (param, value, response.content)


# --- the lead's grant follows the project's lead ------------------------------------------------------


class TestLeadGrantThroughTheApi:
    """As on the pages (portfolio.actions.project_save): whoever is the lead may edit the project."""

    def test_a_project_created_with_a_lead_is_editable_by_it(self, world, api_for):
        strategist, lead = api_for(world.users[S]), api_for(world.users[L])
        response = strategist.post(
            "/api/v1/projects/",
            {
                "municipality": world.a.municipality.pk,
                "title": "Neues Portal",
                "layer": "front_end",
                "lead": world.users[L].pk,
            },
            format="json",
        )
        assert response.status_code == 201
        url = f"/api/v1/projects/{response.json()['id']}/"
        assert lead.patch(url, {"description": "Mein Projekt"}, format="json").status_code == 200

    def test_a_new_lead_gets_the_project_and_the_old_one_loses_it(self, world, api_for, make_user):
        project = world.a.objects["projects"]
        url = f"/api/v1/projects/{project.pk}/"
        successor = make_user("lead-2", (world.a.municipality, L))
        response = api_for(world.users[S]).patch(url, {"lead": successor.pk}, format="json")
        assert response.status_code == 200
        assert api_for(successor).patch(url, {"description": "Übernommen"}, format="json").status_code == 200
        assert (
            api_for(world.users[L]).patch(url, {"description": "Noch meins?"}, format="json").status_code
            == 403
        )
        status_report = f"/api/v1/status-reports/{world.a.objects['status-reports'].pk}/"
        assert api_for(world.users[L]).patch(status_report, {"risks": "-"}, format="json").status_code == 403

    def test_a_lead_cannot_hand_its_project_to_someone_else(self, world, api_for):
        project = world.a.objects["projects"]
        response = api_for(world.users[L]).patch(
            f"/api/v1/projects/{project.pk}/", {"lead": world.users[S].pk}, format="json"
        )
        assert response.status_code == 403
        project.refresh_from_db()
        assert project.lead == world.users[L]


# --- tokens, throttling, schema, docs -----------------------------------------------------------------


def test_a_token_from_the_tokens_page_calls_the_api_until_revoked(world, client_for):
    page = client_for(world.users[S])
    response = page.post("/api/tokens/", {"days": 30})
    assert response.status_code == 200
    key = response.context["new_token"]
    assert key in response.content.decode()

    api = APIClient()
    anonymous = api.get("/api/v1/projects/")
    assert (anonymous.status_code, anonymous["WWW-Authenticate"]) == (401, "Token")
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    response = api.get("/api/v1/projects/")
    assert response.status_code == 200
    assert world.a.objects["projects"].pk in {row["id"] for row in response.json()["results"]}
    assert world.b.objects["projects"].pk not in {row["id"] for row in response.json()["results"]}

    token = world.users[S].auth_token_set.get()
    assert page.post(f"/api/tokens/{token.token_key}/revoke/").status_code == 302
    revoked = api.get("/api/v1/projects/")
    assert (revoked.status_code, revoked["WWW-Authenticate"]) == (401, "Token")
    api.credentials(HTTP_AUTHORIZATION="Token " + "0" * len(key))
    assert api.get("/api/v1/projects/").status_code == 401


def test_someone_elses_token_cannot_be_revoked(world, client_for):
    client_for(world.users[S]).post("/api/tokens/", {"days": 0})
    token = world.users[S].auth_token_set.get()
    assert client_for(world.users[A]).post(f"/api/tokens/{token.token_key}/revoke/").status_code == 404
    assert world.users[S].auth_token_set.exists()


def test_the_third_anonymous_request_within_the_rate_is_429(monkeypatch):
    # DRF reads the rates once, into the class: lower them there for this test.
    monkeypatch.setattr(
        AnonRateThrottle, "THROTTLE_RATES", {**AnonRateThrottle.THROTTLE_RATES, "anon": "2/minute"}
    )
    cache.clear()
    try:
        client = APIClient()
        statuses = [client.get("/api/schema/").status_code for _ in range(3)]
        assert statuses == [200, 200, 429]
    finally:
        cache.clear()


def test_the_schema_is_openapi_3_and_names_every_route(client):
    response = client.get("/api/schema/", {"format": "json"})
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    paths = schema["paths"]
    for route in ROUTES:
        assert f"/api/v1/{route}/" in paths
        assert f"/api/v1/{route}/{{id}}/" in paths
    for computed in ("/api/v1/ranking/", "/api/v1/skills-gap/", "/api/v1/strategies/{id}/progress/"):
        assert computed in paths


def test_the_docs_load_nothing_from_elsewhere(client):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assets = re.findall(r"""(?:src|href)\s*=\s*["']([^"']+)""", html)
    assert assets
    assert all(url.startswith("/static/") for url in assets), assets
    assert not re.search(r"https?://", html)


# --- computed endpoints -------------------------------------------------------------------------------


class TestComputed:
    def test_weights_change_the_order_of_the_ranking(self, world, api_for):
        town = world.a
        urgency, risk = town.objects["criteria"], town.extra["risk"]
        Assessment.objects.filter(criterion__model=town.objects["scoring-models"]).delete()
        urgent, safe = town.objects["projects"], town.extra["project_2"]
        # The urgent project is risky; the safe one is not urgent.
        for project, u, r in ((urgent, 5, 5), (safe, 1, 1)):
            Assessment.objects.create(project=project, criterion=urgency, value=u)
            Assessment.objects.create(project=project, criterion=risk, value=r)
        client = api_for(world.users[C])

        def order(**weights):
            # Weights not given keep their stored value; these name every criterion.
            given = {
                key: 0 for key in ("citizen_benefit", "staff_impact", "effort", "strategic_fit", "reuse")
            }
            response = client.get("/api/v1/ranking/", {f"w_{k}": v for k, v in {**given, **weights}.items()})
            assert response.status_code == 200
            assert response.json()["weights"] == pytest.approx({**given, **weights})
            rows = [row for row in response.json()["projects"] if row["project"] in {urgent.pk, safe.pk}]
            return [row["project"] for row in sorted(rows, key=lambda row: row["rank"])]

        assert order(urgency=1, risk=0) == [urgent.pk, safe.pk]
        assert order(urgency=0, risk=1) == [safe.pk, urgent.pk]
        assert client.get("/api/v1/ranking/", {"w_risk": "viel"}).status_code == 400

    def test_ranking_and_gaps_of_another_municipality_are_404(self, world, api_for):
        client = api_for(world.users[S])
        other = world.b.municipality.pk
        assert client.get("/api/v1/ranking/", {"municipality": other}).status_code == 404
        assert client.get("/api/v1/skills-gap/", {"municipality": other}).status_code == 404
        assert client.get("/api/v1/ranking/", {"municipality": "x"}).status_code == 400  # not an id

    def test_the_skills_gap_hides_small_groups_except_from_hr(self, world, api_for):
        town = world.a.municipality
        add_staff(town, n=2, skill_code="e-invoicing", level=3)
        add_demand(town, skill_code="e-invoicing", level=3, fte="3.0")  # more than the two can do

        def rows(role):
            response = api_for(world.users[role]).get("/api/v1/skills-gap/")
            assert response.status_code == 200
            return [row for row in response.json()["rows"] if row["skill_id"] == _skill_id("e-invoicing")]

        council_rows, hr_rows = rows(C), rows(H)
        assert council_rows and hr_rows
        assert any(r["demand_fte"] for r in council_rows)
        derived = ("supply_fte", "gap_fte", "coverage", "needed_level", "shortage")
        for role in (C, S):
            # Nothing that rests on the two holders: "shortage": true would tell that they do not suffice.
            assert all(r["suppressed"] and all(r[k] is None for k in derived) for r in rows(role))
        assert all(not r["suppressed"] and r["supply_fte"] == pytest.approx(2.0) for r in hr_rows)
        assert any(r["shortage"] is True for r in hr_rows)
        # Project leads see no staffing figures at all.
        assert api_for(world.users[L]).get("/api/v1/skills-gap/").status_code == 403

    def test_progress_of_a_strategy(self, world, api_for):
        client = api_for(world.users[C])
        adopted = world.a.extra["adopted"]
        response = client.get(f"/api/v1/strategies/{adopted.pk}/progress/")
        assert response.status_code == 200
        body = response.json()
        assert body["strategy"] == adopted.pk
        assert len(body["goals"]) == 2 and len(body["indicators"]) == 2
        # A draft is hidden from the council; another municipality's strategy does not exist.
        assert (
            client.get(f"/api/v1/strategies/{world.a.objects['strategies'].pk}/progress/").status_code == 404
        )
        for role in (S, A):
            other = world.b.extra["adopted"].pk
            assert api_for(world.users[role]).get(f"/api/v1/strategies/{other}/progress/").status_code == 404


def _skill_id(code: str) -> int:
    from staffing.models import Skill

    return Skill.objects.get(code=code).pk


@pytest.mark.django_db
def test_changing_the_lead_through_the_api_moves_the_grant(town_a, make_user):
    from guardian.shortcuts import get_perms
    from rest_framework.test import APIClient

    from municipalities.access import Role
    from portfolio.models import Project

    strategist = make_user("api-cdo", (town_a, Role.STRATEGIST))
    first = make_user("api-lead-1", (town_a, Role.PROJECT_LEAD))
    second = make_user("api-lead-2", (town_a, Role.PROJECT_LEAD))
    client = APIClient()
    client.force_authenticate(strategist)
    created = client.post(
        "/api/v1/projects/",
        {"municipality": town_a.pk, "title": "API-Projekt", "layer": "back_end", "lead": first.pk},
        format="json",
    )
    assert created.status_code == 201, created.content
    project = Project.objects.get(pk=created.json()["id"])
    assert "change_project" in get_perms(first, project)
    moved = client.patch(f"/api/v1/projects/{project.pk}/", {"lead": second.pk}, format="json")
    assert moved.status_code == 200, moved.content
    assert "change_project" not in get_perms(first, project)
    assert "change_project" in get_perms(second, project)
