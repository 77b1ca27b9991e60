"""Backing up the whole knowledge base to one file, and restoring it.

The file is a JSON array in Django's serialisation format (``loaddata``
reads it too): documents, provisions, facts, curations, their edit
history, the reference tables, the users and groups that curations and
history name, and the users' API tokens.  Foreign keys to users, groups,
content types and permissions are natural keys, so those need not have
the same ids in the database it is restored into.  Two differences from
``dumpdata``: one object per line (``restore`` reads it a line at a time),
and timestamps keep their microseconds (Django's encoder cuts them to
milliseconds, so a restored database would differ from the one backed up).

``restore`` loads the knowledge base's rows in bulk, in one transaction:
multi-row INSERTs on PostgreSQL, one prepared INSERT run for many rows on
SQLite, each value as the file has it (``auto_now`` timestamps too, as
``loaddata``'s raw saves keep them).  No per-row save, so no signals (the history
rows come from the file; the search index is rebuilt afterwards, from the
restored provisions), and foreign keys are checked at the commit (Django
makes them deferrable on both databases), so the order of the rows within
the file does not matter.  Users, groups and tokens, a handful, go through
Django's deserialiser and ``save()`` as ``loaddata`` would.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterator
from itertools import chain, islice

from django.apps import apps
from django.core import serializers
from django.core.management.color import no_style
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DEFAULT_DB_ALIAS, connections, transaction

KB_LABELS = ["auth.group", "auth.user", "authtoken.token", "documents", "measures", "targets"]
# Restored with save(), as loaddata does: few rows, natural keys between them.
SAVED_ONE_BY_ONE = {"auth", "authtoken"}
BATCH = 2000


class ExactJSONEncoder(DjangoJSONEncoder):
    def default(self, o):
        if isinstance(o, datetime.datetime):
            text = o.isoformat()
            return text.removesuffix("+00:00") + "Z" if text.endswith("+00:00") else text
        if isinstance(o, datetime.time):
            return o.isoformat()
        return super().default(o)


def kb_models():
    models = []
    for label in KB_LABELS:
        if "." in label:
            models.append(apps.get_model(label))
        else:
            models.extend(apps.get_app_config(label).get_models())
    return serializers.sort_dependencies([(None, models)], allow_cycles=True)


def natural_key_relations(model):
    """Foreign keys serialised as natural keys: followed in the same query."""
    return [
        f.name
        for f in model._meta.concrete_fields
        if f.is_relation and hasattr(f.remote_field.model, "natural_key")
    ]


def kb_objects():
    for model in kb_models():
        rows = model._base_manager.all()
        # Never select_related() with no names: that follows every foreign
        # key, and each fact's row then carried its provision's and its
        # document's whole texts (a 1 MB provision: gigabytes).
        if relations := natural_key_relations(model):
            rows = rows.select_related(*relations)
        # The serialiser reads many-to-many links from the prefetch cache;
        # without it, a query per object.
        links = [f.name for f in model._meta.many_to_many
                 if f.remote_field.through._meta.auto_created]
        rows = rows.prefetch_related(*links).order_by(model._meta.pk.name)
        yield from rows.iterator(chunk_size=BATCH)


def write_backup(path) -> int:
    """Write the knowledge base to ``path``; return the number of objects."""
    to_python = serializers.get_serializer("python")()
    objects = kb_objects()
    count = 0
    with open(path, "w", encoding="utf-8") as stream:
        stream.write("[")
        while chunk := list(islice(objects, BATCH)):
            for data in to_python.serialize(chunk, use_natural_foreign_keys=True):
                line = json.dumps(data, cls=ExactJSONEncoder, ensure_ascii=False)
                stream.write(("\n" if count == 0 else ",\n") + line)
                count += 1
        stream.write("\n]\n")
    return count


def read_backup(path) -> Iterator[dict]:
    """The objects of a backup file, a line at a time when it has one
    object per line (``write_backup``); any other JSON array whole."""
    with open(path, encoding="utf-8") as stream:
        first = stream.readline()
        second = stream.readline()
        try:
            streamed = first.strip() == "[" and (
                second.strip() == "]" or json.loads(second.rstrip().rstrip(","))
            )
        except json.JSONDecodeError:
            streamed = False
        if not streamed:
            stream.seek(0)
            yield from json.load(stream)
            return
        for line in chain([second], stream):
            line = line.rstrip().rstrip(",")
            if line and line != "]":
                yield json.loads(line)


# Field types whose JSON value is already what both databases take.
AS_IS = {
    "AutoField", "BigAutoField", "SmallAutoField", "BigIntegerField", "BooleanField",
    "CharField", "IntegerField", "PositiveBigIntegerField", "PositiveIntegerField",
    "PositiveSmallIntegerField", "SlugField", "SmallIntegerField", "TextField",
}


class Restorer:
    """Turns serialised objects into rows and inserts them, batch by batch."""

    def __init__(self, using=DEFAULT_DB_ALIAS):
        self.using = using
        self.connection = connections[using]
        self.natural: dict[tuple, object] = {}  # (model, natural key) -> pk
        self.plans: dict[type, tuple] = {}
        self.loaded: dict[type, int] = {}

    def plan(self, model):
        """The model's columns, and how to read each from a serialised object."""
        if model not in self.plans:
            columns = [f for f in model._meta.concrete_fields if not f.primary_key]
            links = [f for f in model._meta.many_to_many
                     if f.remote_field.through._meta.auto_created]
            self.plans[model] = (model._meta.pk, columns, links)
        return self.plans[model]

    def pk_of(self, related, value):
        if not isinstance(value, list):
            return related._meta.pk.to_python(value)
        key = (related, tuple(value))
        if key not in self.natural:
            manager = related._default_manager.db_manager(self.using)
            self.natural[key] = manager.get_by_natural_key(*value).pk
        return self.natural[key]

    def value(self, field, fields):
        if field.name not in fields:
            value = field.get_default()
        else:
            value = fields[field.name]
            if field.is_relation:
                return None if value is None else self.pk_of(field.remote_field.model, value)
            if value is None or field.get_internal_type() in AS_IS:
                return value
            value = field.to_python(value)
        return field.get_db_prep_save(value, self.connection)

    def load(self, model, batch):
        pk, columns, links = self.plan(model)
        rows, pairs = [], {f: [] for f in links}
        for data in batch:
            key = self.pk_of(model, data["pk"])
            fields = data["fields"]
            rows.append((key, *(self.value(f, fields) for f in columns)))
            for field in links:
                related = field.remote_field.model
                pairs[field].extend((key, self.pk_of(related, v)) for v in fields.get(field.name, ()))
        self.insert(model._meta.db_table, [pk.column, *(f.column for f in columns)], rows)
        for field, links_of_batch in pairs.items():
            through = field.remote_field.through._meta
            self.insert(
                through.db_table,
                [through.get_field(field.m2m_field_name()).column,
                 through.get_field(field.m2m_reverse_field_name()).column],
                links_of_batch,
            )
        self.loaded[model] = self.loaded.get(model, 0) + len(batch)

    def insert(self, table, columns, rows):
        """Values as they are in the file (``auto_now`` timestamps too,
        as ``loaddata``'s raw saves keep them), many rows per statement."""
        if not rows:
            return
        quote = self.connection.ops.quote_name
        head = f"INSERT INTO {quote(table)} ({', '.join(map(quote, columns))}) VALUES "
        one = "(" + ", ".join(["%s"] * len(columns)) + ")"
        with self.connection.cursor() as cursor:
            if self.connection.vendor == "sqlite":
                # The driver's own loop over one prepared statement.
                cursor.executemany(head + one, rows)
                return
            size = max(1, min(1000, 65535 // len(columns)))
            for i in range(0, len(rows), size):
                page = rows[i : i + size]
                cursor.execute(
                    head + ", ".join([one] * len(page)),
                    [value for row in page for value in row],
                )

    def save_one_by_one(self, data):
        for obj in serializers.deserialize(
            "python", [data], using=self.using, handle_forward_references=True
        ):
            obj.save(using=self.using)
        self.loaded[type(obj.object)] = self.loaded.get(type(obj.object), 0) + 1

    def restore(self, objects: Iterator[dict]) -> int:
        """Load every object, then set the id sequences past the restored
        ids (PostgreSQL); returns the number of objects."""
        model, batch = None, []
        for data in objects:
            this = apps.get_model(data["model"])
            if this._meta.app_label in SAVED_ONE_BY_ONE:
                self.save_one_by_one(data)
                continue
            if this is not model or len(batch) >= BATCH:
                if batch:
                    self.load(model, batch)
                model, batch = this, []
            batch.append(data)
        if batch:
            self.load(model, batch)
        statements = self.connection.ops.sequence_reset_sql(no_style(), list(self.loaded))
        with self.connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)
        return sum(self.loaded.values())


def restore(path, using=DEFAULT_DB_ALIAS) -> int:
    """Load a backup in one transaction; returns the number of objects."""
    with transaction.atomic(using=using):
        return Restorer(using).restore(read_backup(path))
