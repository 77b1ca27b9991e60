"""SQLite's one writer, as a web request meets it.

SQLite lets one transaction write at a time, and an ingest writes a whole
document in one transaction (a long one for a large file).  A curator's
correction posted meanwhile waited for the settings' busy timeout (20 s, for
ingests that take turns) and then failed with a 500, or the web server's
worker was killed first and the client got no reply at all.

In the web process, on SQLite, a request now waits at most
``WEB_WRITE_WAIT_MS`` for the write lock, and a request that cannot get it
is answered at once with a 503, ``Retry-After`` and a message in Chinese and
English saying that nothing was saved and when to try again: the JSON error
shape under ``/api/``, the site's own page elsewhere.  Nothing is half
written (the request's transaction never began).  Management commands and
workers keep the 20 s.  On PostgreSQL writes to different rows do not wait
for each other, and nothing changes.
"""

from django.conf import settings
from django.db import OperationalError, connection
from django.http import HttpResponse
from django.template import loader

from policybase.errors import api_error, is_api

BUSY_MESSAGE = (
    "知识库正在写入（如导入文件），本次修改未保存，请稍后重试"
    " / The knowledge base is busy writing (an ingest); nothing was saved, please retry"
)


def web_write_wait_ms() -> int:
    return int(getattr(settings, "WEB_WRITE_WAIT_MS", 1500))


class BusyWriterMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if connection.vendor == "sqlite":
            _shorten_wait(connection)
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, OperationalError) and "locked" in str(exception):
            return busy_response(request)
        return None


def _shorten_wait(db):
    """The connection's busy timeout set to the web's wait, once per
    connection (Django may open a new one between requests)."""
    db.ensure_connection()
    raw = db.connection
    if getattr(db, "_web_busy_timeout_of", None) is not raw:
        raw.execute(f"PRAGMA busy_timeout = {web_write_wait_ms()}")
        db._web_busy_timeout_of = raw


def busy_response(request):
    retry = str(getattr(settings, "WEB_BUSY_RETRY_SECONDS", 30))
    if is_api(request):
        response = api_error(503, BUSY_MESSAGE)
    else:
        response = HttpResponse(loader.get_template("503.html").render(request=request), status=503)
    response["Retry-After"] = retry
    return response
