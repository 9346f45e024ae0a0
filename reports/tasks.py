"""Background work of the reports app (DESIGN.md §8; issue 17), through Django's task framework: the
backend is a setting (``TASKS``), the ORM-backed worker by default, Redis for several machines.

A task carries only ids; what it did is stored on the row it names (``ReportFile``), so pages and API
read status and progress the same way whichever backend ran it.
"""

from __future__ import annotations

from django.tasks import task

from . import actions


@task()
def make_report_file(file_id: int) -> str:
    """A council report as PDF or XLSX (``actions.report_file_make``)."""
    return actions.report_file_make(file_id=file_id)
