"""Ingest of a single-line file: time and memory against its length (issue 17).

    .venv/bin/python bench/long_line.py [--sizes 100 200 400 1000] [--kinds sentences clauses rules]
                                        [--postgres] [--limit-bytes N]

Generates files that are one line (no line break at all) from the bundled
documents, and ingests each with ``manage.py ingest`` in a fresh process on a
freshly migrated database (a temporary SQLite file, or a new PostgreSQL
database with --postgres).  Kinds:

* ``sentences``: the five bundled documents with their line breaks removed,
  repeated: many ordinary sentences on one line;
* ``clauses``: the same with every sentence end turned into a comma: one
  sentence as long as the file;
* ``rules``: a subsidy rule, a target and a growth rate repeated with commas
  only: one sentence, a number every 15 characters (the worst case for the
  per-fact work).

Prints, per file: wall and CPU seconds of the ingest process, its peak
resident memory (both of that one process), facts stored; per kind, the CPU
seconds each added 100 KB cost (the same at every size = linear; growing
with the size = quadratic) and the exponent of a power-law fit of CPU time
against size (start-up included, so below 1 for a linear ingest).  Goal: a
1 MB single-line file ingested or refused within 30 s and 1 GB.
"""

import argparse
import math
import os
import re
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "fixtures" / "sources"
RULES = "对新认定的高新技术企业给予最高100万元奖励，到2025年全省研发经费投入达到120亿元，技术合同成交额增长15%，"


def unit_text(kind: str) -> str:
    if kind == "rules":
        return RULES
    body = "".join(
        re.sub(r"\s+", "", p.read_text(encoding="utf-8")) for p in sorted(SOURCES.glob("*.txt"))
    )
    if kind == "clauses":
        body = re.sub(r"[。！？；]", "，", body)
    return body


def make_file(kind: str, kib: int, directory: Path) -> Path:
    unit = unit_text(kind)
    target = kib * 1000
    text = unit * (target // len(unit.encode("utf-8")) + 1)
    data = text.encode("utf-8")[:target].decode("utf-8", "ignore").encode("utf-8")
    path = directory / f"long-{kind}-{kib}k.txt"
    path.write_bytes(data)
    return path


def database(postgres: bool):
    if postgres:
        name = f"bench_long_{uuid.uuid4().hex[:8]}"
        subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", name], check=True)
        return f"postgres://postgres@127.0.0.1:5432/{name}", name
    tmp = tempfile.NamedTemporaryFile(suffix=".sqlite3", delete=False)
    tmp.close()
    return f"sqlite:///{tmp.name}", tmp.name


def drop(postgres: bool, handle: str) -> None:
    if postgres:
        subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "postgres", handle], check=True)
    else:
        os.unlink(handle)


def ingest(path: Path, args) -> dict:
    url, handle = database(args.postgres)
    env = {**os.environ, "DATABASE_URL": url}
    if args.limit_bytes:
        env["INGEST_MAX_BYTES"] = str(args.limit_bytes)
    manage = [sys.executable, str(ROOT / "manage.py")]
    try:
        subprocess.run([*manage, "migrate", "-v0"], env=env, check=True, cwd=ROOT)
        with tempfile.TemporaryFile("w+") as out:
            started = time.perf_counter()
            child = subprocess.Popen(
                [*manage, "ingest", str(path)], env=env, cwd=ROOT, stdout=out, stderr=out
            )
            # wait4: the resource usage of this one process.
            _, status, usage = os.wait4(child.pid, 0)
            child.returncode = os.waitstatus_to_exitcode(status)
            wall = time.perf_counter() - started
            out.seek(0)
            stdout = out.read()
        summary = next(
            (line for line in stdout.splitlines() if line.startswith("Summary")), ""
        )
        return {
            "wall": wall,
            "cpu": usage.ru_utime + usage.ru_stime,
            "rss_mib": usage.ru_maxrss / 1024,
            "status": "ok" if child.returncode == 0 else "refused",
            "summary": summary.split(";", 1)[-1].strip() or stdout.strip()[-200:],
        }
    finally:
        drop(args.postgres, handle)


def fit(points: list[tuple[float, float]]) -> float:
    """Least-squares slope of log(cpu) against log(size)."""
    xs = [math.log(x) for x, _ in points]
    ys = [math.log(y) for _, y in points]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum((x - mx) ** 2 for x in xs)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 200, 400, 1000], help="KB")
    parser.add_argument("--kinds", nargs="+", default=["sentences", "clauses", "rules"])
    parser.add_argument("--postgres", action="store_true")
    parser.add_argument("--limit-bytes", type=int, default=0, help="INGEST_MAX_BYTES")
    args = parser.parse_args()
    database_name = "PostgreSQL" if args.postgres else "SQLite"
    with tempfile.TemporaryDirectory() as directory:
        for kind in args.kinds:
            points = []
            for kib in args.sizes:
                path = make_file(kind, kib, Path(directory))
                r = ingest(path, args)
                points.append((kib, r["cpu"]))
                print(
                    f"{database_name} {kind:9} {kib:5} KB: {r['status']:7} wall {r['wall']:6.1f} s, "
                    f"cpu {r['cpu']:6.1f} s, max RSS {r['rss_mib']:5.0f} MiB; {r['summary']}",
                    flush=True,
                )
            if len(points) > 1:
                # Start-up (Django, the segmenter's dictionary) is a constant:
                # the cost of each added 100 KB says linear or not.
                steps = ", ".join(
                    f"{(c2 - c1) / (s2 - s1) * 100:.2f}"
                    for (s1, c1), (s2, c2) in zip(points, points[1:], strict=False)
                )
                print(
                    f"{database_name} {kind}: cpu s per added 100 KB: {steps} "
                    f"(constant = linear); cpu ~ size^{fit(points):.2f} start-up included",
                    flush=True,
                )


if __name__ == "__main__":
    main()
