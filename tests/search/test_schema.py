"""The search index's tables come from the migrations alone: they import no
application code, a fresh migrate gives a working index on either database,
and nothing creates or repairs tables at run time."""

import ast
import sqlite3
from importlib import import_module
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.db import connection

from documents.models import Provision
from documents.search import index, ranking, schema
from documents.search.backends import backend_for
from documents.search.backends.sqlite import SQLiteSearchBackend
from documents.search.backends.standalone import StandaloneConnection
from documents.search.engine import search
from documents.search.grams import index_grams
from documents.search.plan import plan_for
from documents.search.query import parse

MIGRATIONS = Path(__file__).resolve().parents[2] / "documents" / "migrations"
SEARCH_MIGRATIONS = (
    "0003_search_index", "0005_search_grams", "0006_search_schema", "0013_search_word_counts"
)


@pytest.mark.parametrize("name", SEARCH_MIGRATIONS)
def test_search_migrations_import_no_application_code(name):
    tree = ast.parse((MIGRATIONS / f"{name}.py").read_text(encoding="utf-8"))
    imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            imported.add(node.module or "")
    assert imported and all(
        module.split(".")[0] in {"django", "io", "re", "operator"} for module in imported
    ), imported


def test_a_fresh_migrate_gives_a_working_index(corpus, monkeypatch):
    """The test database is made by migrate: every table of the index is
    there, and the index rebuilt in it answers by each of its paths (word
    index, impact lists, grams)."""
    backend = backend_for(connection)
    assert set(backend.tables.all) <= set(connection.introspection.table_names())
    index.rebuild()
    kinds = []
    for raw in ("科技", "碳达峰"):
        assert search(raw, facets=False).ids, raw  # (and the term-table copy is current)
        kinds.append(backend.route(plan_for(parse(raw))).kind)
    monkeypatch.setattr(ranking, "FREQUENT_DF", 20)
    monkeypatch.setattr(ranking, "IMPACT_DEPTH", 15)
    index.rebuild()
    assert search("科技", facets=False).ids
    kinds.append(backend.route(plan_for(parse("科技"))).kind)
    assert kinds == ["index", "grams", "impacts"]


def _migrate(connection, names, direction):
    """Run the search migrations' operations on a connection outside Django."""
    editor = SimpleNamespace(connection=connection)
    for name in names:
        for operation in import_module(f"documents.migrations.{name}").Migration.operations:
            code = operation.code if direction == "forwards" else operation.reverse_code
            code(None, editor)


def test_the_search_migrations_alone_build_and_remove_an_index(corpus):
    """Forwards on an empty SQLite database, the search migrations give an
    index that loads and answers; backwards, they leave nothing behind."""
    raw = sqlite3.connect(":memory:")
    scratch = StandaloneConnection(raw, "sqlite")
    _migrate(scratch, SEARCH_MIGRATIONS, "forwards")
    backend = SQLiteSearchBackend(scratch)
    rows = [index.row_for(p) for p in Provision.objects.order_by("pk")]
    backend.rebuilder.bulk_load(lambda _pass: [rows])
    expected = {pk for pk, _w, plain in rows if "碳达峰" in plain}
    assert expected
    assert set(backend.candidates(plan_for(parse("碳达峰")), limit=10_000).ids) == expected
    assert backend.candidates(plan_for(parse("技术经纪人"))).ids
    _migrate(scratch, reversed(SEARCH_MIGRATIONS), "backwards")
    assert not raw.execute("SELECT name FROM sqlite_master WHERE name LIKE 'documents%'").fetchall()


def test_the_grams_migration_backfills_as_the_index_writes(corpus):
    """0005 keeps a frozen copy of the gram function for its backfill; on
    every provision it gives what the index writes today."""
    grams_of = import_module("documents.migrations.0005_search_grams").grams_of
    for _pk, _words, plain in (index.row_for(p) for p in Provision.objects.all()):
        assert grams_of(plain) == index_grams(plain)


def test_schema_reads_the_migrations_statements():
    assert schema.create_statements(connection.vendor, "probe") == [
        sql.format(table="probe")
        for name in SEARCH_MIGRATIONS
        for sql in import_module(f"documents.migrations.{name}").CREATE[connection.vendor]
    ]


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL")
def test_a_rebuild_recreates_the_gin_indexes_the_migrations_made(corpus):
    """The bulk load drops the GIN indexes and builds them again at the end
    (faster than maintaining them row by row): they come back the same."""

    def definitions():
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT indexname, indexdef FROM pg_indexes "
                "WHERE tablename LIKE 'documents_search_index%%' ORDER BY indexname"
            )
            return cursor.fetchall()

    migrated = definitions()
    assert any("gin (words)" in d for _n, d in migrated)
    assert any("gin (grams)" in d for _n, d in migrated)
    index.rebuild()
    assert definitions() == migrated
