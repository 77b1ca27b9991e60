"""The public query set and the measures the relevance tests share."""

import json
from functools import reduce
from pathlib import Path

from django.db.models import Q

from documents.models import Provision
from documents.search.engine import search

QUERIES = json.loads((Path(__file__).parent / "queries.json").read_text(encoding="utf-8"))


def ids_of(keys) -> set[int]:
    pairs = [k.split("/", 1) for k in keys]
    found = Provision.objects.filter(
        reduce(lambda a, b: a | b, (Q(document__key=d, key=p) for d, p in pairs))
    ).values_list("pk", flat=True)
    return set(found)


def ranked(query: str) -> list[int]:
    return search(query, facets=False, page_size=10).ids


def substring_scan(query: str) -> list[int]:
    """What a plain icontains scan would return: provisions holding every
    typed word (ignoring OR and -words), in document order."""
    words = [
        w.strip('"')
        for w in query.split()
        if w not in ("OR", "|") and not w.startswith("-") and w.strip('"')
    ]
    qs = Provision.objects.all()
    for word in words:
        qs = qs.filter(Q(text__icontains=word) | Q(heading__icontains=word))
    return list(qs.order_by("document__issued_on", "document__key", "position").values_list("pk", flat=True))


def recall_at(ranking: list[int], gold: set[int], k=10) -> float:
    return len(set(ranking[:k]) & gold) / len(gold)


def first_hit_rank(ranking: list[int], gold: set[int]) -> int | None:
    for i, pk in enumerate(ranking, 1):
        if pk in gold:
            return i
    return None
