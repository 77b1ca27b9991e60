"""A web request that cannot get SQLite's write lock (an ingest holds it) is
answered at once with a 503 and Retry-After, never a 20 s wait and a 500
(policybase/busy.py; the abuse suite's "curator write during a long ingest"
runs it against gunicorn)."""

import json

import pytest
from django.db import OperationalError, connection
from django.http import HttpResponse
from django.test import RequestFactory

from policybase.busy import BUSY_MESSAGE, BusyWriterMiddleware

LOCKED = OperationalError("database is locked")


def locked_view(request):
    raise LOCKED


@pytest.mark.parametrize("path", ["/api/v1/targets/1/curate/", "/admin/targets/target/1/change/"])
def test_a_write_that_cannot_get_the_lock_is_a_503_saying_nothing_was_saved(db, path):
    request = RequestFactory().post(path)
    middleware = BusyWriterMiddleware(locked_view)
    response = middleware.process_exception(request, LOCKED)
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    body = response.content.decode()
    if path.startswith("/api/"):
        assert BUSY_MESSAGE in json.loads(body)["detail"]
    else:
        assert "修改未保存" in body and "nothing was saved" in body


def test_other_database_errors_are_left_alone(db):
    request = RequestFactory().post("/api/v1/targets/1/curate/")
    middleware = BusyWriterMiddleware(locked_view)
    assert middleware.process_exception(request, OperationalError("no such table: x")) is None
    assert middleware.process_exception(request, ValueError("database is locked")) is None


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's one writer")
def test_a_web_request_waits_at_most_the_web_write_wait(db, settings):
    settings.WEB_WRITE_WAIT_MS = 1234
    connection._web_busy_timeout_of = None  # as on a new connection
    middleware = BusyWriterMiddleware(lambda request: HttpResponse("ok"))
    assert middleware(RequestFactory().get("/")).status_code == 200
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA busy_timeout")
        assert cursor.fetchone()[0] == 1234


def test_the_site_answers_through_the_middleware(client, db):
    assert client.get("/api/v1/").status_code == 200
