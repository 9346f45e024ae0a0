"""Token authentication of the API (DESIGN.md §7: session and token auth; never a 500).

knox decodes the credentials of ``Authorization: Token <key>`` as UTF-8 and looks the key up as it is: a
header with bytes that are not UTF-8 was a UnicodeDecodeError, one with a NUL a database error on
PostgreSQL, both server errors before anyone logged in. A knox token is printable ASCII (hexadecimal
digits, ``knox.crypto.create_token_string``, after an optional ``TOKEN_PREFIX``), so anything else is
refused as an invalid token: 401.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext_lazy as _
from drf_spectacular.contrib.knox_auth_token import KnoxTokenScheme
from knox import auth
from rest_framework.exceptions import AuthenticationFailed

_TOKEN = re.compile(rb"[!-~]+")  # visible ASCII: no NUL, no byte above 127


class TokenAuthentication(auth.TokenAuthentication):
    """knox's token authentication that answers 401 to credentials no knox token can have."""

    def authenticate_credentials(self, token: bytes):
        if not _TOKEN.fullmatch(token):
            raise AuthenticationFailed(_("Invalid token."))
        return super().authenticate_credentials(token)


class TokenScheme(KnoxTokenScheme):
    """The OpenAPI security scheme of knox's tokens, for this subclass too."""

    target_class = "api.authentication.TokenAuthentication"
