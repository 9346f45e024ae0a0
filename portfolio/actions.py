"""Writes of the portfolio app that span more than one row (DESIGN.md §4 portfolio, §6 permissions).

- ``project_save``: saves a project and keeps the lead's guardian grant in step with ``Project.lead``
  (granted to the new lead, removed from the one replaced), in one transaction.
- ``project_transition``: moves a project to the next status along the checked transitions, stamping the
  actual start and end dates.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from guardian.shortcuts import assign_perm

from .models import Project, ProjectUserObjectPermission, Status

LEAD_PERMISSION = "portfolio.change_project"


def _sync_lead_grant(project: Project, previous_lead_id: int | None) -> None:
    if previous_lead_id and previous_lead_id != project.lead_id:
        ProjectUserObjectPermission.objects.filter(
            content_object=project, user_id=previous_lead_id, permission__codename="change_project"
        ).delete()
    if project.lead_id:
        assign_perm(LEAD_PERMISSION, project.lead, project)


@transaction.atomic
def project_save(*, project: Project) -> Project:
    """Validate and save ``project``; side effect: the lead grant follows ``project.lead``."""
    previous_lead_id = (
        Project.objects.filter(pk=project.pk).values_list("lead_id", flat=True).first()
        if project.pk
        else None
    )
    project.full_clean()
    project.save()
    _sync_lead_grant(project, previous_lead_id)
    return project


@transaction.atomic
def project_transition(*, project: Project, status: str, on: datetime.date | None = None) -> Project:
    """Move ``project`` to ``status``; refuses a move the transition table does not allow.

    Side effects: entering "in progress" for the first time sets the actual start, "completed" the
    actual end (both to ``on``, default today) unless they were already recorded.
    """
    on = on or timezone.localdate()
    locked = Project.objects.select_for_update().get(pk=project.pk)
    stored, locked.status = locked.status, status
    if message := locked.transition_error(stored):
        raise ValidationError({"status": message})
    if status == Status.IN_PROGRESS and locked.actual_start is None:
        locked.actual_start = on
    if status == Status.COMPLETED and locked.actual_end is None:
        locked.actual_end = max(on, locked.actual_start) if locked.actual_start else on
    locked.full_clean()
    locked.save()
    return locked
