"""Pages of the tenancy app: scoping (404 across municipalities), roles (403), switching, languages."""

import pytest
from django.urls import reverse

from municipalities.access import Role
from municipalities.models import Membership, OrgUnit
from municipalities.tenancy import SESSION_KEY


@pytest.mark.django_db
class TestScopingOnPages:
    def test_detail_of_another_municipality_is_404(self, town_a, town_b, make_user, client_for):
        client = client_for(make_user("anna", (town_a, Role.ADMIN)))
        foreign = OrgUnit.objects.get(municipality=town_b)
        own = OrgUnit.objects.filter(municipality=town_a).first()
        assert client.get(reverse("orgunit-detail", args=[own.pk])).status_code == 200
        for name in ("orgunit-detail", "orgunit-edit", "orgunit-delete"):
            assert client.get(reverse(name, args=[foreign.pk])).status_code == 404
        response = client.post(reverse("orgunit-edit", args=[foreign.pk]), {"name": "hijacked"})
        assert response.status_code == 404
        foreign.refresh_from_db()
        assert foreign.name == "Hauptamt B"

    def test_list_shows_only_own_units(self, town_a, town_b, make_user, client_for):
        client = client_for(make_user("anna", (town_a, Role.COUNCIL)))
        body = client.get(reverse("orgunit-list")).content.decode()
        assert "Hauptamt A" in body and "IT A" in body
        assert "Hauptamt B" not in body

    def test_membership_of_another_municipality_cannot_be_removed(
        self, town_a, town_b, make_user, client_for
    ):
        admin = make_user("anna", (town_a, Role.ADMIN))
        other = make_user("bob", (town_b, Role.ADMIN))
        target = Membership.objects.get(user=other)
        response = client_for(admin).post(reverse("membership-delete", args=[target.pk]))
        assert response.status_code == 404
        assert Membership.objects.filter(pk=target.pk).exists()


@pytest.mark.django_db
class TestRolesOnPages:
    @pytest.mark.parametrize(
        ("role", "expected"),
        [
            (
                Role.STRATEGIST,
                {
                    "strategy:index": 200,
                    "portfolio:index": 200,
                    "staffing:index": 200,
                    "reports:index": 200,
                    "membership-list": 403,
                    "orgunit-create": 403,
                },
            ),
            (
                Role.PROJECT_LEAD,
                {
                    "strategy:index": 200,
                    "portfolio:index": 200,
                    "staffing:index": 403,
                    "reports:index": 403,
                    "membership-list": 403,
                    "orgunit-create": 403,
                },
            ),
            (
                Role.COUNCIL,
                {
                    "strategy:index": 200,
                    "portfolio:index": 200,
                    "staffing:index": 200,
                    "reports:index": 200,
                    "membership-list": 403,
                    "orgunit-create": 403,
                },
            ),
            (
                Role.HR,
                {
                    "strategy:index": 403,
                    "portfolio:index": 403,
                    "staffing:index": 200,
                    "reports:index": 403,
                    "membership-list": 403,
                    "orgunit-create": 403,
                },
            ),
            (
                Role.ADMIN,
                {
                    "strategy:index": 200,
                    "portfolio:index": 200,
                    "staffing:index": 200,
                    "reports:index": 200,
                    "membership-list": 200,
                    "orgunit-create": 200,
                },
            ),
        ],
    )
    def test_pages_follow_the_role_table(self, town_a, make_user, client_for, role, expected):
        client = client_for(make_user("u", (town_a, role)))
        got = {name: client.get(reverse(name)).status_code for name in expected}
        assert got == expected

    def test_navigation_shows_only_allowed_areas(self, town_a, make_user, client_for):
        body = client_for(make_user("hr", (town_a, Role.HR))).get(reverse("home")).content.decode()
        assert reverse("staffing:index") in body
        assert reverse("strategy:index") not in body

    def test_anonymous_is_sent_to_login(self, client):
        response = client.get(reverse("home"))
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))

    def test_user_without_membership_is_told_so(self, make_user, client_for):
        response = client_for(make_user("nobody"), "en").get(reverse("home"))
        assert response.status_code == 403
        assert "not a member of any municipality" in response.content.decode()


@pytest.mark.django_db
class TestCurrentMunicipality:
    def test_switch_between_memberships(self, town_a, town_b, make_user, client_for):
        client = client_for(make_user("berta", (town_a, Role.COUNCIL), (town_b, Role.COUNCIL)))
        assert "Hauptamt A" in client.get(reverse("orgunit-list")).content.decode()
        client.post(reverse("municipality-switch"), {"municipality": town_b.pk, "next": "/organisation/"})
        body = client.get(reverse("orgunit-list")).content.decode()
        assert "Hauptamt B" in body and "Hauptamt A" not in body

    def test_cannot_switch_into_a_foreign_municipality(self, town_a, town_b, make_user, client_for):
        client = client_for(make_user("anna", (town_a, Role.COUNCIL)))
        client.post(reverse("municipality-switch"), {"municipality": town_b.pk})
        assert client.session.get(SESSION_KEY) is None
        assert "Hauptamt B" not in client.get(reverse("orgunit-list")).content.decode()

    def test_stale_session_choice_falls_back_to_a_membership(self, town_a, town_b, make_user, client_for):
        user = make_user("carl", (town_a, Role.COUNCIL), (town_b, Role.COUNCIL))
        client = client_for(user)
        client.post(reverse("municipality-switch"), {"municipality": town_b.pk})
        Membership.objects.filter(user=user, municipality=town_b).delete()
        body = client.get(reverse("orgunit-list")).content.decode()
        assert "Hauptamt A" in body and "Hauptamt B" not in body

    def test_switch_refuses_external_redirects(self, town_a, make_user, client_for):
        client = client_for(make_user("anna", (town_a, Role.COUNCIL)))
        response = client.post(
            reverse("municipality-switch"), {"municipality": town_a.pk, "next": "https://evil.example/"}
        )
        assert response.url == reverse("home")


@pytest.mark.django_db
class TestForms:
    def test_admin_creates_unit_and_duplicate_name_is_refused(self, town_a, make_user, client_for):
        client = client_for(make_user("anna", (town_a, Role.ADMIN)), "en")
        parent = OrgUnit.objects.get(name="Hauptamt A")
        response = client.post(reverse("orgunit-create"), {"name": "Bürgerbüro", "parent": parent.pk})
        assert response.status_code == 302
        assert OrgUnit.objects.get(name="Bürgerbüro").parent == parent
        response = client.post(reverse("orgunit-create"), {"name": "bürgerbüro"})
        assert response.status_code == 200
        assert "already has a unit of this name" in response.content.decode()
        assert OrgUnit.objects.filter(municipality=town_a).count() == 3

    def test_parent_choices_are_limited_to_own_municipality(self, town_a, town_b, make_user, client_for):
        client = client_for(make_user("anna", (town_a, Role.ADMIN)))
        foreign = OrgUnit.objects.get(municipality=town_b)
        response = client.post(reverse("orgunit-create"), {"name": "X", "parent": foreign.pk})
        assert response.status_code == 200
        assert not OrgUnit.objects.filter(name="X").exists()

    def test_unit_with_children_is_not_deleted(self, town_a, make_user, client_for):
        client = client_for(make_user("anna", (town_a, Role.ADMIN)))
        root = OrgUnit.objects.get(name="Hauptamt A")
        client.post(reverse("orgunit-delete", args=[root.pk]))
        assert OrgUnit.objects.filter(pk=root.pk).exists()

    def test_admin_gives_and_removes_roles_but_never_the_last_admin(self, town_a, make_user, client_for):
        admin = make_user("anna", (town_a, Role.ADMIN))
        make_user("bob", email="bob@example.org")
        client = client_for(admin, "en")
        client.post(
            reverse("membership-list"), {"email": "BOB@example.org", "role": Role.HR, "language": "en"}
        )
        assert Membership.objects.filter(user__username="bob", municipality=town_a, role=Role.HR).exists()
        response = client.post(
            reverse("membership-list"), {"email": "nobody", "role": Role.HR, "language": "en"}
        )
        assert "Enter a valid email address." in response.content.decode()
        own = Membership.objects.get(user=admin)
        response = client.post(reverse("membership-delete", args=[own.pk]), follow=True)
        assert "last administrator" in response.content.decode()
        assert Membership.objects.filter(pk=own.pk).exists()

    def test_settings_form_rejects_negative_population(self, town_a, make_user, client_for):
        client = client_for(make_user("anna", (town_a, Role.ADMIN)))
        response = client.post(
            reverse("municipality-edit"), {"name": "Altstadt", "kind": "stadt", "population": -5}
        )
        assert response.status_code == 200
        town_a.refresh_from_db()
        assert town_a.population == 20_000


@pytest.mark.django_db
class TestLanguages:
    def test_german_by_default_and_english_on_request(self, town_a, make_user, client):
        client.force_login(make_user("anna", (town_a, Role.COUNCIL)))
        german = client.get(reverse("home")).content.decode()
        assert 'lang="de"' in german and "Strategie" in german
        client.post(reverse("set_language"), {"language": "en", "next": "/"})
        english = client.get(reverse("home")).content.decode()
        assert 'lang="en"' in english and "Strategy" in english and "Strategie" not in english

    def test_login_page_in_both_languages(self, client):
        assert "Anmelden" in client.get(reverse("login")).content.decode()
        client.cookies["digiplan_language"] = "en"
        assert "Log in to Digiplan" in client.get(reverse("login")).content.decode()
