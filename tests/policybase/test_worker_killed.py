"""A worker killed mid-job (``kill -9`` while it saves a long document), in
processes of their own on a scratch database (tests/processes.py), with
each task backend.

Neither backend runs the task of a killed worker again: the database
backend keeps it RUNNING for ever; RQ moves it to its failed registry (at
once when only the work horse died, once the worker's heartbeat expires
when the whole worker died).  The upload job names its worker (host, pid
and the process's start time), so the next look at the jobs page
(``recover_lost``, also run by the upload page and by every task) finds it
dead and queues the job again as a new task, which a new worker completes.
The killed worker's transaction died with it: no part of the document was
written.
"""

import os
import signal
import time
import uuid

import pytest

from tests.processes import manage, query
from tests.queue import remove_rq_queue
from tests.synthetic import regulation

REDIS_URL = "redis://127.0.0.1:6379/0"
SAVING = "保存%"  # the label of the stage that writes the document
PER_CHAPTER = 40


def shell(url, env, code):
    result = manage("shell", "--no-imports", "-c", code, url=url, env=env)
    assert result.returncode == 0, result.stderr
    return result.stdout.split()[-1]


def submit(url, env, path):
    """An upload job for the file at ``path``, handed to the task queue."""
    return shell(url, env, (
        "from django.core.files.uploadedfile import SimpleUploadedFile as F\n"
        "from policybase.models import UploadJob\n"
        "from policybase.ingest import tasks\n"
        f"data = open({str(path)!r}, 'rb').read()\n"
        f"jobs = UploadJob.objects.accept([F({path.name!r}, data)], None, max_bytes=10**7, confirm=False)\n"
        "tasks.enqueue(jobs)\n"
        "print(jobs[0].pk)"
    ))


def long_document(tmp_path, articles):
    # Long enough that the worker is still saving it when it is killed.
    path = tmp_path / "长条例.txt"
    path.write_text(regulation(articles, PER_CHAPTER, "吉林省长篇条例（测试）"), encoding="utf-8")
    return path


def job_row(url, job_id):
    return query(
        url, "SELECT status, attempts, stage, error FROM policybase_uploadjob WHERE id = %s",
        (job_id,),
    )[0]


def kill_while_saving(url, job_id, worker):
    """SIGKILL the worker, and the process that runs the job (RQ's work
    horse, in a session of its own), well inside the transaction that saves
    the document: as when the machine stops."""
    try:
        deadline = time.monotonic() + 120
        while not (running := query(
            url, "SELECT worker FROM policybase_uploadjob WHERE id = %s AND stage LIKE %s",
            (job_id, SAVING),
        )):
            assert time.monotonic() < deadline, "the worker never started saving"
            assert worker.poll() is None, worker.communicate()
            time.sleep(0.05)
        time.sleep(1)
        os.killpg(worker.pid, signal.SIGKILL)
        job_process = int(running[0][0].split(":")[1])
        if job_process != worker.pid:
            os.kill(job_process, signal.SIGKILL)
        worker.wait(timeout=30)
    finally:
        if worker.poll() is None:
            os.killpg(worker.pid, signal.SIGKILL)
            worker.wait()


def killed_then_completed(url, env, job_id, articles, second_worker):
    status, attempts, stage, _error = job_row(url, job_id)
    assert (status, attempts) == ("running", 1) and stage.startswith("保存")
    # Nothing of the document: its transaction died with the worker.
    assert query(url, "SELECT COUNT(*) FROM documents_document")[0][0] == 0
    assert query(url, "SELECT COUNT(*) FROM documents_provision")[0][0] == 0
    # What the jobs page runs on every load: the job is queued again ...
    recovered = shell(url, env, "from policybase.ingest.tasks import recover_lost\n"
                                "print(recover_lost())")
    assert recovered == "1"
    # ... and a new worker ingests it whole.
    result = manage(*second_worker, url=url, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    status, attempts, stage, error = job_row(url, job_id)
    assert (status, attempts, error) == ("done", 2, "")
    assert query(url, "SELECT source_name FROM documents_document") == [("长条例.txt",)]
    provisions = query(url, "SELECT COUNT(*) FROM documents_provision")[0][0]
    assert provisions == articles + articles // PER_CHAPTER + 1  # and the chapters, the title


def test_database_backend_worker_killed_mid_job(scratch_database_url, tmp_path):
    url, env, articles = scratch_database_url, {}, 2400
    job_id = submit(url, env, long_document(tmp_path, articles))
    worker = ("db_worker", "--no-reload", "--no-startup-delay", "--interval", "0.1")
    kill_while_saving(url, job_id, manage(*worker, url=url, wait=False, new_session=True))
    # The backend's own record of the task still says it runs.
    tasks = query(url, "SELECT status FROM django_tasks_database_dbtaskresult")
    assert tasks == [("RUNNING",)]
    killed_then_completed(url, env, job_id, articles, (*worker, "--batch"))


@pytest.fixture
def rq_environment():
    """RQ on the local Redis with a queue of this test's own, removed
    afterwards; the test is skipped when no Redis answers."""
    redis = pytest.importorskip("redis")
    connection = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1)
    try:
        connection.ping()
    except redis.exceptions.ConnectionError as exc:
        pytest.skip(f"no Redis at {REDIS_URL}: {exc}")
    name = f"policybase-test-{uuid.uuid4().hex[:12]}"
    yield {"TASKS_BACKEND": "rq", "REDIS_URL": REDIS_URL, "INGEST_QUEUE": name}
    remove_rq_queue(connection, name)


def test_rq_worker_killed_mid_job(scratch_database_url, tmp_path, rq_environment):
    url, env, articles = scratch_database_url, rq_environment, 2400
    job_id = submit(url, env, long_document(tmp_path, articles))
    worker = ("rqworker", "--job-class", "django_tasks_rq.Job", env["INGEST_QUEUE"])
    kill_while_saving(
        url, job_id, manage(*worker, url=url, env=env, wait=False, new_session=True)
    )
    killed_then_completed(url, env, job_id, articles, (*worker, "--burst"))
