"""Template filters of the council report: figures and dates of the snapshot in the active language.

The snapshot stores plain floats and ISO dates (JSON has nothing else); the report's templates format them
here, under the report's language, so a German report reads "1.234,5" and "30.06.2026" on the page, in the
PDF and wherever the figure appears in the text.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from django import template
from django.utils import formats

from municipalities.presentation import none_if_nan

register = template.Library()

MISSING = "–"


@register.filter
def figure(value, digits: int = 2) -> str:
    """A number with up to ``digits`` decimals (trailing zeros dropped) and grouping in the active locale:
    1234.5 → "1.234,5" (de) / "1,234.5" (en); 85.0 → "85"; None → "–"."""
    value = none_if_nan(value)
    if value is None or isinstance(value, bool):
        return MISSING
    try:
        number = Decimal(repr(float(value)))
    except (TypeError, ValueError):
        return MISSING
    if not number.is_finite():
        return MISSING
    rounded = number.quantize(Decimal(1).scaleb(-int(digits)), rounding=ROUND_HALF_UP).normalize()
    places = max(0, -rounded.as_tuple().exponent)
    return formats.number_format(rounded, decimal_pos=places, use_l10n=True, force_grouping=True)


@register.filter
def isodate(value) -> dt.date | None:
    """An ISO date string of the snapshot as a date, for Django's ``date`` filter; None if it is none."""
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None
