"""One mechanism for every list page (DESIGN.md §7): paging, sorting by column, column choice and export,
with the page's filters kept in the URL.

A list page's view defines its columns once (``Column``: a key, a heading, how to read a row's value) and
hands the rows its selector returned to ``Listing``. The query string carries the state, so every state is a
link that can be bookmarked or shared:

    ?sort=key / ?sort=-key   the column to sort by, descending with a minus; only the keys of the page's
                             own columns are accepted (the whitelist) — anything else is the page's
                             default order, never an error and never a name passed to the database
    ?page=3                  the page (Django's Paginator); a page that is not a number or does not exist
                             is the first
    ?per_page=100            the page size, one of PAGE_SIZES; anything else is the default
    ?cols=1&col=a&col=b      the optional columns shown ("Spalten"); without ``cols`` the defaults
    ?export=csv / xlsx       the current filtered, sorted list (every page) as a file of the shown columns

Rows are either a QuerySet, sorted in the database by the column's ``order`` (an ORM path written in code)
and paged with LIMIT/OFFSET, or the finished rows a selector returned (dataclasses, dicts), sorted on the
column's value in Python (a stable sort; empty values last in either direction). Every link the page
renders (headers, pager, page size, columns, export) keeps the page's other query parameters, so a filter
survives a sort and a sort survives a page change.

Templates: ``includes/list_thead.html`` renders the sortable header row, ``includes/list_pager.html`` the
pager with the page size and export buttons, ``includes/list_columns.html`` the "Spalten" form; a cell of
an optional column is wrapped in ``{% if "key" in listing.shown %}``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import F, QuerySet
from django.http import HttpRequest, HttpResponse, QueryDict
from django.utils.text import slugify

from . import spreadsheets
from .query import parse_id, parse_number

PAGE_SIZES = (25, 50, 100, 250)
DEFAULT_PAGE_SIZE = 25
EXPORT_FORMATS = ("csv", "xlsx")
# Parameters the mechanism owns; everything else in the query string is the page's (its filters).
OWN_PARAMETERS = ("sort", "page", "per_page", "cols", "col", "export")


def attribute(path: str) -> Callable[[Any], Any]:
    """A reader of ``row.a.b`` (or ``row["a"]["b"]`` for dicts) for the dotted ``path``; None on the way
    stops."""
    parts = path.split(".")

    def read(row: Any) -> Any:
        value = row
        for part in parts:
            if value is None:
                return None
            value = value.get(part) if isinstance(value, dict) else getattr(value, part)
        return value() if callable(value) and not isinstance(value, type) else value

    return read


@dataclass(frozen=True)
class Column:
    """A column of a list: ``key`` is its name in the URL, ``label`` its heading (translated lazily).

    ``value`` reads a row's value for the export and, for rows that are not a QuerySet, for sorting
    (``sort_value`` when sorting needs another value, e.g. a position instead of a label). ``order`` is the
    ORM ordering of a QuerySet (defaults to ``key``'s path); ``sortable=False`` makes a plain heading;
    ``optional`` columns may be hidden, ``hidden`` ones start hidden; ``numeric`` aligns right.
    """

    key: str
    label: Any
    value: Callable[[Any], Any] | str | None = None
    sort_value: Callable[[Any], Any] | str | None = None
    order: str | Callable[[], str] | None = None  # a callable: chosen per request (a name in the language)
    sortable: bool = True
    optional: bool = False
    hidden: bool = False
    numeric: bool = False
    export: bool = True

    def read(self, row: Any) -> Any:
        reader = self.value if self.value is not None else self.key.replace("__", ".")
        return attribute(reader)(row) if isinstance(reader, str) else reader(row)

    def read_sort(self, row: Any) -> Any:
        if self.sort_value is None:
            return self.read(row)
        reader = self.sort_value
        return attribute(reader)(row) if isinstance(reader, str) else reader(row)


@dataclass(frozen=True)
class Header:
    column: Column
    url: str | None  # the link that sorts by this column (None: not sortable)
    direction: str | None  # "ascending" / "descending" when the list is sorted by it (aria-sort)


@dataclass(frozen=True)
class PageLink:
    number: int | None  # None: an ellipsis
    url: str | None
    current: bool


def _sortable(value: Any) -> tuple:
    """A sort key that orders numbers, dates and text among their kind and puts empty values last."""
    if value is None or value == "" or (isinstance(value, float) and value != value):
        return (1, 0, "")
    if isinstance(value, bool):
        return (0, 0, int(value))
    if isinstance(value, (int, float, Decimal)):
        return (0, 0, float(value))
    if isinstance(value, dt.datetime):
        return (0, 1, value.timestamp() if value.tzinfo else value.isoformat())
    if isinstance(value, dt.date):
        return (0, 1, value.isoformat())
    return (0, 2, str(value).casefold())


class Listing:
    """The state of one list page read from ``request.GET``, and the page of rows it shows."""

    def __init__(
        self,
        request: HttpRequest,
        rows: QuerySet | Sequence,
        columns: Sequence[Column],
        *,
        default_sort: str | None = None,
        title: str = "",
        page_size: int = DEFAULT_PAGE_SIZE,
    ) -> None:
        self.request = request
        self.params: QueryDict = request.GET
        self.columns = list(columns)
        self.by_key = {column.key: column for column in self.columns}
        self.title = str(title)
        self.default_sort = default_sort
        self.sort = self._read_sort(self.params.get("sort"))
        self.shown = self._read_shown()
        size = parse_number(self.params.get("per_page"))
        self.per_page = size if size in PAGE_SIZES else page_size
        self.rows = self._sorted(rows)
        self.paginator = Paginator(self.rows, self.per_page, allow_empty_first_page=True)
        number = parse_id(self.params.get("page"))
        if number is None or number > self.paginator.num_pages:
            number = 1
        self.page: Page = self.paginator.page(number)
        export = self.params.get("export")
        self.export = export if export in EXPORT_FORMATS and request.method == "GET" else None

    # --- reading the query string -----------------------------------------------------------------

    def _read_sort(self, value: str | None) -> str | None:
        """The sort in the URL if it names a sortable column of this list (the whitelist), else the
        default."""
        if value:
            key = value.removeprefix("-")
            column = self.by_key.get(key)
            if column is not None and column.sortable:
                return value
        return self.default_sort

    def _read_shown(self) -> list[str]:
        if "cols" in self.params:
            chosen = set(self.params.getlist("col"))
            return [c.key for c in self.columns if not c.optional or c.key in chosen]
        return [c.key for c in self.columns if not c.hidden]

    @property
    def sort_key(self) -> str | None:
        return self.sort.removeprefix("-") if self.sort else None

    @property
    def descending(self) -> bool:
        return bool(self.sort and self.sort.startswith("-"))

    # --- sorting ----------------------------------------------------------------------------------

    def _sorted(self, rows: QuerySet | Sequence) -> QuerySet | list:
        if self.sort is None or self.sort == self.default_sort:
            # The default is the order the selector gave (``default_sort`` names it): kept as it came.
            return rows if isinstance(rows, QuerySet) else list(rows)
        column = self.by_key[self.sort_key]
        if isinstance(rows, QuerySet):
            path = (column.order() if callable(column.order) else column.order) or column.key
            expression = F(path).desc(nulls_last=True) if self.descending else F(path).asc(nulls_last=True)
            return rows.order_by(expression, "pk")
        rows = list(rows)
        filled = [row for row in rows if _sortable(column.read_sort(row))[0] == 0]
        empty = [row for row in rows if _sortable(column.read_sort(row))[0] == 1]
        filled.sort(key=lambda row: _sortable(column.read_sort(row)), reverse=self.descending)
        return filled + empty

    # --- links ------------------------------------------------------------------------------------

    def url(self, **changes: Any) -> str:
        """This page's URL with ``changes`` to its query string (None removes a parameter); the other
        parameters, the filters among them, are kept."""
        query = self.params.copy()
        for name, value in changes.items():
            if value is None:
                query.pop(name, None)
            elif isinstance(value, (list, tuple)):
                query.setlist(name, [str(v) for v in value])
            else:
                query[name] = str(value)
        encoded = query.urlencode()
        return f"{self.request.path}?{encoded}" if encoded else self.request.path

    @property
    def headers(self) -> list[Header]:
        result = []
        for column in self.visible_columns:
            direction = None
            url = None
            if column.sortable:
                if self.sort_key == column.key:
                    direction = "descending" if self.descending else "ascending"
                    target = column.key if self.descending else f"-{column.key}"
                else:
                    target = column.key
                url = self.url(sort=target, page=None, export=None)
            result.append(Header(column=column, url=url, direction=direction))
        return result

    @property
    def visible_columns(self) -> list[Column]:
        return [c for c in self.columns if c.key in self.shown]

    @property
    def optional_columns(self) -> list[Column]:
        return [c for c in self.columns if c.optional]

    @property
    def page_links(self) -> list[PageLink]:
        """Links to the first, last and nearby pages, with ellipses between."""
        current, last = self.page.number, self.paginator.num_pages
        numbers = sorted({1, last, *range(max(1, current - 2), min(last, current + 2) + 1)})
        links: list[PageLink] = []
        previous = 0
        for number in numbers:
            if number - previous > 1:
                links.append(PageLink(number=None, url=None, current=False))
            links.append(
                PageLink(number=number, url=self.url(page=number, export=None), current=number == current)
            )
            previous = number
        return links

    @property
    def previous_url(self) -> str | None:
        return (
            self.url(page=self.page.previous_page_number(), export=None) if self.page.has_previous() else None
        )

    @property
    def next_url(self) -> str | None:
        return self.url(page=self.page.next_page_number(), export=None) if self.page.has_next() else None

    @property
    def export_urls(self) -> list[tuple[str, str]]:
        return [(kind.upper(), self.url(export=kind, page=None)) for kind in EXPORT_FORMATS]

    @property
    def kept_parameters(self) -> list[tuple[str, str]]:
        """The query string as hidden fields for the page-size form (without page and page size)."""
        return self._kept(("page", "per_page", "export"))

    @property
    def kept_for_columns(self) -> list[tuple[str, str]]:
        """The query string as hidden fields for the column form (without the column choice)."""
        return self._kept(("cols", "col", "page", "export"))

    def _kept(self, dropped: tuple[str, ...]) -> list[tuple[str, str]]:
        return [
            (name, value) for name, values in self.params.lists() if name not in dropped for value in values
        ]

    @property
    def page_sizes(self) -> tuple[int, ...]:
        return PAGE_SIZES

    @property
    def paged(self) -> bool:
        return self.paginator.num_pages > 1

    # --- export -----------------------------------------------------------------------------------

    def export_rows(self) -> tuple[list[str], list[list[Any]]]:
        """The heading and the rows of the file: every row of the filtered, sorted list, the shown
        columns that export."""
        columns = [c for c in self.visible_columns if c.export]
        header = [str(c.label) for c in columns]
        return header, [[c.read(row) for c in columns] for row in self.rows]

    def export_response(self) -> HttpResponse | None:
        """The file asked for with ``?export=``, or None when the page itself is asked for."""
        if self.export is None:
            return None
        header, rows = self.export_rows()
        name = slugify(self.title) or "export"
        if self.export == "csv":
            response = HttpResponse(
                spreadsheets.to_csv(header=header, rows=rows), content_type=spreadsheets.CSV_CONTENT_TYPE
            )
        else:
            response = HttpResponse(
                spreadsheets.to_xlsx(title=self.title, header=header, rows=rows),
                content_type=spreadsheets.XLSX_CONTENT_TYPE,
            )
        response["Content-Disposition"] = f'attachment; filename="{name}.{self.export}"'
        return response
