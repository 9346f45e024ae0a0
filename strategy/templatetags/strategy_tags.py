"""Template filters for progress figures: status labels (text, never colour alone) and percentages."""

from django import template
from django.utils.translation import gettext_lazy as _

from municipalities.presentation import percent as _percent

register = template.Library()

STATUS_LABELS = {
    "on_track": _("on track"),
    "at_risk": _("at risk"),
    "off_track": _("off track"),
    "achieved": _("achieved"),
    "no_data": _("no data"),
}
STATUS_CLASSES = {
    "on_track": "text-bg-success",
    "at_risk": "text-bg-warning",
    "off_track": "text-bg-danger",
    "achieved": "text-bg-primary",
    "no_data": "text-bg-secondary",
}


@register.filter
def status_label(status) -> str:
    return STATUS_LABELS.get(status, STATUS_LABELS["no_data"])


@register.filter
def status_class(status) -> str:
    return STATUS_CLASSES.get(status, STATUS_CLASSES["no_data"])


@register.filter
def percent(value) -> int | None:
    """0.537 → 54, 0.125 → 13; None/NaN → None (shown as "no data"): ``presentation.percent``."""
    return _percent(value)
