"""Two ``manage.py ingest`` processes at once, on the database the suite
runs on (a scratch SQLite file, or a scratch PostgreSQL database beside the
test database): both succeed, and everything both loaded is there.

On SQLite a deferred transaction that reads first and writes later fails
at once with "database is locked" when another holds the write lock (the
busy timeout does not apply to that upgrade); settings open every
transaction IMMEDIATE, so the second ingest waits its turn instead.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ROOT / "fixtures" / "sources"
GENRE = ROOT / "tests" / "data" / "genre"


@pytest.fixture
def scratch_database_url(tmp_path):
    """A migrated, empty database of the suite's vendor."""
    if connection.vendor == "sqlite":
        url = f"sqlite:///{tmp_path / 'concurrent.sqlite3'}"
        drop = None
    else:
        db = settings.DATABASES["default"]
        name = f"{db['NAME']}_concurrent"[:63]
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


def manage(*args, url, wait=True):
    env = {**os.environ, "DATABASE_URL": url}
    command = [sys.executable, str(ROOT / "manage.py"), *args]
    kwargs = {"cwd": ROOT, "env": env, "capture_output": True, "text": True}
    if wait:
        return subprocess.run(command, **kwargs, timeout=600)
    kwargs.pop("capture_output")
    return subprocess.Popen(
        command, **kwargs, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )


def test_two_ingests_at_once_both_succeed(scratch_database_url):
    first = [str(SOURCES / name) for name in ("001_cfe322f93ce14a7f.txt",
                                              "002_15082945984c2784.txt",
                                              "003_f999817a0b652a22.txt")]
    second = [str(p) for p in sorted(GENRE.glob("*.txt")) if "gb18030" not in p.name]
    processes = [
        manage("ingest", *paths, url=scratch_database_url, wait=False)
        for paths in (first, second)
    ]
    outcomes = [(p.wait(timeout=600), *p.communicate()) for p in processes]
    for code, out, err in outcomes:
        assert code == 0, f"{out}\n{err}"
        assert "locked" not in out + err
    # Both runs' documents are there, each once.
    count = manage(
        "shell", "--no-imports", "-c",
        "from documents.models import Document; print(Document.objects.count())",
        url=scratch_database_url,
    )
    assert count.stdout.split()[-1] == str(len(first) + len(second)), count.stderr
