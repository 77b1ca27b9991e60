"""Keeping the search index in step with the provisions.

``update(ids)`` re-reads those provisions and replaces their index rows (rows
of provisions that no longer exist are dropped); ``rebuild()`` starts from
scratch.  Ingest calls ``update`` at the end of each document; the
post_save/post_delete receivers (receivers.py) cover admin edits.
"""

from django.db import connection, transaction

from documents.models import Provision
from documents.search.segmentation import segment, segmenter

from .backends import backend_for
from .normalise import normalise

BATCH = 2000


def indexed_text(provision) -> str:
    return " ".join(filter(None, (provision.heading, provision.text)))


def row_for(provision, words: str | None = None) -> tuple[int, str, str]:
    """(id, words, plain text) — the index row of one provision; ``words``
    when its text was segmented already."""
    text = indexed_text(provision)
    return provision.pk, segment(text) if words is None else words, normalise(text)


# Provision ids saved in the current transaction and not yet indexed, per
# database alias: the receiver defers to commit time, so a transaction that
# saves many provisions (ingest) indexes each once, and ingest's own
# ``update`` call at the end of a document takes them off the list.
_pending: dict[str, set[int]] = {}


def schedule(provision_id):
    """Index this provision when the current transaction commits."""
    _pending.setdefault(connection.alias, set()).add(provision_id)
    transaction.on_commit(flush)


def flush():
    ids = _pending.pop(connection.alias, set())
    if ids:
        update(ids)


def update(provision_ids):
    ids = sorted(set(provision_ids))
    _pending.get(connection.alias, set()).difference_update(ids)
    if not ids:
        return
    backend = backend_for(connection)
    with transaction.atomic():
        for i in range(0, len(ids), BATCH):
            chunk = ids[i : i + BATCH]
            provisions = list(
                Provision.objects.filter(pk__in=chunk).only("heading", "text", "search_text")
            )
            rows = [row_for(p) for p in provisions]
            _keep_search_text(provisions, rows)
            backend.index.delete(set(chunk) - {p.pk for p in provisions})
            backend.index.replace(rows)


def remove(provision_ids):
    backend_for(connection).index.delete(provision_ids)


def rebuild(progress=None, reuse_words=False) -> int:
    """Drop every index row and index every provision again; returns the count.

    ``progress(done, total)`` is called after each batch of the first pass.
    Segmentation runs on every core when there are many provisions.  With
    ``reuse_words`` (a restore: each provision arrives with the words it was
    indexed under) the stored words are used as they are when a sample of
    provisions, segmented again, gives exactly their stored words; a new
    user dictionary or segmenter since the backup fails that check, and
    then every provision is segmented again.
    """
    backend = backend_for(connection)
    ids = list(Provision.objects.order_by("pk").values_list("pk", flat=True))
    counted = []
    reuse = reuse_words and stored_words_current(ids)

    def batches(pass_number):
        for i in range(0, len(ids), BATCH):
            chunk = ids[i : i + BATCH]
            if pass_number == 2:
                # The words were written back on the first pass.
                yield list(
                    Provision.objects.filter(pk__in=chunk)
                    .order_by("pk")
                    .values_list("pk", "search_text", "heading")
                )
                continue
            provisions = list(
                Provision.objects.filter(pk__in=chunk)
                .order_by("pk")
                .only("heading", "text", "search_text")
            )
            if reuse:
                words = [p.search_text for p in provisions]
            else:
                words = segment_texts([indexed_text(p) for p in provisions])
            rows = [row_for(p, w) for p, w in zip(provisions, words, strict=True)]
            _keep_search_text(provisions, rows)
            counted.append(len(rows))
            if progress:
                progress(sum(counted), len(ids))
            yield rows

    with segmenter(0 if reuse else len(ids)) as segment_texts, transaction.atomic():
        backend.rebuilder.clear()
        backend.rebuilder.bulk_load(batches)
    if not connection.in_atomic_block:
        backend.rebuilder.vacuum()  # (inside a caller's transaction, autovacuum does it later)
    return sum(counted)


# Provisions segmented again to check that stored words are current.
WORDS_SAMPLE = 200


def stored_words_current(ids) -> bool:
    """Whether the stored words of an evenly spread sample of provisions are
    what segmenting their text gives today (and none is missing)."""
    if not ids:
        return False
    step = -(-len(ids) // WORDS_SAMPLE)  # ceiling division: at most WORDS_SAMPLE
    sample = Provision.objects.filter(pk__in=ids[::step]).only("heading", "text", "search_text")
    return all(p.search_text and p.search_text == segment(indexed_text(p)) for p in sample)


def _keep_search_text(provisions, rows):
    # Provision.search_text is the words the index holds; an admin edit of the
    # text, or a new user dictionary, leaves it stale until this writes it back.
    stale = []
    for provision, (_pk, words, _plain) in zip(provisions, rows, strict=True):
        if provision.search_text != words:
            provision.search_text = words
            stale.append(provision)
    if stale:
        Provision.objects.bulk_update(stale, ["search_text"], batch_size=500)
