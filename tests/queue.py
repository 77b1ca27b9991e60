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


def remove_rq_queue(connection, name):
    """Every trace of the RQ queue ``name`` in Redis: its jobs (whatever
    registry holds them), the registries, the queue."""
    from rq import Queue
    from rq.exceptions import NoSuchJobError
    from rq.job import Job

    queue = Queue(name, connection=connection)
    registries = (
        queue.started_job_registry, queue.failed_job_registry, queue.finished_job_registry,
        queue.deferred_job_registry, queue.scheduled_job_registry, queue.canceled_job_registry,
    )
    for registry in registries:
        for job_id in registry.get_job_ids(cleanup=False):
            try:
                Job.fetch(job_id, connection=connection).delete(remove_from_queue=False)
            except NoSuchJobError:
                pass
        connection.delete(registry.key)
    queue.delete(delete_jobs=True)
    connection.delete(f"rq:workers:{name}")
