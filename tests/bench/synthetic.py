"""Synthetic data for the benchmarks (``make bench``, docs/BENCHMARKS.md): plain frames, no database.

Each generator takes a size and a seed and returns the frames an analysis module of DESIGN.md §5 takes, with
values shaped like a real municipality's (ratings, skewed hours and effort, a few gaps), so a benchmark
measures the same work the pages do. The same seed gives the same data.
"""

from __future__ import annotations

import datetime
from typing import NamedTuple

import numpy as np
import pandas as pd

# The default criteria of DESIGN.md §4 "ScoringModel", with weights a digital office might choose.
CRITERIA = pd.DataFrame(
    {
        "weight": [0.20, 0.20, 0.10, 0.20, 0.15, 0.05, 0.10],
        "lower_is_better": [False, False, True, False, False, True, False],
    },
    index=pd.Index(
        ["citizen_benefit", "staff_impact", "effort", "strategic_fit", "urgency", "risk", "reuse"],
        name="criterion",
    ),
)
MISSING_SHARE = 0.03


def synthetic_portfolio(*, projects: int, seed: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``projects`` assessed projects and the criteria of a scoring model, as :mod:`portfolio.ranking` takes.

    Returns ``(assessments, criteria)``: assessments indexed by ``project_id`` (1 …) with one column per
    criterion of ``CRITERIA``, about ``MISSING_SHARE`` of the cells NaN (not yet assessed):

    - citizen_benefit, urgency, risk: 1–5 ratings; a sixth of the projects are legal duties, urgency 5.
    - staff_impact: staff hours saved per year, log-normal (most projects save a few hundred hours, a few
      save tens of thousands).
    - effort: internal person-days, log-normal, larger for projects that save more.
    - strategic_fit: 0–1, the weighted share of strategy goals a project contributes to.
    - reuse: 0 builds its own, 1 reuses another municipality's solution, 2 an EfA service.
    """
    rng = np.random.default_rng(seed)
    size = (projects,)
    staff_hours = rng.lognormal(mean=6.0, sigma=1.3, size=size)
    legal_duty = rng.random(size) < 1 / 6
    assessments = pd.DataFrame(
        {
            "citizen_benefit": rng.integers(1, 6, size).astype("float64"),
            "staff_impact": np.round(staff_hours, 1),
            "effort": np.round(rng.lognormal(mean=3.5, sigma=0.8, size=size) * (staff_hours / 400) ** 0.3),
            "strategic_fit": np.round(rng.beta(2.0, 3.0, size), 2),
            "urgency": np.where(legal_duty, 5, rng.integers(1, 5, size)).astype("float64"),
            "risk": rng.integers(1, 6, size).astype("float64"),
            "reuse": rng.choice([0.0, 1.0, 2.0], size=size, p=[0.6, 0.25, 0.15]),
        },
        index=pd.RangeIndex(1, projects + 1, name="project_id"),
    )
    assessments = assessments.mask(rng.random(assessments.shape) < MISSING_SHARE)
    return assessments, CRITERIA.copy()


class StaffingFrames(NamedTuple):
    """The frames :mod:`staffing.gaps` takes, as :func:`synthetic_staffing` builds them."""

    staff: pd.DataFrame
    staff_skills: pd.DataFrame
    demands: pd.DataFrame
    hires: pd.DataFrame
    periods: pd.PeriodIndex
    role_of_staff: pd.Series
    profiles: pd.DataFrame
    today: datetime.date


STAFFING_TODAY = datetime.date(2026, 1, 1)
RETIREMENT_AGE = 67


def synthetic_staffing(*, staff: int, skills: int, demands: int, quarters: int, seed: int) -> StaffingFrames:
    """Staff, their skills and the skill demand of a municipality's projects, as :mod:`staffing.gaps` takes.

    Dated from ``STAFFING_TODAY`` (fixed, so the same seed gives the same data on any day); ``periods`` are
    the ``quarters`` quarters from there.

    - ``staff``: ids 1 …, about ``staff`` / 120 org units, three quarters full time and the rest part time
      (0.5–0.8 FTE). Ages follow the old age structure of German public administration (about a third 55
      or older) and people leave at ``RETIREMENT_AGE``, so about a third of the staff leave within the next
      ten years; one in ten has a fixed-term contract ending within three years, and a tenth of the others
      have no exit date on record yet (NaT).
    - ``staff_skills``: about four skills a person (1–8), drawn with a skewed popularity (the k-th most
      common skill about 1/k² as often as the first: everyone uses the office suite, a few people hold the
      specialist skills); levels 1–5 centred on 2–3; one in five expires (a certificate) between a year ago
      and five years ahead.
    - ``demands``: ``demands`` demands of about ``demands`` / 5 projects, mostly for the rarer skills
      (popularity reversed, flattened), levels 2–5, log-normal FTE (mostly 0.1–0.5), running 2–12 quarters
      from a start anywhere from a year before the range to its end. At the benchmark's size about a fifth
      of the skill-quarters have a gap.
    - ``hires``: one planned hire per 50 staff, expected within the range.
    - ``profiles``: ``skills`` / 2 role profiles of 4–8 skills with target levels 2–4; ``role_of_staff``:
      four in five people have one.
    """
    rng = np.random.default_rng(seed)
    today = np.datetime64(STAFFING_TODAY, "D")
    periods = pd.period_range(start=pd.Period(STAFFING_TODAY, freq="Q"), periods=quarters, freq="Q")
    skill_ids = np.arange(1, skills + 1)
    # Held skills are skewed (everyone uses the office suite, few are data engineers); projects ask mostly
    # for the rarer digital skills, so demand is drawn with the order of popularity reversed.
    popularity = 1.0 / np.arange(1, skills + 1) ** 2.0
    popularity /= popularity.sum()
    wanted = popularity[::-1] ** 0.25
    wanted /= wanted.sum()

    # Ages: a mixture of a younger cohort and the large cohort of the 1960s, truncated to 18–66.
    old = rng.random(staff) < 0.45
    age = np.where(old, rng.normal(58.0, 4.0, staff), rng.normal(38.0, 9.0, staff))
    age = np.clip(age, 18.0, RETIREMENT_AGE - 0.05)
    retirement = today + np.round((RETIREMENT_AGE - age) * 365.25).astype("timedelta64[D]")
    fixed_term = rng.random(staff) < 0.10
    contract_end = today + rng.integers(30, 3 * 365, staff).astype("timedelta64[D]")
    exit_date = np.where(fixed_term, np.minimum(contract_end, retirement), retirement)
    # Not every retirement is planned yet: a tenth of the permanent staff have no exit date on record.
    exit_date = np.where(~fixed_term & (rng.random(staff) < 0.10), np.datetime64("NaT", "D"), exit_date)
    part_time = rng.random(staff) < 0.25
    staff_frame = pd.DataFrame(
        {
            "id": np.arange(1, staff + 1),
            "org_unit_id": rng.integers(1, max(staff // 120, 1) + 1, staff),
            "fte": np.where(part_time, rng.choice([0.5, 0.6, 0.75, 0.8], staff), 1.0),
            "exit_date": pd.to_datetime(exit_date),
        }
    )

    # Skills without replacement per person: the top k of Gumbel-perturbed log popularities.
    counts = np.clip(rng.poisson(4.0, staff), 1, min(8, skills))
    keys = np.log(popularity) + rng.gumbel(size=(staff, skills))
    ranked = np.argsort(-keys, axis=1)
    chosen = np.arange(skills) < counts[:, None]
    staff_pos, rank_pos = np.nonzero(chosen)
    held = len(staff_pos)
    expires = rng.random(held) < 0.20
    valid_until = today + rng.integers(-365, 5 * 365, held).astype("timedelta64[D]")
    staff_skills = pd.DataFrame(
        {
            "staff_id": staff_pos + 1,
            "skill_id": skill_ids[ranked[staff_pos, rank_pos]],
            "level": rng.choice([1, 2, 3, 4, 5], held, p=[0.15, 0.30, 0.30, 0.18, 0.07]),
            "valid_until": pd.to_datetime(np.where(expires, valid_until, np.datetime64("NaT", "D"))),
        }
    )

    first_day = periods[0].start_time.to_datetime64().astype("datetime64[D]")
    range_days = int((periods[-1].end_time - periods[0].start_time).days) + 1 if quarters else 1
    start = first_day + rng.integers(-365, range_days, demands).astype("timedelta64[D]")
    length = rng.integers(2, 13, demands) * 91
    demand_frame = pd.DataFrame(
        {
            "id": np.arange(1, demands + 1),
            "project_id": rng.integers(1, max(demands // 5, 1) + 1, demands),
            "skill_id": rng.choice(skill_ids, demands, p=wanted),
            "level": rng.choice([2, 3, 4, 5], demands, p=[0.35, 0.35, 0.22, 0.08]),
            "fte": np.round(np.clip(rng.lognormal(-1.5, 0.7, demands), 0.05, 3.0), 2),
            "start": pd.to_datetime(start),
            "end": pd.to_datetime(start + length.astype("timedelta64[D]")),
        }
    )

    n_hires = max(staff // 50, 1)
    hires = pd.DataFrame(
        {
            "skill_id": rng.choice(skill_ids, n_hires, p=wanted),
            "level": rng.choice([2, 3, 4], n_hires),
            "fte": np.where(rng.random(n_hires) < 0.8, 1.0, 0.5),
            "expected_date": pd.to_datetime(
                first_day + rng.integers(0, range_days, n_hires).astype("timedelta64[D]")
            ),
        }
    )

    n_profiles = max(skills // 2, 1)
    per_profile = rng.integers(4, 9, n_profiles)
    profile_ids = np.repeat(np.arange(1, n_profiles + 1), per_profile)
    profile_skills = np.argsort(rng.random((n_profiles, skills)), axis=1)
    profile_rank = np.arange(len(profile_ids)) - np.repeat(np.cumsum(per_profile) - per_profile, per_profile)
    profiles = pd.DataFrame(
        {
            "role_profile_id": profile_ids,
            "skill_id": skill_ids[profile_skills[profile_ids - 1, np.minimum(profile_rank, skills - 1)]],
            "target_level": rng.choice([2, 3, 4], len(profile_ids), p=[0.3, 0.5, 0.2]),
        }
    ).drop_duplicates(["role_profile_id", "skill_id"])
    has_role = rng.random(staff) < 0.8
    role_of_staff = pd.Series(
        rng.integers(1, n_profiles + 1, staff)[has_role],
        index=pd.Index(staff_frame["id"].to_numpy()[has_role], name="staff_id"),
        name="role_profile_id",
    )
    return StaffingFrames(
        staff=staff_frame,
        staff_skills=staff_skills,
        demands=demand_frame,
        hires=hires,
        periods=periods,
        role_of_staff=role_of_staff,
        profiles=profiles,
        today=STAFFING_TODAY,
    )
