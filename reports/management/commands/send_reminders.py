"""Send the reminders due today (issue 17): before and after a reporting round's due date, escalation to
the strategists, indicators overdue by their update interval; each once, however often it runs.

Production runs it every morning from cron or a systemd timer (README); the embedded default (``make run``)
calls it with ``--schedule`` once at start, which queues the daily task the worker then keeps running.
"""

from django.conf import settings
from django.core.management.base import BaseCommand

from reports.actions import reminders_send
from reports.tasks import schedule_daily_reminders


class Command(BaseCommand):
    help = "Send the reminders due today (each once); --schedule queues the daily task instead."

    def add_arguments(self, parser):
        parser.add_argument(
            "--schedule",
            action="store_true",
            help="Queue the daily reminder task on the database queue (the worker runs it every morning).",
        )

    def handle(self, *args, schedule: bool = False, **options):
        if schedule:
            queued = schedule_daily_reminders()
            self.stdout.write("Daily reminders queued." if queued else "Daily reminders already queued.")
            return
        sent = reminders_send(site_url=settings.DIGIPLAN_SITE_URL)
        self.stdout.write(f"{sent} reminder e-mail(s) sent.")
