"""The test suite: fast hashing, plain static storage, SQLite in a file of its own."""

import os
import tempfile

from .dev import *  # noqa: F403

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A file, not Django's shared in-memory database: threads of a test (two writers at once) get
    # connections that lock as a server's do, where the in-memory one fails at once ("table is locked").
    # One file per test process, so runs side by side do not share it; removed after the run.
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": os.path.join(tempfile.gettempdir(), f"digiplan-test-{os.getpid()}.sqlite3")
    }

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# A stand-in model for the tests of the scoping gate; not part of the product (its migration lives
# with it, so PostgreSQL can create its foreign keys after the tables they point at).
INSTALLED_APPS = [*INSTALLED_APPS, "tests.scoping"]  # noqa: F405

# The suite makes many API calls in a short time (schemathesis); throttling has its own test.
REST_FRAMEWORK = {
    **REST_FRAMEWORK,  # noqa: F405
    "DEFAULT_THROTTLE_RATES": {"anon": "100000/hour", "user": "100000/hour"},
}

# Rows read through the scoping gate (``for_user(user, "view")``, ``for_aggregates``) use Django's
# FETCH_RAISE: a lazy load of a relation on them (a query per row that a selector forgot to
# ``select_related``) raises FieldFetchBlocked instead of passing unnoticed (STYLE.md 5). Not the global
# default (``django.db.models.query.DEFAULT_FETCH_MODE``): switched on for everything, 2,800 of 3,300 tests
# of the apps fail, nearly all inside third-party code that loads one related row legitimately (guardian's
# ``assign_perm`` reads ``Permission.content_type``; the admin, forms' choices, history). Writes follow the
# relations of the one object they change, so they keep FETCH_ONE (``ScopedQuerySet._strict``).
DIGIPLAN_FETCH_MODE_RAISE = True
