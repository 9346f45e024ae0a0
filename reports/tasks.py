"""Background work of the reports app (DESIGN.md §8; issue 17), through Django's task framework: the
backend is a setting (``TASKS``), the ORM-backed worker by default, Redis for several machines.

A task carries only ids; what it did is stored on the row it names (``ReportFile``), so pages and API
read status and progress the same way whichever backend ran it.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.tasks import task
from django.utils import timezone

from . import actions


@task()
def make_report_file(file_id: int) -> str:
    """A council report as PDF or XLSX (``actions.report_file_make``)."""
    return actions.report_file_make(file_id=file_id)


@task()
def send_reminders_daily() -> int:
    """The daily reminders (``actions.reminders_send``), then the same task queued again for tomorrow
    morning: the embedded default's periodic job, kept alive by the worker alone (``make run``)."""
    sent = actions.reminders_send(site_url=settings.DIGIPLAN_SITE_URL)
    schedule_daily_reminders()
    return sent


def schedule_daily_reminders() -> bool:
    """Queue ``send_reminders_daily`` for the next morning (06:00 local time) unless it is queued already;
    whether it was queued now."""
    from django_tasks_db.models import DBTaskResult

    if settings.TASKS["default"]["BACKEND"] != "django_tasks_db.DatabaseBackend":
        return False  # other backends: the operator's cron runs ``manage.py send_reminders``
    waiting = DBTaskResult.objects.filter(task_path=send_reminders_daily.module_path, status="READY").exists()
    if waiting:
        return False
    now = timezone.localtime()
    morning = now.replace(hour=6, minute=0, second=0, microsecond=0)
    if morning <= now:
        morning += datetime.timedelta(days=1)
    send_reminders_daily.using(run_after=morning).enqueue()
    return True
