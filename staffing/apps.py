from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StaffingConfig(AppConfig):
    name = "staffing"
    verbose_name = _("Staffing")

    def ready(self) -> None:
        from portfolio.selectors import register_resource_source

        from .selectors import scenario_resources

        # Scenarios (portfolio, a lower layer) take skill demand and staff capacity from here.
        register_resource_source(scenario_resources)
