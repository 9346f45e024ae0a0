"""The machinery every endpoint of the API shares (DESIGN.md §6, §7; STYLE.md 3–4).

``ScopedViewSet`` starts every read at the scoping gate (``Model.objects.for_user``), so an object of
another municipality, or one the role may not see, is 404 by id, filter and search alike. Writes:

- create: allowed when the caller's roles in the object's municipality allow adding in the model's area,
  or, for a project's rows, when the caller may change that project (a lead's guardian grant); else 403;
- update and delete: the object is looked up among the visible ones (404 otherwise), then must be among
  those the caller may change or delete (403 otherwise);
- ``If-Match`` with a stale ETag is 412 and changes nothing; every object response carries its ETag.

``ScopedSerializer`` limits every related-object field to what the caller may see and runs the model's
own ``full_clean`` (constraints, cross-field rules, frozen versions), so bad input is a 400 with field
errors. Viewsets serialize; they compute nothing (selectors and analysis modules do).
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from rest_framework import serializers, viewsets
from rest_framework.exceptions import PermissionDenied

from municipalities.access import Action, role_allows
from municipalities.concurrency import etag, matches
from municipalities.models import Membership, Municipality

from .errors import PreconditionFailed, as_drf


def roles_in(user, municipality_id: int) -> set:
    return set(
        Membership.objects.filter(user=user, municipality_id=municipality_id).values_list("role", flat=True)
    )


def _follow(instance, path: str):
    """The object at ``path`` ("project__municipality") from ``instance``; a plain attribute walk."""
    for name in path.split("__"):
        instance = getattr(instance, name, None)
        if instance is None:
            return None
    return instance


def municipality_of(instance) -> Municipality | None:
    path = instance.scope.municipality_field
    return instance if path == "pk" else _follow(instance, path)


class ScopedSerializer(serializers.ModelSerializer):
    """Related fields limited to what the caller may see; the model's full_clean on every write."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is None or not request.user.is_authenticated:
            return
        for field in self.fields.values():
            queryset = getattr(field, "queryset", None)
            if queryset is None:
                child = getattr(field, "child_relation", None)
                queryset = getattr(child, "queryset", None)
                field = child if child is not None else field
            if queryset is None:
                continue
            if hasattr(queryset, "for_user"):
                field.queryset = queryset.for_user(request.user)
            elif queryset.model is get_user_model():
                # People the caller works with: members of the caller's municipalities, nobody else.
                shared = Membership.objects.filter(user=request.user).values("municipality")
                field.queryset = queryset.filter(memberships__municipality__in=shared).distinct()
        # The parent (municipality, project, …) is chosen when creating and fixed afterwards.
        if self.instance is not None and not isinstance(self.instance, list | tuple):
            parent = self.Meta.model.scope.municipality_field.split("__")[0]
            if parent in self.fields and parent != "pk":
                self.fields[parent].read_only = True

    def validate(self, attrs):
        attrs = super().validate(attrs)
        instance = self.instance or self.Meta.model()
        original = {name: getattr(instance, name) for name in attrs} if self.instance else {}
        for name, value in attrs.items():
            if name in self._many_to_many_fields():
                continue
            setattr(instance, name, value)
        try:
            instance.full_clean(exclude=self._clean_exclusions())
        except DjangoValidationError as error:
            raise as_drf(error) from error
        finally:
            for name, value in original.items():
                setattr(instance, name, value)
        return attrs

    def _many_to_many_fields(self) -> set[str]:
        return {f.name for f in self.Meta.model._meta.many_to_many}

    def _clean_exclusions(self) -> list[str]:
        # Fields the API does not expose are left to their defaults and not validated twice.
        names = {f.name for f in self.Meta.model._meta.concrete_fields}
        return [name for name in names if name not in self.fields]


class ScopedViewSet(viewsets.ModelViewSet):
    """A model's endpoint behind the scoping gate; subclasses name the model, serializer and filters."""

    model = None
    ordering = ["pk"]
    select_related: tuple[str, ...] = ()
    prefetch_related: tuple[str, ...] = ()

    def base_queryset(self):
        return self.model.objects.all()

    def get_queryset(self):
        queryset = self.base_queryset().for_user(self.request.user, Action.VIEW)
        if self.select_related:
            queryset = queryset.select_related(*self.select_related)
        if self.prefetch_related:
            queryset = queryset.prefetch_related(*self.prefetch_related)
        return queryset.order_by(*self.ordering)

    # --- permissions of writes -------------------------------------------------------------------------

    def _allowed(self, instance, action: Action) -> bool:
        return self.model.objects.for_user(self.request.user, action).filter(pk=instance.pk).exists()

    def _may_create(self, instance) -> bool:
        scope = self.model.scope
        municipality = municipality_of(instance)
        if municipality is None:
            return False
        if role_allows(roles_in(self.request.user, municipality.pk), scope.area, Action.ADD):
            return True
        if scope.grant_field != "pk" and scope.grant_roles:
            parent = _follow(instance, scope.grant_field)
            return (
                parent is not None
                and type(parent)
                .objects.for_user(self.request.user, Action.CHANGE)
                .filter(pk=parent.pk)
                .exists()
            )
        return self.request.user.is_superuser

    def perform_create(self, serializer):
        instance = self.model(
            **{
                k: v
                for k, v in serializer.validated_data.items()
                if k not in serializer._many_to_many_fields()
            }
        )
        if not self._may_create(instance):
            raise PermissionDenied()
        with transaction.atomic():
            try:
                serializer.save(**self.create_extra())
            except DjangoValidationError as error:
                raise as_drf(error) from error
        self._etag_instance = serializer.instance

    def create_extra(self) -> dict:
        """Fields the server sets on create (the author of a status report, …)."""
        return {}

    def _check_write(self, instance, action: Action) -> None:
        if not self._allowed(instance, action):
            raise PermissionDenied()
        if not matches(self.request.headers.get("If-Match"), etag(instance)):
            raise PreconditionFailed()

    def perform_update(self, serializer):
        self._check_write(serializer.instance, Action.CHANGE)
        with transaction.atomic():
            try:
                serializer.save()
            except DjangoValidationError as error:
                raise as_drf(error) from error

    def perform_destroy(self, instance):
        self._check_write(instance, Action.DELETE)
        try:
            instance.delete()
        except DjangoValidationError as error:
            raise as_drf(error) from error

    # --- ETags --------------------------------------------------------------------------------------

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        instance = getattr(self, "_etag_instance", None)
        if instance is not None and response.status_code in (200, 201):
            response["ETag"] = etag(instance)
        return response

    def get_object(self):
        instance = super().get_object()
        self._etag_instance = instance
        return instance

    def update(self, request, *args, **kwargs):
        response = super().update(request, *args, **kwargs)
        self._etag_instance.refresh_from_db()
        return response
