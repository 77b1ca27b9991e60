"""The comparison behind ``bench/ingest.py --bulk`` (tests/bulk.py): uploads
run by two workers at once against the same files ingested one by one, the
two knowledge bases compared by natural keys.  Here on a handful of files;
the benchmark runs it on 200."""

import copy
from pathlib import Path

from django.db import connection

from tests import bulk

ROOT = Path(__file__).resolve().parents[2]
GENRE = ROOT / "tests" / "data" / "genre"
SHORT = [GENRE / "reply_songjiang_cppcc86.txt", GENRE / "subsidy_songjiang_beihu.txt"]


def server_of_the_suite():
    """The suite's PostgreSQL server as a URL without a database; None on SQLite."""
    if connection.vendor == "sqlite":
        return None
    db = connection.settings_dict
    auth = db["USER"] + (f":{db['PASSWORD']}" if db.get("PASSWORD") else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"


def test_every_file_its_own_bytes_and_name(tmp_path):
    files = bulk.make_files(tmp_path, 12, texts=SHORT, kinds=("txt", "pdf", "ofd", "docx", "html"))
    assert len(files) == 12
    assert len({f.name for f in files}) == 12
    assert len({f.read_bytes() for f in files}) == 12
    kinds = {bulk.kind_of_name(f) for f in files}
    assert kinds == {"txt", "pdf", "ofd", "docx", "html"}


def test_a_handful_queued_for_two_workers_equals_one_by_one(tmp_path):
    files = bulk.make_files(tmp_path, 5, texts=SHORT, kinds=("txt", "pdf", "ofd", "docx", "html"))
    result = bulk.bulk_versus_one_by_one(
        files, server=server_of_the_suite(), keep=tmp_path, query_sets=bulk.QUERY_SETS[:1]
    )
    assert result.queued["jobs"]["counts"] == {"done created": 5}
    assert result.one_by_one["exit"] == 0
    assert result.counts["documents.Document"] == 5
    assert result.counts["documents.Provision"] > 5 * 15
    assert result.counts["measures.Subsidy"] and result.counts["targets.Figure"]
    # Rankings may differ only where the order of rows decides: on PostgreSQL
    # two workers saving two documents at once interleave their provision ids,
    # and equal scores go by id (tests/bulk.py, ``explained``).
    assert result.unexplained == []
    # The comparison sees a change in any of them.
    snapshot = bulk.json.loads((tmp_path / "bulk.json").read_text(encoding="utf-8"))
    changed = copy.deepcopy(snapshot)
    provision = next(iter(changed["tables"]["documents.Provision"].values()))
    provision["text"] += "。"
    subsidy = next(iter(changed["tables"]["measures.Subsidy"]))
    del changed["tables"]["measures.Subsidy"][subsidy]
    query = next(q for q, r in changed["search"].items() if len(r["hits"]) > 1)
    hits = changed["search"][query]["hits"]
    hits[0], hits[1] = hits[1], hits[0]
    lines = bulk.compare(snapshot, changed, names=("a", "b"))
    assert len(lines) == 3
    assert any(line.startswith("documents.Provision ") and ": text: a " in line for line in lines)
    assert any(line.startswith(f"measures.Subsidy: only in a: {bulk._short(subsidy)}") for line in lines)
    assert any(line.startswith(f"search {query!r} at rank 1: a ") for line in lines)


def test_differences_are_cut_at_the_limit():
    a = {"tables": {"t": {str(k): {"v": k} for k in range(30)}}, "index": {}, "search": {}}
    b = {"tables": {"t": {}}, "index": {}, "search": {}}
    lines = bulk.compare(a, b, limit=5)
    assert len(lines) == 5
    assert lines[-1] == "… and 26 more differences"


def test_a_search_difference_says_when_it_is_the_order_of_rows():
    """Equal scores go by id, and ids of two documents saved at the same
    time interleave; a PostgreSQL gram query is cut in storage order."""
    hits = [["a/p1", 1.0, "full"], ["b/p1", 1.0, "full"]]

    def snapshot(ranked, **extra):
        return {
            "tables": {}, "index": {},
            "search": {"q": {"hits": ranked, "full": 2, "bounded": False, **extra}},
            "interleaved": [["a", "b"]],
        }

    flipped = [hits[1], hits[0]]
    (line,) = bulk.compare(snapshot(hits), snapshot(flipped))
    assert line.endswith(bulk.INTERLEAVED) and bulk.explained(line)
    mine, theirs = [["c/p1", 1.0, "full"], ["d/p1", 1.0, "full"]], [["c/p1", 1.0, "full"], ["e/p1", 1.0, "full"]]
    (line,) = bulk.compare(snapshot(mine), snapshot(theirs))
    assert line.startswith("search 'q' at rank 2: ") and not bulk.explained(line)
    (line,) = bulk.compare(snapshot(mine, storage_order=True), snapshot(theirs, storage_order=True))
    assert line.endswith(bulk.STORAGE_ORDER)
