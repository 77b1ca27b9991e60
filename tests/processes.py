"""``manage.py`` in processes of their own, on a scratch database of the
suite's vendor: what two processes do at once (two ingests, a worker killed
mid-job) cannot happen inside the test's own transaction.

The scratch database is a SQLite file, or a PostgreSQL database beside the
test database (dropped afterwards).  ``query`` reads it directly, without
starting Django, so that a test can watch a worker while it runs.
"""

import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlparse

import pytest
from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def scratch_database_url(tmp_path):
    """A migrated, empty database of the suite's vendor."""
    if connection.vendor == "sqlite":
        url = f"sqlite:///{tmp_path / 'scratch.sqlite3'}"
        drop = None
    else:
        db = settings.DATABASES["default"]
        name = f"{db['NAME']}_scratch"[:63]
        auth = db["USER"] + (f":{db['PASSWORD']}" if db.get("PASSWORD") else "")
        url = f"postgres://{auth}@{db['HOST']}:{db['PORT'] or 5432}/{name}"
        server(db, f'DROP DATABASE IF EXISTS "{name}"', f'CREATE DATABASE "{name}"')

        def drop():
            server(db, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    manage("migrate", "--noinput", url=url).check_returncode()
    yield url
    if drop:
        drop()


def server(db, *statements):
    """Statements outside any transaction, on the server's maintenance
    database (CREATE DATABASE cannot run in one)."""
    import psycopg2

    raw = psycopg2.connect(
        dbname="postgres", user=db["USER"], password=db.get("PASSWORD") or None,
        host=db["HOST"], port=db["PORT"] or 5432,
    )
    raw.autocommit = True
    try:
        with raw.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)
    finally:
        raw.close()


def manage(*args, url, wait=True, env=None, new_session=False):
    """``manage.py`` on the database at ``url``; ``env`` adds variables.
    Without ``wait``, the running process; with ``new_session`` it leads a
    process group of its own, which a test can kill whole."""
    env = {**os.environ, "DATABASE_URL": url, **(env or {})}
    command = [sys.executable, str(ROOT / "manage.py"), *args]
    kwargs = {"cwd": ROOT, "env": env, "capture_output": True, "text": True}
    if wait:
        return subprocess.run(command, **kwargs, timeout=600)
    kwargs.pop("capture_output")
    return subprocess.Popen(
        command, **kwargs, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        start_new_session=new_session,
    )


def query(url, sql, params=()):
    """The rows of one SELECT on the scratch database (``%s`` placeholders)."""
    parts = urlparse(url)
    if parts.scheme == "sqlite":
        raw = sqlite3.connect(parts.path, timeout=20)
        sql = sql.replace("%s", "?")
    else:
        import psycopg2

        raw = psycopg2.connect(
            dbname=parts.path.lstrip("/"), user=parts.username, password=parts.password,
            host=parts.hostname, port=parts.port or 5432,
        )
    try:
        cursor = raw.cursor()
        cursor.execute(sql, params)
        return cursor.fetchall()
    finally:
        raw.close()
