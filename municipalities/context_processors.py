"""Template context: the tenancy, and what the user's roles allow per area (``may.<area>.view|edit``)."""

from .access import AREAS, STAFF_RECORDS, STAFFING_AGGREGATES, Action


def current_municipality(request):
    tenancy = getattr(request, "tenancy", None)
    if tenancy is None or not request.user.is_authenticated:
        return {}
    may = {
        area.name: {"view": tenancy.can(area, Action.VIEW), "edit": tenancy.can(area, Action.CHANGE)}
        for area in AREAS
    }
    may["staffing"] = {"view": tenancy.can(STAFFING_AGGREGATES) or tenancy.can(STAFF_RECORDS)}
    return {"tenancy": tenancy, "may": may}
