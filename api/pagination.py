"""Page-number pagination for every list of the API, with a page size the client may lower or raise."""

import re

from rest_framework import serializers
from rest_framework.pagination import PageNumberPagination

_WHOLE = re.compile(r"-?[0-9]{1,19}")


class Pagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500

    def get_page_size(self, request):
        """The ``page_size`` asked for, from 1 to ``max_page_size`` as the schema says; anything else is a
        400 (DRF would fall back to the default silently)."""
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return self.page_size
        field = serializers.IntegerField(min_value=1, max_value=self.max_page_size)
        try:
            if not _WHOLE.fullmatch(raw):  # ASCII digits only, as ``integer`` says (int() takes "٣")
                field.fail("invalid")
            return field.run_validation(raw)
        except serializers.ValidationError as error:
            raise serializers.ValidationError({self.page_size_query_param: error.detail}) from error

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_query_param:
                parameter["schema"]["minimum"] = 1
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"].update(minimum=1, maximum=self.max_page_size)
        return parameters
