"""Running the database backend's worker inside a test.

``manage.py db_worker`` is django-tasks-db's ``Worker`` behind a command
that also installs signal handlers; tests run the ``Worker`` itself, in
batch mode (it stops when no task is ready).  It calls Django's
``close_old_connections`` between tasks, which drops a connection that is
not in autocommit mode: inside a test's transaction (the ``db`` fixture)
that would end the test's transaction, so it is left out here.
"""

from unittest import mock

from django_tasks_db.management.commands import db_worker


def run_db_worker(max_tasks=None, queue="default"):
    worker = db_worker.Worker(
        queue_names=[queue],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=max_tasks,
        worker_id="test-worker",
        excluded_queue_names=[],
    )
    with mock.patch.object(db_worker, "close_old_connections", lambda: None):
        worker.run()
