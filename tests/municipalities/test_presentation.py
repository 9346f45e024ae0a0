"""``municipalities.presentation.none_if_nan``: the one way a missing figure leaves the analysis (pages,
API, reports, exports and charts all show None for it)."""

import datetime
from decimal import Decimal

import numpy as np
import pandas as pd
import pytest

from municipalities.presentation import none_if_nan


@pytest.mark.parametrize(
    "missing", [None, float("nan"), np.nan, np.float32("nan"), pd.NA, pd.NaT, np.datetime64("NaT", "D")]
)
def test_every_kind_of_missing_is_none(missing):
    assert none_if_nan(missing) is None


@pytest.mark.parametrize(
    ("value", "plain", "kind"),
    [(np.float64(1.5), 1.5, float), (np.int64(3), 3, int), (np.bool_(True), True, bool), (2.0, 2.0, float)],
)
def test_numpy_scalars_become_plain_python(value, plain, kind):
    result = none_if_nan(value)
    assert result == plain and type(result) is kind


@pytest.mark.parametrize(
    "value", ["text", "", datetime.date(2026, 1, 1), pd.Timestamp("2026-01-01"), Decimal("1.5"), [1, None]]
)
def test_anything_else_is_left_as_it_is(value):
    assert none_if_nan(value) is value
