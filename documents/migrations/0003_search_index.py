"""The search index: an FTS5 table on SQLite, a tsvector table + GIN on PostgreSQL.

Raw DDL because neither is a Django model, frozen here as it was when this
migration was written (``{table}`` is ``documents_search_index``; the
benchmark and tests build scratch indexes under other names from these same
statements, through ``documents.search.schema``).  The index starts empty:
``manage.py rebuild_search_index`` (or the next ingest) fills it.
"""

from django.db import migrations

TABLE = "documents_search_index"

CREATE = {
    "sqlite": [
        "CREATE VIRTUAL TABLE IF NOT EXISTS {table} USING fts5("
        "words, plain UNINDEXED, tokenize = 'unicode61 remove_diacritics 0')",
    ],
    "postgresql": [
        "CREATE TABLE IF NOT EXISTS {table} ("
        "provision_id bigint PRIMARY KEY, words tsvector NOT NULL, plain text NOT NULL)",
        "CREATE INDEX IF NOT EXISTS {table}_words ON {table} USING gin (words)",
    ],
}
DROP = {vendor: ["DROP TABLE IF EXISTS {table}"] for vendor in CREATE}


def run(statements):
    """A RunPython function running this vendor's statements, if any."""

    def operation(apps, schema_editor):
        connection = schema_editor.connection
        with connection.cursor() as cursor:
            for sql in statements.get(connection.vendor, ()):
                cursor.execute(sql.format(table=TABLE))

    return operation


class Migration(migrations.Migration):

    dependencies = [("documents", "0002_historicalcuration_historicalprovision")]

    operations = [migrations.RunPython(run(CREATE), run(DROP))]
