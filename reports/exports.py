"""Council reports as files: an XLSX workbook and a PDF (DESIGN.md §4 reports).

A council report exists in three forms that must show the same figures: the page, the PDF and the XLSX.
All three are rendered from one dict, the one ``reports.builder.build`` returns (live for a draft, the
frozen ``CouncilReport.snapshot`` once published); nothing here queries the database or recomputes a
figure, so a published report's files read the same forever.

XLSX (``to_xlsx``): the report's underlying tables, one sheet each, for councillors and the finance
department who want to work with the numbers. Shares are stored as numbers 0–1 with a percent format and
money as plain numbers with a thousands format (so sums and charts in Excel work); sheet names and column
headers are in the report's language. Staffing figures of groups under five people are suppressed by the
builder: their cells stay empty and the row says so in a "suppressed" column; nothing is guessed back.

PDF (``to_pdf``): headless Chromium (Debian's, through Playwright; Playwright's own browser download is
never used) prints the report page. How the charts get into the PDF: the page embeds each plotly figure as
JSON (``json_script``) next to an element ``data-figure="<script id>"``; the static script
``static/js/charts.js`` draws them with plotly.js and marks each element ``data-drawn="true"``. ``to_pdf``
loads the page, waits until every ``[data-figure]`` element carries that mark, then prints. Plotly draws
SVG, so the charts land in the PDF as vector graphics with real, searchable text. The page is made
self-contained first (``inline_assets``: Bootstrap, plotly.js and charts.js inlined from the static files)
and every network request of the browser is refused, so printing needs no server, not even localhost, and
cannot leak anything. The page is laid out at the printable width of A4 so the charts are drawn at the size
they are printed.

Playwright's sync API must not run inside a running asyncio loop: call ``to_pdf`` from a sync view (Django
runs sync views in a worker thread under ASGI too) or a management command, not from an ``async def`` view.
It makes no ORM calls while the browser runs (the HTML is rendered before), so DJANGO_ALLOW_ASYNC_UNSAFE is
not needed; only code that queries the database *inside* a Playwright session (like the e2e tests) needs it.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import html as html_lib
import io
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pandas as pd
from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.exceptions import ImproperlyConfigured, SuspiciousFileOperation
from django.utils import formats, translation
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from municipalities.presentation import none_if_nan
from municipalities.spreadsheets import guard_xlsx_cell
from portfolio.models import TrafficLight
from strategy.templatetags.strategy_tags import STATUS_LABELS

# --------------------------------------------------------------------------------------------------- XLSX

# Kinds of column: how a value is stored and which number format its cells get.
TEXT, INT, SHARE, CHANGE, MONEY, HOURS = "text", "int", "share", "change", "money", "hours"
FTE, SCORE, NUMBER, DATE, BOOL = "fte", "score", "number", "date", "bool"
NUMBER_FORMATS = {
    INT: "#,##0",
    SHARE: "0.0%",
    CHANGE: "+0.0%;-0.0%;0.0%",
    MONEY: "#,##0",
    HOURS: "#,##0.0",
    FTE: "0.00",
    SCORE: "0.0",
    NUMBER: "General",
}
MIN_WIDTH, MAX_WIDTH = 8, 60
SHEET_NAME_LENGTH = 31  # Excel's limit
_SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


@dataclass(frozen=True)
class Column:
    header: object  # a lazy translation, evaluated in the report's language
    get: str | Callable[[dict], object]  # a key of the row, or a function of it
    kind: str = TEXT

    def value(self, row: dict):
        raw = self.get(row) if callable(self.get) else row.get(self.get)
        if raw is None:
            return None
        if self.kind == DATE:
            return _to_date(raw)
        if self.kind == BOOL:
            return bool(raw)
        if self.kind == INT:
            return int(raw)
        if self.kind in NUMBER_FORMATS:
            return float(raw)
        return str(raw)


def _to_date(value) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return None


def _status(row: dict) -> str:
    return str(STATUS_LABELS.get(row.get("status"), STATUS_LABELS["no_data"]))


def _light(key: str) -> Callable[[dict], str | None]:
    labels = dict(TrafficLight.choices)

    def get(row: dict) -> str | None:
        value = row.get(key)
        return None if value is None else str(labels.get(value, value))

    return get


SUPPRESSED = Column(_("suppressed"), "suppressed", BOOL)


def _sheets(data: dict) -> list[tuple[str, list[Column], list[dict]]]:
    """Every table of the report: (sheet name, columns, rows), names and headers in the active language."""
    strategy = data.get("strategy") or {}
    portfolio = data.get("portfolio") or {}
    staffing = data.get("staffing") or {}
    fields = {f["id"]: f["title"] for f in strategy.get("fields", [])}
    goals = {g["id"]: g["title"] for g in strategy.get("goals", [])}
    layers = {r["layer"]: r["label"] for r in portfolio.get("by_layer", [])}
    project, milestone = Column(_("Project"), "project"), Column(_("Milestone"), "title")
    cost = Column(_("Cost (EUR)"), "cost", MONEY)
    return [
        (
            capfirst(gettext("fields of action")),
            [
                Column(_("Field of action"), "title"),
                Column(_("Progress"), "progress", SHARE),
                Column(_("Expected progress"), "expected", SHARE),
                Column(_("Status"), _status),
            ],
            strategy.get("fields", []),
        ),
        (
            capfirst(gettext("goals")),
            [
                Column(_("Field of action"), lambda r: fields.get(r.get("field_id"))),
                Column(_("Goal"), "title"),
                Column(_("Progress"), "progress", SHARE),
                Column(_("Expected progress"), "expected", SHARE),
                Column(_("Change since the last report"), "change", CHANGE),
                Column(_("Status"), _status),
                Column(_("Indicators with outdated data"), "stale_count", INT),
            ],
            strategy.get("goals", []),
        ),
        (
            gettext("Indicators"),
            [
                Column(_("Goal"), lambda r: goals.get(r.get("goal_id"))),
                Column(_("Indicator"), "name"),
                Column(_("Unit"), "unit"),
                Column(_("Latest value"), "latest_value", NUMBER),
                Column(_("Measured on"), "latest_date", DATE),
                Column(capfirst(_("target value")), "target_value", NUMBER),
                Column(_("Target date"), "target_date", DATE),
                Column(_("Progress"), "progress", SHARE),
                Column(_("Expected progress"), "expected", SHARE),
                Column(_("Status"), _status),
                Column(capfirst(_("outdated data")), "stale", BOOL),
            ],
            strategy.get("indicators", []),
        ),
        (
            gettext("Projects by status"),
            [Column(_("Status"), "label"), Column(_("Projects"), "count", INT), cost],
            portfolio.get("by_status", []),
        ),
        (
            gettext("Projects per layer"),
            [
                Column(_("Layer"), "label"),
                Column(_("Projects"), "count", INT),
                cost,
                Column(_("Share of cost"), "share_of_cost", SHARE),
                Column(_("Staff hours saved/year"), "staff_hours_saved", HOURS),
            ],
            portfolio.get("by_layer", []),
        ),
        (
            gettext("Top of the ranking"),
            [
                Column(_("Rank"), "rank", INT),
                Column(_("Project"), "title"),
                Column(_("Layer"), lambda r: layers.get(r.get("layer"), r.get("layer"))),
                Column(_("Score"), "score", SCORE),
            ],
            portfolio.get("top", []),
        ),
        (
            gettext("Behind schedule"),
            [
                Column(_("Project"), "title"),
                Column(capfirst(_("planned end")), "planned_end", DATE),
                Column(_("Schedule"), _light("schedule")),
            ],
            portfolio.get("late", []),
        ),
        (
            gettext("Over budget"),
            [
                Column(_("Project"), "title"),
                cost,
                Column(capfirst(_("forecast total cost (EUR)")), "forecast", MONEY),
                Column(_("Budget"), _light("budget")),
            ],
            portfolio.get("over_budget", []),
        ),
        (
            gettext("Milestones reached"),
            [project, milestone, Column(capfirst(_("reached on")), "date", DATE)],
            portfolio.get("milestones_reached", []),
        ),
        (
            gettext("Milestones due"),
            [project, milestone, Column(capfirst(_("due date")), "date", DATE)],
            portfolio.get("milestones_due", []),
        ),
        (
            gettext("Skills gaps"),
            [
                Column(_("Skill"), "skill"),
                Column(_("Quarters with a gap"), "quarters", INT),
                Column(_("First quarter with a gap"), "first"),
                Column(_("Gap (FTE)"), "gap", FTE),
                SUPPRESSED,
            ],
            staffing.get("gaps", []),
        ),
        (
            gettext("Retirements"),
            [
                Column(_("Skill"), "skill"),
                Column(_("Holders"), "holders", INT),
                Column(_("Share leaving"), "leaving_share", SHARE),
                Column(capfirst(_("fewer than five holders")), "few", BOOL),
                SUPPRESSED,
            ],
            staffing.get("exposure", []),
        ),
    ]


def _sheet_name(name: str, taken: set[str]) -> str:
    base = _SHEET_NAME_FORBIDDEN.sub("-", str(name)).strip("' ")[:SHEET_NAME_LENGTH] or "-"
    candidate, n = base, 2
    while candidate.lower() in taken:
        suffix = f" ({n})"
        candidate, n = base[: SHEET_NAME_LENGTH - len(suffix)] + suffix, n + 1
    taken.add(candidate.lower())
    return candidate


def _excel_date_format() -> str:
    """Django's short date format of the active language, in Excel's notation (d.m.Y → DD.MM.YYYY)."""
    django_format = formats.get_format("SHORT_DATE_FORMAT")
    codes = {"d": "DD", "j": "D", "m": "MM", "n": "M", "Y": "YYYY", "y": "YY"}
    return "".join(codes.get(char, char) for char in django_format)


def _display_length(value, kind: str) -> int:
    if none_if_nan(value) is None:
        return 0
    if kind == DATE:
        return 10
    if kind in (SHARE, CHANGE):
        return 7
    if isinstance(value, float):
        return len(f"{value:,.1f}")
    if isinstance(value, int) and not isinstance(value, bool):
        return len(f"{value:,}")
    return max(len(line) for line in str(value).splitlines() or [""])


def _format_table(worksheet, columns: list[Column], rows: list[list], date_format: str) -> None:
    worksheet.freeze_panes = "A2"
    if rows:
        worksheet.auto_filter.ref = worksheet.dimensions
    for index, column in enumerate(columns, start=1):
        letter = get_column_letter(index)
        number_format = date_format if column.kind == DATE else NUMBER_FORMATS.get(column.kind)
        longest = max([len(str(column.header))] + [_display_length(r[index - 1], column.kind) for r in rows])
        width = min(max(longest + 2, MIN_WIDTH), MAX_WIDTH)
        worksheet.column_dimensions[letter].width = width
        for (cell,) in worksheet.iter_rows(min_row=2, min_col=index, max_col=index):
            if cell.value == "":
                cell.value = None  # pandas writes missing values as "": a suppressed cell is truly empty
            guard_xlsx_cell(cell)  # a title "=HYPERLINK(…)" stays text
            if number_format:
                cell.number_format = number_format
            if column.kind == TEXT and longest + 2 > MAX_WIDTH:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
        worksheet.cell(row=1, column=index).alignment = Alignment(wrap_text=True, vertical="top")


def _report_sheet(book, *, name: str, data: dict, title: str, period, date_format: str) -> None:
    sheet = book.create_sheet(name, 0)
    sheet["A1"] = title
    guard_xlsx_cell(sheet["A1"])
    sheet["A1"].font = Font(bold=True, size=14)
    strategy = data.get("strategy") or {}
    rows: list[tuple[str, object]] = []
    start, end = (_to_date(p) for p in period)
    if start and end:
        short = "SHORT_DATE_FORMAT"
        rows.append(
            (gettext("Period"), f"{formats.date_format(start, short)} – {formats.date_format(end, short)}")
        )
    rows += [
        (gettext("Data as of"), _to_date(data.get("as_of"))),
        (gettext("Built on"), _to_date(data.get("built_on"))),
    ]
    if strategy.get("title"):
        rows.append((gettext("Strategy"), strategy["title"]))
    rows += [
        (capfirst(gettext("summary")), data.get("summary") or ""),
        (
            gettext("Note"),
            gettext(
                "Staffing figures of groups of fewer than five people are suppressed: their cells are "
                "empty and the column “%(column)s” says so."
            )
            % {"column": SUPPRESSED.header},
        ),
    ]
    for offset, (label, value) in enumerate(rows, start=3):
        sheet.cell(row=offset, column=1, value=label).font = Font(bold=True)
        cell = sheet.cell(row=offset, column=2, value=value)
        guard_xlsx_cell(cell)
        cell.alignment = Alignment(wrap_text=True, vertical="top", horizontal="left")
        if isinstance(value, dt.date):
            cell.number_format = date_format
        sheet.cell(row=offset, column=1).alignment = Alignment(vertical="top")
    sheet.column_dimensions["A"].width = max([MIN_WIDTH] + [len(label) + 2 for label, _value in rows])
    sheet.column_dimensions["B"].width = 100


def to_xlsx(
    *,
    data: dict,
    title: str,
    language: str,
    period_start: dt.date | str | None = None,
    period_end: dt.date | str | None = None,
) -> bytes:
    """The report's tables as an XLSX workbook (bytes), sheet names and headers in ``language``.

    ``data`` is what ``reports.builder.build`` returns (or a published report's snapshot). The first sheet
    holds the title, the period (``period_start``/``period_end``, or the same keys in ``data``), the dates
    and the summary.
    """
    period = (period_start or data.get("period_start"), period_end or data.get("period_end"))
    buffer = io.BytesIO()
    with translation.override(language), pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        date_format = _excel_date_format()
        taken: set[str] = set()
        report_name = _sheet_name(gettext("Report"), taken)
        for name, columns, source in _sheets(data):
            name = _sheet_name(name, taken)
            headers = [str(c.header) for c in columns]
            rows = [[c.value(r) for c in columns] for r in source]
            frame = pd.DataFrame(rows, columns=headers, dtype=object)
            frame.to_excel(writer, sheet_name=name, index=False)
            _format_table(writer.sheets[name], columns, rows, date_format)
        _report_sheet(
            writer.book, name=report_name, data=data, title=title, period=period, date_format=date_format
        )
        writer.book.active = 0
        writer.book.properties.title = title
        writer.book.properties.creator = "Digiplan"
        writer.book.properties.language = language
    return buffer.getvalue()


# ---------------------------------------------------------------------------------------------------- PDF

CHROMIUM_DEFAULT = "/usr/bin/chromium"
# The same switches as the browser tests (tests/e2e/conftest.py): headless, no sandbox (containers), and no
# background traffic of the browser itself.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
CHART_TIMEOUT = 20.0  # seconds until every chart must be drawn
MARGIN_MM = {"top": 15, "right": 15, "bottom": 18, "left": 15}
A4_WIDTH_MM, A4_HEIGHT_MM = 210, 297
PX_PER_MM = 96 / 25.4  # CSS pixels
FOOTER = (
    '<div style="width:100%;font-size:8px;color:#555;text-align:center;">'
    '<span class="pageNumber"></span> / <span class="totalPages"></span></div>'
)
_ALL_DRAWN = """() => Array.from(document.querySelectorAll('[data-figure]'))
    .every((element) => element.getAttribute('data-drawn') === 'true')"""
_NOT_DRAWN = """() => ({
    missing: Array.from(document.querySelectorAll('[data-figure]'))
        .filter((element) => element.getAttribute('data-drawn') !== 'true')
        .map((element) => element.getAttribute('data-figure')),
    plotly: typeof Plotly !== 'undefined',
})"""


class PdfError(RuntimeError):
    """The PDF could not be made."""


class ChromiumMissing(PdfError):
    """No Chromium executable where ``CHROMIUM`` (default /usr/bin/chromium) points."""


class ChartsNotDrawn(PdfError):
    """Some ``[data-figure]`` element was not marked ``data-drawn="true"`` in time."""


def chromium_path() -> str:
    return os.environ.get("CHROMIUM", CHROMIUM_DEFAULT)


def _in_event_loop() -> bool:
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return False
    return True


def to_pdf(*, html: str, timeout: float = CHART_TIMEOUT) -> bytes:
    """Print a self-contained HTML document (see ``inline_assets``) to an A4 PDF with headless Chromium.

    Waits up to ``timeout`` seconds until every chart (``[data-figure]``) is drawn; raises ChartsNotDrawn
    otherwise, ChromiumMissing when there is no browser and PdfError for any other failure (also when called
    inside a running asyncio loop). Each call starts and closes its own Chromium.
    """
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    from playwright.sync_api import sync_playwright

    if _in_event_loop():
        raise PdfError(
            "to_pdf uses Playwright's sync API, which cannot run inside an asyncio event loop: call it "
            "from a sync view (or through asgiref's sync_to_async), not from an async view."
        )
    executable = chromium_path()
    if not Path(executable).exists():
        raise ChromiumMissing(
            f"No Chromium at {executable}: the PDF of a report needs a headless Chromium. Install it "
            "(apt-get install chromium) or set CHROMIUM=/path/to/chromium."
        )
    printable_width = (A4_WIDTH_MM - MARGIN_MM["left"] - MARGIN_MM["right"]) * PX_PER_MM
    printable_height = (A4_HEIGHT_MM - MARGIN_MM["top"] - MARGIN_MM["bottom"]) * PX_PER_MM
    with sync_playwright() as playwright:
        try:
            browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        except PlaywrightError as error:
            raise PdfError(f"Chromium at {executable} did not start: {error}") from error
        try:
            context = browser.new_context(
                # Lay out at the printable width of A4, so the charts are drawn at the size they print at.
                viewport={"width": round(printable_width), "height": round(printable_height)},
                # The inlined scripts must run even if the page carries a Content-Security-Policy meta tag.
                bypass_csp=True,
                java_script_enabled=True,
            )
            # Self-contained means self-contained: the browser fetches nothing, not even from localhost.
            context.route("**/*", lambda route: route.abort())
            page = context.new_page()
            page.emulate_media(media="print")
            page.set_content(html, wait_until="load")
            try:
                page.wait_for_function(_ALL_DRAWN, timeout=timeout * 1000)
            except PlaywrightTimeout as error:
                state = page.evaluate(_NOT_DRAWN)
                hint = "" if state["plotly"] else " plotly.js is not loaded: were the scripts inlined?"
                raise ChartsNotDrawn(
                    f"Charts not drawn within {timeout:g} s: {', '.join(state['missing'])}.{hint}"
                ) from error
            page.evaluate("() => document.fonts.ready.then(() => true)")
            return page.pdf(
                format="A4",
                print_background=True,
                margin={side: f"{mm}mm" for side, mm in MARGIN_MM.items()},
                display_header_footer=True,
                header_template="<span></span>",
                footer_template=FOOTER,
                # Accessible PDF: a structure tree (headings H1/H2/H3, tables, lists, figures with their
                # text; Chromium ≥ 118) and bookmarks from the headings. Chromium does not claim PDF/UA.
                tagged=True,
                outline=True,
            )
        except PlaywrightError as error:
            raise PdfError(f"Chromium could not print the report: {error}") from error
        finally:
            browser.close()


# ---------------------------------------------------------------------------------------- inlined assets

_TAG = re.compile(r"<link\b[^>]*>|<script\b[^>]*>\s*</script\s*>", re.IGNORECASE)
_ATTRIBUTE = re.compile(r"""([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?""")
_DROPPED_SCRIPT_ATTRIBUTES = {"src", "defer", "async", "integrity", "crossorigin"}
_DROPPED_LINK_ATTRIBUTES = {"rel", "href", "integrity", "crossorigin", "type"}


def _attributes(tag: str) -> list[tuple[str, str | None, str]]:
    """(lower-case name, unescaped value or None, original text) of each attribute of an opening tag."""
    inner = re.sub(r"^<\w+|/?>\s*(</script\s*>)?$", "", tag, flags=re.IGNORECASE)
    result = []
    for match in _ATTRIBUTE.finditer(inner):
        name = match.group(1).lower()
        raw_value = next((g for g in match.groups()[1:] if g is not None), None)
        value = None if raw_value is None else html_lib.unescape(raw_value)
        result.append((name, value, match.group(0)))
    return result


def static_file(url: str | None) -> Path | None:
    """The file behind a static URL (``/static/js/charts.js``), or None if it is not one we can find.

    Found with the staticfiles finders (development, tests) or, for hashed names of the manifest storage,
    in ``STATIC_ROOT`` (production after collectstatic).
    """
    if not url:
        return None
    prefix = settings.STATIC_URL or "/static/"
    if not prefix.startswith(("/", "http://", "https://")):
        prefix = "/" + prefix
    parts = urlsplit(url)
    path = unquote(parts.path if prefix.startswith("/") else parts._replace(query="", fragment="").geturl())
    if (prefix.startswith("/") and (parts.scheme or parts.netloc)) or not path.startswith(prefix):
        return None
    name = path[len(prefix) :]
    if not name or ".." in Path(name).parts:
        return None
    found = finders.find(name)
    if found:
        return Path(found)
    if not settings.STATIC_ROOT:
        return None  # development: no collected files, the finders are all there is
    try:
        stored = Path(staticfiles_storage.path(name))
    except (ImproperlyConfigured, NotImplementedError, SuspiciousFileOperation, ValueError, OSError):
        return None  # a storage without local files, or a name outside STATIC_ROOT
    return stored if stored.is_file() else None


def inline_assets(html: str) -> str:
    """``html`` with its static stylesheets and scripts inlined, so printing it fetches nothing.

    ``<link rel="stylesheet" href="/static/…">`` becomes ``<style>`` and ``<script src="/static/…">``
    becomes an inline ``<script>`` with the file's content, for every file the static files machinery can
    find; other tags (remote URLs, icons, unknown files) stay as they are. Inline scripts run where they
    stand (``defer``/``async`` do not apply to them), in document order, which suits plotly.js and
    ``charts.js`` (it waits for DOMContentLoaded). Relative ``url(...)`` references inside inlined CSS are
    not resolved (Bootstrap's icons are data: URIs; digiplan.css has none).
    """

    def replace(match: re.Match) -> str:
        tag = match.group(0)
        attributes = _attributes(tag)
        values = {name: value for name, value, _raw in attributes}
        if tag[:5].lower() == "<link":
            if "stylesheet" not in (values.get("rel") or "").lower().split():
                return tag
            file = static_file(values.get("href"))
            if file is None:
                return tag
            css = re.sub(r"</(style)", r"<\\/\1", file.read_text(encoding="utf-8"), flags=re.IGNORECASE)
            kept = "".join(f" {raw}" for name, _v, raw in attributes if name not in _DROPPED_LINK_ATTRIBUTES)
            return f"<style{kept}>\n{css}\n</style>"
        file = static_file(values.get("src"))
        if file is None:
            return tag
        script = re.sub(r"</(script)", r"<\\/\1", file.read_text(encoding="utf-8"), flags=re.IGNORECASE)
        kept = "".join(f" {raw}" for name, _v, raw in attributes if name not in _DROPPED_SCRIPT_ATTRIBUTES)
        return f"<script{kept}>\n{script}\n</script>"

    return _TAG.sub(replace, html)


__all__ = [
    "CHROMIUM_ARGS",
    "ChartsNotDrawn",
    "ChromiumMissing",
    "PdfError",
    "inline_assets",
    "static_file",
    "to_pdf",
    "to_xlsx",
]
