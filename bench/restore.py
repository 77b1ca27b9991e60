"""Backup and restore of a large knowledge base, timed.

    .venv/bin/python bench/restore.py [--objects 200000] [--postgres]

1. A fresh database gets the five bundled documents (ingest), a curator
   with an API token, and is backed up: about two thousand objects.
2. That file is copied over and over (every row that belongs to a document,
   with new ids and document keys; reference tables, users and tokens once)
   until it holds ``--objects`` objects.
3. A second fresh database restores it (``restore_kb``), and is backed up
   (``backup_kb``, timed).
4. A third fresh database restores that backup (``restore_kb``, timed:
   the bulk load and the search index rebuild), then a search must find
   every copy's provisions and the token must authenticate.

Databases are temporary SQLite files, or with --postgres new databases on
127.0.0.1:5432 dropped afterwards; every step is a separate ``manage.py``
process.  Prints the figures and a table row for docs/benchmarks.md.
"""

import argparse
import json
import math
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
QUERY = "科技成果转化"
# The search's candidate pool is bounded (impact lists), and every copy has
# the same text: the check is that the last copy's document is found, and
# that the index holds every provision.
DOCUMENT = "achievement-transfer-plan-2016"


def cpu_of_children() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


class Database:
    def __init__(self, postgres: bool, directory: Path, label: str):
        self.postgres = postgres
        if postgres:
            self.name = f"bench_restore_{label}_{uuid.uuid4().hex[:8]}"
            subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", self.name],
                           check=True)
            self.url = f"postgres://postgres@127.0.0.1:5432/{self.name}"
        else:
            self.url = f"sqlite:///{directory / f'{label}.sqlite3'}"
        self.manage("migrate", "--noinput")

    def manage(self, *args) -> tuple[str, float]:
        """Run a command; its output and wall seconds (CPU seconds in
        ``self.cpu``: the machine may be shared)."""
        env = {**os.environ, "DATABASE_URL": self.url}
        before = cpu_of_children()
        started = time.perf_counter()
        result = subprocess.run(
            [sys.executable, str(ROOT / "manage.py"), *args],
            cwd=ROOT, env=env, capture_output=True, text=True,
        )
        seconds = time.perf_counter() - started
        self.cpu = cpu_of_children() - before
        if result.returncode:
            sys.exit(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
        return result.stdout, seconds

    def shell(self, code: str) -> str:
        return self.manage("shell", "--no-imports", "-c", code)[0].strip().splitlines()[-1]

    def drop(self):
        if self.postgres:
            subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "postgres", self.name],
                           check=True)


SEED = """
from django.contrib.auth.models import Group, User
from rest_framework.authtoken.models import Token
user = User.objects.create_user("bench-curator", is_staff=True)
user.groups.add(Group.objects.get(name="curator"))
print(Token.objects.create(user=user).key)
"""

CHECK = """
from django.test import Client
client = Client()
count = client.get(
    "/api/v1/search/", {{"q": "{query}", "document": "{document}"}}
).json()["count"]
curate = client.post(
    "/api/v1/targets/{target}/curate/", {{"action": "confirm"}},
    content_type="application/json", HTTP_AUTHORIZATION="Token {token}",
).status_code
print(count, curate)
"""

# Run inside Django (the model metadata), printed as JSON:
# per-document models by label, and for each the fields to offset.
LAYOUT = """
import json
from django.apps import apps
from documents.models import Document
kb = [m for label in ("documents", "measures", "targets")
      for m in apps.get_app_config(label).get_models()]
per_document = {Document}
while True:
    more = {m for m in kb if m not in per_document and any(
        (f.many_to_one or f.one_to_one) and f.remote_field.model in per_document
        for f in m._meta.concrete_fields)}
    if not more:
        break
    per_document |= more
layout = {}
for m in per_document:
    # A one-to-one field (Eligibility.subsidy) is offset like a foreign key.
    fks = {f.name: f.remote_field.model._meta.label_lower
           for f in m._meta.concrete_fields
           if (f.many_to_one or f.one_to_one) and not f.primary_key
           and f.remote_field.model in per_document}
    original = getattr(m, "instance_type", None)
    if original is not None:
        fks["id"] = original._meta.label_lower
    layout[m._meta.label_lower] = fks
print(json.dumps(layout))
"""


def read(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))


def replicate(objects: list[dict], layout: dict, wanted: int) -> tuple[list, int]:
    """``objects`` with every per-document row copied until ``wanted``."""
    per_copy = sum(1 for o in objects if o["model"] in layout)
    fixed = len(objects) - per_copy
    copies = max(1, math.ceil((wanted - fixed) / per_copy))
    span = {}
    for o in objects:
        if o["model"] in layout:
            span[o["model"]] = max(span.get(o["model"], 0), o["pk"] + 1)
    out = [o for o in objects if o["model"] not in layout]
    for i in range(copies):
        for o in objects:
            fks = layout.get(o["model"])
            if fks is None:
                continue
            fields = dict(o["fields"])
            for name, target in fks.items():
                if fields.get(name) is not None:
                    fields[name] += i * span[target]
            if o["model"] == "documents.document" and i:
                fields["key"] = f"{fields['key']}-c{i}"
            out.append({"model": o["model"], "pk": o["pk"] + i * span[o["model"]],
                        "fields": fields})
    return out, copies


def write(path: Path, objects: list[dict]):
    with open(path, "w", encoding="utf-8") as stream:
        stream.write("[\n" + ",\n".join(json.dumps(o, ensure_ascii=False) for o in objects)
                     + "\n]\n")


def restored_seconds(output: str) -> float:
    return float(re.search(r"objects in ([\d.]+) s", output)[1])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--objects", type=int, default=200_000)
    parser.add_argument("--postgres", action="store_true")
    args = parser.parse_args()
    databases = []
    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp)
        try:
            seed = Database(args.postgres, directory, "seed")
            databases.append(seed)
            seed.manage("setup_groups")
            seed.manage("ingest")
            token = seed.shell(SEED)
            base_hits, _ = map(int, seed.shell(
                CHECK.format(query=QUERY, document=DOCUMENT, target=0, token="-")).split())
            seed.manage("backup_kb", str(directory / "seed.json"))
            layout = json.loads(seed.shell(LAYOUT))
            objects, copies = replicate(read(directory / "seed.json"), layout, args.objects)
            write(directory / "big.json", objects)

            built = Database(args.postgres, directory, "built")
            databases.append(built)
            built.manage("restore_kb", str(directory / "big.json"))
            out, backup_seconds = built.manage("backup_kb", str(directory / "backup.json"))
            backup_cpu = built.cpu
            size = (directory / "backup.json").stat().st_size
            count = int(re.search(r"\((\d+) objects\)", out)[1])
            target = built.shell(
                "from targets.models import Target; "
                "print(Target.objects.visible().order_by('-pk')[0].pk)")

            fresh = Database(args.postgres, directory, "fresh")
            databases.append(fresh)
            out, total = fresh.manage("restore_kb", str(directory / "backup.json"))
            restore_cpu = fresh.cpu
            load = restored_seconds(out)
            last = f"{DOCUMENT}-c{copies - 1}" if copies > 1 else DOCUMENT
            hits, status = map(int, fresh.shell(
                CHECK.format(query=QUERY, document=last, target=target, token=token)
            ).split())
            fresh_provisions = fresh.shell(
                "from documents.models import Provision; print(Provision.objects.count())")
            load_avg = os.getloadavg()[0]
        finally:
            for database in databases:
                database.drop()
    rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    vendor = "PostgreSQL" if args.postgres else "SQLite"
    print(out.strip())
    print(f"{vendor}: {count} objects ({copies} copies of the bundled corpus), "
          f"backup file {size / 2**20:.0f} MiB")
    print(f"backup_kb: {backup_seconds:.1f} s = {count / backup_seconds:,.0f} objects/s "
          f"(CPU {backup_cpu:.1f} s)")
    print(f"restore_kb: bulk load {load:.1f} s = {count / load:,.0f} objects/s; "
          f"with the search index rebuild and start-up {total:.1f} s = "
          f"{count / total:,.0f} objects/s (CPU {restore_cpu:.1f} s)")
    indexed = int(re.search(r"已重建检索索引: (\d+) provisions", out)[1])
    provisions = int(fresh_provisions)
    print(f"search '{QUERY}' in {last} after the restore: {hits} hits "
          f"(the original in the seed: {base_hits}); index rebuilt for {indexed} "
          f"of {provisions} provisions; "
          f"curate with the restored token: HTTP {status}; "
          f"peak RSS of any step {rss:.0f} MiB; load average at the end {load_avg:.1f}")
    print(f"| {vendor} | {count} | {backup_seconds:.1f} | {load:.1f} | "
          f"{count / load:,.0f} | {total:.1f} | {count / total:,.0f} | "
          f"{restore_cpu:.1f} | {hits} | {status} |")
    ok = hits > 0 and indexed == provisions and status == 200 and count / total >= 5000
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
