"""Template filters for figures shown in every app's pages (``{% load figures %}``)."""

from __future__ import annotations

from django import template

from municipalities.presentation import percent as _percent

register = template.Library()


@register.filter
def percent(value) -> int | None:
    """A share as whole percent, rounded half up: 0.125 → 13 (``widthratio`` rounds half to even and shows
    12); None/NaN → None. ``presentation.percent``, the one rule for percentages."""
    return _percent(value)
