"""The council report a clerk can trust (issue 16): strictly as of its date, the change since the last report
from both snapshots, a confirmation before publishing (and a warning before the period has ended), skills of
few holders as a band that says something, the interface language kept, spreadsheet cells from user text
never formulas, and the numbers in the text (not only in the charts), formatted the German way."""

import datetime
import io
import re
from decimal import Decimal

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from portfolio.models import Milestone, Status
from reports import builder
from reports.actions import report_create, report_publish
from reports.models import ReportStatus
from strategy.models import Goal, Measurement
from tests.portfolio.conftest import make_project
from tests.reports.files import made_file
from tests.staffing.conftest import add_staff
from tests.strategy.conftest import adopt, build_strategy

pytestmark = pytest.mark.django_db

JAN, JUN, JUL, DEC = (datetime.date(2026, m, d) for m, d in ((1, 1), (6, 30), (7, 1), (12, 31)))
MAR31, SEP30 = datetime.date(2026, 3, 31), datetime.date(2026, 9, 30)


def new_report(town, user, *, title="1. Halbjahr 2026", start=JAN, end=JUN, language="de"):
    return report_create(
        municipality=town, user=user, title=title, period_start=start, period_end=end, language=language
    )


def light(**lights) -> dict:
    return {"overall": "green", "scope_status": "green", "schedule": "green", "budget": "green"} | lights


def two_indicators(town, *, target=None):
    """One goal with two indicators, both 10 → 90 from 2024-01-01 to 2030-01-01, measured 30 on
    2025-01-01 (build_strategy); the first then 50 on 31.03. and 74 on 30.09., the second 26 on 30.09."""
    strategy = build_strategy(town, goals=1, indicators_per_goal=2)
    first, second = Goal.objects.get(field__strategy=strategy).indicators.order_by("name")
    if target is not None:
        first.unit, first.target_value = "Anträge", target
        first.save()
    adopt(strategy)
    Measurement.objects.create(indicator=first, date=MAR31, value=50, note="Neues Portal seit März.")
    Measurement.objects.create(indicator=first, date=SEP30, value=74, note="Nach dem Relaunch.")
    Measurement.objects.create(indicator=second, date=SEP30, value=26)
    return first, second


@pytest.fixture
def indicators(town_a):
    return two_indicators(town_a)


class TestAsOfItsDate:
    def test_a_report_as_of_30_june_ignores_a_measurement_of_30_september(
        self, town_a, strategist, indicators
    ):
        first, second = indicators
        # Published in December, long after the September measurements were entered.
        report = report_publish(report=new_report(town_a, strategist), user=strategist, today=DEC)
        assert report.snapshot["as_of"] == "2026-06-30"
        rows = {i["id"]: i for i in report.snapshot["strategy"]["indicators"]}
        assert (rows[first.pk]["latest_value"], rows[first.pk]["latest_date"]) == (50.0, "2026-03-31")
        assert (rows[second.pk]["latest_value"], rows[second.pk]["latest_date"]) == (30.0, "2025-01-01")
        # The owners' comment of the period is the one of March, not the later one.
        assert rows[first.pk]["comment"] == "Neues Portal seit März."
        assert rows[second.pk]["comment"] == ""

    def test_status_reports_and_milestones_after_the_date_are_not_known_yet(self, town_a, strategist):
        project = make_project(
            town_a,
            title="E-Rechnung",
            status=Status.IN_PROGRESS,
            planned_start=datetime.date(2025, 1, 1),
            planned_end=datetime.date(2027, 12, 31),
        )
        project.costs.create(year=2026, invest=Decimal("10000"), operating=0)
        project.status_reports.create(
            date=datetime.date(2026, 5, 1), percent_complete=30, summary="Im Plan.", **light()
        )
        project.status_reports.create(
            date=SEP30,
            percent_complete=50,
            summary="Teurer.",
            forecast=Decimal("15000"),
            **light(budget="red"),
        )
        Milestone.objects.create(
            project=project, title="Pilot", due_date=datetime.date(2026, 8, 1), done_date=SEP30
        )
        first = builder.build(
            user=strategist, municipality=town_a, period_start=JAN, period_end=JUN, language="de", today=DEC
        )["portfolio"]
        assert first["over_budget"] == []
        assert [m["title"] for m in first["milestones_due"]] == ["Pilot"]  # still open on 30.06.
        assert first["milestones_reached"] == []
        second = builder.build(
            user=strategist, municipality=town_a, period_start=JUL, period_end=DEC, language="de", today=DEC
        )["portfolio"]
        assert [p["title"] for p in second["over_budget"]] == ["E-Rechnung"]
        assert [m["title"] for m in second["milestones_reached"]] == ["Pilot"]


class TestChangeSinceTheLastReport:
    def test_the_change_equals_the_hand_computed_value(self, town_a, strategist, client_for, indicators):
        # Progress = (latest − 10) / (90 − 10); the goal is the mean of its two indicators (weights 1).
        # As of 30.06.: (50 − 10)/80 = 0.5 and (30 − 10)/80 = 0.25 → 0.375.
        # As of 31.12.: (74 − 10)/80 = 0.8 and (26 − 10)/80 = 0.2 → 0.5. Change: +0.125.
        first = report_publish(report=new_report(town_a, strategist), user=strategist, today=DEC)
        second = report_publish(
            report=new_report(town_a, strategist, title="2. Halbjahr 2026", start=JUL, end=DEC),
            user=strategist,
            today=datetime.date(2027, 1, 15),
        )
        (goal_before,) = first.snapshot["strategy"]["goals"]
        (goal,) = second.snapshot["strategy"]["goals"]
        assert goal_before["progress"] == pytest.approx(0.375)
        assert goal["progress"] == pytest.approx(0.5)
        assert goal["change"] == pytest.approx(0.125)
        page = client_for(strategist).get(reverse("reports:report", args=[second.pk])).content.decode()
        row = page.split(f'data-goal="{goal["lineage"]}"')[1].split("</tr>")[0]
        assert '<td class="text-end change">+13 Prozentpunkte</td>' in row  # 12.5 rounds half up


class TestPublishing:
    def test_publishing_asks_first(self, town_a, strategist, client_for):
        report = new_report(town_a, strategist)
        client = client_for(strategist)
        page = client.get(reverse("reports:report", args=[report.pk])).content.decode()
        assert f'href="/reports/{report.pk}/publish/"' in page  # a link to the confirmation, no form
        confirm = client.get(reverse("reports:report-publish", args=[report.pk])).content.decode()
        assert 'data-testid="publish-confirm"' in confirm and 'data-testid="publish-early"' not in confirm
        report.refresh_from_db()
        assert report.status == ReportStatus.DRAFT
        response = client.post(reverse("reports:report-publish", args=[report.pk]))
        report.refresh_from_db()
        assert response.status_code == 302 and report.status == ReportStatus.PUBLISHED

    def test_before_the_period_has_ended_it_says_so_and_needs_the_box_ticked(
        self, town_a, strategist, client_for
    ):
        today = timezone.localdate()
        end = today + datetime.timedelta(days=29)
        report = new_report(town_a, strategist, title="4. Quartal", start=today, end=end)
        client = client_for(strategist)
        url = reverse("reports:report-publish", args=[report.pk])
        confirm = client.get(url).content.decode()
        warning = confirm.split('data-testid="publish-early"')[1].split("</div>")[0]
        assert f"bis {end:%d.%m.%Y}" in warning and f"Stand {today:%d.%m.%Y}" in warning
        refused = client.post(url).content.decode()
        report.refresh_from_db()
        assert report.status == ReportStatus.DRAFT
        assert "Bestätigen Sie, dass der Bericht vor dem Ende seines Zeitraums veröffentlicht" in refused
        response = client.post(url, {"early": "on"})
        report.refresh_from_db()
        assert response.status_code == 302 and report.status == ReportStatus.PUBLISHED
        assert report.snapshot["as_of"] == today.isoformat()

    def test_the_action_refuses_an_early_publication_without_the_confirmation(self, town_a, strategist):
        report = new_report(town_a, strategist, title="4. Quartal", start=datetime.date(2026, 10, 1), end=DEC)
        with pytest.raises(ValidationError) as refused:
            report_publish(report=report, user=strategist, today=datetime.date(2026, 12, 2))
        assert refused.value.error_dict["period_end"][0].code == "period_not_ended"
        report.refresh_from_db()
        assert report.status == ReportStatus.DRAFT
        published = report_publish(
            report=report, user=strategist, today=datetime.date(2026, 12, 2), early=True
        )
        assert published.snapshot["as_of"] == "2026-12-02"
        # From the period's last day on no confirmation of that kind is needed.
        on_time = new_report(town_a, strategist, title="Jahr", start=JAN, end=DEC)
        assert report_publish(report=on_time, user=strategist, today=DEC).status == ReportStatus.PUBLISHED


class TestSmallGroupsAsBands:
    def test_skills_of_few_holders_are_one_band_with_its_own_figures(self, town_a, strategist, client_for):
        soon = datetime.date(2028, 6, 30)
        # Three skills of 2, 3 and 4 holders (9 people, each holding one); 3 of them leave within 5 years.
        add_staff(town_a, n=2, skill_code="fim", exit_date=soon)
        add_staff(town_a, n=1, skill_code="e-file", exit_date=soon)
        add_staff(town_a, n=2, skill_code="e-file")
        add_staff(town_a, n=4, skill_code="scanning")
        report = report_publish(report=new_report(town_a, strategist), user=strategist, today=JUN)
        staffing = report.snapshot["staffing"]
        assert staffing["exposure"] == []  # no row of "<5 / –"
        band = staffing["few_band"]
        assert band["holders"] == 9 and band["leaving"] is None and band["leaving_under"] is True
        assert len(band["skills"]) == 3
        page = client_for(strategist).get(reverse("reports:report", args=[report.pk])).content.decode()
        row = page.split('data-testid="few-band"')[1].split("</tr>")[0]
        assert "3 Kompetenzen werden von jeweils weniger als fünf Personen gehalten" in row
        assert "9 zusammen" in row and "unter 5 von 9" in row
        assert "&lt;5" not in page.split('data-testid="report-exposure"')[1].split("</table>")[0]

    def test_a_band_of_fewer_than_five_people_shows_no_count(self, town_a, strategist):
        add_staff(town_a, n=2, skill_code="fim")
        add_staff(town_a, n=2, skill_code="e-file")
        band = builder.build(
            user=strategist, municipality=town_a, period_start=JAN, period_end=JUN, language="de", today=JUN
        )["staffing"]["few_band"]
        assert band["holders"] is None and band["leaving"] is None


class TestLanguages:
    def test_a_german_report_in_the_english_interface(self, town_a, strategist, client_for):
        report = new_report(town_a, strategist)
        page = client_for(strategist, "en").get(reverse("reports:report", args=[report.pk])).content.decode()
        body = page.split('<div lang="de" class="report">')[1].split("<footer")[0]
        chrome = page.split('<div lang="de" class="report">')[0]
        assert '<html lang="en">' in chrome and "Main navigation" in chrome and "Publish…" in chrome
        assert "Zusammenfassung" in body and "Inhalt" in body and "Summary" not in body
        # The interface stays English on the next page too.
        index = client_for(strategist, "en").get(reverse("reports:index")).content.decode()
        assert '<html lang="en">' in index

    def test_figures_and_dates_are_german_in_a_german_report(self, town_a, strategist, client_for):
        first, _second = two_indicators(town_a, target=Decimal("1234.5"))
        report = report_publish(report=new_report(town_a, strategist), user=strategist, today=DEC)
        page = client_for(strategist, "en").get(reverse("reports:report", args=[report.pk])).content.decode()
        row = page.split(f'<tr data-indicator="{first.pk}">')[1].split("</tr>")[0]
        assert re.search(r'data-testid="latest-value">50 Anträge<', row)
        assert "31.03.2026" in row and "1.234,5 Anträge" in row and "bis 01.01.2030" in row
        assert "(v1)" not in page and "Digitale Agenda" in page
        assert "<li>keine</li>" not in page and "Kein Projekt ist im Verzug." in page
        assert "Neues Portal seit März." in page  # the owners' comment


class TestSpreadsheetInjection:
    def test_a_title_that_looks_like_a_formula_is_text_in_the_workbook(self, town_a, strategist, client_for):
        title = '=HYPERLINK("https://example.invalid/","Klick")'
        make_project(
            town_a,
            title=title,
            status=Status.IN_PROGRESS,
            planned_start=datetime.date(2025, 1, 1),
            planned_end=datetime.date(2026, 3, 31),  # overdue: listed as behind schedule
        )
        report = new_report(town_a, strategist, title="+Bericht")
        response = made_file(client_for(strategist), report, "xlsx")
        book = openpyxl.load_workbook(io.BytesIO(response.content))
        cells = [
            cell
            for sheet in book.worksheets
            for row in sheet.iter_rows()
            for cell in row
            if isinstance(cell.value, str) and cell.value.startswith(("=", "+"))
        ]
        assert {c.value for c in cells} >= {title, "+Bericht"}
        assert all(c.data_type == "s" and c.quotePrefix for c in cells)


def _struct_types(node, seen: set, depth: int = 0) -> set:
    """The structure types (/S) of a tagged PDF's structure tree below ``node``."""
    node = node.get_object()
    if depth > 60:
        return seen
    if isinstance(node, dict) or hasattr(node, "keys"):
        if "/S" in node:
            seen.add(str(node["/S"]))
        kids = node.get("/K")
        if kids is not None:
            kids = kids.get_object()
            for kid in kids if isinstance(kids, list) else [kids]:
                if hasattr(kid, "get_object") or isinstance(kid, dict):
                    _struct_types(kid, seen, depth + 1)
    return seen


def _titles(outline) -> list[str]:
    """Every bookmark's title, depth first."""
    titles = []
    for item in outline:
        titles += _titles(item) if isinstance(item, list) else [item.title]
    return titles


@pytest.mark.e2e
def test_the_pdf_is_tagged_has_bookmarks_and_every_indicators_value_and_target_in_german(town_a, strategist):
    from django.template.loader import render_to_string
    from django.utils import translation
    from pypdf import PdfReader

    from reports import exports
    from reports.context import report_context
    from reports.templatetags.report_tags import figure
    from tests.reports.test_exports import in_a_thread

    two_indicators(town_a, target=Decimal("1234.5"))
    report = report_publish(report=new_report(town_a, strategist), user=strategist, today=DEC)
    with translation.override("de"):
        html = render_to_string("reports/report_print.html", report_context(report, report.snapshot))
        expected = {
            i["name"]: (
                f"{figure(i['latest_value'])} {i['unit']}",
                f"{figure(i['target_value'])} {i['unit']}",
            )
            for i in report.snapshot["strategy"]["indicators"]
        }
    pdf = in_a_thread(exports.to_pdf, html=exports.inline_assets(html))
    reader = PdfReader(io.BytesIO(pdf))
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root and "/Outlines" in root
    types = _struct_types(root["/StructTreeRoot"], set())
    assert {"/H1", "/H2", "/Table"} <= types
    bookmarks = _titles(reader.outline)
    assert bookmarks[0] == "1. Halbjahr 2026"  # the title (h1), the sections (h2) below it
    assert {"Inhalt", "Zusammenfassung", "Online-Bürgerservices", "Portfolio", "Personal"} <= set(bookmarks)

    # Table cells wrap in the PDF's text: read it as one run of words, each indicator's row up to the next.
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    table = text.split("Indikatoren von „Online-Bürgerservices“ Indikator")[1].split("Kommentare")[0]
    assert expected == {"Indikator 1.1": ("50 Anträge", "1.234,5 Anträge"), "Indikator 1.2": ("30 %", "90 %")}
    first, second = table.split("Indikator 1.2")
    assert "Indikator 1.1 50 Anträge 31.03.2026 1.234,5 Anträge (bis 01.01.2030)" in first
    assert second.startswith(" 30 % 01.01.2025 veraltet 90 % (bis 01.01.2030)")
