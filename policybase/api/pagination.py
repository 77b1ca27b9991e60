from rest_framework.pagination import PageNumberPagination


class BoundedPageNumberPagination(PageNumberPagination):
    """?page=N&page_size=M, with page_size capped so no request can ask for
    the whole table at once."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200
