"""Benchmark of the task queue (issue 17): 20 council PDFs asked for at once, made by two workers.

Run with ``make bench`` or ``python -m tests.bench.bench_queue``. Migrates a throw-away SQLite database,
loads the demo town (``manage.py demo``: its draft report of the third quarter, about 20 pages), lets 20
people of the town ask for that report's PDF at once (``reports.actions.report_file_request``, as the
report page's button) and starts two ``manage.py db_worker`` processes, as on a server. Waits until every
file is made or failed; fails when any failed or one is lost (still waiting or being made at the end).

Prints the time until all are ready, the time to ready per file (median and longest) and the files
made per minute, for docs/BENCHMARKS.md. Target: all 20 ready within 120 s, none failed.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

FILES = 20
WORKERS = 2
TARGET = 120.0  # seconds until all are ready
ROOT = Path(__file__).resolve().parents[2]


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        database = os.path.join(folder, "queue.sqlite3")
        environment = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "digiplan.settings.dev",
            "DJANGO_DEBUG": "0",
            "DATABASE_URL": f"sqlite:///{database}",
        }
        os.environ.update(
            {k: environment[k] for k in ("DJANGO_SETTINGS_MODULE", "DJANGO_DEBUG", "DATABASE_URL")}
        )
        import django

        django.setup()
        from django.contrib.auth import get_user_model
        from django.core.management import call_command

        from municipalities.access import Role
        from municipalities.models import Membership
        from reports.actions import report_file_request
        from reports.models import CouncilReport, FileStatus, ReportFile

        call_command("migrate", verbosity=0)
        call_command("demo", verbosity=0)
        report = CouncilReport.objects.get(title="Digitalbericht 3. Quartal 2026")
        users = get_user_model().objects
        asked = []
        for n in range(FILES):
            person = users.create_user(f"leser{n}", password="x")
            Membership.objects.create(user=person, municipality=report.municipality, role=Role.STRATEGIST)
            asked.append(report_file_request(report=report, user=person, format="pdf").pk)
        started = time.perf_counter()
        workers = [
            subprocess.Popen(
                [
                    sys.executable,
                    "manage.py",
                    "db_worker",
                    "--no-reload",
                    "--interval",
                    "0.2",
                    "--worker-id",
                    f"bench{i}",
                ],
                cwd=ROOT,
                env=environment,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            for i in range(WORKERS)
        ]
        try:
            while time.perf_counter() - started < TARGET * 3:
                open_files = ReportFile.objects.filter(pk__in=asked, status__in=("queued", "running")).count()
                if open_files == 0:
                    break
                time.sleep(0.5)
            elapsed = time.perf_counter() - started
        finally:
            for worker in workers:
                worker.terminate()
            for worker in workers:
                worker.wait(60)
        files = list(ReportFile.objects.filter(pk__in=asked))
        done = [f for f in files if f.status == FileStatus.DONE]
        failed = [f for f in files if f.status == FileStatus.FAILED]
        lost = [f for f in files if f.status not in (FileStatus.DONE, FileStatus.FAILED)]
        waits = [(f.finished_at - f.requested_at).total_seconds() for f in done]
        size = statistics.median(
            len(f.content) for f in ReportFile.objects.filter(pk__in=[d.pk for d in done])
        )
        met = not failed and not lost and elapsed <= TARGET
        print(
            f"| {FILES} PDFs of the demo's draft report, {WORKERS} workers (SQLite) | {len(done)} done, "
            f"{len(failed)} failed, {len(lost)} lost | all ready after {elapsed:.1f} s; per file median "
            f"{statistics.median(waits):.1f} s, longest {max(waits):.1f} s "
            f"| {len(done) / elapsed * 60:.1f} files/min | {size / 2**10:,.0f} KiB each "
            f"| {TARGET:g} s | {'met' if met else 'MISSED'} |"
        )
        for f in failed:
            print(f"failed: {f.pk}: {f.error}", file=sys.stderr)
        return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
