"""Django's value-limit validators with the limit in the reader's number format (issue 16).

Django puts the limit into its message as it is stored: "Ensure this value is less than or equal to 1.00"
reads "kleiner oder gleich 1.00" on a German page, where 1,00 (or simply 1) is meant. These subclasses
format the limit (and the given value) through ``municipalities.display`` when the message is shown, in
the language active then, for pages and the API alike.

They deconstruct under Django's own paths, so the migrations that name Django's validators stay valid and
nothing needs migrating: the stored schema is the same, only the wording of the message differs.
"""

from __future__ import annotations

from decimal import Decimal

from django.core import validators
from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.functional import lazy

from .display import number

_number = lazy(number, str)  # formatted when the message is rendered, in the language active then


def _is_number(value) -> bool:
    return isinstance(value, int | float | Decimal) and not isinstance(value, bool)


class _LocalizedLimit:
    def __call__(self, value) -> None:
        try:
            super().__call__(value)
        except ValidationError as error:
            error.params = {
                key: _number(param)
                if isinstance(param, int | float) or hasattr(param, "is_finite")
                else param
                for key, param in (error.params or {}).items()
            }
            raise


@deconstructible(path="django.core.validators.MaxValueValidator")
class MaxValueValidator(_LocalizedLimit, validators.MaxValueValidator):
    pass


@deconstructible(path="django.core.validators.MinValueValidator")
class MinValueValidator(_LocalizedLimit, validators.MinValueValidator):
    pass
