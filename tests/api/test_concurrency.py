"""Two writers with one ETag, for every object kind the API writes (issue 15, DESIGN.md §7).

For each kind: 20 trials of two threads, each with its own database connection, PATCHing the same object
with the same ``If-Match``. Both have read and validated the old state before either writes (they meet
on a barrier in ``perform_update``, the worst case), then race for the row. Each trial must end with
exactly one 2xx and one 412, never a 500, and the database must hold the winner's value. This runs on
the SQLite default and, when ``DATABASE_URL`` points at PostgreSQL (the second run of ``.ci/run``), there.

The objects are built once for the module and committed (the writers' connections must see them); the
database is flushed afterwards (the fixture ``db`` below). Each test changes only its own object.
"""

from __future__ import annotations

import datetime
import threading
from collections.abc import Callable
from decimal import Decimal, InvalidOperation

import pytest
from django.core.management import call_command
from django.db import connection
from rest_framework.test import APIClient

from api.base import ScopedViewSet
from api.resources import ROUTES
from api.workflows import CouncilReportViewSet
from municipalities.access import Role
from municipalities.concurrency import etag
from municipalities.models import Municipality, OrgUnit, State
from reports.actions import report_create

from .conftest import _make_user, build_world, install_reference_data

TRIALS = 20

# A value maker: (n, current) -> the value to send; n differs for every write of the test (so a write
# never leaves the row as it was and the loser's ETag is really stale), ``current`` is the stored value.
Maker = Callable[[int, object], object]


def text(prefix: str) -> Maker:
    return lambda n, current: f"{prefix} {n}"


def number(start: int) -> Maker:
    return lambda n, current: start + n


def decimal(start: str, step: str) -> Maker:
    return lambda n, current: str(Decimal(start) + n * Decimal(step))


def day(start: datetime.date) -> Maker:
    return lambda n, current: (start + datetime.timedelta(days=n)).isoformat()


def one_of(*options) -> Maker:
    """For fields of few values: two options other than the stored one, alternating by ``n``."""

    def make(n, current):
        others = [o for o in options if str(o) != str(current) and not _same(o, current)]
        return others[n % 2]

    return make


# Per kind: the user role that writes it (DESIGN.md §1), the field both writers change, the values.
KINDS: dict[str, tuple[Role, str, Maker]] = {
    "municipalities": (Role.ADMIN, "name", text("Altstadt")),
    "org-units": (Role.ADMIN, "name", text("Poststelle")),
    "memberships": (Role.ADMIN, "role", one_of(Role.STRATEGIST, Role.PROJECT_LEAD, Role.COUNCIL, Role.HR)),
    "council-resolutions": (Role.STRATEGIST, "title", text("Haushalt")),
    "strategies": (Role.STRATEGIST, "title", text("Agenda")),
    "fields-of-action": (Role.STRATEGIST, "description", text("Beschreibung")),
    "goals": (Role.STRATEGIST, "description", text("Beschreibung")),
    "indicators": (Role.STRATEGIST, "source", text("Quelle")),
    "measurements": (Role.STRATEGIST, "note", text("Notiz")),
    "services": (Role.STRATEGIST, "notes", text("Notiz")),
    "projects": (Role.STRATEGIST, "description", text("Beschreibung")),
    "project-costs": (Role.STRATEGIST, "invest", decimal("20000", "1")),
    "service-changes": (Role.STRATEGIST, "staff_minutes_saved", one_of(*range(1, 10))),
    "dependencies": (Role.STRATEGIST, "note", text("Notiz")),
    "status-reports": (Role.STRATEGIST, "summary", text("Stand")),
    "milestones": (Role.STRATEGIST, "title", text("Meilenstein")),
    "contributions": (Role.STRATEGIST, "weight", decimal("1.5", "0.01")),
    "scoring-models": (Role.STRATEGIST, "name", text("Modell")),
    "criteria": (Role.STRATEGIST, "name", text("Kriterium")),
    "assessments": (Role.STRATEGIST, "note", text("Begründung")),
    "pairwise-comparisons": (Role.STRATEGIST, "value", one_of(*range(1, 10))),
    "role-profiles": (Role.HR, "description", text("Profil")),
    "role-profile-skills": (Role.HR, "target_level", one_of(1, 2, 3, 4, 5)),
    "staff": (Role.HR, "job_title", text("Sachbearbeitung")),
    "staff-skills": (Role.HR, "valid_until", day(datetime.date(2027, 1, 1))),
    "vacancies": (Role.HR, "title", text("Stelle")),
    "skill-demands": (Role.STRATEGIST, "fte", decimal("0.5", "0.01")),
    "council-reports": (Role.STRATEGIST, "title", text("Bericht")),
    "scenarios": (Role.STRATEGIST, "description", text("Frage")),
    "scenario-budgets": (Role.STRATEGIST, "total", decimal("910000", "1")),
    "scenario-capacities": (Role.STRATEGIST, "fte", decimal("2.5", "0.01")),
}

SERIALIZERS = {route: serializer for route, (serializer, _viewset) in ROUTES.items()}
SERIALIZERS["council-reports"] = CouncilReportViewSet.serializer_class


def _same(a, b) -> bool:
    try:
        return Decimal(str(a)) == Decimal(str(b))
    except InvalidOperation:
        return str(a) == str(b)


def test_every_kind_the_api_writes_is_raced():
    writable = {route for route, (_s, viewset) in ROUTES.items() if issubclass(viewset, ScopedViewSet)}
    assert set(KINDS) == writable | {"council-reports"}


@pytest.fixture(scope="module")
def db(django_db_setup, django_db_blocker):
    """pytest-django's ``transactional_db`` at module scope: the data below is built once and committed,
    so the writers' own connections see it, and the database is flushed after the module, as a
    transactional test flushes it after itself. Named ``db`` so that pytest-django sets the test database
    up for these tests (it looks for that name) and every fixture of the suite that takes ``db`` gets it."""
    with django_db_blocker.unblock():
        try:
            yield
        finally:
            call_command("flush", interactive=False, verbosity=0)
            # The flush also empties what the data migrations installed; the tests after this module
            # (pytest-django runs it among the database tests, by the fixture's name) expect it there.
            install_reference_data()


@pytest.fixture(scope="module")
def race_world(db):
    """The world of tests/api/conftest.py (one object of every kind) and a draft council report."""
    town_a = Municipality.objects.create(name="Altstadt", ags="05900001", state=State.NW, population=20_000)
    OrgUnit.objects.create(municipality=town_a, name="Hauptamt A")
    town_b = Municipality.objects.create(name="Bergdorf", ags="09900001", state=State.BY, population=20_000)
    OrgUnit.objects.create(municipality=town_b, name="Hauptamt B")
    world = build_world(town_a=town_a, town_b=town_b, make_user=_make_user)
    world.a.objects["council-reports"] = report_create(
        municipality=town_a,
        user=world.users[Role.STRATEGIST],
        title="Bericht",
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2026, 6, 30),
        language="de",
    )
    return world


def _client(user) -> APIClient:
    client = APIClient(HTTP_ACCEPT_LANGUAGE="de")
    client.force_authenticate(user)
    return client


def _race(user, url: str, tag: str, bodies: list[dict], monkeypatch) -> list[tuple[int, dict]]:
    """PATCH ``url`` from one thread per body, each with its own connection and the ETag ``tag`` read
    before; the threads meet after validating, before writing. (status, body) per writer."""
    before_the_write = threading.Barrier(len(bodies), timeout=20)
    perform_update = ScopedViewSet.perform_update

    met = threading.local()

    def meet_then_write(self, serializer):
        before_the_write.wait()
        met.there = True
        return perform_update(self, serializer)

    monkeypatch.setattr(ScopedViewSet, "perform_update", meet_then_write)
    results: list[tuple[int, dict]] = []
    errors: list[BaseException] = []

    def write(body):
        try:
            response = _client(user).patch(url, body, format="json", HTTP_IF_MATCH=tag)
            results.append((response.status_code, body))
        except BaseException as error:  # reported by the test, not lost in the thread
            errors.append(error)
        finally:
            if not getattr(met, "there", False):
                before_the_write.abort()  # refused before the barrier (a 400): the other is not kept waiting
            connection.close()

    threads = [threading.Thread(target=write, args=(body,)) for body in bodies]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    monkeypatch.undo()
    assert not errors, errors
    assert len(results) == len(bodies), "a writer did not finish"
    return results


@pytest.mark.parametrize("route", list(KINDS))
def test_two_writers_with_one_etag_one_wins_one_is_412(race_world, route, monkeypatch):
    role, name, make = KINDS[route]
    instance = race_world.a.objects[route]
    model = type(instance)
    url = f"/api/v1/{route}/{instance.pk}/"
    user = race_world.users[role]
    # The tag a reader of the API holds is the stored row's, as the test computes it below.
    assert _client(user).get(url)["ETag"] == etag(model.objects.get(pk=instance.pk))

    for trial in range(TRIALS):
        row = model.objects.get(pk=instance.pk)
        current = SERIALIZERS[route](row).data[name]
        bodies = [{name: make(2 * trial + side, current)} for side in (0, 1)]
        assert not _same(bodies[0][name], bodies[1][name]) and not _same(bodies[0][name], current)
        results = _race(user, url, etag(row), bodies, monkeypatch)
        statuses = sorted(status for status, _body in results)
        assert statuses == [200, 412], f"trial {trial}: {results}"
        (winner,) = [body for status, body in results if status == 200]
        stored = SERIALIZERS[route](model.objects.get(pk=instance.pk)).data[name]
        assert _same(stored, winner[name]), f"trial {trial}: stored {stored!r}, winner {winner}"
