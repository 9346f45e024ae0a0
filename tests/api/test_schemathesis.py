"""The API against its own OpenAPI schema (DESIGN.md §7), property-based with schemathesis.

Every operation of /api/schema/ (one test item each) is called through Django's WSGI application with a
knox token of town_a's strategist, on the data of ``tests/api/conftest.py`` (both towns, every resource):
a few generated requests per operation, valid and invalid ones. Checks: no response is a server error,
and every documented response matches its schema. Hypothesis is derandomised, so every run sends the same
requests. Nothing is excluded: the strategist may not delete a municipality or a membership, and what it
may delete (a project, say) is rebuilt for the next operation.

``make test`` runs schemathesis's fuzzing phase (about a minute). ``DIGIPLAN_API_COVERAGE=1`` adds its
coverage phase, which sends every boundary and wrong-typed value of every parameter (several minutes);
run it after changing the API. It found the 500s of ``?mandatory__in=true`` and ``?year__in=<20 digits>``.

The test database is transactional: the requests go through the real WSGI handler (as a server would),
which closes and checks connections on its own and would break the wrapping transaction of a
non-transactional test.
"""

from __future__ import annotations

import os

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from hypothesis import HealthCheck, Phase, settings
from knox.models import AuthToken
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from municipalities.access import Role

from .conftest import build_world

EXAMPLES = 5
PHASES = [Phase.explicit, Phase.generate] if os.environ.get("DIGIPLAN_API_COVERAGE") else [Phase.generate]

# Loading the schema needs no database: it is generated from the code, for an anonymous caller.
schema = schemathesis.openapi.from_wsgi(
    "/api/schema/?format=json",
    WSGIHandler(),
    config=schemathesis.Config.from_dict({"generation": {"mode": "all"}}),
)


@pytest.fixture
def strategist_token(transactional_db, town_a, town_b, make_user) -> str:
    world = build_world(town_a=town_a, town_b=town_b, make_user=make_user)
    _instance, key = AuthToken.objects.create(user=world.users[Role.STRATEGIST])
    return key


@pytest.mark.django_db(transaction=True)
@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    phases=PHASES,
    suppress_health_check=list(HealthCheck),
)
def test_the_api_keeps_to_its_schema(case, strategist_token):
    case.call_and_validate(
        headers={"Authorization": f"Token {strategist_token}"},
        checks=[not_a_server_error, response_schema_conformance],
    )
