"""The impact lists and the term table of the search index.

The code that answers queries has needed these two tables since before
0003 was frozen, but 0003 then took its DDL from that code at run time, so a
database migrated while the schema was changing may lack them; hence
IF NOT EXISTS.  The impact table holds the best provisions of each frequent
word (documents/search/ranking.py); the term table holds each frequent
word's document frequency and a few bookkeeping rows (keyed by names no word
can have, such as " version").
"""

from django.db import migrations

TABLE = "documents_search_index"

STATEMENTS = [
    "CREATE TABLE IF NOT EXISTS {table}_impact (term text NOT NULL, "
    "score double precision NOT NULL, provision_id bigint NOT NULL, "
    "PRIMARY KEY (term, score, provision_id))",
    "CREATE INDEX IF NOT EXISTS {table}_impact_provision ON {table}_impact (provision_id)",
    "CREATE TABLE IF NOT EXISTS {table}_term (term text PRIMARY KEY, df double precision NOT NULL)",
]
CREATE = {"sqlite": STATEMENTS, "postgresql": STATEMENTS}
DROP = {
    vendor: ["DROP TABLE IF EXISTS {table}_term", "DROP TABLE IF EXISTS {table}_impact"]
    for vendor in CREATE
}


def run(statements):
    """A RunPython function running this vendor's statements, if any."""

    def operation(apps, schema_editor):
        connection = schema_editor.connection
        with connection.cursor() as cursor:
            for sql in statements.get(connection.vendor, ()):
                cursor.execute(sql.format(table=TABLE))

    return operation


class Migration(migrations.Migration):

    dependencies = [("documents", "0005_search_grams")]

    operations = [migrations.RunPython(run(CREATE), run(DROP))]
