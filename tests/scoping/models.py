"""A stand-in for a guarded portfolio row (like Project): role rows, a council row rule, guardian grants."""

from django.db import models
from django.db.models import Q
from guardian.models import UserObjectPermissionBase

from municipalities.access import PORTFOLIO, Role, Scope, ScopedQuerySet
from municipalities.models import Municipality


class Dossier(models.Model):
    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE)
    title = models.CharField(max_length=100)
    approved = models.BooleanField(default=False)

    objects = ScopedQuerySet.as_manager()
    scope = Scope(
        area=PORTFOLIO,
        row_filters={Role.COUNCIL: Q(approved=True)},
        grant_roles=frozenset({Role.PROJECT_LEAD}),
        grant_model="scoping.DossierUserObjectPermission",
    )

    class Meta:
        app_label = "scoping"

    def __str__(self) -> str:
        return self.title


class DossierNote(models.Model):
    """A child row, scoped through its parent's municipality."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE)
    text = models.CharField(max_length=100)

    objects = ScopedQuerySet.as_manager()
    scope = Scope(area=PORTFOLIO, municipality_field="dossier__municipality")

    class Meta:
        app_label = "scoping"

    def __str__(self) -> str:
        return self.text


class DossierUserObjectPermission(UserObjectPermissionBase):
    content_object = models.ForeignKey(Dossier, on_delete=models.CASCADE)

    class Meta(UserObjectPermissionBase.Meta):
        app_label = "scoping"
