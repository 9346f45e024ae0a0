"""The test suite: fast hashing, plain static storage."""

from .dev import *  # noqa: F403

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# A stand-in model for the tests of the scoping gate; not part of the product (its migration lives
# with it, so PostgreSQL can create its foreign keys after the tables they point at).
INSTALLED_APPS = [*INSTALLED_APPS, "tests.scoping"]  # noqa: F405
