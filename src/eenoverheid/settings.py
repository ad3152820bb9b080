"""Settings for Eén Overheid.

Every value comes from the environment, with a development default that works on a
fresh machine (SQLite in the project folder, e-mail printed to the console). Production
differs only in environment values; `.env.example` lists them.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent.parent
VAR_DIR = Path(os.environ.get("EENOVERHEID_VAR_DIR", PROJECT_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
# The development key is only ever used when SECRET_KEY is unset; `check --deploy`
# rejects it because it is short and marked insecure.
SECRET_KEY = os.environ.get("SECRET_KEY", "django-insecure-development-only-eenoverheid")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")

INSTALLED_APPS = [
    # First, so that its templates override allauth's and the admin's.
    "eenoverheid.core",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "template_partials",
    "ninja",
    "allauth",
    "allauth.account",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "allauth.mfa",
    "allauth.usersessions",
    "django_tasks",
    "django_tasks_db",
    "eenoverheid.accounts",
    "eenoverheid.organizations",
    "eenoverheid.search",
    "eenoverheid.people",
    "eenoverheid.communities",
    "eenoverheid.datasets",
    "eenoverheid.notifications",
    "eenoverheid.challenges",
    "eenoverheid.workplaces",
    "eenoverheid.ledger",
    "eenoverheid.reviews",
    "eenoverheid.learning",
    "eenoverheid.marketplace",
    "eenoverheid.solutions",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "allauth.usersessions.middleware.UserSessionsMiddleware",
    "eenoverheid.accounts.middleware.RequireMfaMiddleware",
    "eenoverheid.core.middleware.ContentSecurityPolicyMiddleware",
    "eenoverheid.core.middleware.AuditContextMiddleware",
    "eenoverheid.core.middleware.RejectNulMiddleware",
]

ROOT_URLCONF = "eenoverheid.urls"
WSGI_APPLICATION = "eenoverheid.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "eenoverheid.core.context_processors.platform",
            ],
        },
    }
]

# --- Database -------------------------------------------------------------------------
# SQLite by default, in WAL mode with a busy timeout and IMMEDIATE transactions so that
# concurrent writers queue instead of failing with "database is locked".
VAR_DIR.mkdir(parents=True, exist_ok=True)
DATABASE_URL = os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'eenoverheid.sqlite3'}")
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=0)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": (
            "PRAGMA journal_mode=WAL;"
            "PRAGMA synchronous=NORMAL;"
            "PRAGMA foreign_keys=ON;"
            "PRAGMA busy_timeout=20000;"
        ),
    }
    # Tests on SQLite run in a file, not in memory, so the live-server thread of the
    # browser tests and the concurrency tests see the same WAL database.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test.sqlite3")}
else:
    # Keep a server connection per web thread for a while: opening one costs about as
    # much as a booking's queries (measured in bench/workplaces.py).
    DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("DATABASE_CONN_MAX_AGE", "60"))
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
IS_POSTGRES = DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "eenoverheid.accounts.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "core:dashboard"
LOGOUT_REDIRECT_URL = "core:home"

# --- django-allauth ---------------------------------------------------------------------
ACCOUNT_ADAPTER = "eenoverheid.accounts.adapter.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Eén Overheid] "
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_PRESERVE_USERNAME_CASING = False
ACCOUNT_FORMS = {
    "login": "eenoverheid.accounts.forms.LoginForm",
    "signup": "eenoverheid.accounts.forms.SignupForm",
}
ACCOUNT_RATE_LIMITS = {
    # allauth's defaults, kept explicit: failed sign-ins per address and per account.
    "login_failed": "10/m/ip,5/5m/key",
}

# Sign-in with one's own organization: each organization's OpenID Connect providers are
# rows of allauth's SocialApp, made and kept in step by accounts.services.
SOCIALACCOUNT_ADAPTER = "eenoverheid.accounts.adapter.SocialAccountAdapter"
SOCIALACCOUNT_AUTO_SIGNUP = True
SOCIALACCOUNT_EMAIL_REQUIRED = True
# The organization's provider vouches for the addresses on its own domains; the adapter
# refuses any other address.
SOCIALACCOUNT_EMAIL_VERIFICATION = "none"
SOCIALACCOUNT_STORE_TOKENS = False
SOCIALACCOUNT_LOGIN_ON_GET = False
SOCIALACCOUNT_PROVIDERS = {"openid_connect": {"OAUTH_PKCE_ENABLED": True}}
# Outgoing calls to identity providers (discovery, token, userinfo) give up after this.
# Issuers must be https://, except on loopback during development and in the tests.
OIDC_ALLOW_HTTP_LOOPBACK = env_bool("OIDC_ALLOW_HTTP_LOOPBACK", DEBUG)
SOCIALACCOUNT_REQUESTS_TIMEOUT = int(os.environ.get("OIDC_TIMEOUT_SECONDS", "10"))

# Multi-factor authentication for password sign-in; required for administrators
# (accounts.middleware.RequireMfaMiddleware).
MFA_SUPPORTED_TYPES = ["totp", "webauthn", "recovery_codes"]
MFA_TOTP_ISSUER = "Eén Overheid"
MFA_PASSKEY_LOGIN_ENABLED = False
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = env_bool("MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN", DEBUG)
USERSESSIONS_TRACK_ACTIVITY = False

# --- Internationalization -------------------------------------------------------------------
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

# --- Static files -----------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", PROJECT_DIR / "staticfiles"))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
# Uploaded files go through Django's storage API: a local folder by default, or any
# S3-compatible store (MinIO, Ceph, a cloud bucket) when S3_BUCKET is set and the `s3` extra
# is installed (`pip install -e '.[s3]'`).
DEFAULT_FILE_STORAGE_CONFIG = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
if os.environ.get("S3_BUCKET"):
    DEFAULT_FILE_STORAGE_CONFIG = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["S3_BUCKET"],
            "endpoint_url": os.environ.get("S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("S3_REGION") or None,
            "access_key": os.environ.get("S3_ACCESS_KEY_ID") or None,
            "secret_key": os.environ.get("S3_SECRET_ACCESS_KEY") or None,
            "default_acl": None,
            "file_overwrite": False,
            "querystring_auth": True,
        },
    }
# Uploaded images are served from the S3 endpoint when there is one (see the CSP).
S3_ORIGIN = os.environ.get("S3_PUBLIC_ORIGIN") or os.environ.get("S3_ENDPOINT_URL", "")
STORAGES = {
    "default": DEFAULT_FILE_STORAGE_CONFIG,
    "staticfiles": {
        "BACKEND": os.environ.get(
            "STATICFILES_STORAGE",
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if not DEBUG
            else "django.contrib.staticfiles.storage.StaticFilesStorage",
        )
    },
}
# Without a collected manifest (tests, a first run) whitenoise serves from the finders.
WHITENOISE_USE_FINDERS = True
WHITENOISE_MANIFEST_STRICT = False

# --- E-mail ------------------------------------------------------------------------------
# Every message goes through the task queue: the backend Django sees only enqueues, and
# the worker hands the message to EMAIL_DELIVERY_BACKEND.
EMAIL_BACKEND = "eenoverheid.core.mail.TaskEmailBackend"
EMAIL_DELIVERY_BACKEND = os.environ.get(
    "EMAIL_DELIVERY_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Eén Overheid <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Background tasks ------------------------------------------------------------------
TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default", "email"],
    }
}

# --- Search ------------------------------------------------------------------------------
SEARCH_BACKEND = os.environ.get("SEARCH_BACKEND", "tantivy")
SEARCH_INDEX_DIR = Path(os.environ.get("SEARCH_INDEX_DIR", VAR_DIR / "search-index"))

# --- API -------------------------------------------------------------------------------------
NINJA_PAGINATION_CLASS = "eenoverheid.core.pagination.Pagination"
NINJA_PAGINATION_PER_PAGE = 20
NINJA_PAGINATION_MAX_PER_PAGE_SIZE = 100
API_TOKEN_DEFAULT_DAYS = int(os.environ.get("API_TOKEN_DEFAULT_DAYS", "365"))

# --- Security ------------------------------------------------------------------------------
SECURE = env_bool("SECURE", not DEBUG and not SECRET_KEY.startswith("django-insecure"))
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = SECURE
CSRF_COOKIE_SECURE = SECURE
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", SECURE)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000" if SECURE else "0"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE
SECURE_HSTS_PRELOAD = SECURE
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if SECURE else None
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Scripts only from the platform itself, never inline or eval'd. Inline style attributes
# remain allowed (a few layouts and htmx's indicator style set them); they cannot run
# code. form-action is left open: signing in sends the browser on to the organization's
# own identity provider.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:" + (f" {S3_ORIGIN}" if S3_ORIGIN else ""),
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "frame-ancestors 'none'",
    ]
)
SESSION_COOKIE_SAMESITE = "Lax"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
        "django_tasks_db": {"level": "WARNING"},
    },
}

# Capabilities that add what a person wrote to their own data export (GDPR).
PERSONAL_DATA_EXPORTERS = {
    "peer_review": "eenoverheid.reviews.services.export_for",
    "courses": "eenoverheid.learning.services.export_for",
    "marketplace": "eenoverheid.marketplace.services.export_for",
    "solutions_initiatives_ideas": "eenoverheid.solutions.services.export_for",
}

# Capabilities that add a section to a person's profile page: a function of (viewer,
# profile) that returns a dict with the template to include and its context.
PROFILE_SECTIONS = {
    "marketplace": "eenoverheid.marketplace.selectors.profile_section",
}

# The platform's navigation: each capability adds its entry here when it lands, so the
# header, the dashboard and the accessibility test all see the same list.
NAVIGATION = [
    {"url_name": "core:home", "label": _("Home")},
    {"url_name": "core:dashboard", "label": _("Dashboard"), "login_required": True},
    {"url_name": "people:search", "label": _("People")},
    {"url_name": "people:my_profile", "label": _("My profile"), "login_required": True},
    {"url_name": "communities:catalogue", "label": _("Communities")},
    {"url_name": "notifications:list", "label": _("Notifications"), "login_required": True},
    {"url_name": "challenges:list", "label": _("Challenges")},
    {"url_name": "workplaces:search", "label": _("Workplaces")},
    {"url_name": "marketplace:search", "label": _("Gigs and vacancies")},
    {"url_name": "learning:catalogue", "label": _("Courses")},
    {"url_name": "reviews:list", "label": _("Peer review"), "login_required": True},
    {"url_name": "ledger:accounts", "label": _("Points"), "login_required": True},
    {"url_name": "solutions:list", "label": _("Shared solutions")},
    {"url_name": "solutions:initiatives", "label": _("Joint initiatives")},
    {"url_name": "solutions:ideas", "label": _("Ideas")},
    {"url_name": "organizations:register", "label": _("Organizations")},
    {"url_name": "organizations:covering", "label": _("Who covers my municipality")},
    {"url_name": "datasets:list", "label": _("Datasets")},
    {"url_name": "api:openapi-view", "label": _("API")},
]
