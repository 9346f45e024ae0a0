"""The OpenAPI schema says what the server answers (DESIGN.md §7; issue 15): every operation documents,
besides its success, the refusals it can give, so a client (and schemathesis) knows them all.

Declared here once for every operation, from what the shared machinery does (``api.base``,
``api.errors``), not per view:

- 401: every operation needs a session or a token (``IsAuthenticated``; ``api.errors`` answers 401);
- 403: a write (or a computed or workflow endpoint) whose role does not allow it;
- 404: an object by id the caller does not see, a page past the last one, a URL under /api/v1/ that
  names nothing (``api.urls``: a JSON 404, not the HTML page);
- 400: input with query parameters or a body: field errors, or ``detail`` for a body that is no JSON;
- 409: a delete of a row still referenced elsewhere (``ProtectedError``);
- 412 with the ``If-Match`` header: the writes that compare it (``ScopedViewSet.conditional_actions``);
- the ``ETag`` response header on the answers that carry one (an object read or written).

A 400 also names what JSON Schema cannot say and the server checks against stored data
(``x-digiplan-checked-against-data``): related objects the caller sees, uniqueness, a model's rules
across fields. tests/api/test_schemathesis.py accepts a refusal of a schema-valid request only when
every field it names is listed there.
"""

from __future__ import annotations

import math
import re
from decimal import Decimal

from django.db import models
from drf_spectacular.openapi import AutoSchema as SpectacularAutoSchema
from rest_framework import serializers, viewsets

from reports.models import within_report_years

from .base import ScopedViewSet, StrictCharField

DETAIL = {
    "type": "object",
    "properties": {"detail": {"type": "string"}},
    "required": ["detail"],
}
FIELD_ERRORS = {
    "type": "object",
    "description": "Messages per field (``non_field_errors``: about the input as a whole), or ``detail``.",
    "additionalProperties": {"anyOf": [{"type": "array"}, {"type": "object"}, {"type": "string"}]},
}
# A filter's refusal of its own value comes as a plain list of messages (django-filter's form errors).
REFUSED = {"anyOf": [FIELD_ERRORS, {"type": "array", "items": {"type": "string"}}]}
ETAG = {
    "ETag": {
        "description": "The version of the object as stored; send it as If-Match with a change.",
        "schema": {"type": "string", "pattern": r'^"[0-9a-f]{32}"$'},
        "required": True,
    }
}
IF_MATCH = {
    "name": "If-Match",
    "in": "header",
    "required": False,
    "description": "The ETag of the object as read (``*`` or a list of ETags). A stale one is refused with "
    "412 and nothing changes; without the header the change is made.",
    "schema": {"type": "string"},
}

REFUSALS = {
    "400": ("The input was refused; nothing changed.", REFUSED),
    "401": ("No valid session or token.", DETAIL),
    "403": ("The caller's role may not do this; nothing changed.", DETAIL),
    "404": ("No such object for the caller (or no such page).", DETAIL),
    "409": ("The object is still used by other records and cannot be deleted.", DETAIL),
    "412": ("The object changed since it was read (If-Match no longer matches); nothing changed.", DETAIL),
}
UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}
# The actions of a viewset that answer with its object, and so carry its ETag.
OBJECT_ACTIONS = {"retrieve", "update", "partial_update", "create"}


def data_dependent_fields(serializer) -> list[str]:
    """The writable fields of ``serializer`` whose validity depends on stored data: related objects
    (they must exist and be visible to the caller), uniqueness, and, as ``non_field_errors``, the model's
    rules across fields."""
    names = {"non_field_errors"}
    for name, field in serializer.fields.items():
        if field.read_only:
            continue
        if isinstance(field, serializers.RelatedField | serializers.ManyRelatedField):
            names.add(name)
    model = getattr(getattr(serializer, "Meta", None), "model", None)
    if model is not None:
        for field in model._meta.concrete_fields:
            if field.unique and not field.primary_key and field.name in serializer.fields:
                names.add(field.name)
        for together in model._meta.unique_together:
            names.update(n for n in together if n in serializer.fields)
        for constraint in model._meta.constraints:
            if isinstance(constraint, models.UniqueConstraint):
                names.update(n for n in constraint.fields if n in serializer.fields)
        names.update(getattr(model, "rules_across_fields", ()))
    names.update(getattr(serializer, "rules_across_fields", ()))
    return sorted(names)


# Field validators of the models whose rule JSON Schema can say, and how (``format: date`` stays).
VALIDATOR_SCHEMAS = {within_report_years: {"pattern": r"^(?:20[0-9]{2}|2100)-[0-9]{2}-[0-9]{2}$"}}

# Web addresses as Django's URLValidator takes them (a host with a top-level domain), in the plainest form.
_LABEL = r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
URL_PATTERN = rf"^https?://{_LABEL}(?:\.{_LABEL})*\.[a-z]{{2,63}}(?:/[A-Za-z0-9._~/-]*)?$"

# DRF's DecimalField as drf-spectacular writes it: ``^-?\d{0,3}(?:\.\d{0,2})?$``, which admits "" and "-"
# (the server refuses both: "A valid number is required").
_DECIMAL = re.compile(r"^\^-\?\\d\{0,(\d+)\}\(\?:\\\.\\d\{0,(\d+)\}\)\?\$$")


def _decimal_pattern(pattern: str) -> str:
    match = _DECIMAL.match(pattern)
    if match is None:
        return pattern
    whole, places = match.groups()
    if places == "0":
        return rf"^-?[0-9]{{1,{whole}}}$"
    return rf"^-?(?:[0-9]{{1,{whole}}}(?:\.[0-9]{{0,{places}}})?|\.[0-9]{{1,{places}}})$"


def _digits(a: int, b: int, width: int) -> list[list[tuple[int, int]]]:
    """The numbers from ``a`` to ``b`` written with ``width`` digits, as sequences of digit ranges."""
    if width == 0:
        return [[]]
    unit = 10 ** (width - 1)
    (low, low_rest), (high, high_rest) = divmod(a, unit), divmod(b, unit)
    if low == high:
        return [[(low, low), *rest] for rest in _digits(low_rest, high_rest, width - 1)]
    parts = []
    if low_rest:
        parts += [[(low, low), *rest] for rest in _digits(low_rest, unit - 1, width - 1)]
        low += 1
    upper = []
    if high_rest != unit - 1:
        upper = [[(high, high), *rest] for rest in _digits(0, high_rest, width - 1)]
        high -= 1
    if low <= high:
        parts.append([(low, high)] + [(0, 9)] * (width - 1))
    return parts + upper


def _class(low: int, high: int) -> str:
    return str(low) if low == high else f"[{low}-{high}]"


def decimal_range_pattern(field: serializers.DecimalField) -> str | None:
    """A pattern for the decimals ``field`` accepts between its bounds (a string in the schema, so
    ``minimum`` would say nothing): "5", "0.5", ".5", "12.50", up to its places and digits."""
    low, high = field.min_value, field.max_value
    places, whole = field.decimal_places, field.max_digits - field.decimal_places
    if low is None or low < 0 or places is None:
        return None
    if low == 0 and high is None:
        return rf"^(?:[0-9]{{1,{whole}}}(?:\.[0-9]{{0,{places}}})?|\.[0-9]{{1,{places}}})$"
    top = Decimal(10) ** whole - Decimal(10) ** -places
    high = top if high is None else min(Decimal(high), top)
    alternatives = []
    for k in range(places + 1):  # the digits after the point
        scale = 10**k
        a, b = math.ceil(Decimal(low) * scale), math.floor(high * scale)
        for width in range(k + 1, whole + k + 1):
            start = 0 if width == k + 1 else 10 ** (width - 1)  # no leading zero in the whole part
            lo, hi = max(a, start), min(b, 10**width - 1)
            if lo > hi:
                continue
            for seq in _digits(lo, hi, width):
                head, tail = seq[: width - k], seq[width - k :]
                text = "".join(_class(*c) for c in head)
                if k and width == k + 1 and head[0][0] == 0:  # "0.5" may be written ".5"
                    text = "(?:0?" + ("" if head[0][1] == 0 else f"|[1-{head[0][1]}]") + ")"
                if k:
                    text += r"\." + "".join(_class(*c) for c in tail)
                alternatives.append(text)
    return "^(?:" + "|".join(alternatives) + ")$" if alternatives else None


def postprocess(result, generator, request, public):
    """Every decimal's pattern asks for a digit, as the server does (a drf-spectacular postprocessing hook,
    after its enum hook)."""

    def walk(node):
        if isinstance(node, dict):
            if node.get("format") == "decimal" and isinstance(node.get("pattern"), str):
                node["pattern"] = _decimal_pattern(node["pattern"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(result)
    return result


class AutoSchema(SpectacularAutoSchema):
    def _map_serializer_field(self, field, direction, bypass_extensions=False):
        schema = super()._map_serializer_field(field, direction, bypass_extensions)
        if (
            type(field) in (serializers.CharField, StrictCharField)
            and schema.get("type") == "string"
            and "pattern" not in schema
            and "format" not in schema
        ):
            # DRF refuses NUL characters, and trims surrounding white space before asking for a value.
            blank = getattr(field, "allow_blank", False) or not getattr(field, "trim_whitespace", True)
            # A blank one is its own branch of drf-spectacular's ``oneOf`` (``maxLength: 0``).
            schema = {**schema, "pattern": r"^[^\x00]+$" if blank else r"^[^\x00]*[^\x00\s][^\x00]*$"}
        if isinstance(field, serializers.URLField):
            # ``format: uri`` admits "urn:x" and "strategy:goal"; Django's URLValidator wants a web address.
            schema = {**schema, "pattern": URL_PATTERN}
        if isinstance(field, serializers.DecimalField) and schema.get("type") == "string":
            pattern = decimal_range_pattern(field)
            if pattern:
                schema = {**schema, "pattern": pattern}
        if isinstance(field, serializers.DictField) and not field.allow_empty:
            schema = {**schema, "minProperties": 1}  # DRF: "This dictionary may not be empty."
        if isinstance(field, serializers.ListField) and not field.allow_empty:
            schema = {**schema, "minItems": max(1, schema.get("minItems", 0))}
        for validator in getattr(field, "validators", ()):
            for known, extra in VALIDATOR_SCHEMAS.items():
                if validator is known:
                    schema = {**schema, **extra}
        return schema

    def _get_filter_parameters(self):
        """The bounds a filter checks (``ScopedFilterSet``: the range of the column) in its parameter."""
        parameters = super()._get_filter_parameters()
        filterset = getattr(self.view, "filterset_class", None)
        filters = getattr(filterset, "base_filters", {})
        for parameter in parameters:
            filter_ = filters.get(parameter.get("name"))
            if filter_ is None:
                continue
            # django-filter reads an empty value as "not given" (the browsable API's filter form sends
            # every field, most of them empty), so the schema says an empty value is allowed.
            if parameter.get("schema", {}).get("type") != "array":
                parameter["allowEmptyValue"] = True
            schema = parameter.get("schema", {})
            if schema.get("type") == "boolean":  # ``endpoints.YesNoFilter``: true or false
                schema.pop("enum", None)
            target = schema.get("items", schema) if schema.get("type") == "array" else schema
            if target.get("type") not in ("integer", "number"):
                continue
            for bound, key in (("min_value", "minimum"), ("max_value", "maximum")):
                if filter_.extra.get(bound) is not None:
                    target[key] = filter_.extra[bound]
        return parameters

    def get_operation(self, path, path_regex, path_prefix, method, registry):
        operation = super().get_operation(path, path_regex, path_prefix, method, registry)
        if operation is None:
            return None
        responses = operation.setdefault("responses", {})
        parameters = operation.setdefault("parameters", [])
        action = getattr(self.view, "action", None)
        is_viewset = isinstance(self.view, viewsets.GenericViewSet)
        codes = {"401"}
        if self.method in UNSAFE or not is_viewset or action not in {"list", "retrieve"}:
            codes.add("403")
        if "{" in path or any(p.get("name") == "page" for p in parameters) or not is_viewset:
            codes.add("404")
        if self.method in UNSAFE or any(p.get("in") == "query" for p in parameters):
            codes.add("400")
        if self.method == "DELETE":
            codes.add("409")
        conditional = getattr(self.view, "conditional_actions", ())
        if is_viewset and action in conditional:
            codes.add("412")
            if not any(p.get("name") == "If-Match" for p in parameters):
                parameters.append(IF_MATCH)
        for code in sorted(codes):
            if code in responses:
                continue
            description, schema = REFUSALS[code]
            content = {"application/json": {"schema": schema}}
            responses[code] = {"content": content, "description": description}
        if action == "create" and "201" in responses:
            serializer = self._request_serializer()
            if getattr(serializer, "corrects_on", ()):
                # A create that names a row already there corrects it (``ScopedSerializer.corrects_on``).
                responses["200"] = {
                    **responses["201"],
                    "description": "The row the input names existed and was corrected.",
                }
        if "400" in codes and self.method in UNSAFE:
            serializer = self._request_serializer()
            if serializer is not None:
                responses["400"]["x-digiplan-checked-against-data"] = data_dependent_fields(serializer)
        for parameter in parameters:
            schema = parameter.get("schema", {})
            if schema.get("type") == "array":  # ``__in`` filters: each item of the list
                schema = schema.get("items", {})
            if parameter.get("in") == "query" and schema.get("type") == "string" and "pattern" not in schema:
                schema["pattern"] = r"^[^\x00]*$"  # Django's forms refuse NUL characters
        is_scoped = isinstance(self.view, ScopedViewSet)  # reference data carries no ETag
        if is_scoped and action in OBJECT_ACTIONS | set(getattr(self.view, "etag_actions", ())):
            for code in ("200", "201"):
                if code in responses and "content" in responses[code]:
                    responses[code].setdefault("headers", {}).update(ETAG)
        if not parameters:
            del operation["parameters"]
        return operation

    def _request_serializer(self):
        try:
            serializer = self.get_request_serializer()
        except Exception:  # a view without a serializer documents no fields
            return None
        if isinstance(serializer, serializers.ListSerializer):
            serializer = serializer.child
        if isinstance(serializer, type):
            serializer = serializer()
        return serializer if isinstance(serializer, serializers.BaseSerializer) else None
