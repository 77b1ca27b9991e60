"""The knowledge base's data version: a number that changes after every
committed write.

The API's response cache keys on it (``caching.py``).  Every database
connection Django opens gets an execute wrapper (``watch``) that notices a
statement writing to a table of the apps in ``KNOWLEDGE_BASE_APPS``
(INSERT, UPDATE, DELETE, TRUNCATE: ``save()``, ``bulk_create``,
``QuerySet.update()`` and ``.delete()``, fixtures and raw SQL through a
Django cursor alike, which is why this is not done with signals).  It then
registers one bump with ``transaction.on_commit``: once per transaction,
however many statements it runs, and run after the commit, outside it.

Why after the commit, and not a trigger inside the writing transaction:

- A bump inside the transaction locks the version row until the commit.
  An ingest holds a transaction for as long as a document takes, so every
  other writer (a curator's correction) would wait for all of it.
- Each bump inside one transaction leaves a dead row version that
  PostgreSQL cannot prune while the transaction runs; a bump per statement
  made a large ingest or restore quadratic.
- A number changed before the commit can be read before the new rows are
  visible: a reader would cache the old rows under the new number.  Bumped
  after the commit, a reader that starts once the writer's transaction
  has returned sees the new number; a reader that read the old number
  meanwhile caches under the old number, which no later request asks for.

A connection inside a transaction that has written (a bump pending) reads
no version at all (``current`` gives None), so what it sees of its own
uncommitted writes is neither served from nor stored in the cache.

If the row is gone (``manage.py flush`` empties every table), the next
bump recreates it from a random number rather than 1, so that a number
handed out before the flush is not handed out again to different data.
The row is ``policybase.models.DataVersion``; apps and the table are named
here as strings, never imported, so the toolkit stays a leaf.
"""

import re
from functools import cache

from django.apps import apps as global_apps
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections

KNOWLEDGE_BASE_APPS = ("documents", "measures", "targets")
TABLE = "policybase_dataversion"

# The first table a writing statement names, as Django's compilers and
# ``flush`` spell it on SQLite and PostgreSQL.
WRITE = re.compile(
    r'\s*(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE|DELETE\s+FROM|TRUNCATE(?:\s+TABLE)?)'
    r'\s+"?(\w+)"?',
    re.IGNORECASE,
)

# One statement: the row made again after a flush (from a random number,
# 10**12 leaving room for a million million bumps within a BIGINT), else
# its number plus one.  Upsert syntax both vendors share (SQLite ≥ 3.24).
BUMP = {
    "sqlite": (
        f"INSERT INTO {TABLE} (id, number) VALUES (1, abs(random()) % 1000000000000) "
        f"ON CONFLICT (id) DO UPDATE SET number = {TABLE}.number + 1"
    ),
    "postgresql": (
        f"INSERT INTO {TABLE} (id, number) "
        f"VALUES (1, floor(random() * 1000000000000)::bigint) "
        f"ON CONFLICT (id) DO UPDATE SET number = {TABLE}.number + 1"
    ),
}


@cache
def knowledge_base_tables():
    """Tables of the knowledge base's models, many-to-many tables included."""
    tables = set()
    for label in KNOWLEDGE_BASE_APPS:
        config = global_apps.get_app_config(label)
        for model in config.get_models(include_auto_created=True):
            if model._meta.managed and not model._meta.proxy:
                tables.add(model._meta.db_table)
    return frozenset(tables)


def writes_knowledge_base(sql):
    match = WRITE.match(sql) if isinstance(sql, str) else None
    return match is not None and match[1] in knowledge_base_tables()


class Bump:
    """The on-commit callback of one connection: bump the number once."""

    def __init__(self, connection):
        self.connection = connection
        # Tests run callbacks without committing (Django's
        # captureOnCommitCallbacks), which leaves them in the list.
        self.done = False

    def __call__(self):
        bump(self.connection)
        self.done = True


def bump(connection):
    try:
        with connection.cursor() as cursor:
            cursor.execute(BUMP[connection.vendor])
    except DatabaseError:
        # A data migration that runs before policybase's first one writes
        # knowledge base rows before the table exists: nothing to version
        # yet (the migration that makes the row starts it at random).
        if TABLE in connection.introspection.table_names():
            raise


def pending(connection):
    """True when the connection's open transaction has written and not
    committed yet (its bump is waiting for the commit)."""
    return connection.in_atomic_block and any(
        isinstance(func, Bump) and not func.done
        for _, func, _ in connection.run_on_commit
    )


class Watch:
    """The execute wrapper: after a statement that wrote to the knowledge
    base, make sure a bump follows the commit."""

    def __init__(self, connection):
        self.connection = connection

    def __call__(self, execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        if writes_knowledge_base(sql):
            connection = self.connection
            if not connection.in_atomic_block:
                # Autocommit: the statement is committed already.
                bump(connection)
            elif not pending(connection):
                connection.on_commit(Bump(connection))
        return result


def watch(sender, connection, **kwargs):
    """``connection_created`` receiver: wrap the connection once."""
    if not any(isinstance(w, Watch) for w in connection.execute_wrappers):
        connection.execute_wrappers.append(Watch(connection))


def current(using=DEFAULT_DB_ALIAS):
    """The data version now; None before the first write after a flush,
    and inside a transaction that has written (see the module's docstring)."""
    connection = connections[using]
    if pending(connection):
        return None
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT number FROM {TABLE} WHERE id = 1")
        row = cursor.fetchone()
    return row[0] if row else None
