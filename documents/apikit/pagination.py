"""Page-number pagination with validated, bounded parameters."""

from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import PageNumberPagination


class BoundedPageNumberPagination(PageNumberPagination):
    """?page=N&page_size=M, with page_size capped so no request can ask for
    the whole table at once.

    DRF silently falls back to the default page size on a bad ``page_size``;
    a researcher's script should learn that it asked for something wrong, so
    both parameters are validated and a bad value is a 400 naming it.
    """

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200
    page_query_description = "页码 / Page number, from 1."
    page_size_query_description = "每页条数 / Results per page, 1–200 (default 50)."

    def get_page_size(self, request):
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return self.page_size
        size = _positive_int(raw)
        if size is None or size > self.max_page_size:
            raise ValidationError(
                {
                    self.page_size_query_param: [
                        f"须为 1 至 {self.max_page_size} 的整数 / "
                        f"must be an integer from 1 to {self.max_page_size}"
                    ]
                }
            )
        return size

    def paginate_queryset(self, queryset, request, view=None):
        raw = request.query_params.get(self.page_query_param, "1")
        if _positive_int(raw) is None:
            raise ValidationError(
                {self.page_query_param: ["须为正整数 / must be a positive integer"]}
            )
        try:
            return super().paginate_queryset(queryset, request, view)
        except NotFound as exc:
            raise NotFound("页码超出范围 / Page out of range") from exc

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            parameter["schema"]["minimum"] = 1
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"]["maximum"] = self.max_page_size
        return parameters

    def get_paginated_response_schema(self, schema):
        envelope = super().get_paginated_response_schema(schema)
        descriptions = {
            "count": "Number of results matching the filters, over all pages.",
            "next": "URL of the next page; null on the last page.",
            "previous": "URL of the previous page; null on the first page.",
            "results": "This page of results.",
        }
        for name, description in descriptions.items():
            envelope["properties"][name]["description"] = description
        return envelope


def _positive_int(raw):
    # Digits only: int() would also accept " 7", "+7" and "٧".
    if not (raw.isascii() and raw.isdigit()) or len(raw) > 9:
        return None
    value = int(raw)
    return value if value >= 1 else None
