"""Keeping the search index in step with the provisions.

``update(ids)`` re-reads those provisions and replaces their index rows (rows
of provisions that no longer exist are dropped); ``rebuild()`` starts from
scratch.  Ingest calls ``update`` at the end of each document; the
post_save/post_delete receivers (receivers.py) cover admin edits.
"""

from functools import cache

from django.db import connection, transaction

from documents.models import Provision
from documents.search.segmentation import in_background, segment, segmenter

from .backends import backend_for
from .backends.sql import ids_param, in_ids
from .normalise import normalise

BATCH = 2000


def indexed_text(provision) -> str:
    return _joined(provision.heading, provision.text)


def _joined(heading, text) -> str:
    return " ".join(filter(None, (heading, text)))


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
            _keep_search_text([(p.pk, p.search_text) for p in provisions], rows)
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
    then every provision is segmented again.  The sample is segmented while
    the load goes on (in a process of its own where there are many
    provisions: loading the dictionary alone takes a second), and the load
    is undone and done again with segmentation if it fails.

    The provisions are read by plain SQL, a batch of ids a statement, as
    tuples: no model instance per provision (``_read``).
    """
    backend = backend_for(connection)
    ids = list(Provision.objects.order_by("pk").values_list("pk", flat=True))
    count = None
    sample = _words_sample(ids) if reuse_words else []
    # A provision of the sample without words (never indexed) fails the
    # check at once: no need to segment, or to load first.
    if sample and all(stored for _text, stored in sample):
        with in_background(len(ids), _words_current, sample) as current:
            try:
                count = _load(backend, ids, progress, current)
            except _StaleWords:
                pass
    if count is None:
        count = _load(backend, ids, progress)
    if not connection.in_atomic_block:
        backend.rebuilder.vacuum()  # (inside a caller's transaction, autovacuum does it later)
    return count


class _StaleWords(Exception):
    """The stored words are not what segmenting the text gives today."""


def _load(backend, ids, progress, current=None) -> int:
    """Empty the index and load every provision, in one transaction (a
    savepoint in a caller's); with ``current``, the stored words, unless
    ``current()`` says at the end of the first pass that they are stale
    (then ``_StaleWords``, and nothing was written)."""
    counted = []
    reuse = current is not None

    def batches(pass_number):
        for i in range(0, len(ids), BATCH):
            chunk = ids[i : i + BATCH]
            if pass_number == 2:
                # The words were written back on the first pass.
                yield [(pk, words, None) for pk, words in _read(chunk, WORDS)]
                continue
            found = _read(chunk, TEXTS)
            texts = [_joined(heading, text) for _pk, heading, text, _w in found]
            if reuse:
                words = [stored for *_rest, stored in found]
            else:
                words = segment_texts(texts)
            rows = [
                (pk, w, normalise(t))
                for (pk, *_rest), w, t in zip(found, words, texts, strict=True)
            ]
            _keep_search_text([(pk, stored) for pk, *_rest, stored in found], rows)
            counted.append(len(rows))
            if progress:
                progress(sum(counted), len(ids))
            yield rows
        if pass_number == 1 and reuse and not current():
            raise _StaleWords

    with segmenter(0 if reuse else len(ids)) as segment_texts, transaction.atomic():
        backend.rebuilder.clear()
        backend.rebuilder.bulk_load(batches)
    return sum(counted)


# The columns of Provision the two passes of a rebuild read.
TEXTS = ("id", "heading", "text", "search_text")
WORDS = ("id", "search_text")


def _read(ids, fields) -> list[tuple]:
    """``fields`` of the provisions of ``ids``, as tuples, by id."""
    with connection.cursor() as cursor:
        cursor.execute(_select(connection.vendor, fields), [ids_param(ids, connection.vendor)])
        return cursor.fetchall()


@cache
def _select(vendor, fields) -> str:
    meta = Provision._meta
    quote = connection.ops.quote_name
    columns = ", ".join(quote(meta.get_field(name).column) for name in fields)
    pk = quote(meta.pk.column)
    return (
        f"SELECT {columns} FROM {quote(meta.db_table)} "
        f"WHERE {in_ids(pk, vendor)} ORDER BY {pk}"
    )


# Provisions segmented again to check that stored words are current.
WORDS_SAMPLE = 200


def _words_sample(ids) -> list[tuple[str, str]]:
    """(indexed text, stored words) of an evenly spread sample of at most
    WORDS_SAMPLE of ``ids``."""
    if not ids:
        return []
    step = -(-len(ids) // WORDS_SAMPLE)  # ceiling division: at most WORDS_SAMPLE
    sample = Provision.objects.filter(pk__in=ids[::step]).only("heading", "text", "search_text")
    return [(indexed_text(p), p.search_text) for p in sample]


def _words_current(sample) -> bool:
    """Whether the stored words of the sample are what segmenting their
    text gives today (and none is missing)."""
    return all(stored and stored == segment(text) for text, stored in sample)


def _keep_search_text(stored, rows):
    # Provision.search_text is the words the index holds; an admin edit of the
    # text, or a new user dictionary, leaves it stale until this writes it back.
    # ``stored``: (id, its search_text) of each row's provision.
    stale = [
        Provision(pk=pk, search_text=words)
        for (pk, old), (_pk, words, _plain) in zip(stored, rows, strict=True)
        if old != words
    ]
    if stale:
        Provision.objects.bulk_update(stale, ["search_text"], batch_size=500)
