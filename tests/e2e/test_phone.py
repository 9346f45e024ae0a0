"""No page is wider than a phone (issue 16): every page of the page walk (tests/test_page_walk.py's TABLE)
that the municipality admin opens, at 390×844 CSS pixels, has ``scrollWidth <= 390`` — wide tables scroll in
their own box (``.table-responsive``), forms and tab bars wrap.

One browser context for all pages (logging in once), so the walk takes seconds per page, not a browser
start per page. The demo town (Musterstadt) gives realistic content: long names, full tables, charts.
"""

from __future__ import annotations

import pytest
from django.urls import reverse
from knox.models import AuthToken

from municipalities.models import Membership, Municipality, OrgUnit
from portfolio.models import (
    Contribution,
    Dependency,
    Milestone,
    Project,
    ProjectCost,
    Scenario,
    Service,
    ServiceChange,
    StatusReport,
)
from reports.models import CouncilReport, ReportingRound, ReportStatus
from staffing.models import RoleProfile, RoleProfileSkill, SkillDemand, StaffMember, StaffSkill, Vacancy
from strategy.actions import strategy_revise
from strategy.models import FieldOfAction, Goal, Indicator, Strategy, StrategyStatus
from tests.e2e.conftest import serious_violations
from tests.test_page_walk import COLUMNS, TABLE, url_of

pytestmark = pytest.mark.e2e

PHONE = {"width": 390, "height": 844}
ADMIN_COLUMN = COLUMNS.index("admin")
# Not pages: the report's files (a fragment of its page, polled) and a made file have no width of their own.
FILES = ("reports:report-files", "reports:file-download")


def _demo_objects() -> dict:
    """One object of every kind of the demo town, keyed like the page walk's ``objects_of``; the demo has
    no draft strategy, so one is revised from the adopted version, and publishes no dashboard until told."""
    town = Municipality.objects.get(name="Musterstadt")
    Municipality.objects.filter(pk=town.pk).update(public_dashboard=True)  # the walk's town_a publishes one
    adopted = Strategy.objects.filter(municipality=town, status=StrategyStatus.ADOPTED).order_by("-version")[
        0
    ]
    draft = strategy_revise(strategy=adopted)
    admin = Membership.objects.filter(municipality=town, user__username="verwaltung").first().user
    of_town = {"project__municipality": town}
    projects = Project.objects.filter(municipality=town).order_by("pk")
    return {
        "org-unit": OrgUnit.objects.filter(municipality=town).first(),
        "membership": Membership.objects.filter(municipality=town).first(),
        "draft": draft,
        "adopted": adopted,
        "field": FieldOfAction.objects.filter(strategy=draft).first(),
        "goal": Goal.objects.filter(field__strategy=draft).first(),
        "adopted-goal": Goal.objects.filter(field__strategy=adopted).first(),
        "indicator": Indicator.objects.filter(goal__field__strategy=draft).first(),
        "service": Service.objects.filter(municipality=town).first(),
        "project": projects[0],
        "project-2": projects[1],
        "status-report": StatusReport.objects.filter(**of_town).first(),
        "milestone": Milestone.objects.filter(**of_town).first(),
        "cost": ProjectCost.objects.filter(**of_town).first(),
        "service-change": ServiceChange.objects.filter(**of_town).first(),
        "dependency": Dependency.objects.filter(**of_town).first(),
        "demand": SkillDemand.objects.filter(**of_town).first(),
        "contribution": Contribution.objects.filter(**of_town).first(),
        "staff": StaffMember.objects.filter(municipality=town).first(),
        "skill": StaffSkill.objects.filter(staff__municipality=town).first(),
        "role-profile": RoleProfile.objects.filter(municipality=town).first(),
        "profile-skill": RoleProfileSkill.objects.filter(profile__municipality=town).first(),
        "vacancy": Vacancy.objects.filter(municipality=town).first(),
        "report": CouncilReport.objects.filter(municipality=town, status=ReportStatus.DRAFT).first(),
        "published": CouncilReport.objects.filter(municipality=town, status=ReportStatus.PUBLISHED).first(),
        "round": ReportingRound.objects.filter(municipality=town).first(),
        "scenario": Scenario.objects.filter(municipality=town).order_by("pk").first(),
        "ags": town.ags,
        "token": AuthToken.objects.create(user=admin)[0].token_key,
    }


class _Walk:
    def __init__(self, objects: dict) -> None:
        self.objects = {"own": objects}


def _pages(objects: dict) -> list[tuple[str, str]]:
    """(id, URL) of every page the admin gets with 200 in the walk, files left out."""
    walk = _Walk(objects)
    pages = []
    for row in TABLE:
        if row.own.split()[ADMIN_COLUMN] == "200" and row.name not in FILES:
            missing = [key for key in row.objects if objects.get(key) is None]
            assert not missing, f"the demo has no {missing} for {row.id}"
            pages.append((row.id, url_of(row, "own", walk)))
    return pages


WIDTH = "() => document.documentElement.scrollWidth"
# The outermost elements that stick out on the right (their parent does not): what to fix, for the message.
CULPRITS = """(limit) => {
  const clipped = (el) => {
    for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
      if (getComputedStyle(a).overflowX !== 'visible') return true;
    }
    return false;
  };
  const out = [];
  for (const el of document.body.querySelectorAll('*')) {
    const parent = el.parentElement;
    if (el.getBoundingClientRect().right > limit + 0.5 && parent.getBoundingClientRect().right <= limit + 0.5
        && !clipped(el)) {
      const names = typeof el.className === 'string' ? el.className.trim().split(/\\s+/) : [];
      const classes = names.filter(Boolean);
      out.push(el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + classes.map((c) => '.' + c).join(''));
    }
  }
  return out.slice(0, 3).join(', ');
}"""


def test_no_page_is_wider_than_a_phone(browser, live_server, demo):
    pages = _pages(_demo_objects())
    assert len(pages) > 80  # the walk's pages, not a handful
    context = browser.new_context(locale="de-DE", viewport=PHONE)
    try:
        page = context.new_page()
        page.set_default_timeout(30_000)
        too_wide = {}
        page.goto(f"{live_server.url}{reverse('login')}")  # the login page, before logging in
        if (width := page.evaluate(WIDTH)) > PHONE["width"]:
            too_wide[f"login ({page.evaluate(CULPRITS, PHONE['width'])})"] = width
        page.fill("#id_username", "verwaltung")
        page.fill("#id_password", "demo")
        page.locator("main form button[type=submit]").click()
        page.wait_for_load_state()
        for name, url in pages:
            response = page.goto(f"{live_server.url}{url}", wait_until="load")
            assert response.status == 200, (name, url, response.status)
            width = page.evaluate(WIDTH)
            if width > PHONE["width"]:
                too_wide[f"{name} {url} ({page.evaluate(CULPRITS, PHONE['width'])})"] = width
    finally:
        context.close()
    assert not too_wide, "wider than 390 px:\n" + "\n".join(f"{w} px  {page}" for page, w in too_wide.items())


@pytest.mark.parametrize("path", ["/portfolio/services/?sort=-cases&per_page=25&page=2", "/staffing/staff/"])
def test_the_list_controls_are_accessible(login, page, live_server, path):
    """The sortable headers, the pager, the page size and the open "Spalten" form pass axe."""
    login("verwaltung")
    page.goto(f"{live_server.url}{path}")
    page.locator("[data-testid=list-columns] summary").click()
    assert page.locator("[data-testid=list-pager] nav, [data-testid=list-pager] form").count() >= 1
    assert serious_violations(page) == []
