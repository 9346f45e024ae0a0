"""Presenting computed figures, shared by every app (DESIGN.md §3 layers, STYLE.md 7).

It lives in the lowest app so that every layer may use it; it imports no Django models and no request, so
analysis and chart modules may use it too.

- ``figure_json``: a plotly figure as the JSON string that templates embed with ``json_script`` and the one
  static chart script draws (no inline script, a strict Content-Security-Policy).
- ``percent``: a share (0.125) as the whole percent a page, report or summary shows (13), rounded half up.
- ``none_if_nan``: a figure as a page, the API, a report or a chart takes it: every kind of missing value
  of numpy and pandas (NaN, NA, NaT) as None, numpy scalars as plain Python values.
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go


def figure_json(fig: go.Figure) -> str:
    """The figure as a JSON string, for ``{{ figure|json_script:"…" }}`` in templates.

    ``json_script`` encodes the string once more (and escapes ``<``, ``>``, ``&`` so a title cannot close
    the script element); the static chart script therefore parses twice:
    ``JSON.parse(JSON.parse(element.textContent))``.
    """
    return fig.to_json()


def percent(value) -> int | None:
    """A share as whole percent, rounded half up as people round (0.125 → 13, 0.005 → 1, −0.125 → −13);
    None for None, NaN and anything that is not a number (shown as "no data").

    The one place a share becomes a percent figure: Python's ``round`` (and the ``widthratio`` tag) round
    half to even, which shows 12.5 % as "12 %". The float goes through its shortest repr, so 0.145 (stored
    as 0.14499…) is 14.5 % and shows as 15 %.
    """
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    if not math.isfinite(number):
        return None
    return int((Decimal(repr(number)) * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def none_if_nan(value: Any) -> Any:
    """``value`` for display or JSON: None where it is missing, a plain Python value where it is a numpy
    scalar, anything else unchanged (strings, dates, Timestamps, lists).

    Missing is what pandas calls missing (``pd.isna`` on a scalar): None, float NaN, ``np.nan``, ``pd.NA``,
    ``pd.NaT``, ``np.datetime64("NaT")``. Templates cannot test for NaN, JSON has no NaN, and plotly draws
    None as a gap, so every figure leaves the analysis through this one function.
    """
    if value is None:
        return None
    if pd.api.types.is_scalar(value) and pd.isna(value):
        return None
    if isinstance(value, np.generic):
        return value.item()
    return value
