"""The search index: an FTS5 table on SQLite, a tsvector table + GIN on PostgreSQL.

Raw DDL because neither is a Django model; the DDL lives with the backends
(documents/search/backends.py) so the benchmark builds the very same tables.
The index starts empty: ``manage.py rebuild_search_index`` (or the next
ingest) fills it.
"""

from django.db import migrations


def create_index(apps, schema_editor):
    from documents.search.backends import BACKENDS

    backend = BACKENDS.get(schema_editor.connection.vendor)
    if backend is not None:
        backend(schema_editor.connection).create()


def drop_index(apps, schema_editor):
    from documents.search.backends import BACKENDS

    backend = BACKENDS.get(schema_editor.connection.vendor)
    if backend is not None:
        backend(schema_editor.connection).drop()


class Migration(migrations.Migration):

    dependencies = [("documents", "0002_historicalcuration_historicalprovision")]

    operations = [migrations.RunPython(create_index, drop_index)]
