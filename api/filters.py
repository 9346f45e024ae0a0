"""Filter backends of the API (``REST_FRAMEWORK["DEFAULT_FILTER_BACKENDS"]``); a module of its own, since
DRF imports the backends while its settings load."""

from __future__ import annotations

from django.core.validators import ProhibitNullCharactersValidator
from rest_framework.exceptions import ValidationError
from rest_framework.filters import BaseFilterBackend


class RefuseNullCharacters(BaseFilterBackend):
    """First of the filter backends: a query value with a NUL character is a 400 naming the parameter.

    django-filter's forms refuse NUL already; ordering and search are not forms (ordering ignored the
    value, search would hand it to PostgreSQL, which refuses NUL in a string). The schema says NUL is not
    allowed in any query parameter (``api.schema``); this is where the server enforces it."""

    def filter_queryset(self, request, queryset, view):
        errors = {
            name: [ProhibitNullCharactersValidator.message]
            for name, values in request.query_params.lists()
            if "\x00" in name or any("\x00" in value for value in values)
        }
        if errors:
            raise ValidationError(errors)
        return queryset
