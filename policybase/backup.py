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

``restore`` loads the knowledge base's rows in batches of multi-row
INSERTs (``bulk_create``'s, raw as ``loaddata``'s saves are, so that
``auto_now`` keeps the file's timestamps), in one transaction: no per-row save, so no signals (the history
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
from itertools import islice

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
        rows = model._base_manager.select_related(*natural_key_relations(model))
        yield from rows.order_by(model._meta.pk.name).iterator(chunk_size=BATCH)


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
        for line in (second, *stream):
            line = line.rstrip().rstrip(",")
            if line and line != "]":
                yield json.loads(line)


class Restorer:
    """Turns serialised objects into rows, batch by batch."""

    def __init__(self, using=DEFAULT_DB_ALIAS):
        self.using = using
        self.natural: dict[tuple, object] = {}  # (model, natural key) -> pk
        self.plans: dict[type, dict] = {}
        self.loaded: dict[type, int] = {}

    def plan(self, model):
        """name -> (field, kind) for the fields of ``model`` a file names."""
        if model not in self.plans:
            plan = {}
            for field in model._meta.get_fields():
                if field.many_to_many and not field.auto_created:
                    plan[field.name] = (field, "m2m")
                elif getattr(field, "concrete", False):
                    plan[field.name] = (field, "fk" if field.is_relation else "value")
            self.plans[model] = plan
        return self.plans[model]

    def pk_of(self, related, value):
        if not isinstance(value, list):
            return related._meta.pk.to_python(value)
        key = (related, tuple(value))
        if key not in self.natural:
            manager = related._default_manager.db_manager(self.using)
            self.natural[key] = manager.get_by_natural_key(*value).pk
        return self.natural[key]

    def build(self, model, data):
        """One unsaved instance and its many-to-many links."""
        values = {model._meta.pk.attname: model._meta.pk.to_python(data["pk"])}
        links = {}
        plan = self.plan(model)
        for name, value in data["fields"].items():
            field, kind = plan[name]
            if kind == "value":
                values[field.attname] = field.to_python(value)
            elif kind == "fk":
                related = field.remote_field.model
                values[field.attname] = None if value is None else self.pk_of(related, value)
            else:
                related = field.remote_field.model
                links[field] = [self.pk_of(related, v) for v in value]
        return model(**values), links

    def load(self, model, batch):
        built = [self.build(model, data) for data in batch]
        self.insert(model, [instance for instance, _ in built])
        by_field: dict = {}
        for instance, links in built:
            for field, targets in links.items():
                through = field.remote_field.through
                source = field.m2m_field_name() + "_id"
                target = field.m2m_reverse_field_name() + "_id"
                by_field.setdefault(field, []).extend(
                    through(**{source: instance.pk, target: pk}) for pk in targets
                )
        for field, rows in by_field.items():
            self.insert(field.remote_field.through, rows)
        self.loaded[model] = self.loaded.get(model, 0) + len(batch)

    def insert(self, model, instances):
        """``bulk_create`` as a raw insert (as ``loaddata`` saves): every
        value as it is in the file, ``auto_now`` timestamps included."""
        fields = model._meta.concrete_fields
        ops = connections[self.using].ops
        size = max(1, min(BATCH, ops.bulk_batch_size(fields, instances)))
        rows = model._base_manager.using(self.using)
        for i in range(0, len(instances), size):
            rows._insert(instances[i : i + size], fields=fields, raw=True, using=self.using)

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
        connection = connections[self.using]
        statements = connection.ops.sequence_reset_sql(no_style(), list(self.loaded))
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)
        return sum(self.loaded.values())


def restore(path, using=DEFAULT_DB_ALIAS) -> int:
    """Load a backup in one transaction; returns the number of objects."""
    with transaction.atomic(using=using):
        return Restorer(using).restore(read_backup(path))
