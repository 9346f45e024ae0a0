"""Members and roles on every path (issue 15): the members page invites by e-mail address and tells nothing
about other municipalities; a role changes through ``actions.membership_change_role`` on the page, the API
and the Django admin alike, never taking the last administrator role, and an administrator does not give
up their own."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.contrib.messages import get_messages
from django.core import mail
from django.urls import reverse
from rest_framework.test import APIClient

from municipalities.access import Role
from municipalities.models import Membership

MEMBERS = reverse("membership-list")


@pytest.fixture
def admin_a(town_a, make_user):
    return make_user("anna", (town_a, Role.ADMIN), email="anna@altstadt.example")


@pytest.fixture
def foreigner(town_b, make_user):
    """A person with an account in town_b only, and a colleague there whose address must not show."""
    make_user("berta.kollegin", (town_b, Role.HR), email="kollegin@bergdorf.example")
    return make_user(
        "berta.bergdorf",
        (town_b, Role.STRATEGIST),
        email="berta@bergdorf.example",
        first_name="Berta",
        last_name="Berg",
    )


def invite(client, email: str, role: Role = Role.HR, language: str = "de"):
    return client.post(MEMBERS, {"email": email, "role": role, "language": language})


class TestInviteByEmail:
    def test_an_existing_foreign_account_and_an_unknown_address_get_the_same_answer(
        self, town_a, town_b, admin_a, foreigner, client_for, django_capture_on_commit_callbacks
    ):
        client = client_for(admin_a)
        answers = []
        with django_capture_on_commit_callbacks(execute=True):
            for email in ("berta@bergdorf.example", "neu@example.org"):
                response = invite(client, email)
                messages = [str(m) for m in get_messages(response.wsgi_request)]
                client.get(MEMBERS)  # shows (and so uses up) the message
                answers.append(
                    (
                        response.status_code,
                        response["Location"],
                        response.content.decode(),
                        [m.replace(email, "<address>") for m in messages],
                    )
                )
        assert answers[0] == answers[1]
        assert answers[0][0] == 302 and answers[0][1] == MEMBERS
        assert answers[0][3] == ["<address> hat jetzt die Rolle und wurde per E-Mail benachrichtigt."]

        # Both are members now, the unknown address with a new account without a password.
        assert Membership.objects.filter(user=foreigner, municipality=town_a, role=Role.HR).exists()
        new = get_user_model().objects.get(email="neu@example.org")
        assert not new.has_usable_password()
        assert Membership.objects.filter(user=new, municipality=town_a, role=Role.HR).exists()

        page = client.get(MEMBERS).content.decode()
        for foreign in ("berta.bergdorf", "berta.kollegin", "kollegin@bergdorf.example", town_b.name):
            assert foreign not in page
        assert "berta@bergdorf.example" in page and "neu@example.org" in page

        # One e-mail to each, in German, as text and HTML, saying the same whatever the account.
        assert [m.to for m in mail.outbox] == [["berta@bergdorf.example"], ["neu@example.org"]]
        bodies = [m.body.replace(m.to[0], "<address>") for m in mail.outbox]
        assert bodies[0] == bodies[1]
        assert "Sie haben jetzt die Rolle „Personalverwaltung“ in Altstadt" in bodies[0]
        assert "http://testserver/accounts/login/" in bodies[0]
        assert all(m.subject == "Digiplan: Ihre Rolle in Altstadt" for m in mail.outbox)
        html, mimetype = mail.outbox[0].alternatives[0]
        assert mimetype == "text/html" and '<a href="http://testserver/accounts/login/">' in html

    def test_the_e_mail_is_in_the_language_chosen_for_the_person(
        self, admin_a, client_for, django_capture_on_commit_callbacks
    ):
        client = client_for(admin_a)  # the administrator works in German
        with django_capture_on_commit_callbacks(execute=True):
            invite(client, "someone@example.org", Role.COUNCIL, language="en")
        (message,) = mail.outbox
        assert message.subject == "Digiplan: your role in Altstadt"
        assert "you now have the role" in message.body
        assert '<html lang="en">' in message.alternatives[0][0]

    def test_bad_input_is_refused_with_a_message_and_changes_nothing(
        self, town_a, admin_a, make_user, client_for, django_capture_on_commit_callbacks
    ):
        make_user("hanna", (town_a, Role.HR), email="hanna@altstadt.example")
        client = client_for(admin_a)
        users, memberships = get_user_model().objects.count(), Membership.objects.count()
        with django_capture_on_commit_callbacks(execute=True):
            bad_address = invite(client, "kein-at-zeichen")
            held_role = invite(client, "HANNA@altstadt.example", Role.HR)
        assert bad_address.status_code == 200
        assert "gültige E-Mail" in bad_address.content.decode()
        assert held_role.status_code == 200
        assert "hat diese Rolle in dieser Kommune bereits" in held_role.content.decode()
        assert (get_user_model().objects.count(), Membership.objects.count()) == (users, memberships)
        assert mail.outbox == []

    def test_the_login_name_path_is_gone(self, admin_a, foreigner, client_for):
        response = client_for(admin_a).post(MEMBERS, {"login": "berta.bergdorf", "role": Role.HR})
        assert response.status_code == 200
        assert not Membership.objects.filter(
            user=foreigner, municipality=admin_a.memberships.get().municipality
        )
        assert "berta.bergdorf" not in response.content.decode()


def role_url(membership: Membership) -> str:
    return reverse("membership-role", args=[membership.pk])


class TestRoleChangeOnThePage:
    def test_an_admin_changes_another_persons_role(self, town_a, admin_a, hr, client_for):
        membership = Membership.objects.get(user=hr)
        response = client_for(admin_a).post(role_url(membership), {"role": Role.STRATEGIST}, follow=True)
        assert "Rolle geändert." in response.content.decode()
        membership.refresh_from_db()
        assert membership.role == Role.STRATEGIST

    def test_an_admin_does_not_give_up_their_own_admin_role(self, town_a, admin_a, make_user, client_for):
        make_user("zweite", (town_a, Role.ADMIN))  # not the last administrator: the own role is the rule
        own = Membership.objects.get(user=admin_a)
        response = client_for(admin_a).post(role_url(own), {"role": Role.COUNCIL}, follow=True)
        assert "Sie können Ihre eigene Administrationsrolle nicht abgeben" in response.content.decode()
        own.refresh_from_db()
        assert own.role == Role.ADMIN

    def test_an_admin_demotes_another_admin_but_not_the_last(self, town_a, admin_a, make_user, client_for):
        other = make_user("zweite", (town_a, Role.ADMIN))
        theirs = Membership.objects.get(user=other)
        client_for(admin_a).post(role_url(theirs), {"role": Role.HR})
        theirs.refresh_from_db()
        assert theirs.role == Role.HR
        # The other way round the page refuses: anna is the last administrator now.
        client = client_for(other)
        assert client.get(MEMBERS).status_code == 403  # no longer an admin

    def test_a_role_held_already_and_an_unknown_role_are_refused(self, town_a, admin_a, hr, client_for):
        make_user_membership = Membership.objects.create(user=hr, municipality=town_a, role=Role.COUNCIL)
        client = client_for(admin_a)
        response = client.post(role_url(make_user_membership), {"role": Role.HR}, follow=True)
        assert "hat diese Rolle in dieser Kommune bereits" in response.content.decode()
        response = client.post(role_url(make_user_membership), {"role": "king"}, follow=True)
        assert "gültige Auswahl" in response.content.decode()
        make_user_membership.refresh_from_db()
        assert make_user_membership.role == Role.COUNCIL

    def test_a_foreign_membership_is_404_and_other_roles_403(
        self, town_a, town_b, admin_a, hr, make_user, client_for
    ):
        foreign = Membership.objects.get(user=make_user("bert", (town_b, Role.HR)))
        assert client_for(admin_a).post(role_url(foreign), {"role": Role.ADMIN}).status_code == 404
        own = Membership.objects.get(user=hr)
        assert client_for(hr).post(role_url(own), {"role": Role.ADMIN}).status_code == 403
        foreign.refresh_from_db()
        own.refresh_from_db()
        assert (foreign.role, own.role) == (Role.HR, Role.HR)


def api(user) -> APIClient:
    client = APIClient(HTTP_ACCEPT_LANGUAGE="de")
    client.force_authenticate(user)
    return client


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser("root", "root@example.org", "pw-root")


class TestRoleChangeThroughTheApi:
    def test_a_role_changes_through_the_action(self, town_a, admin_a, hr):
        membership = Membership.objects.get(user=hr)
        response = api(admin_a).patch(
            f"/api/v1/memberships/{membership.pk}/", {"role": Role.COUNCIL}, format="json"
        )
        assert response.status_code == 200, response.content
        membership.refresh_from_db()
        assert membership.role == Role.COUNCIL

    def test_a_superuser_cannot_demote_the_last_admin(self, town_a, admin_a, superuser):
        membership = Membership.objects.get(user=admin_a)
        response = api(superuser).patch(
            f"/api/v1/memberships/{membership.pk}/", {"role": Role.COUNCIL}, format="json"
        )
        assert response.status_code == 400
        assert "behält diese Rolle" in response.json()["role"][0]
        membership.refresh_from_db()
        assert membership.role == Role.ADMIN

    def test_a_superuser_demotes_one_of_two_admins(self, town_a, admin_a, make_user, superuser):
        make_user("zweite", (town_a, Role.ADMIN))
        membership = Membership.objects.get(user=admin_a)
        response = api(superuser).patch(
            f"/api/v1/memberships/{membership.pk}/", {"role": Role.COUNCIL}, format="json"
        )
        assert response.status_code == 200, response.content
        membership.refresh_from_db()
        assert membership.role == Role.COUNCIL

    def test_the_person_of_a_membership_stays(self, town_a, admin_a, hr, make_user):
        membership = Membership.objects.get(user=hr)
        other = make_user("otto", (town_a, Role.COUNCIL))
        response = api(admin_a).patch(
            f"/api/v1/memberships/{membership.pk}/", {"user": other.pk}, format="json"
        )
        assert response.status_code == 200
        membership.refresh_from_db()
        assert membership.user == hr

    def test_the_invitation_sends_the_same_e_mail(
        self, town_a, admin_a, foreigner, django_capture_on_commit_callbacks
    ):
        client = api(admin_a)
        answers = []
        with django_capture_on_commit_callbacks(execute=True):
            for email in ("berta@bergdorf.example", "neu@example.org"):
                response = client.post(
                    f"/api/v1/municipalities/{town_a.pk}/invite/",
                    {"email": email, "role": Role.HR, "language": "en"},
                    format="json",
                )
                body = response.json()
                answers.append((response.status_code, sorted(body), body["email"] == email))
        assert answers[0] == answers[1] == (201, ["email", "membership", "municipality", "role"], True)
        assert [m.subject for m in mail.outbox] == ["Digiplan: your role in Altstadt"] * 2
        assert Membership.objects.filter(user=foreigner, municipality=town_a, role=Role.HR).exists()


@pytest.fixture
def admin_site(client, superuser):
    client.force_login(superuser)
    client.cookies["digiplan_language"] = "de"
    return client


class TestRoleChangeInTheDjangoAdmin:
    def change(self, client, membership: Membership, role: str):
        return client.post(
            reverse("admin:municipalities_membership_change", args=[membership.pk]), {"role": role}
        )

    def test_the_last_admin_keeps_the_role(self, town_a, admin_a, admin_site):
        membership = Membership.objects.get(user=admin_a)
        response = self.change(admin_site, membership, Role.COUNCIL)
        assert response.status_code == 200  # the form again, with the message
        assert "behält diese Rolle" in response.content.decode()
        membership.refresh_from_db()
        assert membership.role == Role.ADMIN

    def test_a_role_changes_through_the_action(self, town_a, admin_a, hr, admin_site):
        membership = Membership.objects.get(user=hr)
        response = self.change(admin_site, membership, Role.STRATEGIST)
        assert response.status_code == 302
        membership.refresh_from_db()
        assert (membership.role, membership.user, membership.municipality) == (Role.STRATEGIST, hr, town_a)

    def test_the_last_admin_is_not_deleted(self, town_a, admin_a, admin_site):
        membership = Membership.objects.get(user=admin_a)
        url = reverse("admin:municipalities_membership_delete", args=[membership.pk])
        response = admin_site.post(url, {"post": "yes"}, follow=True)
        assert "kann nicht entfernt werden" in response.content.decode()
        assert Membership.objects.filter(pk=membership.pk).exists()

    def test_delete_selected_is_not_offered(self, town_a, admin_a, admin_site):
        membership = Membership.objects.get(user=admin_a)
        admin_site.post(
            reverse("admin:municipalities_membership_changelist"),
            {"action": "delete_selected", "_selected_action": [membership.pk], "post": "yes"},
        )
        assert Membership.objects.filter(pk=membership.pk).exists()
