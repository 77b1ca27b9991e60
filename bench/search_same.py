"""Are the search API's and the search page's responses the same as another
version of the code gave?  Status, headers and body, byte for byte, on
many URLs.

    .venv/bin/python bench/search_same.py --before-root DIR [--postgres | --database-url URL]
    .venv/bin/python bench/search_same.py --database-url URL --save FILE
    .venv/bin/python bench/search_same.py --database-url URL --compare FILE

The URLs: every distinct query of tests/search/queries.json and
tests/search/asked/dev.json on ``/api/v1/search/`` and on ``/search/``, as
is and with three variants each — later pages (also past the end), page
sizes, ``exact``, each filter (document, doc_type, theme, year,
instrument, has_subsidy, has_target, in_force_on, alone and combined, and
invalid values) — the variants and the filter values taken in rotation
from the database's own documents, themes and instrument types, plus a few
edge cases (no query, blank, punctuation only, an operator alone).  Each
is requested through Django's test client with the response cache off
(``API_CACHE_SECONDS=0``), anonymously, in a process with
``PYTHONHASHSEED=0``: the suggestions offered for a query that finds
nothing break some ties in a set's order, which otherwise differs from one
process to the next (as do the Content-Security-Policy header's
directives, which django-csp joins in a set's order; they are compared
sorted).

``--before-root DIR``: a copy of the project with the code to compare
against (e.g. the working tree with one's own files as at HEAD).  A
scratch database (SQLite, or with ``--postgres`` a new PostgreSQL database
on 127.0.0.1:5432, dropped afterwards) is built once with the bundled
corpus (or ``--database-url`` names one that holds it), and the URLs are requested once with DIR's code and once with this
tree's, against that same database.  Without it, ``--save`` writes this
tree's responses on the database of ``--database-url`` to FILE (gzipped
JSON), and ``--compare`` compares them with FILE.  Prints how many
responses are the same and, for those that differ, the first difference.
Exits 1 when any differs.
"""

import argparse
import contextlib
import gzip
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from loadrun import PYTHON, ROOT, base_env, scratch_site  # noqa: E402

# Runs in ``manage.py shell`` of the tree being compared: builds the URLs
# from the database (the same for both trees) and writes every response.
PROBE = r"""
import json
from urllib.parse import quote, urlencode
from django.test import Client
from documents.models import Document, Theme
from measures.models import InstrumentType

queries = []
for path in QUERY_SETS:
    with open(path, encoding="utf-8") as handle:
        for item in json.load(handle):
            if item["query"] not in queries:
                queries.append(item["query"])
documents = list(Document.objects.order_by("key").values_list("key", flat=True))
doc_types = sorted(set(Document.objects.values_list("doc_type", flat=True)))
years = sorted({d.year for d in Document.objects.values_list("issued_on", flat=True) if d})
themes = list(Theme.objects.order_by("slug").values_list("slug", flat=True))
instruments = list(InstrumentType.objects.order_by("key").values_list("key", flat=True))

def variant(n):
    pick = lambda values: values[n % len(values)] if values else ""
    return [
        [("page", "2")], [("page", "3")], [("page", "999")], [("page", "0")],
        [("page_size", "5")], [("page_size", "20")], [("page_size", "100")],
        [("page_size", "abc")], [("exact", "1")], [("exact", "1"), ("page", "2")],
        [("document", pick(documents))], [("doc_type", pick(doc_types))],
        [("theme", pick(themes))], [("year", str(pick(years)))],
        [("instrument", pick(instruments))], [("has_subsidy", "true")],
        [("has_subsidy", "false")], [("has_target", "true")],
        [("in_force_on", "2024-01-01")], [("theme", pick(themes)), ("exact", "1")],
        [("document", pick(documents)), ("page_size", "5"), ("page", "2")],
        [("year", "abc")], [("document", "no-such-document")],
        [("in_force_on", "not-a-date")], [("theme", pick(themes)), ("page", "2")],
    ]

paths = []
for n, q in enumerate(queries):
    for prefix, offset in (("/api/v1/search/", 0), ("/search/", 7)):
        paths.append(prefix + "?" + urlencode([("q", q)]))
        choices = variant(n)
        for k in range(3):
            extra = choices[(3 * n + k + offset) % len(choices)]
            paths.append(prefix + "?" + urlencode([("q", q), *extra]))
for prefix in ("/api/v1/search/", "/search/"):
    for q in ("", " ", "，。！", "OR", "-", '"', "高企 OR", "-税收", "q" * 300):
        paths.append(prefix + "?" + urlencode([("q", q)]))
    paths.append(prefix)
    paths.append(prefix + "?" + urlencode([("theme", themes[0] if themes else "x")]))

client = Client(HTTP_HOST="127.0.0.1")
out = {}
for path in paths:
    response = client.get(path)
    # django-csp joins the policy's directives in a set's order, which
    # changes from one process to the next: compared sorted.
    headers = sorted(
        (k, "; ".join(sorted(v.split("; "))) if k == "Content-Security-Policy" else v)
        for k, v in response.items()
    )
    cookies = sorted(response.cookies)
    out[path] = [response.status_code, headers, cookies, response.content.decode("utf-8")]
with open(OUT, "w", encoding="utf-8") as handle:
    json.dump(out, handle, ensure_ascii=False)
print(f"PROBED {len(out)}")
"""

QUERY_SETS = [
    str(ROOT / "tests" / "search" / "queries.json"),
    str(ROOT / "tests" / "search" / "asked" / "dev.json"),
]


def probe(root, env):
    """{path: [status, headers, cookie names, body]} with ``root``'s code."""
    with tempfile.TemporaryDirectory(prefix="search-same-") as work:
        out = Path(work) / "responses.json"
        code = f"QUERY_SETS = {QUERY_SETS!r}\nOUT = {str(out)!r}\n" + PROBE
        # One hash seed for every run: the order of a few ties (the
        # suggestions for a query finding nothing) follows a set's order.
        env = {**env, "API_CACHE_SECONDS": "0", "PYTHONHASHSEED": "0"}
        subprocess.run(
            [str(PYTHON), str(Path(root) / "manage.py"), "collectstatic", "--noinput", "-v0"],
            env=env, cwd=root, check=True, capture_output=True,
        )
        result = subprocess.run(
            [str(PYTHON), str(Path(root) / "manage.py"), "shell", "-c", code],
            env=env, cwd=root, capture_output=True, text=True, timeout=3600,
        )
        if result.returncode:
            raise SystemExit(result.stderr[-3000:])
        return json.loads(out.read_text(encoding="utf-8"))


def first_difference(a, b):
    if a[0] != b[0]:
        return f"status {a[0]} → {b[0]}"
    if a[2] != b[2]:
        return f"cookies {a[2]} → {b[2]}"
    x, y = a[3], b[3]
    if x == y:
        return f"headers {[h for h in a[1] if h not in b[1]]} → {[h for h in b[1] if h not in a[1]]}"
    at = next((i for i, (c, d) in enumerate(zip(x, y, strict=False)) if c != d), min(len(x), len(y)))
    return f"body at {at}: {x[max(0, at - 80):at + 80]!r}\n    → {y[max(0, at - 80):at + 80]!r}"


def compare(before, after):
    same = [p for p in before if p in after and before[p] == after[p]]
    differ = [p for p in before if p not in same]
    api = sum(p.startswith("/api/") for p in before)
    print(f"{len(same)} of {len(before)} responses the same ({api} API, {len(before) - api} page)")
    for path in differ[:20]:
        print(f"DIFFERS {path}\n    {first_difference(before[path], after.get(path, [None] * 4))}")
    if len(differ) > 20:
        print(f"… and {len(differ) - 20} more")
    return not differ and len(before) == len(after)


def main():
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--before-root", help="a copy of the project with the code to compare against")
    parser.add_argument("--postgres", action="store_true")
    parser.add_argument("--database-url", help="an existing database holding the bundled corpus")
    parser.add_argument("--save", help="write this tree's responses to FILE")
    parser.add_argument("--compare", help="compare this tree's responses with FILE")
    args = parser.parse_args()
    if args.before_root:
        with (
            contextlib.nullcontext(base_env(args.database_url))
            if args.database_url
            else scratch_site("search-same", args.postgres)
        ) as env:
            before = probe(args.before_root, env)
            after = probe(ROOT, env)
        sys.exit(0 if compare(before, after) else 1)
    if not args.database_url or not (args.save or args.compare):
        parser.error("--before-root DIR, or --database-url with --save or --compare")
    env = base_env(args.database_url)
    responses = probe(ROOT, env)
    if args.save:
        with gzip.open(args.save, "wt", encoding="utf-8") as handle:
            json.dump(responses, handle, ensure_ascii=False)
        print(f"{len(responses)} responses saved to {args.save}")
    if args.compare:
        with gzip.open(args.compare, "rt", encoding="utf-8") as handle:
            before = json.load(handle)
        sys.exit(0 if compare(before, responses) else 1)


if __name__ == "__main__":
    os.environ.pop("DJANGO_SETTINGS_MODULE", None)
    main()
