"""Pages of the portfolio app, split by what they show: the service register and projects
(``register``), the ranking (``ranking``)."""

from . import ranking, register

__all__ = ["ranking", "register"]
