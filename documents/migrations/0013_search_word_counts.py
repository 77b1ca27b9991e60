"""Every word's document frequency in the search index (the counts table).

The planner takes a word missing from the term table for one in fewer than
FREQUENT_DF provisions; the term table was written by a rebuild only, so in
a knowledge base filled by ingests it knew no frequent word, and the
matches of a common word were read unscored up to a limit, in whatever
order the index gave them (on PostgreSQL, where the rows lie on disk).
Every write to the index now keeps this table, and a word reaching
FREQUENT_DF gets its impact list then (documents/search/backends/terms.py).

Filled here from the words each provision was indexed under; words already
frequent get their impact lists as ingests add to them, or all at once from
``manage.py rebuild_search_index``.
"""

from django.db import migrations

TABLE = "documents_search_index"

STATEMENTS = [
    "CREATE TABLE IF NOT EXISTS {table}_df (term text PRIMARY KEY, n integer NOT NULL)",
]
CREATE = {"sqlite": STATEMENTS, "postgresql": STATEMENTS}
DROP = {vendor: ["DROP TABLE IF EXISTS {table}_df"] for vendor in CREATE}


def run(statements):
    """A RunPython function running this vendor's statements, if any."""

    def operation(apps, schema_editor):
        connection = schema_editor.connection
        with connection.cursor() as cursor:
            for sql in statements.get(connection.vendor, ()):
                cursor.execute(sql.format(table=TABLE))

    return operation


def count_words(apps, schema_editor):
    if apps is None:  # the search migrations run on a scratch index: nothing to count
        return
    connection = schema_editor.connection
    if connection.vendor not in CREATE:
        return
    Provision = apps.get_model("documents", "Provision")
    counts = {}
    for words in Provision.objects.values_list("search_text", flat=True).iterator(2000):
        for word in set(words.split()):
            counts[word] = counts.get(word, 0) + 1
    rows = sorted(counts.items())
    with connection.cursor() as cursor:
        for i in range(0, len(rows), 500):
            chunk = rows[i : i + 500]
            cursor.execute(
                f"INSERT INTO {TABLE}_df (term, n) VALUES " + ", ".join(["(%s, %s)"] * len(chunk)),
                [v for row in chunk for v in row],
            )


class Migration(migrations.Migration):

    dependencies = [("documents", "0012_validity_inferred")]

    operations = [
        migrations.RunPython(run(CREATE), run(DROP)),
        migrations.RunPython(count_words, migrations.RunPython.noop),
    ]
