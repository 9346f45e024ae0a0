from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortfolioConfig(AppConfig):
    name = "portfolio"
    verbose_name = _("Portfolio")

    def ready(self) -> None:
        from strategy.selectors import register_contribution_source

        from .selectors import goal_contribution_frame

        # Goal progress (strategy, a lower layer) counts the completion of the projects serving a goal.
        register_contribution_source(goal_contribution_frame)
