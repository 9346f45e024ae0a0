"""Forms of the tenancy app; choices are always limited to the current municipality."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from . import concurrency
from .access import Role
from .models import Municipality, OrgUnit
from .selectors import org_unit_list


def accept_local_decimals(fields) -> None:
    """Let decimal and float fields read the locale's decimal separator ("1,5" in German) as well as the
    dot. Only the input is localized: the widgets keep rendering the plain number, which is what a number
    input (``<input type="number">``) needs, and what a browser sends back from it."""
    for field in fields:
        if isinstance(field, forms.DecimalField | forms.FloatField):
            field.localize = True


class StyledForm:
    """Mixin giving every widget its Bootstrap class and marking invalid fields; used by all apps' forms.
    Decimal fields accept the user's decimal separator (``accept_local_decimals``), also those a form adds
    after this ``__init__``."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        accept_local_decimals(self.fields.values())
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput):
                css = "form-check-input"
            elif isinstance(widget, forms.Select | forms.SelectMultiple):
                css = "form-select"
            else:
                css = "form-control"
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()

    def full_clean(self) -> None:
        accept_local_decimals(self.fields.values())
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                widget = self.fields[name].widget
                widget.attrs["class"] = f"{widget.attrs.get('class', '')} is-invalid".strip()


class ConcurrencyFormMixin:
    """Refuses to save over a change someone else made after this form was opened (DESIGN.md §7).

    The form carries the row's version tag (``municipalities.concurrency.etag``) in a hidden field; if the
    stored row no longer has that tag when the form comes back, the user is told and nothing is saved.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self._stored_version = concurrency.etag(self.instance)
            self.fields["version"] = forms.CharField(widget=forms.HiddenInput, required=False)
            self.initial["version"] = self._stored_version

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk and self.is_bound:
            # A form without its version tag (an old bookmark, a hand-made POST) cannot show that it saw
            # the current state, so it is refused as well: saving it could overwrite a newer change.
            sent = self.data.get(self.add_prefix("version"), "")
            if sent != self._stored_version:
                raise forms.ValidationError(
                    _(
                        "Someone else changed this record after you opened it. Nothing was saved: reload the "
                        "page to see the current state and enter your change again."
                    ),
                    code="stale",
                )
        return cleaned


class TenantForm(ConcurrencyFormMixin, StyledForm, forms.ModelForm):
    """A model form bound to a municipality, used by every app's forms.

    ``parent_field`` names the field the view sets, not the user: the municipality itself, or a parent row
    (``parent``, e.g. the project of a status report). Choices of organisational units are limited to the
    municipality, and the parent takes part in validation, so a unique constraint on it is a message on
    the form, never a database error.
    """

    parent_field = "municipality"

    def __init__(self, *args, municipality: Municipality, parent=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.municipality, self.parent = municipality, parent
        setattr(
            self.instance, self.parent_field, municipality if self.parent_field == "municipality" else parent
        )
        for name in ("org_unit", "owner"):
            if name in self.fields:
                self.fields[name].queryset = OrgUnit.objects.filter(municipality=municipality).order_by(
                    "name"
                )

    def _get_validation_exclusions(self):
        exclude = super()._get_validation_exclusions()
        exclude.discard(self.parent_field)
        return exclude


class MunicipalitySettingsForm(ConcurrencyFormMixin, StyledForm, forms.ModelForm):
    class Meta:
        model = Municipality
        fields = [
            "name",
            "kind",
            "population",
            "public_dashboard",
            "remind_days_before",
            "remind_days_after",
            "escalate_days_after",
            "approve_updates",
        ]


def choose_members(form: forms.Form, municipality: Municipality, *names: str) -> None:
    """Offer the active members of ``municipality`` in the person fields ``names`` of ``form``, by name:
    responsibilities go to the municipality's own people (the models' ``member_errors`` check it too)."""
    members = (
        get_user_model()
        .objects.filter(memberships__municipality=municipality, is_active=True)
        .distinct()
        .order_by("username")
    )
    for name in names:
        form.fields[name].queryset = members
        form.fields[name].label_from_instance = lambda u: u.get_full_name() or u.get_username()


class OrgUnitForm(ConcurrencyFormMixin, StyledForm, forms.ModelForm):
    class Meta:
        model = OrgUnit
        fields = ["name", "short_name", "parent", "head", "deputy"]

    def __init__(self, *args, user, municipality: Municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.municipality = municipality
        parents = org_unit_list(user=user, municipality=municipality)
        if self.instance.pk:
            parents = parents.exclude(pk=self.instance.pk)
        self.fields["parent"].queryset = parents.order_by("name")
        choose_members(self, municipality, "head", "deputy")

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        clash = OrgUnit.objects.filter(municipality=self.instance.municipality, name__iexact=name)
        if clash.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("This municipality already has a unit of this name."))
        return name

    def validate_unique(self) -> None:
        # municipality is not a form field, so ModelForm would skip the (municipality, name) check.
        try:
            self.instance.validate_constraints()
        except forms.ValidationError as error:
            self._update_errors(error)


class InviteForm(StyledForm, forms.Form):
    """Whom to give a role, by e-mail address (``actions.member_invite``). Whether the address already has
    an account is neither checked nor told here: the answer is the same either way."""

    email = forms.EmailField(label=_("E-mail address"), max_length=150)
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    language = forms.ChoiceField(label=_("Language of the e-mail"), choices=settings.LANGUAGES)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].initial = get_language()


class RoleForm(StyledForm, forms.Form):
    """Another role for one membership (``actions.membership_change_role``)."""

    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
