"""Staff, vacancies and training needs as lists (issue 16, municipalities/listing.py): sorted in the
database for QuerySets, paged, filters kept, bad parameters answered with the default, the export equal to
the listed rows, and a number of queries that does not grow with the rows."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from municipalities.models import OrgUnit
from staffing.models import RoleProfile, RoleProfileSkill, StaffMember, Vacancy
from tests.list_pages import csv_rows, first_cells, header_links
from tests.staffing.conftest import add_staff, skill

pytestmark = pytest.mark.django_db


@pytest.fixture
def units(town_a):
    return [OrgUnit.objects.create(municipality=town_a, name=name) for name in ("Bauamt", "Amt für IT")]


@pytest.fixture
def staff(town_a, units):
    made = []
    for i, unit in enumerate(units):
        made += add_staff(town_a, n=30, unit=unit, fte="1.0" if i else "0.5")
    return made


def count_queries(client, url, query) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, query).status_code == 200
    return len(queries)


class TestStaff:
    URL = reverse("staffing:staff-list")

    def test_default_order_paging_and_sort(self, client_for, hr, staff):
        client = client_for(hr)
        pages = [
            first_cells(client.get(self.URL, {"per_page": 25, "page": n}), "staff-table") for n in (1, 2, 3)
        ]
        assert [len(p) for p in pages] == [25, 25, 10]
        expected = list(
            StaffMember.objects.order_by("org_unit__name", "personnel_number").values_list(
                "personnel_number", flat=True
            )
        )
        assert [number for page in pages for number in page] == expected  # "Amt für IT" before "Bauamt"
        descending = first_cells(client.get(self.URL, {"sort": "-number", "per_page": 100}), "staff-table")
        assert descending == sorted(expected, reverse=True)

    def test_sorting_keeps_the_filter_and_bad_values_are_the_default(self, client_for, hr, staff, units):
        client = client_for(hr)
        unit = str(units[0].pk)
        response = client.get(self.URL, {"unit": unit, "sort": "-fte", "per_page": 50})
        assert len(first_cells(response, "staff-table")) == 30
        assert header_links(response, "staff-table")["number"] == {
            "unit": [unit],
            "sort": ["number"],
            "per_page": ["50"],
        }
        default = first_cells(client.get(self.URL), "staff-table")
        for bad in ("org_unit__municipality__name", "-", "personnel_number", "fte;"):
            assert first_cells(client.get(self.URL, {"sort": bad}), "staff-table") == default

    def test_sort_by_an_annotated_count(self, client_for, hr, staff):
        StaffMember.objects.filter(pk=staff[5].pk).first().skills.create(
            skill=skill("data-analysis"), level=2, assessed_on=datetime.date(2026, 1, 1)
        )
        rows = first_cells(client_for(hr).get(self.URL, {"sort": "-skills"}), "staff-table")
        assert rows[0] == staff[5].personnel_number

    def test_the_export_is_the_listed_rows(self, client_for, hr, staff, units):
        client = client_for(hr)
        query = {"unit": str(units[1].pk), "sort": "-number", "per_page": 250}
        listed = first_cells(client.get(self.URL, query), "staff-table")
        rows = csv_rows(client.get(self.URL, {**query, "export": "csv"}))
        assert [r[0] for r in rows[1:]] == listed and len(listed) == 30

    def test_the_export_is_for_staff_records_only(self, client_for, strategist, staff):
        response = client_for(strategist).get(self.URL, {"export": "csv"})
        assert response.status_code == 403

    def test_queries_do_not_grow_with_rows(self, client_for, hr, town_a, units):
        client = client_for(hr)
        add_staff(town_a, n=3, unit=units[0])
        small = [
            count_queries(client, self.URL, q) for q in ({"sort": "unit"}, {"export": "csv", "sort": "-fte"})
        ]
        add_staff(town_a, n=100, unit=units[1])
        assert [
            count_queries(client, self.URL, q) for q in ({"sort": "unit"}, {"export": "csv", "sort": "-fte"})
        ] == small


class TestVacancies:
    URL = reverse("staffing:vacancies")

    def test_sorted_paged_and_exported(self, client_for, hr, town_a):
        for i in range(40):
            Vacancy.objects.create(
                municipality=town_a,
                title=f"Stelle {(i * 13) % 40:02d}",
                skill=skill(),
                level=1 + i % 4,
                expected_date=datetime.date(2026, 1, 1) + datetime.timedelta(days=i),
            )
        client = client_for(hr)
        by_date = first_cells(client.get(self.URL, {"per_page": 25}), "vacancy-table")
        assert by_date == [f"Stelle {(i * 13) % 40:02d}" for i in range(25)]
        by_title = first_cells(
            client.get(self.URL, {"sort": "title", "per_page": 25, "page": 2}), "vacancy-table"
        )
        assert by_title == [f"Stelle {i:02d}" for i in range(25, 40)]
        rows = csv_rows(client.get(self.URL, {"sort": "-level", "export": "csv"}))
        assert [int(r[2]) for r in rows[1:]] == sorted((1 + i % 4 for i in range(40)), reverse=True)


class TestTraining:
    URL = reverse("staffing:training")

    def test_people_below_target_paged_and_exported(self, client_for, hr, town_a, units):
        profile = RoleProfile.objects.create(municipality=town_a, name="Sachbearbeitung digital")
        RoleProfileSkill.objects.create(profile=profile, skill=skill(), target_level=4)
        add_staff(town_a, n=30, unit=units[0], level=1, role_profile=profile)
        client = client_for(hr)
        first = first_cells(client.get(self.URL, {"per_page": 25}), "training-people")
        second = first_cells(client.get(self.URL, {"per_page": 25, "page": 2}), "training-people")
        numbers = sorted(StaffMember.objects.values_list("personnel_number", flat=True))
        assert first + second == numbers
        rows = csv_rows(client.get(self.URL, {"sort": "-number", "export": "csv"}))
        assert [r[0] for r in rows[1:]] == numbers[::-1]
        assert {(r[2], r[3]) for r in rows[1:]} == {("4", "1")}
