"""The update cycle chases the owners (issue 17): before a reporting round's due date and after it (days set
per municipality), the people who own what is still outstanding get one e-mail each, their deputies in
copy, in their own language, as plain text and HTML; later the strategists get the list of what is still
outstanding; indicators overdue by their update interval are reminded of once per lapse. Each reminder is
sent once however often the daily job runs, and a real SMTP server on the loopback receives them."""

from __future__ import annotations

import datetime
import email
import email.policy
import socket

import pytest
from aiosmtpd.controller import Controller
from django.core import mail
from django.core.management import call_command

from municipalities.access import Role
from municipalities.models import OrgUnit, UserPreference
from portfolio.models import Status, StatusReport
from reports.actions import reminders_send
from reports.models import Reminder, ReminderKind, ReportingRound
from strategy.models import Indicator, Measurement
from tests.portfolio.conftest import make_project
from tests.strategy.conftest import adopt, build_strategy

pytestmark = pytest.mark.django_db

DUE = datetime.date(2027, 1, 15)


@pytest.fixture
def cycle(town_a, make_user, strategist):
    """An adopted strategy whose indicators belong to a unit with a responsible person and a deputy, a
    project with a lead and a deputy, and an open round for the second half of 2026, due 15.01.2027."""
    head = make_user("amtsleitung", (town_a, Role.COUNCIL), email="head@altstadt.example", first_name="Hanna")
    deputy = make_user("vertretung", (town_a, Role.COUNCIL), email="deputy@altstadt.example")
    lead = make_user("leitung", (town_a, Role.PROJECT_LEAD), email="lead@altstadt.example")
    lead_deputy = make_user("stv", (town_a, Role.PROJECT_LEAD), email="stv@altstadt.example")
    strategist.email = "cdo@altstadt.example"
    strategist.save()
    unit = OrgUnit.objects.get(municipality=town_a, name="IT A")
    unit.head, unit.deputy = head, deputy
    unit.save()
    strategy = build_strategy(town_a, goals=1, indicators_per_goal=2)
    Indicator.objects.filter(goal__field__strategy=strategy).update(owner=unit)
    for indicator in Indicator.objects.filter(goal__field__strategy=strategy):  # current until mid-2027
        Measurement.objects.create(indicator=indicator, date=datetime.date(2026, 6, 30), value=35)
    adopt(strategy)
    project = make_project(
        town_a,
        "E-Akte im Bauamt",
        lead=lead,
        deputy=lead_deputy,
        status=Status.IN_PROGRESS,
        planned_start=datetime.date(2026, 1, 1),
        planned_end=datetime.date(2027, 12, 31),
    )
    round = ReportingRound.objects.create(
        municipality=town_a,
        title="Runde 2/2026",
        period_start=datetime.date(2026, 7, 1),
        period_end=datetime.date(2026, 12, 31),
        due_date=DUE,
        meeting_date=datetime.date(2027, 2, 1),
    )
    return {
        "head": head,
        "deputy": deputy,
        "lead": lead,
        "project": project,
        "round": round,
        "strategy": strategy,
    }


def by_recipient() -> dict:
    return {message.to[0]: message for message in mail.outbox}


class TestWhoGetsWhat:
    def test_before_the_due_date_each_owner_once_with_the_deputy_in_copy(self, cycle, town_a):
        assert reminders_send(today=DUE - datetime.timedelta(days=8)) == 0  # a week before is the default
        assert reminders_send(today=DUE - datetime.timedelta(days=7)) == 2
        messages = by_recipient()
        head, lead = messages["head@altstadt.example"], messages["lead@altstadt.example"]
        assert head.cc == ["deputy@altstadt.example"] and lead.cc == ["stv@altstadt.example"]
        assert "Indikator 1.1" in head.body and "Indikator 1.2" in head.body and "E-Akte" not in head.body
        assert "E-Akte im Bauamt" in lead.body and "15.01.2027" in lead.body
        assert head.subject == "Digiplan Altstadt: Ihre Aktualisierungen sind bald fällig"
        assert "Hallo Hanna," in head.body
        html = dict((mime, content) for content, mime in head.alternatives)["text/html"]
        assert "<li>Indikator 1.1</li>" in html
        # The job runs again (the same day, the next day): nothing is sent twice.
        assert reminders_send(today=DUE - datetime.timedelta(days=7)) == 0
        assert reminders_send(today=DUE - datetime.timedelta(days=6)) == 0
        assert len(mail.outbox) == 2
        assert Reminder.objects.filter(kind=ReminderKind.BEFORE).count() == 2

    def test_after_the_due_date_only_what_is_still_open(self, cycle, town_a):
        indicator = Indicator.objects.get(name="Indikator 1.1", goal__field__strategy=cycle["strategy"])
        Measurement.objects.create(indicator=indicator, date=datetime.date(2026, 12, 1), value=40)
        StatusReport.objects.create(
            project=cycle["project"],
            date=datetime.date(2026, 12, 1),
            overall="green",
            scope_status="green",
            schedule="green",
            budget="green",
            author=cycle["lead"],
            percent_complete=50,
        )
        assert reminders_send(today=DUE + datetime.timedelta(days=2)) == 0  # three days after by default
        assert reminders_send(today=DUE + datetime.timedelta(days=3)) == 1
        (message,) = mail.outbox
        assert message.to == ["head@altstadt.example"]
        assert "Indikator 1.2" in message.body and "Indikator 1.1" not in message.body
        assert "waren am 15.01.2027 fällig" in message.body

    def test_the_days_are_the_municipalitys(self, cycle, town_a):
        town_a.remind_days_before = 2
        town_a.save()
        assert reminders_send(today=DUE - datetime.timedelta(days=7)) == 0
        assert reminders_send(today=DUE - datetime.timedelta(days=2)) == 2

    def test_escalation_to_the_strategists_names_owner_and_item(self, cycle, town_a):
        reminders_send(today=DUE + datetime.timedelta(days=10))
        escalation = by_recipient()["cdo@altstadt.example"]
        assert "E-Akte im Bauamt (leitung)" in escalation.body
        assert "Indikator 1.2 (Hanna)" in escalation.body
        assert escalation.subject == "Digiplan Altstadt: Aktualisierungen stehen noch aus"

    def test_each_in_their_language(self, cycle, town_a):
        UserPreference.objects.create(user=cycle["lead"], language="en")
        reminders_send(today=DUE - datetime.timedelta(days=7))
        messages = by_recipient()
        assert messages["lead@altstadt.example"].subject == "Digiplan Altstadt: your updates are due soon"
        assert "are due" not in messages["head@altstadt.example"].subject

    def test_an_indicator_overdue_by_its_interval_once_per_lapse(self, cycle, town_a):
        cycle["round"].delete()
        # Yearly indicators last measured on 30.06.2026: 366 days and one more later, overdue.
        assert reminders_send(today=datetime.date(2027, 7, 1)) == 0
        assert reminders_send(today=datetime.date(2027, 7, 2)) == 1
        assert "Indikator 1.1" in mail.outbox[0].body and "Indikator 1.2" in mail.outbox[0].body
        assert mail.outbox[0].cc == ["deputy@altstadt.example"]
        assert reminders_send(today=datetime.date(2027, 8, 1)) == 0  # the same lapse
        indicator = Indicator.objects.get(name="Indikator 1.1", goal__field__strategy=cycle["strategy"])
        Measurement.objects.create(indicator=indicator, date=datetime.date(2027, 7, 10), value=40)
        assert reminders_send(today=datetime.date(2028, 7, 12)) == 1  # a new value, and a new lapse
        assert "Indikator 1.1" in mail.outbox[1].body and "Indikator 1.2" not in mail.outbox[1].body

    def test_a_closed_round_reminds_nobody(self, cycle):
        from reports.actions import round_close

        round_close(round=cycle["round"])
        assert reminders_send(today=DUE + datetime.timedelta(days=3)) == 0


class Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.messages.append((envelope.rcpt_tos, message))
        return "250 OK"


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server on the loopback (aiosmtpd), with Digiplan's mail going to it."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": port, "timeout": 10},
        }
    }
    yield inbox
    controller.stop()


def test_the_daily_job_through_a_real_smtp_server_twice(cycle, smtp_server, settings, monkeypatch):
    """``manage.py send_reminders`` (cron's line) run twice on the same day: the right people, in their
    language, each once."""
    import reports.actions

    UserPreference.objects.create(user=cycle["deputy"], language="en")
    UserPreference.objects.create(user=cycle["lead"], language="en")
    monkeypatch.setattr(reports.actions.timezone, "localdate", lambda: DUE - datetime.timedelta(days=7))
    call_command("send_reminders")
    call_command("send_reminders")
    received = {tuple(sorted(to)): message for to, message in smtp_server.messages}
    assert set(received) == {
        ("deputy@altstadt.example", "head@altstadt.example"),
        ("lead@altstadt.example", "stv@altstadt.example"),
    }
    head = received[("deputy@altstadt.example", "head@altstadt.example")]
    assert head["Subject"] == "Digiplan Altstadt: Ihre Aktualisierungen sind bald fällig"
    assert head["Cc"] == "deputy@altstadt.example"
    parts = {part.get_content_type(): part.get_content() for part in head.walk() if not part.is_multipart()}
    assert "Indikator 1.2" in parts["text/plain"] and "<li>Indikator 1.2</li>" in parts["text/html"]
    lead = received[("lead@altstadt.example", "stv@altstadt.example")]
    assert lead["Subject"] == "Digiplan Altstadt: your updates are due soon"
    assert "E-Akte im Bauamt" in lead.get_body(("plain",)).get_content()


def test_make_run_queues_the_daily_job_once_and_it_queues_itself_for_the_next_morning(cycle, monkeypatch):
    """The embedded default needs no cron: ``send_reminders --schedule`` (``make run``) queues the daily task
    on the database queue once; run by the worker, it sends what is due and queues itself again."""
    from django_tasks_db.models import DBTaskResult

    from reports.tasks import send_reminders_daily

    call_command("send_reminders", "--schedule")
    call_command("send_reminders", "--schedule")
    (queued,) = DBTaskResult.objects.filter(task_path=send_reminders_daily.module_path)
    assert queued.status == "READY" and queued.run_after is not None
    assert queued.run_after.astimezone().hour == 6
    import reports.actions

    monkeypatch.setattr(reports.actions.timezone, "localdate", lambda: DUE - datetime.timedelta(days=7))
    DBTaskResult.objects.filter(pk=queued.pk).delete()  # as the worker claims it
    assert send_reminders_daily.call() == 2
    assert (
        DBTaskResult.objects.filter(task_path=send_reminders_daily.module_path, status="READY").count() == 1
    )


def test_the_language_switch_and_an_invitation_set_the_language_of_the_emails(town_a, strategist, client_for):
    from municipalities.actions import member_invite
    from municipalities.models import language_of

    client = client_for(strategist)
    assert language_of(strategist) == "de"
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert language_of(strategist) == "en"
    client.post("/i18n/setlang/", {"language": "xx", "next": "/"})  # not a language: nothing changes
    assert language_of(strategist) == "en"
    invited = member_invite(
        municipality=town_a, email="neu@altstadt.example", role=Role.COUNCIL, language="en"
    )
    assert language_of(invited.user) == "en"
