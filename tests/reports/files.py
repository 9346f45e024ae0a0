"""A council report's file as a user gets it (issue 17): asked for on the report page, made by the worker,
downloaded. For the tests of what a file holds."""

from __future__ import annotations

from unittest import mock

from django.core.management import call_command
from django.test import TestCase
from django.urls import reverse

from reports.models import ReportFile


def run_worker() -> None:
    """What ``make run``'s worker does: every queued task, here in the test's own thread and transaction
    (whose connection the worker would otherwise close between tasks, as a server does)."""
    with mock.patch("django_tasks_db.management.commands.db_worker.close_old_connections"):
        call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)


def asked_for(client, report, format: str):
    """The answer to asking for ``report`` as ``format`` (the page's button), its task queued."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(reverse("reports:report-files", args=[report.pk]), {"format": format})


def made_file(client, report, format: str):
    """Ask for the file, let the worker make it, download it: the download's answer."""
    asked_for(client, report, format)
    run_worker()
    file = ReportFile.objects.filter(report=report, format=format).latest("pk")
    return client.get(reverse("reports:file-download", args=[file.pk]))


def run_worker_in_a_thread() -> None:
    """The worker in a thread of its own, with its own database connection (a live server's test): every
    queued task, then it stops. (The command sets signal handlers, which only the main thread may.)"""
    from django.db import connection
    from django_tasks_db.management.commands.db_worker import Worker

    try:
        Worker(
            queue_names=["default"],
            interval=0.2,
            batch=True,
            backend_name="default",
            startup_delay=False,
            max_tasks=None,
            worker_id="test-thread",
            excluded_queue_names=[],
        ).run()
    finally:
        connection.close()
