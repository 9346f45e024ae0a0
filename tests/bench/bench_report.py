"""Benchmark of the council report (DESIGN.md §4 reports) of a large city, as page, XLSX and PDF.

Run with ``make bench`` or ``python -m tests.bench.bench_report``. Builds a throw-away SQLite database (the
migrations of the real schema) holding one large synthetic city: 15 organisational units, an adopted
strategy with 8 fields of action, 200 goals, 600 indicators and about 6,000 measurements; 400 services; 2,000
projects across all statuses (mostly approved and in progress) with two years of costs each, 3,000
service changes, status reports, milestones and goal contributions; the default scoring model with
ratings; 5,000 staff holding about four skills each, 2,000 skill demands and a few vacancies. The same
seed gives the same city.

Then times, through ``django.test.Client`` as the strategist (all middleware included), the median of
five runs after one warm-up:

- the report page (``reports:report``) of a draft, built live from the selectors, and of a published
  report, read from its snapshot;
- the XLSX of the draft and its PDF (three runs; each starts its own Chromium) through the task queue, as a
  user gets them: asked for on the report page (``reports:report-files``), made by the ORM-backed worker
  (``db_worker``, as ``make run`` starts it), downloaded (``reports:file-download``); the time is from
  asking to the download, so "time to ready". Needs Chromium at ``$CHROMIUM`` (default
  /usr/bin/chromium); without it the benchmark says so and fails.

Prints one row per format for docs/BENCHMARKS.md; exits with status 1 when a median misses its target
(two seconds for the page and the XLSX, fifteen for the PDF).

Not a pytest module (pytest collects only ``test_*.py``): timings belong on a quiet machine, not in CI.
"""

from __future__ import annotations

import datetime
import io
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from decimal import Decimal
from pathlib import Path

UNITS = 15
FIELDS = 8
GOALS = 200
INDICATORS = 600
MEASUREMENTS_PER_INDICATOR = 10
SERVICES = 400
PROJECTS = 2_000
SERVICE_CHANGES = 3_000
STAFF = 5_000
DEMANDS = 2_000
VACANCIES = 12
RUNS = 5
PDF_RUNS = 3
TARGETS = {"html": 2.0, "xlsx": 2.0, "pdf": 15.0}  # seconds
SEED = 1

# The report is for the first half of 2026, the previous (published) one for the second half of 2025;
# both periods are over, so the live figures are "as of" the end of the period whatever day it runs.
PERIOD = (datetime.date(2026, 1, 1), datetime.date(2026, 6, 30))
PREVIOUS = (datetime.date(2025, 7, 1), datetime.date(2025, 12, 31))
# Project statuses and their shares: a large city's portfolio, mostly approved and under way.
STATUS_SHARES = {
    "idea": 0.05,
    "proposed": 0.08,
    "approved": 0.30,
    "in_progress": 0.42,
    "on_hold": 0.05,
    "completed": 0.08,
    "cancelled": 0.02,
}


def setup_django(database: str) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "digiplan.settings.test"
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    import django

    django.setup()


def _days(rng: random.Random, low: int, high: int) -> datetime.timedelta:
    return datetime.timedelta(days=rng.randint(low, high))


def _money(value: float) -> Decimal:
    return Decimal(str(round(value, 2)))


def build_city(rng: random.Random):
    """A migrated database with one large city and its strategist; returns (user, municipality)."""
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from municipalities.access import Role
    from municipalities.models import Membership, Municipality, MunicipalityKind, OrgUnit, State
    from staffing import catalogue
    from staffing.models import ProficiencyLevel, Skill, SkillCategory

    call_command("migrate", verbosity=0)
    catalogue.install(SkillCategory=SkillCategory, Skill=Skill, ProficiencyLevel=ProficiencyLevel)
    city = Municipality.objects.create(
        name="Großstadt",
        ags="05315000",
        state=State.NW,
        kind=MunicipalityKind.INDEPENDENT_CITY,
        population=1_000_000,
    )
    root = OrgUnit.objects.create(municipality=city, name="Hauptamt")
    units = [root] + [
        OrgUnit.objects.create(municipality=city, name=f"Fachbereich {i:02d}", parent=root)
        for i in range(1, UNITS)
    ]
    user = get_user_model().objects.create_user("cdo", password="x")
    Membership.objects.create(user=user, municipality=city, role=Role.STRATEGIST)
    goals = _build_strategy(rng, city, units)
    projects = _build_portfolio(rng, city, units, goals)
    _build_staffing(city, units, projects)
    return user, city


def _lineage(rng: random.Random) -> uuid.UUID:
    return uuid.UUID(int=rng.getrandbits(128), version=4)


def _build_strategy(rng: random.Random, city, units) -> list:
    """An adopted strategy: fields, goals, indicators (bulk) and measurements; returns the goals."""
    from strategy.actions import strategy_adopt
    from strategy.models import (
        CouncilResolution,
        Direction,
        FieldOfAction,
        Goal,
        Indicator,
        Measurement,
        Strategy,
        UpdateInterval,
    )

    strategy = Strategy.objects.create(
        municipality=city,
        title="Digitale Agenda 2030",
        vision="Jede Verwaltungsleistung digital, Ende zu Ende.",
        start_year=2024,
        end_year=2030,
    )
    fields = FieldOfAction.objects.bulk_create(
        FieldOfAction(strategy=strategy, title=f"Handlungsfeld {f + 1}", position=f, lineage=_lineage(rng))
        for f in range(FIELDS)
    )
    goals = Goal.objects.bulk_create(
        Goal(
            field=fields[g % FIELDS],
            title=f"Ziel {g + 1:03d}",
            owner=rng.choice(units),
            target_date=datetime.date(2030, 12, 31),
            position=g // FIELDS,
            weight=Decimal(rng.choice(["1", "1", "2"])),
            lineage=_lineage(rng),
        )
        for g in range(GOALS)
    )
    baseline_date, target_date = datetime.date(2024, 1, 1), datetime.date(2030, 12, 31)
    indicators, specs = [], []
    for i in range(INDICATORS):
        increase = rng.random() < 0.8
        baseline = rng.randint(5, 50) if increase else rng.randint(60, 100)
        target = baseline + rng.randint(20, 50) if increase else baseline - rng.randint(20, 50)
        interval = rng.choices(
            [UpdateInterval.QUARTERLY, UpdateInterval.HALF_YEARLY, UpdateInterval.YEARLY], [0.6, 0.25, 0.15]
        )[0]
        indicators.append(
            Indicator(
                goal=goals[i % GOALS],
                name=f"Indikator {i + 1:03d}",
                unit=rng.choice(["%", "Tage", "Anzahl", "Minuten"]),
                direction=Direction.INCREASE if increase else Direction.DECREASE,
                baseline_value=Decimal(baseline),
                baseline_date=baseline_date,
                target_value=Decimal(target),
                target_date=target_date,
                owner=rng.choice(units),
                update_interval=interval,
                lineage=_lineage(rng),
            )
        )
        # How far along this indicator is against the time elapsed (some ahead, some far behind).
        specs.append((baseline, target, rng.uniform(0.3, 1.4)))
    indicators = Indicator.objects.bulk_create(indicators)
    # Quarter ends 2024-03-31 … 2026-06-30; a tenth of the indicators stopped reporting a year ago (stale).
    quarter_ends = [
        datetime.date(year, month, 30 if month in (6, 9) else 31)
        for year in (2024, 2025, 2026)
        for month in (3, 6, 9, 12)
    ][:MEASUREMENTS_PER_INDICATOR]
    span = (target_date - baseline_date).days
    measurements = []
    for indicator, (baseline, target, pace) in zip(indicators, specs, strict=True):
        dates = quarter_ends[:-4] if rng.random() < 0.1 else quarter_ends
        for day in dates:
            share = min(pace * (day - baseline_date).days / span + rng.uniform(-0.03, 0.03), 1.0)
            value = baseline + (target - baseline) * max(share, 0.0)
            measurements.append(Measurement(indicator=indicator, date=day, value=Decimal(f"{value:.2f}")))
    Measurement.objects.bulk_create(measurements, batch_size=2_000)
    resolution = CouncilResolution.objects.create(
        municipality=city, number="DS 0815/2024", date=datetime.date(2024, 3, 14), title="Digitale Agenda"
    )
    strategy_adopt(strategy=strategy, resolution=resolution)
    return goals


def _build_portfolio(rng: random.Random, city, units, goals) -> list:
    """Services, projects and everything on them, the scoring model with ratings; returns the projects."""
    from portfolio.actions import scoring_model_create_default
    from portfolio.models import (
        Assessment,
        Category,
        Contribution,
        Handling,
        Layer,
        MaturityModel,
        Milestone,
        Project,
        ProjectCost,
        Service,
        ServiceChange,
        Status,
        StatusReport,
        SubjectArea,
        TrafficLight,
    )
    from tests.bench.synthetic import synthetic_portfolio

    areas = list(SubjectArea.objects.all())
    services = []
    for s in range(SERVICES):
        v2 = rng.random() < 0.8
        services.append(
            Service(
                municipality=city,
                name=f"Leistung {s + 1:03d}",
                leika_key=f"99{s + 1:012d}",
                subject_area=rng.choice(areas),
                org_unit=rng.choice(units),
                cases_per_year=min(int(rng.lognormvariate(7.0, 1.5)), 500_000),
                staff_minutes=rng.randint(10, 240),
                citizen_minutes=rng.randint(10, 180),
                model_version=MaturityModel.V2 if v2 else MaturityModel.V1,
                level=rng.randint(0, 4 if v2 else 2),
                handling=rng.choice(Handling.values),
                e_file=rng.random() < 0.3,
                media_breaks=rng.randint(0, 5),
            )
        )
    services = Service.objects.bulk_create(services)

    as_of = PERIOD[1]
    statuses = rng.choices(list(STATUS_SHARES), list(STATUS_SHARES.values()), k=PROJECTS)
    projects = []
    for p, status in enumerate(statuses):
        if status == Status.COMPLETED:
            planned_end = datetime.date(2024, 6, 30) + _days(rng, 0, 730)
        else:
            planned_end = as_of + _days(rng, -120, 900)  # about one in eight is overdue
        planned_start = planned_end - _days(rng, 180, 900)
        started = status in (Status.IN_PROGRESS, Status.ON_HOLD, Status.COMPLETED)
        projects.append(
            Project(
                municipality=city,
                title=f"Projekt {p + 1:04d}",
                description="Digitalisierung einer Verwaltungsleistung von Antrag bis Akte.",
                layer=rng.choice(Layer.values),
                category=rng.choice(Category.values),
                status=status,
                org_unit=rng.choice(units),
                planned_start=planned_start,
                planned_end=planned_end,
                actual_start=planned_start + _days(rng, 0, 60) if started else None,
                actual_end=planned_end + _days(rng, 0, 90) if status == Status.COMPLETED else None,
                internal_effort_days=int(rng.lognormvariate(4.0, 0.9)) + 5,
                external_cost=_money(rng.lognormvariate(11.0, 1.2)),
            )
        )
    projects = Project.objects.bulk_create(projects, batch_size=500)

    costs, totals = [], {}
    for project in projects:
        first = max(project.planned_start.year, 2024)
        for year in (first, first + 1):
            invest, operating = rng.lognormvariate(10.5, 1.0), rng.lognormvariate(9.0, 1.0)
            costs.append(
                ProjectCost(project=project, year=year, invest=_money(invest), operating=_money(operating))
            )
            totals[project.pk] = totals.get(project.pk, 0.0) + invest + operating
    ProjectCost.objects.bulk_create(costs, batch_size=2_000)

    changes, changed = [], rng.sample(projects, SERVICE_CHANGES // 2)
    for project in changed:
        for service in rng.sample(services, 2):
            top = 7 if service.model_version == MaturityModel.V2 else 4
            changes.append(
                ServiceChange(
                    project=project,
                    service=service,
                    target_level=min(service.level + rng.randint(1, 3), top),
                    target_handling=rng.choice(["", Handling.AUTOMATED, Handling.RETYPED]),
                    target_e_file=rng.choice([None, True]),
                    staff_minutes_saved=rng.randint(0, service.staff_minutes // 2),
                    citizen_minutes_saved=rng.randint(0, service.citizen_minutes // 2),
                    media_breaks_removed=rng.randint(0, service.media_breaks),
                )
            )
    ServiceChange.objects.bulk_create(changes, batch_size=2_000)

    lights = [TrafficLight.GREEN, TrafficLight.YELLOW, TrafficLight.RED]
    reports, milestones, contributions = [], [], []
    for project in projects:
        cost = totals[project.pk] + float(project.external_cost)
        if project.status in (Status.IN_PROGRESS, Status.ON_HOLD, Status.COMPLETED):
            days = [datetime.date(2026, 6, 15)] + ([datetime.date(2026, 3, 16)] if rng.random() < 0.5 else [])
            for n, day in enumerate(days):
                over = rng.random() < 0.12
                reports.append(
                    StatusReport(
                        project=project,
                        date=day,
                        overall=rng.choices(lights, [0.7, 0.2, 0.1])[0],
                        scope_status=rng.choices(lights, [0.8, 0.15, 0.05])[0],
                        schedule=rng.choices(lights, [0.7, 0.2, 0.1])[0],
                        budget=TrafficLight.RED if over and rng.random() < 0.5 else TrafficLight.GREEN,
                        percent_complete=min(100, rng.randint(10, 90) + 10 * (1 - n)),
                        spent_to_date=_money(cost * rng.uniform(0.1, 0.7)),
                        forecast=_money(cost * (rng.uniform(1.01, 1.3) if over else rng.uniform(0.8, 1.0))),
                        summary="Planmäßig; Abstimmung mit dem Fachverfahrenshersteller läuft.",
                    )
                )
        for m in range(rng.randint(1, 2)):
            length = (project.planned_end - project.planned_start).days
            due = project.planned_start + datetime.timedelta(days=length * (m + 1) // 3)
            done = due + _days(rng, -20, 40) if due < as_of and rng.random() < 0.8 else None
            milestones.append(
                Milestone(
                    project=project,
                    title=f"Meilenstein {m + 1}",
                    due_date=due,
                    done_date=min(done, as_of) if done else None,
                )
            )
        for goal in rng.sample(goals, rng.randint(1, 2)):
            contributions.append(
                Contribution(project=project, goal=goal, weight=Decimal(rng.choice(["0.5", "1"])))
            )
    StatusReport.objects.bulk_create(reports, batch_size=2_000)
    Milestone.objects.bulk_create(milestones, batch_size=2_000)
    Contribution.objects.bulk_create(contributions, batch_size=2_000)

    model = scoring_model_create_default(municipality=city)
    criteria = {c.key: c for c in model.criteria.all()}
    ratings, _criteria = synthetic_portfolio(projects=PROJECTS, seed=SEED)
    reuse = {0.0: 1, 1.0: 3, 2.0: 5}  # builds its own / another municipality's / an EfA service
    assessments = []
    for project, (_, row) in zip(projects, ratings.iterrows(), strict=True):
        for key, convert in (("urgency", int), ("risk", int), ("reuse", reuse.get)):
            if row[key] == row[key]:  # not NaN (not yet assessed)
                assessments.append(
                    Assessment(project=project, criterion=criteria[key], value=convert(row[key]))
                )
    Assessment.objects.bulk_create(assessments, batch_size=2_000)
    return projects


def _build_staffing(city, units, projects) -> None:
    """Staff with skills, skill demands of the approved and running projects, a few vacancies."""
    import pandas as pd

    from portfolio.models import Status
    from staffing.models import (
        EmploymentType,
        ExitReason,
        Skill,
        SkillDemand,
        SkillSource,
        StaffMember,
        StaffSkill,
        Vacancy,
    )
    from tests.bench.synthetic import synthetic_staffing

    skills = list(Skill.objects.order_by("category__position", "position"))
    data = synthetic_staffing(staff=STAFF, skills=len(skills), demands=DEMANDS, quarters=12, seed=SEED)

    def day(value) -> datetime.date | None:
        return None if pd.isna(value) else pd.Timestamp(value).date()

    fixed = set(data.staff["id"].sample(frac=0.1, random_state=SEED))
    members = StaffMember.objects.bulk_create(
        (
            StaffMember(
                municipality=city,
                personnel_number=f"P{row.id:05d}",
                org_unit=units[(row.org_unit_id - 1) % len(units)],
                job_title="Sachbearbeitung",
                fte=Decimal(str(row.fte)),
                employment_type=EmploymentType.FIXED_TERM if row.id in fixed else EmploymentType.EMPLOYEE,
                exit_date=day(row.exit_date),
                exit_reason=(ExitReason.CONTRACT_END if row.id in fixed else ExitReason.RETIREMENT)
                if day(row.exit_date)
                else "",
            )
            for row in data.staff.itertuples()
        ),
        batch_size=1_000,
    )
    assessed_on = datetime.date(2024, 6, 1)
    StaffSkill.objects.bulk_create(
        (
            StaffSkill(
                staff=members[row.staff_id - 1],
                skill=skills[row.skill_id - 1],
                level=int(row.level),
                assessed_on=assessed_on,
                valid_until=day(row.valid_until),
                source=SkillSource.CERTIFICATE if day(row.valid_until) else SkillSource.MANAGER,
            )
            for row in data.staff_skills.itertuples()
        ),
        batch_size=2_000,
    )
    running = [p for p in projects if p.status in (Status.APPROVED, Status.IN_PROGRESS, Status.ON_HOLD)]
    demands = data.demands.drop_duplicates(["project_id", "skill_id", "level"])
    SkillDemand.objects.bulk_create(
        (
            SkillDemand(
                project=running[(row.project_id - 1) % len(running)],
                skill=skills[row.skill_id - 1],
                level=int(row.level),
                fte=Decimal(str(row.fte)),
                start=day(row.start),
                end=day(row.end),
            )
            for row in demands.itertuples()
        ),
        batch_size=2_000,
    )
    Vacancy.objects.bulk_create(
        Vacancy(
            municipality=city,
            title=f"Stelle {n + 1}",
            org_unit=units[n % len(units)],
            skill=skills[row.skill_id - 1],
            level=int(row.level),
            fte=Decimal(str(row.fte)),
            expected_date=day(row.expected_date),
        )
        for n, row in enumerate(data.hires.head(VACANCIES).itertuples())
    )


def reports_of(user, city):
    """The published report of the previous period and the draft of this one (a fixed "today")."""
    from reports.actions import report_create, report_publish

    previous = report_create(
        municipality=city,
        user=user,
        title="Digitalbericht 2. Halbjahr 2025",
        period_start=PREVIOUS[0],
        period_end=PREVIOUS[1],
        language="de",
    )
    published = report_publish(report=previous, user=user, today=PREVIOUS[1])
    draft = report_create(
        municipality=city,
        user=user,
        title="Digitalbericht 1. Halbjahr 2026",
        period_start=PERIOD[0],
        period_end=PERIOD[1],
        language="de",
    )
    return draft, published


def timed(call, runs: int) -> tuple[list[float], object]:
    """Seconds of ``runs`` calls after one warm-up, and the last response."""
    response = call()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        response = call()
        times.append(time.perf_counter() - start)
    return times, response


def main() -> int:
    chromium = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    if not Path(chromium).exists():
        print(
            f"No Chromium at {chromium}: the PDF benchmark needs it (apt-get install chromium, or set "
            "CHROMIUM=/path/to/chromium).",
            file=sys.stderr,
        )
        return 1
    with tempfile.TemporaryDirectory() as folder:
        setup_django(os.path.join(folder, "bench.sqlite3"))
        from django.db import connections
        from django.test import Client
        from django.urls import reverse
        from pypdf import PdfReader

        started = time.perf_counter()
        user, city = build_city(random.Random(SEED))
        draft, published = reports_of(user, city)
        built = time.perf_counter() - started
        client = Client(HTTP_HOST="localhost")
        client.force_login(user)
        client.cookies["digiplan_language"] = "de"

        def get(name: str, report, content_type: str):
            def call():
                response = client.get(reverse(name, args=[report.pk]))
                assert response.status_code == 200, (name, response.status_code)
                assert response["Content-Type"].startswith(content_type), (name, response["Content-Type"])
                return response

            return call

        from django.core.management import call_command

        from reports.models import ReportFile

        def through_the_queue(fmt: str, report, content_type: str):
            def call():
                asked = client.post(reverse("reports:report-files", args=[report.pk]), {"format": fmt})
                assert asked.status_code == 302, (fmt, asked.status_code)
                call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)
                file = ReportFile.objects.filter(report=report, format=fmt).latest("pk")
                assert file.status == "done", (fmt, file.status, file.error)
                response = client.get(reverse("reports:file-download", args=[file.pk]))
                assert response["Content-Type"].startswith(content_type), (fmt, response["Content-Type"])
                return response

            return call

        html = "text/html"
        xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        cases = [
            ("page, draft (built live)", "html", get("reports:report", draft, html), RUNS),
            ("page, published (snapshot)", "html", get("reports:report", published, html), RUNS),
            ("XLSX, draft, through the queue", "xlsx", through_the_queue("xlsx", draft, xlsx), RUNS),
            (
                "PDF, draft, through the queue",
                "pdf",
                through_the_queue("pdf", draft, "application/pdf"),
                PDF_RUNS,
            ),
        ]
        size = (
            f"{PROJECTS:,} projects, {GOALS} goals, {INDICATORS} indicators, {STAFF:,} staff "
            f"({SERVICE_CHANGES:,} service changes, {DEMANDS:,} demands)"
        )
        missed = []
        print(f"Synthetic city and two reports built in {built:.0f} s.", file=sys.stderr)
        for label, kind, call, runs in cases:
            times, response = timed(call, runs)
            seconds = statistics.median(times)
            body = response.content
            if kind == "pdf":
                output = f"{len(PdfReader(io.BytesIO(body)).pages)} pages, {len(body) / 2**10:,.0f} KiB"
            else:
                output = f"{len(body) / 2**10:,.0f} KiB"
            target = TARGETS[kind]
            met = seconds <= target
            if not met:
                missed.append(f"{label}: the median of {seconds:.2f} s misses the target of {target:g} s.")
            print(
                f"| {label} | {size} | {output} "
                f"| {seconds * 1000:,.0f} ms ({min(times) * 1000:,.0f}–{max(times) * 1000:,.0f}) "
                f"| {runs} "
                f"| {target:g} s | {'met' if met else 'MISSED'} |"
            )
        connections.close_all()
    for line in missed:
        print(line, file=sys.stderr)
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
