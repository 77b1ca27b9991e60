"""The public query set and the measures the relevance tests share."""

import json
from functools import reduce
from pathlib import Path

from django.db.models import Q

from documents.models import Provision
from documents.search.engine import search

QUERIES = json.loads((Path(__file__).parent / "queries.json").read_text(encoding="utf-8"))


def provision_q(reference: str) -> Q:
    """The provision a judgment names as "<document>/<provision>": the keys of
    the file's whole tree, where a notice's policies were numbered "doc1",
    "doc2" below it.  Ingested, each policy a notice issues is a document
    of its own (``Document.part_of``), its tree rooted at "doc1"."""
    document, key = reference.split("/", 1)
    head, _, rest = key.partition(".")
    number = int(head[3:]) if head.startswith("doc") and head[3:].isdigit() else None
    if number is None:
        part, within = 1, key  # the first policy's keys carry no "doc1."
    else:
        part, within = number, (rest or "doc1") if number > 1 else key
    return Q(document__key=document, key=key) | Q(
        document__part_of__key=document, document__part_number=part, key=within
    )


def ids_of(keys) -> set[int]:
    found = Provision.objects.filter(
        reduce(lambda a, b: a | b, (provision_q(k) for k in keys))
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


def top_keys(raw: str, size=10) -> list[str]:
    """The first ``size`` results of a search as "<document>/<provision>"."""
    hits = search(raw, facets=False, page_size=size).hits
    return [f"{h.provision.document.key}/{h.provision.key}" for h in hits]
