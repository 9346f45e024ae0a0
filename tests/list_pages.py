"""Reading a list page the way a user reads it, for the list tests: the first cell of every body row of a
table, the links of its headers and pager, and the rows of an exported CSV."""

from __future__ import annotations

import csv
import io
from html.parser import HTMLParser
from urllib.parse import parse_qs, urlsplit


class _Table(HTMLParser):
    def __init__(self, testid: str) -> None:
        super().__init__()
        self.testid = testid
        self.depth = 0  # > 0 inside the table
        self.in_body = False
        self.cell = -1
        self.rows: list[str] = []
        self.headers: dict[str, str] = {}  # column key -> link
        self._column: str | None = None
        self._link = 0  # 0 before the first cell's link, 1 inside it, 2 after it

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table" and (self.depth or attrs.get("data-testid") == self.testid):
            self.depth += 1
        if not self.depth:
            return
        if tag == "tbody":
            self.in_body = True
        elif tag == "tr" and self.in_body:
            self.rows.append("")
            self.cell = -1
            self._link = 0
        elif tag in ("th", "td"):
            self.cell += 1
            self._column = attrs.get("data-column")
        elif tag == "a" and self._column and not self.in_body:
            self.headers[self._column] = attrs.get("href", "")
        elif tag == "a" and self.in_body and self.cell == 0 and self._link == 0:
            self._link = 1
            self.rows[-1] = ""

    def handle_endtag(self, tag):
        if not self.depth:
            return
        if tag == "table":
            self.depth -= 1
        elif tag == "tbody":
            self.in_body = False
        elif tag in ("th", "td"):
            self._column = None
        elif tag == "a" and self._link == 1:
            self._link = 2

    def handle_data(self, data):
        if self.depth and self.in_body and self.cell == 0 and self.rows and self._link != 2:
            self.rows[-1] = (self.rows[-1] + data).strip()


def table(html: str, testid: str) -> _Table:
    parser = _Table(testid)
    parser.feed(html)
    return parser


def first_cells(response, testid: str) -> list[str]:
    """The text of the first cell of each body row of the table ``data-testid=testid`` (of its first link,
    when it has one: a name, without the badges beside it)."""
    return table(response.content.decode(), testid).rows


def header_links(response, testid: str) -> dict[str, dict[str, list[str]]]:
    """The sort links of the table's headers: column key -> the link's query."""
    return {
        key: parse_qs(urlsplit(url).query)
        for key, url in table(response.content.decode(), testid).headers.items()
    }


def csv_rows(response) -> list[list[str]]:
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv"), response
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
