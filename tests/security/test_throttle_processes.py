"""The throttles hold across worker processes: two gunicorn servers (one
worker each, like two workers of one server but with a known process per
request) share one database, and requests alternating between them get
exactly one allowance between them.  With counters kept per process, each
server let through a full allowance of its own (issue 17: 715 of 1,500
requests passed a 600/minute limit with two workers)."""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GUNICORN = Path(sys.executable).with_name("gunicorn")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def status(url):
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def wait_until_up(port, process):
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(process.stderr.read().decode(errors="replace"))
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise TimeoutError(f"gunicorn on {port} did not start")


@pytest.fixture
def two_servers(tmp_path, settings):
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3":
        # The servers use a SQLite file of their own whatever the suite runs
        # on: once per CI run is enough.
        pytest.skip("runs in the SQLite run of the suite")
    if not GUNICORN.exists():
        pytest.skip("gunicorn is not installed (requirements.txt)")
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")},
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "API_ANON_RATE": "4/minute",
        "SITE_RATE": "3/minute",
        "DJANGO_DEBUG": "1",
    }
    env.pop("API_CACHE_URL", None)
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"],
        cwd=ROOT, env=env, check=True,
    )
    servers = []
    try:
        for _ in range(2):
            port = free_port()
            process = subprocess.Popen(
                [str(GUNICORN), "policybase.wsgi:application", "--workers", "1",
                 "--bind", f"127.0.0.1:{port}"],
                cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
            )
            servers.append((port, process))
        for port, process in servers:
            wait_until_up(port, process)
        yield [f"http://127.0.0.1:{port}" for port, _ in servers]
    finally:
        for _, process in servers:
            process.send_signal(signal.SIGQUIT)  # gunicorn's quick shutdown
        for _, process in servers:
            process.wait(timeout=30)


def test_one_allowance_across_processes(two_servers):
    first, second = two_servers
    api = [status(f"{(first, second)[i % 2]}/api/v1/documents/") for i in range(8)]
    assert api.count(200) == 4, api
    assert api[4:] == [429] * 4, api
    # An export: one of the expensive pages, cheap on an empty database.
    site = [status(f"{(first, second)[i % 2]}/targets/?format=csv") for i in range(6)]
    assert site == [200, 200, 200, 429, 429, 429], site
