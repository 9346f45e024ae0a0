"""Tables written as CSV or XLSX files, safe to open in a spreadsheet (DESIGN.md §7 import and export).

A cell whose text comes from a user and begins with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage
return, which some spreadsheets skip before reading the formula) would be read as a formula by Excel or
LibreOffice: a project titled ``=HYPERLINK(...)`` runs when the file is opened (spreadsheet formula
injection, OWASP "CSV Injection"). Every file Digiplan writes goes through ``text_cell``: in an XLSX such
text is stored as a string cell (openpyxl would otherwise store it as a formula), in a CSV it is prefixed
with an apostrophe, which spreadsheets show as text. Numbers, dates and booleans stay what they are, so a
negative number is still a number.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Sequence
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.cell.cell import TYPE_STRING
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

Plain = str | int | float | Decimal | dt.date | dt.datetime | bool | None


def starts_formula(value: object) -> bool:
    """True for text a spreadsheet would read as a formula."""
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def plain(value: object) -> Plain:
    """``value`` as something a cell holds: text for anything that is not a number, date or boolean
    (numpy's scalars, as pandas hands them out, become Python's)."""
    if hasattr(value, "item") and type(value).__module__ == "numpy":
        value = value.item()
    if value is None or isinstance(value, (str, int, float, Decimal, dt.date, bool)):
        if isinstance(value, dt.datetime) and value.tzinfo is not None:
            return value.replace(tzinfo=None)  # XLSX has no time zones; the value is already local
        return value
    return str(value)


def csv_cell(value: object) -> Plain:
    """A CSV cell: text that would start a formula is prefixed with an apostrophe."""
    value = plain(value)
    return "'" + value if starts_formula(value) else value


def guard_xlsx_cell(cell) -> None:
    """Make an openpyxl cell already written (by pandas' ``to_excel``, say) safe: text that would start a
    formula becomes a string cell, marked with the quote prefix so it stays text after someone edits it."""
    if starts_formula(cell.value):
        cell.data_type = TYPE_STRING
        cell.quotePrefix = True


def set_xlsx_cell(cell, value: object) -> None:
    """Write ``value`` into an openpyxl cell; text that would start a formula is stored as text."""
    cell.value = plain(value)
    guard_xlsx_cell(cell)


def to_csv(*, header: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    """A CSV file (UTF-8 with a byte order mark so Excel reads umlauts; semicolons, as German Excel
    expects)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow([csv_cell(str(h)) for h in header])
    for row in rows:
        writer.writerow([csv_cell(value) for value in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def to_xlsx(*, title: str, header: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    """An XLSX workbook of one sheet: a bold header row, then the rows."""
    book = Workbook()
    sheet = book.active
    sheet.title = (title or "Sheet")[:31].translate(str.maketrans("", "", "[]:*?/\\"))
    widths = [len(str(h)) for h in header]
    for column, heading in enumerate(header, start=1):
        cell = sheet.cell(row=1, column=column)
        set_xlsx_cell(cell, str(heading))
        cell.font = Font(bold=True)
    for number, row in enumerate(rows, start=2):
        for column, value in enumerate(row, start=1):
            set_xlsx_cell(sheet.cell(row=number, column=column), value)
            if column <= len(widths):
                widths[column - 1] = max(widths[column - 1], len(str(value)) if value is not None else 0)
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = min(max(width + 2, 8), 60)
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
