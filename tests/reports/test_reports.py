"""Council reports: frozen snapshots, the change since the last report, who sees what, the public
dashboard, suppressed staffing figures, locked reporting periods."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from municipalities.access import Role
from portfolio.models import StatusReport
from reports.actions import report_create, report_publish, round_close
from reports.models import CouncilReport, ReportingRound, ReportStatus
from strategy.models import Goal, Measurement
from tests.portfolio.conftest import make_project
from tests.reports.files import asked_for, made_file
from tests.staffing.conftest import add_demand, add_staff
from tests.strategy.conftest import adopt, build_strategy

pytestmark = pytest.mark.django_db

JAN, JUN, DEC = datetime.date(2026, 1, 1), datetime.date(2026, 6, 30), datetime.date(2026, 12, 31)


def new_report(town, user, *, title="Bericht", start=JAN, end=JUN, **extra):
    return report_create(
        municipality=town, user=user, title=title, period_start=start, period_end=end, language="de", **extra
    )


def goal_row(report):
    return report.snapshot["strategy"]["goals"][0]


class TestSnapshot:
    def test_a_published_report_does_not_change_when_the_data_does(self, town_a, strategist, client_for):
        strategy = adopt(build_strategy(town_a, goals=1, indicators_per_goal=1))
        report = report_publish(report=new_report(town_a, strategist), user=strategist, today=JUN)
        frozen = report.snapshot
        before = client_for(strategist).get(reverse("reports:report", args=[report.pk])).content.decode()
        indicator = Goal.objects.get(field__strategy=strategy).indicators.get()
        Measurement.objects.create(indicator=indicator, date=datetime.date(2026, 5, 1), value=85)
        report.refresh_from_db()
        assert report.snapshot == frozen
        after = client_for(strategist).get(reverse("reports:report", args=[report.pk])).content.decode()
        assert before.split('data-testid="report-goals"')[1] == after.split('data-testid="report-goals"')[1]
        with pytest.raises(ValidationError):
            report.summary = "anders"
            report.save()

    def test_the_change_since_the_last_report(self, town_a, strategist):
        # Indicator 10 → 90; measured 30 (progress 0.25) for the first report, 70 (0.75) for the second.
        strategy = adopt(build_strategy(town_a, goals=1, indicators_per_goal=1))
        first = report_publish(report=new_report(town_a, strategist, end=JUN), user=strategist, today=JUN)
        assert goal_row(first)["progress"] == pytest.approx(0.25)
        assert goal_row(first)["change"] is None
        indicator = Goal.objects.get(field__strategy=strategy).indicators.get()
        Measurement.objects.create(indicator=indicator, date=datetime.date(2026, 9, 1), value=70)
        second = report_publish(
            report=new_report(town_a, strategist, title="Zweiter", start=datetime.date(2026, 7, 1), end=DEC),
            user=strategist,
            today=DEC,
        )
        assert goal_row(second)["progress"] == pytest.approx(0.75)
        assert goal_row(second)["change"] == pytest.approx(0.5)

    def test_a_correction_withdraws_the_original(self, town_a, strategist, client_for):
        original = report_publish(report=new_report(town_a, strategist), user=strategist, today=JUN)
        response = client_for(strategist).post(reverse("reports:report-correct", args=[original.pk]))
        correction = CouncilReport.objects.get(corrects=original)
        assert response.status_code == 302 and correction.status == ReportStatus.DRAFT
        report_publish(report=correction, user=strategist, today=JUN)
        original.refresh_from_db()
        assert original.status == ReportStatus.WITHDRAWN and original.snapshot is not None


class TestVisibility:
    def test_council_members_never_see_drafts(self, town_a, strategist, council, client_for):
        draft = new_report(town_a, strategist, title="Geheimer Entwurf")
        published = report_publish(
            report=new_report(town_a, strategist, title="Veröffentlicht"), user=strategist
        )
        client = client_for(council)
        listing = client.get(reverse("reports:index")).content.decode()
        assert "Veröffentlicht" in listing and "Geheimer Entwurf" not in listing
        assert client.get(reverse("reports:report", args=[draft.pk])).status_code == 404
        assert asked_for(client, draft, "xlsx").status_code == 404
        assert client.get(reverse("reports:report", args=[published.pk])).status_code == 200
        assert client.post(reverse("reports:report-publish", args=[draft.pk])).status_code == 403

    def test_another_municipalitys_report_is_404(self, town_a, town_b, strategist, make_user, client_for):
        other = make_user("cdo-b", (town_b, Role.STRATEGIST))
        report = report_publish(report=new_report(town_b, other), user=other)
        assert client_for(strategist).get(reverse("reports:report", args=[report.pk])).status_code == 404

    def test_the_public_dashboard(self, town_a, town_b, strategist, make_user, client):
        draft = new_report(town_a, strategist, title="Entwurf A")
        published = report_publish(report=new_report(town_a, strategist, title="Bericht A"), user=strategist)
        other = make_user("cdo-b", (town_b, Role.STRATEGIST))
        report_publish(report=new_report(town_b, other, title="Bericht B"), user=other)
        # Off by default: nothing at all.
        assert client.get(reverse("public-dashboard", args=[town_a.ags])).status_code == 404
        assert client.get(reverse("public-report", args=[town_a.ags, published.pk])).status_code == 404
        town_a.public_dashboard = True
        town_a.save()
        body = client.get(reverse("public-dashboard", args=[town_a.ags])).content.decode()
        assert "Bericht A" in body and "Entwurf A" not in body and "Bericht B" not in body
        assert client.get(reverse("public-report", args=[town_a.ags, published.pk])).status_code == 200
        assert client.get(reverse("public-report", args=[town_a.ags, draft.pk])).status_code == 404
        assert client.get(reverse("public-dashboard", args=[town_b.ags])).status_code == 404


class TestStaffingInReports:
    def test_staffing_figures_are_suppressed_below_five(self, town_a, strategist):
        add_staff(town_a, n=2, skill_code="xoev-standards", level=3)
        add_demand(town_a, skill_code="xoev-standards", level=3, fte="3.0")
        report = report_publish(report=new_report(town_a, strategist), user=strategist, today=JUN)
        staffing = report.snapshot["staffing"]
        # Listed among the gaps, the skill of two holders would tell that they do not suffice.
        assert staffing["gaps"] == []
        # Not a row of "<5" but the band of skills with fewer than five holders, itself under five people.
        assert staffing["exposure"] == []
        assert staffing["few_band"]["holders"] is None and staffing["few_band"]["leaving"] is None
        assert len(staffing["few_band"]["skills"]) == 1


class TestRounds:
    def test_closing_a_round_locks_its_period(self, town_a, strategist, client_for):
        strategy = adopt(build_strategy(town_a, goals=1, indicators_per_goal=1))
        indicator = Goal.objects.get(field__strategy=strategy).indicators.get()
        round = ReportingRound.objects.create(
            municipality=town_a,
            title="Runde",
            period_start=JAN,
            period_end=JUN,
            due_date=JUN,
            meeting_date=datetime.date(2026, 7, 10),
        )
        page = client_for(strategist).get(reverse("reports:round", args=[round.pk])).content.decode()
        assert "outstanding" in page or "ausstehend" in page
        round_close(round=round)
        with pytest.raises(ValidationError):
            Measurement.objects.create(indicator=indicator, date=datetime.date(2026, 3, 1), value=40)
        later = Measurement.objects.create(indicator=indicator, date=datetime.date(2026, 8, 1), value=40)
        later.date = datetime.date(2026, 5, 1)  # moving a figure into the locked period is refused too
        with pytest.raises(ValidationError):
            later.save()
        project = make_project(town_a)
        light = {"overall": "green", "scope_status": "green", "schedule": "green", "budget": "green"}
        light["percent_complete"] = 10
        with pytest.raises(ValidationError, match="Runde"):
            StatusReport(project=project, date=datetime.date(2026, 2, 1), summary="x", **light).full_clean()
        StatusReport(project=project, date=datetime.date(2026, 7, 1), summary="x", **light).full_clean()


class TestFormatsAgree:
    def test_the_xlsx_holds_the_numbers_of_the_page(self, town_a, strategist, client_for):
        import io

        import pandas as pd

        adopt(build_strategy(town_a, goals=2, indicators_per_goal=1))
        report = report_publish(report=new_report(town_a, strategist), user=strategist, today=JUN)
        client = client_for(strategist, "en")
        page = client.get(reverse("reports:report", args=[report.pk])).content.decode()
        workbook = made_file(client, report, "xlsx").content
        goals = pd.read_excel(io.BytesIO(workbook), sheet_name=None)
        sheet = next(frame for name, frame in goals.items() if name.lower().startswith(("goals", "ziele")))
        progress = next(c for c in sheet.columns if str(c).lower() in {"progress", "fortschritt"})
        for lineage, value in zip(
            [g["lineage"] for g in report.snapshot["strategy"]["goals"]], sheet[progress], strict=True
        ):
            row = page.split(f'data-goal="{lineage}"')[1].split("</tr>")[0]
            assert f"{round(value * 100)} %" in row
