"""Input that gave a server error before, now refused with a 4xx (DESIGN.md §7: never a 500; issue 15).

Each fix sits where the input is first read, so these walk every place that reads it: every text and
choice field of every serializer (a lone surrogate), every write of every route (JSON nested 100,000 deep),
the token authentication (an ``Authorization`` header that is not UTF-8), every id in a query string (a
superscript digit).
"""

from __future__ import annotations

import json

import pytest
from django.contrib.auth import get_user_model
from rest_framework import serializers
from rest_framework.test import APIClient

from api.parsers import MAX_DEPTH, nesting_depth
from api.resources import ROUTES
from municipalities.access import Role

from .test_permissions import SCOPED, create_payload

pytestmark = pytest.mark.django_db

SURROGATE = "\ud800"  # a lone surrogate: valid in a JSON string escape, not a Unicode scalar value


def _text_fields() -> list[tuple[str, str]]:
    """(route, field) of every writable text or choice field of every writable route of the API."""
    found = []
    for route, (serializer_class, viewset) in ROUTES.items():
        if not hasattr(viewset, "partial_update"):
            continue  # reference data, read-only
        for name, field in serializer_class().fields.items():
            if not field.read_only and isinstance(field, serializers.CharField | serializers.ChoiceField):
                found.append((route, name))
    return found


TEXT_FIELDS = _text_fields()
CHOICE_FIELDS = [
    (route, name)
    for route, name in TEXT_FIELDS
    if isinstance(ROUTES[route][0]().fields[name], serializers.ChoiceField)
]


def client_of(world, role: Role | None = None) -> APIClient:
    """A client of ``role`` in town_a; without a role, of an operator of the installation (a superuser),
    who may write every route, so the body reaches the parser and the fields (a role that may not write
    is refused with 403 before its body is read)."""
    if role is None:
        user, _ = get_user_model().objects.get_or_create(
            username="operator", defaults={"is_superuser": True, "is_staff": True}
        )
    else:
        user = world.users[role]
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    client.force_authenticate(user)
    client.raise_request_exception = False  # a server error is an answer to assert on, not an exception
    return client


def test_the_walk_finds_every_choice_field():
    # Layer, status, category, funding, directions, kinds, intervals, handling, traffic lights, … (issue 15
    # counted 21 in the fields it names); a new choice field joins the walk by itself.
    assert len(CHOICE_FIELDS) >= 21
    named = {("projects", "layer"), ("status-reports", "overall"), ("staff", "exit_reason")}
    assert named <= set(CHOICE_FIELDS)


@pytest.mark.parametrize(("route", "field"), TEXT_FIELDS, ids=[f"{r}.{f}" for r, f in TEXT_FIELDS])
def test_a_lone_surrogate_is_a_field_error(class_world, db, route, field):
    obj = class_world.a.objects[route]
    body = json.dumps({field: SURROGATE})  # ASCII, with the escape "\\ud800" as a client sends it
    response = client_of(class_world).patch(
        f"/api/v1/{route}/{obj.pk}/", body, content_type="application/json"
    )
    assert response.status_code == 400, response.content
    assert field in response.json(), response.json()


@pytest.mark.parametrize(("route", "field"), TEXT_FIELDS, ids=[f"{r}.{f}" for r, f in TEXT_FIELDS])
def test_a_number_for_text_is_a_field_error_and_changes_nothing(class_world, db, route, field):
    """Text is a JSON string: DRF's CharField stored ``0.7`` as "0.7" (found by the stateful run)."""
    obj = class_world.a.objects[route]
    before = getattr(type(obj).objects.get(pk=obj.pk), field, None)
    response = client_of(class_world).patch(f"/api/v1/{route}/{obj.pk}/", {field: 0.7}, format="json")
    assert response.status_code == 400, response.content
    assert field in response.json(), response.json()
    assert getattr(type(obj).objects.get(pk=obj.pk), field, None) == before


@pytest.mark.parametrize(("route", "field"), CHOICE_FIELDS, ids=[f"{r}.{f}" for r, f in CHOICE_FIELDS])
def test_a_lone_surrogate_in_a_new_object_is_a_field_error(class_world, db, route, field):
    payload = create_payload(route, class_world.a) | {field: SURROGATE}
    body = json.dumps(payload)  # ASCII with the escape: the surrogate cannot be encoded as UTF-8
    response = client_of(class_world).post(f"/api/v1/{route}/", body, content_type="application/json")
    assert response.status_code == 400, response.content
    assert field in response.json()


class TestDeeplyNestedJson:
    DEEP = "[" * 100_000

    @pytest.mark.parametrize("route", SCOPED)
    def test_every_write_refuses_it(self, class_world, db, route):
        client = client_of(class_world)
        obj = class_world.a.objects[route]
        for method, url in (
            ("post", f"/api/v1/{route}/"),
            ("put", f"/api/v1/{route}/{obj.pk}/"),
            ("patch", f"/api/v1/{route}/{obj.pk}/"),
        ):
            response = getattr(client, method)(url, self.DEEP, content_type="application/json")
            assert response.status_code == 400, (method, url, response.content[:200])
            assert "too deeply nested" in response.json()["detail"]

    def test_in_german_too(self, class_world, db):
        client = client_of(class_world)
        client.credentials(HTTP_ACCEPT_LANGUAGE="de")
        response = client.post("/api/v1/projects/", self.DEEP, content_type="application/json")
        assert response.status_code == 400
        assert "zu tief verschachtelt" in response.json()["detail"]

    def test_the_limit_and_brackets_inside_strings(self, class_world, db):
        client = client_of(class_world)
        project = class_world.a.objects["projects"]

        def nested(depth: int) -> str:
            return '{"description": ' + "[" * (depth - 1) + "]" * (depth - 1) + "}"

        # At the limit the body is parsed (and refused by the field: a list is not text), beyond it not.
        at_limit = client.patch(
            f"/api/v1/projects/{project.pk}/", nested(MAX_DEPTH), content_type="application/json"
        )
        assert at_limit.status_code == 400 and "description" in at_limit.json()
        beyond = client.patch(
            f"/api/v1/projects/{project.pk}/", nested(MAX_DEPTH + 1), content_type="application/json"
        )
        assert beyond.status_code == 400 and "too deeply nested" in beyond.json()["detail"]
        # Brackets inside a string nest nothing.
        text = "[" * 500 + '\\"' + "{" * 500
        fine = client.patch(
            f"/api/v1/projects/{project.pk}/", f'{{"description": "{text}"}}', content_type="application/json"
        )
        assert fine.status_code == 200, fine.content
        assert fine.json()["description"] == "[" * 500 + '"' + "{" * 500


def test_nesting_depth():
    assert nesting_depth("1") == 0
    assert nesting_depth('{"a": [1, {"b": []}]}') == 4
    assert nesting_depth('["]]]", "[[[\\"[[["]') == 1
    assert nesting_depth("[" * 1000) == 1000  # unterminated: at least as deep as the parser would go


class TestAuthorizationHeader:
    """Anyone can send these, before any login: 401 with the scheme to use, never a 500."""

    @pytest.mark.parametrize(
        "header",
        [
            "Token \xff\xfe\xfd",  # bytes that are not UTF-8 (the header arrives as Latin-1)
            "Token caf\xe9",
            "Token abc\x00def",  # a NUL: a database error on PostgreSQL
            "token \x80",
            "Token " + "f" * 10_000,
        ],
    )
    def test_a_token_no_knox_token_can_be_is_401(self, header):
        client = APIClient(HTTP_AUTHORIZATION=header)
        client.raise_request_exception = False
        for response in (
            client.get("/api/v1/projects/"),
            client.post("/api/v1/projects/", {"title": "X"}, format="json"),
            client.get("/api/v1/ranking/"),
        ):
            assert response.status_code == 401, response.content
            assert response["WWW-Authenticate"] == "Token"

    def test_another_scheme_with_such_bytes_is_not_logged_in(self):
        client = APIClient(HTTP_AUTHORIZATION="Basic \xff\xfe")
        client.raise_request_exception = False
        assert client.get("/api/v1/projects/").status_code == 401


class TestIdsInTheQuery:
    @pytest.mark.parametrize("value", ["²", "¹2", "٣", "1_0", " 1", "-1", "0", "9" * 30, "1.0"])
    @pytest.mark.parametrize("path", ["/api/v1/ranking/", "/api/v1/skills-gap/"])
    def test_a_municipality_that_is_not_an_id_is_400(self, class_world, db, path, value):
        response = client_of(class_world, Role.STRATEGIST).get(path, {"municipality": value})
        assert response.status_code == 400, response.content
        assert "municipality" in response.json()

    @pytest.mark.parametrize("path", ["/api/v1/ranking/", "/api/v1/skills-gap/"])
    def test_a_real_id_still_works(self, class_world, db, path):
        own = class_world.a.municipality.pk
        client = client_of(class_world, Role.STRATEGIST)
        assert client.get(path, {"municipality": str(own)}).status_code == 200
        assert client.get(path, {"municipality": str(class_world.b.municipality.pk)}).status_code == 404


class TestNullCharactersInTheQuery:
    """Ordering and search are no forms: a NUL was ignored (ordering) or handed to the database (search,
    which PostgreSQL refuses with an error), though the schema says no query value holds one."""

    @pytest.mark.parametrize(
        "query", [{"ordering": "\x00"}, {"search": "Post\x00"}, {"ordering": "pk", "search": "\x00"}]
    )
    def test_a_nul_is_a_400_naming_the_parameter(self, class_world, db, query):
        response = client_of(class_world, Role.STRATEGIST).get("/api/v1/projects/", query)
        assert response.status_code == 400, response.content
        named = {name for name, value in query.items() if "\x00" in value}
        assert set(response.json()) == named
        assert response.json()[named.pop()] == ["Null characters are not allowed."]

    def test_ordering_and_search_without_one_still_work(self, class_world, db):
        response = client_of(class_world, Role.STRATEGIST).get(
            "/api/v1/projects/", {"ordering": "-pk", "search": "a"}
        )
        assert response.status_code == 200
