"""Errors of the API as clients expect them (DESIGN.md §7): a model's own validation (``clean``, frozen
versions, checked transitions, dependency cycles) is a 400 with field errors in the user's language, a
row still referenced elsewhere a 409, never a 500."""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import ProtectedError, RestrictedError
from django.utils.translation import gettext as _
from rest_framework import status
from rest_framework.exceptions import (
    APIException,
    AuthenticationFailed,
    NotAuthenticated,
    NotFound,
    ValidationError,
)
from rest_framework.response import Response
from rest_framework.views import APIView
from rest_framework.views import exception_handler as drf_exception_handler


class PreconditionFailed(APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_code = "precondition_failed"

    def __init__(self):
        super().__init__(
            _(
                "The object was changed by someone else since you read it (its ETag no longer matches "
                "If-Match). Nothing was changed; read it again and repeat your change."
            )
        )


def as_drf(error: DjangoValidationError) -> ValidationError:
    """A Django ValidationError as DRF's, keeping the field names (``__all__`` → non_field_errors)."""
    if hasattr(error, "error_dict"):
        detail = {
            ("non_field_errors" if field == "__all__" else field): messages
            for field, messages in error.message_dict.items()
        }
        return ValidationError(detail)
    return ValidationError({"non_field_errors": error.messages})


def exception_handler(exc, context):
    if isinstance(exc, NotAuthenticated | AuthenticationFailed):
        # DRF answers 403 when the first authentication class (the session) names no scheme; a missing,
        # expired or revoked token is a 401 that says which scheme to use (RFC 9110 §15.5.2).
        exc.status_code = status.HTTP_401_UNAUTHORIZED
        exc.auth_header = "Token"
    if isinstance(exc, DjangoValidationError):
        exc = as_drf(exc)
    if isinstance(exc, ProtectedError | RestrictedError):
        return Response(
            {"detail": _("This object is still used by other records and cannot be deleted.")},
            status=status.HTTP_409_CONFLICT,
        )
    return drf_exception_handler(exc, context)


class NoSuchResource(APIView):
    """Every URL under /api/v1/ that names no resource (``/projects/abc/submit/``, ``/no-such/``): the
    JSON 404 the schema documents, after authentication as for any endpoint, not Django's HTML page."""

    schema = None  # not an operation of the schema

    def http_method_not_allowed(self, request, *args, **kwargs):
        raise NotFound()

    options = http_method_not_allowed
