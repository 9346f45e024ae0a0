"""The page on which a user creates and revokes their own API tokens (DESIGN.md §7: token auth).

Tokens are django-rest-knox tokens: stored as a hash, shown once when created, each revocable on its own.
"""

from __future__ import annotations

import datetime

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from knox.models import AuthToken

from municipalities.forms import StyledForm


class TokenForm(StyledForm, forms.Form):
    days = forms.TypedChoiceField(
        label=gettext_lazy("Valid for"),
        coerce=int,
        choices=[
            (30, gettext_lazy("30 days")),
            (90, gettext_lazy("90 days")),
            (365, gettext_lazy("one year")),
            (0, gettext_lazy("until revoked")),
        ],
        initial=90,
    )


@login_required
def tokens(request: HttpRequest) -> HttpResponse:
    form = TokenForm(request.POST or None)
    new_token = None
    if request.method == "POST" and form.is_valid():
        days = form.cleaned_data["days"]
        _instance, new_token = AuthToken.objects.create(
            user=request.user, expiry=datetime.timedelta(days=days) if days else None
        )
        messages.success(request, _("Token created. Copy it now: it is shown only once."))
    return render(
        request,
        "api/tokens.html",
        {
            "form": form,
            "new_token": new_token,
            "tokens": AuthToken.objects.filter(user=request.user).order_by("-created"),
        },
    )


@login_required
@require_POST
def token_revoke(request: HttpRequest, key: str) -> HttpResponse:
    token = get_object_or_404(AuthToken.objects.filter(user=request.user), token_key=key)
    token.delete()
    messages.success(request, _("Token revoked."))
    return redirect("api-tokens")
