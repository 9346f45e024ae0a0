from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Council reports")

    def ready(self) -> None:
        from municipalities.periods import register_lock

        from .models import closed_round_name

        # Figures of strategy and portfolio (lower layers) are locked by this app's closed rounds.
        register_lock(closed_round_name)
