"""Pages of the ranking (DESIGN.md §5 ranking): the ranking with live weights (htmx) and the reasons per
project, the scoring model's criteria, the pairwise comparisons (AHP), the value–effort matrix, a
project's ratings.

Numbers come from ``selectors.ranking_view`` (which calls ``portfolio/ranking.py``); the page re-ranks with
the weights in the query string, so the same URL works with and without JavaScript.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from municipalities import presentation
from municipalities.access import PORTFOLIO, Action
from municipalities.presentation import figure_json
from municipalities.views import area_required

from .. import actions, charts, ranking, selectors
from ..forms import AssessmentForm, CriteriaForm, PairwiseForm
from ..models import Assessment, Basis, Layer, ScoringModel

TOP_PER_LAYER = 5


def _ctx(request) -> dict:
    return {"user": request.user, "municipality": request.tenancy.municipality}


def _model(request, *, action=Action.VIEW) -> ScoringModel | None:
    """The municipality's active scoring model, None until the strategy office sets one up (a page that
    reads never creates one: ``scoring_model_create`` does, on POST); 404 when ``action`` is not allowed."""
    model = selectors.scoring_model_active(**_ctx(request))
    if action != Action.VIEW:
        if model is None:
            raise Http404
        model = get_object_or_404(selectors.scoring_model_list(**_ctx(request), action=action), pk=model.pk)
    return model


@area_required(PORTFOLIO, Action.ADD)
@require_POST
def scoring_model_create(request: HttpRequest) -> HttpResponse:
    """Set up the default scoring model (DESIGN.md §4) where the municipality has no active one yet."""
    if selectors.scoring_model_active(**_ctx(request)) is None:
        actions.scoring_model_create_default(municipality=request.tenancy.municipality)
        messages.success(request, _("The default scoring model is set up; adjust its criteria here."))
    return redirect("portfolio:criteria")


def _slider_weights(query, model: ScoringModel) -> tuple[dict[str, float] | None, str | None]:
    """The slider weights ``w_<key>`` of ``query`` (``selectors.slider_weights``) and, when they cannot
    rank, None with the reason: the page then says so and ranks with the stored weights."""
    try:
        return selectors.slider_weights(query, criteria=selectors.criteria_of(model)), None
    except selectors.WeightParameterError as error:
        return None, _("%(problem)s The ranking uses the weights stored in the model.") % {
            "problem": error.message
        }


def _rows(view: selectors.RankingView) -> list[dict]:
    """Template rows: each project with its score, rank, robustness and the reasons (contributions)."""
    data, table = view.input, view.table
    projects = {p.pk: p for p in data.projects}
    criteria = view.criteria
    values = data.values.to_dict("index")
    sources = data.sources.to_dict("index")
    rows = []
    for project_id, row in table.iterrows():
        parts = []
        for c in criteria:
            contribution = presentation.none_if_nan(row[ranking.contribution_column(c.key)])
            parts.append(
                {
                    "criterion": c,
                    "value": values[project_id][c.key],
                    "source": sources[project_id][c.key],
                    "contribution": contribution,
                    "width": 0.0 if contribution is None else max(contribution, 0.0),
                    "note": data.notes.get((project_id, c.key), ""),
                }
            )
        offset = 0.0
        for part in parts:
            part["x"] = offset
            offset += part["width"]
        # No rank and no score for a project not assessed on any criterion (ranking.rank).
        rank = presentation.none_if_nan(row["rank"])
        rows.append(
            {
                "project": projects[project_id],
                "rank": None if rank is None else int(rank),
                "score": presentation.none_if_nan(row["score"]),
                "complete": bool(row["complete"]),
                "missing_count": int(row["missing_count"]),
                "p_top_k": float(row.get("p_top_k", float("nan"))),
                "rank_p05": row.get("rank_p05"),
                "rank_p95": row.get("rank_p95"),
                "parts": parts,
                "derived": [p["criterion"].label for p in parts if p["source"] == "derived"],
            }
        )
    return rows


PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#999999"]


@area_required(PORTFOLIO)
def ranking_page(request: HttpRequest) -> HttpResponse:
    model = _model(request)
    if model is None:
        return render(request, "portfolio/ranking_empty.html")
    weights, weights_refused = _slider_weights(request.GET, model)
    view = selectors.ranking_view(**_ctx(request), model=model, weights=weights)
    rows = _rows(view)
    by_layer = {
        layer: [r for r in rows if r["project"].layer == layer and r["rank"] is not None][:TOP_PER_LAYER]
        for layer in Layer.values
    }
    context = {
        "model": model,
        "view": view,
        "rows": rows,
        "criteria": [
            {"criterion": c, "weight": float(view.weights[c.key]), "colour": PALETTE[i % len(PALETTE)]}
            for i, c in enumerate(view.criteria)
        ],
        "top_per_layer": [(label, by_layer[layer]) for layer, label in Layer.choices],
        "can_edit": request.tenancy.can(PORTFOLIO, Action.CHANGE),
        "weights_changed": weights is not None,
        "weights_refused": weights_refused,
        "query": request.GET.urlencode(),
    }
    for row in rows:
        for part, c in zip(row["parts"], context["criteria"], strict=True):
            part["colour"] = c["colour"]
    # Only the sliders' live re-ranking swaps the results; any other htmx request (a boosted link, a
    # history restore) gets the whole page, which it puts in place of the whole page.
    partial = request.htmx and request.htmx.target == "ranking-results"
    template = "portfolio/_ranking_results.html" if partial else "portfolio/ranking.html"
    return render(request, template, context)


@area_required(PORTFOLIO, Action.CHANGE)
@require_POST
def ranking_save_weights(request: HttpRequest) -> HttpResponse:
    """Store the weights shown on the ranking page (already scaled to sum to one) in the model."""
    model = _model(request, action=Action.CHANGE)
    try:
        weights = selectors.slider_weights(request.POST, criteria=selectors.criteria_of(model))
    except selectors.WeightParameterError as error:
        messages.error(request, error.message)
        return redirect("portfolio:ranking")
    view_weights = selectors.normalised_weights(selectors.criteria_of(model), weights)
    try:
        actions.scoring_model_set_weights(
            model=model, weights=actions.rounded_weights(view_weights.to_dict())
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The weights are saved in the scoring model."))
    return redirect("portfolio:ranking")


@area_required(PORTFOLIO)
def criteria_page(request: HttpRequest) -> HttpResponse:
    """The model's criteria with weights, bases and directions; strategists edit them here."""
    model = _model(request)
    if model is None:
        return render(request, "portfolio/ranking_empty.html")
    criteria = selectors.criteria_of(model)
    can_edit = request.tenancy.can(PORTFOLIO, Action.CHANGE)
    form = CriteriaForm(request.POST or None, criteria=criteria) if can_edit else None
    if request.method == "POST":
        if not can_edit:
            return HttpResponse(status=403)
        if form.is_valid():
            try:
                actions.scoring_model_set_weights(
                    model=_model(request, action=Action.CHANGE),
                    weights=form.weights(),
                    bases=form.bases(),
                    lower_is_better=form.lower(),
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Saved."))
                return redirect("portfolio:criteria")
    return render(
        request,
        "portfolio/criteria.html",
        {"model": model, "criteria": criteria, "form": form, "Basis": Basis},
    )


@area_required(PORTFOLIO)
def pairwise_page(request: HttpRequest) -> HttpResponse:
    """Pairwise comparisons on Saaty's scale; shows the AHP weights and the consistency ratio, and (for
    strategists) stores them as the model's weights."""
    model = _model(request)
    if model is None:
        return render(request, "portfolio/ranking_empty.html")
    criteria = selectors.criteria_of(model)
    stored = selectors.comparison_matrix(model=model, criteria=criteria)
    form = PairwiseForm(request.POST or request.GET or None, criteria=criteria, matrix=stored)
    can_edit = request.tenancy.can(PORTFOLIO, Action.CHANGE)
    result = None
    if form.is_bound and form.is_valid():
        judgements = form.judgements()
        if request.method == "POST":
            if not can_edit:
                return HttpResponse(status=403)
            result = actions.scoring_model_apply_comparisons(
                model=_model(request, action=Action.CHANGE), judgements=judgements
            )
            messages.success(request, _("The weights from the pairwise comparisons are saved in the model."))
        else:
            result = ranking.ahp_weights(ranking.pairwise_matrix([c.key for c in criteria], judgements))
    elif not form.is_bound:
        result = ranking.ahp_weights(stored)
    labels = {c.key: c.label for c in criteria}
    return render(
        request,
        "portfolio/pairwise.html",
        {
            "model": model,
            "form": form,
            "result": result,
            "weights": [(labels[k], float(w)) for k, w in result.weights.items()] if result else [],
            "disagreements": [
                {
                    "first": labels[d.first],
                    "second": labels[d.second],
                    "given": d.given,
                    "implied": d.implied,
                }
                for d in (result.disagreements if result else [])
            ],
            "can_edit": can_edit,
        },
    )


@area_required(PORTFOLIO)
def matrix_page(request: HttpRequest) -> HttpResponse:
    """The value–effort matrix: effort (person-days) against benefit (the score without the
    lower-is-better criteria), bubble size cost, colour and symbol the layer."""
    model = _model(request)
    if model is None:
        return render(request, "portfolio/ranking_empty.html")
    weights, weights_refused = _slider_weights(request.GET, model)
    view = selectors.ranking_view(**_ctx(request), model=model, weights=weights, samples=0)
    frame = selectors.value_effort_frame(view=view)
    quadrant_labels = {
        "quick_wins": _("Quick wins"),
        "major_projects": _("Major projects"),
        "fill_ins": _("Fill-ins"),
        "thankless_tasks": _("Thankless tasks"),
    }
    figure = charts.value_effort_figure(
        projects=frame,
        labels={
            "title": _("Value against effort"),
            "effort": _("internal effort (person-days)"),
            "benefit": _("benefit (score of the benefit criteria, 0–100)"),
            "cost": _("cost (EUR)"),
            "layers": {value: str(label) for value, label in Layer.choices},
            "quadrants": quadrant_labels,
        },
    )
    rows = frame.sort_values(["quadrant", "benefit"], ascending=[True, False]).to_dict("records")
    for row in rows:
        row["quadrant_label"] = quadrant_labels[row["quadrant"]]
        row["layer_label"] = Layer(row["layer"]).label
    return render(
        request,
        "portfolio/matrix.html",
        {
            "figure_json": figure_json(figure),
            "rows": rows,
            "problems": [p for p in (weights_refused, view.problem) if p],
        },
    )


@area_required(PORTFOLIO)
def assessments_page(request: HttpRequest, pk: int) -> HttpResponse:
    """A project's 1–5 ratings on the active model's criteria (the lead of the project or a strategist)."""
    project = get_object_or_404(selectors.project_get(**_ctx(request), pk=pk, action=Action.CHANGE))
    model = _model(request)
    if model is None:
        return render(request, "portfolio/ranking_empty.html")
    criteria = selectors.criteria_of(model)
    current = dict(
        Assessment.objects.filter(project=project, criterion__model=model).values_list(
            "criterion__key", "value"
        )
    )
    form = AssessmentForm(request.POST or None, criteria=criteria, current=current)
    if request.method == "POST" and form.is_valid():
        actions.assessments_save(project=project, model=model, values=form.cleaned_data)
        messages.success(request, _("Ratings saved."))
        return redirect("portfolio:project", pk=project.pk)
    return render(
        request,
        "portfolio/form.html",
        {
            "form": form,
            "title": _("Ratings of “%(project)s”") % {"project": project.title},
            "cancel": reverse("portfolio:project", args=[project.pk]),
        },
    )
