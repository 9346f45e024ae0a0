"""The members page as a list (issue 16, municipalities/listing.py): paged and sorted in the database,
exported as the listed rows, only the municipality's own members, bad parameters answered with the
default, and an invitation posted to a URL with ?export= is still an invitation, not a file."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from municipalities.access import Role
from municipalities.models import Membership
from tests.list_pages import csv_rows, first_cells

pytestmark = pytest.mark.django_db
URL = reverse("membership-list")


@pytest.fixture
def admin(town_a, make_user):
    return make_user("admin-a", (town_a, Role.ADMIN), email="admin@a.example")


@pytest.fixture
def members(town_a, town_b, make_user):
    roles = [Role.STRATEGIST, Role.COUNCIL, Role.HR]
    made = [
        make_user(f"m{(i * 7) % 30:02d}", (town_a, roles[i % 3]), email=f"m{(i * 7) % 30:02d}@a.example")
        for i in range(30)
    ]
    make_user("fremd", (town_b, Role.COUNCIL), email="fremd@b.example")
    return made


def emails(client, **query) -> list[str]:
    return first_cells(client.get(URL, query), "member-table")


def test_paged_sorted_and_only_the_own_town(client_for, admin, members):
    client = client_for(admin)
    listed = emails(client, sort="user", per_page=25) + emails(client, sort="user", per_page=25, page=2)
    expected = sorted(
        Membership.objects.filter(municipality=admin.memberships.get().municipality).values_list(
            "user__email", flat=True
        )
    )
    assert listed == expected and "fremd@b.example" not in listed and len(listed) == 31
    by_role = client.get(URL, {"sort": "-role", "per_page": 50}).context["listing"]
    roles = [m.role for m in by_role.page]
    assert roles == sorted(roles, reverse=True)


def test_bad_parameters_give_the_default(client_for, admin, members):
    client = client_for(admin)
    default = emails(client)
    for query in (
        {"sort": "user__password"},
        {"sort": "-user__is_superuser"},
        {"page": "0"},
        {"per_page": "x"},
    ):
        response = client.get(URL, query)
        assert response.status_code == 200 and first_cells(response, "member-table") == default, query


def test_the_export_is_the_listed_rows(client_for, admin, members):
    client = client_for(admin)
    query = {"sort": "-user", "per_page": 250}
    rows = csv_rows(client.get(URL, {**query, "export": "csv"}))
    assert [r[0] for r in rows[1:]] == emails(client, **query)
    assert len(rows[0]) == 3  # e-mail, name, role; no password hash, no id


def test_an_invitation_with_export_in_the_url_is_an_invitation(client_for, admin, members, mailoutbox):
    response = client_for(admin).post(
        f"{URL}?export=csv", {"email": "neu@a.example", "role": Role.COUNCIL, "language": "de"}
    )
    assert response.status_code == 302
    assert Membership.objects.filter(user__email="neu@a.example").exists()


def test_queries_do_not_grow_with_members(client_for, admin, town_a, make_user):
    client = client_for(admin)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(URL, {"sort": "role"}).status_code == 200
        return len(queries)

    make_user("x0", (town_a, Role.COUNCIL))
    small = count()
    for i in range(1, 40):
        make_user(f"x{i}", (town_a, Role.COUNCIL))
    assert count() == small
