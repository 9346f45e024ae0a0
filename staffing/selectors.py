"""Reads of the staffing app for pages, API and reports (DESIGN.md §4 staffing, §5 skills gap, §6).

Individual records come through the gate with the STAFF_RECORDS area (hr, admin). Aggregates read the
same rows through ``for_aggregates`` and are computed by ``staffing/gaps.py``; for every role but hr and
admin each figure built from fewer than five people is suppressed (``gaps.suppress``) before it leaves
this module. Frames are built with a fixed number of ``values()`` queries, whatever the number of staff.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import pandas as pd
from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from municipalities import display
from municipalities.access import PORTFOLIO, STAFF_RECORDS, Action, role_allows
from municipalities.models import Membership, Municipality, OrgUnit
from portfolio.models import COMMITTED, COUNCIL_VISIBLE, OPEN
from portfolio.selectors import project_list

from . import gaps
from .models import (
    ExitReason,
    RoleProfile,
    RoleProfileSkill,
    Skill,
    SkillDemand,
    StaffMember,
    StaffSkill,
    Vacancy,
)

QUARTERS = 12


def _frame(rows, columns: list[str], names: list[str] | None = None) -> pd.DataFrame:
    frame = pd.DataFrame.from_records(list(rows.values_list(*columns)), columns=columns, coerce_float=True)
    return frame.rename(columns=dict(zip(columns, names, strict=True))) if names else frame


def sees_individuals(user, municipality: Municipality, roles) -> bool:
    """Whether figures may show groups under five people: hr and admin see individual records anyway."""
    return user.is_superuser or role_allows(roles, STAFF_RECORDS, Action.VIEW)


# --- individual records (hr, admin) -------------------------------------------------------------------


def staff_list(
    *, user, municipality: Municipality, action: Action | str = Action.VIEW
) -> QuerySet[StaffMember]:
    return StaffMember.objects.for_user(user, action, municipality=municipality).select_related(
        "org_unit", "role_profile"
    )


def staff_get(*, user, municipality, pk: int, action: Action | str = Action.VIEW) -> QuerySet[StaffMember]:
    return staff_list(user=user, municipality=municipality, action=action).filter(pk=pk)


def staff_detail(*, staff: StaffMember) -> StaffMember:
    return (
        StaffMember.objects.filter(pk=staff.pk)
        .select_related("org_unit", "role_profile")
        .prefetch_related(
            Prefetch(
                "skills",
                queryset=StaffSkill.objects.select_related("skill__category").order_by("skill__position"),
            ),
            Prefetch(
                "role_profile__skills",
                queryset=RoleProfileSkill.objects.select_related("skill").order_by("skill__position"),
            ),
        )
        .get()
    )


def staff_profile_targets(*, staff: StaffMember, today: datetime.date | None = None) -> list[dict]:
    """The target skills of ``staff``'s role profile against what the person holds, for their page: one
    dict per target (``target``: the prefetched RoleProfileSkill, ``level``: the level held and valid
    today, ``shortfall``), by ``gaps.profile_levels``, the rule the training page counts by (an expired
    skill is not held). ``staff`` comes from ``staff_detail``; two queries."""
    if staff.role_profile is None:
        return []
    today = today or timezone.localdate()
    levels = gaps.profile_levels(
        # Their own page shows a person's targets even after their exit (the aggregates leave them out).
        staff=pd.DataFrame(
            [{"id": staff.pk, "org_unit_id": staff.org_unit_id, "fte": staff.fte, "exit_date": None}]
        ),
        staff_skills=_frame(
            StaffSkill.objects.filter(staff=staff), ["staff_id", "skill_id", "level", "valid_until"]
        ),
        role_of_staff=pd.Series({staff.pk: staff.role_profile_id}),
        profiles=_frame(
            RoleProfileSkill.objects.filter(profile_id=staff.role_profile_id),
            ["profile_id", "skill_id", "target_level"],
            ["role_profile_id", "skill_id", "target_level"],
        ),
        at=today,
    ).set_index("skill_id")
    return [
        {
            "target": target,
            "level": int(levels.at[target.skill_id, "actual_level"]),
            "shortfall": int(levels.at[target.skill_id, "shortfall"]),
        }
        for target in staff.role_profile.skills.all()
    ]


def role_profile_list(*, user, municipality, action: Action | str = Action.VIEW) -> QuerySet[RoleProfile]:
    return RoleProfile.objects.for_user(user, action, municipality=municipality).prefetch_related(
        Prefetch(
            "skills", queryset=RoleProfileSkill.objects.select_related("skill").order_by("skill__position")
        )
    )


def vacancy_list(*, user, municipality, action: Action | str = Action.VIEW) -> QuerySet[Vacancy]:
    return Vacancy.objects.for_user(user, action, municipality=municipality).select_related(
        "skill", "org_unit"
    )


# --- frames for the analysis --------------------------------------------------------------------------


@dataclass(frozen=True)
class StaffingData:
    staff: pd.DataFrame
    staff_skills: pd.DataFrame
    demands: pd.DataFrame
    hires: pd.DataFrame
    roles: pd.Series
    profiles: pd.DataFrame


def staffing_data(
    *, user, municipality: Municipality, statuses=COMMITTED, individuals: bool = False
) -> StaffingData:
    """The frames ``gaps`` takes, read through the gate (records for hr/admin, aggregates for the others);
    six queries."""
    if individuals:
        staff_rows = StaffMember.objects.for_user(user, municipality=municipality)
    else:
        staff_rows = StaffMember.objects.for_aggregates(user, municipality=municipality)
    staff = _frame(staff_rows, ["id", "org_unit_id", "fte", "exit_date", "exit_reason", "role_profile_id"])
    skills = _frame(
        StaffSkill.objects.filter(staff__in=staff_rows.values("pk")),
        ["staff_id", "skill_id", "level", "valid_until"],
    )
    if user.is_superuser or role_allows(
        Membership.objects.filter(user=user, municipality=municipality).values_list("role", flat=True),
        PORTFOLIO,
        Action.VIEW,
    ):
        projects = project_list(user=user, municipality=municipality).filter(status__in=statuses)
        demand_rows = SkillDemand.objects.filter(project__in=projects.values("pk"))
    else:
        # hr: the demand as an aggregate, of projects the council could see too (no ideas or proposals).
        demand_rows = SkillDemand.objects.for_aggregates(user, municipality=municipality).filter(
            project__status__in=[s for s in statuses if s in COUNCIL_VISIBLE]
        )
    demands = _frame(
        demand_rows,
        [
            "id",
            "project_id",
            "skill_id",
            "level",
            "fte",
            "start",
            "end",
            "project__planned_start",
            "project__planned_end",
        ],
    )
    if not demands.empty:
        demands["start"] = demands["start"].fillna(demands["project__planned_start"])
        demands["end"] = demands["end"].fillna(demands["project__planned_end"])
    demands = demands.drop(columns=["project__planned_start", "project__planned_end"])
    vacancies = Vacancy.objects.for_aggregates(user, municipality=municipality).filter(filled=False)
    hires = _frame(vacancies, ["skill_id", "level", "fte", "expected_date"])
    profiles = _frame(
        RoleProfileSkill.objects.for_aggregates(user, municipality=municipality),
        ["profile_id", "skill_id", "target_level"],
        ["role_profile_id", "skill_id", "target_level"],
    )
    roles = staff.set_index("id")["role_profile_id"].dropna().astype("int64")
    return StaffingData(
        staff=staff.drop(columns=["role_profile_id"]),
        staff_skills=skills,
        demands=demands,
        hires=hires,
        roles=roles,
        profiles=profiles,
    )


# --- aggregates for the analysis pages ------------------------------------------------------------------


def quarter_start(day: datetime.date) -> datetime.date:
    return datetime.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def _skill_names() -> dict[int, str]:
    return {s.pk: s.name for s in Skill.objects.only("pk", "name_de", "name_en")}


# The columns of the gap table that rest on the people holding a skill (hidden below five of them).
GAP_DERIVED = ("supply_fte", "gap_fte", "coverage", "needed_level", "shortage")


@dataclass(frozen=True)
class GapView:
    """The skills gap as a page, the API or a report shows it.

    ``table``: one row per skill and quarter (``gaps.skill_gaps`` columns plus skill name, a ``shortage``
    flag, the number of ``holders`` and ``suppressed``); where fewer than five people hold a skill and the
    reader may not see individuals, their number and every column derived from them (``GAP_DERIVED``) are
    missing: supply, gap, coverage and needed level NaN, ``shortage`` NA. The projects' demand stays.
    ``options``: the train/hire/buy options of the gap rows; none for a suppressed skill (that a skill has
    options tells that it is short). ``summary``: each demanded skill over the quarters
    (``gaps.gap_summary`` of the table as suppressed, plus the skill name). ``periods``: the quarters.
    """

    table: pd.DataFrame
    options: pd.DataFrame
    summary: pd.DataFrame
    periods: pd.PeriodIndex
    individuals: bool


def gap_view(
    *,
    user,
    municipality: Municipality,
    individuals: bool,
    statuses=COMMITTED,
    today: datetime.date | None = None,
    quarters: int = QUARTERS,
    plan: dict[int, int] | None = None,
) -> GapView:
    """The skills gap per skill and quarter. With ``plan`` (a scenario's chosen projects and the years
    each start moves, ``portfolio.selectors.scenario_plan``) the demand is that of those projects, at the
    scenario's start years, instead of the projects in ``statuses``."""
    today = today or timezone.localdate()
    if plan is not None:
        statuses = OPEN
    data = staffing_data(user=user, municipality=municipality, statuses=statuses, individuals=individuals)
    if plan is not None:
        data = _planned(data, plan)
    periods = gaps.quarters(start=quarter_start(today), count=quarters)
    table = gaps.skill_gaps(
        staff=data.staff,
        staff_skills=data.staff_skills,
        demands=data.demands,
        hires=data.hires,
        periods=periods,
    )
    options = gaps.gap_options(gaps=table, staff=data.staff, staff_skills=data.staff_skills, at=today)
    holders = gaps.holder_risks(staff=data.staff, staff_skills=data.staff_skills, today=today, min_level=1)
    table["holders"] = table["skill_id"].map(holders["holders"]).fillna(0).astype("int64")
    table["shortage"] = table["gap_fte"] > 1e-9
    if individuals:
        table["suppressed"] = False
    else:
        # Everything derived from the few holders goes, the shortage flag too: "short" beside a hidden
        # supply says what the supply is not. Demand stays: it is the projects', not the people's.
        table = gaps.suppress(frame=table, count_column="holders", value_columns=GAP_DERIVED)
        # A skill has options only in quarters with a gap, so its rows would tell the shortage as well.
        options = options[~options["skill_id"].isin(table.loc[table["suppressed"], "skill_id"])]
    options = options.assign(suppressed=False)
    names = _skill_names()
    table["skill"] = table["skill_id"].map(names)
    options["skill"] = options["skill_id"].map(names)
    summary = gaps.gap_summary(gaps=table)
    summary.insert(0, "skill", summary.index.map(names))
    return GapView(table=table, options=options, summary=summary, periods=periods, individuals=individuals)


OPTIONS_SHOWN = 30


@dataclass(frozen=True)
class GapPage:
    """The skills gap page of one skill, finished: ``skills`` the demanded skills, short ones and the
    largest gaps first (records of ``GapView.summary``); ``skill_id`` the chosen one (the first where the
    choice is not among them; None without demand) with its rows of the table per quarter
    (``skill_quarters``, with a ``quarter_label``); ``heat`` the gap
    per skill (rows, in the order of ``skills``) and quarter (columns) with ``heat_suppressed`` marking
    the hidden cells; ``options`` the largest gaps' train/hire/buy options (at most ``OPTIONS_SHOWN``)."""

    view: GapView
    skills: list[dict]
    skill_id: int | None
    skill_name: str
    skill_quarters: pd.DataFrame
    heat: pd.DataFrame
    heat_suppressed: pd.DataFrame
    options: list[dict]


def _quarter_label(period: pd.Period) -> str:
    """A quarter as people write it ("Q3 2026"), not pandas' "2026Q3"."""
    return display.quarter(period.start_time.date())


def _planned(data: StaffingData, plan: dict[int, int]) -> StaffingData:
    """``data`` with the demand of the planned projects only, their dates moved by the plan's years."""
    from dataclasses import replace

    demands = data.demands[data.demands["project_id"].isin(list(plan))].copy()
    if not demands.empty:
        shift = demands["project_id"].map(plan).astype(int)
        for column in ("start", "end"):
            dates = pd.to_datetime(demands[column], errors="coerce")
            moved = [
                (d + pd.DateOffset(years=int(s))).date() if not pd.isna(d) else None
                for d, s in zip(dates, shift, strict=True)
            ]
            demands[column] = moved
    return replace(data, demands=demands)


def gap_page(
    *,
    user,
    municipality: Municipality,
    individuals: bool,
    statuses=COMMITTED,
    skill: int | None = None,
    today: datetime.date | None = None,
    plan: dict[int, int] | None = None,
) -> GapPage:
    """``gap_view`` shaped for its page (people see it: suppressed unless ``individuals``)."""
    view = gap_view(
        user=user,
        municipality=municipality,
        individuals=individuals,
        statuses=statuses,
        today=today,
        plan=plan,
    )
    table = view.table.assign(quarter_label=view.table["quarter"].map(_quarter_label))
    summary = view.summary.sort_values(["shortage", "gap_fte", "demand_fte"], ascending=False)
    skill_ids = list(summary.index)
    skill_id = skill if skill in skill_ids else (skill_ids[0] if skill_ids else None)
    demanded = table[table["demand_fte"] > 0]  # a quarter without demand stays blank in the heatmap
    grid = {
        column: demanded.pivot_table(
            index="skill", columns="quarter_label", values=column, aggfunc="first", dropna=False
        )
        for column in ("gap_fte", "suppressed")
    }
    order = [name for name in summary["skill"] if name in grid["gap_fte"].index]
    # In time order, not the labels' alphabetical one ("Q1 2027" before "Q4 2026").
    columns = [label for label in map(_quarter_label, view.periods) if label in grid["gap_fte"].columns]
    grid = {column: frame.reindex(columns=columns) for column, frame in grid.items()}
    options = view.options.sort_values("gap_fte", ascending=False).head(OPTIONS_SHOWN)
    return GapPage(
        view=view,
        skills=summary.reset_index().to_dict("records"),
        skill_id=skill_id,
        skill_name=summary.loc[skill_id, "skill"] if skill_id is not None else "",
        skill_quarters=table[table["skill_id"] == skill_id].sort_values("quarter"),
        heat=grid["gap_fte"].reindex(order),
        heat_suppressed=grid["suppressed"].reindex(order).fillna(False).astype(bool),
        options=options.assign(quarter=options["quarter"].map(_quarter_label)).to_dict("records"),
    )


def capacity(
    *,
    user,
    municipality: Municipality,
    today: datetime.date | None = None,
    quarters: int = QUARTERS,
) -> pd.DataFrame:
    """The staff capacity per skill, level and quarter (``gaps.capacity``) as plain data for analyses
    that need the raw numbers, such as a scenario optimizer's capacity constraint (DESIGN.md §5 portfolio
    selection; a lower app takes it from its caller). Not suppressed: its callers show people only what
    they derive from it (selected projects), never these figures; pages show ``gap_view``."""
    today = today or timezone.localdate()
    data = staffing_data(user=user, municipality=municipality)
    return gaps.capacity(
        staff=data.staff,
        staff_skills=data.staff_skills,
        hires=data.hires,
        periods=gaps.quarters(start=quarter_start(today), count=quarters),
    )


def matrix_view(
    *,
    user,
    municipality: Municipality,
    individuals: bool,
    min_level: int = 3,
    today: datetime.date | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The skills matrix (skill × organisational unit): people at or above ``min_level``, suppressed under
    five people unless the reader may see individuals. Returns (people, suppressed) as wide frames indexed
    by skill name with unit names as columns: people is 0 where nobody holds the skill, NaN where hidden."""
    today = today or timezone.localdate()
    data = staffing_data(user=user, municipality=municipality, individuals=individuals)
    matrix = gaps.skills_matrix(
        staff=data.staff, staff_skills=data.staff_skills, at=today, min_level=min_level
    )
    if individuals:
        matrix["suppressed"] = False
    else:
        matrix = gaps.suppress(frame=matrix, count_column="people", value_columns=["mean_level", "fte"])
    units = dict(OrgUnit.objects.filter(municipality=municipality).values_list("pk", "name"))
    names = _skill_names()
    skills = [
        names[pk]
        for pk in Skill.objects.order_by("category__position", "position").values_list("pk", flat=True)
    ]
    matrix["skill"] = matrix["skill_id"].map(names)
    matrix["unit"] = matrix["org_unit_id"].map(units)
    columns = sorted(units.values())
    people = (
        matrix.pivot_table(index="skill", columns="unit", values="people", aggfunc="first", dropna=False)
        .reindex(index=skills, columns=columns)
        .fillna(0.0)
    )
    hidden = (
        matrix.pivot_table(index="skill", columns="unit", values="suppressed", aggfunc="first", dropna=False)
        .reindex(index=skills, columns=columns)
        .fillna(False)
        .astype(bool)
    )
    return people.mask(hidden), hidden


@dataclass(frozen=True)
class ExposureView:
    """Retirement exposure: per skill the holders at level 3 or above, single holders, the share leaving
    within ``horizon`` years; and planned exits per year and reason. Suppressed below five people unless
    the reader may see individuals (a single-holder skill then reads "fewer than five holders")."""

    skills: pd.DataFrame
    exits: pd.DataFrame
    horizon: int
    # Without individuals: the skills of fewer than five holders each as one band (``gaps.band_of_few``),
    # with their names; None when there is no such skill or the reader may see individuals.
    few_band: dict | None = None


def exposure_view(
    *,
    user,
    municipality: Municipality,
    individuals: bool,
    today: datetime.date | None = None,
    horizon: int = 5,
) -> ExposureView:
    today = today or timezone.localdate()
    data = staffing_data(user=user, municipality=municipality, individuals=individuals)
    risks = gaps.holder_risks(
        staff=data.staff, staff_skills=data.staff_skills, today=today, min_level=3, horizon_years=horizon
    )
    risks = risks[risks["holders"] > 0].copy()
    risks["few"] = risks["holders"] < gaps.MIN_GROUP
    if not individuals:
        risks = gaps.suppress(
            frame=risks,
            count_column="holders",
            value_columns=["holder_fte", "leaving", "leaving_share"],
        )
        risks["single_holder"] = False  # not shown below five; "few" says enough
    risks["skill"] = risks.index.map(_skill_names())
    risks = risks.sort_values(["few", "leaving_share"], ascending=[False, False], na_position="last")

    staff = data.staff.copy()
    exit_dates = pd.to_datetime(staff["exit_date"])
    staff = staff[exit_dates.notna() & (exit_dates > pd.Timestamp(today))]
    staff["year"] = pd.to_datetime(staff["exit_date"]).dt.year
    reasons = dict(ExitReason.choices)
    staff["reason"] = staff["exit_reason"].map(lambda r: str(reasons.get(r, reasons[ExitReason.OTHER])))
    exits = staff.groupby(["year", "reason"]).size().rename("people").reset_index()
    exits = exits[exits["year"] <= today.year + 10]
    if not individuals:
        exits = gaps.suppress(frame=exits, count_column="people", value_columns=[])
    few_band = None
    if not individuals and risks["suppressed"].any():
        few = risks[risks["suppressed"]]
        few_band = gaps.band_of_few(
            staff=data.staff,
            staff_skills=data.staff_skills,
            skill_ids=list(few.index),
            today=today,
            min_level=3,
            horizon_years=horizon,
        ) | {"skills": sorted(few["skill"].astype(str))}
    return ExposureView(skills=risks.reset_index(), exits=exits, horizon=horizon, few_band=few_band)


@dataclass(frozen=True)
class TrainingView:
    """Where staff fall short of their role profile: per skill the people below target (suppressed below
    five unless individuals may be seen) and, for hr and admin, the people themselves."""

    per_skill: pd.DataFrame
    people: list[dict]


def training_view(
    *, user, municipality: Municipality, individuals: bool, today: datetime.date | None = None
) -> TrainingView:
    today = today or timezone.localdate()
    data = staffing_data(user=user, municipality=municipality, individuals=individuals)
    shortfalls = gaps.profile_gaps(
        staff=data.staff,
        staff_skills=data.staff_skills,
        role_of_staff=data.roles,
        profiles=data.profiles,
        at=today,
    )
    per_skill = (
        shortfalls.groupby("skill_id")
        .agg(people=("staff_id", "nunique"), mean_shortfall=("shortfall", "mean"))
        .reset_index()
        .sort_values("people", ascending=False)
    )
    if not individuals:
        per_skill = gaps.suppress(frame=per_skill, count_column="people", value_columns=["mean_shortfall"])
    names = _skill_names()
    per_skill["skill"] = per_skill["skill_id"].map(names)
    people: list[dict] = []
    if individuals and not shortfalls.empty:
        numbers = dict(
            StaffMember.objects.filter(pk__in=list(shortfalls["staff_id"].unique())).values_list(
                "pk", "personnel_number"
            )
        )
        shortfalls = shortfalls.assign(
            personnel_number=shortfalls["staff_id"].map(numbers), skill=shortfalls["skill_id"].map(names)
        )
        people = shortfalls.sort_values(["personnel_number", "skill"]).to_dict("records")
    return TrainingView(per_skill=per_skill, people=people)


def project_skill_demands(*, project) -> list[SkillDemand]:
    """The skills an already scoped ``project`` needs, in catalogue order, for its page; one query."""
    return list(
        SkillDemand.objects.filter(project=project).select_related("skill").order_by("skill__position", "pk")
    )


def scenario_resources(*, user, municipality: Municipality, scenario, starts: pd.Series):
    """Skill demand and staff capacity of a scenario as ``portfolio.selectors.Resources`` (registered there
    at start-up: portfolio is the lower layer). Demand: the open projects' skill demands per year, as offsets
    from each project's start year (``starts``), nested by level; capacity: the supply of the planning
    years, minus the scenario's share for daily business. Rows are "skill:level" (that level or above).
    Not suppressed: the optimizer uses the figures; people see only the chosen projects and loads."""
    from django.utils.translation import gettext as _

    from portfolio.models import OPEN
    from portfolio.selectors import Resources

    years = list(range(scenario.first_year, scenario.first_year + scenario.years))
    data = staffing_data(user=user, municipality=municipality, statuses=OPEN)
    demand = gaps.yearly_demand(demands=data.demands, years=years)
    demand = demand[demand["project_id"].isin(starts.index)]
    if scenario.capacity_source == "entered":
        return _entered_resources(scenario, demand, starts, years)
    demand = demand.assign(
        row=demand["skill_id"].astype(str) + ":" + demand["level"].astype(str),
        offset=demand["year"] - demand["project_id"].map(starts),
    )
    periods = pd.period_range(f"{years[0]}Q1", f"{years[-1]}Q4", freq="Q")
    supply = gaps.capacity(
        staff=data.staff, staff_skills=data.staff_skills, hires=data.hires, periods=periods
    )
    share = 1 - scenario.daily_business_share / 100
    capacity = gaps.yearly_capacity(capacity=supply, share=share)
    rows = demand[["skill_id", "level", "row"]].drop_duplicates()
    capacity = capacity.merge(rows, on=["skill_id", "level"])  # only the rows something demands
    names = _skill_names()
    labels = {
        row: _("%(skill)s (level %(level)s or above)") % {"skill": names.get(skill, skill), "level": level}
        for skill, level, row in rows.itertuples(index=False)
    }
    return Resources(
        demand=demand[["project_id", "row", "offset", "fte"]],
        capacity=capacity[["row", "year", "fte"]],
        labels=labels,
    )


def _entered_resources(scenario, demand: pd.DataFrame, starts: pd.Series, years: list[int]):
    """Resources of a scenario whose capacity is entered per skill and year (``ScenarioCapacity``): one
    row per skill (the demand of every level), limited only in the years with an entry."""
    from portfolio.selectors import Resources

    from .models import ScenarioCapacity

    needed = demand[demand["level"] == demand.groupby("skill_id")["level"].transform("min")]  # not nested
    needed = needed.assign(
        row=needed["skill_id"].astype(str), offset=needed["year"] - needed["project_id"].map(starts)
    )
    entries = pd.DataFrame.from_records(
        list(
            ScenarioCapacity.objects.filter(scenario=scenario, year__in=years).values_list(
                "skill_id", "year", "fte"
            )
        ),
        columns=["skill_id", "year", "fte"],
        coerce_float=True,
    )
    names = _skill_names()
    skills = set(needed["skill_id"]) | set(entries["skill_id"])
    # Every skill in every year, unlimited where nothing is entered.
    grid = pd.MultiIndex.from_product([sorted(skills), years], names=["skill_id", "year"])
    fte = entries.set_index(["skill_id", "year"])["fte"].astype(float).reindex(grid).fillna(float("inf"))
    capacity = fte.reset_index().assign(row=lambda f: f["skill_id"].astype(str))
    return Resources(
        demand=needed[["project_id", "row", "offset", "fte"]],
        capacity=capacity[["row", "year", "fte"]],
        labels={str(skill): names.get(skill, str(skill)) for skill in skills},
    )


def scenario_capacity_table(*, user, municipality: Municipality, scenario) -> tuple[list[int], list[dict]]:
    """The skills the open projects demand (and those with an entry) with the entered FTE per planning
    year, for the capacity page of a scenario: (years, rows of skill_id, skill and values by year)."""
    from portfolio.models import OPEN

    from .models import ScenarioCapacity

    years = list(range(scenario.first_year, scenario.first_year + scenario.years))
    data = staffing_data(user=user, municipality=municipality, statuses=OPEN)
    entered = {
        (skill, year): fte
        for skill, year, fte in ScenarioCapacity.objects.filter(scenario=scenario).values_list(
            "skill_id", "year", "fte"
        )
    }
    skills = set(data.demands["skill_id"]) | {skill for skill, _year in entered}
    names = _skill_names()
    rows = [
        {
            "skill_id": skill,
            "skill": names.get(skill, str(skill)),
            "values": [entered.get((skill, y)) for y in years],
        }
        for skill in skills
    ]
    return years, sorted(rows, key=lambda r: r["skill"])
