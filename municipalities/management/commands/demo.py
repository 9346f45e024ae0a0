"""``manage.py demo``: Musterstadt, a login per role, each app's demo data; a second run changes nothing."""

import importlib
import importlib.util

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from municipalities.demo import DEMO_LOGINS, DEMO_PASSWORD, create_musterstadt


class Command(BaseCommand):
    help = "Create the demo municipality Musterstadt and one demo login per role (not in production)."

    def handle(self, *args, **options):
        if settings.DIGIPLAN_PRODUCTION:
            raise CommandError(
                "Refusing to create demo logins with well-known passwords under production settings."
            )
        municipality = create_musterstadt()
        # Each app that has demo data keeps it in its own ``demo.py`` with ``build(*, municipality)``.
        for app in apps.get_app_configs():
            if app.name != "municipalities" and importlib.util.find_spec(f"{app.name}.demo") is not None:
                importlib.import_module(f"{app.name}.demo").build(municipality=municipality)
        self.stdout.write(
            self.style.SUCCESS(f"Demo data ready: {municipality.name} (AGS {municipality.ags}).")
        )
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
        for login in DEMO_LOGINS:
            self.stdout.write(f"  {login.username:<16} {login.role.label}")
