"""Benchmark of the REST API's list endpoint (DESIGN.md §7) against the least a server can do.

Run with ``make bench`` or ``python -m tests.bench.bench_api``. Builds a throw-away SQLite database (the
migrations of the real schema) with 1,000 synthetic projects in one municipality, then times:

- the API: ``GET /api/v1/projects/?page_size=500`` and ``&page=2``, the two pages a client needs for the
  1,000 projects (500 is the API's largest page; the benchmark keeps the shipped limit rather than raising
  it), through DRF as configured: session user, scoping gate, filter, search and ordering backends,
  pagination, serializer, JSON renderer;
- the bare minimum: one view that returns the same 1,000 rows, the same fields, gate and order, as
  ``QuerySet.values()`` in a ``JsonResponse``.

Both are called as views with the same request (the middleware, the same for both, is left out), each the
median of five runs (interleaved) after one warm-up. Prints one row for docs/BENCHMARKS.md; exits with
status 1 when the API takes more than 1.5 times the bare view.

Not a pytest module (pytest collects only ``test_*.py``): timings belong on a quiet machine, not in CI.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time

PROJECTS = 1_000
PAGE = 500
RUNS = 5
TARGET_RATIO = 1.5


def setup_django(database: str) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "digiplan.settings.test"
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    import django

    django.setup()


def build(*, projects: int):
    """A migrated database with one municipality, its strategist and ``projects`` projects."""
    import datetime
    import random

    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from municipalities.access import Role
    from municipalities.models import Membership, Municipality, OrgUnit, State
    from portfolio.models import Category, Layer, Project, Status

    call_command("migrate", verbosity=0)
    rng = random.Random(1)
    town = Municipality.objects.create(name="Großstadt", ags="05315000", state=State.NW, population=1_000_000)
    units = [OrgUnit.objects.create(municipality=town, name=f"Amt {i}") for i in range(20)]
    user = get_user_model().objects.create_user("cdo", password="x")
    Membership.objects.create(user=user, municipality=town, role=Role.STRATEGIST)
    start = datetime.date(2026, 1, 1)
    Project.objects.bulk_create(
        Project(
            municipality=town,
            title=f"Projekt {i:04d}",
            description="Digitalisierung einer Verwaltungsleistung von Antrag bis Akte. " * 3,
            layer=rng.choice(Layer.values),
            category=rng.choice(Category.values),
            status=rng.choice([Status.IDEA, Status.PROPOSED, Status.APPROVED, Status.IN_PROGRESS]),
            org_unit=rng.choice(units),
            planned_start=start + datetime.timedelta(days=rng.randrange(365)),
            planned_end=start + datetime.timedelta(days=400 + rng.randrange(700)),
            internal_effort_days=rng.randrange(10, 500),
            external_cost=rng.randrange(0, 500_000),
        )
        for i in range(projects)
    )
    return user, town


def api_view():
    from api.resources import ROUTES

    return ROUTES["projects"][1].as_view({"get": "list"})


def bare_view(user, town):
    """The same rows, fields, gate and order as the API's list, with nothing in between."""
    from django.http import JsonResponse

    from api.resources import ROUTES
    from portfolio.models import Project

    serializer = ROUTES["projects"][0]
    fields = list(serializer().fields)
    viewset = ROUTES["projects"][1]

    def view(request):
        rows = (
            Project.objects.for_user(request.user)
            .filter(municipality=town)
            .order_by(*viewset.ordering)
            .values(*fields)
        )
        return JsonResponse({"count": len(rows), "results": list(rows)})

    return view


def timed(call) -> float:
    start = time.perf_counter()
    call()
    return time.perf_counter() - start


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        setup_django(os.path.join(folder, "bench.sqlite3"))
        import json

        from django.test import RequestFactory
        from rest_framework.test import force_authenticate

        user, town = build(projects=PROJECTS)
        factory = RequestFactory(HTTP_HOST="localhost")
        api, bare = api_view(), bare_view(user, town)

        def get_api() -> list[dict]:
            rows = []
            for page in (1, 2):
                request = factory.get(
                    "/api/v1/projects/",
                    {"page_size": PAGE, "page": page, "municipality": town.pk},
                    HTTP_ACCEPT="application/json",
                )
                force_authenticate(request, user)
                response = api(request)
                response.render()
                assert response.status_code == 200, response.content
                rows += json.loads(response.content)["results"]
            return rows

        def get_bare() -> list[dict]:
            request = factory.get("/bare/")
            request.user = user
            return json.loads(bare(request).content)["results"]

        api_rows, bare_rows = get_api(), get_bare()  # warm-up, and the same rows either way
        assert len(api_rows) == len(bare_rows) == PROJECTS
        assert [r["id"] for r in api_rows] == [r["id"] for r in bare_rows]

        # Interleaved, so a slower moment of the machine falls on both alike.
        api_times, bare_times = [], []
        for _ in range(RUNS):
            api_times.append(timed(get_api))
            bare_times.append(timed(get_bare))
        api_seconds, bare_seconds = statistics.median(api_times), statistics.median(bare_times)
        ratio = api_seconds / bare_seconds
        met = ratio <= TARGET_RATIO
        print(
            f"| projects list | {PROJECTS:,} projects, 2 pages of {PAGE} "
            f"| {api_seconds * 1000:.0f} ms ({min(api_times) * 1000:.0f}–{max(api_times) * 1000:.0f}) "
            f"| {bare_seconds * 1000:.0f} ms ({min(bare_times) * 1000:.0f}–{max(bare_times) * 1000:.0f}) "
            f"| {ratio:.2f} | ≤ {TARGET_RATIO:g} | {'met' if met else 'MISSED'} |"
        )
        if not met:
            print(
                f"The API takes {ratio:.2f} times the bare view; the target is {TARGET_RATIO:g}.",
                file=sys.stderr,
            )
        from django.db import connections

        connections.close_all()
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
