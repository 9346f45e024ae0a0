from django import forms
from django.contrib import admin, messages
from django.contrib.admin import ActionLocation
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from guardian.admin import GuardedModelAdmin

from . import actions
from .models import Membership, Municipality, OrgUnit, UserPreference


class OrgUnitInline(admin.TabularInline):
    model = OrgUnit
    fk_name = "municipality"
    fields = ["name", "short_name", "parent"]
    extra = 0
    show_change_link = True


@admin.register(Municipality)
class MunicipalityAdmin(GuardedModelAdmin):
    list_display = ["name", "ags", "kind", "state", "population", "public_dashboard"]
    list_filter = ["kind", "state", "public_dashboard"]
    search_fields = ["name", "ags"]
    inlines = [OrgUnitInline]


@admin.register(OrgUnit)
class OrgUnitAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "parent", "municipality"]
    list_filter = ["municipality"]
    search_fields = ["name", "short_name"]
    list_select_related = ["parent", "municipality"]
    autocomplete_fields = ["parent"]
    raw_id_fields = ["head", "deputy"]


@admin.register(UserPreference)
class UserPreferenceAdmin(admin.ModelAdmin):
    list_display = ["user", "language"]
    list_filter = ["language"]
    raw_id_fields = ["user"]


class MembershipAdminForm(forms.ModelForm):
    """Shows the refusals of ``actions.membership_change_role`` on the form, before anything is saved."""

    user_changing: object = None  # set per request by ``MembershipAdmin.get_form``

    class Meta:
        model = Membership
        fields = ["user", "municipality", "role"]

    def clean(self):
        cleaned = super().clean()
        role = cleaned.get("role")
        if self.instance.pk and role:
            stored = Membership.objects.get(pk=self.instance.pk)
            try:
                actions.membership_role_check(membership=stored, role=role, by=self.user_changing)
            except PermissionDenied as error:
                raise ValidationError(str(error)) from error
        return cleaned


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    """Memberships through the actions of the members page and the API: a new one by
    ``membership_add``, a role change by ``membership_change_role``, a removal by ``membership_remove``
    (never the last administrator). Person and municipality are fixed once the membership exists; the
    bulk delete is not offered (it would bypass the last-administrator rule)."""

    form = MembershipAdminForm
    list_display = ["user", "municipality", "role"]
    list_filter = ["role", "municipality"]
    search_fields = ["user__username", "user__email", "municipality__name"]
    list_select_related = ["user", "municipality"]
    autocomplete_fields = ["user", "municipality"]

    def get_readonly_fields(self, request, obj=None):
        return ["user", "municipality"] if obj is not None else []

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        return type(form.__name__, (form,), {"user_changing": request.user})

    def get_actions(self, request, action_location=ActionLocation.CHANGE_LIST):
        found = super().get_actions(request, action_location)
        found.pop("delete_selected", None)
        return found

    def save_model(self, request, obj, form, change):
        if change:
            saved = actions.membership_change_role(membership=obj, role=obj.role, by=request.user)
        else:
            saved = actions.membership_add(municipality=obj.municipality, user=obj.user, role=obj.role)
        obj.pk = saved.pk

    def delete_model(self, request, obj):
        actions.membership_remove(membership=obj)

    def delete_view(self, request, object_id, extra_context=None):
        try:
            return super().delete_view(request, object_id, extra_context)
        except ValidationError as error:  # rolled back: the admin's delete view is one transaction
            self.message_user(request, " ".join(error.messages), messages.ERROR)
            return redirect("admin:municipalities_membership_change", object_id)
