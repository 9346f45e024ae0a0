"""Reads of the portfolio app for pages, API and reports, split by what they feed: the service register
and projects (``register``), the ranking (``ranking``), scenarios (``scenarios``). Everything is
importable from here."""

from .ranking import *  # noqa: F403
from .ranking import __all__ as _ranking_all
from .register import *  # noqa: F403
from .register import __all__ as _register_all
from .scenarios import *  # noqa: F403
from .scenarios import __all__ as _scenarios_all

__all__ = [*_register_all, *_ranking_all, *_scenarios_all]
