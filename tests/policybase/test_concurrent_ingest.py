"""Two ``manage.py ingest`` processes at once, on the database the suite
runs on (a scratch SQLite file, or a scratch PostgreSQL database beside the
test database): both succeed, and everything both loaded is there.

On SQLite a deferred transaction that reads first and writes later fails
at once with "database is locked" when another holds the write lock (the
busy timeout does not apply to that upgrade); settings open every
transaction IMMEDIATE, so the second ingest waits its turn instead.
"""

from tests.processes import ROOT, manage

SOURCES = ROOT / "fixtures" / "sources"
GENRE = ROOT / "tests" / "data" / "genre"


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
    # Both runs' documents are there, each once (the Beihu notice and the
    # measures it issues are two).
    count = manage(
        "shell", "--no-imports", "-c",
        "from documents.models import Document; print(Document.objects.count())",
        url=scratch_database_url,
    )
    assert count.stdout.split()[-1] == str(len(first) + len(second) + 1), count.stderr
