"""The knowledge base's data version: a number that changes on every write.

Every table of the apps in ``KNOWLEDGE_BASE_APPS`` gets database triggers
that bump the one row of ``policybase_dataversion`` on INSERT, UPDATE and
DELETE (and TRUNCATE on PostgreSQL).  Triggers rather than Django signals:
the ingest pipeline writes with ``bulk_create`` and ``QuerySet.delete()``,
release loading with ``bulk_create``, none of which send signals, and the
writers run in other processes (``manage.py ingest``, the admin's workers).
The bump is part of the writing transaction, so a reader sees the new
number exactly when it sees the new rows, and a rolled-back write bumps
nothing.

If the row is gone (``manage.py flush`` empties every table), the next
write recreates it from a random number rather than 1, so that a number
handed out before the flush is not handed out again to different data.

The row is ``policybase.models.DataVersion``, made by policybase's
migrations; the project's app config installs the triggers after every
migrate.  Apps and the table are named here as strings, never imported, so
the toolkit stays a leaf.
"""

from django.apps import apps as global_apps
from django.db import DEFAULT_DB_ALIAS, connections

KNOWLEDGE_BASE_APPS = ("documents", "measures", "targets")
TABLE = "policybase_dataversion"
PREFIX = "policybase_dv"

# 10**12 leaves room for a million million bumps within a BIGINT.
SQLITE_BUMP = f"""
    INSERT OR IGNORE INTO {TABLE} (id, number)
        VALUES (1, abs(random()) % 1000000000000);
    UPDATE {TABLE} SET number = number + 1 WHERE id = 1;
"""
POSTGRES_FUNCTION = f"""
CREATE OR REPLACE FUNCTION {PREFIX}_bump() RETURNS trigger AS $$
BEGIN
    INSERT INTO {TABLE} (id, number)
        VALUES (1, floor(random() * 1000000000000)::bigint)
        ON CONFLICT (id) DO NOTHING;
    UPDATE {TABLE} SET number = number + 1 WHERE id = 1;
    RETURN NULL;
END
$$ LANGUAGE plpgsql
"""


def knowledge_base_tables():
    """Tables of the knowledge base's models, many-to-many tables included."""
    tables = set()
    for label in KNOWLEDGE_BASE_APPS:
        config = global_apps.get_app_config(label)
        for model in config.get_models(include_auto_created=True):
            if model._meta.managed and not model._meta.proxy:
                tables.add(model._meta.db_table)
    return sorted(tables)


def install_triggers(connection, tables):
    """Create (or replace) the bumping triggers on ``tables``."""
    existing = set(connection.introspection.table_names())
    if TABLE not in existing:
        return
    tables = [t for t in tables if t in existing]
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(POSTGRES_FUNCTION)
            for table in tables:
                # Per statement: one bump for a bulk insert of a thousand rows.
                cursor.execute(
                    f"CREATE OR REPLACE TRIGGER {PREFIX}_bump "
                    f"AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {quote(table)} "
                    f"FOR EACH STATEMENT EXECUTE FUNCTION {PREFIX}_bump()"
                )
        elif connection.vendor == "sqlite":
            # SQLite has row triggers only, one event each.
            for table in tables:
                for event in ("INSERT", "UPDATE", "DELETE"):
                    cursor.execute(
                        f"CREATE TRIGGER IF NOT EXISTS "
                        f"{quote(f'{PREFIX}_{table}_{event.lower()}')} "
                        f"AFTER {event} ON {quote(table)} BEGIN {SQLITE_BUMP} END"
                    )
        else:
            raise NotImplementedError(
                f"data version triggers for {connection.vendor} / 不支持的数据库"
            )


def install_after_migrate(sender, using=DEFAULT_DB_ALIAS, **kwargs):
    """post_migrate receiver: triggers on every knowledge base table there is
    (the current models, not the migration state: tables that do not exist
    yet are skipped and get theirs after the migrate that creates them)."""
    install_triggers(connections[using], knowledge_base_tables())


def current(using=DEFAULT_DB_ALIAS):
    """The data version now, or None before the first write after a flush."""
    with connections[using].cursor() as cursor:
        cursor.execute(f"SELECT number FROM {TABLE} WHERE id = 1")
        row = cursor.fetchone()
    return row[0] if row else None
