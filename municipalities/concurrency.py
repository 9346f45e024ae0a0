"""Optimistic concurrency (DESIGN.md §7): a version tag of a row's stored state, the same for the API's
ETag / If-Match and for the hidden field of the page forms, so a second editor is told instead of
overwriting the first one's change silently.
"""

from __future__ import annotations

import hashlib
import json

from django.db import models


def etag(instance: models.Model) -> str:
    """A strong ETag (quoted) over the values of every concrete field of ``instance`` as it stands."""
    values = {field.attname: field.value_to_string(instance) for field in instance._meta.concrete_fields}
    payload = json.dumps([instance._meta.label, values], sort_keys=True, default=str)
    return '"' + hashlib.sha256(payload.encode()).hexdigest()[:32] + '"'


def matches(header: str | None, current: str) -> bool:
    """Whether an If-Match header admits ``current``: absent, ``*``, or one of its tags.

    If-Match uses the strong comparison (RFC 9110 §13.1.1): a weak tag (``W/"…"``) never matches, since it
    does not promise the same bytes, and a write on the strength of it could overwrite a change."""
    if not header:
        return True
    tags = [tag.strip() for tag in header.split(",")]
    return "*" in tags or current in tags
