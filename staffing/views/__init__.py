"""Pages of the staffing app, split by who may see them: the catalogue and HR records (``records``; staff
records for hr and admin only) and the analysis (``analysis``; aggregates, suppressed below five people
for every role but hr and admin)."""

from . import analysis, records

__all__ = ["analysis", "records"]
