"""``search()``: from what a person typed to a ranked, explained, faceted page."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import connection

from documents.models import Provision

from . import rows
from .about import answers_first
from .backends import backend_for
from .facets import facet_counts
from .index import indexed_text
from .normalise import normalise_with_offsets
from .query import Query, parse
from .snippets import explain, snippet
from .tiers import suggestions, tiered_candidates, unmatched_terms

MAX_PAGE_SIZE = 100


@dataclass
class Hit:
    provision: Provision
    score: float
    snippet: str
    highlights: list[tuple[int, int]]
    reasons: list[dict]
    tier: str = "full"  # "full": every concept; "partial": a relaxed match
    unmatched: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        p = self.provision
        return {
            "id": p.pk,
            "document": p.document.key,
            "document_title": p.document.display_title,
            "document_status": p.document.validity_status,
            "document_valid_from": _day(p.document.valid_from),
            "document_valid_until": _day(p.document.valid_until),
            "key": p.key,
            "path": p.path_display,
            "heading": p.heading,
            "score": round(self.score, 6),
            "snippet": str(self.snippet),
            "highlights": self.highlights,
            "text": p.text,
            "why": self.reasons,
            "tier": self.tier,
            "unmatched": self.unmatched,
            "url": p.get_absolute_url(),
        }


def _day(value):
    return value.isoformat() if value else None


@dataclass
class SearchResult:
    query: Query
    hits: list[Hit] = field(default_factory=list)
    total: int = 0
    total_is_lower_bound: bool = False
    facets: dict = field(default_factory=dict)
    page: int = 1
    page_size: int = 10
    ids: list[int] = field(default_factory=list)  # every ranked match (≤ the bound)
    full_total: int = 0  # how many of them match every concept (the first ones)
    exact_only: bool = False
    suggestions: list[dict] = field(default_factory=list)

    @property
    def relaxed(self) -> bool:
        """Partial matches follow the full ones."""
        return self.total > self.full_total

    @property
    def start(self) -> int:
        """The rank of the first hit shown."""
        return (self.page - 1) * self.page_size + 1

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.page_size))

    @property
    def notices(self) -> list[str]:
        return self.query.notices


def search(raw: str, filterset=None, page: int = 1, page_size: int = 10, facets=True, exact=False):
    """One page of results for what was typed; ``exact``: full matches only."""
    query = parse(raw)
    page_size = max(1, min(int(page_size), MAX_PAGE_SIZE))
    result = SearchResult(
        query=query, page=max(1, int(page)), page_size=page_size, exact_only=bool(exact)
    )
    if query.is_empty:
        return result
    restrict = None
    if filterset is not None and filterset.is_active:
        sql, params = filterset.qs.values("pk").query.sql_with_params()
        restrict = (sql, list(params))
    backend = backend_for(connection)
    found = tiered_candidates(backend, query, restrict, relax=not exact)
    ids, put_first = answers_first(connection, query, found.ids)
    for pk in put_first:
        # a line of the policy's layout put first ranks with the first result
        found.scores[pk] = max(found.scores.values(), default=0.0)
    result.ids = ids
    result.total = len(ids)
    result.full_total = found.full
    result.total_is_lower_bound = found.bounded
    if not ids:
        result.suggestions = suggestions(backend, query, restrict)
    first = (result.page - 1) * page_size
    shown = ids[first : first + page_size]
    # The page's provisions and their documents by plain SQL (``rows``):
    # each with its parents for the path, without the segmented text.
    provisions = rows.provisions(connection, shown)
    documents = rows.documents(connection, {p.document_id for p in provisions.values()})
    for pk in shown:
        p = provisions.get(pk)
        if p is None:
            continue  # deleted since indexed; the receiver drops it from the index
        p._state.fields_cache["document"] = documents[p.document_id]
        text = indexed_text(p)
        # Normalised once, for the snippet and the explanation both.
        normalised = normalise_with_offsets(text)
        html, spans = snippet(query, text, normalised)
        hit = Hit(p, found.scores[pk], html, spans, explain(query, normalised[0]))
        if pk in found.matched:
            hit.tier = "partial"
            hit.unmatched = unmatched_terms(query, found.matched[pk])
        result.hits.append(hit)
    if facets:
        result.facets = facet_counts(ids)
    return result
