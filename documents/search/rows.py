"""Model instances from plain SQL, for what every search request reads: the
page's provisions, their ancestors (for the path) and the documents named
on the page and in the facets.

The ORM builds and compiles its SQL anew for every queryset, and for the
page's provisions (five levels of parents joined in, texts deferred) that
cost more CPU than the database's own work.  Here each statement's text is
built once per process and database vendor; each column is converted as
Django's compiler converts it (the vendor's converters, then the field's
``from_db_value``: dates on SQLite, JSON), and the instances are those
``Model.from_db`` makes (without its ``__init__`` where that changes nothing,
``Reader._maker``), with the columns not read deferred, as ``defer()``
leaves them.  The ancestors a page names are kept for the data version
(``shared.kept``), as the documents are.
"""

from __future__ import annotations

from django.db.models import Model, signals
from django.db.models.base import ModelState
from django.db.models.fields.related_descriptors import ForeignKeyDeferredAttribute

from documents.models import Document, Provision
from documents.querysets import DOCUMENT_TEXT_FIELDS

from .backends.sql import ids_param, in_ids


def _set_by_descriptor(model, attname) -> bool:
    """True when setting ``attname`` on an instance runs code of its own."""
    descriptor = getattr(model, attname, None)
    return hasattr(type(descriptor), "__set__") and not isinstance(
        descriptor, ForeignKeyDeferredAttribute
    )


class Reader:
    """Reads instances of ``model`` with ``fields`` (names of concrete
    fields; all of them but ``exclude`` when not given) by plain SQL."""

    def __init__(self, model, fields=None, exclude=()):
        concrete = [f for f in model._meta.concrete_fields if f.name not in exclude]
        if fields is not None:
            concrete = [f for f in concrete if f.name in fields]
        self.model = model
        self.fields = concrete  # in the model's order, as from_db wants them
        self.attnames = [f.attname for f in concrete]
        self.table = model._meta.db_table
        self.pk = model._meta.pk.column
        self._converters = {}  # by vendor
        self._select = {}  # by vendor

    def columns(self, connection, alias) -> str:
        quote = connection.ops.quote_name
        return ", ".join(f"{alias}.{quote(f.column)}" for f in self.fields)

    def select(self, connection) -> str:
        """SELECT of the columns of the rows whose id is one of a list (one
        parameter, ``sql.ids_param``), built once per vendor."""
        if connection.vendor not in self._select:
            quote = connection.ops.quote_name
            self._select[connection.vendor] = (
                f"SELECT {self.columns(connection, 't')} FROM {quote(self.table)} t "
                f"WHERE {in_ids('t.' + quote(self.pk), connection.vendor)}"
            )
        return self._select[connection.vendor]

    def read(self, connection, ids) -> list:
        """The instances of the rows of ``ids`` (those still there)."""
        with connection.cursor() as cursor:
            cursor.execute(self.select(connection), [ids_param(ids, connection.vendor)])
            return self.instances(connection, cursor.fetchall())

    def converters(self, connection) -> list[tuple[int, list, object]]:
        """(column index, converters, expression) of each column that has
        any, in the order the compiler applies them."""
        if connection.vendor not in self._converters:
            found = []
            for i, field in enumerate(self.fields):
                column = field.get_col(self.table)
                functions = connection.ops.get_db_converters(
                    column
                ) + field.get_db_converters(connection)
                if functions:
                    found.append((i, functions, column))
            self._converters[connection.vendor] = found
        return self._converters[connection.vendor]

    def instances(self, connection, rows) -> list:
        """One instance per row (the columns in ``columns``' order)."""
        converters = self.converters(connection)
        make = self._maker(connection.alias)
        made = []
        for row in rows:
            if converters:
                row = list(row)
                for i, functions, column in converters:
                    for function in functions:
                        row[i] = function(row[i], column, connection)
            made.append(make(row))
        return made

    def _maker(self, alias):
        """A function of a row to the instance ``Model.from_db`` makes of it.

        ``from_db`` calls the model's ``__init__``, which sends two signals
        and sets each field through ``setattr``: a third of a search page's
        reading of rows.  When no receiver listens to those signals and no
        field's attribute is set through a descriptor of its own (a
        foreign key's id only drops a cached object, of which a new
        instance has none), the instance is its ``__dict__``: the values of
        the columns read (those not read are left out, as ``DEFERRED``
        leaves them) and a ``ModelState`` like ``from_db``'s."""
        model, attnames = self.model, self.attnames
        if (
            signals.pre_init.has_listeners(model)
            or signals.post_init.has_listeners(model)
            or model.from_db.__func__ is not Model.from_db.__func__
            or model.__init__ is not Model.__init__
            or any(_set_by_descriptor(model, name) for name in attnames)
        ):
            return lambda row: model.from_db(alias, attnames, row)
        new = model.__new__

        def make(row):
            instance = new(model)
            instance.__dict__.update(zip(attnames, row, strict=True))
            state = instance._state = ModelState()
            state.adding = False
            state.db = alias
            return instance

        return make


# Every column but the segmented text, as the page read them before.
PROVISIONS = Reader(Provision, exclude=("search_text",))
# What a path names of each ancestor (``Provision.short_name``) and the way up.
ANCESTORS = Reader(Provision, fields=("id", "document", "parent", "key", "label", "heading"))
# Every column but the whole texts (``DocumentQuerySet.without_texts``).
DOCUMENTS = Reader(Document, exclude=DOCUMENT_TEXT_FIELDS)
# What a document's facet value shows: its key, ``display_title``, type and
# year.  These columns come before the texts in the row: on SQLite, a
# column after them is reached through the texts' overflow pages (100 kB
# and more a document), which a facet over a hundred documents felt.
NAMES = Reader(
    Document, fields=("id", "key", "title", "subject", "source_name", "doc_type", "issued_on")
)


# At most this many ancestors are kept for a data version (``provisions``):
# a few hundred bytes each.
MAX_KEPT_ANCESTORS = 20_000


def provisions(connection, ids, kept=None) -> dict[int, Provision]:
    """The provisions of ``ids`` ({id: provision}; ids no longer there are
    missing), each with its parents cached up to the root, so that
    ``path_display`` reads no more rows.  Documents are not attached.
    ``kept``: what ``shared.kept`` keeps for this data version, where the
    ancestors read (the chapters and sections many pages name) are kept
    for later pages, linked up to their root, and shared by them."""
    if not ids:
        return {}
    found = {p.pk: p for p in PROVISIONS.read(connection, ids)}
    parents = {p.parent_id for p in found.values() if p.parent_id is not None}
    nodes = dict(found)
    wanted = parents - nodes.keys()
    known = {} if kept is None else kept.setdefault("ancestors", {})
    if wanted - known.keys():
        read = {a.pk: a for a in ancestors(connection, wanted - known.keys())}
        if kept is None or len(known) + len(read) > MAX_KEPT_ANCESTORS:
            nodes.update(read)
        else:
            new = {pk: a for pk, a in read.items() if pk not in known}
            known.update(new)
            _link(new.values(), known)
    _link(found.values(), nodes, known)
    if kept is None or wanted - known.keys():
        _link([n for pk, n in nodes.items() if pk not in found], nodes, known)
    return found


def _link(children, *places):
    """Cache each child's parent (None at the root) when one of ``places``
    ({id: provision}) holds it."""
    for node in children:
        if node.parent_id is None:
            node._state.fields_cache["parent"] = None
            continue
        for place in places:
            parent = place.get(node.parent_id)
            if parent is not None:
                node._state.fields_cache["parent"] = parent
                break


_ANCESTORS_SQL = {}  # by vendor


def ancestors(connection, ids) -> list[Provision]:
    """The provisions of ``ids`` and every provision above them, once each:
    one recursive statement, whatever the depth."""
    if not ids:
        return []
    if connection.vendor not in _ANCESTORS_SQL:
        quote = connection.ops.quote_name
        columns = ", ".join(quote(f.column) for f in ANCESTORS.fields)
        aliased = ANCESTORS.columns(connection, "a")
        table = quote(ANCESTORS.table)
        pk = quote(ANCESTORS.pk)
        parent = quote(Provision._meta.get_field("parent").column)
        _ANCESTORS_SQL[connection.vendor] = (
            f"WITH RECURSIVE up({columns}) AS ("
            f"SELECT {aliased} FROM {table} a WHERE {in_ids('a.' + pk, connection.vendor)} "
            f"UNION SELECT {aliased} FROM {table} a JOIN up ON a.{pk} = up.{parent}"
            f") SELECT {columns} FROM up"
        )
    with connection.cursor() as cursor:
        cursor.execute(_ANCESTORS_SQL[connection.vendor], [ids_param(ids, connection.vendor)])
        return ANCESTORS.instances(connection, cursor.fetchall())


def documents(connection, ids, reader=DOCUMENTS) -> dict[int, Document]:
    """The documents of ``ids`` ({id: document}) with the columns of
    ``reader``: all but the texts, or with ``NAMES`` what names them."""
    if not ids:
        return {}
    return {d.pk: d for d in reader.read(connection, ids)}
