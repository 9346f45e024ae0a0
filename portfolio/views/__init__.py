"""Pages of the portfolio app, split by what they show: the service register and projects
(``register``), the ranking (``ranking``), scenarios (``scenarios``)."""

from . import ranking, register, scenarios

__all__ = ["ranking", "register", "scenarios"]
