"""The list mechanism (municipalities/listing.py) on plain rows, and the spreadsheet cells it writes
(municipalities/spreadsheets.py): sorting only by the page's own columns, paging, links that keep the
filters, and text that a spreadsheet would run as a formula written as text."""

from __future__ import annotations

import csv
import datetime as dt
import io
from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import RequestFactory
from openpyxl import load_workbook

from municipalities import spreadsheets
from municipalities.listing import DEFAULT_PAGE_SIZE, Column, Listing

COLUMNS = (
    Column("name", "Name", "name"),
    Column("size", "Size", "size", numeric=True),
    Column("since", "Since", "since", optional=True),
    Column("note", "Note", "note", optional=True, hidden=True, sortable=False),
)
ROWS = [
    {"name": "Bergdorf", "size": 3, "since": dt.date(2020, 1, 1), "note": "=1+1"},
    {"name": "altstadt", "size": None, "since": dt.date(2019, 5, 1), "note": "+49 30"},
    {"name": "Cham", "size": 12, "since": None, "note": "@SUM(A1)"},
    {"name": "Ahlen", "size": 7, "since": dt.date(2021, 3, 1), "note": "-5"},
]


def listing(query: str = "", rows=ROWS, **options) -> Listing:
    request = RequestFactory().get(f"/list/?{query}")
    return Listing(request, rows, COLUMNS, title="Orte", **options)


def names(result: Listing) -> list[str]:
    return [row["name"] for row in result.page]


def query_of(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query)


class TestSorting:
    def test_the_default_keeps_the_selectors_order(self):
        assert names(listing()) == ["Bergdorf", "altstadt", "Cham", "Ahlen"]

    def test_by_text_ignores_case(self):
        assert names(listing("sort=name")) == ["Ahlen", "altstadt", "Bergdorf", "Cham"]
        assert names(listing("sort=-name")) == ["Cham", "Bergdorf", "altstadt", "Ahlen"]

    def test_empty_values_are_last_in_either_direction(self):
        assert names(listing("sort=size")) == ["Bergdorf", "Ahlen", "Cham", "altstadt"]
        assert names(listing("sort=-size")) == ["Cham", "Ahlen", "Bergdorf", "altstadt"]
        assert names(listing("sort=-since"))[-1] == "Cham"

    @pytest.mark.parametrize(
        "value", ["pk", "password", "-note", "note", "--name", "name;drop", "__class__", "", "%00", "size.x"]
    )
    def test_only_the_pages_own_sortable_columns_are_accepted(self, value):
        result = listing(f"sort={value}", default_sort="name")
        assert result.sort == "name"
        assert names(result) == ["Bergdorf", "altstadt", "Cham", "Ahlen"]  # the default order, as it came

    def test_the_header_links_sort_and_turn_the_direction(self):
        result = listing("sort=name&q=berg&page=2")
        links = {h.column.key: h for h in result.headers}
        assert links["name"].direction == "ascending"
        assert query_of(links["name"].url) == {"sort": ["-name"], "q": ["berg"]}  # back to page 1
        assert query_of(links["size"].url) == {"sort": ["size"], "q": ["berg"]}
        assert links["size"].direction is None
        assert "note" not in links  # hidden until chosen


class TestPaging:
    def rows(self, n: int) -> list[dict]:
        return [{"name": f"Ort {i:03d}", "size": i, "since": None, "note": ""} for i in range(n)]

    def test_pages_of_the_chosen_size(self):
        rows = self.rows(60)
        first = listing("", rows=rows)
        assert first.per_page == DEFAULT_PAGE_SIZE == 25
        assert len(first.page) == 25 and first.paginator.num_pages == 3
        second = listing("page=2&per_page=25", rows=rows)
        assert names(second) == [f"Ort {i:03d}" for i in range(25, 50)]
        assert second.paginator.num_pages == 3

    @pytest.mark.parametrize("page", ["0", "-1", "x", "99", "1.5", "٣", "²", "9" * 30])
    def test_a_page_that_does_not_exist_is_the_first(self, page):
        result = listing(f"page={page}", rows=self.rows(60))
        assert result.page.number == 1

    @pytest.mark.parametrize("size", ["7", "0", "-25", "x", "100000"])
    def test_an_unknown_page_size_is_the_default(self, size):
        assert listing(f"per_page={size}", rows=self.rows(60)).per_page == DEFAULT_PAGE_SIZE

    def test_page_links_keep_the_filters_and_the_sort(self):
        result = listing("q=ort&sort=-size&per_page=25&page=2", rows=self.rows(100))
        assert [link.number for link in result.page_links] == [1, 2, 3, 4]
        assert query_of(result.next_url) == {
            "q": ["ort"],
            "sort": ["-size"],
            "per_page": ["25"],
            "page": ["3"],
        }
        assert query_of(result.previous_url)["page"] == ["1"]
        assert dict(result.kept_parameters) == {"q": "ort", "sort": "-size"}

    def test_far_pages_are_elided(self):
        result = listing("per_page=25&page=10", rows=self.rows(500))
        numbers = [link.number for link in result.page_links]
        assert numbers == [1, None, 8, 9, 10, 11, 12, None, 20]


class TestColumns:
    def test_defaults_then_the_choice_in_the_url(self):
        assert listing().shown == ["name", "size", "since"]
        chosen = listing("cols=1&col=note")
        assert chosen.shown == ["name", "size", "note"]  # "since" unticked; required columns stay
        assert [h.column.key for h in chosen.headers] == ["name", "size", "note"]

    def test_the_column_form_keeps_the_rest_of_the_query(self):
        result = listing("q=a&sort=name&cols=1&col=since&page=2")
        assert dict(result.kept_for_columns) == {"q": "a", "sort": "name"}


class TestExport:
    def test_csv_is_every_row_of_the_sorted_list_in_the_shown_columns(self):
        rows = [*ROWS] * 20  # 80 rows, more than a page
        response = listing("sort=name&export=csv&cols=1&col=note", rows=rows).export_response()
        assert response["Content-Type"].startswith("text/csv")
        assert response["Content-Disposition"] == 'attachment; filename="orte.csv"'
        lines = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
        assert lines[0] == ["Name", "Size", "Note"]
        assert len(lines) == 81
        assert [line[0] for line in lines[1:21]] == ["Ahlen"] * 20
        # Text that starts a formula is written as text.
        assert {line[2] for line in lines[1:]} == {"'=1+1", "'+49 30", "'@SUM(A1)", "'-5"}

    def test_xlsx_stores_formula_text_as_text_and_numbers_as_numbers(self):
        response = listing("export=xlsx&cols=1&col=note&col=since").export_response()
        sheet = load_workbook(io.BytesIO(response.content)).active
        values = [[cell.value for cell in row] for row in sheet.iter_rows()]
        assert values[0] == ["Name", "Size", "Since", "Note"]
        assert values[1][:2] == ["Bergdorf", 3] and values[1][2].date() == dt.date(2020, 1, 1)
        notes = {row[3].value: row[3].data_type for row in sheet.iter_rows(min_row=2)}
        assert notes == {"=1+1": "s", "+49 30": "s", "@SUM(A1)": "s", "-5": "s"}

    def test_no_export_without_the_parameter_or_with_an_unknown_format(self):
        assert listing().export_response() is None
        assert listing("export=pdf").export_response() is None


class TestCells:
    @pytest.mark.parametrize("text", ['=HYPERLINK("http://x")', "+1", "-1", "@A1", "\t=1", "\r=1"])
    def test_formula_text(self, text):
        assert spreadsheets.csv_cell(text) == "'" + text

    @pytest.mark.parametrize("value", ["Hundesteuer", "1=1", "", 5, -5, 2.5, None, dt.date(2026, 1, 1)])
    def test_everything_else_is_unchanged(self, value):
        assert spreadsheets.csv_cell(value) == value
