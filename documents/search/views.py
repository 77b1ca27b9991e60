"""The search page (/search/) and the search API (/api/v1/search/): both thin
over ``engine.search`` and the shared ``SearchFilter``."""

from django.http import QueryDict
from django.shortcuts import render
from django.views.decorators.http import require_safe
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from documents.apikit.caching import ResponseCacheMixin, cached_for_anonymous

from .engine import HitContext, search
from .filters import SearchFilter
from .markup import facet_panel, hit_items
from .serializers import SearchResponseSerializer


def _int_or(value, default):
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


# Query parameters that are not filters: the words, the page, and the match
# mode (``exact=1``: full matches only).
NOT_FILTERS = ("q", "page", "exact")


def _exact(params) -> bool:
    return params.get("exact", "") in ("1", "true", "on")


def _search_request(params, page_size):
    filterset, errors = None, {}
    # A request naming no filter needs no FilterSet (django-filter copies
    # every filter and builds a form per request): it would restrict nothing.
    if any(name in params for name in SearchFilter.base_filters):
        filterset = SearchFilter(params, queryset=SearchFilter.Meta.model.objects.all())
        if not filterset.is_valid():
            errors = {k: [str(m) for m in v] for k, v in filterset.errors.items()}
            filterset = None
    result = search(
        params.get("q", ""),
        filterset=filterset,
        page=_int_or(params.get("page"), 1),
        page_size=_int_or(params.get("page_size"), page_size),
        exact=_exact(params),
    )
    return result, filterset, errors


def _with(params, **changes):
    """The query string of ``params`` with ``changes`` (None removes)."""
    params = params.copy()
    for name, value in changes.items():
        params.pop(name, None)
        if value is not None:
            params[name] = value
    return params.urlencode()


@require_safe
@cached_for_anonymous
def search_page(request):
    result, filterset, errors = _search_request(request.GET, 10)
    # Links go back to this search: page and facet links keep everything
    # but the page (filters and ``exact`` included); the match-mode links and
    # "clear all filters" start again at page 1.
    params = request.GET.copy()
    params.pop("page", None)
    exact = _exact(params)
    q = request.GET.get("q", "")
    base_query = params.urlencode()
    return render(
        request,
        "search/search.html",
        {
            "q": q,
            "exact": exact,
            "exact_query": _with(params, exact="1"),
            "relaxed_query": _with(params, exact=None),
            "clear_query": _with(QueryDict(), q=q, exact="1" if exact else None),
            "result": result,
            "filter_errors": errors,
            "active": {
                k: v for k, v in request.GET.items() if k not in NOT_FILTERS and v
            },
            "base_query": base_query,
            "facet_panel": facet_panel(result.facets, base_query),
            "hit_items": hit_items(result.hits, HitContext(result.kept)),
        },
    )


def _nothing_found(result) -> list[str]:
    """Why a query found nothing, for the API (the page says it in its own box)."""
    if result.total or result.query.is_empty:
        return []
    words = "、".join(t.typed for t in result.query.terms)
    mode = "全部" if result.exact_only else "任何一个"
    english = "all" if result.exact_only else "any"
    return [
        f"没有条款包含{mode}检索词（{words}）；可试 suggestions 中的词。"
        f" / No provision holds {english} of the query words ({words}); try the suggestions."
    ]


class SearchAPIView(ResponseCacheMixin, APIView):
    """全文检索 / Full-text search over provisions.

    ``?q=`` (words AND-ed; ``OR``; ``-exclude``; ``"exact phrase"``).  The
    provisions holding every query concept come first (``tier: "full"``);
    when they are few, provisions holding part of the query follow
    (``tier: "partial"``, with the concepts they lack in ``unmatched``),
    unless ``exact=1``.  ``exact_count`` counts the full matches; when
    nothing matches, ``suggestions`` lists shorter queries that do.  Filters
    ``document``, ``doc_type``, ``theme``, ``year``, ``instrument``,
    ``has_subsidy``, ``has_target``; ``page``, ``page_size`` (≤ 100).
    Anonymous reads are cached like every other list of the API.
    """

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "q",
                str,
                description='检索式 / query: words AND-ed, OR, -exclude, "exact phrase"',
            ),
            *(
                OpenApiParameter(name, str, description=f"筛选 / filter: {f.label}")
                for name, f in SearchFilter.base_filters.items()
            ),
            OpenApiParameter(
                "exact",
                bool,
                description="只看完全匹配 / full matches only (no relaxed, partial matches)",
            ),
            OpenApiParameter("page", int, description="页码 / page number, from 1"),
            OpenApiParameter(
                "page_size", int, description="每页条数 / results per page (≤ 100)"
            ),
        ],
        responses=SearchResponseSerializer,
    )
    def get(self, request):
        result, _filterset, errors = _search_request(request.query_params, 10)
        context = HitContext(result.kept)
        return Response(
            {
                "query": result.query.raw,
                "notices": result.notices + _nothing_found(result),
                "filter_errors": errors,
                "count": result.total,
                "exact_count": result.full_total,
                "count_is_lower_bound": result.total_is_lower_bound,
                "page": result.page,
                "page_size": result.page_size,
                "results": [hit.as_dict(context) for hit in result.hits],
                "facets": result.facets,
                "suggestions": result.suggestions,
            }
        )
