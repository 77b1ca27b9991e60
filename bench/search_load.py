"""Search under load: gunicorn (2 workers) under wrk (16 connections), many
distinct queries in rotation, with the response cache as shipped and off.

    .venv/bin/python bench/search_load.py [--postgres] [--duration 30]
                                          [--modes cached uncached] [--nice -5]

Builds a fresh database (a temporary SQLite file, or with --postgres a new
database on 127.0.0.1:5432, dropped afterwards) with the bundled corpus and
starts ``gunicorn policybase.wsgi:application --workers 2`` (sync workers,
production settings, the throttles' limits far away as in bench/loadrun.py)
under ``nice -n --nice`` (the server ahead of other work on a shared machine;
wrk keeps its own priority).  For each mode — ``cached``: the response cache
as shipped (``API_CACHE_SECONDS`` default, one in-memory cache per worker);
``uncached``: ``API_CACHE_SECONDS=0``, every response built — and for each
of ``/api/v1/search/?q=…`` and ``/search/?q=…`` it runs
``wrk -t2 -c16 -d<duration>s --latency`` with a Lua script that sends the
queries of tests/search/queries.json and tests/search/asked/dev.json in
rotation (each wrk thread from its own offset), not one URL repeated, and
counts the answers by status and by ``X-Cache`` (hit, miss, none).  Before
each timed run a 3 s wrk run at the same mix warms both workers (jieba's
dictionary, the synonym tables); with the cache on it also fills part of it,
as a live server's would be.

Prints per run: req/s, p50/p90/p99 ms, non-2xx, socket errors, the share of
cache hits, the server's CPU per request and the cores it had on average
(its processes' CPU time over the run, from /proc: on a shared machine,
what it got) and the load average (1 min) before and after.  Then, in one
process through Django's test client, the server CPU per request of the same
mix with the cache off (mean, p50, p95 over every query): what a request
costs whatever else the machine runs.  Goal: >= 200 req/s with p99 < 150 ms.
"""

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parent))
from loadrun import SEARCH_GOAL, Server, manage, scratch_site, to_ms  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
QUERY_SETS = (
    ROOT / "tests" / "search" / "queries.json",
    ROOT / "tests" / "search" / "asked" / "dev.json",
)
ENDPOINTS = (("API", "/api/v1/search/?q="), ("page", "/search/?q="))

# Each thread sends the paths of the file WRK_PATHS in turn, from an offset
# of its own; statuses and X-Cache values are counted and summed in done().
WRK_SCRIPT = """
local paths = {}
for line in io.lines(os.getenv("WRK_PATHS")) do table.insert(paths, line) end
local threads = {}
local started = 0
function setup(thread)
  thread:set("first", started * 37)
  started = started + 1
  table.insert(threads, thread)
end
function init(args) i = first; ok = 0; bad = 0; hit = 0; miss = 0; none = 0 end
function request()
  i = i + 1
  return wrk.format(nil, paths[(i % #paths) + 1])
end
function response(status, headers, body)
  if status < 300 then ok = ok + 1 else bad = bad + 1 end
  local cache = headers["X-Cache"]
  if cache == "hit" then hit = hit + 1 elseif cache == "miss" then miss = miss + 1
  else none = none + 1 end
end
function done(summary, latency, requests)
  local t = {ok = 0, bad = 0, hit = 0, miss = 0, none = 0}
  for _, thread in ipairs(threads) do
    for k, _ in pairs(t) do t[k] = t[k] + thread:get(k) end
  end
  io.write(string.format("COUNTS ok=%d bad=%d hit=%d miss=%d none=%d\\n",
                         t.ok, t.bad, t.hit, t.miss, t.none))
end
"""

CPU_PROBE = """
import json, statistics, time
from django.test import Client
client = Client(HTTP_HOST="127.0.0.1")
figures = {}
for label, paths in PATHS.items():
    for path in paths[:20]:
        client.get(path)
    # As on a server up for a while: the data version has settled, and the
    # facets are counted from the table kept for it (facet_table.py).
    time.sleep(SETTLE)
    cpu = []
    for _ in range(ROUNDS):
        for path in paths:
            start = time.thread_time()
            response = client.get(path)
            cpu.append((time.thread_time() - start) * 1000)
            assert response.status_code == 200, (path, response.status_code)
            assert "X-Cache" not in response, path
    cpu.sort()
    figures[label] = (statistics.mean(cpu), statistics.median(cpu), cpu[int(len(cpu) * 0.95)])
print("FIGURES " + json.dumps(figures))
"""


def queries():
    """The distinct queries of the two sets, in their order."""
    seen = {}
    for path in QUERY_SETS:
        for item in json.loads(path.read_text(encoding="utf-8")):
            seen.setdefault(item["query"], None)
    return list(seen)


def paths_for(prefix):
    return [prefix + quote(q) for q in queries()]


def wrk(base, paths, duration, connections=16, threads=2):
    """wrk over the paths in rotation: rps, p50/p90/p99 ms, counts."""
    with tempfile.TemporaryDirectory(prefix="search-load-") as work:
        script, listing = Path(work) / "mix.lua", Path(work) / "paths"
        script.write_text(WRK_SCRIPT)
        listing.write_text("\n".join(paths) + "\n")
        out = subprocess.run(
            ["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--latency",
             "--timeout", "10s", "-s", str(script), base],
            capture_output=True, text=True, timeout=duration + 60,
            env={**os.environ, "WRK_PATHS": str(listing)},
        ).stdout
    figures = {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))}
    for pct in ("50", "90", "99"):
        figures[f"p{pct}"] = to_ms(re.search(rf"\s{pct}%\s+(\S+)", out).group(1))
    counts = re.search(r"COUNTS ok=(\d+) bad=(\d+) hit=(\d+) miss=(\d+) none=(\d+)", out)
    figures.update(zip(("ok", "bad", "hit", "miss", "none"), map(int, counts.groups()), strict=True))
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    figures["socket_errors"] = sum(map(int, errors.groups())) if errors else 0
    return figures


def server_cpu_seconds(server):
    """User + system CPU seconds of the gunicorn master and its workers so far."""
    pids = [server.process.pid]
    children = Path(f"/proc/{server.process.pid}/task/{server.process.pid}/children")
    if children.exists():
        pids += [int(pid) for pid in children.read_text().split()]
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime (clock ticks)
    return total / os.sysconf("SC_CLK_TCK")


def settle_seconds():
    """How long a data version must stay current before the facet table is
    made (documents/search/facet_table.py; 0 for code without one)."""
    module = ROOT / "documents" / "search" / "facet_table.py"
    found = re.search(r"^SETTLE_SECONDS = ([\d.]+)", module.read_text(), re.M) if module.exists() else None
    return float(found[1]) if found else 0.0


def cpu_per_request(env, rounds):
    """Server CPU ms per request of each endpoint's mix, cache off, in process."""
    paths = {label: paths_for(prefix) for label, prefix in ENDPOINTS}
    code = f"PATHS = {paths!r}\nROUNDS = {rounds}\nSETTLE = {settle_seconds()}\n" + CPU_PROBE
    out = manage({**env, "API_CACHE_SECONDS": "0"}, "shell", "-c", code, timeout=3600).stdout
    return json.loads(out.split("FIGURES ", 1)[1])


def main():
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--postgres", action="store_true")
    parser.add_argument("--duration", type=int, default=30, help="seconds per wrk run")
    parser.add_argument("--modes", nargs="+", default=["cached", "uncached"],
                        choices=["cached", "uncached"])
    parser.add_argument("--nice", type=int, default=-5, help="the server's niceness")
    parser.add_argument("--cpu-rounds", type=int, default=3,
                        help="passes over the mix for the in-process CPU figures (0: none)")
    args = parser.parse_args()
    with scratch_site("search-load", args.postgres) as env:
        n = len(queries())
        print(
            f"gunicorn 2 sync workers (nice {args.nice}), wrk -t2 -c16 -d{args.duration}s, "
            f"{'PostgreSQL' if args.postgres else 'SQLite'}, bundled corpus, {n} distinct "
            f"queries in rotation, {os.cpu_count()} CPUs\n"
        )
        print(f"{'mode':9} {'endpoint':5} {'req/s':>6} {'p50 ms':>7} {'p90 ms':>7} {'p99 ms':>7} "
              f"{'non2xx':>6} {'sock':>4} {'hits':>5} {'CPU ms':>7} {'cores':>6}  "
              f"load before/after  goal")
        for mode in args.modes:
            server_env = dict(env)
            if mode == "uncached":
                server_env["API_CACHE_SECONDS"] = "0"
            server = Server(server_env, nice=args.nice)
            try:
                for label, prefix in ENDPOINTS:
                    paths = paths_for(prefix)
                    for path in paths[:4]:  # both workers' first request loads jieba
                        server.get(path, timeout=300)
                    wrk(server.base, paths, 3)
                    before, cpu = os.getloadavg()[0], server_cpu_seconds(server)
                    f = wrk(server.base, paths, args.duration)
                    after, cpu = os.getloadavg()[0], server_cpu_seconds(server) - cpu
                    answered = f["ok"] + f["bad"]
                    hits = f["hit"] / answered if answered else 0.0
                    per_request = cpu * 1000 / answered if answered else 0.0
                    met = (f["rps"] >= SEARCH_GOAL[0] and f["p99"] < SEARCH_GOAL[1]
                           and f["bad"] == 0 and f["socket_errors"] == 0)
                    print(
                        f"{mode:9} {label:5} {f['rps']:6.0f} {f['p50']:7.1f} {f['p90']:7.1f} "
                        f"{f['p99']:7.1f} {f['bad']:6d} {f['socket_errors']:4d} {hits:5.0%} "
                        f"{per_request:7.2f} {cpu / args.duration:6.2f}  "
                        f"{before:5.2f} / {after:5.2f}       {'met' if met else 'NOT met'}",
                        flush=True,
                    )
            finally:
                server.stop()
        if args.cpu_rounds:
            figures = cpu_per_request(env, args.cpu_rounds)
            print(f"\nserver CPU per request, cache off, in process ({args.cpu_rounds} passes "
                  f"over the {n} queries): mean / p50 / p95 ms")
            for label, (mean, p50, p95) in figures.items():
                print(f"  {label:5} {mean:6.2f} / {p50:6.2f} / {p95:6.2f}   "
                      f"(~{2000 / mean:.0f} req/s on 2 cores, nothing else running)")


if __name__ == "__main__":
    main()
