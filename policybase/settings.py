"""Settings for the Jilin S&T policy knowledge base.

One module, driven by environment variables:

- ``DATABASE_URL``: e.g. ``postgres://postgres@127.0.0.1:5432/policybase``;
  SQLite file ``db.sqlite3`` beside manage.py when unset.
- ``DJANGO_SECRET_KEY``: required when ``DJANGO_DEBUG`` is off.
- ``DJANGO_DEBUG``: "1"/"true" for development (the default), "0"/"false" in production.
- ``DJANGO_ALLOWED_HOSTS``: comma-separated host names.
- ``API_CACHE_SECONDS``: how long an anonymous API response stays cached
  (default 300; 0 turns the response cache off).  Entries are keyed by the
  data version, so a write makes them unreachable at once whatever this is.
- ``DJANGO_LOG_FILE``: where warnings and errors (every 500 with its
  traceback) are written; stderr when unset.  ``DJANGO_LOG_LEVEL``: WARNING.
- ``API_CACHE_URL``: e.g. ``redis://127.0.0.1:6379/1`` for one response
  cache shared by all workers, which then also
  holds the throttles' counts; unset, each worker keeps its own response
  cache in memory and the counts live in the database.
- ``API_ANON_RATE``, ``API_USER_RATE``, ``SITE_RATE``: throttle rates of
  anonymous API clients, signed-in API users, and the site's searches and
  exports.
- ``TRUSTED_PROXIES``: proxies whose ``X-Forwarded-For`` is believed.
- ``TASKS_BACKEND``: ``database`` (the default: jobs in the database, run by
  ``manage.py db_worker``) or ``rq`` (jobs in Redis at ``REDIS_URL``, run by
  ``manage.py rqworker``); ``INGEST_QUEUE`` names the queue (``default``).
- ``MEDIA_ROOT``: where uploaded and ingested originals are kept.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


DEBUG = env_bool("DJANGO_DEBUG", True)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off / "
            "生产环境必须设置 DJANGO_SECRET_KEY"
        )
    SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"

ALLOWED_HOSTS = [
    h.strip()
    for h in os.environ.get(
        "DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],testserver"
    ).split(",")
    if h.strip()
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "rest_framework.authtoken",
    "simple_history",
    "import_export",
    "axes",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "policybase",
    "documents",
    "measures",
    "targets",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # A NUL in the URL is a 400 before any view or database sees it.
    "policybase.errors.RefuseNulMiddleware",
    # SQLite: a write that cannot get the lock in WEB_WRITE_WAIT_MS (an
    # ingest holds it) is a 503 with Retry-After, not a 20 s wait and a 500.
    "policybase.busy.BusyWriterMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "documents.apikit.throttling.ExpensivePageThrottleMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as django-axes requires: it turns a lockout into a 429 page.
    "axes.middleware.AxesMiddleware",
]

# django-axes first, so a locked-out login never reaches the password check.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "policybase.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "policybase.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}", conn_max_age=60
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite has one writer at a time.  A deferred transaction that reads
    # first asks for the write lock only at its first write, and fails at
    # once with "database is locked" if another holds it (the busy timeout
    # does not cover that upgrade): begin every transaction IMMEDIATE, so a
    # second ingest or curator waits up to the timeout for the lock.
    # Write-ahead logging lets readers go on beside the writer, and with
    # synchronous=NORMAL a commit (each throttle count is one) no longer
    # waits for a sync of the journal.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        timeout=20,
        transaction_mode="IMMEDIATE",
        init_command="PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    )
# How long a web request waits for SQLite's write lock before it is answered
# 503 with Retry-After (policybase/busy.py); commands and workers keep 20 s.
WEB_WRITE_WAIT_MS = int(os.environ.get("WEB_WRITE_WAIT_MS", "1500"))

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# "api" holds the API's response cache (documents/apikit/caching.py).  The
# throttles count in the database (documents/apikit/throttling.py), or in
# the "default" cache when it is Redis (API_CACHE_URL): shared by every worker.
API_CACHE_SECONDS = int(os.environ.get("API_CACHE_SECONDS", 300))
API_CACHE_URL = os.environ.get("API_CACHE_URL", "")
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": API_CACHE_URL,
        "KEY_PREFIX": "shared",
    }
    if API_CACHE_URL
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "api": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache"
        if API_CACHE_URL
        else "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": API_CACHE_URL or "api-responses",
        "TIMEOUT": API_CACHE_SECONDS,
        "OPTIONS": {} if API_CACHE_URL else {"MAX_ENTRIES": 400},
    },
}
THROTTLE_COUNTS_IN_CACHE = bool(API_CACHE_URL)

# Proxies whose X-Forwarded-For is believed (addresses or networks,
# comma-separated).  The documented set-up runs gunicorn on 127.0.0.1 behind
# a proxy on the same machine; a client reaching gunicorn directly from
# elsewhere never has a loopback address, so trusting loopback is safe.
TRUSTED_PROXIES = [
    p.strip()
    for p in os.environ.get("TRUSTED_PROXIES", "127.0.0.1,::1").split(",")
    if p.strip()
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

REST_FRAMEWORK = {
    # Reads are anonymous; writes (curation) need a token or a session of a
    # user holding the model permissions (see documents/apikit/permissions.py).
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
        "documents.apikit.renderers.CSVRenderer",
    ],
    "EXCEPTION_HANDLER": "documents.apikit.errors.bilingual_exception_handler",
    "DEFAULT_PERMISSION_CLASSES": [
        "documents.apikit.permissions.ReadOnlyOrModelPermissions"
    ],
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "documents.apikit.filtering.StrictOrderingFilter",
    ],
    "DEFAULT_PAGINATION_CLASS": "documents.apikit.pagination.BoundedPageNumberPagination",
    "PAGE_SIZE": 50,
    "COERCE_DECIMAL_TO_STRING": False,
    "DEFAULT_SCHEMA_CLASS": "documents.apikit.schema.AutoSchema",
    # Counted in the database (or Redis), per address or per user; the
    # "site" rate is for the site's searches and exports (apikit/throttling.py).
    "DEFAULT_THROTTLE_CLASSES": [
        "documents.apikit.throttling.AnonThrottle",
        "documents.apikit.throttling.UserThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": os.environ.get("API_ANON_RATE", "600/minute"),
        "user": os.environ.get("API_USER_RATE", "1200/minute"),
        "site": os.environ.get("SITE_RATE", "120/minute"),
    },
}

SPECTACULAR_SETTINGS = {
    "TITLE": "吉林省科技政策知识库 API / Jilin S&T Policy Knowledge Base API",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "DESCRIPTION": (
        "Read-only for anonymous clients (throttled); curation writes need a token "
        "(`Authorization: Token <key>`) or a session with the curator permissions. "
        "Every list filters (see its parameters), orders (`ordering`) and pages "
        "(`page`, `page_size` ≤ 200). Add `format=csv` (UTF-8 with BOM) or "
        "`format=json` to any list to download the whole filtered list as a file. "
        "Errors: 400 names the offending parameter; messages are in Chinese and English."
    ),
    # Swagger UI and ReDoc from drf-spectacular-sidecar's static files: no CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "documents.apikit.schema.describe_path_parameters",
    ],
    "ENUM_NAME_OVERRIDES": {
        "SubsidyKindEnum": "measures.models.SubsidyKind",
        "ProvisionKindEnum": "documents.models.Provision.Kind",
        "ValidityStatusEnum": "documents.validity.ValidityStatus",
        "ValidityBasisEnum": "documents.validity.ValidityBasis",
    },
}

# Ingestion limits.  A text above INGEST_MAX_BYTES is refused: a text file
# before decoding, the text read from a PDF, Word file or scan once read.
# Any file above INGEST_MAX_FILE_BYTES is refused before it is read past
# that: a scanned PDF holds images, and twenty pages of it weigh tens of MB.
INGEST_MAX_BYTES = int(os.environ.get("INGEST_MAX_BYTES", 5 * 1024 * 1024))
# An uploaded file is read, then waits for a curator to confirm the metadata
# read from it before its document is written ("0": written at once).
UPLOAD_CONFIRMATION = os.environ.get("UPLOAD_CONFIRMATION", "1") != "0"
INGEST_MAX_FILE_BYTES = int(os.environ.get("INGEST_MAX_FILE_BYTES", 200 * 1024 * 1024))

# Every original file, uploaded or ingested from the command line, kept under
# its SHA-256 (documents.models.OriginalFile).  Several worker machines need
# one shared MEDIA_ROOT: the worker reads the upload the web server stored.
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "media/"

# Uploads are ingested by background workers through Django's Tasks API (the
# django-tasks backport).  The database backend needs no service beside the
# database (``manage.py db_worker``); RQ keeps the queue in Redis for many
# workers on many machines (``manage.py rqworker``).  The database backend's
# tables are installed either way, so that the migrations never depend on
# the choice.
TASKS_BACKEND = os.environ.get("TASKS_BACKEND", "database").strip().lower()
# The queue of the ingest task: another name lets several installations
# share one Redis (and the tests use queues of their own).
INGEST_QUEUE = os.environ.get("INGEST_QUEUE", "default")
# A job still running after this long is taken for lost whatever its worker
# looks like (a worker on another machine cannot be asked whether it lives);
# RQ also stops a job that runs longer.
INGEST_JOB_TIMEOUT = int(os.environ.get("INGEST_JOB_TIMEOUT", 3600))
if TASKS_BACKEND == "database":
    TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": [INGEST_QUEUE]}
    }
elif TASKS_BACKEND == "rq":
    INSTALLED_APPS += ["django_rq", "django_tasks_rq"]
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": [INGEST_QUEUE]}}
    REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
    RQ_QUEUES = {
        INGEST_QUEUE: {"URL": REDIS_URL, "DEFAULT_TIMEOUT": INGEST_JOB_TIMEOUT},
        # django-tasks-rq reads task results through the "default" connection.
        "default": {"URL": REDIS_URL, "DEFAULT_TIMEOUT": INGEST_JOB_TIMEOUT},
    }
else:
    raise ImproperlyConfigured(
        f"TASKS_BACKEND 只能是 database 或 rq，而不是 {TASKS_BACKEND!r} / "
        f"TASKS_BACKEND must be database or rq, not {TASKS_BACKEND!r}"
    )

# Warnings and errors, every 500 with its traceback: to stderr, or with
# DJANGO_LOG_FILE to that file (reopened when logrotate moves it).  Django's
# own defaults print only with DEBUG on, and otherwise mail ADMINS, which is
# not set: with DEBUG off a 500 was logged nowhere.
LOG_FILE = os.environ.get("DJANGO_LOG_FILE", "")
LOG_LEVEL = os.environ.get("DJANGO_LOG_LEVEL", "WARNING").upper()
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s [%(process)d] %(message)s"},
        "django.server": {
            "()": "django.utils.log.ServerFormatter",
            "format": "[{server_time}] {message}",
            "style": "{",
        },
    },
    "handlers": {
        "errors": {
            "class": "logging.handlers.WatchedFileHandler",
            "filename": LOG_FILE,
            "encoding": "utf-8",
            "formatter": "plain",
        }
        if LOG_FILE
        else {"class": "logging.StreamHandler", "formatter": "plain"},
        "django.server": {"class": "logging.StreamHandler", "formatter": "django.server"},
    },
    "root": {"handlers": ["errors"], "level": LOG_LEVEL},
    "loggers": {
        # Django's handlers (console with DEBUG on, mail otherwise) replaced
        # by the one above.
        "django": {"handlers": [], "level": LOG_LEVEL, "propagate": True},
        # 4xx answers are in the server's access log; 5xx with tracebacks here.
        "django.request": {"level": "ERROR"},
        # runserver's request lines, as Django's defaults print them (naming
        # "django" above resets its children, this one included).
        "django.server": {"handlers": ["django.server"], "level": "INFO", "propagate": False},
        "jieba": {"level": "WARNING"},
    },
}

# Production hardening (HTTPS, cookies, HSTS, framing), the
# Content-Security-Policy and the login lockout: see policybase/security.py.
from policybase import security  # noqa: E402

globals().update(security.production_settings(DEBUG))
CONTENT_SECURITY_POLICY = security.csp_settings()
globals().update(security.axes_settings())
# Fact imports in the admin run in a transaction: the preview is rolled back.
IMPORT_EXPORT_USE_TRANSACTIONS = True
# Importing changes facts (each row becomes a curation); exporting only reads.
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "change"
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "view"
# A fact import larger than this is refused before it is read (parsing takes
# many times the file's size in memory).
FACT_IMPORT_MAX_BYTES = int(os.environ.get("FACT_IMPORT_MAX_BYTES", 2 * 1024 * 1024))
