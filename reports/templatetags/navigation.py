"""Orientation on every page: breadcrumbs (``crumb``) and the one sub-navigation of the four apps
(``subnav``), so strategy, portfolio, staffing and reports share one tab pattern.

The tags live in ``reports``, the top domain app, because the strategy tabs need the strategy selectors
(the adopted version and the draft that revises it) and the tabs of each app are gated by the role table.
"""

from __future__ import annotations

from dataclasses import dataclass

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from municipalities.access import REPORTS, STAFF_RECORDS, STRATEGY, Action
from strategy import selectors as strategy_selectors
from strategy.models import Strategy, StrategyStatus

register = template.Library()


@register.simple_tag
def crumb(label, url_name: str = "", *args, href: str = "", **query) -> str:
    """One breadcrumb: a link to ``url_name`` (with ``args`` and the ``query`` parameters) or to ``href``,
    or, without either, the current page."""
    if url_name:
        href = reverse(url_name, args=args) + (f"?{urlencode(query)}" if query else "")
    if not href:
        return format_html('<li class="breadcrumb-item active" aria-current="page">{}</li>', label)
    return format_html('<li class="breadcrumb-item"><a href="{}">{}</a></li>', href, label)


@dataclass(frozen=True)
class Tab:
    label: str
    url: str
    active: bool


# Per app: (URL name, label, the URL names that mark the tab active[, the area it needs or None]).
PORTFOLIO_TABS = (
    ("portfolio:projects", _l("Projects"), {"index", "projects", "project"}),
    ("portfolio:ranking", _l("Ranking"), {"ranking", "criteria", "pairwise"}),
    ("portfolio:matrix", _l("Value and effort"), {"matrix"}),
    ("portfolio:services", _l("Service register"), {"services", "service"}),
    ("portfolio:map", _l("Maturity map"), {"map"}),
    ("portfolio:balance", _l("Front end / back end"), {"balance"}),
    (
        "portfolio:scenarios",
        _l("Scenarios"),
        {
            "scenarios",
            "scenario",
            "scenario-create",
            "scenario-edit",
            "scenario-roadmap",
            "scenario-compare",
            "scenario-adopt",
        },
    ),
)
STAFFING_TABS = (
    ("staffing:index", _l("Overview"), {"index"}, None),
    ("staffing:gaps", _l("Skills gap"), {"gaps"}, None),
    ("staffing:matrix", _l("Skills matrix"), {"matrix"}, None),
    ("staffing:exposure", _l("Retirements"), {"exposure"}, None),
    ("staffing:training", _l("Training needs"), {"training"}, None),
    ("staffing:catalogue", _l("Skills catalogue"), {"catalogue"}, None),
    ("staffing:staff-list", _l("Staff"), {"staff-list", "staff"}, STAFF_RECORDS),
    ("staffing:profiles", _l("Role profiles"), {"profiles"}, STAFF_RECORDS),
    ("staffing:vacancies", _l("Vacancies"), {"vacancies"}, STAFF_RECORDS),
)
RANKING_TABS = (
    ("portfolio:ranking", _l("Result"), {"ranking"}),
    ("portfolio:criteria", _l("Criteria and weights"), {"criteria"}),
    ("portfolio:pairwise", _l("Pairwise comparison"), {"pairwise"}),
)


def _tabs(rows, current: str) -> list[Tab]:
    return [Tab(label=str(label), url=reverse(name), active=current in names) for name, label, names in rows]


def _strategy_tabs(context, current: str) -> list[Tab]:
    request = context["request"]
    tenancy = request.tenancy
    ctx = {"user": request.user, "municipality": tenancy.municipality}
    shown = context.get("strategy") or context.get("new")  # the version shown (compare: the newer one)
    shown = shown if isinstance(shown, Strategy) else None
    adopted = strategy_selectors.strategy_current(**ctx)
    tabs = []
    if adopted is not None:
        label = (
            _("Adopted version (v%(version)s)") % {"version": adopted.version}
            if adopted.status == StrategyStatus.ADOPTED
            else _("Strategy (v%(version)s)") % {"version": adopted.version}
        )
        tabs.append(
            Tab(
                label=label,
                url=reverse("strategy:detail", args=[adopted.pk]),
                active=current in {"index", "detail", "goal"} and (shown is None or shown.pk == adopted.pk),
            )
        )
        if tenancy.can(STRATEGY, Action.CHANGE):
            draft = (
                strategy_selectors.strategy_list(**ctx)
                .filter(title=adopted.title, version__gt=adopted.version)
                .exclude(status=StrategyStatus.SUPERSEDED)
                .order_by("-version")
                .first()
            )
            if draft is not None:
                tabs.append(
                    Tab(
                        label=_("Draft v%(version)s (%(status)s)")
                        % {"version": draft.version, "status": draft.get_status_display()},
                        url=reverse("strategy:detail", args=[draft.pk]),
                        active=shown is not None and shown.pk == draft.pk and current in {"detail", "goal"},
                    )
                )
    if shown is not None:
        tabs.append(
            Tab(_("Compare versions"), reverse("strategy:compare", args=[shown.pk]), current == "compare")
        )
        tabs.append(
            Tab(_("Change history"), reverse("strategy:history", args=[shown.pk]), current == "history")
        )
    return tabs


@register.inclusion_tag("_subnav.html", takes_context=True)
def subnav(context, app: str, level: str = "") -> dict:
    """The tabs of ``app`` ("strategy", "portfolio", "staffing", "reports"; ``level`` "ranking" for the
    ranking's own pages), the current one marked for the screen and for assistive technology."""
    request = context["request"]
    current = request.resolver_match.url_name if request.resolver_match else ""
    if app == "portfolio" and level == "ranking":
        tabs, label = _tabs(RANKING_TABS, current), _("Ranking pages")
    elif app == "portfolio":
        tabs, label = _tabs(PORTFOLIO_TABS, current), _("Portfolio sections")
    elif app == "staffing":
        rows = [
            (name, text, names)
            for name, text, names, area in STAFFING_TABS
            if area is None or request.tenancy.can(area)
        ]
        tabs, label = _tabs(rows, current), _("Staffing sections")
    elif app == "strategy":
        tabs, label = _strategy_tabs(context, current), _("Strategy sections")
    else:
        rows = [("reports:index", _l("Reports and rounds"), {"index", "report", "round"})]
        if request.tenancy.can(REPORTS, Action.CHANGE):
            rows += [
                ("reports:report-create", _l("New report"), {"report-create"}),
                ("reports:round-create", _l("New reporting round"), {"round-create"}),
            ]
        tabs, label = _tabs(rows, current), _("Report sections")
    return {"tabs": tabs, "label": label, "pills": bool(level)}
