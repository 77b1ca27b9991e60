"""API throughput and latency: gunicorn (2 workers) under wrk (16 connections).

    .venv/bin/python bench/api.py [--duration 15] [--postgres] [--threads 2]
                                  [--no-cache]

Builds a fresh database (a temporary SQLite file, or with --postgres a new
database on 127.0.0.1:5432, dropped afterwards), migrates it and ingests the
five bundled documents; starts gunicorn with 2 sync workers on a free port in
production mode (DJANGO_DEBUG=0; the anonymous throttle raised through
API_ANON_RATE so the benchmark measures the API, not the limiter); warms up,
then runs wrk against list and detail endpoints one after the other and
prints per endpoint: requests per second, p50/p90/p99 latency, non-2xx
responses and socket errors.  Goal: >= 300 req/s, p99 < 150 ms, 0 non-2xx.
wrk and gunicorn share the machine, as they do on the 2-core CI box.

wrk repeats one URL, so with the response cache on (the default) every
request after the first is a cache hit: the req/s columns then measure the
cache.  What building a response costs is the "uncached" CPU column at the
end (every request built from the database, API_CACHE_SECONDS=0), printed
beside the cost of a hit; ``--no-cache`` runs the wrk part uncached too.
"""

import argparse
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = ROOT / ".venv" / "bin" / "python"
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"

ENDPOINTS = [
    ("list", "/api/v1/documents/"),
    ("list", "/api/v1/provisions/"),
    ("list", "/api/v1/measures/"),
    ("list", "/api/v1/targets/?year__gte=2015&ordering=-value"),
    ("list", "/api/v1/subsidies/?amount_max__gte=500000"),
    ("detail", "/api/v1/documents/st-development-plan-14th-fyp/"),
    ("detail", "/api/v1/provisions/{provision}/"),
    ("detail", "/api/v1/targets/{target}/"),
    ("detail", "/api/v1/indicators/rd_gdp_ratio/"),
    ("detail", "/api/v1/indicators/rd_gdp_ratio/series/"),
]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def to_ms(text):
    value, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def parse_wrk(output):
    figures = {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "requests": int(re.search(r"(\d+) requests in", output).group(1)),
        "non_2xx": 0,
        "socket_errors": 0,
    }
    for pct in ("50", "90", "99"):
        figures[f"p{pct}"] = to_ms(re.search(rf"\s{pct}%\s+(\S+)", output).group(1))
    if match := re.search(r"Non-2xx or 3xx responses: (\d+)", output):
        figures["non_2xx"] = int(match.group(1))
    if match := re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    ):
        figures["socket_errors"] = sum(int(g) for g in match.groups())
    return figures


CPU_PROBE = """
import json, statistics, time
from django.test import Client
client = Client(HTTP_HOST="127.0.0.1")
figures = {}
for path in PATHS:
    for _ in range(5):
        client.get(path)
    cpu = []
    for _ in range(100):
        start = time.thread_time()
        response = client.get(path)
        cpu.append((time.thread_time() - start) * 1000)
        assert response.status_code == 200
        assert response.get("X-Cache") == EXPECT, (path, response.get("X-Cache"))
    cpu.sort()
    figures[path] = (statistics.median(cpu), cpu[int(len(cpu) * 0.95)])
print("FIGURES " + json.dumps(figures))
"""


def cpu_per_request(manage, env, paths, cached):
    """Server CPU time per request in one process (Django's test client, the
    same middleware and settings): what a request costs whatever else the
    machine is doing, so capacity ~= cores / CPU time.  Uncached: every
    request built from the database; cached: every request a cache hit."""
    env = {**env, "API_CACHE_SECONDS": "300" if cached else "0"}
    expect = "hit" if cached else None
    code = f"PATHS = {paths!r}\nEXPECT = {expect!r}\n" + CPU_PROBE
    out = subprocess.run(
        [*manage, "shell", "-c", code],
        env=env,
        check=True,
        cwd=ROOT,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(out.split("FIGURES ", 1)[1])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--duration", type=int, default=15, help="seconds per endpoint")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--postgres", action="store_true")
    parser.add_argument(
        "--no-cache",
        action="store_true",
        help="serve with the response cache off (API_CACHE_SECONDS=0)",
    )
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk not found: apt-get install -y wrk")

    workdir = Path(tempfile.mkdtemp(prefix="bench-api-"))
    pg_name = f"bench_api_{uuid.uuid4().hex[:8]}"
    if args.postgres:
        subprocess.run(
            ["createdb", "-h", "127.0.0.1", "-U", "postgres", pg_name], check=True
        )
        database_url = f"postgres://postgres@127.0.0.1:5432/{pg_name}"
    else:
        database_url = f"sqlite:///{workdir / 'bench.sqlite3'}"
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "bench-only-secret-key-" + uuid.uuid4().hex,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        # Plain HTTP on the loopback: no redirect to https.
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "API_ANON_RATE": "100000000/minute",
        "API_USER_RATE": "100000000/minute",
        "SITE_RATE": "100000000/minute",
    }
    if args.no_cache:
        env["API_CACHE_SECONDS"] = "0"
    server = None
    try:
        manage = [str(PYTHON), str(ROOT / "manage.py")]
        subprocess.run(
            [*manage, "migrate", "--noinput", "-v0"], env=env, check=True, cwd=ROOT
        )
        subprocess.run(
            [*manage, "ingest", "-v0"],
            env=env,
            check=True,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
        )
        ids = subprocess.run(
            [
                *manage,
                "shell",
                "-c",
                "from documents.models import Provision; from targets.models import Target;"
                "print(Provision.objects.order_by('pk')[100].pk, Target.objects.order_by('pk')[10].pk)",
            ],
            env=env,
            check=True,
            cwd=ROOT,
            capture_output=True,
            text=True,
        ).stdout.split()[-2:]
        port = free_port()
        server = subprocess.Popen(
            [
                str(GUNICORN),
                "policybase.wsgi:application",
                "--workers",
                str(args.workers),
                "--bind",
                f"127.0.0.1:{port}",
                "--log-level",
                "warning",
            ],
            env=env,
            cwd=ROOT,
        )
        base = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{base}/api/v1/", timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        database = "PostgreSQL 15" if args.postgres else "SQLite"
        cache = "response cache off" if args.no_cache else "response cache on"
        print(
            f"gunicorn {args.workers} sync workers, wrk -t{args.threads} "
            f"-c{args.connections} -d{args.duration}s, {database}, {cache}, "
            f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f} at start"
        )
        print(
            f"{'kind':7} {'endpoint':52} {'req/s':>8} {'p50 ms':>7} {'p90 ms':>7} "
            f"{'p99 ms':>7} {'non2xx':>6} {'sockerr':>7} {'served':>7}"
        )
        for kind, template in ENDPOINTS:
            path = template.format(provision=ids[0], target=ids[1])
            url = base + path
            with urllib.request.urlopen(
                url
            ) as response:  # also fails loudly on a 4xx/5xx
                assert response.status == 200, (url, response.status)
            subprocess.run(
                ["wrk", "-t2", "-c16", "-d2s", url], capture_output=True
            )  # warm-up
            # How wrk's requests are answered: "hit" (from the response
            # cache) or "built" (from the database).
            with urllib.request.urlopen(url) as response:
                served = response.headers.get("X-Cache") or "built"
                served = "built" if served == "miss" else served
            out = subprocess.run(
                [
                    "wrk",
                    f"-t{args.threads}",
                    f"-c{args.connections}",
                    f"-d{args.duration}s",
                    "--latency",
                    url,
                ],
                capture_output=True,
                text=True,
                check=True,
            ).stdout
            f = parse_wrk(out)
            print(
                f"{kind:7} {path:52} {f['rps']:8.0f} {f['p50']:7.1f} {f['p90']:7.1f} "
                f"{f['p99']:7.1f} {f['non_2xx']:6d} {f['socket_errors']:7d} {served:>7}",
                flush=True,
            )
        print(f"load average {os.getloadavg()[0]:.2f} at the end of the wrk runs")
        paths = [t.format(provision=ids[0], target=ids[1]) for _, t in ENDPOINTS]
        uncached = cpu_per_request(manage, env, paths, cached=False)
        cached = cpu_per_request(manage, env, paths, cached=True)
        print(
            f"\nserver CPU per request, in process, ms ({'endpoint':44} "
            f"{'uncached p50':>12} {'p95':>6} {'cache hit p50':>13} {'p95':>6})"
        )
        for path in paths:
            print(
                f"{path:85} {uncached[path][0]:12.2f} {uncached[path][1]:6.2f} "
                f"{cached[path][0]:13.2f} {cached[path][1]:6.2f}"
            )
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=10)
        if args.postgres:
            subprocess.run(
                ["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", pg_name]
            )
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
