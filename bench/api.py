"""API throughput and latency: gunicorn (2 workers) under wrk (16 connections).

    .venv/bin/python bench/api.py [--duration 15] [--postgres] [--threads 2]

Builds a fresh database (a temporary SQLite file, or with --postgres a new
database on 127.0.0.1:5432, dropped afterwards), migrates it and ingests the
five bundled documents; starts gunicorn with 2 sync workers on a free port in
production mode (DJANGO_DEBUG=0; the anonymous throttle raised through
API_ANON_RATE so the benchmark measures the API, not the limiter); warms up,
then runs wrk against list and detail endpoints one after the other and
prints per endpoint: requests per second, p50/p90/p99 latency, non-2xx
responses and socket errors.  Goal: >= 300 req/s, p99 < 150 ms, 0 non-2xx.
wrk and gunicorn share the machine, as they do on the 2-core CI box.
"""

import argparse
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
import statistics, time
from django.test import Client
client = Client(HTTP_HOST="127.0.0.1")
for path in PATHS:
    for _ in range(5):
        client.get(path)
    cpu = []
    for _ in range(50):
        start = time.thread_time()
        assert client.get(path).status_code == 200
        cpu.append((time.thread_time() - start) * 1000)
    cpu.sort()
    print(f"{path:52} {statistics.median(cpu):7.2f} {cpu[int(len(cpu) * 0.95)]:7.2f}")
"""


def cpu_per_request(manage, env, paths):
    """Server CPU time per request in one process (Django's test client, the
    same middleware and settings): what a request costs whatever else the
    machine is doing, so capacity ~= cores / CPU time."""
    print(
        f"\nserver CPU per request, in process ({'endpoint':44} {'p50 ms':>7} {'p95 ms':>7})"
    )
    code = f"PATHS = {paths!r}\n" + CPU_PROBE
    subprocess.run([*manage, "shell", "-c", code], env=env, check=True, cwd=ROOT)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--duration", type=int, default=15, help="seconds per endpoint")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--postgres", action="store_true")
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
    }
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
        print(
            f"gunicorn {args.workers} sync workers, wrk -t{args.threads} "
            f"-c{args.connections} -d{args.duration}s, {database}, {os.cpu_count()} CPUs"
        )
        print(
            f"{'kind':7} {'endpoint':52} {'req/s':>8} {'p50 ms':>7} {'p90 ms':>7} "
            f"{'p99 ms':>7} {'non2xx':>6} {'sockerr':>7}"
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
                f"{f['p99']:7.1f} {f['non_2xx']:6d} {f['socket_errors']:7d}",
                flush=True,
            )
        cpu_per_request(
            manage,
            env,
            [t.format(provision=ids[0], target=ids[1]) for _, t in ENDPOINTS],
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
