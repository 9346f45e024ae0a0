"""Pages of the tenancy app: login, municipality switch and settings, organisation, members."""

from __future__ import annotations

from functools import wraps

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import i18n as i18n_views
from django.views.decorators.http import require_POST

from . import actions, selectors
from .access import MEMBERSHIPS, MUNICIPALITY, ORGANISATION, Action, Area, Role
from .forms import InviteForm, MunicipalitySettingsForm, OrgUnitForm, RoleForm
from .listing import Column, Listing
from .query import parse_id
from .tenancy import choose_municipality


def area_required(area: Area, action: Action | str = Action.VIEW):
    """Login, a current municipality, and a role that allows ``action`` on ``area``.

    A user without any membership gets a page that says so; a role without the area gets 403 (the area
    exists for everyone; single objects outside the user's scope are 404 in the views themselves).
    """

    def decorator(view):
        @login_required
        @wraps(view)
        def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if request.tenancy.municipality is None:
                return render(request, "municipalities/no_membership.html", status=403)
            if not request.tenancy.can(area, action):
                raise PermissionDenied(_("Your role does not include this part of Digiplan."))
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


# The session key of the user's previous login, for the home page's "changes since your last visit".
PREVIOUS_LOGIN = "digiplan_previous_login"


class LoginView(auth_views.LoginView):
    """Django's login, keeping the time of the previous login in the new session before ``login()``
    overwrites ``last_login`` (no write on a later GET of the home page)."""

    redirect_authenticated_user = True

    def form_valid(self, form):
        previous = form.get_user().last_login
        response = super().form_valid(form)
        if previous is not None:
            self.request.session[PREVIOUS_LOGIN] = previous.isoformat()
        return response


@login_required
@require_POST
def switch_municipality(request: HttpRequest) -> HttpResponse:
    municipality_id = parse_id(request.POST.get("municipality"))
    if municipality_id is None or not choose_municipality(request, municipality_id):
        messages.error(request, _("You are not a member of that municipality."))
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        target = "home"
    return redirect(target)


@area_required(MUNICIPALITY)
def municipality_detail(request: HttpRequest) -> HttpResponse:
    return render(
        request, "municipalities/municipality_detail.html", {"municipality": request.tenancy.municipality}
    )


@area_required(MUNICIPALITY, Action.CHANGE)
def municipality_edit(request: HttpRequest) -> HttpResponse:
    municipality = request.tenancy.municipality
    form = MunicipalitySettingsForm(request.POST or None, instance=municipality)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Settings saved."))
        return redirect("municipality")
    return render(request, "municipalities/municipality_form.html", {"form": form})


@area_required(ORGANISATION)
def org_unit_list(request: HttpRequest) -> HttpResponse:
    tree = selectors.org_unit_tree(user=request.user, municipality=request.tenancy.municipality)
    return render(request, "municipalities/orgunit_list.html", {"tree": tree})


@area_required(ORGANISATION)
def org_unit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    unit = get_object_or_404(
        selectors.org_unit_get(user=request.user, municipality=request.tenancy.municipality, pk=pk)
    )
    children = selectors.org_unit_list(user=request.user, municipality=request.tenancy.municipality).filter(
        parent=unit
    )
    return render(request, "municipalities/orgunit_detail.html", {"unit": unit, "children": children})


@area_required(ORGANISATION, Action.CHANGE)
def org_unit_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    municipality = request.tenancy.municipality
    unit = None
    if pk is not None:
        unit = get_object_or_404(
            selectors.org_unit_get(user=request.user, municipality=municipality, pk=pk, action=Action.CHANGE)
        )
    form = OrgUnitForm(request.POST or None, instance=unit, user=request.user, municipality=municipality)
    if request.method == "POST" and form.is_valid():
        unit = form.save()
        messages.success(request, _("Unit “%(name)s” saved.") % {"name": unit.name})
        return redirect("orgunit-detail", pk=unit.pk)
    return render(request, "municipalities/orgunit_form.html", {"form": form, "unit": unit})


@area_required(ORGANISATION, Action.DELETE)
def org_unit_delete(request: HttpRequest, pk: int) -> HttpResponse:
    unit = get_object_or_404(
        selectors.org_unit_get(
            user=request.user, municipality=request.tenancy.municipality, pk=pk, action=Action.DELETE
        )
    )
    if request.method == "POST":
        if unit.child_count:
            messages.error(request, _("Move or delete the sub-units of this unit first."))
            return redirect("orgunit-detail", pk=unit.pk)
        unit.delete()
        messages.success(request, _("Unit “%(name)s” deleted.") % {"name": unit.name})
        return redirect("orgunit-list")
    return render(request, "municipalities/confirm_delete.html", {"object": unit, "cancel": unit})


# The members list's columns (municipalities/listing.py), sorted in the database; by user is the default.
MEMBER_COLUMNS = (
    Column(
        "user",
        gettext_lazy("E-mail address"),
        lambda membership: membership.user.email or membership.user.username,
        order="user__email",
    ),
    Column("name", gettext_lazy("Name"), "user.get_full_name", order="user__last_name"),
    Column("role", gettext_lazy("Role"), "get_role_display", order="role"),
)


@area_required(MEMBERSHIPS)
def membership_list(request: HttpRequest) -> HttpResponse:
    """The municipality's members, and the invitation by e-mail address (``actions.member_invite``). The
    answer to an invitation is the same whether the address had an account (elsewhere) or not."""
    municipality = request.tenancy.municipality
    form = InviteForm(request.POST or None)
    if request.method == "POST":
        if not request.tenancy.can(MEMBERSHIPS, Action.ADD):
            raise PermissionDenied
        if form.is_valid():
            email = form.cleaned_data["email"]
            try:
                actions.member_invite(
                    municipality=municipality,
                    email=email,
                    role=form.cleaned_data["role"],
                    language=form.cleaned_data["language"],
                    login_url=request.build_absolute_uri(reverse("login")),
                )
            except ValidationError as error:
                form.add_error(None, error.messages)
            else:
                messages.success(
                    request, _("%(email)s now has the role and was told by e-mail.") % {"email": email}
                )
                return redirect("membership-list")
    memberships = selectors.membership_list(user=request.user, municipality=municipality)
    listing = Listing(request, memberships, MEMBER_COLUMNS, default_sort="user", title=_("Members and roles"))
    if export := listing.export_response():
        return export
    return render(
        request,
        "municipalities/membership_list.html",
        {
            "listing": listing,
            "memberships": listing.page,
            "form": form,
            "roles": Role.choices,
            "can_change": request.tenancy.can(MEMBERSHIPS, Action.CHANGE),
        },
    )


@area_required(MEMBERSHIPS, Action.CHANGE)
@require_POST
def membership_role(request: HttpRequest, pk: int) -> HttpResponse:
    """Another role for one membership, through ``actions.membership_change_role`` (never the last
    administrator; an administrator does not give up their own administrator role)."""
    membership = get_object_or_404(
        selectors.membership_list(
            user=request.user, municipality=request.tenancy.municipality, action=Action.CHANGE
        ).filter(pk=pk)
    )
    form = RoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors.get("role", [])))
        return redirect("membership-list")
    try:
        actions.membership_change_role(membership=membership, role=form.cleaned_data["role"], by=request.user)
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, " ".join(getattr(error, "messages", None) or [str(error)]))
    else:
        messages.success(request, _("Role changed."))
    return redirect("membership-list")


@area_required(MEMBERSHIPS, Action.DELETE)
@require_POST
def membership_delete(request: HttpRequest, pk: int) -> HttpResponse:
    membership = get_object_or_404(
        selectors.membership_list(
            user=request.user, municipality=request.tenancy.municipality, action=Action.DELETE
        ).filter(pk=pk)
    )
    try:
        actions.membership_remove(membership=membership)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Role removed."))
    return redirect("membership-list")


def set_language(request: HttpRequest) -> HttpResponse:
    """Django's language switch; for a logged-in person the choice is also the language of their e-mails."""
    response = i18n_views.set_language(request)
    language = request.POST.get("language", "")
    if request.method == "POST" and request.user.is_authenticated:
        actions.preference_set(user=request.user, language=language)
    return response
