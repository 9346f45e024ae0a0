"""The test suite: fast hashing, plain static storage."""

from .dev import *  # noqa: F403

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
