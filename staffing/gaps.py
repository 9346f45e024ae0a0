"""Skills gap analysis: demand of the portfolio against the staff who can meet it, per skill and quarter.

Implements DESIGN.md §5 "Skills gap" on the staffing data of §4, and the privacy rule of §6 (no group of
fewer than five people shown to roles other than hr and admin, :func:`suppress`). The rules below are the
product's definition of a gap; pages, API and reports show what these functions return.

Inputs are plain frames built by ``staffing.selectors`` (dates may be datetime64 or Python dates, numbers
may arrive as Decimal; both are coerced):

- ``staff``: id, org_unit_id, fte (0–1, part time below 1), exit_date (NaT: no exit planned).
- ``staff_skills``: staff_id, skill_id, level (1–5), valid_until (NaT: does not expire). Skills of people
  missing from ``staff`` are ignored.
- ``demands``: id, project_id, skill_id, level (1–5, the level needed), fte, start, end.
- ``hires``: skill_id, level, fte, expected_date (planned hires and vacancies expected to be filled then).

Who and what counts in a quarter:

- A member of staff counts if they have not left by the quarter's start: exit_date is NaT or after the
  quarter's first day. Someone leaving mid-quarter counts for that quarter, and stops counting from the
  first quarter that starts after their exit.
- A skill counts if valid_until is NaT or on or after the quarter's first day.
- A hire counts from the quarter containing its expected_date onwards (expected_date ≤ the quarter's last
  day). A hire without a date is left out: nobody can say when it arrives.
- A demand counts pro rata: fte × (days of [start, end] inside the quarter) / (days of the quarter), both
  ends inclusive. A demand entirely outside the quarter counts 0, and so does one without a start or an
  end (it cannot be placed in time; the selectors fill in the project's dates first).
- Missing FTE counts as 0. Levels are clipped to 1–5; a staff skill without a level is not held.

Levels nest: someone at level 4 can do what level 3 asks. For one skill and quarter let D(L) be the demand
FTE at levels ≥ L and S(L) the supply FTE (staff FTE plus hire FTE) at levels ≥ L. The demand at levels
≥ L can only be met by people at levels ≥ L, so the shortage is at least D(L) − S(L) for every L; and
because the qualifications nest, meeting every one of these conditions is also enough (Hall's condition
for nested sets). The gap is therefore exactly ``max over L of (D(L) − S(L))``, floored at 0. Counting
supply only against the total (D(1) − S(1)) would let two people at level 2 hide a missing level 4 expert.

Known simplification: a person who holds several skills counts with their full FTE in the supply of each.
The analysis finds the shortage of each skill; it is not a staffing plan that assigns people's time.

Nothing here touches the ORM or the request, and nothing loops in Python over staff, skills or demands:
supply and demand become level × skill × quarter arrays through numpy and pandas grouping.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence

import numpy as np
import pandas as pd

LEVELS = (1, 2, 3, 4, 5)
MIN_GROUP = 5
HORIZON_YEARS = 5
# A gap that lasts at most this many quarters in a row is bridged by buying services, not by hiring.
SHORT_GAP_QUARTERS = 2

GAP_COLUMNS = ("skill_id", "quarter", "demand_fte", "supply_fte", "gap_fte", "coverage", "needed_level")
CAPACITY_COLUMNS = ("skill_id", "level", "quarter", "supply_fte", "holders")
SUMMARY_COLUMNS = ("demand_fte", "gap_fte", "shortage", "quarters_short", "first_short", "suppressed")
OPTION_COLUMNS = (
    "skill_id",
    "quarter",
    "needed_level",
    "gap_fte",
    "train_people",
    "train_fte",
    "hire_fte",
    "gap_quarters",
    "buy",
    "suggestion",
)
SUGGESTIONS = ("train", "hire", "buy")
HOLDER_COLUMNS = ("holders", "holder_fte", "single_holder", "leaving", "leaving_share")
PROFILE_GAP_COLUMNS = ("staff_id", "skill_id", "target_level", "actual_level", "shortfall")
MATRIX_COLUMNS = ("skill_id", "org_unit_id", "people", "mean_level", "fte")

STAFF_INPUT = ("id", "org_unit_id", "fte", "exit_date")
STAFF_SKILL_INPUT = ("staff_id", "skill_id", "level", "valid_until")
DEMAND_INPUT = ("skill_id", "level", "fte", "start", "end")
HIRE_INPUT = ("skill_id", "level", "fte", "expected_date")
PROFILE_INPUT = ("role_profile_id", "skill_id", "target_level")

# FTE sums of the same people in another order differ in the last bits; below this they are equal.
_EPS = 1e-9
_N_LEVELS = len(LEVELS)


def quarters(*, start: datetime.date, count: int) -> pd.PeriodIndex:
    """``count`` calendar quarters, the first the one containing ``start``, as a PeriodIndex "quarter"."""
    if count < 0:
        raise ValueError(f"The number of quarters cannot be negative, not {count}.")
    return pd.period_range(start=pd.Period(start, freq="Q"), periods=count, freq="Q", name="quarter")


def skill_gaps(
    *,
    staff: pd.DataFrame,
    staff_skills: pd.DataFrame,
    demands: pd.DataFrame,
    hires: pd.DataFrame,
    periods: pd.PeriodIndex,
    demand_filter: pd.Series | None = None,
) -> pd.DataFrame:
    """Demand, supply and gap of every skill in every quarter of ``periods`` (rules: module docstring).

    ``demand_filter`` selects the demands that count (the projects of the chosen scenario or statuses): a
    boolean Series indexed like ``demands`` (missing entries count as False), or an array of its length.
    None counts them all.

    Returns a long frame with the columns of ``GAP_COLUMNS``, one row per skill and quarter for every
    skill that has demand or supply in some quarter of ``periods``, ordered by skill_id, then quarter:

    - ``skill_id``; ``quarter`` (Period).
    - ``demand_fte``: D(1), the pro-rata demand at all levels.
    - ``supply_fte``: S(lowest level demanded in that skill and quarter), the people and hires who can do
      some of the work; in a quarter without demand S(lowest level demanded in any quarter), and S(1)
      for a skill nobody demands.
    - ``gap_fte``: max over L of D(L) − S(L), floored at 0 (differences below 1e-9 FTE are 0).
    - ``coverage``: 1 − gap / demand, 0–1; 1 where there is no demand.
    - ``needed_level``: the highest level L at which D(L) − S(L) reaches the gap, the level at which the
      shortage bites; nullable integer, NA where there is no gap. (Only this column has missing values.)
    """
    periods = pd.PeriodIndex(periods)
    first_day, last_day = _period_days(periods)
    holdings = _holdings(staff=staff, staff_skills=staff_skills)
    demand = _required(demands, DEMAND_INPUT, what="demands")
    hire = _required(hires, HIRE_INPUT, what="hires")

    demand_skill = _ints(demand["skill_id"])
    demand_level = _levels(demand["level"], missing=LEVELS[0])
    start, end = _days(demand["start"]), _days(demand["end"])
    overlap = np.minimum(end[:, None], last_day) - np.maximum(start[:, None], first_day) + 1
    share = np.nan_to_num(np.clip(overlap, 0, None) / (last_day - first_day + 1))
    demand_weight = _floats(demand["fte"])[:, None] * share
    if demand_filter is not None:
        demand_weight[~_mask(demand_filter, index=demand.index)] = 0.0
    demand_used = (demand_weight > 0).any(axis=1)

    supply_skill, supply_level, supply_weight, counted = _supply_rows(
        holdings=holdings, hire=hire, first_day=first_day, last_day=last_day
    )

    skills = np.unique(np.concatenate([demand_skill[demand_used], supply_skill[counted.any(axis=1)]]))
    n_skills, n_quarters = len(skills), len(periods)
    level_demand = _by_skill_level(demand_skill, demand_level, demand_weight, skills=skills)
    level_supply = _by_skill_level(supply_skill, supply_level, supply_weight, skills=skills)

    # Cumulated from the top level down: index L − 1 holds D(L) and S(L), the FTE at levels ≥ L.
    at_least_demand = _at_least(level_demand)
    at_least_supply = _at_least(level_supply)
    shortfall = at_least_demand - at_least_supply
    worst = shortfall.max(axis=1, initial=0.0)
    gap = np.where(worst > _EPS, worst, 0.0)
    # The highest level whose shortfall reaches the gap: the first hit counting down from level 5.
    top_hit = np.argmax(np.flip(shortfall >= (worst - _EPS)[:, None, :], axis=1), axis=1)
    needed = np.where(gap > 0, _N_LEVELS - top_hit, 0)
    # Where a quarter has no demand, the skill's lowest level demanded in any quarter keeps the supply line
    # comparable across quarters (level 1 only for a skill nobody demands).
    skill_lowest = np.argmax(level_demand.sum(axis=2) > 0, axis=1)
    lowest_demanded = np.where(
        level_demand.sum(axis=1) > 0, np.argmax(level_demand > 0, axis=1), skill_lowest[:, None]
    )
    supply = np.take_along_axis(at_least_supply, lowest_demanded[:, None, :], axis=1)[:, 0, :]
    demand_total = at_least_demand[:, 0, :]
    # The gap never exceeds D(1), so coverage is 1 where nothing is demanded.
    unmet = np.divide(gap, demand_total, out=np.zeros_like(gap), where=demand_total > 0)
    coverage = np.clip(1.0 - unmet, 0.0, 1.0)

    needed = needed.ravel()
    return pd.DataFrame(
        {
            "skill_id": np.repeat(skills, n_quarters),
            "quarter": periods.take(np.tile(np.arange(n_quarters), n_skills)),
            "demand_fte": demand_total.ravel(),
            "supply_fte": supply.ravel(),
            "gap_fte": gap.ravel(),
            "coverage": coverage.ravel(),
            "needed_level": _nullable_levels(needed),
        }
    )


def gap_summary(*, gaps: pd.DataFrame) -> pd.DataFrame:
    """Each demanded skill over the quarters of :func:`skill_gaps` (suppressed or not): its largest demand
    and gap, whether and in how many quarters it is short, from which quarter, and whether it is suppressed.

    ``gaps`` has skill_id, quarter, demand_fte, gap_fte, shortage (bool; NA where suppressed) and
    suppressed. Returns a frame indexed by ``skill_id`` (ascending; skills without demand in any quarter
    are left out) with the columns of ``SUMMARY_COLUMNS``: ``demand_fte`` and ``gap_fte`` (the largest;
    NaN where suppressed), ``shortage`` (short in some quarter; a suppressed row is not counted short, its
    flag is hidden), ``quarters_short`` (int), ``first_short`` (the first short quarter, NaT if none) and
    ``suppressed`` (some quarter is).
    """
    frame = _required(
        gaps, ("skill_id", "quarter", "demand_fte", "gap_fte", "shortage", "suppressed"), what="gaps"
    )
    demanded = frame[_floats(frame["demand_fte"]) > 0]
    short = pd.Series(demanded["shortage"], dtype="boolean").fillna(False).astype(bool)
    quarter = pd.PeriodIndex(demanded["quarter"], freq="Q")
    rows = pd.DataFrame(
        {
            "skill_id": _ints(demanded["skill_id"]),
            "demand_fte": _floats(demanded["demand_fte"]),
            "gap_fte": _floats(demanded["gap_fte"], missing=np.nan),
            "shortage": short.to_numpy(),
            "short_quarter": pd.Series(quarter).where(short.to_numpy()).to_numpy(),
            "suppressed": pd.Series(demanded["suppressed"]).fillna(False).astype(bool).to_numpy(),
        }
    )
    summary = rows.groupby("skill_id").agg(
        demand_fte=("demand_fte", "max"),
        gap_fte=("gap_fte", "max"),
        shortage=("shortage", "any"),
        quarters_short=("shortage", "sum"),
        first_short=("short_quarter", "min"),
        suppressed=("suppressed", "any"),
    )
    summary["quarters_short"] = summary["quarters_short"].astype("int64")
    summary["shortage"] = summary["shortage"].astype(bool)
    summary["suppressed"] = summary["suppressed"].astype(bool)
    return summary[list(SUMMARY_COLUMNS)]


def capacity(
    *, staff: pd.DataFrame, staff_skills: pd.DataFrame, hires: pd.DataFrame, periods: pd.PeriodIndex
) -> pd.DataFrame:
    """The supply of every skill at every level in every quarter of ``periods``: the raw capacity, by the
    rules of the module docstring and the same supply :func:`skill_gaps` holds demand against.

    For internal use as plain data (a scenario optimizer's staff capacity per skill and year): it is not
    suppressed, so it is never shown to people as it is; pass what a page shows through :func:`suppress`.

    Returns the columns of ``CAPACITY_COLUMNS``, one row per skill that someone (or a hire) brings in some
    quarter, level of ``LEVELS`` and quarter, ordered by skill_id, level, quarter: ``supply_fte`` is
    S(level), the FTE of staff and hires at that level or above; ``holders`` the number of people (not
    hires) among them.
    """
    periods = pd.PeriodIndex(periods)
    first_day, last_day = _period_days(periods)
    holdings = _holdings(staff=staff, staff_skills=staff_skills)
    hire = _required(hires, HIRE_INPUT, what="hires")
    skill, level, weight, counted = _supply_rows(
        holdings=holdings, hire=hire, first_day=first_day, last_day=last_day
    )
    skills = np.unique(skill[counted.any(axis=1)])
    people = np.zeros_like(counted, dtype="float64")
    people[: len(holdings)] = counted[: len(holdings)]
    # A person holds a skill once (one staff skill per person and skill), so staff rows count people.
    fte = _at_least(_by_skill_level(skill, level, weight, skills=skills))
    holders = _at_least(_by_skill_level(skill, level, people, skills=skills))
    n_skills, n_quarters = len(skills), len(periods)
    return pd.DataFrame(
        {
            "skill_id": np.repeat(skills, _N_LEVELS * n_quarters),
            "level": np.tile(np.repeat(np.array(LEVELS), n_quarters), n_skills),
            "quarter": periods.take(np.tile(np.arange(n_quarters), n_skills * _N_LEVELS)),
            "supply_fte": fte.ravel(),
            "holders": holders.ravel().round().astype(np.int64),
        }
    )[list(CAPACITY_COLUMNS)]


def gap_options(
    *, gaps: pd.DataFrame, staff: pd.DataFrame, staff_skills: pd.DataFrame, at: datetime.date
) -> pd.DataFrame:
    """The options train, hire or buy for every skill and quarter with a gap.

    ``gaps`` is (a part of) the output of :func:`skill_gaps`; rows without a gap (gap_fte 0 or NaN) are
    skipped. ``at`` is today: a quarter that has already begun is judged at ``at`` instead of its first day.

    Returns one row per gap, in the order of ``gaps``, with the columns of ``OPTION_COLUMNS``:

    - ``skill_id``, ``quarter``, ``needed_level``, ``gap_fte``: carried over.
    - ``train_people``, ``train_fte``: the candidates for training, people who hold the skill exactly one
      level below ``needed_level`` and who count in the quarter (not left by its first day, or by ``at``,
      whichever is later; skill still valid then). A gap at level 1 has no candidates.
    - ``hire_fte``: the gap left after training all candidates, max(gap − train_fte, 0).
    - ``gap_quarters``: how many quarters in a row, including this one, the skill has a gap.
    - ``buy``: a gap remains after training (hire_fte > 0) and lasts at most ``SHORT_GAP_QUARTERS``
      quarters in a row, so buying external services bridges it better than a hire who stays for years.
      A run of gap quarters that reaches the last quarter of ``gaps`` is never short: nobody can see
      where it ends.
    - ``suggestion``: "train" where the candidates cover the gap (train_fte ≥ gap_fte), else "buy" where
      ``buy``, else "hire".

    Training lifts people to ``needed_level``, the highest level at which the shortage bites; if the same
    shortage also bites at a lower level (the gap there is as large), training alone does not close it,
    and the page's per-level detail should be read alongside.
    """
    frame = _required(gaps, ("skill_id", "quarter", "gap_fte", "needed_level"), what="gaps")
    quarter = pd.PeriodIndex(frame["quarter"], freq="Q")
    last_ordinal = quarter.asi8.max() if len(quarter) else 0
    gap_fte = _floats(frame["gap_fte"])
    keep = gap_fte > _EPS
    rows = pd.DataFrame(
        {
            "skill_id": _ints(frame["skill_id"])[keep],
            "quarter": quarter[keep],
            "needed_level": _nullable_levels(_floats(frame["needed_level"])[keep]),
            "gap_fte": gap_fte[keep],
        }
    )
    first_day, _ = _period_days(pd.PeriodIndex(rows["quarter"]))
    at_day = _days(pd.Series([at]))[0]
    reference = np.maximum(first_day, at_day)

    holdings = _holdings(staff=staff, staff_skills=staff_skills)
    wanted = pd.DataFrame(
        {
            "row": np.arange(len(rows)),
            "skill_id": rows["skill_id"].to_numpy(),
            "level": rows["needed_level"].fillna(0).to_numpy(dtype=np.int64) - 1,
            "reference": reference,
        }
    )
    candidates = wanted.merge(holdings, on=["skill_id", "level"])
    reference_day = candidates["reference"].to_numpy()
    counts = _active(candidates["exit"].to_numpy(), reference_day) & _valid(
        candidates["valid"].to_numpy(), reference_day
    )
    candidates = candidates[counts].drop_duplicates(["row", "staff_id"])
    by_row = candidates.groupby("row")["fte"]
    train_fte = by_row.sum().reindex(wanted["row"], fill_value=0.0).to_numpy(dtype="float64")
    train_people = by_row.size().reindex(wanted["row"], fill_value=0).to_numpy(dtype="int64")

    hire_fte = np.clip(rows["gap_fte"].to_numpy() - train_fte, 0.0, None)
    hire_fte[hire_fte <= _EPS] = 0.0
    gap_quarters, open_ended = _gap_runs(
        skill=rows["skill_id"].to_numpy(), ordinal=pd.PeriodIndex(rows["quarter"]).asi8, last=last_ordinal
    )
    buy = (hire_fte > 0) & (gap_quarters <= SHORT_GAP_QUARTERS) & ~open_ended
    suggestion = np.where(hire_fte > 0, np.where(buy, "buy", "hire"), "train")
    return rows.assign(
        train_people=train_people,
        train_fte=train_fte,
        hire_fte=hire_fte,
        gap_quarters=gap_quarters,
        buy=buy,
        suggestion=pd.Series(suggestion, dtype=object),
    )[list(OPTION_COLUMNS)]


def holder_risks(
    *,
    staff: pd.DataFrame,
    staff_skills: pd.DataFrame,
    today: datetime.date,
    min_level: int = 3,
    horizon_years: int = HORIZON_YEARS,
) -> pd.DataFrame:
    """Per skill, how many people hold it and how many of them leave within ``horizon_years``.

    A holder is a member of staff who has not left by ``today`` (exit_date NaT or after today), holding the
    skill at ``min_level`` or above, valid today. Returns a frame indexed by ``skill_id`` (every skill of
    ``staff_skills``, sorted) with the columns of ``HOLDER_COLUMNS``:

    - ``holders`` (int), ``holder_fte`` (their FTE summed).
    - ``single_holder``: exactly one holder, the skill leaves with that person.
    - ``leaving`` (int): holders whose exit_date lies within ``horizon_years`` of today (after today, on
      or before the same day ``horizon_years`` later: retirements and contract ends).
    - ``leaving_share``: leaving / holders, 0–1; NaN where there are no holders.
    """
    holdings, counts, horizon_day = _counted_holdings(
        staff=staff, staff_skills=staff_skills, today=today, min_level=min_level, horizon_years=horizon_years
    )
    held = holdings[counts].drop_duplicates(["staff_id", "skill_id"])
    skills = pd.Index(np.unique(holdings["skill_id"].to_numpy()), name="skill_id")
    by_skill = held.assign(leaving=held["exit"].to_numpy() <= horizon_day).groupby("skill_id")
    holders = by_skill.size().reindex(skills, fill_value=0).astype("int64")
    leaving = by_skill["leaving"].sum().reindex(skills, fill_value=0).astype("int64")
    return pd.DataFrame(
        {
            "holders": holders,
            "holder_fte": by_skill["fte"].sum().reindex(skills, fill_value=0.0).astype("float64"),
            "single_holder": holders == 1,
            "leaving": leaving,
            "leaving_share": (leaving / holders.where(holders > 0)).astype("float64"),
        },
        index=skills,
    )


def _counted_holdings(*, staff, staff_skills, today, min_level: int, horizon_years: int):
    """The holdings, which of them count today (holder still employed, skill valid, level reached) and the
    horizon's last day, as :func:`holder_risks` and :func:`band_of_few` both count."""
    holdings = _holdings(staff=staff, staff_skills=staff_skills)
    today_day = _days(pd.Series([today]))[0]
    horizon_day = _days(pd.Series([pd.Timestamp(today) + pd.DateOffset(years=horizon_years)]))[0]
    counts = (
        _active(holdings["exit"].to_numpy(), today_day)
        & _valid(holdings["valid"].to_numpy(), today_day)
        & (holdings["level"].to_numpy() >= min_level)
    )
    return holdings, counts, horizon_day


def band_of_few(
    *,
    staff: pd.DataFrame,
    staff_skills: pd.DataFrame,
    skill_ids: Sequence[int],
    today: datetime.date,
    min_level: int = 3,
    horizon_years: int = HORIZON_YEARS,
    min_group: int = MIN_GROUP,
) -> dict:
    """The skills held by fewer than ``min_group`` people each, as one band that still says something:
    how many distinct people hold any of ``skill_ids`` (as :func:`holder_risks` counts holders) and how
    many of them leave within ``horizon_years`` — "leaving within 5 years: under 5 of 14".

    The privacy rule holds for the band as for a row: ``holders`` is None when the band itself rests on
    fewer than ``min_group`` people, and ``leaving`` is None when 1 to ``min_group`` − 1 of them leave (0
    stays visible: it describes nobody). No per-skill figure can be recovered: a person holding several of
    the skills counts once, so the band is not the sum of its skills. Returns holders and leaving (int or
    None) and ``leaving_under`` (True where ``leaving`` is hidden).
    """
    holdings, counts, horizon_day = _counted_holdings(
        staff=staff, staff_skills=staff_skills, today=today, min_level=min_level, horizon_years=horizon_years
    )
    counts &= np.isin(holdings["skill_id"].to_numpy(), np.asarray(list(skill_ids), dtype=np.int64))
    people = holdings[counts].drop_duplicates("staff_id")
    holders = len(people)
    leaving = int((people["exit"].to_numpy() <= horizon_day).sum())
    if holders < min_group:
        return {"holders": None, "leaving": None, "leaving_under": False}
    hidden = 0 < leaving < min_group
    return {"holders": holders, "leaving": None if hidden else leaving, "leaving_under": hidden}


def profile_gaps(
    *,
    staff: pd.DataFrame,
    staff_skills: pd.DataFrame,
    role_of_staff: pd.Series,
    profiles: pd.DataFrame,
    at: datetime.date | None = None,
) -> pd.DataFrame:
    """Where people fall short of the target levels of their role profile: the rows of
    :func:`profile_levels` with a shortfall (≥ 1), renumbered."""
    levels = profile_levels(
        staff=staff, staff_skills=staff_skills, role_of_staff=role_of_staff, profiles=profiles, at=at
    )
    return levels[levels["shortfall"] > 0].reset_index(drop=True)


def profile_levels(
    *,
    staff: pd.DataFrame,
    staff_skills: pd.DataFrame,
    role_of_staff: pd.Series,
    profiles: pd.DataFrame,
    at: datetime.date | None = None,
) -> pd.DataFrame:
    """Every person's level in every target skill of their role profile, against the target: the one
    rule for a shortfall, for the training page (:func:`profile_gaps`) and a person's own page alike.

    ``role_of_staff`` maps staff id (its index) to role_profile_id (missing: no profile); ``profiles`` has
    role_profile_id, skill_id and target_level. Only people of ``staff`` who have not left by ``at`` are
    looked at; a skill counts with its level if it is valid at ``at``, else as not held. ``at`` defaults to
    the machine's date; callers that know the municipality's "today" pass it.

    Returns one row per person and profile skill, ordered by staff_id, then skill_id, with the columns of
    ``PROFILE_GAP_COLUMNS`` (all int): ``staff_id``, ``skill_id``, ``target_level``, ``actual_level`` (0
    where not held or expired: an expired certificate is not a skill) and ``shortfall`` (target − actual,
    0 where the target is met).
    """
    people = _required(staff, STAFF_INPUT, what="staff")
    at_day = _days(pd.Series([at or datetime.date.today()]))[0]
    present = _ints(people["id"])[_active(_days(people["exit_date"]), at_day)]
    roles = pd.Series(role_of_staff).dropna()
    assigned = pd.DataFrame({"staff_id": _ints(pd.Series(roles.index)), "role_profile_id": _ints(roles)})
    assigned = assigned[assigned["staff_id"].isin(present)]
    wanted = _required(profiles, PROFILE_INPUT, what="profiles")
    targets = pd.DataFrame(
        {
            "role_profile_id": _ints(wanted["role_profile_id"]),
            "skill_id": _ints(wanted["skill_id"]),
            "target_level": _floats(wanted["target_level"], missing=np.nan),
        }
    ).dropna(subset=["target_level"])
    targets = targets.groupby(["role_profile_id", "skill_id"], as_index=False)["target_level"].max()

    holdings = _holdings(staff=staff, staff_skills=staff_skills)
    held = holdings[_valid(holdings["valid"].to_numpy(), at_day)]
    actual = held.groupby(["staff_id", "skill_id"])["level"].max().rename("actual_level")
    rows = assigned.merge(targets, on="role_profile_id").join(actual, on=["staff_id", "skill_id"])
    rows["actual_level"] = rows["actual_level"].fillna(0)
    result = pd.DataFrame(
        {
            "staff_id": rows["staff_id"].to_numpy(dtype=np.int64),
            "skill_id": rows["skill_id"].to_numpy(dtype=np.int64),
            "target_level": rows["target_level"].to_numpy(dtype=np.int64),
            "actual_level": rows["actual_level"].to_numpy(dtype=np.int64),
        }
    )
    result["shortfall"] = (result["target_level"] - result["actual_level"]).clip(lower=0)
    return result.sort_values(["staff_id", "skill_id"], kind="stable").reset_index(drop=True)


def suppress(
    *, frame: pd.DataFrame, count_column: str, value_columns: Sequence[str], min_group: int = MIN_GROUP
) -> pd.DataFrame:
    """The privacy rule of DESIGN.md §6: hide every figure that rests on fewer than ``min_group`` people.

    Where ``count_column`` (the number of people a row is built from) is at least 1 and below
    ``min_group``, the count and ``value_columns`` become missing: NaN in numbers, NA in yes/no flags (a
    flag such as "short" tells as much as the figure it is derived from). A count of 0 stays visible: it
    describes nobody, and "no one holds this skill" is exactly what the skills gap page must be able to
    say. (Hiding single cells does not stop someone subtracting them from a visible total; pages show no
    totals across suppressed cells.) A missing count is left as it is.

    Returns a copy of ``frame`` with those columns as float (numbers) or nullable boolean (flags) and a
    boolean ``suppressed`` column added.
    """
    if min_group < 1:
        raise ValueError(f"The smallest group shown must be at least 1 person, not {min_group}.")
    result = frame.copy()
    count = _floats(result[count_column], missing=np.nan)
    hidden = (count >= 1) & (count < min_group)
    for column in dict.fromkeys([count_column, *value_columns]):
        values = result[column]
        if pd.api.types.is_bool_dtype(values):
            values = values.astype("boolean")
        elif pd.api.types.is_numeric_dtype(values):
            values = values.astype("float64")
        result[column] = values.mask(hidden)
    result["suppressed"] = hidden
    return result


def skills_matrix(
    *, staff: pd.DataFrame, staff_skills: pd.DataFrame, at: datetime.date, min_level: int = 1
) -> pd.DataFrame:
    """Who holds which skill where: one row per skill and organisational unit.

    Counts the people who have not left by ``at`` and hold the skill at ``min_level`` or above, valid at
    ``at``. Every skill of ``staff_skills`` is paired with every org unit of ``staff`` (people without a
    unit are left out), so an empty cell reads 0, not missing. Returns the columns of ``MATRIX_COLUMNS``,
    ordered by skill_id, then org_unit_id: ``people`` (int), ``mean_level`` (their mean level; NaN where
    people is 0) and ``fte`` (their FTE summed). Pass the result through :func:`suppress` for readers who
    may not see individuals.
    """
    holdings = _holdings(staff=staff, staff_skills=staff_skills)
    at_day = _days(pd.Series([at]))[0]
    counts = (
        _active(holdings["exit"].to_numpy(), at_day)
        & _valid(holdings["valid"].to_numpy(), at_day)
        & (holdings["level"].to_numpy() >= min_level)
    )
    held = holdings[counts].dropna(subset=["org_unit_id"]).drop_duplicates(["staff_id", "skill_id"])
    units = _floats(_required(staff, STAFF_INPUT, what="staff")["org_unit_id"], missing=np.nan)
    grid = pd.MultiIndex.from_product(
        [np.unique(holdings["skill_id"].to_numpy()), np.unique(units[~np.isnan(units)]).astype(np.int64)],
        names=["skill_id", "org_unit_id"],
    )
    by_cell = held.astype({"org_unit_id": "int64"}).groupby(["skill_id", "org_unit_id"])
    result = pd.DataFrame(
        {
            "people": by_cell.size().reindex(grid, fill_value=0).astype("int64"),
            "mean_level": by_cell["level"].mean().reindex(grid).astype("float64"),
            "fte": by_cell["fte"].sum().reindex(grid, fill_value=0.0).astype("float64"),
        },
        index=grid,
    )
    return result.reset_index()[list(MATRIX_COLUMNS)]


# --- helpers ------------------------------------------------------------------------------------------


def _required(frame: pd.DataFrame, columns: Sequence[str], *, what: str) -> pd.DataFrame:
    """``frame``, or an empty frame with ``columns`` when it is empty and lacks some (``pd.DataFrame()``)."""
    missing = [column for column in columns if column not in frame.columns]
    if missing and len(frame) == 0:
        return pd.DataFrame({column: pd.Series(dtype=object) for column in columns})
    if missing:
        raise ValueError(f"The {what} frame lacks the column(s) {', '.join(missing)}.")
    return frame


def _holdings(*, staff: pd.DataFrame, staff_skills: pd.DataFrame) -> pd.DataFrame:
    """Staff skills joined with their holders: staff_id, skill_id, level (int 1–5), valid, fte, exit and
    org_unit_id, dates as day numbers (NaN: none). Skills of unknown people or without a level are dropped;
    of a staff id given twice the first row counts."""
    people = _required(staff, STAFF_INPUT, what="staff")
    held = _required(staff_skills, STAFF_SKILL_INPUT, what="staff_skills")
    ids = _ints(people["id"])
    first = ~pd.Index(ids).duplicated()
    staff_id = _ints(held["staff_id"])
    position = pd.Index(ids[first]).get_indexer(staff_id)
    level = _floats(held["level"], missing=np.nan)
    keep = (position >= 0) & (level >= LEVELS[0])
    position = position[keep]
    return pd.DataFrame(
        {
            "staff_id": staff_id[keep],
            "skill_id": _ints(held["skill_id"])[keep],
            "level": np.minimum(level[keep], LEVELS[-1]).astype(np.int64),
            "valid": _days(held["valid_until"])[keep],
            "fte": _floats(people["fte"])[first][position],
            "exit": _days(people["exit_date"])[first][position],
            "org_unit_id": _floats(people["org_unit_id"], missing=np.nan)[first][position],
        }
    )


def _supply_rows(
    *, holdings: pd.DataFrame, hire: pd.DataFrame, first_day: np.ndarray, last_day: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Who brings which skill in each quarter (the rules of the module docstring): staff skills first,
    then hires, as skill, level, FTE weight (rows × quarters) and whether the row counts in the quarter."""
    staff_counts = _active(holdings["exit"].to_numpy()[:, None], first_day) & _valid(
        holdings["valid"].to_numpy()[:, None], first_day
    )
    hire_counts = _days(hire["expected_date"])[:, None] <= last_day
    return (
        np.concatenate([holdings["skill_id"].to_numpy(dtype=np.int64), _ints(hire["skill_id"])]),
        np.concatenate(
            [holdings["level"].to_numpy(dtype=np.int64), _levels(hire["level"], missing=LEVELS[0])]
        ),
        np.vstack(
            [
                holdings["fte"].to_numpy()[:, None] * staff_counts,
                _floats(hire["fte"])[:, None] * hire_counts,
            ]
        ),
        np.vstack([staff_counts, hire_counts]),
    )


def _at_least(by_level: np.ndarray) -> np.ndarray:
    """Skill × level × quarter sums cumulated from the top level down: index L − 1 holds the sum at
    levels ≥ L (levels nest: someone at level 4 can do what level 3 asks)."""
    return np.flip(np.cumsum(np.flip(by_level, axis=1), axis=1), axis=1)


def _by_skill_level(
    skill: np.ndarray, level: np.ndarray, weight: np.ndarray, *, skills: np.ndarray
) -> np.ndarray:
    """Weights (rows × quarters) summed into a skill × level × quarter array; unknown skills dropped."""
    out = np.zeros((len(skills), _N_LEVELS, weight.shape[1]))
    known = np.isin(skill, skills)
    code = np.searchsorted(skills, skill[known])
    np.add.at(out, (code, level[known] - LEVELS[0]), weight[known])
    return out


def _gap_runs(*, skill: np.ndarray, ordinal: np.ndarray, last: int) -> tuple[np.ndarray, np.ndarray]:
    """For gap rows (skill, quarter ordinal): the length of the run of consecutive gap quarters each row
    belongs to, and whether that run reaches the quarter ``last``; in the order given."""
    if len(skill) == 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=bool)
    order = np.lexsort((ordinal, skill))
    sorted_skill, sorted_ordinal = skill[order], ordinal[order]
    starts = np.ones(len(order), dtype=bool)
    starts[1:] = (sorted_skill[1:] != sorted_skill[:-1]) | (sorted_ordinal[1:] != sorted_ordinal[:-1] + 1)
    run = np.cumsum(starts) - 1
    length = np.bincount(run)
    reaches_end = np.zeros(len(length), dtype=bool)
    np.logical_or.at(reaches_end, run, sorted_ordinal >= last)
    lengths, open_ended = np.empty(len(order), dtype=np.int64), np.empty(len(order), dtype=bool)
    lengths[order], open_ended[order] = length[run], reaches_end[run]
    return lengths, open_ended


def _period_days(periods: pd.PeriodIndex) -> tuple[np.ndarray, np.ndarray]:
    """First and last day of each period as day numbers (days since 1970-01-01), float."""
    first = periods.start_time.to_numpy().astype("datetime64[D]").astype(np.int64)
    last = periods.end_time.to_numpy().astype("datetime64[D]").astype(np.int64)
    return first.astype("float64"), last.astype("float64")


def _days(column: pd.Series) -> np.ndarray:
    """Dates (datetime64, Timestamp or date) as day numbers, float; NaN where missing."""
    values = pd.to_datetime(pd.Series(column), errors="coerce").to_numpy().astype("datetime64[D]")
    return np.where(np.isnat(values), np.nan, values.astype(np.int64).astype("float64"))


def _active(exit_day: np.ndarray, day: np.ndarray | float) -> np.ndarray:
    """Not left by ``day``: no exit date, or one after it (day numbers, broadcast)."""
    return np.isnan(exit_day) | (exit_day > day)


def _valid(valid_day: np.ndarray, day: np.ndarray | float) -> np.ndarray:
    """The skill is still valid on ``day``: no expiry date, or one on or after it (day numbers, broadcast)."""
    return np.isnan(valid_day) | (valid_day >= day)


def _mask(selection: pd.Series | np.ndarray, *, index: pd.Index) -> np.ndarray:
    if isinstance(selection, pd.Series):
        selection = selection.reindex(index)
    values = pd.Series(np.asarray(selection, dtype=object))
    return values.where(values.notna(), False).astype(bool).to_numpy()


def _ints(column: pd.Series) -> np.ndarray:
    return _numbers(column).astype(np.int64)


def _floats(column: pd.Series, *, missing: float = 0.0) -> np.ndarray:
    values = _numbers(column)
    return np.where(np.isnan(values), missing, values)


def _numbers(column: pd.Series) -> np.ndarray:
    column = pd.Series(column)
    if pd.api.types.is_numeric_dtype(column) and not pd.api.types.is_bool_dtype(column):
        return column.to_numpy(dtype="float64", na_value=np.nan)
    # Decimal (from DecimalField values()), None and mixed objects go through to_numeric.
    return pd.to_numeric(pd.Series(column, dtype=object)).astype("float64").to_numpy()


def _nullable_levels(levels: np.ndarray) -> pd.arrays.IntegerArray:
    """Levels as a nullable integer array; 0 and NaN become NA."""
    levels = np.asarray(levels, dtype="float64")
    missing = np.isnan(levels) | (levels < LEVELS[0])
    return pd.arrays.IntegerArray(np.where(missing, 0, levels).astype(np.int64), missing)


def _levels(column: pd.Series, *, missing: int) -> np.ndarray:
    return np.clip(_floats(column, missing=missing), LEVELS[0], LEVELS[-1]).astype(np.int64)


# --- scenarios (issue 18): demand and capacity per skill, level and year as the optimizer takes them ---


def yearly_demand(*, demands: pd.DataFrame, years: list[int]) -> pd.DataFrame:
    """Each demand's FTE per calendar year of ``years``, weighted by the share of the year its ``start``–
    ``end`` covers (a demand without dates counts the whole year). Nested by level, as supply is: a demand
    at level L also counts against every lower level of its skill that something demands, so the rows
    "skill at level l or above" can each be held against the supply S(l). Returns project_id, skill_id,
    level (the row's level), year and fte; rows with no FTE left out."""
    columns = ["project_id", "skill_id", "level", "year", "fte"]
    if demands.empty or not years:
        return pd.DataFrame(columns=columns)
    periods = pd.PeriodIndex([pd.Period(year=y, freq="Y") for y in years])
    first, last = _period_days(periods)
    start = _days(demands["start"])
    end = _days(demands["end"])
    start = np.where(np.isnan(start), -np.inf, start)[:, None]
    end = np.where(np.isnan(end), np.inf, end)[:, None]
    covered = np.clip(np.minimum(end, last[None, :]) - np.maximum(start, first[None, :]) + 1, 0, None)
    share = covered / (last - first + 1)[None, :]
    fte = pd.to_numeric(demands["fte"]).to_numpy(dtype=float)[:, None] * share
    frame = pd.DataFrame(
        {
            "project_id": np.repeat(demands["project_id"].to_numpy(), len(years)),
            "skill_id": np.repeat(demands["skill_id"].to_numpy(), len(years)),
            "needed": np.repeat(demands["level"].to_numpy(dtype=int), len(years)),
            "year": np.tile(np.asarray(years), len(demands)),
            "fte": fte.ravel(),
        }
    )
    frame = frame[frame["fte"] > 0]
    levels = frame[["skill_id", "needed"]].drop_duplicates().rename(columns={"needed": "level"})
    nested = frame.merge(levels, on="skill_id")
    nested = nested[nested["level"] <= nested["needed"]]
    return nested.groupby(["project_id", "skill_id", "level", "year"], as_index=False)["fte"].sum()[columns]


def yearly_capacity(*, capacity: pd.DataFrame, share: float) -> pd.DataFrame:
    """The mean supply per skill, level and calendar year of :func:`capacity`'s quarters, times ``share``
    (what daily business leaves to projects). Returns skill_id, level, year and fte."""
    if capacity.empty:
        return pd.DataFrame(columns=["skill_id", "level", "year", "fte"])
    frame = capacity.assign(year=pd.PeriodIndex(capacity["quarter"]).year)
    yearly = frame.groupby(["skill_id", "level", "year"], as_index=False)["supply_fte"].mean()
    return yearly.assign(fte=yearly["supply_fte"] * share)[["skill_id", "level", "year", "fte"]]
