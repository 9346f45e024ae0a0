"""Council reports as XLSX and PDF (reports/exports.py): the files show the figures of the report's data."""

from __future__ import annotations

import asyncio
import concurrent.futures
import datetime as dt
import io

import openpyxl
import pandas as pd
import plotly.graph_objects as go
import pypdfium2 as pdfium
import pytest
from django.templatetags.static import static
from django.utils.html import json_script
from pypdf import PdfReader

from reports import exports

DATA = {
    "version": 1,
    "built_on": "2026-10-05",
    "as_of": "2026-09-30",
    "strategy": {
        "id": 2,
        "title": "Digitale Agenda 2030",
        "fields": [
            {
                "id": 7,
                "title": "Online-Bürgerservices",
                "progress": 0.7112,
                "expected": 0.7167,
                "status": "on_track",
            },
            {"id": 8, "title": "E-Akte", "progress": 0.5898, "expected": 0.6674, "status": "at_risk"},
        ],
        "goals": [
            {
                "id": 27,
                "lineage": "61ed698a-4755-41eb-a99d-391702f0c63d",
                "field_id": 7,
                "title": "Alle Leistungen online",
                "progress": 0.7112,
                "expected": 0.6871,
                "status": "on_track",
                "change": 0.0512,
                "stale_count": 0,
            },
            {
                "id": 28,
                "lineage": "b3b1012a-b65f-4427-ba3d-7684f6d24d49",
                "field_id": 8,
                "title": "E-Akte in allen Ämtern",
                "progress": None,
                "expected": None,
                "status": "no_data",
                "change": None,
                "stale_count": 1,
            },
        ],
        "indicators": [
            {
                "id": 50,
                "goal_id": 27,
                "name": "Online-Leistungen",
                "unit": "Leistungen",
                "latest_value": 3472.0,
                "latest_date": "2026-09-30",
                "target_value": 5000.0,
                "target_date": "2028-12-31",
                "progress": 0.6749,
                "expected": 0.6245,
                "status": "on_track",
                "stale": False,
            },
            {
                "id": 51,
                "goal_id": 28,
                "name": "Ämter mit E-Akte",
                "unit": "Ämter",
                "latest_value": None,
                "latest_date": None,
                "target_value": 12.0,
                "target_date": "2028-12-31",
                "progress": None,
                "expected": None,
                "status": "no_data",
                "stale": True,
            },
        ],
    },
    "portfolio": {
        "count": 30,
        "by_status": [
            {"status": "approved", "label": "Beschlossen", "count": 7, "cost": 1360500.0},
            {"status": "in_progress", "label": "In Umsetzung", "count": 12, "cost": 3650600.0},
            {"status": "on_hold", "label": "Pausiert", "count": 3, "cost": 685000.0},
            {"status": "completed", "label": "Abgeschlossen", "count": 8, "cost": 3032500.0},
        ],
        "by_layer": [
            {
                "layer": "front_end",
                "label": "Front-End",
                "count": 12,
                "cost": 1987500.0,
                "share_of_cost": 0.1879,
                "staff_hours_saved": 1113.0,
            },
            {
                "layer": "back_end",
                "label": "Back-End",
                "count": 22,
                "cost": 7883100.0,
                "share_of_cost": 0.7452,
                "staff_hours_saved": 8670.2,
            },
        ],
        "top": [
            {"id": 11, "title": "Online-Anwohnerparken", "layer": "back_end", "rank": 1.0, "score": 70.6},
            {"id": 15, "title": "E-Rechnung", "layer": "front_end", "rank": 2.0, "score": 70.3},
        ],
        "late": [{"id": 19, "title": "Personalakte", "planned_end": "2026-03-31", "schedule": "red"}],
        "over_budget": [
            {"id": 19, "title": "Personalakte", "cost": 642500.0, "forecast": 672000.0, "budget": "red"}
        ],
        "milestones_reached": [
            {"project": "ePayment", "title": "Onlinedienst getestet", "date": "2026-04-09"}
        ],
        "milestones_due": [
            {"project": "Baugenehmigung", "title": "Workflow produktiv", "date": "2026-10-31"}
        ],
    },
    "staffing": {
        "gaps": [
            {"skill": "E-Akte einführen", "quarters": 8, "first": "2026Q3", "gap": 1.6, "suppressed": False},
            {
                "skill": "BSI IT-Grundschutz",
                "quarters": 3,
                "first": "2026Q3",
                "gap": None,
                "suppressed": True,
            },
        ],
        "exposure": [
            {
                "skill": "Prozessmodellierung",
                "holders": 6.0,
                "leaving_share": 0.5,
                "few": False,
                "suppressed": False,
            },
            {"skill": "XRechnung", "holders": None, "leaving_share": None, "few": True, "suppressed": True},
        ],
        "horizon": 5,
    },
    "summary": "Von 2 Zielen ist eines im Plan.",
}

ENGLISH_SHEETS = [
    "Report",
    "Fields of action",
    "Goals",
    "Indicators",
    "Projects by status",
    "Projects per layer",
    "Top of the ranking",
    "Behind schedule",
    "Over budget",
    "Milestones reached",
    "Milestones due",
    "Skills gaps",
    "Retirements",
]


def workbook(language: str) -> bytes:
    return exports.to_xlsx(
        data=DATA,
        title="Ratsbericht Herbst 2026",
        language=language,
        period_start=dt.date(2026, 4, 1),
        period_end=dt.date(2026, 9, 30),
    )


def header(sheet) -> list[str]:
    return [cell.value for cell in sheet[1]]


def column(sheet, name: str) -> list:
    index = header(sheet).index(name)
    return [row[index] for row in sheet.iter_rows(min_row=2, values_only=True)]


def test_xlsx_has_every_table_in_english():
    book = openpyxl.load_workbook(io.BytesIO(workbook("en")))
    assert book.sheetnames == ENGLISH_SHEETS
    assert header(book["Goals"])[:3] == ["Field of action", "Goal", "Progress"]
    assert book["Goals"].freeze_panes == "A2"


def test_xlsx_sheet_names_and_headers_follow_the_language():
    book = openpyxl.load_workbook(io.BytesIO(workbook("de")))
    assert len(book.sheetnames) == len(ENGLISH_SHEETS)
    assert book.sheetnames[1:4] == ["Handlungsfelder", "Ziele", "Indikatoren"]
    assert {"Projekte je Ebene", "Ruhestand"} <= set(book.sheetnames)
    assert header(book["Ziele"])[:3] == ["Handlungsfeld", "Ziel", "Fortschritt"]
    assert column(book["Handlungsfelder"], "Status") == ["im Plan", "gefährdet"]


def test_xlsx_report_sheet_has_title_period_date_and_summary():
    sheet = openpyxl.load_workbook(io.BytesIO(workbook("de"))).worksheets[0]
    values = {row[0]: row[1] for row in sheet.iter_rows(min_row=2, values_only=True) if row[0]}
    assert sheet["A1"].value == "Ratsbericht Herbst 2026"
    assert values["Zeitraum"] == "01.04.2026 – 30.09.2026"
    assert dt.date(2026, 9, 30) in {v.date() for v in values.values() if isinstance(v, dt.datetime)}
    assert "Von 2 Zielen ist eines im Plan." in values.values()


def test_xlsx_numbers_are_the_dicts_numbers_with_formats():
    book = openpyxl.load_workbook(io.BytesIO(workbook("en")))
    goals = book["Goals"]
    assert column(goals, "Progress") == [0.7112, None]
    assert column(goals, "Change since the last report") == [0.0512, None]
    progress = goals.cell(row=2, column=header(goals).index("Progress") + 1)
    assert progress.number_format.endswith("%")

    by_status = book["Projects by status"]
    assert column(by_status, "Projects") == [7, 12, 3, 8]
    assert column(by_status, "Cost (EUR)") == [1360500, 3650600, 685000, 3032500]
    assert by_status.cell(row=2, column=3).number_format == "#,##0"
    assert column(book["Projects per layer"], "Share of cost") == [0.1879, 0.7452]
    assert column(book["Top of the ranking"], "Layer") == ["Back-End", "Front-End"]

    indicators = book["Indicators"]
    assert column(indicators, "Latest value") == [3472, None]
    assert column(indicators, "Measured on")[0].date() == dt.date(2026, 9, 30)


def test_xlsx_suppressed_staffing_cells_stay_empty_and_say_so():
    book = openpyxl.load_workbook(io.BytesIO(workbook("en")))
    gaps = book["Skills gaps"]
    assert column(gaps, "Gap (FTE)") == [1.6, None]
    assert column(gaps, "suppressed") == [False, True]
    index = header(gaps).index("Gap (FTE)") + 1
    assert gaps.cell(row=3, column=index).data_type == "n"  # empty, not an empty string
    exposure = book["Retirements"]
    assert column(exposure, "Holders") == [6, None]
    assert column(exposure, "Share leaving") == [0.5, None]
    assert column(exposure, "suppressed") == [False, True]


def test_xlsx_reads_with_pandas_and_survives_an_empty_report():
    frames = pd.read_excel(io.BytesIO(workbook("en")), sheet_name=None)
    assert frames["Goals"]["Progress"].iloc[0] == pytest.approx(0.7112)
    empty = {"built_on": "2026-10-05", "as_of": "2026-09-30", "strategy": None, "summary": ""}
    book = openpyxl.load_workbook(io.BytesIO(exports.to_xlsx(data=empty, title="Leer", language="en")))
    assert book.sheetnames == ENGLISH_SHEETS
    assert book["Goals"].max_row == 1  # the header only


def test_inline_assets_inlines_found_static_files_and_leaves_the_rest():
    html = (
        f'<link rel="stylesheet" href="{static("css/digiplan.css")}">'
        f'<link rel="icon" href="{static("css/digiplan.css")}">'
        f'<script src="{static("js/charts.js")}" defer></script>'
        f'<script src="{static("js/missing.js")}"></script>'
        '<script src="https://example.org/remote.js"></script>'
    )
    result = exports.inline_assets(html)
    assert "<style>" in result and ".chart { min-height: 420px; }" in result
    assert f'<link rel="icon" href="{static("css/digiplan.css")}">' in result
    assert "<script>\n// Draws every plotly figure" in result and "defer" not in result
    assert f'<script src="{static("js/missing.js")}"></script>' in result
    assert '<script src="https://example.org/remote.js"></script>' in result


def test_inline_assets_cannot_close_the_script_early(settings, tmp_path):
    (tmp_path / "tricky.js").write_text('const s = "</script><p>";\n', encoding="utf-8")
    settings.STATICFILES_DIRS = [*settings.STATICFILES_DIRS, tmp_path]
    result = exports.inline_assets(f'<script src="{static("tricky.js")}" type="module"></script>')
    assert result == '<script type="module">\nconst s = "<\\/script><p>";\n\n</script>'


def in_a_thread(function, /, **kwargs):
    """Call ``function`` the way a server does: in a thread of its own. (In the whole suite the browser
    tests keep Playwright's event loop running in the main thread, where the sync API refuses to start.)"""
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(function, **kwargs).result()


def test_to_pdf_without_chromium_says_so(monkeypatch, tmp_path):
    monkeypatch.setenv("CHROMIUM", str(tmp_path / "no-chromium"))
    with pytest.raises(exports.ChromiumMissing, match="No Chromium at"):
        in_a_thread(exports.to_pdf, html="<p>x</p>")


def report_page(*, figure: bool = True) -> str:
    fig = go.Figure(go.Bar(x=["Online-Dienste", "E-Akte"], y=[71, 59]))
    fig.update_layout(title="Fortschritt der Handlungsfelder")
    page = f"""<!DOCTYPE html>
<html lang="de"><head><meta charset="utf-8"><title>Ratsbericht</title>
<link rel="stylesheet" href="{static("vendor/bootstrap/css/bootstrap.min.css")}">
<script src="{static("vendor/plotly/plotly.min.js")}" defer></script>
<script src="{static("js/charts.js")}" defer></script></head>
<body><main class="container"><h1>Ratsbericht Herbst 2026</h1>
<p>Fortschritt der Ziele: 71 %</p>
<div class="chart" data-figure="f1"></div>
{json_script(fig.to_json(), "f1") if figure else ""}
</main></body></html>"""
    return exports.inline_assets(page)


@pytest.mark.e2e
def test_to_pdf_prints_text_and_the_drawn_chart():
    html = report_page()
    assert "/static/" not in html  # self-contained: the browser fetches nothing
    pdf = in_a_thread(exports.to_pdf, html=html)
    assert pdf.startswith(b"%PDF")

    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "Ratsbericht Herbst 2026" in text
    assert "71 %" in text
    assert "Fortschritt der Handlungsfelder" in text  # plotly's SVG text is PDF text
    assert "Online-Dienste" in text

    document = pdfium.PdfDocument(pdf)
    assert len(document) >= 1
    for page in document:
        pixels = page.render(scale=1).to_numpy()
        assert pixels.size > 0
        assert pixels.min() < 250  # something is drawn, not a blank page
    document.close()


@pytest.mark.e2e
def test_to_pdf_says_which_chart_was_not_drawn():
    with pytest.raises(exports.ChartsNotDrawn, match="f1"):
        in_a_thread(exports.to_pdf, html=report_page(figure=False), timeout=1)


def test_to_pdf_refuses_to_run_inside_an_event_loop():
    async def in_async_view():
        return exports.to_pdf(html="<p>x</p>")

    with pytest.raises(exports.PdfError, match="asyncio event loop"):
        in_a_thread(asyncio.run, main=in_async_view())
