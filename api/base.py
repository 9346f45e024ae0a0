"""The machinery every endpoint of the API shares (DESIGN.md §6, §7; STYLE.md 3–4).

``ScopedViewSet`` starts every read at the scoping gate (``Model.objects.for_user``), so an object of
another municipality, or one the role may not see, is 404 by id, filter and search alike. Writes:

- create: allowed when the caller's roles in the object's municipality allow adding in the model's area,
  or, for a project's rows, when the caller may change that project (a lead's guardian grant); else 403;
- update and delete: the object is looked up among the visible ones (404 otherwise), then must be among
  those the caller may change or delete (403 otherwise);
- ``If-Match`` with a stale ETag is 412 and changes nothing; every object response carries its ETag. The
  comparison is made inside the write's transaction against the row locked for it (``select_for_update``),
  so of two writers holding the same ETag exactly one succeeds and the other gets 412;
- after the write, still inside the transaction, the object must be among those the caller may add or
  change (the gate, as NetBox re-checks after a save): a write never takes an object out of the writer's
  reach (an admin demoting their own membership, a lead handing away its project); it is rolled back, 403.

Writes go through the same actions as pages and admin (``portfolio.actions``, ``strategy.actions``,
``municipalities.actions``): the serializers of ``api.resources`` call them in ``create``/``update``, the
viewsets in ``destroy_object``. A model without an action is saved by the serializer after ``full_clean``,
as its page form does.

``ScopedSerializer`` limits every related-object field to what the caller may see and runs the model's
own ``full_clean`` (constraints, cross-field rules, frozen versions), so bad input is a 400 with field
errors. Viewsets serialize; they compute nothing (selectors and analysis modules do).
"""

from __future__ import annotations

import datetime
import decimal
import functools

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy
from rest_framework import ISO_8601, serializers, status, viewsets
from rest_framework.exceptions import APIException, NotFound, PermissionDenied
from rest_framework.permissions import SAFE_METHODS
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.validators import ProhibitSurrogateCharactersValidator, UniqueTogetherValidator

from municipalities.access import Action, role_allows
from municipalities.concurrency import etag, matches
from municipalities.models import Membership, Municipality

from .errors import PreconditionFailed, as_drf

OUT_OF_REACH = gettext_lazy(
    "After this change you could no longer edit the object (another municipality, another lead, a role "
    "you would give up). Nothing was changed."
)


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


def visible(queryset, user):
    """``queryset`` limited to what ``user`` may see: the gate for tenant rows, colleagues for users (members
    of the caller's municipalities, nobody else), reference data unchanged. For related fields of
    serializers and filters alike, so an id of another municipality answers like an id that exists nowhere.
    """
    if hasattr(queryset, "for_user"):
        return queryset.for_user(user)
    if queryset.model is get_user_model():
        shared = Membership.objects.filter(user=user).values("municipality")
        return queryset.filter(memberships__municipality__in=shared).distinct()
    return queryset


class ScopedRelatedField(serializers.PrimaryKeyRelatedField):
    """A related object by id, chosen among those the caller sees (``visible``). Scoped when the choices
    are needed (validating input, the browsable API's forms), so reading a list costs nothing."""

    def get_queryset(self):
        queryset = super().get_queryset()
        request = self.context.get("request")
        if request is None or not request.user.is_authenticated:
            return queryset
        queryset = visible(queryset, request.user)
        path = getattr(getattr(queryset.model, "scope", None), "municipality_field", "pk")
        if path != "pk":
            # The write checks the chosen object's municipality (the scope check, the models' clean):
            # read it with the object, not one query per hop.
            queryset = queryset.select_related(path)
        return queryset


class StrictCharField(serializers.CharField):
    """DRF's CharField takes a number for text and stores it as a string (``"note": 0.7`` saved as "0.7");
    the schema says text is a JSON string, so anything else is refused as "Not a valid string."."""

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


class TextChoiceField(serializers.ChoiceField):
    """DRF's choice field, refusing text that is not Unicode as its CharField does: a lone surrogate
    (``"\\ud800"`` in JSON) would be repeated in the "not a valid choice" message, which then cannot be
    encoded into the response (a 500)."""

    def to_internal_value(self, data):
        if isinstance(data, str):
            ProhibitSurrogateCharactersValidator()(data)
        return super().to_internal_value(data)


class ScopedSerializer(serializers.ModelSerializer):
    """Related fields limited to what the caller may see; the model's full_clean on every write.

    ``corrects_on``: the fields that name the one row a create corrects instead of duplicating (a
    measurement of an indicator on a date): the action finds and corrects that row, so neither the
    serializer nor the model check refuses the pair as taken. ``transitions``: fields an update hands to
    an action of their own (a project's status to ``project_transition``), left out of the model check of
    the other fields; the action checks them.
    """

    serializer_related_field = ScopedRelatedField
    serializer_choice_field = TextChoiceField
    serializer_field_mapping = {
        **serializers.ModelSerializer.serializer_field_mapping,
        models.CharField: StrictCharField,
        models.TextField: StrictCharField,
    }
    corrects_on: tuple[str, ...] = ()
    transitions: tuple[str, ...] = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The parent (municipality, project, …) is chosen when creating and fixed afterwards.
        if self.instance is not None and not isinstance(self.instance, list | tuple):
            parent = self.Meta.model.scope.municipality_field.split("__")[0]
            if parent in self.fields and parent != "pk":
                self.fields[parent].read_only = True

    def get_validators(self):
        validators = super().get_validators()
        if self.instance is None and self.corrects_on:
            validators = [
                v
                for v in validators
                if not (isinstance(v, UniqueTogetherValidator) and set(v.fields) == set(self.corrects_on))
            ]
        return validators

    def validate(self, attrs):
        attrs = super().validate(attrs)
        instance = self.instance or self.Meta.model()
        checked = {k: v for k, v in attrs.items() if not (self.instance and k in self.transitions)}
        original = {name: getattr(instance, name) for name in checked} if self.instance else {}
        for name, value in checked.items():
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

    def save(self, **kwargs):
        if self.instance is None and self.corrects_on:
            # For the answer: 200 when the create corrected the row it names, 201 when it made one.
            data = {**self.validated_data, **kwargs}
            self.corrected = self.Meta.model.objects.filter(
                **{name: data[name] for name in self.corrects_on}
            ).exists()
        return super().save(**kwargs)

    def _many_to_many_fields(self) -> set[str]:
        return {f.name for f in self.Meta.model._meta.many_to_many}

    def _clean_exclusions(self) -> list[str]:
        # Fields the API does not expose are left to their defaults and not validated twice. A create
        # that corrects an existing row leaves out one of the fields naming it, and so the uniqueness of
        # the pair (the action validates the row it finds or makes).
        names = {f.name for f in self.Meta.model._meta.concrete_fields}
        excluded = [name for name in names if name not in self.fields]
        if self.instance is None and self.corrects_on:
            excluded.append(self.corrects_on[0])
        return excluded


# Fields whose representation of a stored value is that value; and those whose own ``to_representation``
# turns a stored value into JSON (dates, decimals, UUIDs). A serializer with any other field is not planned.
_AS_STORED = (
    serializers.IntegerField,
    serializers.CharField,
    serializers.BooleanField,
    serializers.ChoiceField,
    serializers.PrimaryKeyRelatedField,
    serializers.JSONField,  # ``values()`` decodes the stored JSON, as the field's representation does
)
_CONVERTED = (
    serializers.DateField,
    serializers.DateTimeField,
    serializers.DecimalField,
    serializers.UUIDField,
    serializers.FloatField,
)


def _iso(field, default) -> bool:
    output = getattr(field, "format", default)
    return isinstance(output, str) and output.lower() == ISO_8601


def _converter(field):
    """``field.to_representation`` for a stored value, or a quicker equivalent for the common cases:
    ISO dates and times (DRF's defaults), decimals already stored at the field's scale. The lists built
    with these are compared with the serializer's output in tests/api/test_queries.py."""
    slow = field.to_representation
    if isinstance(field, serializers.DateTimeField):
        if not _iso(field, api_settings.DATETIME_FORMAT) or not settings.USE_TZ or hasattr(field, "timezone"):
            return slow
        zone = timezone.get_current_timezone()

        def as_datetime(value):
            if not isinstance(value, datetime.datetime) or timezone.is_naive(value):
                return slow(value)
            text = value.astimezone(zone).isoformat()
            return text[:-6] + "Z" if text.endswith("+00:00") else text

        return as_datetime
    if isinstance(field, serializers.DateField) and _iso(field, api_settings.DATE_FORMAT):
        return lambda value: value.isoformat() if type(value) is datetime.date else slow(value)
    if (
        isinstance(field, serializers.DecimalField)
        and getattr(field, "coerce_to_string", api_settings.COERCE_DECIMAL_TO_STRING)
        and not (field.localize or field.normalize_output)
        and field.decimal_places is not None
    ):
        exponent = -field.decimal_places

        def as_decimal(value):
            # Stored at the field's scale, quantising changes nothing: the plain string is the answer.
            if isinstance(value, decimal.Decimal) and value.as_tuple().exponent == exponent:
                return f"{value:f}"
            return slow(value)

        return as_decimal
    return slow


@functools.cache
def row_plan(serializer_class) -> tuple[list[str], list[tuple[str, serializers.Field]]] | None:
    """The ``values()`` names of the serializer's readable fields and the (name, field) of those whose
    stored value needs converting; None when a field is neither a stored value nor a plain conversion of
    one. Once per serializer class: the fields' configuration does not change between requests."""
    concrete = {f.name for f in serializer_class.Meta.model._meta.concrete_fields}
    many = {f.name for f in serializer_class.Meta.model._meta.many_to_many}
    names, converted = [], []
    for name, field in serializer_class().fields.items():
        if field.write_only:
            continue
        if name in many and isinstance(field, serializers.ManyRelatedField) and field.source == name:
            converted.append((name, field))  # ids of the related rows, one query per field (``_many``)
            continue
        if field.source != name or name not in concrete:
            return None
        if isinstance(field, _CONVERTED):
            converted.append((name, field))
        elif not isinstance(field, _AS_STORED):
            return None
        names.append(name)
    return names, converted


class ScopedViewSet(viewsets.ModelViewSet):
    """A model's endpoint behind the scoping gate; subclasses name the model, serializer and filters."""

    model = None
    ordering = ["pk"]
    select_related: tuple[str, ...] = ()
    prefetch_related: tuple[str, ...] = ()
    # The actions that compare If-Match (412 when stale) and those, beyond reading and writing the object,
    # whose answer carries its ETag; the schema documents both (``api.schema``).
    conditional_actions: tuple[str, ...] = ("update", "partial_update", "destroy")
    etag_actions: tuple[str, ...] = ()

    def base_queryset(self):
        return self.model.objects.all()

    def get_queryset(self):
        queryset = self.base_queryset().for_user(self.request.user, Action.VIEW)
        if self.select_related:
            queryset = queryset.select_related(*self.select_related)
        if self.prefetch_related:
            queryset = queryset.prefetch_related(*self.prefetch_related)
        if self.request.method not in SAFE_METHODS:
            # A write finds its object among those the caller sees (404, else 403) and validates that one
            # object, whose ``clean`` follows its relations: a query each, not one per row. Reads stay
            # strict in the test suite (``ScopedQuerySet._strict``); writes, as at the gate, do not.
            queryset = queryset.fetch_mode(models.FETCH_ONE)
        return queryset.order_by(*self.ordering)

    # --- lists ----------------------------------------------------------------------------------------

    def list(self, request, *args, **kwargs):
        """Rows straight from ``values()``, converted field by field as the serializer would (a list of
        500 rows is the bulk of the API's work; model instances and DRF's per-field attribute walk would
        triple it, docs/BENCHMARKS.md "REST API"). Serializers with fields of other kinds take DRF's path."""
        plan = row_plan(self.get_serializer_class())
        if plan is None:
            return super().list(request, *args, **kwargs)
        names, fields = plan
        many = [name for name, field in fields if isinstance(field, serializers.ManyRelatedField)]
        converted = [(name, _converter(field)) for name, field in fields if name not in many]
        queryset = self.filter_queryset(self.get_queryset()).values(*names)
        page = self.paginate_queryset(queryset)
        rows = list(page if page is not None else queryset)
        for row in rows:
            for name, convert in converted:
                if row[name] is not None:
                    row[name] = convert(row[name])
        for name in many:
            self._many(rows, name)
        return self.get_paginated_response(rows) if page is not None else Response(rows)

    def _many(self, rows: list[dict], name: str) -> None:
        """The ids of each row's related objects of the many-to-many field ``name``, in one query, in the
        order the serializer gives them (the through table's)."""
        through = self.model._meta.get_field(name).remote_field.through
        own, other = (
            f.attname for f in through._meta.concrete_fields if f.is_relation and f.related_model is not None
        )
        if through._meta.get_field(own.removesuffix("_id")).related_model is not self.model:
            own, other = other, own
        by_row: dict = {row["id"]: [] for row in rows}
        pairs = through.objects.filter(**{f"{own}__in": list(by_row)}).order_by("pk").values_list(own, other)
        for row_id, related_id in pairs:
            by_row[row_id].append(related_id)
        for row in rows:
            row[name] = by_row[row["id"]]

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
            self._write(lambda: serializer.save(**self.create_extra()))
            self._check_in_reach(serializer.instance, Action.ADD)
        self._etag_instance = serializer.instance
        self._corrected = getattr(serializer, "corrected", False)

    def create(self, request, *args, **kwargs):
        response = super().create(request, *args, **kwargs)
        if getattr(self, "_corrected", False):
            response.status_code = 200  # the row the create names existed and was corrected
        return response

    def create_extra(self) -> dict:
        """Fields the server sets on create (the author of a status report, …)."""
        return {}

    def update_extra(self) -> dict:
        """Fields the server sets on update (who corrected a measurement, …)."""
        return {}

    def destroy_object(self, instance) -> None:
        """Delete ``instance``; viewsets of models with a delete action call it here."""
        instance.delete()

    @staticmethod
    def _write(write) -> None:
        try:
            write()
        except DjangoValidationError as error:
            raise as_drf(error) from error

    def _locked(self, instance):
        """``instance`` re-read and locked for this transaction: the row the write is compared with."""
        try:
            return self.model.objects.select_for_update().get(pk=instance.pk)
        except self.model.DoesNotExist:
            raise NotFound() from None  # deleted by someone else since it was read

    def _check_write(self, instance, action: Action) -> None:
        if not self._allowed(instance, action):
            raise PermissionDenied()
        if not matches(self.request.headers.get("If-Match"), etag(instance)):
            raise PreconditionFailed()

    def _check_in_reach(self, instance, action: Action) -> None:
        """Refuse (and so roll back) a write after which the caller could no longer ``action`` the object."""
        if not self._allowed(instance, action):
            raise PermissionDenied(OUT_OF_REACH)

    def perform_update(self, serializer):
        with transaction.atomic():
            locked = self._locked(serializer.instance)
            self._check_write(locked, Action.CHANGE)
            serializer.instance = locked
            self._write(lambda: serializer.save(**self.update_extra()))
            self._check_in_reach(serializer.instance, Action.CHANGE)
        self._etag_instance = serializer.instance

    def perform_destroy(self, instance):
        with transaction.atomic():
            locked = self._locked(instance)
            self._check_write(locked, Action.DELETE)
            self._write(lambda: self.destroy_object(locked))

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
        # The stored values (a decimal at its scale), as a later read computes the ETag from them.
        self._etag_instance.refresh_from_db()
        return response


# --- steps of a workflow (api.workflows, the approval of a value) ----------------------------------


class StateConflict(APIException):
    """A step the object's present state does not allow (RFC 9110 §15.5.10): 409, nothing changed."""

    status_code = status.HTTP_409_CONFLICT
    default_code = "invalid_transition"


def run_step(write):
    """``write()``; a Django ValidationError of the action becomes a 400 with its field errors, or a 409
    when the action refused the step for the object's state (code ``invalid_transition``)."""
    try:
        return write()
    except DjangoValidationError as error:
        if not hasattr(error, "error_dict") and {e.code for e in error.error_list} == {"invalid_transition"}:
            raise StateConflict(" ".join(error.messages)) from error
        raise as_drf(error) from error
