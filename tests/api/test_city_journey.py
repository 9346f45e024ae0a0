"""A city enters its digital agenda through the API only (issue 15): an integrator can do everything the
pages do.

After the operator (a superuser) exists, every step is an ``APIClient`` call under /api/v1/. A guard makes
the test fail if a row is written outside such a call (the shell, a fixture, a page): every save and
delete must happen while a request to /api/ is being handled. The people invited are looked up by their
e-mail address only to act as them (``force_authenticate``), which writes nothing. The council report's
files are made by the task worker, as on a server: its writes are the product's, not the test's.
"""

from __future__ import annotations

import datetime
import io
from contextlib import contextmanager
from unittest import mock

import openpyxl
import pytest
from django.contrib.auth import get_user_model
from django.core.signals import request_finished, request_started
from django.db.models.signals import pre_delete, pre_save
from django.test import TestCase
from rest_framework.test import APIClient

from reports import exports
from tests.reports.files import run_worker
from tests.reports.test_exports import in_a_thread

pytestmark = pytest.mark.django_db

API = "/api/v1"


WORKER = "the task worker"
HANDLING: list[str] = []  # the requests being handled (their paths), or the worker at work


def worker() -> None:
    """The task worker of the server makes what was asked for in the background (the report's files)."""
    printer = exports.to_pdf
    with mock.patch.object(exports, "to_pdf", lambda **kw: in_a_thread(printer, **kw)):
        run_worker_marked()


def run_worker_marked() -> None:
    HANDLING.append(WORKER)
    try:
        run_worker()
    finally:
        HANDLING.pop()


@contextmanager
def api_only():
    """Fail on any write that is not made while a request to /api/ (or the task worker) is handled."""
    current = HANDLING

    def started(sender, environ=None, **kwargs):
        current.append((environ or {}).get("PATH_INFO", ""))

    def finished(sender, **kwargs):
        if current:
            current.pop()

    def write(sender, instance, **kwargs):
        path = current[-1] if current else None
        if path is None or not path.startswith(("/api/", WORKER)):
            raise AssertionError(f"{type(instance).__name__} written outside the API (during {path!r})")

    request_started.connect(started, weak=False, dispatch_uid="journey-started")
    request_finished.connect(finished, weak=False, dispatch_uid="journey-finished")
    pre_save.connect(write, weak=False, dispatch_uid="journey-save")
    pre_delete.connect(write, weak=False, dispatch_uid="journey-delete")
    try:
        yield
    finally:
        request_started.disconnect(dispatch_uid="journey-started")
        request_finished.disconnect(dispatch_uid="journey-finished")
        pre_save.disconnect(dispatch_uid="journey-save")
        pre_delete.disconnect(dispatch_uid="journey-delete")


class Caller:
    """An APIClient that asserts each answer's status and returns its JSON."""

    def __init__(self, user):
        self.client = APIClient()
        self.client.force_authenticate(user)

    def __call__(self, method: str, path: str, data=None, *, expect: int = 200):
        response = getattr(self.client, method)(f"{API}{path}", data, format="json")
        body = response.content if response.get("Content-Type", "").startswith("application/") else b""
        assert response.status_code == expect, (method, path, response.status_code, body[:500])
        if response.get("Content-Type", "").startswith("application/json"):
            return response.json()
        return response


def person(email: str):
    return get_user_model().objects.get(email__iexact=email)


def test_a_city_enters_its_agenda_through_the_api(settings):
    operator = get_user_model().objects.create_superuser("operator", "ops@it-dienstleister.example", "x")
    with api_only():
        _journey(Caller(operator))


def _journey(ops: Caller) -> None:
    # The operator creates the municipality and invites its administrator.
    town = ops(
        "post",
        "/municipalities/",
        {
            "name": "Musterstadt",
            "ags": "09162000",
            "kind": "kreisfreie_stadt",
            "state": "09",
            "population": 120000,
        },
        expect=201,
    )
    town_id = town["id"]
    ops(
        "post",
        f"/municipalities/{town_id}/invite/",
        {"email": "admin@musterstadt.example", "role": "admin"},
        expect=201,
    )
    admin = Caller(person("admin@musterstadt.example"))

    # The administrator invites the members and builds the organisation.
    for email, role in (
        ("cdo@musterstadt.example", "strategist"),
        ("lead@musterstadt.example", "project_lead"),
        ("rat@musterstadt.example", "council"),
    ):
        admin("post", f"/municipalities/{town_id}/invite/", {"email": email, "role": role}, expect=201)
    office = admin(
        "post", "/org-units/", {"municipality": town_id, "name": "Digitalisierungsbüro"}, expect=201
    )
    admin(
        "post",
        "/org-units/",
        {"municipality": town_id, "name": "Bürgerbüro", "parent": office["id"]},
        expect=201,
    )
    cdo = Caller(person("cdo@musterstadt.example"))
    council = Caller(person("rat@musterstadt.example"))
    lead_id = person("lead@musterstadt.example").pk

    # The strategist writes the strategy: a field of action, a goal, an indicator.
    strategy = cdo(
        "post",
        "/strategies/",
        {
            "municipality": town_id,
            "title": "Digitale Agenda 2030",
            "vision": "Digital zuerst.",
            "start_year": 2025,
            "end_year": 2030,
        },
        expect=201,
    )
    field = cdo(
        "post", "/fields-of-action/", {"strategy": strategy["id"], "title": "Bürgerservices"}, expect=201
    )
    goal = cdo(
        "post",
        "/goals/",
        {
            "field": field["id"],
            "title": "Leistungen online",
            "owner": office["id"],
            "target_date": "2030-12-31",
        },
        expect=201,
    )
    indicator = cdo(
        "post",
        "/indicators/",
        {
            "goal": goal["id"],
            "name": "Online-Anteil",
            "unit": "%",
            "baseline_value": "10",
            "baseline_date": "2025-01-01",
            "target_value": "90",
            "target_date": "2030-12-31",
        },
        expect=201,
    )
    # Submitted to the council, adopted by a resolution entered with the adoption.
    assert cdo("post", f"/strategies/{strategy['id']}/submit/")["status"] == "submitted"
    adopted = cdo(
        "post",
        f"/strategies/{strategy['id']}/adopt/",
        {"number": "DS 12/2025", "date": "2025-03-20", "title": "Digitale Agenda 2030"},
    )
    assert adopted["status"] == "adopted" and adopted["resolution"] is not None
    assert council("get", f"/strategies/{strategy['id']}/")["status"] == "adopted"
    cdo(
        "post",
        "/measurements/",
        {"indicator": indicator["id"], "date": "2025-06-30", "value": "30"},
        expect=201,
    )
    cdo(
        "post",
        "/measurements/",
        {"indicator": indicator["id"], "date": "2026-06-30", "value": "50"},
        expect=201,
    )

    # Projects with assessments, and the ranking.
    model = cdo(
        "post", "/scoring-models/", {"municipality": town_id, "name": "Bewertung", "active": True}, expect=201
    )
    for key, name in (("citizen_benefit", "Bürgernutzen"), ("effort", "Aufwand")):
        cdo(
            "post",
            "/criteria/",
            {
                "model": model["id"],
                "key": key,
                "name": name,
                "weight": "0.5",
                "lower_is_better": key == "effort",
            },
            expect=201,
        )
    cdo(
        "post",
        f"/scoring-models/{model['id']}/weights/",
        {"weights": {"citizen_benefit": "0.7", "effort": "0.3"}},
    )
    criteria = {c["key"]: c["id"] for c in cdo("get", f"/criteria/?model={model['id']}")["results"]}
    projects = []
    for title, benefit, effort in (("Online-Bürgerbüro", 5, 2), ("E-Akte", 3, 4)):
        project = cdo(
            "post",
            "/projects/",
            {
                "municipality": town_id,
                "title": title,
                "layer": "front_end",
                "lead": lead_id,
                "org_unit": office["id"],
            },
            expect=201,
        )
        projects.append(project)
        cdo(
            "post",
            "/contributions/",
            {"project": project["id"], "goal": goal["id"], "weight": "1"},
            expect=201,
        )
        for key, value in (("citizen_benefit", benefit), ("effort", effort)):
            cdo(
                "post",
                "/assessments/",
                {"project": project["id"], "criterion": criteria[key], "value": value},
                expect=201,
            )
    ranking = cdo("get", f"/ranking/?municipality={town_id}")
    assert [row["title"] for row in ranking["projects"]][:2] == ["Online-Bürgerbüro", "E-Akte"]

    # The council report: a draft, its summary edited, published, downloaded.
    report = cdo(
        "post",
        "/council-reports/",
        {
            "municipality": town_id,
            "title": "Bericht 1/2026",
            "period_start": "2026-01-01",
            "period_end": "2026-06-30",
            "language": "de",
        },
        expect=201,
    )
    assert report["status"] == "draft" and report["summary"]
    council("get", f"/council-reports/{report['id']}/", expect=404)  # drafts are not for the council
    cdo("patch", f"/council-reports/{report['id']}/", {"summary": "Gute Fortschritte."})
    published = cdo("post", f"/council-reports/{report['id']}/publish/")
    assert published["status"] == "published" and published["summary"] == "Gute Fortschritte."
    assert [r["id"] for r in council("get", "/council-reports/")["results"]] == [report["id"]]
    # The files are made in the background: asked for (202), made by the worker, then downloaded.
    # A server queues the task as the request's transaction commits, inside the request: so here.
    HANDLING.append("/api/v1/council-reports/{id}/files/ (its commit)")
    with TestCase.captureOnCommitCallbacks(execute=True):
        asked = {
            f: council("post", f"/council-reports/{report['id']}/files/", {"format": f}, expect=202)
            for f in ("pdf", "xlsx")
        }
    HANDLING.pop()
    assert {a["status"] for a in asked.values()} == {"queued"} and not asked["pdf"]["download"]
    council("get", f"/report-files/{asked['pdf']['id']}/download/", expect=409)  # not ready yet
    worker()
    files = {f: council("get", f"/report-files/{a['id']}/") for f, a in asked.items()}
    assert {f["status"] for f in files.values()} == {"done"}
    pdf = council("get", files["pdf"]["download"].removeprefix("http://testserver/api/v1"))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    xlsx = council("get", files["xlsx"]["download"].removeprefix("http://testserver/api/v1"))
    workbook = openpyxl.load_workbook(io.BytesIO(xlsx.content))
    assert len(workbook.sheetnames) > 1
    assert datetime.date.fromisoformat(published["period_end"]) == datetime.date(2026, 6, 30)
