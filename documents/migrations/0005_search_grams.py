"""The gram index beside the word index (documents/search/grams.py).

Creates the gram table (FTS5 on SQLite, tsvector + GIN on PostgreSQL) and
gives every provision already indexed its grams, so an existing database
answers single characters and unknown words from the index at once.  The DDL
and the grams are frozen here as they were when this migration was written:
the characters and adjacent pairs of the Han runs of each indexed plain text.
"""

import io
import re
from operator import add

from django.db import migrations

TABLE = "documents_search_index"

CREATE = {
    "sqlite": [
        # Contentless (the grams are recomputed from ``plain`` when a row
        # is deleted), no positions or sizes: only "which rows hold these".
        "CREATE VIRTUAL TABLE IF NOT EXISTS {table}_grams USING fts5("
        "grams, content = '', detail = none, columnsize = 0, "
        "tokenize = 'unicode61 remove_diacritics 0')",
    ],
    "postgresql": [
        # The grams are an unordered set: array_to_tsvector, no parsing.
        "CREATE TABLE IF NOT EXISTS {table}_grams ("
        "provision_id bigint PRIMARY KEY, grams tsvector NOT NULL)",
        "CREATE INDEX IF NOT EXISTS {table}_grams_grams ON {table}_grams USING gin (grams)",
    ],
}
DROP = {vendor: ["DROP TABLE IF EXISTS {table}_grams"] for vendor in CREATE}

HAN_RUN = re.compile(r"[\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]+")


def grams_of(plain):
    """Distinct characters and adjacent pairs of the Han runs, in order."""
    grams = {}
    for run in HAN_RUN.findall(plain):
        grams.update(dict.fromkeys(run))
        grams.update(dict.fromkeys(map(add, run, run[1:])))
    return list(grams)


def backfill_grams(connection, table=TABLE):
    """Give every indexed row its gram row; returns how many were written."""
    grams = f"{table}_grams"
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(f"SELECT id, c1 FROM {table}_content")
            rows = cursor.fetchall()
            cursor.execute(f"INSERT INTO {grams} ({grams}) VALUES ('delete-all')")
            cursor.executemany(
                f"INSERT INTO {grams} (rowid, grams) VALUES (%s, %s)",
                [(pk, " ".join(grams_of(plain))) for pk, plain in rows],
            )
            return len(rows)
        cursor.execute(
            f"SELECT s.provision_id, s.plain FROM {table} s WHERE NOT EXISTS "
            f"(SELECT 1 FROM {grams} g WHERE g.provision_id = s.provision_id)"
        )
        rows = cursor.fetchall()
        for i in range(0, len(rows), 500):
            # COPY's text format; tsvector's text form, quoted lexemes
            # without positions (Han characters only: nothing to escape).
            lines = (
                f"{pk}\t" + ("'" + "' '".join(found) + "'" if found else "") + "\n"
                for pk, plain in rows[i : i + 500]
                for found in [grams_of(plain)]
            )
            cursor.copy_expert(
                f"COPY {grams} (provision_id, grams) FROM STDIN", io.StringIO("".join(lines))
            )
        return len(rows)


def create_grams(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor not in CREATE:
        return
    with connection.cursor() as cursor:
        for sql in CREATE[connection.vendor]:
            cursor.execute(sql.format(table=TABLE))
    backfill_grams(connection)


def drop_grams(apps, schema_editor):
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        for sql in DROP.get(connection.vendor, ()):
            cursor.execute(sql.format(table=TABLE))


class Migration(migrations.Migration):

    dependencies = [("documents", "0004_curation_add")]

    operations = [migrations.RunPython(create_grams, drop_grams)]
