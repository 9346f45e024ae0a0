"""Declaring an endpoint in one line: a serializer and a viewset built for a model (``endpoint``), and
read-only endpoints for reference data shared by every municipality (``reference_endpoint``)."""

from __future__ import annotations

from collections.abc import Sequence

from rest_framework import serializers, viewsets

from .base import ScopedSerializer, ScopedViewSet


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
    attrs = {
        "model": model,
        "serializer_class": serializer,
        "filterset_fields": {name: ["exact", "in"] for name in filters},
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
