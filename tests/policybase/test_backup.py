"""``backup_kb`` and ``restore_kb`` (policybase/backup.py) beyond the
round trip of tests/admin/test_curation_data.py: search answers right
after a restore, API tokens come back, and a backup written as an indented
JSON array (``dumpdata``'s shape, and this command's before) still loads."""

import json
from io import StringIO

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection
from rest_framework.authtoken.models import Token

from documents.models import Document
from documents.search import index
from policybase.backup import read_backup
from targets.models import Target

pytestmark = pytest.mark.usefixtures("corpus")


@pytest.fixture(autouse=True)
def forget_content_types():
    """A flush makes content types again with new ids, and the rollback
    brings the old ones back: the process-wide cache must not keep the
    new ids for the tests that follow."""
    yield
    ContentType.objects.clear_cache()


def flush():
    if connection.vendor == "postgresql":
        # Inside the test's transaction PostgreSQL refuses to TRUNCATE tables
        # with deferred foreign-key checks pending: run them now.
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    call_command("flush", interactive=False, verbosity=0)


def search(client, q):
    response = client.get("/api/v1/search/", {"q": q})
    assert response.status_code == 200, response.content
    return response.json()["count"]


def test_search_answers_and_tokens_work_right_after_a_restore(
    client, tmp_path, curator, django_capture_on_commit_callbacks
):
    token = Token.objects.create(user=curator)
    hits = search(client, "科技成果转化")
    assert hits > 0
    path = tmp_path / "kb.json"
    call_command("backup_kb", str(path), stdout=StringIO())
    assert any(row["model"] == "authtoken.token" for row in read_backup(path))

    flush()
    index.rebuild()  # a fresh database's index: empty (flush leaves it be)
    assert search(client, "科技成果转化") == 0
    out = StringIO()
    call_command("restore_kb", str(path), stdout=out)
    assert "search index rebuilt" in out.getvalue()
    assert search(client, "科技成果转化") == hits

    target = Target.objects.visible().order_by("pk").first()
    response = client.post(
        f"/api/v1/targets/{target.pk}/curate/",
        {"action": "confirm", "reason": "after restore"},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Token {token.key}",
    )
    assert response.status_code == 200, response.content


def test_an_indented_backup_still_restores(tmp_path):
    path = tmp_path / "kb.json"
    call_command("backup_kb", str(path), stdout=StringIO())
    objects = list(read_backup(path))
    indented = tmp_path / "indented.json"
    indented.write_text(json.dumps(objects, indent=1, ensure_ascii=False), encoding="utf-8")
    assert list(read_backup(indented)) == objects
    documents = Document.objects.count()
    flush()
    call_command("restore_kb", str(indented), stdout=StringIO())
    assert Document.objects.count() == documents


@pytest.mark.django_db
def test_a_backup_reads_each_table_without_its_related_rows():
    """No fact's row is read joined to its provision and document: a 1 MB
    provision made a backup of 3,500 objects take 30 s and 8 GB."""
    from django.test.utils import CaptureQueriesContext

    from policybase.backup import kb_objects

    with CaptureQueriesContext(connection) as queries:
        for _ in kb_objects():
            pass
    facts = [q["sql"] for q in queries if 'FROM "measures_subsidy"' in q["sql"]
             or 'FROM "targets_target"' in q["sql"]]
    assert facts
    assert not any("JOIN" in sql for sql in facts), facts[0]
