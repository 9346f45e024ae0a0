"""Presenting computed figures, shared by every app (DESIGN.md §3 layers, STYLE.md 7).

It lives in the lowest app so that every layer may use it; it imports no Django models and no request, so
analysis and chart modules may use it too.

- ``figure_json``: a plotly figure as the JSON string that templates embed with ``json_script`` and the one
  static chart script draws (no inline script, a strict Content-Security-Policy).
"""

from __future__ import annotations

import plotly.graph_objects as go


def figure_json(fig: go.Figure) -> str:
    """The figure as a JSON string, for ``{{ figure|json_script:"…" }}`` in templates.

    ``json_script`` encodes the string once more (and escapes ``<``, ``>``, ``&`` so a title cannot close
    the script element); the static chart script therefore parses twice:
    ``JSON.parse(JSON.parse(element.textContent))``.
    """
    return fig.to_json()
