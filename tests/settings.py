"""Test settings: the real settings, with tasks run at once and e-mail kept in memory."""

import os

from eenoverheid.settings import *  # noqa: F403
from eenoverheid.settings import DATABASES, INSTALLED_APPS, STORAGES

INSTALLED_APPS = [*INSTALLED_APPS, "tests.testapp"]
TASKS = {
    "default": {
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
        "QUEUES": ["default", "email"],
    }
}
EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
ACCOUNT_RATE_LIMITS = False

# whitenoise warns when STATIC_ROOT is missing, as it is on a fresh clone; tests serve
# static files from the finders, so an empty folder is all it needs.
STATIC_ROOT = VAR_DIR / "test-static"  # noqa: F405
STATIC_ROOT.mkdir(parents=True, exist_ok=True)

# Each pytest-xdist worker has its own index (tantivy allows one writer per index); the
# test database gets its own name per worker from pytest-django. Runs started side by
# side without xdist (the two halves of the OpenAPI conformance run) say TEST_RUN, and
# get their own index and test database.
_RUN = os.environ.get("TEST_RUN", "")
_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "main")
SEARCH_INDEX_DIR = VAR_DIR / f"test-search-index-{_RUN or _WORKER}"  # noqa: F405
if _RUN:
    if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        _NAME = str(VAR_DIR / f"test-{_RUN}.sqlite3")  # noqa: F405
    else:
        _NAME = f"test_{DATABASES['default']['NAME']}_{_RUN}"
    DATABASES["default"]["TEST"] = {"NAME": _NAME}

# The OpenID Connect provider of the sign-in tests runs on http://127.0.0.1.
OIDC_ALLOW_HTTP_LOOPBACK = True
# The browser tests' live server speaks plain http on localhost.
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = True
