"""Staffing's parts of other apps' pages (DESIGN.md §3: a higher app shows its rows on a lower app's page
through a tag, so the lower app imports nothing of it)."""

from __future__ import annotations

from django import template

from .. import selectors

register = template.Library()


@register.inclusion_tag("staffing/_project_demands.html")
def project_skill_demands(project, can_edit: bool = False) -> dict:
    """The skill demands of an already scoped ``project``, with edit links when ``can_edit``."""
    return {
        "project": project,
        "demands": selectors.project_skill_demands(project=project),
        "can_edit": can_edit,
    }
