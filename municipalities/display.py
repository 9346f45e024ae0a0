"""A stored value as a page shows it in the active language (issue 16: German formats outside templates).

Templates format through the locale by themselves; text built in Python (a change history's label, a
version comparison, an error message, a model's ``__str__``) does not, and showed "29.1", "200,0000",
ISO dates or "2026Q3" on German pages. Everything such text shows goes through ``display``.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.utils import formats
from django.utils.translation import gettext


def number(value: Decimal | float | int) -> str:
    """A number in the active locale without trailing zeros: 200.0000 → "200", 29.1 → "29,1" (German)."""
    if isinstance(value, float):
        value = Decimal(repr(value))
    if isinstance(value, Decimal):
        value = value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()
    return formats.number_format(value, use_l10n=True, force_grouping=True)


def date(value: datetime.date) -> str:
    """A day in the active locale's short form: 31.12.2025 (German), 12/31/2025 (English)."""
    return formats.date_format(value, "SHORT_DATE_FORMAT")


def quarter(value: datetime.date) -> str:
    """The quarter a day falls in, as people write it: "Q3 2026" (German and English alike)."""
    return f"Q{(value.month - 1) // 3 + 1} {value.year}"


def display(value: Any) -> str:
    """Any stored value as text for a reader; None as the empty string."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return gettext("Yes") if value else gettext("No")
    if isinstance(value, datetime.datetime):
        return formats.date_format(value, "SHORT_DATETIME_FORMAT")
    if isinstance(value, datetime.date):
        return date(value)
    if isinstance(value, Decimal | float | int):
        return number(value)
    return str(value)


def money(value: float | Decimal) -> str:
    """An amount of euros as a council paper writes it: "1,4 Mio. €" from a million, else "850.000 €"."""
    amount = float(value)
    if abs(amount) >= 1_000_000:
        return gettext("%(amount)s million €") % {"amount": number(round(amount / 1_000_000, 1))}
    return gettext("%(amount)s €") % {"amount": number(round(amount))}
