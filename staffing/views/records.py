"""The skills catalogue and the HR records: staff, their skills, role profiles, vacancies (DESIGN.md §4
staffing). Staff records are personal data: the gate gives them to hr and admin only; everyone else gets
404 on a record, whichever municipality it belongs to (DESIGN.md §6)."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, ProtectedError, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from municipalities.access import STAFF_RECORDS, STAFFING_AGGREGATES, Action
from municipalities.listing import Column, Listing
from municipalities.models import OrgUnit
from municipalities.query import parse_id
from municipalities.views import area_required

from .. import selectors
from ..forms import RoleProfileForm, RoleProfileSkillForm, StaffMemberForm, StaffSkillForm, VacancyForm
from ..models import (
    ProficiencyLevel,
    RoleProfile,
    RoleProfileSkill,
    Skill,
    SkillCategory,
    StaffMember,
    StaffSkill,
    Vacancy,
)


def _ctx(request) -> dict:
    return {"user": request.user, "municipality": request.tenancy.municipality}


def _save(request, form, *, title: str, back: str, success):
    if request.method == "POST" and form.is_valid():
        try:
            saved = form.save()
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Saved."))
            return redirect(success(saved))
    return render(request, "staffing/form.html", {"form": form, "title": title, "cancel": back})


@area_required(STAFFING_AGGREGATES)
def index(request: HttpRequest) -> HttpResponse:
    return render(request, "staffing/index.html", {"staff_records": request.tenancy.can(STAFF_RECORDS)})


@area_required(STAFFING_AGGREGATES)
def catalogue(request: HttpRequest) -> HttpResponse:
    categories = SkillCategory.objects.prefetch_related("skills").order_by("position")
    return render(
        request,
        "staffing/catalogue.html",
        {"categories": categories, "levels": ProficiencyLevel.objects.order_by("level")},
    )


# --- staff ---------------------------------------------------------------------------------------------


# The staff list's columns (municipalities/listing.py), sorted in the database; by unit is the default.
STAFF_COLUMNS = (
    Column("number", gettext_lazy("Personnel number"), "personnel_number", order="personnel_number"),
    Column("name", gettext_lazy("Name"), "name", order="name"),
    Column("unit", gettext_lazy("Unit"), "org_unit.name", order="org_unit__name"),
    Column("job", gettext_lazy("Job title"), "job_title", order="job_title", optional=True),
    Column("fte", gettext_lazy("FTE"), "fte", order="fte", numeric=True),
    Column("exit", gettext_lazy("Planned exit"), "exit_date", order="exit_date", optional=True),
    Column("skills", gettext_lazy("Skills"), "skill_count", order="skill_count", numeric=True, optional=True),
)
VACANCY_COLUMNS = (
    Column("title", gettext_lazy("Title"), "title", order="title"),
    # A skill's name is a property (name_de or name_en by the language), so the ORM sorts by the column of
    # the language active when the list is asked for.
    Column("skill", gettext_lazy("Skill"), "skill.name", order=lambda: f"skill__{Skill.name_column()}"),
    Column("level", gettext_lazy("Level"), "level", order="level"),
    Column("fte", gettext_lazy("FTE"), "fte", order="fte", numeric=True),
    Column("start", gettext_lazy("Expected start"), "expected_date", order="expected_date"),
    Column("filled", gettext_lazy("Filled"), "filled", order="filled"),
)


@area_required(STAFF_RECORDS)
def staff_list(request: HttpRequest) -> HttpResponse:
    staff = selectors.staff_list(**_ctx(request)).annotate(skill_count=Count("skills"))
    unit = parse_id(request.GET.get("unit"))
    query = request.GET.get("q", "").strip()
    if unit is not None:
        staff = staff.filter(org_unit_id=unit)
    if query:
        staff = staff.filter(
            Q(personnel_number__icontains=query) | Q(name__icontains=query) | Q(job_title__icontains=query)
        )
    listing = Listing(
        request,
        staff.order_by("org_unit__name", "personnel_number"),
        STAFF_COLUMNS,
        default_sort="unit",
        title=_("Staff"),
    )
    if export := listing.export_response():
        return export
    return render(
        request,
        "staffing/staff_list.html",
        {
            "listing": listing,
            "staff": listing.page,
            "units": OrgUnit.objects.for_user(request.user, municipality=request.tenancy.municipality),
            "unit": unit,
            "query": query,
            "can_edit": request.tenancy.can(STAFF_RECORDS, Action.CHANGE),
        },
    )


@area_required(STAFFING_AGGREGATES)  # the gate answers 404 for records outside the role
def staff_detail(request: HttpRequest, pk: int) -> HttpResponse:
    member = selectors.staff_detail(staff=get_object_or_404(selectors.staff_get(**_ctx(request), pk=pk)))
    targets = selectors.staff_profile_targets(staff=member)
    return render(
        request,
        "staffing/staff_detail.html",
        {"member": member, "targets": targets, "can_edit": request.tenancy.can(STAFF_RECORDS, Action.CHANGE)},
    )


def _staff_url(member: StaffMember) -> str:
    return reverse("staffing:staff", args=[member.pk])


@area_required(STAFF_RECORDS, Action.ADD)
def staff_create(request: HttpRequest) -> HttpResponse:
    form = StaffMemberForm(request.POST or None, municipality=request.tenancy.municipality)
    return _save(
        request, form, title=_("New staff member"), back=reverse("staffing:staff-list"), success=_staff_url
    )


@area_required(STAFFING_AGGREGATES)  # the gate answers 404 for records outside the role
def staff_edit(request: HttpRequest, pk: int) -> HttpResponse:
    member = get_object_or_404(selectors.staff_get(**_ctx(request), pk=pk, action=Action.CHANGE))
    form = StaffMemberForm(request.POST or None, instance=member, municipality=request.tenancy.municipality)
    title = f"{_('Edit staff member')}: {member}"
    return _save(request, form, title=title, back=_staff_url(member), success=_staff_url)


@dataclass(frozen=True)
class Part:
    model: type
    form: type
    parent_model: type
    add_title: str
    edit_title: str
    back: str  # URL name of the parent's page


PARTS = {
    "skill": Part(
        StaffSkill,
        StaffSkillForm,
        StaffMember,
        gettext_lazy("Record a skill"),
        gettext_lazy("Edit skill"),
        "staffing:staff",
    ),
    "profile-skill": Part(
        RoleProfileSkill,
        RoleProfileSkillForm,
        RoleProfile,
        gettext_lazy("Add a target skill"),
        gettext_lazy("Edit target skill"),
        "staffing:profiles",
    ),
}


def _parent_url(part: Part, parent) -> str:
    return reverse(part.back, args=[parent.pk]) if part.back == "staffing:staff" else reverse(part.back)


@area_required(STAFFING_AGGREGATES)  # the gate answers 404 for records outside the role
def part_edit(request: HttpRequest, kind: str, parent_pk: int | None = None, pk: int | None = None):
    """Add (``parent_pk``) or edit (``pk``) a staff member's skill or a role profile's target skill."""
    if kind not in PARTS:
        raise Http404
    part = PARTS[kind]
    municipality = request.tenancy.municipality
    if pk is None:
        parent = get_object_or_404(
            part.parent_model.objects.for_user(request.user, Action.CHANGE, municipality=municipality),
            pk=parent_pk,
        )
        instance = None
    else:
        instance = get_object_or_404(
            part.model.objects.for_user(request.user, Action.CHANGE, municipality=municipality), pk=pk
        )
        parent = getattr(instance, part.form.parent_field)
    form = part.form(request.POST or None, instance=instance, municipality=municipality, parent=parent)
    title = part.add_title if instance is None else part.edit_title
    back = _parent_url(part, parent)
    return _save(request, form, title=f"{title}: {parent}", back=back, success=lambda _row: back)


@area_required(STAFFING_AGGREGATES)  # the gate answers 404 for records outside the role
def part_delete(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    if kind not in PARTS:
        raise Http404
    part = PARTS[kind]
    instance = get_object_or_404(
        part.model.objects.for_user(request.user, Action.DELETE, municipality=request.tenancy.municipality),
        pk=pk,
    )
    back = _parent_url(part, getattr(instance, part.form.parent_field))
    if request.method == "POST":
        instance.delete()
        messages.success(request, _("Deleted."))
        return redirect(back)
    return render(request, "staffing/confirm_delete.html", {"object": instance, "cancel": back})


@area_required(STAFFING_AGGREGATES)  # the gate answers 404 for records outside the role
def staff_delete(request: HttpRequest, pk: int) -> HttpResponse:
    member = get_object_or_404(selectors.staff_get(**_ctx(request), pk=pk, action=Action.DELETE))
    if request.method == "POST":
        member.delete()
        messages.success(request, _("Deleted."))
        return redirect("staffing:staff-list")
    return render(request, "staffing/confirm_delete.html", {"object": member, "cancel": _staff_url(member)})


# --- role profiles and vacancies ------------------------------------------------------------------------


@area_required(STAFF_RECORDS)
def profile_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "staffing/profile_list.html",
        {
            "profiles": selectors.role_profile_list(**_ctx(request)).annotate(holder_count=Count("holders")),
            "can_edit": request.tenancy.can(STAFF_RECORDS, Action.CHANGE),
        },
    )


# A new record is for the roles that add staff records (the role table decides, 403 for the others); an
# existing one is looked up through the gate, which answers 404 for records outside the role, so the edit
# views let the aggregate roles through their decorator.


def _profile_form(request: HttpRequest, profile: RoleProfile | None) -> HttpResponse:
    form = RoleProfileForm(request.POST or None, instance=profile, municipality=request.tenancy.municipality)
    back = reverse("staffing:profiles")
    title = f"{_('Role profile')}: {profile}" if profile else _("Role profile")
    return _save(request, form, title=title, back=back, success=lambda _p: back)


@area_required(STAFF_RECORDS, Action.ADD)
def profile_create(request: HttpRequest) -> HttpResponse:
    return _profile_form(request, None)


@area_required(STAFFING_AGGREGATES)  # the gate answers 404 for records outside the role
def profile_edit(request: HttpRequest, pk: int) -> HttpResponse:
    profile = get_object_or_404(selectors.role_profile_list(**_ctx(request), action=Action.CHANGE), pk=pk)
    return _profile_form(request, profile)


@area_required(STAFF_RECORDS)
def vacancy_list(request: HttpRequest) -> HttpResponse:
    vacancies = selectors.vacancy_list(**_ctx(request)).order_by("expected_date", "title")
    listing = Listing(
        request, vacancies, VACANCY_COLUMNS, default_sort="start", title=_("Vacancies and planned hires")
    )
    if export := listing.export_response():
        return export
    return render(
        request,
        "staffing/vacancy_list.html",
        {
            "listing": listing,
            "vacancies": listing.page,
            "can_edit": request.tenancy.can(STAFF_RECORDS, Action.CHANGE),
        },
    )


def _vacancy_form(request: HttpRequest, vacancy: Vacancy | None) -> HttpResponse:
    form = VacancyForm(request.POST or None, instance=vacancy, municipality=request.tenancy.municipality)
    back = reverse("staffing:vacancies")
    title = f"{_('Vacancy or planned hire')}: {vacancy}" if vacancy else _("Vacancy or planned hire")
    return _save(request, form, title=title, back=back, success=lambda _v: back)


@area_required(STAFF_RECORDS, Action.ADD)
def vacancy_create(request: HttpRequest) -> HttpResponse:
    return _vacancy_form(request, None)


@area_required(STAFFING_AGGREGATES)  # the gate answers 404 for records outside the role
def vacancy_edit(request: HttpRequest, pk: int) -> HttpResponse:
    vacancy = get_object_or_404(selectors.vacancy_list(**_ctx(request), action=Action.CHANGE), pk=pk)
    return _vacancy_form(request, vacancy)


@area_required(STAFFING_AGGREGATES)  # the gate answers 404 for records outside the role
def vacancy_delete(request: HttpRequest, pk: int) -> HttpResponse:
    vacancy = get_object_or_404(selectors.vacancy_list(**_ctx(request), action=Action.DELETE), pk=pk)
    back = reverse("staffing:vacancies")
    if request.method == "POST":
        try:
            vacancy.delete()
        except ProtectedError:
            messages.error(request, _("This entry is still referenced and cannot be deleted."))
        return redirect(back)
    return render(request, "staffing/confirm_delete.html", {"object": vacancy, "cancel": back})
