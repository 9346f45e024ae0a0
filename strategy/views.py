"""Pages of the strategy app: overview with progress, goal detail with chart, forms, adopt/revise/compare."""

from __future__ import annotations

import pandas as pd
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from municipalities import presentation
from municipalities.access import STRATEGY, Action
from municipalities.presentation import figure_json
from municipalities.query import parse_id
from municipalities.views import area_required

from . import actions, charts, selectors
from .forms import AdoptForm, FieldOfActionForm, GoalForm, IndicatorForm, MeasurementForm, StrategyForm
from .models import FrozenError, Goal, Indicator, Strategy

STATUS_FILTERS = ("on_track", "at_risk", "off_track", "achieved", "no_data")


def _ctx(request):
    return {"user": request.user, "municipality": request.tenancy.municipality}


def _rows(frame: pd.DataFrame) -> dict[int, dict]:
    """Progress rows keyed by id for templates, with NaN/NaT/NA as None (templates cannot test NaN)."""
    return {
        key: {name: presentation.none_if_nan(v) for name, v in row.items()}
        for key, row in frame.to_dict("index").items()
    }


def _frozen_redirect(request, strategy: Strategy) -> HttpResponse:
    messages.error(request, FrozenError().messages[0])
    return redirect("strategy:detail", pk=strategy.pk)


@area_required(STRATEGY)
def index(request: HttpRequest) -> HttpResponse:
    strategy = selectors.strategy_current(**_ctx(request))
    if strategy is None:
        return render(request, "strategy/empty.html", {"can_edit": request.tenancy.can(STRATEGY, Action.ADD)})
    return detail(request, strategy.pk)


@area_required(STRATEGY)
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    strategy = get_object_or_404(selectors.strategy_get(**_ctx(request), pk=pk))
    view = selectors.strategy_overview(strategy=strategy)
    field_filter = request.GET.get("field", "")
    status_filter = request.GET.get("status", "")
    goal_status = view.progress.goals["status"].to_dict()
    goal_progress = _rows(view.progress.goals)
    indicator_progress = _rows(view.progress.indicators)
    field_progress = _rows(view.progress.fields)
    fields = []
    for field in view.fields:
        if field_filter and str(field.pk) != field_filter:
            continue
        goals = [
            {
                "goal": goal,
                "progress": goal_progress.get(goal.pk, {}),
                "indicators": [(i, indicator_progress.get(i.pk, {})) for i in goal.indicators.all()],
            }
            for goal in field.goals.all()
            if not status_filter or goal_status.get(goal.pk) == status_filter
        ]
        fields.append(
            {
                "field": field,
                "progress": field_progress.get(field.pk, {}),
                "goals": goals,
            }
        )
    versions = list(selectors.strategy_list(**_ctx(request)).filter(title=strategy.title))
    return render(
        request,
        "strategy/detail.html",
        {
            "strategy": strategy,
            "fields": fields,
            "all_fields": view.fields,
            "field_filter": field_filter,
            "status_filter": status_filter,
            "statuses": STATUS_FILTERS,
            "versions": versions,
            "revision_exists": any(v.predecessor_id == strategy.pk for v in versions),
            "can_edit": request.tenancy.can(STRATEGY, Action.CHANGE),
            "today": view.today,
        },
    )


@area_required(STRATEGY, Action.ADD)
def strategy_create(request: HttpRequest) -> HttpResponse:
    form = StrategyForm(request.POST or None, municipality=request.tenancy.municipality)
    if request.method == "POST" and form.is_valid():
        strategy = form.save()
        messages.success(request, _("Draft created. Add fields of action, goals and indicators."))
        return redirect("strategy:detail", pk=strategy.pk)
    return render(request, "strategy/form.html", {"form": form, "title": _("New strategy")})


@area_required(STRATEGY, Action.CHANGE)
def strategy_edit(request: HttpRequest, pk: int) -> HttpResponse:
    strategy = get_object_or_404(selectors.strategy_get(**_ctx(request), pk=pk, action=Action.CHANGE))
    if strategy.is_frozen:
        return _frozen_redirect(request, strategy)
    form = StrategyForm(
        request.POST or None, instance=strategy, strategy=strategy, municipality=request.tenancy.municipality
    )
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Saved."))
        return redirect("strategy:detail", pk=strategy.pk)
    title = f"{_('Edit strategy')}: {strategy.title}"
    return render(request, "strategy/form.html", {"form": form, "title": title, "strategy": strategy})


@area_required(STRATEGY, Action.CHANGE)
@require_POST
def strategy_transition(request: HttpRequest, pk: int, transition: str) -> HttpResponse:
    strategy = get_object_or_404(selectors.strategy_get(**_ctx(request), pk=pk, action=Action.CHANGE))
    steps = {
        "submit": (actions.strategy_submit, _("Submitted to the council. The version is now frozen.")),
        "return": (actions.strategy_return_to_draft, _("Returned to draft.")),
        "revise": (actions.strategy_revise, _("A new draft version has been created from the adopted one.")),
    }
    action, message = steps[transition]
    try:
        result = action(strategy=strategy)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        revision = selectors.strategy_list(**_ctx(request)).filter(predecessor=strategy).first()
        if transition == "revise" and revision is not None:
            return redirect("strategy:detail", pk=revision.pk)  # the revision that exists, to go on with
        return redirect("strategy:detail", pk=strategy.pk)
    messages.success(request, message)
    return redirect("strategy:detail", pk=result.pk)


@area_required(STRATEGY, Action.CHANGE)
def strategy_adopt(request: HttpRequest, pk: int) -> HttpResponse:
    strategy = get_object_or_404(selectors.strategy_get(**_ctx(request), pk=pk, action=Action.CHANGE))
    form = AdoptForm(request.POST or None, municipality=request.tenancy.municipality)
    if request.method == "POST" and form.is_valid():
        try:
            # A resolution entered here is recorded only together with the adoption it is for.
            with transaction.atomic():
                actions.strategy_adopt(strategy=strategy, resolution=form.resolution())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Adopted. The version is frozen; revise it to change it."))
            return redirect("strategy:detail", pk=strategy.pk)
    return render(request, "strategy/adopt.html", {"form": form, "strategy": strategy})


@area_required(STRATEGY)
def strategy_compare(request: HttpRequest, pk: int) -> HttpResponse:
    new = get_object_or_404(selectors.strategy_get(**_ctx(request), pk=pk))
    candidates = selectors.strategy_list(**_ctx(request)).exclude(pk=new.pk)
    other_pk = parse_id(request.GET.get("other")) or new.predecessor_id
    old = candidates.filter(pk=other_pk).first() if other_pk else None
    comparison = selectors.strategy_comparison(old=old, new=new) if old else None
    return render(
        request,
        "strategy/compare.html",
        {"new": new, "old": old, "candidates": candidates, "comparison": comparison},
    )


@area_required(STRATEGY)
def strategy_history(request: HttpRequest, pk: int) -> HttpResponse:
    strategy = get_object_or_404(selectors.strategy_get(**_ctx(request), pk=pk))
    return render(
        request,
        "strategy/history.html",
        {"strategy": strategy, "entries": selectors.strategy_history(strategy=strategy)},
    )


def _edit_part(request, *, form_class, instance, strategy, title, back, **form_kwargs) -> HttpResponse:
    if strategy.is_frozen:
        return _frozen_redirect(request, strategy)
    form = form_class(
        request.POST or None,
        instance=instance,
        strategy=strategy,
        municipality=request.tenancy.municipality,
        **form_kwargs,
    )
    if request.method == "POST" and form.is_valid():
        saved = form.save()
        messages.success(request, _("Saved."))
        return redirect(back(saved))
    return render(request, "strategy/form.html", {"form": form, "title": title, "strategy": strategy})


@area_required(STRATEGY, Action.CHANGE)
def field_edit(request: HttpRequest, strategy_pk: int | None = None, pk: int | None = None) -> HttpResponse:
    if pk is not None:
        field = get_object_or_404(selectors.field_get(**_ctx(request), pk=pk, action=Action.CHANGE))
        strategy = field.strategy
    else:
        field = None
        strategy = get_object_or_404(
            selectors.strategy_get(**_ctx(request), pk=strategy_pk, action=Action.CHANGE)
        )
    return _edit_part(
        request,
        form_class=FieldOfActionForm,
        instance=field,
        strategy=strategy,
        title=f"{_('Field of action')}: {field.title}" if field else _("New field of action"),
        back=lambda saved: reverse("strategy:detail", args=[saved.strategy_id]),
    )


@area_required(STRATEGY, Action.CHANGE)
def goal_edit(request: HttpRequest, strategy_pk: int | None = None, pk: int | None = None) -> HttpResponse:
    if pk is not None:
        goal = get_object_or_404(selectors.goal_get(**_ctx(request), pk=pk, action=Action.CHANGE))
        strategy = goal.field.strategy
    else:
        goal = None
        strategy = get_object_or_404(
            selectors.strategy_get(**_ctx(request), pk=strategy_pk, action=Action.CHANGE)
        )
    form_kwargs = {"initial": {"field": request.GET.get("field")}} if goal is None else {}
    return _edit_part(
        request,
        form_class=GoalForm,
        instance=goal,
        strategy=strategy,
        title=f"{_('Goal')}: {goal.title}" if goal else _("New goal"),
        back=lambda saved: reverse("strategy:goal", args=[saved.pk]),
        **form_kwargs,
    )


@area_required(STRATEGY, Action.CHANGE)
def indicator_edit(request: HttpRequest, goal_pk: int | None = None, pk: int | None = None) -> HttpResponse:
    if pk is not None:
        indicator = get_object_or_404(selectors.indicator_get(**_ctx(request), pk=pk, action=Action.CHANGE))
        goal = indicator.goal
    else:
        indicator = None
        goal = get_object_or_404(selectors.goal_get(**_ctx(request), pk=goal_pk, action=Action.CHANGE))
    return _edit_part(
        request,
        form_class=IndicatorForm,
        instance=indicator,
        strategy=goal.field.strategy,
        title=f"{_('Indicator')}: {indicator.name}" if indicator else f"{_('New indicator')}: {goal.title}",
        back=lambda saved: reverse("strategy:goal", args=[saved.goal_id]),
        goal=goal,
    )


@area_required(STRATEGY, Action.DELETE)
def part_delete(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    getter = {"field": selectors.field_get, "goal": selectors.goal_get, "indicator": selectors.indicator_get}[
        kind
    ]
    obj = get_object_or_404(getter(**_ctx(request), pk=pk, action=Action.DELETE))
    strategy = {
        "field": lambda o: o.strategy,
        "goal": lambda o: o.field.strategy,
        "indicator": lambda o: o.goal.field.strategy,
    }[kind](obj)
    if strategy.is_frozen:
        return _frozen_redirect(request, strategy)
    if request.method == "POST":
        obj.delete()
        messages.success(request, _("Deleted."))
        return redirect("strategy:detail", pk=strategy.pk)
    return render(request, "strategy/confirm_delete.html", {"object": obj, "strategy": strategy})


@area_required(STRATEGY)
def goal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    goal = get_object_or_404(selectors.goal_get(**_ctx(request), pk=pk))
    return _goal_page(request, goal)


def _goal_page(request: HttpRequest, goal: Goal, bound: MeasurementForm | None = None) -> HttpResponse:
    strategy = goal.field.strategy
    view = selectors.strategy_overview(strategy=strategy)
    progress = view.progress.indicators
    plain = _rows(progress)
    can_measure = request.tenancy.can(STRATEGY, Action.CHANGE)
    indicators = list(goal.indicators.select_related("owner"))
    measurements = selectors.measurements_by_indicator(indicators=indicators)
    rows = []
    for indicator in indicators:
        row = progress.loc[indicator.pk] if indicator.pk in progress.index else None
        history = measurements.get(indicator.pk, [])
        figure = charts.indicator_figure(
            indicator={
                "baseline_date": indicator.baseline_date,
                "baseline_value": indicator.baseline_value,
                "target_date": indicator.target_date,
                "target_value": indicator.target_value,
            },
            measurements=pd.DataFrame(
                {
                    "date": [m.date for m in history if not m.pending],
                    "value": [m.value for m in history if not m.pending],
                }
            ),
            forecast=row if row is not None else {"trend_intercept": None, "forecast_value": None},
            labels=_chart_labels(indicator),
        )
        form = None
        if can_measure:
            form = bound if bound is not None and bound.indicator.pk == indicator.pk else None
            form = form or MeasurementForm(indicator=indicator, prefix=f"m{indicator.pk}")
        meets = row["forecast_meets_target"] if row is not None else None
        rows.append(
            {
                "indicator": indicator,
                "progress": plain.get(indicator.pk, {}),
                "meets_target": None if presentation.none_if_nan(meets) is None else bool(meets),
                "figure_id": f"figure-{indicator.pk}",
                "measurements": history,
                "figure": figure_json(figure),
                "form": form,
            }
        )
    return render(
        request,
        "strategy/goal_detail.html",
        {
            "goal": goal,
            "strategy": strategy,
            "goal_progress": _rows(view.progress.goals).get(goal.pk, {}),
            "rows": rows,
            "can_edit": can_measure,
        },
        status=200 if bound is None else 400,
    )


def _chart_labels(indicator: Indicator) -> dict[str, str]:
    return {
        "title": indicator.name,
        "date": _("Date"),
        "value": indicator.unit,
        "measurements": _("Measurements"),
        "target_path": _("Target path"),
        "forecast": _("Trend forecast"),
        "target": _("Target"),
    }


@area_required(STRATEGY, Action.CHANGE)
@require_POST
def measurement_add(request: HttpRequest, indicator_pk: int) -> HttpResponse:
    indicator = get_object_or_404(
        selectors.indicator_get(**_ctx(request), pk=indicator_pk, action=Action.CHANGE)
    )
    form = MeasurementForm(request.POST, indicator=indicator, prefix=f"m{indicator.pk}")
    if not form.is_valid():
        return _goal_page(request, indicator.goal, bound=form)
    actions.measurement_record(indicator=indicator, by=request.user, **form.cleaned_data)
    messages.success(request, _("Measurement recorded."))
    return redirect(reverse("strategy:goal", args=[indicator.goal_id]) + f"#indicator-{indicator.pk}")


@area_required(STRATEGY, Action.CHANGE)
@require_POST
def measurement_decide(request: HttpRequest, pk: int, approve: bool) -> HttpResponse:
    """Approve or reject a value waiting for approval (from the goal page or "My updates"); back to the
    page it was decided on."""
    measurement = get_object_or_404(selectors.measurement_get(**_ctx(request), pk=pk, action=Action.CHANGE))
    try:
        if approve:
            actions.measurement_approve(measurement=measurement, by=request.user)
            messages.success(request, _("Value approved: it counts from now on."))
        else:
            actions.measurement_reject(measurement=measurement, by=request.user)
            messages.success(request, _("Value rejected: the indicator is outstanding again for its owner."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        target = reverse("strategy:goal", args=[measurement.indicator.goal_id])
    return redirect(target)
