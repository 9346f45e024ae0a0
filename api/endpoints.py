"""Declaring an endpoint in one line: a serializer and a viewset built for a model (``endpoint``), and
read-only endpoints for reference data shared by every municipality (``reference_endpoint``)."""

from __future__ import annotations

from collections.abc import Sequence

import django_filters
from django.db import connection
from django.db.models import BooleanField, IntegerField
from rest_framework import serializers, viewsets

from .base import ScopedSerializer, ScopedViewSet, visible


class ScopedFilterSet(django_filters.FilterSet):
    """Filters on related objects accept only objects the caller sees: ``?project=<id>`` of another
    municipality is refused like an unknown id, not answered with an empty list (which would tell that
    the id exists), and the browsable API's filter form offers only those objects.

    For JSON, only the filters named in the query take part (the others would filter nothing): building
    the gate's condition and a form field for every filter on every list cost a sixth of a list of 500
    (docs/BENCHMARKS.md "REST API"). The browsable API's filter form gets them all."""

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
    viewset = type(
        f"{model.__name__}ViewSet",
        (viewsets.ReadOnlyModelViewSet,),
        {
            "queryset": model.objects.all().order_by("pk"),
            "serializer_class": serializer,
            "filterset_fields": {name: ["exact", "in"] for name in filters},
            "search_fields": list(search),
            "__doc__": f"{model._meta.verbose_name_plural.capitalize()} (reference data, read-only).",
        },
    )
    return serializer, viewset
