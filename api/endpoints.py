"""Declaring an endpoint in one line: a serializer and a viewset built for a model (``endpoint``), and
read-only endpoints for reference data shared by every municipality (``reference_endpoint``)."""

from __future__ import annotations

import re
from collections.abc import Sequence

import django_filters
from django import forms
from django.db import connection
from django.db.models import BooleanField, IntegerField
from rest_framework import serializers, viewsets

from .base import ScopedSerializer, ScopedViewSet, visible


class WholeNumberField(forms.IntegerField):
    """A whole number in ASCII digits, as the schema's ``integer`` says (Django's field also takes "1.0"
    and "٣")."""

    def to_python(self, value):
        if isinstance(value, str) and value.strip() and not _WHOLE.fullmatch(value.strip()):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return super().to_python(value)


_WHOLE = re.compile(r"-?[0-9]+")


class IdFilter(django_filters.NumberFilter):
    """A whole number (an integer column, or a related object by id): any the column holds. For an id,
    the rows are those the caller sees already, so an id of another municipality finds nothing, like an
    id that exists nowhere."""

    field_class = WholeNumberField


class IdInFilter(django_filters.BaseInFilter, IdFilter):
    pass


class YesNoFilter(django_filters.TypedChoiceFilter):
    """A yes/no field by ``true`` or ``false``; anything else is a 400 (django-filter's BooleanFilter
    ignores what it cannot read, and so answers an unfiltered list)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("choices", [("true", "true"), ("false", "false")])
        kwargs.setdefault("coerce", lambda value: value == "true")
        super().__init__(*args, **kwargs)


class ScopedFilterSet(django_filters.FilterSet):
    """Filters on related objects take an id, as the schema says, and filter rows the caller sees already:
    ``?project=<id>`` of another municipality answers exactly like an id that exists nowhere (an empty
    list), so it tells nothing, and no schema-valid id is refused. Other values are checked as the schema
    says (whole numbers in the column's range, ``true``/``false``): a 400, never an unfiltered list.

    For JSON, only the filters named in the query take part (the others would filter nothing): building
    the gate's condition and a form field for every filter on every list cost a sixth of a list of 500
    (docs/BENCHMARKS.md "REST API"). The browsable API's filter form gets them all."""

    @classmethod
    def filter_for_lookup(cls, field, lookup_type):
        # A filter on a related object takes its id as the schema says (an integer), not a choice among
        # the visible objects: an unknown id is an empty list, not a 400 for a schema-valid request.
        if field.is_relation and (field.many_to_one or field.one_to_one) and lookup_type in ("exact", "in"):
            low, high = connection.ops.integer_field_range(field.target_field.get_internal_type())
            return (IdFilter if lookup_type == "exact" else IdInFilter), {"min_value": low, "max_value": high}
        if isinstance(field, BooleanField) and lookup_type == "exact":
            return YesNoFilter, {}
        if isinstance(field, IntegerField) and not field.choices and lookup_type in ("exact", "in"):
            # An integer column takes whole numbers (django-filter's NumberFilter takes "0.5").
            return (IdFilter if lookup_type == "exact" else IdInFilter), {}
        return super().filter_for_lookup(field, lookup_type)

    @classmethod
    def filter_for_field(cls, field, field_name, lookup_expr=None):
        filter_ = super().filter_for_field(field, field_name, lookup_expr)
        if isinstance(filter_, django_filters.NumberFilter) and isinstance(field, IntegerField):
            # A number the column cannot hold is a 400, not a database error (``__in`` has no guard).
            low, high = connection.ops.integer_field_range(field.get_internal_type())
            filter_.extra.setdefault("min_value", low)
            filter_.extra.setdefault("max_value", high)
        return filter_

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        user = getattr(request, "user", None)
        if user is None:
            return
        if getattr(getattr(request, "accepted_renderer", None), "format", None) == "json":
            self.filters = {name: f for name, f in self.filters.items() if name in self.data}
        for filter_ in self.filters.values():
            queryset = getattr(filter_, "queryset", None)
            if queryset is not None and not callable(queryset):
                filter_.queryset = visible(queryset, user)


def endpoint(
    model,
    *,
    filters: Sequence[str] = (),
    search: Sequence[str] = (),
    ordering: Sequence[str] = ("pk",),
    select_related: Sequence[str] = (),
    read_only: Sequence[str] = (),
    exclude: Sequence[str] = (),
    serializer_base: type = ScopedSerializer,
    viewset_base: type = ScopedViewSet,
    extra: dict | None = None,
):
    """The serializer and viewset of ``model``: every field except ``exclude``, related fields limited by
    the gate, filters on ``filters`` (exact and ``__in``), text search over ``search``, ordering by
    ``ordering`` and the filter fields."""
    meta = type(
        "Meta",
        (),
        {
            "model": model,
            "exclude": tuple(exclude),
            "read_only_fields": tuple(read_only),
        }
        if exclude
        else {"model": model, "fields": "__all__", "read_only_fields": tuple(read_only)},
    )
    serializer = type(f"{model.__name__}Serializer", (serializer_base,), {"Meta": meta})
    # ``__in`` for everything but yes/no fields (django-filter's CSV widget cannot split a boolean: a 500).
    lookups = {
        name: ["exact"] if isinstance(model._meta.get_field(name), BooleanField) else ["exact", "in"]
        for name in filters
    }
    filterset = type(
        f"{model.__name__}FilterSet",
        (ScopedFilterSet,),
        {"Meta": type("Meta", (), {"model": model, "fields": lookups})},
    )
    attrs = {
        "model": model,
        "serializer_class": serializer,
        "filterset_class": filterset,
        "filterset_fields": lookups,
        "search_fields": list(search),
        "ordering_fields": ["pk", *ordering, *filters],
        "ordering": [*ordering[:1], "pk"],
        "select_related": tuple(select_related),
        "__doc__": f"{model._meta.verbose_name_plural.capitalize()} the caller may see (DESIGN.md §4).",
        **(extra or {}),
    }
    viewset = type(f"{model.__name__}ViewSet", (viewset_base,), attrs)
    return serializer, viewset


def reference_endpoint(model, *, filters: Sequence[str] = (), search: Sequence[str] = ()):
    """Reference data (subject areas, skills): the same for every municipality, read-only."""
    meta = type("Meta", (), {"model": model, "fields": "__all__"})
    serializer = type(f"{model.__name__}Serializer", (serializers.ModelSerializer,), {"Meta": meta})
    lookups = {name: ["exact", "in"] for name in filters}
    filterset = type(
        f"{model.__name__}FilterSet",
        (ScopedFilterSet,),
        {"Meta": type("Meta", (), {"model": model, "fields": lookups})},
    )
    viewset = type(
        f"{model.__name__}ViewSet",
        (viewsets.ReadOnlyModelViewSet,),
        {
            "queryset": model.objects.all().order_by("pk"),
            "serializer_class": serializer,
            "filterset_class": filterset,
            "filterset_fields": lookups,
            "search_fields": list(search),
            "__doc__": f"{model._meta.verbose_name_plural.capitalize()} (reference data, read-only).",
        },
    )
    return serializer, viewset
