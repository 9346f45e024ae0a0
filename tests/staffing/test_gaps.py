"""Skills gap analysis (DESIGN.md §5 "Skills gap", §6 privacy) on hand-computed cases, without a database.

Unless a test says otherwise the analysis runs over the four quarters of 2026 (Q1 has 90 days, Q2 91, Q3 and
Q4 92), a member of staff works full time in unit 1 with no exit planned, a skill never expires, and a demand
runs through the whole year.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

import numpy as np
import pandas as pd
import pytest

from staffing.gaps import (
    GAP_COLUMNS,
    HOLDER_COLUMNS,
    MATRIX_COLUMNS,
    OPTION_COLUMNS,
    PROFILE_GAP_COLUMNS,
    gap_options,
    holder_risks,
    profile_gaps,
    quarters,
    skill_gaps,
    skills_matrix,
    suppress,
)

D = datetime.date
YEAR = quarters(start=D(2026, 1, 1), count=4)
TWO_YEARS = quarters(start=D(2026, 1, 1), count=8)
TODAY = D(2026, 1, 1)
YEAR_END = D(2026, 12, 31)


def person(id: int, *, fte=1.0, exit=None, unit: int = 1) -> dict:
    return {"id": id, "org_unit_id": unit, "fte": fte, "exit_date": exit}


def holds(staff_id: int, skill_id: int, level: int, *, valid=None) -> dict:
    return {"staff_id": staff_id, "skill_id": skill_id, "level": level, "valid_until": valid}


def needs(skill_id: int, level: int, fte, *, start=TODAY, end=YEAR_END, id: int = 0) -> dict:
    return {
        "id": id,
        "project_id": 1,
        "skill_id": skill_id,
        "level": level,
        "fte": fte,
        "start": start,
        "end": end,
    }


def hire(skill_id: int, level: int, fte, expected) -> dict:
    return {"skill_id": skill_id, "level": level, "fte": fte, "expected_date": expected}


def staff_frame(*rows: dict) -> pd.DataFrame:
    return pd.DataFrame(list(rows), columns=["id", "org_unit_id", "fte", "exit_date"])


def skills_frame(*rows: dict) -> pd.DataFrame:
    return pd.DataFrame(list(rows), columns=["staff_id", "skill_id", "level", "valid_until"])


def demands_frame(*rows: dict) -> pd.DataFrame:
    frame = pd.DataFrame(list(rows), columns=["id", "project_id", "skill_id", "level", "fte", "start", "end"])
    frame["id"] = np.arange(1, len(frame) + 1)
    return frame


def hires_frame(*rows: dict) -> pd.DataFrame:
    return pd.DataFrame(list(rows), columns=["skill_id", "level", "fte", "expected_date"])


def gaps_of(*, staff=(), skills=(), demands=(), hires=(), periods=YEAR, **options) -> pd.DataFrame:
    return skill_gaps(
        staff=staff_frame(*staff),
        staff_skills=skills_frame(*skills),
        demands=demands_frame(*demands),
        hires=hires_frame(*hires),
        periods=periods,
        **options,
    )


def column(frame: pd.DataFrame, name: str, *, skill: int = 1) -> list:
    """One column of one skill's rows, quarter by quarter."""
    return frame.loc[frame["skill_id"] == skill, name].tolist()


class TestQuarters:
    def test_the_quarter_containing_start_and_those_after(self):
        periods = quarters(start=D(2026, 2, 15), count=3)
        assert [str(p) for p in periods] == ["2026Q1", "2026Q2", "2026Q3"]
        assert periods.freqstr.startswith("Q")
        assert periods.name == "quarter"

    def test_none_and_a_negative_count(self):
        assert len(quarters(start=TODAY, count=0)) == 0
        with pytest.raises(ValueError, match="negative"):
            quarters(start=TODAY, count=-1)


class TestSkillGaps:
    def test_columns_types_and_one_row_per_skill_and_quarter(self):
        frame = gaps_of(
            staff=[person(1)], skills=[holds(1, 7, 3)], demands=[needs(2, 3, 1.0), needs(7, 2, 0.5)]
        )
        assert list(frame.columns) == list(GAP_COLUMNS)
        assert frame["skill_id"].tolist() == [2, 2, 2, 2, 7, 7, 7, 7]
        assert [str(q) for q in frame["quarter"]] == ["2026Q1", "2026Q2", "2026Q3", "2026Q4"] * 2
        assert str(frame["quarter"].dtype) == "period[Q-DEC]"
        assert str(frame["needed_level"].dtype) == "Int64"
        assert frame["skill_id"].dtype == "int64"
        for name in ("demand_fte", "supply_fte", "gap_fte", "coverage"):
            assert frame[name].dtype == "float64"
            assert frame[name].notna().all()

    def test_exits_inside_and_outside_the_period(self):
        frame = gaps_of(
            staff=[
                person(1, exit=D(2026, 5, 15)),  # leaves in Q2: counts in Q1 and Q2
                person(2, exit=D(2026, 7, 1)),  # leaves on the first day of Q3: counts in Q1 and Q2
                person(3, exit=D(2027, 3, 1)),  # leaves after the range: counts throughout
                person(4, exit=D(2025, 12, 31)),  # left before the range: never counts
            ],
            skills=[holds(1, 1, 3), holds(2, 1, 3), holds(3, 1, 3), holds(4, 1, 3)],
            demands=[needs(1, 3, 2.0)],
        )
        assert column(frame, "supply_fte") == [3.0, 3.0, 1.0, 1.0]
        assert column(frame, "gap_fte") == [0.0, 0.0, 1.0, 1.0]
        assert column(frame, "coverage") == [1.0, 1.0, 0.5, 0.5]
        assert column(frame, "needed_level") == [pd.NA, pd.NA, 3, 3]

    def test_someone_who_has_left_brings_no_skill_into_the_range(self):
        frame = gaps_of(staff=[person(1, exit=D(2025, 6, 30))], skills=[holds(1, 4, 5)])
        assert frame.empty
        assert list(frame.columns) == list(GAP_COLUMNS)

    def test_hires_inside_and_outside_the_period(self):
        frame = gaps_of(
            hires=[
                hire(1, 3, 1.0, D(2026, 8, 20)),  # expected in Q3: counts from Q3
                hire(1, 3, 0.5, D(2025, 6, 1)),  # expected before the range: counts throughout
                hire(1, 3, 2.0, D(2027, 2, 1)),  # expected after the range: never
                hire(1, 3, 4.0, None),  # no date: left out
            ],
            demands=[needs(1, 3, 1.0)],
        )
        assert column(frame, "supply_fte") == [0.5, 0.5, 1.5, 1.5]
        assert column(frame, "gap_fte") == [0.5, 0.5, 0.0, 0.0]

    def test_a_hire_counts_at_its_level(self):
        frame = gaps_of(hires=[hire(1, 2, 1.0, D(2026, 1, 1))], demands=[needs(1, 3, 1.0)])
        assert column(frame, "supply_fte") == [0.0] * 4
        assert column(frame, "gap_fte") == [1.0] * 4

    def test_levels_above_the_need_count_and_below_do_not(self):
        staff = [person(1, fte=0.5), person(2, fte=0.5), person(3)]
        frame = gaps_of(
            staff=staff, skills=[holds(1, 1, 5), holds(2, 1, 3), holds(3, 1, 2)], demands=[needs(1, 3, 1.0)]
        )
        assert column(frame, "supply_fte") == [1.0] * 4
        assert column(frame, "gap_fte") == [0.0] * 4

        frame = gaps_of(staff=staff, skills=[holds(1, 1, 5), holds(3, 1, 2)], demands=[needs(1, 3, 1.0)])
        assert column(frame, "supply_fte") == [0.5] * 4
        assert column(frame, "gap_fte") == [0.5] * 4
        assert column(frame, "coverage") == [0.5] * 4
        assert column(frame, "needed_level") == [3] * 4

    def test_part_time_staff_count_with_their_fte(self):
        frame = gaps_of(
            staff=[person(1, fte=0.5), person(2, fte=Decimal("0.75"))],
            skills=[holds(1, 1, 3), holds(2, 1, 4)],
            demands=[needs(1, 3, 2.0)],
        )
        assert column(frame, "supply_fte") == [1.25] * 4
        assert column(frame, "gap_fte") == [0.75] * 4
        assert column(frame, "coverage") == pytest.approx([0.625] * 4)

    def test_a_skill_nobody_holds(self):
        frame = gaps_of(staff=[person(1)], skills=[holds(1, 2, 5)], demands=[needs(9, 2, 1.5)])
        assert column(frame, "demand_fte", skill=9) == [1.5] * 4
        assert column(frame, "supply_fte", skill=9) == [0.0] * 4
        assert column(frame, "gap_fte", skill=9) == [1.5] * 4
        assert column(frame, "coverage", skill=9) == [0.0] * 4
        assert column(frame, "needed_level", skill=9) == [2] * 4

    def test_a_skill_held_by_one_person(self):
        frame = gaps_of(staff=[person(1)], skills=[holds(1, 1, 4)], demands=[needs(1, 4, 1.5)])
        assert column(frame, "supply_fte") == [1.0] * 4
        assert column(frame, "gap_fte") == [0.5] * 4
        assert column(frame, "coverage") == pytest.approx([2 / 3] * 4)

    def test_a_skill_with_supply_and_no_demand(self):
        frame = gaps_of(staff=[person(1, fte=0.5), person(2)], skills=[holds(1, 1, 1), holds(2, 1, 4)])
        assert column(frame, "demand_fte") == [0.0] * 4
        assert column(frame, "supply_fte") == [1.5] * 4  # S(1): everyone who holds it
        assert column(frame, "gap_fte") == [0.0] * 4
        assert column(frame, "coverage") == [1.0] * 4
        assert frame["needed_level"].isna().all()

    def test_demand_counts_pro_rata(self):
        # 15 Feb – 15 May: 45 of Q1's 90 days and 45 of Q2's 91 days.
        frame = gaps_of(demands=[needs(1, 2, 1.0, start=D(2026, 2, 15), end=D(2026, 5, 15))])
        assert column(frame, "demand_fte") == pytest.approx([0.5, 45 / 91, 0.0, 0.0])
        assert column(frame, "gap_fte") == pytest.approx([0.5, 45 / 91, 0.0, 0.0])
        assert column(frame, "coverage") == [0.0, 0.0, 1.0, 1.0]
        assert column(frame, "needed_level") == [2, 2, pd.NA, pd.NA]

    def test_a_single_day_and_both_ends_count(self):
        frame = gaps_of(demands=[needs(1, 2, 9.0, start=D(2026, 3, 31), end=D(2026, 4, 1))])
        assert column(frame, "demand_fte") == pytest.approx([9 / 90, 9 / 91, 0.0, 0.0])

    def test_demand_outside_the_range_or_without_dates_counts_nothing(self):
        frame = gaps_of(
            demands=[
                needs(1, 2, 1.0, start=D(2025, 1, 1), end=D(2025, 12, 31)),
                needs(2, 2, 1.0, start=D(2027, 1, 1), end=D(2027, 6, 30)),
                needs(3, 2, 1.0, start=None, end=D(2026, 6, 30)),
                needs(4, 2, 1.0, start=D(2026, 1, 1), end=None),
            ]
        )
        assert frame.empty

    def test_nested_levels_a_missing_expert_is_not_hidden_by_juniors(self):
        # D(4) = 1, S(4) = 0; D(2) = 2, S(2) = 2. Counting the total alone would say no gap.
        frame = gaps_of(
            staff=[person(1), person(2)],
            skills=[holds(1, 1, 2), holds(2, 1, 2)],
            demands=[needs(1, 4, 1.0), needs(1, 2, 1.0)],
        )
        assert column(frame, "demand_fte") == [2.0] * 4
        assert column(frame, "supply_fte") == [2.0] * 4  # S(2), the lowest level demanded
        assert column(frame, "gap_fte") == [1.0] * 4
        assert column(frame, "coverage") == [0.5] * 4
        assert column(frame, "needed_level") == [4] * 4

    def test_nested_levels_an_expert_covers_the_junior_need(self):
        frame = gaps_of(
            staff=[person(1), person(2)],
            skills=[holds(1, 1, 4), holds(2, 1, 2)],
            demands=[needs(1, 4, 1.0), needs(1, 2, 1.0)],
        )
        assert column(frame, "gap_fte") == [0.0] * 4

    def test_nested_levels_the_shortage_can_bite_below(self):
        # D(4) = 1, S(4) = 1 → 0; D(2) = 3, S(2) = 1.5 → 1.5.
        frame = gaps_of(
            staff=[person(1), person(2, fte=0.5)],
            skills=[holds(1, 1, 5), holds(2, 1, 2)],
            demands=[needs(1, 4, 1.0), needs(1, 2, 2.0)],
        )
        assert column(frame, "supply_fte") == [1.5] * 4
        assert column(frame, "gap_fte") == [1.5] * 4
        assert column(frame, "needed_level") == [2] * 4

    def test_needed_level_is_the_highest_level_where_the_gap_bites(self):
        # Nobody at all: D(1) = D(2) = D(3) = 1 all give the gap; level 3 is where it bites.
        frame = gaps_of(demands=[needs(1, 3, 1.0)])
        assert column(frame, "needed_level") == [3] * 4

    def test_an_expired_skill_does_not_count(self):
        frame = gaps_of(
            staff=[person(1), person(2), person(3)],
            skills=[
                holds(1, 1, 3, valid=D(2026, 6, 30)),  # valid at the start of Q1 and Q2
                holds(2, 1, 3, valid=D(2026, 7, 1)),  # valid at the start of Q3 too
                holds(3, 1, 3, valid=D(2025, 12, 31)),  # expired before the range
            ],
            demands=[needs(1, 3, 2.0)],
        )
        assert column(frame, "supply_fte") == [2.0, 2.0, 1.0, 0.0]
        assert column(frame, "gap_fte") == [0.0, 0.0, 1.0, 2.0]

    def test_skills_of_people_not_in_staff_are_ignored(self):
        frame = gaps_of(
            staff=[person(1)], skills=[holds(1, 1, 3), holds(99, 1, 5)], demands=[needs(1, 3, 2.0)]
        )
        assert column(frame, "supply_fte") == [1.0] * 4

    def test_demand_filter_selects_the_demands_that_count(self):
        demands = [needs(1, 3, 1.0), needs(1, 3, 2.0), needs(2, 3, 1.0)]
        chosen = pd.Series([True, False, False], index=demands_frame(*demands).index)
        frame = gaps_of(demands=demands, demand_filter=chosen)
        assert frame["skill_id"].unique().tolist() == [1]
        assert column(frame, "demand_fte") == [1.0] * 4
        frame = gaps_of(demands=demands, demand_filter=np.array([False, True, True]))
        assert column(frame, "demand_fte") == [2.0] * 4

    def test_python_dates_decimals_and_datetime64_alike(self):
        as_objects = gaps_of(
            staff=[person(1, fte=Decimal("0.50"), exit=D(2026, 9, 1))],
            skills=[holds(1, 1, 3)],
            demands=[needs(1, 3, Decimal("1.00"))],
        )
        staff = staff_frame(person(1, fte=0.5, exit=D(2026, 9, 1)))
        staff["exit_date"] = pd.to_datetime(staff["exit_date"])
        demands = demands_frame(needs(1, 3, 1.0))
        demands[["start", "end"]] = demands[["start", "end"]].apply(pd.to_datetime)
        as_datetimes = skill_gaps(
            staff=staff,
            staff_skills=skills_frame(holds(1, 1, 3)),
            demands=demands,
            hires=hires_frame(),
            periods=YEAR,
        )
        pd.testing.assert_frame_equal(as_objects, as_datetimes)
        assert column(as_objects, "gap_fte") == [0.5, 0.5, 0.5, 1.0]

    def test_empty_inputs(self):
        frame = gaps_of()
        assert frame.empty
        assert list(frame.columns) == list(GAP_COLUMNS)
        empty = pd.DataFrame()
        frame = skill_gaps(staff=empty, staff_skills=empty, demands=empty, hires=empty, periods=YEAR)
        assert frame.empty
        frame = gaps_of(staff=[person(1)], skills=[holds(1, 1, 3)], periods=quarters(start=TODAY, count=0))
        assert frame.empty


def options_of(*, staff=(), skills=(), demands=(), periods=TWO_YEARS, at=TODAY) -> pd.DataFrame:
    staff_rows, skill_rows = staff_frame(*staff), skills_frame(*skills)
    gaps = skill_gaps(
        staff=staff_rows,
        staff_skills=skill_rows,
        demands=demands_frame(*demands),
        hires=hires_frame(),
        periods=periods,
    )
    return gap_options(gaps=gaps, staff=staff_rows, staff_skills=skill_rows, at=at)


class TestGapOptions:
    def test_train_when_the_people_one_level_below_cover_the_gap(self):
        options = options_of(
            staff=[person(1), person(2, fte=0.5), person(3), person(4, exit=D(2026, 2, 1))],
            skills=[holds(1, 1, 3), holds(2, 1, 3), holds(3, 1, 2), holds(4, 1, 3)],
            demands=[needs(1, 4, 1.0, end=D(2027, 12, 31))],
        )
        assert list(options.columns) == list(OPTION_COLUMNS)
        assert len(options) == 8
        first = options.iloc[0]
        assert first["needed_level"] == 4
        assert first["gap_fte"] == 1.0
        # Persons 1 and 2 are at level 3; person 3 is two levels below, person 4 is there in Q1 only.
        assert first["train_people"] == 3
        assert first["train_fte"] == 2.5
        assert options["train_people"].tolist()[1:] == [2] * 7
        assert options["train_fte"].tolist()[1:] == [1.5] * 7
        assert options["hire_fte"].tolist() == [0.0] * 8
        assert options["suggestion"].tolist() == ["train"] * 8
        assert not options["buy"].any()

    def test_hire_for_a_lasting_gap_that_training_cannot_close(self):
        options = options_of(
            staff=[person(1, fte=0.5)], skills=[holds(1, 1, 2)], demands=[needs(1, 3, 1.5)]
        )  # 2026 only: four quarters of the eight
        assert [str(q) for q in options["quarter"]] == ["2026Q1", "2026Q2", "2026Q3", "2026Q4"]
        assert options["train_fte"].tolist() == [0.5] * 4
        assert options["hire_fte"].tolist() == [1.0] * 4
        assert options["gap_quarters"].tolist() == [4] * 4
        assert options["suggestion"].tolist() == ["hire"] * 4
        assert not options["buy"].any()

    def test_buy_for_a_short_gap(self):
        options = options_of(
            staff=[person(1, fte=0.5)],
            skills=[holds(1, 1, 2)],
            demands=[
                needs(1, 3, 1.0, start=D(2026, 4, 1), end=D(2026, 9, 30)),  # Q2 and Q3
                needs(1, 3, 1.0, start=D(2027, 1, 1), end=D(2027, 3, 31)),  # Q1 2027 alone
            ],
        )
        assert [str(q) for q in options["quarter"]] == ["2026Q2", "2026Q3", "2027Q1"]
        assert options["gap_quarters"].tolist() == [2, 2, 1]
        assert options["hire_fte"].tolist() == [0.5, 0.5, 0.5]
        assert options["buy"].tolist() == [True, True, True]
        assert options["suggestion"].tolist() == ["buy"] * 3

    def test_three_quarters_in_a_row_are_not_short(self):
        options = options_of(demands=[needs(1, 2, 1.0, start=D(2026, 4, 1), end=D(2026, 12, 31))])
        assert options["gap_quarters"].tolist() == [3, 3, 3]
        assert options["suggestion"].tolist() == ["hire"] * 3

    def test_a_gap_running_to_the_end_of_the_range_is_not_short(self):
        options = options_of(demands=[needs(1, 2, 1.0, start=D(2027, 7, 1), end=D(2028, 12, 31))])
        assert [str(q) for q in options["quarter"]] == ["2027Q3", "2027Q4"]
        assert options["gap_quarters"].tolist() == [2, 2]
        assert options["suggestion"].tolist() == ["hire", "hire"]

    def test_no_candidates_below_level_one(self):
        options = options_of(staff=[person(1)], skills=[holds(1, 1, 1)], demands=[needs(1, 1, 2.0)])
        assert options["needed_level"].tolist() == [1] * 4
        assert options["train_people"].tolist() == [0] * 4
        assert options["train_fte"].tolist() == [0.0] * 4
        assert options["hire_fte"].tolist() == [1.0] * 4

    def test_a_quarter_under_way_is_judged_today(self):
        # Person 2 counts in Q1 (leaves after its first day) but has gone by today, 1 February.
        options = options_of(
            staff=[person(1, fte=0.5), person(2, exit=D(2026, 1, 15))],
            skills=[holds(1, 1, 2), holds(2, 1, 2)],
            demands=[needs(1, 3, 1.0, end=D(2026, 6, 30))],
            at=D(2026, 2, 1),
        )
        assert options["train_fte"].tolist() == [0.5, 0.5]
        assert options["suggestion"].tolist() == ["buy", "buy"]

    def test_expired_skills_are_no_candidates(self):
        options = options_of(
            staff=[person(1)],
            skills=[holds(1, 1, 2, valid=D(2026, 3, 31))],
            demands=[needs(1, 3, 1.0, end=D(2026, 6, 30))],
        )
        assert options["train_fte"].tolist() == [1.0, 0.0]

    def test_no_gaps_no_options(self):
        options = options_of(staff=[person(1)], skills=[holds(1, 1, 3)], demands=[needs(1, 3, 1.0)])
        assert options.empty
        assert list(options.columns) == list(OPTION_COLUMNS)
        empty = pd.DataFrame()
        assert gap_options(gaps=empty, staff=empty, staff_skills=empty, at=TODAY).empty


class TestHolderRisks:
    def test_holders_and_those_leaving_within_five_years(self):
        staff = staff_frame(
            person(1, exit=D(2028, 6, 30)),  # leaves within five years
            person(2, fte=0.5, exit=D(2031, 1, 1)),  # leaves on the last day of the five years
            person(3, exit=D(2031, 1, 2)),  # leaves a day later
            person(4),  # no exit planned
            person(5, exit=D(2027, 1, 1)),  # level 2 only: no holder
            person(6, exit=D(2025, 12, 31)),  # has left
            person(7),  # skill expired
            person(8, exit=D(2026, 3, 1)),  # the only holder of skill 2, leaving
        )
        skills = skills_frame(
            holds(1, 1, 4),
            holds(2, 1, 3),
            holds(3, 1, 5),
            holds(4, 1, 3),
            holds(5, 1, 2),
            holds(6, 1, 4),
            holds(7, 1, 4, valid=D(2025, 6, 30)),
            holds(8, 2, 3),
            holds(5, 3, 2),
        )
        risks = holder_risks(staff=staff, staff_skills=skills, today=TODAY)
        assert list(risks.columns) == list(HOLDER_COLUMNS)
        assert risks.index.name == "skill_id"
        assert risks.index.tolist() == [1, 2, 3]
        assert risks["holders"].tolist() == [4, 1, 0]
        assert risks["holder_fte"].tolist() == [3.5, 1.0, 0.0]
        assert risks["single_holder"].tolist() == [False, True, False]
        assert risks["leaving"].tolist() == [2, 1, 0]
        assert risks["leaving_share"].tolist()[:2] == [0.5, 1.0]
        assert np.isnan(risks.loc[3, "leaving_share"])

    def test_min_level_and_horizon(self):
        staff = staff_frame(person(1, exit=D(2033, 1, 1)), person(2))
        skills = skills_frame(holds(1, 1, 2), holds(2, 1, 1))
        risks = holder_risks(staff=staff, staff_skills=skills, today=TODAY, min_level=1, horizon_years=10)
        assert risks.loc[1, "holders"] == 2
        assert risks.loc[1, "leaving_share"] == 0.5

    def test_empty(self):
        risks = holder_risks(staff=staff_frame(), staff_skills=skills_frame(), today=TODAY)
        assert risks.empty
        assert list(risks.columns) == list(HOLDER_COLUMNS)


class TestProfileGaps:
    def test_people_below_their_profile(self):
        staff = staff_frame(person(1), person(2), person(3), person(4, exit=D(2025, 12, 31)))
        skills = skills_frame(
            holds(1, 1, 4),  # above target: no row
            holds(1, 2, 1),  # one short
            holds(2, 1, 3, valid=D(2025, 12, 31)),  # expired: counts as not held
            holds(3, 1, 1),
        )
        profiles = pd.DataFrame(
            {"role_profile_id": [10, 10, 20], "skill_id": [1, 2, 1], "target_level": [3, 2, 5]}
        )
        roles = pd.Series({1: 10, 2: 10, 3: None, 4: 10})
        frame = profile_gaps(
            staff=staff, staff_skills=skills, role_of_staff=roles, profiles=profiles, at=TODAY
        )
        assert list(frame.columns) == list(PROFILE_GAP_COLUMNS)
        assert frame.to_dict("records") == [
            {"staff_id": 1, "skill_id": 2, "target_level": 2, "actual_level": 1, "shortfall": 1},
            {"staff_id": 2, "skill_id": 1, "target_level": 3, "actual_level": 0, "shortfall": 3},
            {"staff_id": 2, "skill_id": 2, "target_level": 2, "actual_level": 0, "shortfall": 2},
        ]

    def test_at_defaults_to_today(self):
        staff = staff_frame(person(1), person(2, exit=D(2000, 1, 1)))
        skills = skills_frame(holds(1, 1, 1, valid=D(2000, 1, 1)))
        profiles = pd.DataFrame({"role_profile_id": [10], "skill_id": [1], "target_level": [2]})
        frame = profile_gaps(
            staff=staff, staff_skills=skills, role_of_staff=pd.Series({1: 10, 2: 10}), profiles=profiles
        )
        assert frame[["staff_id", "actual_level", "shortfall"]].values.tolist() == [[1, 0, 2]]

    def test_empty(self):
        frame = profile_gaps(
            staff=staff_frame(),
            staff_skills=skills_frame(),
            role_of_staff=pd.Series(dtype="int64"),
            profiles=pd.DataFrame(columns=["role_profile_id", "skill_id", "target_level"]),
            at=TODAY,
        )
        assert frame.empty
        assert list(frame.columns) == list(PROFILE_GAP_COLUMNS)


class TestSuppress:
    def test_groups_under_five_are_hidden_and_flagged(self):
        frame = pd.DataFrame(
            {"people": [0, 1, 4, 5, 12], "mean_level": [np.nan, 3.0, 2.5, 2.0, 4.0], "unit": list("abcde")}
        )
        result = suppress(frame=frame, count_column="people", value_columns=["mean_level"])
        assert result["suppressed"].tolist() == [False, True, True, False, False]
        assert result["people"].tolist()[0] == 0.0
        assert result["people"].isna().tolist() == [False, True, True, False, False]
        assert result["mean_level"].isna().tolist() == [True, True, True, False, False]
        assert result["unit"].tolist() == list("abcde")
        assert frame["people"].tolist() == [0, 1, 4, 5, 12]  # the input is left alone

    def test_flags_are_hidden_too(self):
        # "short" beside a hidden supply says what the supply is not.
        frame = pd.DataFrame({"people": [2, 7], "gap": [1.5, 0.0], "short": [True, False]})
        result = suppress(frame=frame, count_column="people", value_columns=["gap", "short"])
        assert result["short"].isna().tolist() == [True, False]
        assert not result.loc[1, "short"]
        assert result[result["short"].fillna(False)].empty  # still usable as a mask

    def test_min_group(self):
        frame = pd.DataFrame({"people": [1, 2, 3], "fte": [1.0, 2.0, 3.0]})
        result = suppress(frame=frame, count_column="people", value_columns=["fte"], min_group=3)
        assert result["fte"].isna().tolist() == [True, True, False]
        with pytest.raises(ValueError, match="at least 1"):
            suppress(frame=frame, count_column="people", value_columns=["fte"], min_group=0)


class TestSkillsMatrix:
    def test_people_mean_level_and_fte_per_skill_and_unit(self):
        staff = staff_frame(
            person(1, unit=1),
            person(2, unit=1, fte=0.5),
            person(3, unit=2, exit=D(2025, 12, 31)),
            person(4, unit=2),
            person(5, unit=2),
        )
        skills = skills_frame(
            holds(1, 1, 2),
            holds(2, 1, 4),
            holds(3, 1, 5),  # has left
            holds(4, 1, 5, valid=D(2025, 12, 31)),  # expired
            holds(5, 1, 1),  # below min_level 2
            holds(5, 2, 3),
        )
        matrix = skills_matrix(staff=staff, staff_skills=skills, at=TODAY, min_level=2)
        assert list(matrix.columns) == list(MATRIX_COLUMNS)
        assert matrix[["skill_id", "org_unit_id", "people"]].values.tolist() == [
            [1, 1, 2],
            [1, 2, 0],
            [2, 1, 0],
            [2, 2, 1],
        ]
        assert matrix["mean_level"].tolist()[0] == 3.0
        assert np.isnan(matrix["mean_level"].tolist()[1])
        assert matrix["fte"].tolist() == [1.5, 0.0, 0.0, 1.0]

    def test_suppressed_for_readers_who_may_not_see_individuals(self):
        staff = staff_frame(*[person(i, unit=1 + (i > 5)) for i in range(1, 8)])
        skills = skills_frame(*[holds(i, 1, 3) for i in range(1, 8)])
        matrix = suppress(
            frame=skills_matrix(staff=staff, staff_skills=skills, at=TODAY),
            count_column="people",
            value_columns=["mean_level", "fte"],
        )
        assert matrix["suppressed"].tolist() == [False, True]
        assert matrix.loc[0, "people"] == 5
        assert matrix.loc[1, ["people", "mean_level", "fte"]].isna().all()

    def test_empty(self):
        matrix = skills_matrix(staff=staff_frame(), staff_skills=skills_frame(), at=TODAY)
        assert matrix.empty
        assert list(matrix.columns) == list(MATRIX_COLUMNS)


def test_a_quarter_without_demand_shows_supply_at_the_level_demanded_elsewhere():
    # Skill 1 is needed at level 3 in Q1 only; one person holds it at level 1, one at level 3. Q2–Q4 show
    # the one person who can do the work (S(3) = 1), not everyone who holds the skill at all (S(1) = 2).
    result = skill_gaps(
        staff=staff_frame(person(1), person(2)),
        staff_skills=skills_frame(holds(1, 1, 1), holds(2, 1, 3)),
        demands=demands_frame(needs(1, 3, 1.0, end=D(2026, 3, 31))),
        hires=hires_frame(),
        periods=YEAR,
    )
    assert result["supply_fte"].tolist() == [1.0, 1.0, 1.0, 1.0]
    assert result["demand_fte"].tolist() == [1.0, 0.0, 0.0, 0.0]
