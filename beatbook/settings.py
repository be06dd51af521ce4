"""Beatbook settings, read from the environment (documented in .env.example).

Development works with no configuration (SQLite under ./var, DEBUG on). With DEBUG off the
service refuses to start until SECRET_KEY and ALLOWED_HOSTS are set.
"""

from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from beatbook.lib.env import env_bool, env_int, env_list, env_secret, env_str

BASE_DIR = Path(__file__).resolve().parent
REPO_DIR = BASE_DIR.parent
DATA_DIR = Path(env_str("BEATBOOK_DATA_DIR", str(REPO_DIR / "var")))

DEBUG = env_bool("DEBUG", True)

SECRET_KEY = env_secret("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Production (DEBUG=false) refuses to start without it: set SECRET_KEY "
            "(or SECRET_KEY_FILE) to a random string of at least 50 characters."
        )
    SECRET_KEY = "django-insecure-development-only-key-never-use-in-production"  # noqa: S105

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"] if DEBUG else [])
if not DEBUG and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS is not set: list the host names this service answers to.")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

# The name the service shows in its header, page titles and emails.
SERVICE_NAME = env_str("BEATBOOK_SERVICE_NAME", "Beatbook")
# Map tiles (used by later map pages): empty means maps draw with no basemap.
MAP_TILE_URL = env_str("BEATBOOK_MAP_TILE_URL", "")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "csp",
    "ninja",
    "beatbook.web",
    "beatbook.audit",
    "beatbook.areas",
    "beatbook.accounts",
    "beatbook.workforce",
    "beatbook.crime",
    "beatbook.hotspots",
    "beatbook.neighbourhoods",
    "beatbook.public",
    "beatbook.demo",
    "beatbook.api",
    "beatbook.scrutiny",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "beatbook.web.middleware.CorrelationIdMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "beatbook.accounts.middleware.SessionTimeoutMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "beatbook.web.middleware.NoStoreForStaffMiddleware",
]

ROOT_URLCONF = "beatbook.urls"
WSGI_APPLICATION = "beatbook.wsgi.application"

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
                "csp.context_processors.nonce",
                "beatbook.web.context.service",
            ],
            "builtins": ["beatbook.web.templatetags.govuk", "django.contrib.humanize.templatetags.humanize"],
        },
    }
]
# Every form renders through the GOV.UK field and widget templates in templates/forms/.
FORM_RENDERER = "beatbook.web.forms.GovukFormRenderer"


def _database_settings() -> dict:
    url = env_str("DATABASE_URL")
    if not url:
        DATA_DIR.mkdir(parents=True, exist_ok=True)
        url = f"sqlite:///{DATA_DIR / 'beatbook.sqlite3'}"
    try:
        database = dj_database_url.parse(url, conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0))
    except ValueError as error:
        raise ImproperlyConfigured(f"DATABASE_URL is not a database URL this service understands: {error}") from None
    if database["ENGINE"] == "django.db.backends.sqlite3":
        # WAL lets readers work while an import writes; IMMEDIATE avoids "database is locked"
        # surprises when two writers meet inside transactions.
        database["OPTIONS"] = {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    database["TEST"] = {"NAME": env_str("TEST_DATABASE_NAME") or None}
    return database


DATABASES = {"default": _database_settings()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "accounts:login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Lockout: this many failed logins for one username from one address within the window
# locks that pair out for the window (keyed on both, so nobody can lock out a whole team).
LOGIN_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
LOGIN_LOCKOUT_MINUTES = env_int("LOGIN_LOCKOUT_MINUTES", 15)
# Sessions end after 30 minutes idle or 12 hours in all (ASVS 4.0.3 3.3.2, level 2).
SESSION_IDLE_TIMEOUT_SECONDS = env_int("SESSION_IDLE_TIMEOUT_SECONDS", 30 * 60)
SESSION_ABSOLUTE_TIMEOUT_SECONDS = env_int("SESSION_ABSOLUTE_TIMEOUT_SECONDS", 12 * 60 * 60)
SESSION_COOKIE_AGE = SESSION_ABSOLUTE_TIMEOUT_SECONDS
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

SECURE = not DEBUG
SESSION_COOKIE_SECURE = SECURE
CSRF_COOKIE_SECURE = SECURE
if SECURE:
    # __Host- cookies are only accepted over HTTPS, so they are for production only.
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", SECURE)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("BEHIND_TLS_PROXY", False) else None
SECURE_HSTS_SECONDS = 31_536_000 if SECURE else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE
# Preloading commits every subdomain of the force's domain to HTTPS for good: a decision for the
# force's domain owner, so it is off unless they set it, and Django's reminder (W021) is silenced.
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"] + ([MAP_TILE_URL.split("/{")[0]] if MAP_TILE_URL else []),
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"  # shown to people; storage is always UTC
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "staticfiles"
STATICFILES_DIRS = [REPO_DIR / "build" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# In development and tests WhiteNoise serves straight from the finders, no collectstatic needed.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

NINJA_PAGINATION_PER_PAGE = 100

# Web uploads for import: the largest file accepted, and whether the web process runs the import in
# a background thread (else `beatbook process_imports` must run them).
UPLOAD_MAX_MB = env_int("BEATBOOK_UPLOAD_MAX_MB", 200)
IMPORTS_IN_BACKGROUND = env_bool("BEATBOOK_IMPORTS_IN_BACKGROUND", True)
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440  # form fields; files stream to disk past FILE_UPLOAD_MAX_MEMORY_SIZE

# Public scrutiny (beatbook/scrutiny): the overseer's title, and the rules for public questions.
LOCAL_POLICING_BODY_TITLE = env_str("BEATBOOK_LOCAL_POLICING_BODY_TITLE", "Police and Crime Commissioner")
SCRUTINY_QUESTION_NOTICE_WORKING_DAYS = env_int("BEATBOOK_SCRUTINY_QUESTION_NOTICE_WORKING_DAYS", 10)
SCRUTINY_ANSWER_DUE_WORKING_DAYS = env_int("BEATBOOK_SCRUTINY_ANSWER_DUE_WORKING_DAYS", 3)
SCRUTINY_VERY_OVERDUE_WORKING_DAYS = env_int("BEATBOOK_SCRUTINY_VERY_OVERDUE_WORKING_DAYS", 5)
SCRUTINY_QUESTIONS_PER_PERSON = env_int("BEATBOOK_SCRUTINY_QUESTIONS_PER_PERSON", 2)
SCRUTINY_REPEAT_MONTHS = env_int("BEATBOOK_SCRUTINY_REPEAT_MONTHS", 6)
SCRUTINY_QUESTIONS_PER_HOUR_PER_ADDRESS = env_int("BEATBOOK_SCRUTINY_QUESTIONS_PER_HOUR_PER_ADDRESS", 5)
# The areas an asker chooses from, published with the question ("Resident from Bolsover"): council districts.
SCRUTINY_ASKER_AREAS = env_list(
    "BEATBOOK_SCRUTINY_ASKER_AREAS",
    [
        "Amber Valley",
        "Bolsover",
        "Chesterfield",
        "Derby City",
        "Derbyshire Dales",
        "Erewash",
        "High Peak",
        "North East Derbyshire",
        "South Derbyshire",
    ],
)
