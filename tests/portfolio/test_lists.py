"""The service register and the project list as lists (issue 16, municipalities/listing.py): paging,
sorting by column, links that keep the filters, bad parameters answered with the default, an export of
exactly the rows the page lists, and a number of queries that does not grow with the rows."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from portfolio.models import Project, Service, Status
from tests.list_pages import csv_rows, first_cells, header_links
from tests.portfolio.conftest import make_project, make_service

pytestmark = pytest.mark.django_db


@pytest.fixture
def services(town_a):
    """60 services: names out of order, cases and minutes that make the hours differ."""
    made = []
    for i in range(60):
        made.append(
            make_service(
                town_a,
                name=f"Leistung {(i * 37) % 60:02d}",
                cases_per_year=100 + i,
                staff_minutes=10 + (i % 7),
                leika_key=f"99{i:012d}",
            )
        )
    make_service(town_a, name='=HYPERLINK("http://x")', cases_per_year=1)
    return made


@pytest.fixture
def projects(town_a):
    return [
        make_project(
            town_a,
            title=f"Projekt {(i * 7) % 30:02d}",
            status=Status.IN_PROGRESS if i % 2 else Status.APPROVED,
        )
        for i in range(30)
    ]


class TestServices:
    URL = reverse("portfolio:services")

    def test_pages_of_the_chosen_size_and_every_service_once(self, client_for, strategist, services):
        client = client_for(strategist)
        seen = []
        for page in (1, 2, 3):
            response = client.get(self.URL, {"per_page": 25, "page": page, "sort": "name"})
            seen += first_cells(response, "service-table")
        assert len(seen) == 61 and len(set(seen)) == 61
        assert seen[:3] == ['=HYPERLINK("http://x")', "Leistung 00", "Leistung 01"]
        first = client.get(self.URL)
        assert len(first_cells(first, "service-table")) == 25  # the default page size

    def test_sorting_by_a_column_and_back(self, client_for, strategist, services):
        client = client_for(strategist)
        by_cases = first_cells(client.get(self.URL, {"sort": "-cases", "per_page": 100}), "service-table")
        expected = [s.name for s in sorted(services, key=lambda s: -s.cases_per_year)]
        assert by_cases[:60] == expected
        ascending = first_cells(client.get(self.URL, {"sort": "cases", "per_page": 100}), "service-table")
        assert ascending == by_cases[::-1]

    def test_the_default_is_staff_hours_at_stake(self, client_for, strategist, services):
        client = client_for(strategist)
        default = first_cells(client.get(self.URL, {"per_page": 100}), "service-table")
        hours = {s.name: s.cases_per_year * s.staff_minutes for s in Service.objects.all()}
        assert [hours[name] for name in default] == sorted(hours.values(), reverse=True)

    @pytest.mark.parametrize("sort", ["password", "municipality__name", "-pk", "service__name", "x" * 500])
    def test_a_bad_sort_is_the_default(self, client_for, strategist, services, sort):
        client = client_for(strategist)
        default = first_cells(client.get(self.URL, {"per_page": 100}), "service-table")
        response = client.get(self.URL, {"sort": sort, "per_page": 100})
        assert response.status_code == 200
        assert first_cells(response, "service-table") == default

    @pytest.mark.parametrize("page", ["0", "abc", "999", "-3", "٣"])
    def test_a_bad_page_is_the_first(self, client_for, strategist, services, page):
        client = client_for(strategist)
        first = first_cells(client.get(self.URL, {"sort": "name"}), "service-table")
        response = client.get(self.URL, {"sort": "name", "page": page})
        assert response.status_code == 200 and first_cells(response, "service-table") == first

    def test_the_links_keep_the_filters(self, client_for, strategist, services):
        client = client_for(strategist)
        area = str(services[0].subject_area_id)
        query = {"q": "Leistung", "area": area, "sort": "name", "per_page": 25}
        response = client.get(self.URL, query)
        links = header_links(response, "service-table")
        assert links["cases"] == {"q": ["Leistung"], "area": [area], "sort": ["cases"], "per_page": ["25"]}
        assert links["name"]["sort"] == ["-name"]
        listing = response.context["listing"]
        assert listing.paginator.num_pages == 3
        for url in [
            listing.next_url,
            *(link.url for link in listing.page_links),
            *dict(listing.export_urls).values(),
        ]:
            assert f"q=Leistung&area={area}&sort=name" in url, url
        assert 'name="sort" value="name"' in response.content.decode()  # the filter form keeps the sort

    def test_the_export_is_the_listed_rows(self, client_for, strategist, services):
        client = client_for(strategist)
        query = {"q": "Leistung 1", "sort": "-hours", "per_page": 250}
        page = first_cells(client.get(self.URL, query), "service-table")
        rows = csv_rows(client.get(self.URL, {**query, "export": "csv"}))
        assert [row[0] for row in rows[1:]] == page
        assert len(page) == 10  # Leistung 10 … 19

    def test_a_formula_in_a_name_is_exported_as_text(self, client_for, strategist, services):
        rows = csv_rows(client_for(strategist).get(self.URL, {"export": "csv", "q": "HYPER"}))
        assert [row[0] for row in rows[1:]] == ['\'=HYPERLINK("http://x")']

    def test_columns_can_be_chosen(self, client_for, strategist, services):
        client = client_for(strategist)
        response = client.get(self.URL, {"cols": "1", "col": ["leika"]})
        html = response.content.decode()
        assert 'data-column="leika"' in html and 'data-column="unit"' not in html
        rows = csv_rows(
            client.get(self.URL, {"cols": "1", "col": ["leika"], "export": "csv", "sort": "name"})
        )
        assert len(rows[0]) == 7  # name, leika, area, cases, hours, front, back

    def test_queries_do_not_grow_with_rows(self, client_for, strategist, town_a):
        client = client_for(strategist)
        for i in range(3):
            make_service(town_a, name=f"Klein {i}")

        def count(**query) -> int:
            with CaptureQueriesContext(connection) as queries:
                assert client.get(self.URL, query).status_code == 200
            return len(queries)

        small = count(sort="name"), count(sort="-hours", export="csv")
        for i in range(120):
            make_service(town_a, name=f"Groß {i}")
        assert (count(sort="name"), count(sort="-hours", export="csv")) == small


class TestProjects:
    URL = reverse("portfolio:projects")

    def test_paging_sorting_and_export(self, client_for, strategist, projects):
        client = client_for(strategist)
        first = first_cells(client.get(self.URL, {"per_page": 25}), "project-table")
        second = first_cells(client.get(self.URL, {"per_page": 25, "page": 2}), "project-table")
        assert first + second == sorted(p.title for p in projects)
        by_status = first_cells(client.get(self.URL, {"sort": "status", "per_page": 50}), "project-table")
        statuses = dict(Project.objects.values_list("title", "status"))
        order = list(Status.values)
        assert [order.index(statuses[t]) for t in by_status] == sorted(
            order.index(s) for s in statuses.values()
        )
        rows = csv_rows(client.get(self.URL, {"sort": "-title", "status": Status.APPROVED, "export": "csv"}))
        assert [r[0] for r in rows[1:]] == sorted(
            (p.title for p in projects if p.status == Status.APPROVED), reverse=True
        )

    def test_bad_parameters_give_the_default(self, client_for, strategist, projects):
        client = client_for(strategist)
        default = first_cells(client.get(self.URL), "project-table")
        for query in ({"sort": "lead__password"}, {"page": "x"}, {"per_page": "-1"}, {"export": "exe"}):
            response = client.get(self.URL, query)
            assert response.status_code == 200 and first_cells(response, "project-table") == default, query

    def test_hiding_columns_keeps_the_totals_aligned(self, client_for, strategist, projects):
        response = client_for(strategist).get(self.URL, {"cols": "1", "col": ["effort"]})
        html = response.content.decode()
        head = html[html.index('data-testid="project-table"') :]
        header_cells = head[: head.index("</thead>")].count("<th ")
        foot = head[head.index("<tfoot>") : head.index("</tfoot>")]
        span = int(foot.split('colspan="')[1].split('"')[0])
        assert header_cells == span + foot.count("<td")


def test_the_xlsx_export_is_the_listed_rows(client_for, strategist, projects):
    import io

    from openpyxl import load_workbook

    client = client_for(strategist)
    query = {"sort": "-title", "per_page": 50}
    listed = first_cells(client.get(reverse("portfolio:projects"), query), "project-table")
    response = client.get(reverse("portfolio:projects"), {**query, "export": "xlsx"})
    assert response["Content-Disposition"].endswith('.xlsx"')
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)] == listed
    costs = [row[4] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert all(isinstance(cost, (int, float)) for cost in costs)  # figures stay numbers, not text
