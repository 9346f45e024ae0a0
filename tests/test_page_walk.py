"""One generic walk over every page for every role and both towns (DESIGN.md §1, §6; STYLE.md 5), the twin
of the API walk in tests/api/test_permissions.py.

``TABLE`` has a row per page (a URL name; the pages of a project's or a staff member's rows have one row per
kind of row) with the answer to a GET for each role of town_a: on town_a's object ("own") and on town_b's
("other"). Pages without an object (lists, new-forms) work in the user's current municipality and have
only the "own" answers. Answers, in the order strategist, project_lead, council, hr, admin, anonymous:

    200    the page                         405    the route takes POST only
    302    a redirect elsewhere (a frozen   login  a redirect to the login page
           version back to its page)
    403    the role does not include this part of Digiplan (the same for any object)
    404    the object does not exist for the user: another municipality's, a staff record outside hr and
           admin, a draft a council member does not read, a project the lead does not lead

Every GET writes nothing. A POST that the page refuses (403, 404, login) is refused the same way and writes
nothing; a POST-only route refuses another municipality's object with 404.

Left out, because they are walked elsewhere: the admin (Django's own permissions; superusers only), the REST
API under /api/v1/ (tests/api/test_permissions.py) and its schema and docs (tests/api/test_behaviour.py).
``test_every_page_has_a_row`` reads every route from the URL resolver, so a new page without a row fails.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection
from django.shortcuts import resolve_url
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import URLResolver, get_resolver, reverse
from knox.models import AuthToken

from municipalities.models import Municipality, OrgUnit, State
from portfolio.views.register import PARTS as PORTFOLIO_PART_VIEWS
from reports import exports
from reports.actions import report_create, report_publish
from reports.models import FileStatus, ReportFile, ReportingRound
from staffing.views.records import PARTS as STAFFING_PART_VIEWS
from tests.api.conftest import ROLES, Town, _make_user, build_world, rolled_back

ANONYMOUS = "anonymous"
COLUMNS = (*ROLES, ANONYMOUS)

# Outside the walk (see the module docstring): URL prefixes and names.
EXCLUDED_PREFIXES = ("admin/", "api/v1/")
EXCLUDED_NAMES = ("api-schema", "api-docs")

# The kinds of row the part pages take (``kind`` in the URL).
PORTFOLIO_PARTS = (
    "status-report",
    "milestone",
    "cost",
    "service-change",
    "dependency",
    "contribution",
)
STAFFING_PARTS = ("skill", "profile-skill")


@dataclass(frozen=True)
class Row:
    name: str  # the URL name
    own: str  # six answers, see the module docstring
    other: str | None = None  # the same on town_b's objects; None for pages without an object
    objects: tuple[str, ...] = ()  # keys of ``objects_of`` filling the URL's parameters, in their order
    kind: str | None = None  # the ``kind`` parameter of the part pages
    variant: str = ""  # what tells a second row of the same page apart

    @property
    def id(self) -> str:
        return " ".join(filter(None, [self.name, self.kind, self.variant]))


# Recurring rows of answers.
EVERYONE = "200 200 200 200 200 login"
ADMIN = "403 403 403 403 200 login"
STRATEGY_READ = "200 200 200 403 200 login"
STRATEGY_WRITE = "200 403 403 403 200 login"
STRATEGY_WRITE_OTHER = "404 403 403 403 404 login"
STRATEGY_POST = "405 403 403 403 405 login"
READERS_OTHER = "404 404 404 403 404 login"  # strategy and portfolio: every reader, 404
PROJECT_WRITE = "200 200 404 403 200 login"  # the lead leads town_a's project; council reads only
STAFFING = "200 403 200 200 200 login"  # aggregates: everyone but the project lead
STAFF_RECORDS = "403 403 403 200 200 login"
STAFF_RECORD = "404 403 404 200 200 login"  # one record: 404 for the roles that see aggregates only
STAFF_RECORD_OTHER = "404 403 404 404 404 login"
SCENARIO_DRAFT = "200 404 404 403 200 login"  # a draft scenario: its office and the admin
REPORTS_READ = "200 403 200 403 200 login"
REPORTS_READ_OTHER = "404 403 404 403 404 login"
REPORTS_WRITE = STRATEGY_WRITE
REPORTS_POST = STRATEGY_POST

TABLE: tuple[Row, ...] = (
    # --- municipalities -------------------------------------------------------------------------------
    Row("home", EVERYONE),
    Row("municipality", EVERYONE),
    Row("municipality-edit", ADMIN),
    Row("municipality-switch", "405 405 405 405 405 login"),
    Row("orgunit-list", EVERYONE),
    Row("orgunit-create", ADMIN),
    Row("orgunit-detail", EVERYONE, "404 404 404 404 404 login", ("org-unit",)),
    Row("orgunit-edit", ADMIN, "403 403 403 403 404 login", ("org-unit",)),
    Row("orgunit-delete", ADMIN, "403 403 403 403 404 login", ("org-unit",)),
    Row("membership-list", ADMIN),
    Row("membership-delete", "403 403 403 403 405 login", "403 403 403 403 405 login", ("membership",)),
    Row("membership-role", "403 403 403 403 405 login", "403 403 403 403 405 login", ("membership",)),
    # --- strategy: read pages show the adopted version, which council members and leads read ----------
    Row("strategy:index", STRATEGY_READ),
    Row("strategy:create", STRATEGY_WRITE),
    Row("strategy:detail", STRATEGY_READ, READERS_OTHER, ("adopted",)),
    Row("strategy:detail", "200 404 404 403 200 login", READERS_OTHER, ("draft",), variant="draft"),
    Row("strategy:edit", STRATEGY_WRITE, STRATEGY_WRITE_OTHER, ("draft",)),
    Row("strategy:edit", "302 403 403 403 302 login", STRATEGY_WRITE_OTHER, ("adopted",), variant="adopted"),
    Row("strategy:adopt", STRATEGY_WRITE, STRATEGY_WRITE_OTHER, ("draft",)),
    Row("strategy:compare", STRATEGY_READ, READERS_OTHER, ("adopted",)),
    Row("strategy:history", STRATEGY_READ, READERS_OTHER, ("adopted",)),
    Row("strategy:submit", STRATEGY_POST, STRATEGY_POST, ("draft",)),
    Row("strategy:return", STRATEGY_POST, STRATEGY_POST, ("draft",)),
    Row("strategy:revise", STRATEGY_POST, STRATEGY_POST, ("adopted",)),
    Row("strategy:field-create", STRATEGY_WRITE, STRATEGY_WRITE_OTHER, ("draft",)),
    Row("strategy:field-edit", STRATEGY_WRITE, STRATEGY_WRITE_OTHER, ("field",)),
    Row("strategy:field-delete", STRATEGY_WRITE, STRATEGY_WRITE_OTHER, ("field",)),
    Row("strategy:goal-create", STRATEGY_WRITE, STRATEGY_WRITE_OTHER, ("draft",)),
    Row("strategy:goal", STRATEGY_READ, READERS_OTHER, ("adopted-goal",)),
    Row("strategy:goal", "200 404 404 403 200 login", READERS_OTHER, ("goal",), variant="draft"),
    Row("strategy:goal-edit", STRATEGY_WRITE, STRATEGY_WRITE_OTHER, ("goal",)),
    Row("strategy:goal-delete", STRATEGY_WRITE, STRATEGY_WRITE_OTHER, ("goal",)),
    Row("strategy:indicator-create", STRATEGY_WRITE, STRATEGY_WRITE_OTHER, ("goal",)),
    Row("strategy:indicator-edit", STRATEGY_WRITE, STRATEGY_WRITE_OTHER, ("indicator",)),
    Row("strategy:indicator-delete", STRATEGY_WRITE, STRATEGY_WRITE_OTHER, ("indicator",)),
    Row("strategy:measurement-add", STRATEGY_POST, STRATEGY_POST, ("indicator",)),
    Row("strategy:measurement-approve", STRATEGY_POST, STRATEGY_POST, ("measurement",)),
    Row("strategy:measurement-reject", STRATEGY_POST, STRATEGY_POST, ("measurement",)),
    # --- portfolio ------------------------------------------------------------------------------------
    Row("portfolio:index", STRATEGY_READ),
    Row("portfolio:services", STRATEGY_READ),
    Row("portfolio:service-create", STRATEGY_WRITE),
    Row("portfolio:service", STRATEGY_READ, READERS_OTHER, ("service",)),
    Row("portfolio:service-edit", STRATEGY_WRITE, STRATEGY_WRITE_OTHER, ("service",)),
    Row("portfolio:service-delete", STRATEGY_WRITE, STRATEGY_WRITE_OTHER, ("service",)),
    Row("portfolio:map", STRATEGY_READ),
    Row("portfolio:balance", STRATEGY_READ),
    Row("portfolio:projects", STRATEGY_READ),
    Row("portfolio:project-create", STRATEGY_WRITE),
    Row("portfolio:project", STRATEGY_READ, READERS_OTHER, ("project",)),
    Row("portfolio:project-edit", PROJECT_WRITE, READERS_OTHER, ("project",)),
    Row(
        "portfolio:project-edit",
        "200 404 404 403 200 login",
        READERS_OTHER,
        ("project-2",),
        variant="not led",
    ),
    Row("portfolio:project-delete", STRATEGY_WRITE, STRATEGY_WRITE_OTHER, ("project",)),
    Row(
        "portfolio:project-transition", "405 405 405 403 405 login", "405 405 405 403 405 login", ("project",)
    ),
    *(
        Row("portfolio:part-create", PROJECT_WRITE, READERS_OTHER, ("project",), kind=kind)
        for kind in PORTFOLIO_PARTS
    ),
    *(
        Row(f"portfolio:part-{page}", PROJECT_WRITE, READERS_OTHER, (kind,), kind=kind)
        for page in ("edit", "delete")
        for kind in PORTFOLIO_PARTS
    ),
    Row("portfolio:ranking", STRATEGY_READ),
    Row("portfolio:ranking-save", STRATEGY_POST),
    Row("portfolio:criteria", STRATEGY_READ),
    Row("portfolio:scoring-model-create", STRATEGY_POST),
    Row("portfolio:pairwise", STRATEGY_READ),
    Row("portfolio:matrix", STRATEGY_READ),
    Row("portfolio:assessments", PROJECT_WRITE, READERS_OTHER, ("project",)),
    # Scenarios: the walk's is a draft, which council members and leads do not read (the adopted one only).
    Row("portfolio:scenarios", STRATEGY_READ),
    Row("portfolio:scenario-create", STRATEGY_WRITE),
    *(
        Row(f"portfolio:{page}", SCENARIO_DRAFT, READERS_OTHER, ("scenario",))
        for page in ("scenario", "scenario-compare", "scenario-roadmap")
    ),
    Row("staffing:scenario-capacity", STRATEGY_WRITE, STRATEGY_WRITE_OTHER, ("scenario",)),
    # The solve's state is an htmx fragment; a plain GET goes to the scenario's page.
    Row("portfolio:scenario-solve", "302 404 404 403 302 login", READERS_OTHER, ("scenario",)),
    *(
        Row(f"portfolio:{page}", STRATEGY_WRITE, STRATEGY_WRITE_OTHER, ("scenario",))
        for page in ("scenario-edit", "scenario-delete", "scenario-adopt")
    ),
    # --- staffing: aggregates for all but the lead; records for hr and admin --------------------------
    Row("staffing:index", STAFFING),
    Row("staffing:catalogue", STAFFING),
    Row("staffing:staff-list", STAFF_RECORDS),
    Row("staffing:staff-create", STAFF_RECORDS),
    Row("staffing:staff", STAFF_RECORD, STAFF_RECORD_OTHER, ("staff",)),
    Row("staffing:staff-edit", STAFF_RECORD, STAFF_RECORD_OTHER, ("staff",)),
    Row("staffing:staff-delete", STAFF_RECORD, STAFF_RECORD_OTHER, ("staff",)),
    Row("staffing:part-create", STAFF_RECORD, STAFF_RECORD_OTHER, ("staff",), kind="skill"),
    Row("staffing:part-create", STAFF_RECORD, STAFF_RECORD_OTHER, ("role-profile",), kind="profile-skill"),
    *(
        Row(f"staffing:part-{page}", STAFF_RECORD, STAFF_RECORD_OTHER, (kind,), kind=kind)
        for page in ("edit", "delete")
        for kind in STAFFING_PARTS
    ),
    # A project's skill demand: who changes the project changes it (the pages are staffing's).
    Row("staffing:demand-create", PROJECT_WRITE, READERS_OTHER, ("project",)),
    Row("staffing:demand-edit", PROJECT_WRITE, READERS_OTHER, ("demand",)),
    Row("staffing:demand-delete", PROJECT_WRITE, READERS_OTHER, ("demand",)),
    Row("staffing:profiles", STAFF_RECORDS),
    Row("staffing:profile-create", STAFF_RECORDS),
    Row("staffing:profile-edit", STAFF_RECORD, STAFF_RECORD_OTHER, ("role-profile",)),
    Row("staffing:vacancies", STAFF_RECORDS),
    Row("staffing:vacancy-create", STAFF_RECORDS),
    Row("staffing:vacancy-edit", STAFF_RECORD, STAFF_RECORD_OTHER, ("vacancy",)),
    Row("staffing:vacancy-delete", STAFF_RECORD, STAFF_RECORD_OTHER, ("vacancy",)),
    Row("staffing:gaps", STAFFING),
    Row("staffing:matrix", STAFFING),
    Row("staffing:exposure", STAFFING),
    Row("staffing:training", STAFFING),
    # --- council reports: council members read published ones --------------------------------------
    Row("reports:index", REPORTS_READ),
    Row("reports:report-create", REPORTS_WRITE),
    Row("reports:report", REPORTS_READ, REPORTS_READ_OTHER, ("published",)),
    Row("reports:report", "200 403 404 403 200 login", REPORTS_READ_OTHER, ("report",), variant="draft"),
    Row("reports:report-edit", REPORTS_WRITE, STRATEGY_WRITE_OTHER, ("report",)),
    Row(
        "reports:report-edit",
        "302 403 403 403 302 login",
        STRATEGY_WRITE_OTHER,
        ("published",),
        variant="published",
    ),
    Row("reports:report-publish", REPORTS_WRITE, STRATEGY_WRITE_OTHER, ("report",)),
    Row("reports:report-correct", REPORTS_POST, REPORTS_POST, ("published",)),
    Row("reports:report-files", REPORTS_READ, REPORTS_READ_OTHER, ("published",)),
    # A made file is its requester's alone (the strategist's here): the figures are those it may see.
    Row("reports:file-download", "200 403 404 403 404 login", REPORTS_READ_OTHER, ("file",)),
    # Everyone's own list; a value only for an indicator the person owns (nobody of the walk does: 404).
    Row("reports:my-updates", EVERYONE),
    Row("reports:my-measurement", "405 405 405 405 405 login", "405 405 405 405 405 login", ("indicator",)),
    Row("reports:my-status-report", "405 405 405 405 405 login", "405 405 405 405 405 login", ("project",)),
    Row("reports:round-create", REPORTS_WRITE),
    Row("reports:round", REPORTS_READ, REPORTS_READ_OTHER, ("round",)),
    Row("reports:round-close", REPORTS_POST, REPORTS_POST, ("round",)),
    # --- the public dashboard: town_a publishes one, town_b does not ---------------------------------
    Row("public-dashboard", "200 200 200 200 200 200", "404 404 404 404 404 404", ("ags",)),
    Row("public-report", "200 200 200 200 200 200", "404 404 404 404 404 404", ("ags", "published")),
    Row(
        "public-report",
        "404 404 404 404 404 404",
        "404 404 404 404 404 404",
        ("ags", "report"),
        variant="draft",
    ),
    # --- accounts, tokens, language ----------------------------------------------------------------
    Row("api-tokens", EVERYONE),
    Row("api-token-revoke", "405 405 405 405 405 login", "405 405 405 405 405 login", ("token",)),
    Row("login", "302 302 302 302 302 200"),
    Row("logout", "405 405 405 405 405 405"),
    Row("set_language", "302 302 302 302 302 302"),
)


def page_routes() -> dict[str, str]:
    """Every named route of the project outside the exclusions: URL name -> route."""
    routes: dict[str, str] = {}

    def collect(patterns, prefix: str, namespace: str) -> None:
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if route.startswith(EXCLUDED_PREFIXES):
                continue
            if isinstance(pattern, URLResolver):
                inner = ":".join(filter(None, [namespace, pattern.namespace]))
                collect(pattern.url_patterns, route, inner)
                continue
            assert pattern.name, f"The page {route} has no name; the walk needs one to give it a row."
            name = f"{namespace}:{pattern.name}" if namespace else pattern.name
            if name not in EXCLUDED_NAMES:
                routes[name] = route

    collect(get_resolver().url_patterns, "", "")
    return routes


ROUTES = page_routes()


def test_every_page_has_a_row():
    assert set(ROUTES) - {row.name for row in TABLE} == set()
    assert {row.name for row in TABLE} - set(ROUTES) == set()  # no row for a page that is gone


def test_every_kind_of_part_has_rows():
    assert set(PORTFOLIO_PARTS) == set(PORTFOLIO_PART_VIEWS)
    assert set(STAFFING_PARTS) == set(STAFFING_PART_VIEWS)


def test_the_rows_are_well_formed():
    assert len({row.id for row in TABLE}) == len(TABLE)
    for row in TABLE:
        parameters = [p for p in re.findall(r"<(?:\w+:)?(\w+)>", ROUTES[row.name]) if p != "kind"]
        assert len(parameters) == len(row.objects), row.id
        assert ("<slug:kind>" in ROUTES[row.name]) is (row.kind is not None), row.id
        assert (row.other is None) is (not row.objects), row.id
        for answers in filter(None, [row.own, row.other]):
            assert len(answers.split()) == len(COLUMNS), row.id


# --- the world -----------------------------------------------------------------------------------------


@dataclass
class Walk:
    sessions: dict  # role -> the session key of town_a's user with that role, logged in once
    objects: dict[str, dict]  # "own" / "other" -> key -> object


def objects_of(town: Town, *, token: AuthToken, report, published, round, file) -> dict:
    o, extra = town.objects, town.extra
    return {
        "org-unit": o["org-units"],
        "membership": o["memberships"],
        "draft": o["strategies"],
        "adopted": extra["adopted"],
        "field": o["fields-of-action"],
        "goal": o["goals"],
        "adopted-goal": extra["adopted_goals"][0],
        "indicator": o["indicators"],
        "measurement": o["measurements"],
        "scenario": o["scenarios"],
        "service": o["services"],
        "project": o["projects"],
        "project-2": extra["project_2"],
        "status-report": o["status-reports"],
        "milestone": o["milestones"],
        "cost": o["project-costs"],
        "service-change": o["service-changes"],
        "dependency": o["dependencies"],
        "demand": o["skill-demands"],
        "contribution": o["contributions"],
        "staff": o["staff"],
        "skill": o["staff-skills"],
        "role-profile": o["role-profiles"],
        "profile-skill": o["role-profile-skills"],
        "vacancy": o["vacancies"],
        "report": report,
        "published": published,
        "round": round,
        "file": file,
        "ags": town.municipality.ags,
        "token": token.token_key,
    }


def _reports(town: Town, author) -> dict:
    def new(title: str):
        return report_create(
            municipality=town.municipality,
            user=author,
            title=title,
            period_start=datetime.date(2026, 1, 1),
            period_end=datetime.date(2026, 6, 30),
            language="de",
        )

    published = report_publish(report=new("Bericht 1/2026"), user=author, today=datetime.date(2026, 7, 1))
    round = ReportingRound.objects.create(
        municipality=town.municipality,
        title="Runde 2/2026",
        period_start=datetime.date(2026, 7, 1),
        period_end=datetime.date(2026, 12, 31),
        due_date=datetime.date(2027, 1, 15),
        meeting_date=datetime.date(2027, 2, 1),
    )
    file = ReportFile.objects.create(
        report=published,
        format="xlsx",
        requested_by=author,
        status=FileStatus.DONE,
        progress=100,
        content=b"PK",
    )
    return {"report": new("Bericht 2/2026"), "published": published, "round": round, "file": file}


@pytest.fixture(scope="module")
def walk(django_db_setup, django_db_blocker):
    """tests/api/conftest.py's world (one object of every kind in town_a and town_b, a user per role in
    town_a, the lead leading town_a's project) plus reports, a round and a token in each town, built once
    for the module; each test runs in a savepoint of it."""
    with django_db_blocker.unblock(), rolled_back():
        town_a = Municipality.objects.create(
            name="Altstadt", ags="05900001", state=State.NW, population=20_000, public_dashboard=True
        )
        root = OrgUnit.objects.create(municipality=town_a, name="Hauptamt A")
        OrgUnit.objects.create(municipality=town_a, name="IT A", parent=root)
        town_b = Municipality.objects.create(
            name="Bergdorf", ags="09900001", state=State.BY, population=20_000
        )
        OrgUnit.objects.create(municipality=town_b, name="Hauptamt B")
        world = build_world(town_a=town_a, town_b=town_b, make_user=_make_user)
        cdo_a = world.users[ROLES[0]]
        cdo_b = get_user_model().objects.get(username="b-cdo")
        objects = {}
        for side, town, author in (("own", world.a, cdo_a), ("other", world.b, cdo_b)):
            token, _key = AuthToken.objects.create(user=author)
            objects[side] = objects_of(town, token=token, **_reports(town, author))
        sessions = {}
        for role, user in world.users.items():
            login = Client()
            login.force_login(user)
            sessions[role] = login.cookies[settings.SESSION_COOKIE_NAME].value
        yield Walk(sessions=sessions, objects=objects)


@pytest.fixture(autouse=True)
def no_printing(monkeypatch):
    """The walk asks who gets the PDF, not how it prints (tests/reports/test_exports.py): no Chromium."""
    monkeypatch.setattr(exports, "to_pdf", lambda *, html, **_options: b"%PDF-1.7\n")


def url_of(row: Row, side: str, walk: Walk) -> str:
    objects = walk.objects[side]
    parameters = [p for p in re.findall(r"<(?:\w+:)?(\w+)>", ROUTES[row.name]) if p != "kind"]
    kwargs = {
        name: getattr(objects[key], "pk", objects[key])
        for name, key in zip(parameters, row.objects, strict=True)
    }
    if row.kind:
        kwargs["kind"] = row.kind
    return reverse(row.name, kwargs=kwargs)


def answer_of(response) -> str:
    if response.status_code == 302 and response["Location"].startswith(resolve_url(settings.LOGIN_URL) + "?"):
        return "login"
    return str(response.status_code)


WRITES = re.compile(r"^\s*(INSERT|UPDATE|DELETE)\b", re.IGNORECASE)


def writes(queries) -> list[str]:
    return [q["sql"] for q in queries if WRITES.match(q["sql"])]


CELLS = [
    pytest.param(row, side, column, id=f"{row.id}-{side}-{column}")
    for row in TABLE
    for side, answers in (("own", row.own), ("other", row.other))
    if answers is not None
    for column in COLUMNS
]


def expected(row: Row, side: str, column) -> str:
    answers = row.own if side == "own" else row.other
    return answers.split()[COLUMNS.index(column)]


@pytest.fixture
def client_as(walk):
    def login(column) -> Client:
        client = Client()
        if column != ANONYMOUS:
            client.cookies[settings.SESSION_COOKIE_NAME] = walk.sessions[column]
        return client

    return login


@pytest.mark.django_db
@pytest.mark.parametrize(("row", "side", "column"), CELLS)
def test_get(walk, client_as, row, side, column):
    client = client_as(column)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url_of(row, side, walk))
    assert answer_of(response) == expected(row, side, column), response.get("Location", "")
    assert writes(queries) == [], "A GET must not write."


REFUSED = {"403", "404", "login"}


def refused_post(row: Row, side: str, column) -> str | None:
    answer = expected(row, side, column)
    if answer in REFUSED:
        return answer
    if answer == "405" and side == "other":
        return "404"
    return None


POST_CELLS = [param for param in CELLS if refused_post(*param.values) is not None]


@pytest.mark.django_db
@pytest.mark.parametrize(("row", "side", "column"), POST_CELLS)
def test_refused_post(walk, client_as, row, side, column):
    client = client_as(column)
    with CaptureQueriesContext(connection) as queries:
        response = client.post(url_of(row, side, walk), {})
    assert answer_of(response) == refused_post(row, side, column), response.get("Location", "")
    assert writes(queries) == [], "A refused POST must not write."


# --- orientation: every page names itself and says where it is (issue 16) ---------------------------------

BREADCRUMB = re.compile(
    r'<nav aria-label="(?:Breadcrumb|Brotkrumen\w*|Pfad)"[^>]*>\s*<ol class="breadcrumb">(.*?)</ol>', re.S
)
TITLE = re.compile(r"<title>(.*?)</title>", re.S)


# Not pages: the report's files (a fragment of the report page, polled) and a made file.
NOT_PAGES = ("reports:report-files", "reports:file-download")


def _page_cells():
    """Each page once, as the first role (town_a's own objects) that gets it."""
    for row in TABLE:
        answers = row.own.split()
        if "200" in answers and row.name not in NOT_PAGES:
            yield pytest.param(row, COLUMNS[answers.index("200")], id=row.id)


def _names_of(obj) -> set[str]:
    """What a title that names ``obj`` may name: the object or the parent it belongs to."""
    names = {str(obj)}
    for attribute in ("title", "name", "project", "staff", "profile", "goal", "strategy", "municipality"):
        value = getattr(obj, attribute, None)
        if value is not None and not callable(value):
            names.add(str(value))
    return names


@pytest.mark.django_db
@pytest.mark.parametrize(("row", "column"), list(_page_cells()))
def test_every_page_has_breadcrumbs_and_a_title_that_names_it(walk, client_as, row, column):
    response = client_as(column).get(url_of(row, "own", walk), HTTP_ACCEPT_LANGUAGE="de")
    if not response["Content-Type"].startswith("text/html"):
        return  # a PDF or a spreadsheet: no page
    page = response.content.decode()
    crumbs = BREADCRUMB.search(page)
    assert crumbs, "no breadcrumb navigation"
    current = re.findall(r'<li class="breadcrumb-item active" aria-current="page">(.*?)</li>', crumbs[1])
    assert len(current) == 1 and current[0].strip(), "the breadcrumbs do not end in the page itself"
    title = " ".join(TITLE.search(page).group(1).split())
    own = title.split(" · ")[0].strip()
    assert own and own != "Digiplan", f"generic title {title!r}"
    obj = walk.objects["own"][row.objects[0]] if row.objects else None
    if hasattr(obj, "pk") and row.objects[0] not in ("membership",):
        assert any(name and name in title for name in _names_of(obj)), (title, _names_of(obj))
