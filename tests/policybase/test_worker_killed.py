"""A worker killed mid-job (``kill -9`` while it saves a long document), in
processes of their own on a scratch database (tests/processes.py).

The database backend cannot tell that a worker died: its task stays
RUNNING.  The upload job names its worker (host, pid and the process's
start time), so the next look at the jobs page (``recover_lost``, also run
by the upload page and by every task) finds it dead and queues the job
again; a new worker then ingests the file whole.  The killed worker's
transaction died with it: no part of the document was written.
"""

import os
import signal
import time

import pytest

from tests.processes import manage, query
from tests.synthetic import regulation

SAVING = "保存%"  # the label of the stage that writes the document


def shell(url, code):
    result = manage("shell", "--no-imports", "-c", code, url=url)
    assert result.returncode == 0, result.stderr
    return result.stdout.split()[-1]


def job_row(url, job_id):
    return query(
        url, "SELECT status, attempts, stage, error FROM policybase_uploadjob WHERE id = %s",
        (job_id,),
    )[0]


def wait_for(condition, timeout, what):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.05)
    pytest.fail(f"timed out waiting for {what}")


def test_a_killed_worker_leaves_no_half_document_and_the_job_is_run_again(
    scratch_database_url, tmp_path
):
    url = scratch_database_url
    # Long enough that the worker is still saving it when it is killed.
    long_text = tmp_path / "长条例.txt"
    long_text.write_text(regulation(4000, 40, "吉林省长篇条例（测试）"), encoding="utf-8")
    job_id = shell(url, (
        "from django.core.files.uploadedfile import SimpleUploadedFile as F\n"
        "from policybase.models import UploadJob\n"
        "from policybase.ingest import tasks\n"
        f"data = open({str(long_text)!r}, 'rb').read()\n"
        "jobs = UploadJob.objects.accept([F('长条例.txt', data)], None, max_bytes=10**7)\n"
        "tasks.enqueue(jobs)\n"
        "print(jobs[0].pk)"
    ))
    worker_args = ("db_worker", "--no-reload", "--no-startup-delay", "--interval", "0.1")
    first = manage(*worker_args, url=url, wait=False)
    try:
        wait_for(
            lambda: query(
                url, "SELECT 1 FROM policybase_uploadjob WHERE id = %s AND stage LIKE %s",
                (job_id, SAVING),
            ),
            timeout=120,
            what="the worker to start saving",
        )
        time.sleep(1)  # well inside the document's transaction
        os.kill(first.pid, signal.SIGKILL)
        first.wait(timeout=30)
    finally:
        if first.poll() is None:
            first.kill()
            first.wait()
    status, attempts, stage, _error = job_row(url, job_id)
    assert (status, attempts) == ("running", 1) and stage.startswith("保存")
    # Nothing of the document: its transaction died with the worker.
    assert query(url, "SELECT COUNT(*) FROM documents_document")[0][0] == 0
    assert query(url, "SELECT COUNT(*) FROM documents_provision")[0][0] == 0
    # The database backend still holds its task as running.
    assert query(url, "SELECT status FROM django_tasks_database_dbtaskresult") == [("RUNNING",)]

    # What the jobs page runs on every load: the job is queued again ...
    assert shell(url, "from policybase.ingest.tasks import recover_lost; print(recover_lost())") == "1"
    # ... and a new worker ingests it whole.
    second = manage(*worker_args, "--batch", url=url)
    assert second.returncode == 0, second.stdout + second.stderr
    status, attempts, stage, error = job_row(url, job_id)
    assert (status, attempts, error) == ("done", 2, "")
    documents = query(url, "SELECT id, source_name FROM documents_document")
    assert [name for _id, name in documents] == ["长条例.txt"]
    provisions = query(url, "SELECT COUNT(*) FROM documents_provision")[0][0]
    assert provisions == 4000 + 4000 // 40 + 1  # articles, chapters, the title
