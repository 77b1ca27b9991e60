"""The gram index beside the word index (documents/search/grams.py).

Creates the gram table (FTS5 on SQLite, tsvector + GIN on PostgreSQL) and
gives every provision already indexed its grams, so an existing database
answers single characters and unknown words from the index at once.
"""

from django.db import migrations


def create_grams(apps, schema_editor):
    from documents.search.backends import BACKENDS

    backend = BACKENDS.get(schema_editor.connection.vendor)
    if backend is not None:
        backend = backend(schema_editor.connection)
        backend.create()
        backend.backfill_grams()


def drop_grams(apps, schema_editor):
    from documents.search.backends import BACKENDS

    backend = BACKENDS.get(schema_editor.connection.vendor)
    if backend is not None:
        backend = backend(schema_editor.connection)
        with schema_editor.connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE IF EXISTS {backend.grams}")


class Migration(migrations.Migration):

    dependencies = [("documents", "0004_curation_add")]

    operations = [migrations.RunPython(create_grams, drop_grams)]
