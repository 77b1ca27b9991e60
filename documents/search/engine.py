"""``search()``: from what a person typed to a ranked, explained, faceted page."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.db import connection
from django.urls import reverse
from django.utils import timezone

from documents.models import Provision

from . import rows, shared
from .about import answers_first, heading_contents_after, table_rows_after
from .backends import backend_for
from .facets import facet_counts
from .index import indexed_text
from .normalise import normalise_with_offsets
from .query import Query, parse
from .snippets import explain, snippet
from .tiers import loosened, suggestions, tiered_candidates, unmatched_terms

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

    def as_dict(self, context: HitContext | None = None) -> dict:
        """The hit as the API gives it; ``context``: what the hits of one
        response share (made here when not given)."""
        p = self.provision
        context = context or HitContext()
        return {
            "id": p.pk,
            **context.document_fields(p.document),
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
            "url": context.url(p),
        }


def _day(value):
    return value.isoformat() if value else None


# Keys that never need quoting in a URL and that the provision page's route
# takes (a document's key is a slug); any other goes through ``reverse``.
_PLAIN_DOCUMENT_KEY = re.compile(r"[-a-zA-Z0-9_]+")
_PLAIN_PROVISION_KEY = re.compile(r"[-a-zA-Z0-9_.]+")


class HitContext:
    """What the hits of one page share, worked out once for all of them:
    today (a document's status is as of today), each document's fields and
    the provision pages' URL up to the keys.  ``Provision.get_absolute_url``
    resolves the route anew for each hit, and ``validity_status`` reads the
    clock and the time zone each time."""

    def __init__(self, kept=None):
        self.today = timezone.localdate()
        self.kept = kept  # shared.kept's values, when the search had them
        self._documents = {}
        self._base = None

    def document_fields(self, document) -> dict:
        fields = self._documents.get(document.pk)
        if fields is None:
            fields = self._documents[document.pk] = {
                "document": document.key,
                "document_title": document.display_title,
                "document_status": document.status_on(self.today),
                "document_valid_from": _day(document.valid_from),
                "document_valid_until": _day(document.valid_until),
            }
        return fields

    def url(self, provision) -> str:
        """``provision.get_absolute_url()``, which ``reverse`` gives as the
        route's prefix, then the two keys (quoted; plain keys need none)."""
        key, document_key = provision.key, provision.document.key
        if not (
            _PLAIN_PROVISION_KEY.fullmatch(key) and _PLAIN_DOCUMENT_KEY.fullmatch(document_key)
        ):
            return provision.get_absolute_url()
        if self._base is None:
            probe = reverse("provision-page", args=["d", "k"])
            self._base = probe[: -len("d/k/")] if probe.endswith("/d/k/") else ""
        if not self._base:
            return provision.get_absolute_url()
        return f"{self._base}{document_key}/{key}/"


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
    # What shared.kept keeps for the data version read (None: read afresh).
    kept: dict | None = None

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
    # What only a write changes (documents, ancestors, the facets' table,
    # the partial tier's contexts), as kept for the data version read.
    versioned = shared.Once(connection)
    found = tiered_candidates(backend, query, restrict, relax=not exact, kept=versioned)
    if not found.ids and not exact and (words := loosened(query)):
        # Nothing even relaxed: the long words by the words inside them; the
        # hits then say which of those they hold.
        looser = parse(words)
        again = tiered_candidates(backend, looser, restrict, kept=versioned)
        if again.ids:
            query, found = looser, again
    ids, put_first = answers_first(connection, query, found.ids)
    if put_first:
        # a line of the policy's layout put first ranks with the first result
        found.scores.update(dict.fromkeys(put_first, max(found.scores.values(), default=0.0)))
    ids, its_rows = table_rows_after(connection, ids)
    if its_rows:
        # the rows of a table found among the first three rank with them
        first = max(found.scores.get(pk, 0.0) for pk in ids[:3])
        found.scores.update(dict.fromkeys(its_rows, first))
    ids, held = heading_contents_after(connection, ids) if not exact else (ids, [])
    if held:
        # what a bare heading holds ranks just below the heading
        found.scores.update(dict.fromkeys(held, min(found.scores.values(), default=0.0)))
    result.ids = ids
    result.total = len(ids)
    result.full_total = found.full
    result.total_is_lower_bound = found.bounded
    if not ids:
        result.suggestions = suggestions(backend, query, restrict)
    first = (result.page - 1) * page_size
    shown = ids[first : first + page_size]
    kept = result.kept = versioned() if ids else None
    if facets:
        # First: the facets read (and keep) the documents of every match,
        # the page's among them.
        result.facets = facet_counts(ids, kept)
    # The page's provisions by plain SQL (``rows``): each with its parents
    # for the path, without the segmented text; and their documents.
    provisions = rows.provisions(connection, shown, kept)
    documents = shared.documents(connection, {p.document_id for p in provisions.values()}, kept)
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
    return result
