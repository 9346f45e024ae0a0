"""Musterstadt's demo portfolio (``manage.py demo``; DESIGN.md §2, §4 portfolio).

The service register holds about 80 administrative services of a town of 61,000 inhabitants with their real
LeiKa keys as the service descriptions of the portal network (PVOG) list them (purely local services, and
those whose key could not be confirmed, have none), case numbers, handling minutes and their maturity: many
are online at the front but printed or e-mailed at the back ("paper behind the portal"), some are offline, a
few are digital end to end, and some are still rated under maturity model 1.x. About 40 projects (front end,
back end, end to end, every status) change those services, depend on one another, report quarterly, and
contribute to the goals of the adopted "Digitale Agenda Musterstadt 2030". Three projects carry a layer
their service changes do not imply, as happens.

The tables live in ``demo_data.py``; everything is generated from them and a fixed seed, in one
transaction, together with the default scoring model and the projects' ratings. Idempotent: if the
municipality already has services, nothing changes.
"""

from __future__ import annotations

import calendar
import random
from datetime import date, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from guardian.shortcuts import assign_perm
from simple_history.utils import bulk_create_with_history

from municipalities.models import Municipality, OrgUnit
from strategy import demo as strategy_demo
from strategy.models import Goal, Strategy, StrategyStatus

from .actions import LEAD_PERMISSION, scoring_model_create_default
from .demo_data import (
    AS_OF,
    CDO,
    DEPENDENCIES,
    GOOD_NEWS,
    GRANT_DUTY,
    GREEN,
    ISSUES,
    LAST_COST_YEAR,
    LAST_REPORT,
    LEAD,
    MILESTONES,
    PHASES,
    PROJECTS,
    RED,
    SEED,
    SERVICES,
    YELLOW,
    Prj,
)
from .models import (
    STARTED,
    Assessment,
    Contribution,
    Dependency,
    Funding,
    Milestone,
    Project,
    ProjectCost,
    ReuseKind,
    Service,
    ServiceChange,
    Status,
    StatusReport,
    SubjectArea,
)
from .subject_areas import install as install_subject_areas


def _month_start(year_month: tuple[int, int]) -> date:
    return date(*year_month, 1)


def _month_end(year_month: tuple[int, int]) -> date:
    year, month = year_month
    return date(year, month, calendar.monthrange(year, month)[1])


def _quarter_ends(start: date, end: date) -> list[date]:
    return [
        _month_end((year, month))
        for year in range(start.year, end.year + 1)
        for month in (3, 6, 9, 12)
        if start < _month_end((year, month)) <= end
    ]


def _euro(value: float) -> Decimal:
    return Decimal(round(value / 100) * 100)


def _services(municipality: Municipality, units: dict[str, OrgUnit]) -> list[Service]:
    areas = {area.code: area for area in SubjectArea.objects.all()}
    return [
        Service(
            municipality=municipality,
            name=spec.name,
            leika_key=spec.leika,
            subject_area=areas[spec.area],
            org_unit=units[spec.unit],
            cases_per_year=spec.cases,
            staff_minutes=spec.staff,
            citizen_minutes=spec.citizen,
            model_version=spec.model,
            level=spec.level,
            handling=spec.handling,
            e_file=spec.e_file,
            media_breaks=spec.breaks,
            reuse_kind=ReuseKind.EFA if spec.efa else ReuseKind.NONE,
            reuse_source=spec.efa,
        )
        for spec in SERVICES
    ]


def _project(municipality: Municipality, spec: Prj, units, users, rng: random.Random) -> Project:
    start, end = _month_start(spec.start), _month_end(spec.end)
    actual_start = actual_end = None
    if spec.status in STARTED:
        actual_start = start + timedelta(days=rng.randrange(0, 45))
    if spec.status == Status.COMPLETED:
        slip = {GREEN: (0, 30), YELLOW: (45, 120)}[spec.health]
        actual_end = end + timedelta(days=rng.randrange(*slip))
    project = Project(
        municipality=municipality,
        title=spec.title,
        description=spec.description,
        layer=spec.layer,
        category=spec.category,
        status=spec.status,
        org_unit=units[spec.unit],
        lead=users.get(spec.lead),
        planned_start=start,
        planned_end=end,
        actual_start=actual_start,
        actual_end=actual_end,
        internal_effort_days=spec.effort_days,
        external_cost=Decimal(spec.external),
    )
    if spec.grant:
        project.funding = Funding.GRANT
        project.grant_programme = spec.grant.programme
        project.own_share_percent = spec.grant.own_share
        project.grant_start, project.grant_end = spec.grant.start, spec.grant.end
        project.grant_reporting_duty = GRANT_DUTY
    if spec.duty:
        project.mandatory = True
        project.legal_basis, project.legal_deadline = spec.duty
    if spec.reuse:
        project.reuse_kind, project.reuse_source = spec.reuse
    project.full_clean()
    return project


def _costs(project: Project, spec: Prj, rng: random.Random) -> list[ProjectCost]:
    """Investment spread over the project years, operating cost from go-live until LAST_COST_YEAR."""
    build_years = list(range(spec.start[0], spec.end[0] + 1))
    weights = [rng.uniform(0.7, 1.3) for _ in build_years]
    invest = {year: spec.invest * w / sum(weights) for year, w in zip(build_years, weights, strict=True)}
    last = spec.end[0] if spec.status == Status.CANCELLED else LAST_COST_YEAR
    rows = []
    for year in range(spec.start[0], max(last, spec.end[0]) + 1):
        running = 0.0 if year < spec.end[0] else (0.5 if year == spec.end[0] else 1.0)
        if spec.status == Status.CANCELLED:
            running = 0.0
        rows.append(
            ProjectCost(
                project=project,
                year=year,
                invest=_euro(invest.get(year, 0)),
                operating=_euro(spec.operating * running),
            )
        )
    return rows


def _changes(project: Project, spec: Prj, services: dict[str, Service]) -> list[ServiceChange]:
    rows = []
    for change in spec.changes:
        row = ServiceChange(
            project=project,
            service=services[change.service],
            target_level=change.level,
            target_handling=change.handling,
            target_e_file=change.e_file,
            staff_minutes_saved=change.staff,
            citizen_minutes_saved=change.citizen,
            media_breaks_removed=change.breaks,
        )
        row.full_clean()  # invalid demo data fails loudly
        rows.append(row)
    return rows


def _reports(project: Project, spec: Prj, author, rng: random.Random) -> list[StatusReport]:
    """One to four quarterly reports with rising completion and spending.

    A project in trouble (``spec.health`` yellow or red) reports it in its last two reports; before that, and
    in a completed project's final report, the lights are green.
    """
    end = min(project.actual_end or LAST_REPORT, LAST_REPORT)
    dates = _quarter_ends(project.actual_start + timedelta(days=30), end)
    if project.actual_end and project.actual_end not in dates:
        dates.append(project.actual_end)
    dates = dates[-rng.randint(1, 4) :] if dates else [end]
    budget = spec.invest + spec.external
    span = (project.planned_end - project.actual_start).days
    pace = {GREEN: 1.0, YELLOW: 0.8, RED: 0.55}[spec.health]
    overrun = {GREEN: 1.0, YELLOW: 1.08, RED: 1.2}[spec.health]
    issue, remedy = rng.choice(ISSUES)
    costly = issue.startswith("Mehrkosten")
    rows = []
    for i, day in enumerate(dates):
        last = i == len(dates) - 1
        final = project.status == Status.COMPLETED and last
        share = min((day - project.actual_start).days / span * pace, 0.95)
        percent = 100 if final else max(5, round(share * 100))
        light = GREEN if final or i < len(dates) - 2 else spec.health
        phase = next(name for limit, name in PHASES if percent < limit)
        factor = overrun if light != GREEN or final else 1.0  # a late project also finishes dearer
        if final:
            late = "" if spec.health == GREEN else " mit Verzögerung und Mehrkosten"
            summary = f"Projekt{late} abgeschlossen; Abnahme erfolgt, Übergabe in den Regelbetrieb."
            risks, next_steps = "", "Abschlussbericht an den Ausschuss; Nutzung nach sechs Monaten auswerten."
        elif project.status == Status.ON_HOLD and last:
            summary = f"Projekt ruht: {issue}. Über die Wiederaufnahme entscheidet der Verwaltungsvorstand."
            risks = "Förder- und Vertragsfristen laufen weiter; bereits erreichte Ergebnisse veralten."
            next_steps = f"{remedy} Danach Entscheidung über die Fortsetzung."
        elif light == GREEN:
            summary = f"Stand {percent} %, Phase „{phase}“. {rng.choice(GOOD_NEWS)}"
            risks, next_steps = "Keine wesentlichen Risiken.", f"Arbeiten der Phase „{phase}“ fortsetzen."
        else:
            word = "Verzögerung" if light == YELLOW else "Projekt kritisch"
            summary = f"{word}: {issue}. Stand {percent} %, Phase „{phase}“."
            risks = (
                f"Der Endtermin ist gefährdet, wenn sich das bis zum nächsten Bericht nicht klärt ({issue})."
            )
            next_steps = remedy
        rows.append(
            StatusReport(
                project=project,
                date=day,
                overall=light,
                scope_status=GREEN if light != RED else YELLOW,
                schedule=light,
                budget=light if light != GREEN and (costly or light == RED) else GREEN,
                percent_complete=percent,
                spent_to_date=_euro(budget * factor * percent / 100),
                forecast=_euro(budget * factor),
                summary=summary,
                risks=risks,
                next_steps=next_steps,
                author=author,
            )
        )
    return rows


def _milestones(project: Project, spec: Prj, rng: random.Random) -> list[Milestone]:
    titles = MILESTONES[spec.category]
    count = rng.randint(2, min(4, len(titles)))
    chosen = [*titles[: count - 1], titles[-1]]
    start, end = project.actual_start or project.planned_start, project.planned_end
    rows = []
    for i, title in enumerate(chosen, start=1):
        due = start + timedelta(days=round((end - start).days * i / len(chosen)))
        done = None
        if project.status == Status.COMPLETED:
            done = min(due + timedelta(days=rng.randrange(-10, 30)), project.actual_end)
        elif project.status in STARTED and due < AS_OF:
            # healthy projects reach what was due; troubled ones leave the latest milestone overdue
            late = spec.health != GREEN and due > AS_OF - timedelta(days=200)
            done = None if late else due + timedelta(days=rng.randrange(-5, 25))
            done = min(done, AS_OF) if done else None
        rows.append(Milestone(project=project, title=title, due_date=due, done_date=done))
    return rows


@transaction.atomic
def build(*, municipality: Municipality) -> None:
    """Create the demo service register and portfolio unless the municipality already has services."""
    install_subject_areas(SubjectArea)  # reference data, normally there from the migration
    if Service.objects.filter(municipality=municipality).exists():
        return
    rng = random.Random(SEED)
    units = {unit.name: unit for unit in OrgUnit.objects.filter(municipality=municipality)}
    users = {u.username: u for u in get_user_model().objects.filter(username__in=[LEAD, CDO])}
    author = users.get(CDO)

    bulk_create_with_history(_services(municipality, units), Service, default_user=author)
    services = {s.name: s for s in Service.objects.filter(municipality=municipality)}

    made = [_project(municipality, spec, units, users, rng) for spec in PROJECTS]
    bulk_create_with_history(made, Project, default_user=author)
    projects = {p.title: p for p in Project.objects.filter(municipality=municipality)}
    for user in users.values():  # each lead's grant on the projects it leads, as portfolio.actions keeps it
        assign_perm(LEAD_PERMISSION, user, Project.objects.filter(municipality=municipality, lead=user))

    goals = _adopted_goals(municipality)
    costs, changes, reports, milestones, contributions = [], [], [], [], []
    for spec in PROJECTS:
        project = projects[spec.title]
        costs += _costs(project, spec, rng)
        changes += _changes(project, spec, services)
        if project.status in STARTED:
            reports += _reports(project, spec, project.lead or author, rng)
        if project.status in (Status.APPROVED, *STARTED):
            milestones += _milestones(project, spec, rng)
        if goals is not None:
            contributions += [
                Contribution(project=project, goal=goals[title], weight=Decimal(weight))
                for title, weight in spec.goals
            ]
    ProjectCost.objects.bulk_create(costs)
    ServiceChange.objects.bulk_create(changes)
    StatusReport.objects.bulk_create(reports)
    Milestone.objects.bulk_create(milestones)
    Contribution.objects.bulk_create(contributions)
    for title, requires, note in DEPENDENCIES:  # one by one, so the cycle check sees the earlier ones
        dependency = Dependency(project=projects[title], requires=projects[requires], note=note)
        dependency.full_clean()
        dependency.save()
    _ratings(municipality, list(projects.values()), rng)
    _scenarios(municipality, author)


def _scenarios(municipality: Municipality, author) -> None:
    """Two scenarios for the budget years 2027–2031 (issue 18), not yet solved: the budget of each year
    60 % of what the open projects want in their dearest year, so not everything fits; the second may
    move starts by up to two years. Saved through ``scenario_save``, as the editor does."""
    from django.db.models import F, Sum

    from .actions import scenario_save
    from .models import OPEN, Scenario

    years = range(2027, 2032)
    wanted = dict(
        ProjectCost.objects.filter(
            project__municipality=municipality, project__status__in=OPEN, year__in=years
        )
        .values_list("year")
        .annotate(total=Sum(F("invest") + F("operating")))
    )
    # The same budget every year: 60 % of what the open projects want in their dearest year.
    flat = _euro(0.6 * float(max(wanted.values(), default=0)))
    budgets = {year: {"total": flat} for year in years}
    for name, choice in (("Haushalt 2027–2031", False), ("Haushalt 2027–2031 mit Startjahren", True)):
        scenario = Scenario(
            municipality=municipality,
            name=name,
            description="Welche Projekte trägt der Digitalhaushalt der nächsten fünf Jahre?",
            first_year=2027,
            years=5,
            start_choice=choice,
            min_backend_share=30,
        )
        scenario_save(scenario=scenario, budgets=budgets, by=author)


def _ratings(municipality: Municipality, projects: list[Project], rng: random.Random) -> None:
    """The default scoring model and 1–5 ratings: every project is rated on the rated criteria (urgency,
    risk, reuse) and, where its benefit cannot be derived (no service change), on citizen benefit and
    staff impact; one idea is left unrated on risk, as happens."""
    model = scoring_model_create_default(municipality=municipality)
    criteria = {c.key: c for c in model.criteria.all()}
    with_changes = set(
        ServiceChange.objects.filter(project__in=projects).values_list("project_id", flat=True)
    )
    rows = []
    for project in sorted(projects, key=lambda p: p.title):
        urgency = 5 if project.mandatory else rng.randint(1, 4)
        reuse = 4 if project.reuse_kind else rng.randint(1, 3)
        values = {"urgency": urgency, "risk": rng.randint(1, 5), "reuse": reuse}
        if project.pk not in with_changes:
            values |= {"citizen_benefit": rng.randint(1, 5), "staff_impact": rng.randint(1, 5)}
        rows += [
            Assessment(project=project, criterion=criteria[key], value=value) for key, value in values.items()
        ]
    # One idea has not been assessed for risk yet: the ranking shows it as missing, not as zero.
    unrated = next(p for p in sorted(projects, key=lambda p: p.title) if p.status == Status.IDEA)
    rows = [r for r in rows if not (r.project_id == unrated.pk and r.criterion.key == "risk")]
    Assessment.objects.bulk_create(rows)


def _adopted_goals(municipality: Municipality) -> dict[str, Goal] | None:
    """The goals of the adopted demo strategy by title; None if the strategy demo has not been built."""
    strategy = Strategy.objects.filter(
        municipality=municipality, title=strategy_demo.TITLE, status=StrategyStatus.ADOPTED
    ).first()
    if strategy is None:
        return None
    return {goal.title: goal for goal in Goal.objects.filter(field__strategy=strategy)}
