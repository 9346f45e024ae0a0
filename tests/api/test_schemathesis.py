"""The API against its own OpenAPI schema (DESIGN.md §7; issue 15), property-based with schemathesis.

Every operation of /api/schema/ (one test item each) is called through Django's WSGI application with a
knox token of town_a's strategist, on the data of ``tests/api/conftest.py`` (both towns, every resource),
in every phase of schemathesis: the schema's examples, its coverage phase (every boundary and
wrong-typed value of every parameter and field), fuzzing (valid and invalid requests), and a stateful run
that follows the schema's links (create → read → update → delete, ``api.schema``). Every check of
schemathesis is on: no server error; every status code, content type, header and body as documented;
schema-valid requests accepted and schema-violating ones refused; authentication enforced; a deleted
object gone; a created one readable.

One check is narrowed, with the schema's help: a schema-valid request may be refused with 400 when the
fields it names are checked against stored data, which JSON Schema cannot express (a related object the
caller must see, a unique title, a rule across fields): ``api.schema`` lists them per operation in
``x-digiplan-checked-against-data``, and a 400 naming any other field fails. A stale If-Match (412) is a
correct refusal of a schema-valid request too: which ETag is current is not the schema's to say.

Hypothesis is derandomised, so every run sends the same requests. Nothing is excluded: the strategist
may not delete a municipality or a membership, and what it may delete (a project, say) comes back for the
next operation: each operation's test runs in a savepoint of the module's world. ``make test`` runs a few
fuzzed cases per operation and the coverage phase's valid cases (about two minutes); ``DIGIPLAN_API_FULL=1``
runs many more fuzzed cases, the coverage phase's invalid ones too, and longer stateful scenarios, after a
change of the API. ``DIGIPLAN_API_REPORT=<file>`` writes the status codes seen per operation.
"""

from __future__ import annotations

import collections
import json
import os
import re
from unittest import mock

import pytest
import schemathesis
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections, connection
from hypothesis import HealthCheck, Phase, settings
from knox.models import AuthToken
from schemathesis.specs.openapi.checks import positive_data_acceptance

from municipalities.access import Role
from municipalities.models import Municipality, OrgUnit, State

from .conftest import _make_user as make_user
from .conftest import build_world, rolled_back

FULL = bool(os.environ.get("DIGIPLAN_API_FULL"))
# The id the module's world starts from in every table. The generated requests name ids such as 409 and 0;
# where a table's next id depended on the tests run before (PostgreSQL does not roll back its sequences),
# the same request met an object in one run and nothing in the next. Fixed, every run sends the same
# requests to the same objects; 409 is the first object of each table, so the refusals of a real object's
# state are met. ``DIGIPLAN_API_FIRST_ID=<n>`` moves the world to look at other objects.
FIRST_ID = int(os.environ.get("DIGIPLAN_API_FIRST_ID", "409"))
EXAMPLES = 60 if FULL else 4  # fuzzed cases per operation, besides its examples and its coverage cases
STATEFUL_EXAMPLES = 60 if FULL else 8  # scenarios of the stateful run
STATEFUL_STEPS = 12 if FULL else 6  # calls per scenario

# Loading the schema needs no database: it is generated from the code, for an anonymous caller.
schema = schemathesis.openapi.from_wsgi(
    "/api/schema/?format=json",
    WSGIHandler(),
    config=schemathesis.Config.from_dict(
        {
            "generation": {"mode": "all"},
            "phases": {
                "examples": {"enabled": True},
                # The coverage phase sends every boundary and wrong-typed value of every parameter and
                # field: ten thousand cases, most of a full run. ``make test`` sends its valid ones.
                "coverage": {"enabled": True, "generation": {"mode": "all" if FULL else "positive"}},
                "fuzzing": {"enabled": True},
                "stateful": {"enabled": True, "max-steps": STATEFUL_STEPS},
            },
            "checks": {"enabled": True},
        }
    ),
)

ANSWERS: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)  # status codes seen
# The strategist's knox token, fixed: schemathesis builds the cases of its examples and coverage phases
# while collecting, before any fixture has made a token, and sets the authentication on them then.
TOKEN = "5c" * 32


@schema.auth(refresh_interval=None)
class StrategistToken:
    """The knox token of town_a's strategist, as an integrator sends it."""

    def get(self, case, context):
        return TOKEN

    def set(self, case, data, context):
        case.headers = {**(case.headers or {}), "Authorization": f"Token {data}"}


def schema_valid_request_accepted(ctx, response, case):
    """schemathesis's ``positive_data_acceptance``, except for two refusals no schema can foresee: a 400
    naming only fields the operation documents as checked against stored data, and a 412 for an
    If-Match that is not the object's current ETag."""
    meta = case.meta
    if meta is not None and meta.generation.mode.is_positive:
        if response.status_code == 412 and "If-Match" in (case.headers or {}):
            return None
        if response.status_code == 400:
            documented = case.operation.definition.raw.get("responses", {}).get("400", {})
            checked = set(documented.get("x-digiplan-checked-against-data", ()))
            body = response.json()
            if isinstance(body, dict) and body and set(body) <= checked:
                return None
    return positive_data_acceptance(ctx, response, case)


def start_ids_at(first: int) -> None:
    """The next id of every table is ``first`` (inside the module's transaction, rolled back after it)."""
    tables = connection.introspection.django_table_names(only_existing=True, include_views=False)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            for sequence in connection.introspection.sequence_list():
                name = [sequence["table"], sequence["column"] or "id"]
                cursor.execute("SELECT pg_get_serial_sequence(%s, %s)", name)
                if (found := cursor.fetchone()[0]) is None:
                    continue
                # Never below a stored row's id (reference data installed again after a flush sits higher).
                table, column = (connection.ops.quote_name(n) for n in name)
                cursor.execute(f"SELECT COALESCE(MAX({column}), 0) + 1 FROM {table}")
                cursor.execute("SELECT setval(%s, %s, false)", [found, max(first, cursor.fetchone()[0])])
        else:  # SQLite's AUTOINCREMENT: past the largest id handed out so far and the largest stored
            for table in tables:
                cursor.execute("DELETE FROM sqlite_sequence WHERE name = %s", [table])
                cursor.execute("INSERT INTO sqlite_sequence (name, seq) VALUES (%s, %s)", [table, first - 1])


@pytest.fixture(scope="module")
def strategist_token(django_db_setup, django_db_blocker):
    """Both towns with every resource, built once for the module inside a transaction rolled back after
    it; each test runs in a savepoint of it (``db``), so every operation starts from the same data
    (rebuilding the world for each of the ~190 operations took most of the run).

    The requests go through the real WSGI handler, as a server's do; it closes the connection after each
    request when it finds it inside a transaction, as Django's test client prevents: so does this fixture."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        with django_db_blocker.unblock(), rolled_back():
            start_ids_at(FIRST_ID)
            town_a = Municipality.objects.create(
                name="Altstadt", ags="05900001", state=State.NW, population=20_000
            )
            root = OrgUnit.objects.create(municipality=town_a, name="Hauptamt A")
            OrgUnit.objects.create(municipality=town_a, name="IT A", parent=root)
            town_b = Municipality.objects.create(
                name="Bergdorf", ags="09900001", state=State.BY, population=20_000
            )
            OrgUnit.objects.create(municipality=town_b, name="Hauptamt B")
            world = build_world(town_a=town_a, town_b=town_b, make_user=make_user)
            with mock.patch("knox.models.crypto.create_token_string", return_value=TOKEN):
                _instance, key = AuthToken.objects.create(user=world.users[Role.STRATEGIST])
            yield key
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)
    if report := os.environ.get("DIGIPLAN_API_REPORT"):  # the figures of a run: answers per operation
        with open(report, "w") as file:
            answers = {label: dict(codes) for label, codes in ANSWERS.items()}
            json.dump(answers, file, indent=1, sort_keys=True)


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
def test_the_api_keeps_to_its_schema(case, strategist_token):
    response = case.call_and_validate(
        excluded_checks=[positive_data_acceptance], additional_checks=[schema_valid_request_accepted]
    )
    ANSWERS[case.operation.label][response.status_code] += 1


def _rule(path: str) -> str:
    return re.sub(r"[^A-Za-z0-9]", "_", path.replace("{", "").replace("}", ""))


def test_the_stateful_run_goes_from_create_to_read_update_and_delete():
    """Every resource created by POST links to reading, changing and deleting what it created: the
    links schemathesis infers from the schema (the ``id`` of the answer, the ``{id}`` of the path)."""
    rules = [name for name in dir(schema.as_state_machine()) if "___" in name]
    paths = schema.raw_schema["paths"]
    checked = 0
    for path, operations in paths.items():
        detail = f"{path}{{id}}/"
        if "201" not in operations.get("post", {}).get("responses", {}) or detail not in paths:
            continue
        for method in ("get", "patch", "delete"):
            if method in paths[detail]:
                prefix, suffix = f"POST{_rule(path)}__201_", f"__{method.upper()}{_rule(detail)}"
                assert any(r.startswith(prefix) and r.endswith(suffix) for r in rules), (path, method)
                checked += 1
    assert checked >= 80, checked  # 28 resources are created by POST; most are read, changed and deleted


@pytest.mark.django_db
def test_the_api_keeps_to_its_schema_from_call_to_call(strategist_token):
    """The stateful phase: scenarios of calls along the schema's links, each using what an earlier call
    answered (the id of a created object, its ETag), with every check on."""
    machine = schema.as_state_machine()

    class Scenarios(machine):
        def validate_response(self, response, case, additional_checks=None, **kwargs):
            case.validate_response(
                response,
                excluded_checks=[positive_data_acceptance],
                additional_checks=[schema_valid_request_accepted, *(additional_checks or [])],
                transport_kwargs=kwargs or None,
                recorder=self.recorder,
            )

    Scenarios.run(
        settings=settings(
            max_examples=STATEFUL_EXAMPLES,
            stateful_step_count=STATEFUL_STEPS,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
    )
