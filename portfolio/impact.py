"""Impact of the portfolio on the administrative services: maturity now and after, hours saved, layer balance.

Implements DESIGN.md §5 "Impact" on the data of §4 "portfolio", for the point §2 makes: an application form
put online while the case is still printed and worked on paper is not digitization. Each service is rated
at the front (how a citizen applies) and at the back (how the case reaches and is worked by the case
worker); a service online at the front but on paper at the back is flagged as "paper behind the portal".

The derivation of the two levels lives in one place, :func:`_derive_levels`, and serves the current state
of a service as well as the state a project's service change brings:

- front-end level = min(maturity level, 3), under either model version (1.x: 0–4, 2.0: 0–7); a level is
  never converted from one version to the other.
- back-end level (``BACK_LEVELS``): 0 paper (handling none / e-mail / printed, no e-file), 1 digital with a
  media break (re-typed into the specialised procedure, or an e-file without automated transfer), 2
  automated into the specialised procedure, 3 digital end to end (automated and e-file). Under model 2.0
  the maturity level sets a floor, because its levels 4–7 describe the back: 4 → at least 1, 5 → at least
  2, 6 and 7 → 3. Model 1.x says nothing about the back, so it has no floor.

Everything works on plain pandas frames built by ``portfolio.selectors`` from ``values()`` (numbers may
arrive as Decimal); nothing touches the ORM or the request, and nothing loops in Python over services,
changes or projects.
"""

from __future__ import annotations

from collections.abc import Collection

import numpy as np
import pandas as pd

# The input frames' columns, as ``portfolio.selectors`` reads them (tests build frames with the same).
SERVICE_COLUMNS = [
    "id",
    "level",
    "model_version",
    "handling",
    "e_file",
    "cases_per_year",
    "staff_minutes",
    "citizen_minutes",
    "media_breaks",
    "subject_area_id",
]
CHANGE_COLUMNS = [
    "id",
    "project_id",
    "service_id",
    "target_level",
    "target_handling",
    "target_e_file",
    "staff_minutes_saved",
    "citizen_minutes_saved",
    "media_breaks_removed",
]
PROJECT_COLUMNS = ["id", "layer", "status", "internal_effort_days", "external_cost"]
COST_COLUMNS = ["project_id", "year", "invest", "operating"]

FRONT_LEVELS = (0, 1, 2, 3)
BACK_LEVELS = (0, 1, 2, 3)
HANDLINGS = ("none", "email", "printed", "retyped", "automated")
LAYERS = ("front_end", "back_end", "end_to_end")

SERVICE_LEVEL_COLUMNS = (
    "front_level",
    "back_level",
    "paper_behind_portal",
    "staff_hours_per_year",
    "citizen_hours_per_year",
)
CHANGE_LEVEL_COLUMNS = (
    "project_id",
    "service_id",
    "front_level",
    "back_level",
    "target_front_level",
    "target_back_level",
    "changes_front",
    "changes_back",
    "staff_hours_saved",
    "citizen_hours_saved",
    "media_breaks_removed",
)
PROJECT_IMPACT_COLUMNS = (
    "staff_hours_saved",
    "citizen_hours_saved",
    "media_breaks_removed",
    "service_count",
    "changes_front",
    "changes_back",
    "implied_layer",
    "layer",
    "layer_differs",
)
SERVICES_AFTER_COLUMNS = (
    "front_level",
    "back_level",
    "paper_behind_portal",
    "front_level_after",
    "back_level_after",
    "paper_behind_portal_after",
    "staff_hours_saved",
    "citizen_hours_saved",
)
LEVEL_SHARE_COLUMNS = ("group", "side", "when", "level", "count", "share")
LAYER_COLUMNS = (
    "count",
    "invest",
    "operating",
    "cost",
    "effort_days",
    "staff_hours_saved",
    "citizen_hours_saved",
    "share_of_cost",
)
LAYER_YEAR_COLUMNS = ("year", "layer", "invest", "operating", "cost")
COST_PER_YEAR_COLUMNS = ("project_id", "year", "invest", "operating", "cost")

# Back-end floor set by a model 2.0 level, indexed by the level (0–7).
_V2_BACK_FLOOR = np.array([0, 0, 0, 0, 1, 2, 3, 3], dtype=np.int64)
_MAX_LEVEL = len(_V2_BACK_FLOOR) - 1
# Handling as far as the back-end level is concerned: none, e-mail and printed are all paper.
_RETYPED, _AUTOMATED = 1, 2
_SIDES = ("front", "back")
_WHENS = ("now", "after")
_SHARE_SOURCES = {
    "front_level": ("front", "now"),
    "front_level_after": ("front", "after"),
    "back_level": ("back", "now"),
    "back_level_after": ("back", "after"),
}


def service_levels(*, services: pd.DataFrame) -> pd.DataFrame:
    """Front-end and back-end level, the "paper behind the portal" flag and yearly hours of each service.

    ``services`` has the columns id, level, model_version ("1" or "2"), handling (one of ``HANDLINGS``),
    e_file, cases_per_year, staff_minutes and citizen_minutes. A missing level counts as 0, a missing
    handling as "none", a missing e_file as False, missing cases or minutes as 0.

    Returns one row per service, indexed by ``service_id``, with the columns of ``SERVICE_LEVEL_COLUMNS``:
    ``front_level`` and ``back_level`` (int, see the module docstring), ``paper_behind_portal`` (bool:
    front level 3 and back level 0), ``staff_hours_per_year`` and ``citizen_hours_per_year`` (float: cases
    per year × minutes per case / 60).
    """
    frame = _service_frame(services)
    front, back = _derive_levels(
        level=frame["level"].to_numpy(),
        v2=frame["v2"].to_numpy(),
        handling=frame["handling"].to_numpy(),
        e_file=frame["e_file"].to_numpy(),
    )
    return pd.DataFrame(
        {
            "front_level": front,
            "back_level": back,
            "paper_behind_portal": _paper_behind_portal(front, back),
            "staff_hours_per_year": frame["cases"] * frame["staff_minutes"] / 60.0,
            "citizen_hours_per_year": frame["cases"] * frame["citizen_minutes"] / 60.0,
        },
        index=frame.index,
    )


def change_levels(*, services: pd.DataFrame, changes: pd.DataFrame) -> pd.DataFrame:
    """What each service change does to its service: levels before and after, hours saved per year.

    ``services`` as for :func:`service_levels`; ``changes`` has the columns id, project_id, service_id,
    target_level (NaN/None: unchanged), target_handling (None/""/NaN: unchanged), target_e_file (None/NaN:
    unchanged), staff_minutes_saved, citizen_minutes_saved and media_breaks_removed (missing: 0). Changes
    of services not in ``services`` are dropped.

    Returns one row per change, indexed by ``change_id``, with the columns of ``CHANGE_LEVEL_COLUMNS``:

    - ``project_id``, ``service_id``: carried over.
    - ``front_level``, ``back_level``: the service's levels now.
    - ``target_front_level``, ``target_back_level``: the levels derived with the same rules from the
      target values, each missing target taken from the service (the target level is read under the
      service's own model version); never below the current level, because a change does not make a
      service worse on the map.
    - ``changes_front``, ``changes_back``: the target level lies above the current one.
    - ``staff_hours_saved``, ``citizen_hours_saved``: service cases per year × minutes saved / 60.
    - ``media_breaks_removed``: carried over (float).
    """
    service_frame = _service_frame(services)
    frame = _targets(service_frame=service_frame, changes=changes)
    front, back = _derive_levels(
        level=frame["level"].to_numpy(),
        v2=frame["v2"].to_numpy(),
        handling=frame["handling"].to_numpy(),
        e_file=frame["e_file"].to_numpy(),
    )
    target_front, target_back = _derive_levels(
        level=frame["target_level"].to_numpy(),
        v2=frame["v2"].to_numpy(),
        handling=frame["target_handling"].to_numpy(),
        e_file=frame["target_e_file"].to_numpy(),
    )
    target_front = np.maximum(target_front, front)
    target_back = np.maximum(target_back, back)
    return pd.DataFrame(
        {
            "project_id": frame["project_id"],
            "service_id": frame["service_id"],
            "front_level": front,
            "back_level": back,
            "target_front_level": target_front,
            "target_back_level": target_back,
            "changes_front": target_front > front,
            "changes_back": target_back > back,
            "staff_hours_saved": frame["cases"] * frame["staff_minutes_saved"] / 60.0,
            "citizen_hours_saved": frame["cases"] * frame["citizen_minutes_saved"] / 60.0,
            "media_breaks_removed": frame["media_breaks_removed"],
        },
        index=frame.index,
    )


def project_impact(*, services: pd.DataFrame, changes: pd.DataFrame, projects: pd.DataFrame) -> pd.DataFrame:
    """Hours saved per year and the layer implied by each project's service changes.

    ``services`` and ``changes`` as for :func:`change_levels`; ``projects`` has id and layer (one of
    ``LAYERS``). Changes of projects not in ``projects`` are ignored.

    Returns one row per project of ``projects``, indexed by ``project_id``, with the columns of
    ``PROJECT_IMPACT_COLUMNS``:

    - ``staff_hours_saved``, ``citizen_hours_saved``, ``media_breaks_removed``: sums over the project's
      changes (0 for a project without changes).
    - ``service_count``: the number of distinct services the project changes.
    - ``changes_front``, ``changes_back``: some change of the project raises a front / back level.
    - ``implied_layer``: "front_end" if the changes raise only front levels, "back_end" if only back
      levels, "end_to_end" if both, None if neither (no changes, or changes that raise no level).
    - ``layer``: the layer the user chose, carried over.
    - ``layer_differs``: an implied layer exists and is not the chosen one.
    """
    project_ids = _ids(projects["id"], name="project_id")
    per_change = change_levels(services=services, changes=changes)
    by_project = per_change.groupby("project_id")
    sums = (
        by_project[["staff_hours_saved", "citizen_hours_saved", "media_breaks_removed"]]
        .sum()
        .reindex(project_ids, fill_value=0.0)
        .astype("float64")
    )
    service_count = by_project["service_id"].nunique().reindex(project_ids, fill_value=0).astype("int64")
    raises = by_project[["changes_front", "changes_back"]].any().reindex(project_ids, fill_value=False)
    changes_front = raises["changes_front"].astype(bool).to_numpy()
    changes_back = raises["changes_back"].astype(bool).to_numpy()

    implied = np.full(len(project_ids), None, dtype=object)
    implied[changes_front & ~changes_back] = "front_end"
    implied[changes_back & ~changes_front] = "back_end"
    implied[changes_front & changes_back] = "end_to_end"
    layer = pd.Series(projects["layer"], dtype=object).to_numpy()
    layer_differs = (changes_front | changes_back) & (implied != layer)

    return pd.DataFrame(
        {
            "staff_hours_saved": sums["staff_hours_saved"],
            "citizen_hours_saved": sums["citizen_hours_saved"],
            "media_breaks_removed": sums["media_breaks_removed"],
            "service_count": service_count,
            "changes_front": changes_front,
            "changes_back": changes_back,
            # object dtype keeps None as None; a string dtype would turn it into NaN.
            "implied_layer": pd.Series(implied, index=project_ids, dtype=object),
            "layer": pd.Series(layer, index=project_ids, dtype=object),
            "layer_differs": layer_differs.astype(bool),
        },
        index=project_ids,
    )


def services_after(
    *,
    services: pd.DataFrame,
    changes: pd.DataFrame,
    projects: pd.DataFrame,
    statuses: Collection[str],
) -> pd.DataFrame:
    """The maturity map: every service now and after the changes of the planned projects.

    ``services`` and ``changes`` as for :func:`change_levels`; ``projects`` has id and status. Only the
    changes of projects whose status is in ``statuses`` count (the selectors pass
    ``portfolio.models.PLANNED``).

    Several planned changes of one service are combined before the levels are derived: the highest target
    level, the most digital handling, and an e-file if any change brings one (one project automating the
    transfer and another introducing the e-file make the service digital end to end, which neither does
    alone).

    Returns one row per service, indexed by ``service_id``, with the columns of ``SERVICES_AFTER_COLUMNS``:
    ``front_level``, ``back_level``, ``paper_behind_portal`` now (as :func:`service_levels`), the same three
    with the suffix ``_after`` (never below now), and ``staff_hours_saved``, ``citizen_hours_saved``: the
    hours saved per year by the planned changes, summed, and capped at the service's staff / citizen hours
    per year (no service can save more time than it takes).
    """
    service_frame = _service_frame(services)
    now = service_levels(services=services)
    planned = _ids(projects["id"][pd.Series(projects["status"]).isin(list(statuses))], name="project_id")
    frame = _targets(service_frame=service_frame, changes=changes)
    frame = frame[frame["project_id"].isin(planned)]

    frame = frame.assign(
        staff_hours_saved=frame["cases"] * frame["staff_minutes_saved"] / 60.0,
        citizen_hours_saved=frame["cases"] * frame["citizen_minutes_saved"] / 60.0,
    )
    by_service = frame.groupby("service_id")
    combined = by_service[["target_level", "target_handling", "target_e_file"]].max().reindex(now.index)
    saved = by_service[["staff_hours_saved", "citizen_hours_saved"]].sum().reindex(now.index, fill_value=0.0)

    # A service without planned changes keeps its own values.
    target_front, target_back = _derive_levels(
        level=combined["target_level"].fillna(service_frame["level"]).to_numpy(),
        v2=service_frame["v2"].to_numpy(),
        handling=combined["target_handling"].fillna(service_frame["handling"]).to_numpy(),
        e_file=combined["target_e_file"].fillna(service_frame["e_file"]).to_numpy(),
    )
    front_after = np.maximum(target_front, now["front_level"].to_numpy())
    back_after = np.maximum(target_back, now["back_level"].to_numpy())

    return pd.DataFrame(
        {
            "front_level": now["front_level"],
            "back_level": now["back_level"],
            "paper_behind_portal": now["paper_behind_portal"],
            "front_level_after": front_after,
            "back_level_after": back_after,
            "paper_behind_portal_after": _paper_behind_portal(front_after, back_after),
            "staff_hours_saved": np.minimum(
                saved["staff_hours_saved"].astype("float64"), now["staff_hours_per_year"]
            ),
            "citizen_hours_saved": np.minimum(
                saved["citizen_hours_saved"].astype("float64"), now["citizen_hours_per_year"]
            ),
        },
        index=now.index,
    )


def level_shares(*, levels: pd.DataFrame, groups: pd.Series) -> pd.DataFrame:
    """Share of services at each front-end and back-end level, now and after, per group.

    ``levels`` is the output of :func:`services_after` (indexed by service_id); ``groups`` maps service_id
    (its index) to a group key, e.g. the OZG subject area. Services without a group key are left out.

    Returns a long frame with the columns of ``LEVEL_SHARE_COLUMNS``: ``group``, ``side`` ("front" /
    "back"), ``when`` ("now" / "after"), ``level``, ``count`` (int) and ``share`` (count / services of the
    group, 0–1). Every level of ``FRONT_LEVELS`` / ``BACK_LEVELS`` appears for every group, side and time,
    with count 0 where no service is at it, so charts keep their categories; rows are ordered by group,
    side (front first), time (now first) and level.
    """
    group_of = pd.Series(groups, dtype=object).reindex(levels.index)
    known = group_of.notna().to_numpy()
    frame = pd.DataFrame(
        {column: levels[column].to_numpy()[known] for column in _SHARE_SOURCES}
        | {"group": group_of.to_numpy()[known]}
    )
    group_keys = pd.Index(pd.unique(frame["group"]), dtype=object).sort_values()

    observed = pd.concat(
        [
            pd.DataFrame(
                {
                    "group": frame["group"].to_numpy(dtype=object),
                    "side": side,
                    "when": when,
                    "level": frame[column].to_numpy(dtype=np.int64),
                }
            )
            for column, (side, when) in _SHARE_SOURCES.items()
        ],
        ignore_index=True,
    )

    cells = pd.DataFrame(
        [
            (side, when, level)
            for side, side_levels in zip(_SIDES, (FRONT_LEVELS, BACK_LEVELS), strict=True)
            for when in _WHENS
            for level in side_levels
        ],
        columns=["side", "when", "level"],
    )
    grid = pd.DataFrame({"group": group_keys}).merge(cells, how="cross")
    counts = observed.value_counts(["group", "side", "when", "level"]).rename("count").reset_index()
    result = grid.merge(counts, on=["group", "side", "when", "level"], how="left")
    result["count"] = result["count"].fillna(0).astype("int64")
    totals = result.groupby(["group", "side", "when"], sort=False)["count"].transform("sum")
    result["share"] = (result["count"] / totals.where(totals > 0)).fillna(0.0).astype("float64")
    return result[list(LEVEL_SHARE_COLUMNS)].reset_index(drop=True)


def cost_per_year(*, costs: pd.DataFrame) -> pd.DataFrame:
    """A project's planned cost in each budget year (DESIGN.md §4: cost per year, invest and operating).

    ``costs`` has project_id, year, invest and operating, one row per project and year (the rows of
    ``ProjectCost``); missing amounts count as 0. Returns the columns of ``COST_PER_YEAR_COLUMNS``, one row
    per row of ``costs`` in its order: ``project_id`` and ``year`` (int), ``invest``, ``operating`` and
    ``cost`` = invest + operating (float).
    """
    frame = pd.DataFrame(
        {
            "project_id": _ids(costs["project_id"], name=None).to_numpy(),
            "year": _ids(costs["year"], name=None).to_numpy(),
            "invest": _floats(costs["invest"], missing=0.0),
            "operating": _floats(costs["operating"], missing=0.0),
        }
    )
    frame["cost"] = frame["invest"] + frame["operating"]
    return frame[list(COST_PER_YEAR_COLUMNS)]


def total_cost(*, projects: pd.DataFrame, costs: pd.DataFrame) -> pd.Series:
    """What each project costs in all, its budget: the cost of every year it plans (:func:`cost_per_year`,
    whichever years those are) plus its external cost, which has no year.

    ``projects`` has id and external_cost (missing: 0); ``costs`` as for :func:`cost_per_year`, rows of
    projects not in ``projects`` left out. Returns a float Series named ``total_cost``, indexed by
    ``project_id`` in the order of ``projects`` (external cost only for a project without yearly costs).
    """
    project_ids = _ids(projects["id"], name="project_id")
    yearly = cost_per_year(costs=costs).groupby("project_id")["cost"].sum()
    planned = yearly.reindex(project_ids, fill_value=0.0).to_numpy(dtype="float64")
    external = _floats(projects["external_cost"], missing=0.0)
    return pd.Series(planned + external, index=project_ids, name="total_cost", dtype="float64")


def layer_balance(
    *, projects: pd.DataFrame, impact: pd.DataFrame, costs: pd.DataFrame
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The balance of front-end, back-end and end-to-end projects in money, effort and hours saved.

    ``projects`` has id, layer, internal_effort_days and external_cost; ``impact`` is the output of
    :func:`project_impact` (indexed by project_id; projects missing from it saved nothing); ``costs`` has
    project_id, year, invest and operating, one row per project and year, and may be empty. Projects
    whose layer is not one of ``LAYERS`` and costs of unknown projects are left out; missing numbers count
    as 0.

    Returns ``(per_layer, per_year)``:

    - ``per_layer``: indexed by ``layer`` with all of ``LAYERS`` in that order, the columns of
      ``LAYER_COLUMNS``: ``count`` (projects), ``invest`` and ``operating`` (sums over all years),
      ``cost`` (the projects' :func:`total_cost`), ``effort_days`` (internal effort),
      ``staff_hours_saved``, ``citizen_hours_saved`` and ``share_of_cost`` (the layer's cost / the cost
      of all layers, 0–1; 0 when nothing costs anything).
    - ``per_year``: the columns of ``LAYER_YEAR_COLUMNS``, one row per year of ``costs`` and layer (all
      three layers in every year): ``invest``, ``operating`` and ``cost`` (:func:`cost_per_year`; external
      cost has no year and is left out here).
    """
    project_ids = _ids(projects["id"], name="project_id")
    layer = pd.Series(pd.Series(projects["layer"], dtype=object).to_numpy(), index=project_ids)
    cost_frame = cost_per_year(costs=costs)
    cost_frame = cost_frame[cost_frame["project_id"].isin(project_ids)]
    project_costs = (
        cost_frame.groupby("project_id")[["invest", "operating"]].sum().reindex(project_ids, fill_value=0.0)
    )
    saved = (
        impact[["staff_hours_saved", "citizen_hours_saved"]]
        .astype("float64")
        .reindex(project_ids, fill_value=0.0)
        .fillna(0.0)
    )
    per_project = pd.DataFrame(
        {
            "layer": layer.to_numpy(),
            "invest": project_costs["invest"].to_numpy(dtype="float64"),
            "operating": project_costs["operating"].to_numpy(dtype="float64"),
            "cost": total_cost(projects=projects, costs=costs).to_numpy(),
            "effort_days": _floats(projects["internal_effort_days"], missing=0.0),
            "staff_hours_saved": saved["staff_hours_saved"].to_numpy(),
            "citizen_hours_saved": saved["citizen_hours_saved"].to_numpy(),
        }
    )
    per_layer = (
        per_project.groupby("layer")
        .agg(
            count=("invest", "size"),
            invest=("invest", "sum"),
            operating=("operating", "sum"),
            cost=("cost", "sum"),
            effort_days=("effort_days", "sum"),
            staff_hours_saved=("staff_hours_saved", "sum"),
            citizen_hours_saved=("citizen_hours_saved", "sum"),
        )
        .reindex(pd.Index(LAYERS, name="layer", dtype=object), fill_value=0)
    )
    per_layer["count"] = per_layer["count"].astype("int64")
    numbers = [
        "invest",
        "operating",
        "cost",
        "effort_days",
        "staff_hours_saved",
        "citizen_hours_saved",
    ]
    per_layer[numbers] = per_layer[numbers].astype("float64")
    total = per_layer["cost"].sum()
    per_layer["share_of_cost"] = per_layer["cost"] / total if total > 0 else 0.0
    per_layer = per_layer[list(LAYER_COLUMNS)]

    yearly = cost_frame.assign(layer=layer.reindex(cost_frame["project_id"]).to_numpy())
    yearly = yearly[yearly["layer"].isin(LAYERS)]
    years = np.sort(pd.unique(yearly["year"]))
    every = pd.MultiIndex.from_product([years, list(LAYERS)], names=["year", "layer"])
    per_year = (
        yearly.groupby(["year", "layer"])[["invest", "operating", "cost"]]
        .sum()
        .reindex(every, fill_value=0.0)
        .reset_index()
    )
    per_year = pd.DataFrame(
        {
            "year": per_year["year"].to_numpy(dtype="int64"),
            "layer": per_year["layer"].to_numpy(dtype=object),
            "invest": per_year["invest"].to_numpy(dtype="float64"),
            "operating": per_year["operating"].to_numpy(dtype="float64"),
            "cost": per_year["cost"].to_numpy(dtype="float64"),
        }
    )
    return per_layer, per_year[list(LAYER_YEAR_COLUMNS)]


def _derive_levels(
    *, level: np.ndarray, v2: np.ndarray, handling: np.ndarray, e_file: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Front-end and back-end level (int arrays) by the rules of the module docstring.

    ``level`` is the maturity level (float, NaN counts as 0), ``v2`` whether it is rated under model 2.0,
    ``handling`` the handling rank (0 paper, ``_RETYPED``, ``_AUTOMATED``), ``e_file`` 0/1.
    """
    levels = np.nan_to_num(np.asarray(level, dtype="float64"), nan=0.0).clip(0, _MAX_LEVEL).astype(np.int64)
    rank = np.nan_to_num(np.asarray(handling, dtype="float64"), nan=0.0).astype(np.int64)
    has_e_file = np.nan_to_num(np.asarray(e_file, dtype="float64"), nan=0.0).astype(np.int64)
    front = np.minimum(levels, 3)
    from_handling = np.select([rank == _AUTOMATED, rank == _RETYPED], [2 + has_e_file, 1], default=has_e_file)
    floor = np.where(np.asarray(v2, dtype=bool), _V2_BACK_FLOOR[levels], 0)
    return front, np.maximum(from_handling, floor)


def _paper_behind_portal(front: np.ndarray, back: np.ndarray) -> np.ndarray:
    return (np.asarray(front) >= 3) & (np.asarray(back) == 0)


def _service_frame(services: pd.DataFrame) -> pd.DataFrame:
    """The service columns the derivation needs, as numbers, indexed by ``service_id``.

    ``handling`` becomes its rank and ``e_file`` 0/1 (float), so the combination of several targets in
    :func:`services_after` is a plain maximum.
    """
    version = pd.Series(services["model_version"], dtype=object).astype(str).str.strip()
    return pd.DataFrame(
        {
            "level": _floats(services["level"], missing=0.0),
            # "2" and "2.0" both name model 2.0; the level itself is never converted.
            "v2": version.str.split(".").str[0].eq("2").to_numpy(dtype=bool),
            "handling": np.nan_to_num(_handling_rank(services["handling"]), nan=0.0),
            "e_file": np.nan_to_num(_flags(services["e_file"]), nan=0.0),
            "cases": _floats(services["cases_per_year"], missing=0.0),
            "staff_minutes": _floats(services["staff_minutes"], missing=0.0),
            "citizen_minutes": _floats(services["citizen_minutes"], missing=0.0),
        },
        index=_ids(services["id"], name="service_id"),
    )


def _targets(*, service_frame: pd.DataFrame, changes: pd.DataFrame) -> pd.DataFrame:
    """Changes of known services beside their service's values, each missing target filled from them.

    Indexed by ``change_id``; columns project_id, service_id, the service columns of
    :func:`_service_frame`, target_level, target_handling (rank), target_e_file (0/1) and the savings.
    """
    frame = pd.DataFrame(
        {
            "project_id": _ids(changes["project_id"], name=None).to_numpy(),
            "service_id": _ids(changes["service_id"], name=None).to_numpy(),
            "target_level": _floats(changes["target_level"], missing=np.nan),
            "target_handling": _handling_rank(changes["target_handling"]),
            "target_e_file": _flags(changes["target_e_file"]),
            "staff_minutes_saved": _floats(changes["staff_minutes_saved"], missing=0.0),
            "citizen_minutes_saved": _floats(changes["citizen_minutes_saved"], missing=0.0),
            "media_breaks_removed": _floats(changes["media_breaks_removed"], missing=0.0),
        },
        index=_ids(changes["id"], name="change_id"),
    )
    frame = frame[frame["service_id"].isin(service_frame.index)]
    own = service_frame.reindex(frame["service_id"].to_numpy())
    frame = frame.assign(**{column: own[column].to_numpy() for column in service_frame.columns})
    for target, current in (
        ("target_level", "level"),
        ("target_handling", "handling"),
        ("target_e_file", "e_file"),
    ):
        frame[target] = frame[target].fillna(frame[current])
    return frame


def _ids(column: pd.Series, *, name: str | None) -> pd.Index:
    return pd.Index(pd.to_numeric(pd.Series(column, dtype=object)).to_numpy(), name=name).astype("int64")


def _floats(column: pd.Series, *, missing: float) -> np.ndarray:
    # Decimal (from DecimalField values()), None and nullable integers all become float64.
    values = pd.to_numeric(pd.Series(column, dtype=object)).astype("float64").to_numpy()
    return np.where(np.isnan(values), missing, values)


def _handling_rank(column: pd.Series) -> np.ndarray:
    """0 for paper (none, e-mail, printed), ``_RETYPED``, ``_AUTOMATED``; NaN where missing ("" too)."""
    values = pd.Series(column, dtype=object).to_numpy()
    missing = pd.isna(values) | (values == "")
    rank = np.select([values == "automated", values == "retyped"], [_AUTOMATED, _RETYPED], default=0)
    return np.where(missing, np.nan, rank.astype("float64"))


def _flags(column: pd.Series) -> np.ndarray:
    """1.0 / 0.0 for true / false, NaN where missing (None, NaN, pd.NA)."""
    values = pd.Series(column, dtype=object).to_numpy()
    missing = pd.isna(values)
    flags = np.where(missing, False, values).astype(bool).astype("float64")
    return np.where(missing, np.nan, flags)
