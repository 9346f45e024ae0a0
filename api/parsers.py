"""The API's JSON parser (DESIGN.md §7: bad input is a 400, never a 500).

Python's json module parses nested arrays and objects by recursion: a body of 100,000 ``[`` ends in a
RecursionError, a server error. No resource of the API nests deeper than a few levels, so a body nested
deeper than ``MAX_DEPTH`` is refused before it is parsed, with a message that says why.
"""

from __future__ import annotations

import codecs
import re
from itertools import accumulate

from django.utils.translation import gettext as _
from rest_framework import parsers
from rest_framework.exceptions import ParseError
from rest_framework.utils import json

MAX_DEPTH = 64

# A JSON string (brackets inside it do not nest anything) and every character that is not a bracket.
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
_STEP = {"[": 1, "{": 1, "]": -1, "}": -1}


def nesting_depth(text: str) -> int:
    """How deep arrays and objects nest in the JSON ``text`` (0 for a scalar). Exact for valid JSON; for
    invalid JSON at least as deep as the parser would get before it fails."""
    brackets = _NOT_BRACKET.sub("", _STRING.sub("", text))
    return max(accumulate(_STEP[c] for c in brackets), default=0)


class JSONParser(parsers.JSONParser):
    """DRF's JSON parser with a limit on nesting (``MAX_DEPTH``): 400 "too deeply nested"."""

    def parse(self, stream, media_type=None, parser_context=None):
        encoding = parsers.get_encoding(parser_context or {})
        try:
            text = codecs.getreader(encoding)(stream).read()
        except ValueError as exc:  # not text in the declared charset
            raise ParseError(_("JSON parse error - %(error)s") % {"error": exc}) from exc
        # Fewer opening brackets than the limit cannot nest deeper: most bodies skip the count.
        if text.count("[") + text.count("{") > MAX_DEPTH and nesting_depth(text) > MAX_DEPTH:
            raise ParseError(
                _("The JSON body is too deeply nested (more than %(limit)s levels).") % {"limit": MAX_DEPTH}
            )
        try:
            return json.loads(text, parse_constant=json.strict_constant if self.strict else None)
        except ValueError as exc:
            raise ParseError(_("JSON parse error - %(error)s") % {"error": exc}) from exc
