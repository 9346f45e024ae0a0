"""One source per staffing number: a person's shortfall against their role profile is the training page's
(``gaps.profile_levels``), the raw capacity is the supply the gap analysis holds demand against, and the
per-skill summary the gap page and the council report show is ``gaps.gap_summary``."""

import datetime
import re

import pandas as pd
import pytest
from django.urls import reverse

from reports import builder
from staffing import gaps
from staffing.models import RoleProfile, RoleProfileSkill, StaffSkill
from staffing.selectors import capacity
from tests.staffing.conftest import add_demand, add_staff, skill

TODAY = datetime.date(2026, 6, 30)


@pytest.mark.django_db
def test_the_staff_page_and_the_training_page_agree_on_an_expired_skill(town_a, hr, client_for):
    profile = RoleProfile.objects.create(municipality=town_a, name="E-Akte-Koordination")
    target = skill("e-file")
    RoleProfileSkill.objects.create(profile=profile, skill=target, target_level=3)
    (member,) = add_staff(town_a, n=1, skill_code="process-modelling", role_profile=profile)
    # Level 4 once, but the certificate ran out: not held any more, on either page.
    StaffSkill.objects.create(
        staff=member,
        skill=target,
        level=4,
        assessed_on=datetime.date(2023, 1, 1),
        valid_until=datetime.date(2024, 12, 31),
    )
    client = client_for(hr, "en")

    training = client.get(reverse("staffing:training")).content.decode()
    listed = training.split('data-testid="training-people"')[1].split("</table>")[0]
    row = listed.split(f">{member.personnel_number}</a>")[1].split("</tr>")[0]
    assert re.findall(r"<td>([^<]*)</td>", row) == [target.name_en, "3", "0"]

    page = client.get(reverse("staffing:staff", args=[member.pk])).content.decode()
    gaps_table = page.split('data-testid="profile-gaps"')[1].split("</table>")[0]
    row = gaps_table.split(f'<th scope="row">{target.name_en}</th>')[1].split("</tr>")[0]
    assert re.findall(r"<td>(?:<span[^>]*>)?([^<]*)", row) == ["3", "0", "3"]  # target, now, shortfall


class TestCapacity:
    def test_capacity_is_the_supply_the_gap_analysis_counts(self):
        periods = gaps.quarters(start=TODAY, count=4)
        staff = pd.DataFrame(
            {
                "id": [1, 2, 3],
                "org_unit_id": [1, 1, 1],
                "fte": [1.0, 0.5, 1.0],
                "exit_date": [None, None, datetime.date(2026, 8, 1)],  # 3 leaves in the third quarter
            }
        )
        held = pd.DataFrame(
            {"staff_id": [1, 2, 3], "skill_id": [7, 7, 7], "level": [3, 4, 2], "valid_until": [None] * 3}
        )
        hires = pd.DataFrame(
            {"skill_id": [7], "level": [5], "fte": [1.0], "expected_date": [datetime.date(2026, 11, 1)]}
        )
        demands = pd.DataFrame(
            {
                "id": [1],
                "project_id": [1],
                "skill_id": [7],
                "level": [4],
                "fte": [3.0],
                "start": [datetime.date(2026, 1, 1)],
                "end": [datetime.date(2027, 12, 31)],
            }
        )
        supply = gaps.capacity(staff=staff, staff_skills=held, hires=hires, periods=periods)
        assert tuple(supply.columns) == gaps.CAPACITY_COLUMNS
        at_four = supply[supply["level"] == 4]
        assert at_four["supply_fte"].tolist() == [0.5, 0.5, 1.5, 1.5]  # the hire arrives in Q4
        assert at_four["holders"].tolist() == [1, 1, 1, 1]  # a hire is nobody yet
        at_one = supply[supply["level"] == 1]
        assert at_one["supply_fte"].tolist() == [2.5, 2.5, 2.5, 2.5]  # person 3 has left, the hire came
        gap = gaps.skill_gaps(staff=staff, staff_skills=held, demands=demands, hires=hires, periods=periods)
        assert gap["supply_fte"].tolist() == at_four["supply_fte"].tolist()  # S(4): the level demanded

    @pytest.mark.django_db
    def test_the_selector_reads_the_municipalitys_staff_unsuppressed(self, town_a, strategist):
        add_staff(town_a, n=2, skill_code="xoev-standards", level=3)  # two people: a page would hide them
        supply = capacity(user=strategist, municipality=town_a, today=TODAY, quarters=2)
        xoev = supply[(supply["skill_id"] == skill("xoev-standards").pk) & (supply["level"] == 3)]
        assert xoev["supply_fte"].tolist() == [2.0, 2.0] and xoev["holders"].tolist() == [2, 2]


class TestGapSummary:
    TABLE = pd.DataFrame(
        {
            "skill_id": [1, 1, 1, 2, 2, 3],
            "quarter": pd.PeriodIndex(["2026Q3", "2026Q4", "2027Q1", "2026Q3", "2026Q4", "2026Q3"], freq="Q"),
            "demand_fte": [2.0, 2.0, 0.0, 1.0, 1.0, 0.0],
            "gap_fte": [0.0, 1.5, 0.0, float("nan"), float("nan"), 0.0],
            "shortage": pd.array([False, True, False, pd.NA, pd.NA, False], dtype="boolean"),
            "suppressed": [False, False, False, True, True, False],
        }
    )

    def test_per_demanded_skill(self):
        summary = gaps.gap_summary(gaps=self.TABLE)
        assert tuple(summary.columns) == gaps.SUMMARY_COLUMNS
        assert summary.index.tolist() == [1, 2]  # skill 3 has no demand
        assert summary.loc[1, ["demand_fte", "gap_fte", "quarters_short"]].tolist() == [2.0, 1.5, 1]
        assert bool(summary.loc[1, "shortage"]) and str(summary.loc[1, "first_short"]) == "2026Q4"
        # A suppressed skill is not said to be short: its flag is what suppression hides.
        assert not summary.loc[2, "shortage"] and summary.loc[2, "quarters_short"] == 0
        assert summary.loc[2, "suppressed"] and pd.isna(summary.loc[2, "gap_fte"])

    @pytest.mark.django_db
    def test_the_gap_page_and_the_council_report_show_the_same_skills(self, town_a, strategist, client_for):
        add_staff(town_a, n=6, skill_code="e-file", level=3)
        add_demand(town_a, skill_code="e-file", level=3, fte="8.0")
        report = builder.build(
            user=strategist,
            municipality=town_a,
            period_start=datetime.date(2026, 1, 1),
            period_end=TODAY,
            language="en",
            today=TODAY,
        )
        (largest,) = report["staffing"]["gaps"]
        page = client_for(strategist, "en").get(reverse("staffing:gaps")).content.decode()
        assert f">{largest['skill']}</option>" in page
        table = page.split('data-testid="skill-quarters"')[1].split("</table>")[0]
        assert f"{largest['gap']:.2f}" in table  # 8 demanded, 6 there: 2.00 short
