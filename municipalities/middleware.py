"""Attaches ``request.tenancy`` (current municipality and roles), computed only when a page asks for it."""

from django.utils.functional import SimpleLazyObject

from .tenancy import tenancy_for


class CurrentMunicipalityMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.tenancy = SimpleLazyObject(lambda: tenancy_for(request))
        return self.get_response(request)
