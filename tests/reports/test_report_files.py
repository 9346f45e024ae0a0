"""A council report's PDF and XLSX are made in the background (issue 17; DESIGN.md §8): asking queues a
task on the ORM-backed queue (django-tasks-db) and answers at once; the worker makes the file and the page
shows its progress; a failure says why and can be asked for again; asking twice never starts two tasks; a
file is its requester's alone; a worker killed in the middle leaves the file marked failed, never lost."""

from __future__ import annotations

import datetime
import io
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import openpyxl
import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from reports import exports
from reports.actions import report_create, report_file_request, report_publish
from reports.models import FileStatus, ReportFile
from tests.reports.files import run_worker
from tests.reports.test_exports import in_a_thread
from tests.strategy.conftest import adopt, build_strategy

pytestmark = pytest.mark.django_db

JAN, JUN, DEC = datetime.date(2026, 1, 1), datetime.date(2026, 6, 30), datetime.date(2026, 12, 31)
ROOT = Path(__file__).resolve().parents[2]


def published(town, user):
    adopt(build_strategy(town, goals=1, indicators_per_goal=2))
    report = report_create(
        municipality=town, user=user, title="=1. Halbjahr", period_start=JAN, period_end=JUN, language="de"
    )
    return report_publish(report=report, user=user, today=DEC)


@pytest.fixture
def pdf_in_a_thread(monkeypatch):
    # The browser tests keep Playwright's event loop in the main thread; a worker has none.
    printer = exports.to_pdf
    monkeypatch.setattr(exports, "to_pdf", lambda **kw: in_a_thread(printer, **kw))


class TestAsking:
    def test_asking_queues_one_task_and_answers_at_once(
        self, town_a, strategist, client_for, django_capture_on_commit_callbacks
    ):
        report = published(town_a, strategist)
        client = client_for(strategist)
        url = reverse("reports:report-files", args=[report.pk])
        with django_capture_on_commit_callbacks(execute=True):
            answer = client.post(url, {"format": "xlsx"})
            again = client.post(url, {"format": "xlsx"}, HTTP_HX_REQUEST="true")  # a double click
        assert answer.status_code == 302 and answer["Location"].endswith("#files")
        file = ReportFile.objects.get()
        assert file.status == FileStatus.QUEUED and file.requested_by == strategist
        assert DBTaskResult.objects.count() == 1 and file.task_id == str(DBTaskResult.objects.get().id)
        assert 'hx-trigger="every 2s"' in again.content.decode()  # the fragment polls while it waits
        assert "Warten auf einen freien Worker" in again.content.decode()

    def test_the_worker_makes_the_file_and_the_page_offers_it(
        self, town_a, strategist, client_for, django_capture_on_commit_callbacks
    ):
        report = published(town_a, strategist)
        client = client_for(strategist)
        with django_capture_on_commit_callbacks(execute=True):
            client.post(reverse("reports:report-files", args=[report.pk]), {"format": "xlsx"})
        run_worker()
        file = ReportFile.objects.get()
        assert (file.status, file.progress) == (FileStatus.DONE, 100)
        assert DBTaskResult.objects.get().status == "SUCCESSFUL"
        page = client.get(reverse("reports:report", args=[report.pk])).content.decode()
        assert reverse("reports:file-download", args=[file.pk]) in page and "every 2s" not in page
        download = client.get(reverse("reports:file-download", args=[file.pk]))
        assert download["Content-Disposition"] == 'attachment; filename="1-halbjahr.xlsx"'
        book = openpyxl.load_workbook(io.BytesIO(download.content))
        assert book.active["A1"].value == "=1. Halbjahr" and book.active["A1"].data_type == "s"  # text

    def test_a_file_is_its_requesters_alone(self, town_a, strategist, make_user, client_for):
        report = published(town_a, strategist)
        file = report_file_request(report=report, user=strategist, format="xlsx")
        ReportFile.objects.filter(pk=file.pk).update(status=FileStatus.DONE, content=b"x", progress=100)
        from municipalities.access import Role

        colleague = make_user("cdo2", (town_a, Role.STRATEGIST))
        assert client_for(colleague).get(reverse("reports:file-download", args=[file.pk])).status_code == 404
        assert client_for(strategist).get(reverse("reports:file-download", args=[file.pk])).status_code == 200

    def test_an_unknown_format_changes_nothing(self, town_a, strategist, client_for):
        report = published(town_a, strategist)
        client_for(strategist).post(reverse("reports:report-files", args=[report.pk]), {"format": "docx"})
        assert not ReportFile.objects.exists() and not DBTaskResult.objects.exists()


class TestFailures:
    def test_a_failure_says_why_in_the_users_language_and_asking_again_retries(
        self, town_a, strategist, client_for, monkeypatch, django_capture_on_commit_callbacks
    ):
        report = published(town_a, strategist)
        client = client_for(strategist, "en")
        url = reverse("reports:report-files", args=[report.pk])

        def broken(**kwargs):
            raise exports.ChromiumMissing("No Chromium at /nowhere")

        monkeypatch.setattr(exports, "to_pdf", broken)
        with django_capture_on_commit_callbacks(execute=True):
            client.post(url, {"format": "pdf"})
        run_worker()
        failed = ReportFile.objects.get()
        assert failed.status == FileStatus.FAILED
        assert failed.error == "The PDF could not be printed: No Chromium at /nowhere"
        page = client.get(url).content.decode()
        assert "No Chromium at /nowhere" in page and "Try again" in page

        monkeypatch.undo()
        monkeypatch.setattr(exports, "to_pdf", lambda **kw: b"%PDF-1.7 retried")
        with django_capture_on_commit_callbacks(execute=True):
            client.post(url, {"format": "pdf"})
        run_worker()
        retried = ReportFile.objects.exclude(pk=failed.pk).get()
        assert retried.status == FileStatus.DONE and bytes(retried.content) == b"%PDF-1.7 retried"

    def test_a_task_delivered_twice_makes_the_file_once(self, town_a, strategist, monkeypatch):
        report = published(town_a, strategist)
        calls = []
        monkeypatch.setattr(exports, "to_xlsx", lambda **kw: calls.append(1) or b"PK")
        file = report_file_request(report=report, user=strategist, format="xlsx")
        from reports.tasks import make_report_file

        assert make_report_file.call(file.pk) == "done"
        assert make_report_file.call(file.pk) == "skipped"
        assert calls == [1]

    def test_a_file_whose_worker_stopped_shows_as_failed_and_asking_again_replaces_it(
        self, town_a, strategist, client_for, settings
    ):
        settings.DIGIPLAN_TASK_STALLED_AFTER = 60
        report = published(town_a, strategist)
        file = report_file_request(report=report, user=strategist, format="pdf")
        long_ago = timezone.now() - datetime.timedelta(minutes=5)
        ReportFile.objects.filter(pk=file.pk).update(
            status=FileStatus.RUNNING, heartbeat=long_ago, progress=50
        )
        page = client_for(strategist, "en").get(reverse("reports:report-files", args=[report.pk])).content
        assert b"The worker making this file stopped" in page and b"every 2s" not in page
        again = report_file_request(report=report, user=strategist, format="pdf")
        assert again.pk != file.pk and again.status == FileStatus.QUEUED
        assert ReportFile.objects.get(pk=file.pk).status == FileStatus.FAILED


@pytest.mark.usefixtures("pdf_in_a_thread")
def test_the_pdf_through_the_worker(town_a, strategist, django_capture_on_commit_callbacks):
    if not Path(exports.chromium_path()).exists():
        pytest.fail("The PDF needs Chromium (apt-get install chromium, as .ci/run does).")
    report = published(town_a, strategist)
    with django_capture_on_commit_callbacks(execute=True):
        file = report_file_request(report=report, user=strategist, format="pdf")
    run_worker()
    file.refresh_from_db()
    assert file.status == FileStatus.DONE and bytes(file.content).startswith(b"%PDF")


def _worker_environment() -> dict:
    """The worker process on the test database (``make run`` starts it the same way)."""
    db = connection.settings_dict
    if connection.vendor == "postgresql":
        host = f"{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"
        url = f"postgres://{db['USER'] or 'postgres'}@{host}/{db['NAME']}"
    else:
        url = f"sqlite:///{db['NAME']}"
    return {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "digiplan.settings.dev",
        "DJANGO_DEBUG": "0",
    }


def _worker() -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--no-startup-delay", "--no-reload", "--interval", "0.2"],
        cwd=ROOT,
        env=_worker_environment(),
        start_new_session=True,  # its own process group: killing it kills its Chromium too
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _wait(condition, seconds: float = 60.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if (value := condition()) is not None:
            return value
        time.sleep(0.05)
    raise AssertionError("timed out")


@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_in_the_middle_of_a_pdf_leaves_it_failed_and_asking_again_makes_it(
    town_a, strategist, settings
):
    """A real worker process is killed (SIGKILL, no chance to clean up) while Chromium prints the PDF: the
    file is not lost in "being made" for ever; once no sign of life came for the stalled time it shows as
    failed, asking again queues it anew, and the next worker makes it."""
    if not Path(exports.chromium_path()).exists():
        pytest.fail("The PDF needs Chromium (apt-get install chromium, as .ci/run does).")
    settings.DIGIPLAN_TASK_STALLED_AFTER = 1
    report = published(town_a, strategist)
    file = report_file_request(report=report, user=strategist, format="pdf")
    worker = _worker()
    try:
        _wait(lambda: ReportFile.objects.filter(pk=file.pk, step="printing").first())
        os.killpg(worker.pid, signal.SIGKILL)
        worker.wait(10)
    finally:
        if worker.poll() is None:
            os.killpg(worker.pid, signal.SIGKILL)
    time.sleep(1.5)
    killed = ReportFile.objects.get(pk=file.pk)
    assert killed.status == FileStatus.RUNNING and killed.stalled(timezone.now())
    again = report_file_request(report=report, user=strategist, format="pdf")
    assert ReportFile.objects.get(pk=file.pk).status == FileStatus.FAILED
    worker = _worker()
    try:
        done = _wait(lambda: ReportFile.objects.filter(pk=again.pk, status=FileStatus.DONE).first(), 120)
    finally:
        os.killpg(worker.pid, signal.SIGTERM)
        worker.wait(30)
    assert bytes(done.content).startswith(b"%PDF")


@pytest.fixture
def on_redis(settings):
    """The Redis backend (django-tasks-rq) on a Redis database of the tests' own (15), emptied before and
    after (Django resets its task backends when ``TASKS`` changes)."""
    import django_rq

    settings.RQ_QUEUES = {"default": {"URL": settings.REDIS_URL.rsplit("/", 1)[0] + "/15"}}
    settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    queue = django_rq.get_queue("default")
    try:
        queue.connection.ping()
    except Exception as error:
        pytest.fail(
            f"Redis at {settings.REDIS_URL} does not answer ({error}); CI runs one on 127.0.0.1:6379."
        )
    queue.empty()
    yield queue
    queue.empty()


def test_the_same_file_through_redis(town_a, strategist, on_redis, django_capture_on_commit_callbacks):
    """DIGIPLAN_TASKS=rq: the task goes to a Redis queue and an RQ worker makes the file, the same row."""
    from django_tasks_rq.backend import Job
    from rq import SimpleWorker

    report = published(town_a, strategist)
    with django_capture_on_commit_callbacks(execute=True):
        file = report_file_request(report=report, user=strategist, format="xlsx")
    assert on_redis.count == 1
    SimpleWorker([on_redis], connection=on_redis.connection, job_class=Job).work(burst=True)
    file.refresh_from_db()
    assert file.status == FileStatus.DONE and bytes(file.content).startswith(b"PK")
