"""A small portfolio for the model, page and permission tests."""

from __future__ import annotations

import datetime

from portfolio.actions import project_save
from portfolio.models import Project, Service, ServiceChange, Status, SubjectArea


def make_service(municipality, name="Hundesteuer anmelden", **fields) -> Service:
    fields.setdefault("subject_area", SubjectArea.objects.get(code="steuern-zoll"))
    fields.setdefault("cases_per_year", 1200)
    fields.setdefault("staff_minutes", 40)
    fields.setdefault("citizen_minutes", 60)
    fields.setdefault("model_version", "2")
    fields.setdefault("level", 3)
    fields.setdefault("handling", "printed")
    return Service.objects.create(municipality=municipality, name=name, **fields)


def make_project(municipality, title="Online-Hundesteuer", *, lead=None, **fields) -> Project:
    fields.setdefault("layer", "front_end")
    fields.setdefault("status", Status.APPROVED)
    project = Project(municipality=municipality, title=title, lead=lead, **fields)
    return project_save(project=project)


def build_portfolio(municipality, *, services: int = 2, projects: int = 2) -> list[Project]:
    """Projects that each change every one of the services, with a status report, milestone and cost."""
    made_services = [make_service(municipality, name=f"Leistung {i}") for i in range(services)]
    made = []
    for p in range(projects):
        project = make_project(municipality, title=f"Projekt {p}", status=Status.IN_PROGRESS)
        for service in made_services:
            ServiceChange.objects.create(
                project=project, service=service, target_handling="automated", staff_minutes_saved=10
            )
        project.status_reports.create(
            date=datetime.date(2026, 9, 30),
            overall="green",
            scope_status="green",
            schedule="yellow",
            budget="green",
            percent_complete=40,
            summary="Läuft.",
        )
        project.milestones.create(title="Start", due_date=datetime.date(2026, 1, 1))
        project.costs.create(year=2026, invest=10_000, operating=1_000)
        made.append(project)
    return made
