"""Every page form that edits a stored row refuses it without its version field (issue 15, DESIGN.md §7).

A form sent without the row's version tag (an old bookmark, a hand-made POST) cannot show that it saw the
current state, so saving it could overwrite a newer change: ``ConcurrencyFormMixin`` refuses it, and
accepts the same data with the tag. Checked for every form class that carries the mixin, bound to a row
of the API walk's world (tests/api/conftest.py) with the data the form shows for that row.
"""

from __future__ import annotations

import datetime
import inspect

import pytest
from django import forms
from django.urls import reverse

import municipalities.forms
import portfolio.forms
import reports.forms
import staffing.forms
import strategy.forms
from municipalities.access import Role
from municipalities.concurrency import etag
from municipalities.forms import ConcurrencyFormMixin, TenantForm
from municipalities.models import OrgUnit
from reports.actions import report_create
from reports.models import ReportingRound
from strategy.forms import FrozenAwareForm
from strategy.models import Strategy
from tests.api.conftest import class_world  # noqa: F401  (the fixture)


def _subclasses(cls) -> set[type]:
    found = set()
    for sub in cls.__subclasses__():
        found |= {sub, *_subclasses(sub)}
    return found


MODULES = (municipalities.forms, portfolio.forms, staffing.forms, strategy.forms, reports.forms)
EDIT_FORMS = sorted(
    (
        form
        for form in _subclasses(ConcurrencyFormMixin)
        if getattr(getattr(form, "Meta", None), "model", None) is not None
        and any(form.__module__ == module.__name__ for module in MODULES)
    ),
    key=lambda form: form.__name__,
)


def test_the_forms_checked_are_all_edit_forms_of_the_apps():
    names = {form.__name__ for form in EDIT_FORMS}
    # The forms of the issue (projects, services, staff, strategies) among them, and more than those.
    assert {"ProjectForm", "ServiceForm", "StaffMemberForm", "StrategyForm"} <= names
    # Every model form of the apps that edits a stored row carries it: those without the mixin create only.
    assert {"MunicipalitySettingsForm", "OrgUnitForm"} <= names
    assert len(names) >= 15


def _row(world, model):
    """A row of ``model`` in town A: the world's object of that kind (the draft strategy for strategies)."""
    for instance in world.a.objects.values():
        if type(instance) is model:
            return instance
    if model is ReportingRound:
        return ReportingRound.objects.create(
            municipality=world.a.municipality,
            title="Q1",
            period_start=datetime.date(2026, 1, 1),
            period_end=datetime.date(2026, 3, 31),
            due_date=datetime.date(2026, 4, 15),
            meeting_date=datetime.date(2026, 4, 30),
        )
    if model.__name__ == "CouncilReport":
        return report_create(
            municipality=world.a.municipality,
            user=world.users[next(iter(world.users))],
            title="Bericht",
            period_start=datetime.date(2026, 1, 1),
            period_end=datetime.date(2026, 6, 30),
            language="de",
        )
    raise LookupError(model)


def _form(form_class, instance, world, data=None):
    municipality = world.a.municipality
    if issubclass(form_class, FrozenAwareForm):
        strategy = instance if isinstance(instance, Strategy) else _strategy_of(instance)
        # Further keyword arguments name the row's parent (an indicator's goal).
        extra = {
            name: getattr(instance, name)
            for name, parameter in inspect.signature(form_class.__init__).parameters.items()
            if parameter.kind is parameter.KEYWORD_ONLY and name not in ("municipality", "strategy")
        }
        return form_class(data, instance=instance, municipality=municipality, strategy=strategy, **extra)
    if not issubclass(form_class, TenantForm):  # the municipality's settings, its units
        parameters = inspect.signature(form_class.__init__).parameters
        known = {"municipality": municipality, "user": world.users[Role.ADMIN]}
        return form_class(data, instance=instance, **{k: v for k, v in known.items() if k in parameters})
    parent = None if form_class.parent_field == "municipality" else getattr(instance, form_class.parent_field)
    return form_class(data, instance=instance, municipality=municipality, parent=parent)


def _strategy_of(instance):
    for path in ("strategy", "field.strategy", "goal.field.strategy"):
        obj = instance
        for name in path.split("."):
            obj = getattr(obj, name, None)
        if isinstance(obj, Strategy):
            return obj
    raise LookupError(instance)


def _shown(form) -> dict:
    """The data the form shows for its row, as a browser would send it back (without the version)."""
    data = {}
    for name, field in form.fields.items():
        if name == "version":
            continue
        value = form[name].value()
        if value is None:
            continue
        if isinstance(field, forms.BooleanField):
            if value:
                data[name] = "on"
            continue
        if isinstance(value, list | tuple):
            data[name] = [str(v) for v in value]
        elif isinstance(value, datetime.date):
            data[name] = value.isoformat()
        else:
            data[name] = str(value)
    return data


@pytest.mark.parametrize("form_class", EDIT_FORMS, ids=lambda form: form.__name__)
def test_an_edit_form_without_its_version_is_refused(class_world, db, form_class):  # noqa: F811
    instance = _row(class_world, form_class.Meta.model)
    instance.refresh_from_db()
    shown = _shown(_form(form_class, instance, class_world))

    without = _form(form_class, instance, class_world, data=shown)
    assert not without.is_valid()
    assert [e.code for e in without.non_field_errors().as_data()] == ["stale"]

    stale = _form(form_class, instance, class_world, data={**shown, "version": '"0"'})
    assert not stale.is_valid()
    assert "stale" in [e.code for e in stale.non_field_errors().as_data()]

    current = _form(form_class, instance, class_world, data={**shown, "version": etag(instance)})
    assert current.is_valid(), current.errors


@pytest.mark.django_db
class TestTheSettingsAndUnitPages:
    """The two pages whose forms gained the version field (issue 15): without it nothing is saved."""

    def test_the_settings_page(self, town_a, make_user, client_for):
        client = client_for(make_user("anna", (town_a, Role.ADMIN)))
        data = {"name": "Neustadt", "kind": town_a.kind, "population": 30_000, "remind_days_before": 5}
        data |= {"remind_days_after": 3, "escalate_days_after": 10}
        refused = client.post(reverse("municipality-edit"), data)
        assert refused.status_code == 200
        assert "Jemand anderes hat diesen Datensatz geändert" in refused.content.decode()
        town_a.refresh_from_db()
        assert (town_a.name, town_a.population) == ("Altstadt", 20_000)

        saved = client.post(reverse("municipality-edit"), {**data, "version": etag(town_a)})
        assert saved.status_code == 302
        town_a.refresh_from_db()
        assert (town_a.name, town_a.population) == ("Neustadt", 30_000)

    def test_the_unit_page(self, town_a, make_user, client_for):
        client = client_for(make_user("anna", (town_a, Role.ADMIN)))
        unit = OrgUnit.objects.get(municipality=town_a, name="IT A")
        url = reverse("orgunit-edit", args=[unit.pk])
        refused = client.post(url, {"name": "Digitales", "parent": unit.parent_id})
        assert refused.status_code == 200
        unit.refresh_from_db()
        assert unit.name == "IT A"

        saved = client.post(url, {"name": "Digitales", "parent": unit.parent_id, "version": etag(unit)})
        assert saved.status_code == 302
        unit.refresh_from_db()
        assert unit.name == "Digitales"
