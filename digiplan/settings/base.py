"""Settings shared by every configuration; values that differ per installation come from the environment.

DESIGN.md §8: SQLite is the embedded default, PostgreSQL comes in through DATABASE_URL; static files are
served by the application itself (whitenoise), never from a CDN.
"""

import os
from pathlib import Path

import dj_database_url
import plotly
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


# Set by the production module; the demo command refuses its well-known logins when it is true.
DIGIPLAN_PRODUCTION = False

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
DEBUG = env_bool("DJANGO_DEBUG", False)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

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
    "knox",
    "guardian",
    "django_htmx",
    "simple_history",
    "django_tasks_db",
    "django_rq",
    "municipalities",
    "strategy",
    "portfolio",
    "staffing",
    "reports",
    "api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "municipalities.middleware.CurrentMunicipalityMiddleware",
]

# Content-Security-Policy on every response, in every environment (DESIGN.md §7, STYLE.md 7): everything
# from this server, nothing inline. Our templates have no inline script or style (charts are drawn by one
# static script from json_script data); a third-party page that needs an inline block (the admin's change
# list, the API docs) marks it with the per-request nonce, which is in the header only when used.
# plotly.js adds two <style> elements when it loads, allowed by their hashes (never 'unsafe-inline'): an
# empty one that it fills through the CSSOM with its own rules (plotly 3 no longer ships them as a file,
# plotly/plotly.js#7543), and MapLibre's stylesheet. A new plotly version may change the second hash:
# tests/e2e fail on any CSP violation in the browser's console and name the hash to put here.
PLOTLY_STYLE_HASHES = [
    "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='",  # "" (<style id="plotly.js-style-global">)
    "'sha256-ji27qzEtxXZW+7dun6UwjHXJ18e6WAin1VvNtkzIE/o='",  # MapLibre's CSS inside plotly.min.js 3.8.2
]
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE, *PLOTLY_STYLE_HASHES],
    # No style attributes, except the empty ones plotly's colour bars set before styling them by the CSSOM.
    "style-src-attr": [CSP.UNSAFE_HASHES, PLOTLY_STYLE_HASHES[0]],
    "img-src": [CSP.SELF, "data:"],
    "frame-ancestors": [CSP.NONE],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
}

ROOT_URLCONF = "digiplan.urls"
WSGI_APPLICATION = "digiplan.wsgi.application"
ASGI_APPLICATION = "digiplan.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "municipalities.context_processors.current_municipality",
                "django.template.context_processors.csp",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Concurrent writers queue instead of failing: a transaction takes the write lock when it begins
    # (IMMEDIATE), so a write that compares an ETag reads the row only after the writer before it has
    # committed; a waiting writer gives up after ``timeout`` seconds; readers do not block the writer (WAL).
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "guardian.backends.ObjectPermissionBackend",
]
# Anonymous visitors never hold object permissions here; the public dashboard is open by its own rule.
ANONYMOUS_USER_NAME = None
GUARDIAN_RAISE_403 = False

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# German is the default for German municipalities; each user can switch (language cookie).
LANGUAGE_CODE = "de"
LANGUAGES = [("de", _("German")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True
LANGUAGE_COOKIE_NAME = "digiplan_language"
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
LANGUAGE_COOKIE_SAMESITE = "Lax"

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
NODE_MODULES = BASE_DIR / "node_modules"
# Front-end packages come from the npm registry at set-up (package-lock.json) and are served from here.
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("vendor/bootstrap", NODE_MODULES / "bootstrap" / "dist"),
    ("vendor/htmx", NODE_MODULES / "htmx.org" / "dist"),
    # plotly.js as shipped inside the installed plotly package, so the charts match the Python side.
    ("vendor/plotly", Path(plotly.__file__).parent / "package_data"),
    # Its locales (German month names, toolbar, separators), loaded by templates/_charts_head.html.
    ("vendor/plotly-locales", NODE_MODULES / "plotly.js-locales"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# The REST API (DESIGN.md §7): session or token login, the scoping gate in every viewset (api/viewsets.py),
# filtering, ordering, search, pagination, an OpenAPI schema and throttling.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "api.authentication.TokenAuthentication",  # knox's, answering 401 to headers no token can have
    ],
    # JSON nested deeper than api.parsers.MAX_DEPTH is a 400, not a RecursionError.
    "DEFAULT_PARSER_CLASSES": [
        "api.parsers.JSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_FILTER_BACKENDS": [
        "api.filters.RefuseNullCharacters",
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.OrderingFilter",
        "rest_framework.filters.SearchFilter",
    ],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.Pagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "api.schema.AutoSchema",  # documents every refusal (400/401/403/404/409/412)
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": os.environ.get("DIGIPLAN_THROTTLE_ANON", "60/hour"),
        "user": os.environ.get("DIGIPLAN_THROTTLE_USER", "5000/hour"),
    },
    "EXCEPTION_HANDLER": "api.errors.exception_handler",
}
REST_KNOX = {
    "TOKEN_TTL": None,  # a token lives until its owner revokes it (or sets an expiry when creating it)
    "AUTH_HEADER_PREFIX": "Token",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Digiplan API",
    "DESCRIPTION": "Digital strategy, portfolio and skills of a municipality. Every list and object is "
    "limited to what the caller's roles allow; objects of other municipalities do not exist for the caller "
    "(404). Writes accept If-Match with the ETag of a read; a stale one is refused with 412.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # The schema says what the server answers and checks (api.schema): every refusal, If-Match and ETag.
    "POSTPROCESSING_HOOKS": ["drf_spectacular.hooks.postprocess_schema_enums", "api.schema.postprocess"],
    # Clients send JSON; the form encodings are the browsable API's (a form cannot say null or nest).
    "PARSER_WHITELIST": ["api.parsers.JSONParser"],
    "ENUM_NAME_OVERRIDES": {
        "HandlingEnum": "portfolio.models.services.Handling",
        "TrafficLightEnum": "portfolio.models.projects.TrafficLight",
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
}


# Background work (DESIGN.md §8; issue 17) through Django's task framework (``django.tasks``). The embedded
# default keeps the queue in the database (django-tasks-db): ``make run`` starts its worker
# (``manage.py db_worker``) beside the server, nothing else to install. ``DIGIPLAN_TASKS=rq`` puts the queue
# on Redis (django-tasks-rq, ``REDIS_URL``) for several workers on several machines (``manage.py rqworker``).
DIGIPLAN_TASKS = os.environ.get("DIGIPLAN_TASKS", "db")
REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
RQ_QUEUES = {"default": {"URL": REDIS_URL, "DEFAULT_TIMEOUT": 1800}}
TASKS = {
    "default": {
        "BACKEND": "django_tasks_rq.RQBackend"
        if DIGIPLAN_TASKS == "rq"
        else "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default"],
    }
}
# A file still "being made" without progress for this long is one whose worker stopped; it shows as failed
# and can be asked for again (``reports.models.ReportFile.stalled``).
DIGIPLAN_TASK_STALLED_AFTER = int(os.environ.get("DIGIPLAN_TASK_STALLED_AFTER", "600"))

# The address of this installation, for the links in e-mails (reminders).
DIGIPLAN_SITE_URL = os.environ.get("DIGIPLAN_SITE_URL", "http://127.0.0.1:8000/")
