"""Numbers and ids read from a query string or a bare form value (DESIGN.md §7: no input is a 500).

One rule for every page and endpoint that takes an id or a small number as a parameter (``?skill=``,
``?other=``, ``?municipality=``, ``?front=``): it is written in ASCII digits. ``str.isdigit`` is not that
test: it accepts "²" and "٣", and ``int("²")`` raises where ``int("٣")`` quietly answers 3. Pages ignore a
value that is not a number in range, as if it were not given; the API answers 400.
"""

from __future__ import annotations

import re

# The largest id of a 64-bit primary key.
MAX_ID = 2**63 - 1
_DIGITS = re.compile(r"[0-9]{1,19}")


def parse_number(value: object, *, low: int = 0, high: int = MAX_ID) -> int | None:
    """``value`` (a string of ASCII digits, or an int) as an int from ``low`` to ``high``; else None."""
    if isinstance(value, str):
        value = int(value) if _DIGITS.fullmatch(value) else None
    if not isinstance(value, int) or isinstance(value, bool):
        return None
    return value if low <= value <= high else None


def parse_id(value: object) -> int | None:
    """``value`` as an id (1 to ``MAX_ID``), or None when it is missing or not an id."""
    return parse_number(value, low=1)
