"""``manage.py demo``: the fictional Musterstadt with one login per role; running it twice changes nothing."""

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
        self.stdout.write(
            self.style.SUCCESS(f"Demo data ready: {municipality.name} (AGS {municipality.ags}).")
        )
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
        for login in DEMO_LOGINS:
            self.stdout.write(f"  {login.username:<16} {login.role.label}")
