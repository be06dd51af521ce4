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
    "beatbook.problemsolving",
    "beatbook.asb",
    "beatbook.stopsearch",
    "beatbook.outcomes",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "beatbook.maps",
    "beatbook.counts",
    "django_tasks",
    "django_tasks_db",
    "beatbook.jobs",
    "beatbook.ops",
    "beatbook.contact",
    "beatbook.community",
    "beatbook.scrutiny",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "beatbook.web.middleware.CorrelationIdMiddleware",
    "beatbook.web.middleware.RefuseNulMiddleware",
    "beatbook.counts.middleware.DataVersionOncePerRequestMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "beatbook.accounts.middleware.SessionTimeoutMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "beatbook.web.middleware.NoStoreForStaffMiddleware",
    "beatbook.web.resubmission.RepeatPostMiddleware",  # before drafts: a replayed draft is not a repeat
    "beatbook.web.drafts.DraftMiddleware",
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
        # Persistent connections (checked before reuse): opening a PostgreSQL connection for every request
        # cost more than serving a cached page.
        database = dj_database_url.parse(
            url, conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 600), conn_health_checks=True
        )
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

# Lockout (django-axes, settings at the end): this many failed logins for one username from one
# address lock that pair out for the window (keyed on both, so nobody can lock out a whole team).
LOGIN_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
LOGIN_LOCKOUT_MINUTES = env_int("LOGIN_LOCKOUT_MINUTES", 15)
# Sessions end after 30 minutes idle or 12 hours in all (ASVS 4.0.3 3.3.2, level 2).
SESSION_IDLE_TIMEOUT_SECONDS = env_int("SESSION_IDLE_TIMEOUT_SECONDS", 30 * 60)
SESSION_ABSOLUTE_TIMEOUT_SECONDS = env_int("SESSION_ABSOLUTE_TIMEOUT_SECONDS", 12 * 60 * 60)
SESSION_COOKIE_AGE = SESSION_ABSOLUTE_TIMEOUT_SECONDS
# Sessions are kept in the database and read through the cache (DATA_DIR/cache, shared by every process on
# the machine): a query less on every signed-in request. Sign-out deletes both. Roles and disabled accounts
# are not in the session: they are read from the database on every request (beatbook.accounts.backends).
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
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

# Problem solving and ASB (issue 13). The Crime and Policing Act 2026 ASB changes (72-hour dispersal) apply
# to uses from ASB_RULES_2026_FROM (an ISO date; empty: not yet commenced). The Case Review threshold is the
# statutory 3 unless the local procedure sets a lower number. Groupings of local authorities (North /
# South / City, community safety partnerships) come from a JSON file {force code: {group: [LA codes]}}.
ASB_RULES_2026_FROM = env_str("ASB_RULES_2026_FROM", "")
CASE_REVIEW_THRESHOLD = env_int("CASE_REVIEW_THRESHOLD", 3)
LOCAL_AUTHORITY_GROUPS_FILE = env_str(
    "LOCAL_AUTHORITY_GROUPS_FILE", str(REPO_DIR / "beatbook" / "demo" / "data" / "local-authority-groups.json")
)
# --- Accounts security (issue 11: lockout, client address, MFA, tokens, email) -------------------
from datetime import timedelta  # noqa: E402

# django-axes counts failed sign-ins per (username, client address); the sign-in view serialises the
# attempts on one account so 20 parallel guesses cannot slip past the limit (docs/access.md).
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "beatbook.accounts.backends.MembershipsModelBackend"]
AXES_FAILURE_LIMIT = LOGIN_FAILURE_LIMIT
AXES_COOLOFF_TIME = timedelta(minutes=LOGIN_LOCKOUT_MINUTES)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# A lockout lasts exactly LOGIN_LOCKOUT_MINUTES: attempts during it are refused unread, not counted.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_ENABLE_ADMIN = False
AXES_CLIENT_IP_CALLABLE = "beatbook.audit.record.client_ip"
AXES_USERNAME_CALLABLE = "beatbook.accounts.signin.axes_username"
LOGGING["loggers"]["axes"] = {"level": "WARNING"}
# The sign-in view answers a lockout itself (the GOV.UK page, an audit row), so no Axes middleware.
SILENCED_SYSTEM_CHECKS = [*SILENCED_SYSTEM_CHECKS, "axes.W002"]
# The reverse proxies (addresses) whose X-Forwarded-For is believed; empty means REMOTE_ADDR is the
# client. Only the rightmost address not itself a trusted proxy counts (docs/deployment.md).
TRUSTED_PROXIES = env_list("BEATBOOK_TRUSTED_PROXIES", [])

# Second factor (TOTP, django-otp): required for these roles, optional for everyone else.
MFA_REQUIRED_ROLES = env_list("BEATBOOK_MFA_REQUIRED_ROLES", ["admin", "analyst", "scrutiny"])
OTP_TOTP_ISSUER = SERVICE_NAME
MFA_RECOVERY_CODES = 10
# How long a correct password waits for its code before the sign-in starts again (seconds).
MFA_PENDING_SECONDS = 300

# Personal API tokens expire this many days after they are made.
API_TOKEN_LIFETIME_DAYS = env_int("BEATBOOK_API_TOKEN_LIFETIME_DAYS", 90)

# Email: the console in development (links are printed where the server runs), SMTP in production.
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend" if DEBUG else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_secret("EMAIL_HOST_PASSWORD")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "beatbook@localhost")
# Set-password links sent by administrators stay valid this long (seconds; Django's default is 3 days).
PASSWORD_RESET_TIMEOUT = env_int("PASSWORD_RESET_TIMEOUT", 24 * 60 * 60)

# Optional sign-in through the force's identity provider (OpenID Connect; beatbook/accounts/oidc.py).
OIDC_ENABLED = bool(env_str("BEATBOOK_OIDC_CLIENT_ID"))
OIDC_PROVIDER_NAME = env_str("BEATBOOK_OIDC_PROVIDER_NAME", "your force account")
OIDC_MFA_AMR_VALUES = env_list("BEATBOOK_OIDC_MFA_AMR_VALUES", ["mfa", "otp", "hwk", "swk", "fido", "sc", "face"])
if OIDC_ENABLED:
    OIDC_RP_CLIENT_ID = env_str("BEATBOOK_OIDC_CLIENT_ID")
    OIDC_RP_CLIENT_SECRET = env_secret("BEATBOOK_OIDC_CLIENT_SECRET")
    OIDC_OP_AUTHORIZATION_ENDPOINT = env_str("BEATBOOK_OIDC_AUTHORIZATION_ENDPOINT")
    OIDC_OP_TOKEN_ENDPOINT = env_str("BEATBOOK_OIDC_TOKEN_ENDPOINT")
    OIDC_OP_USER_ENDPOINT = env_str("BEATBOOK_OIDC_USERINFO_ENDPOINT")
    OIDC_OP_JWKS_ENDPOINT = env_str("BEATBOOK_OIDC_JWKS_ENDPOINT")
    if not all([OIDC_RP_CLIENT_SECRET, OIDC_OP_AUTHORIZATION_ENDPOINT, OIDC_OP_TOKEN_ENDPOINT, OIDC_OP_JWKS_ENDPOINT]):
        raise ImproperlyConfigured(
            "BEATBOOK_OIDC_CLIENT_ID is set: also set BEATBOOK_OIDC_CLIENT_SECRET and the provider's "
            "BEATBOOK_OIDC_AUTHORIZATION_ENDPOINT, _TOKEN_ENDPOINT, _USERINFO_ENDPOINT and _JWKS_ENDPOINT."
        )
    OIDC_RP_SIGN_ALGO = "RS256"
    OIDC_RP_SCOPES = "openid email"
    OIDC_USE_PKCE = True
    OIDC_CREATE_USER = False
    OIDC_AUTHENTICATION_CALLBACK_URL = "accounts:oidc_authentication_callback"
    OIDC_CALLBACK_CLASS = "beatbook.accounts.oidc.ForceIdentityCallbackView"
    LOGIN_REDIRECT_URL_FAILURE = "/sign-in/"
    AUTHENTICATION_BACKENDS = [*AUTHENTICATION_BACKENDS, "beatbook.accounts.oidc.ForceIdentityBackend"]
# Officers may correct or withdraw their own engagement and abstraction records for this long after
# recording them; public "your area" searches allowed per client address: (requests, seconds).
RECORD_EDIT_WINDOW_HOURS = env_int("BEATBOOK_RECORD_EDIT_WINDOW_HOURS", 7 * 24)
PUBLIC_SEARCH_RATE = (env_int("BEATBOOK_PUBLIC_SEARCHES_PER_MINUTE", 30), 60)
# A public neighbourhood page is cached whole for this long (and anew after each import): an officer's,
# contact's or priority's change shows on it within this time. 0 turns the cache off.
PUBLIC_PAGE_CACHE_SECONDS = env_int("BEATBOOK_PUBLIC_PAGE_CACHE_SECONDS", 60)
# Pages cache their computed tables keyed by the data version (beatbook.counts), so a cached page never
# outlives an import. Web and worker processes share DATA_DIR (uploads wait there for the worker), so they
# share this file cache too: an import's progress, written by the worker, is read by whichever web process
# shows the page. CACHE_DIR puts it elsewhere (e.g. a tmpfs shared by one machine's processes).
# CACHE_TIMEOUT applies to other entries (progress, counters): page results never expire by time (see
# beatbook.counts.cache). FileBasedCache culls a random third of its files once it holds more than
# CACHE_MAX_ENTRIES, so that is sized well above the warmed pages of a national deployment (44 forces ×
# 13 areas × about 6 parts ≈ 3,500) plus the periods people pick.
CACHE_TIMEOUT = env_int("CACHE_TIMEOUT", 3600)
CACHE_MAX_ENTRIES = env_int("CACHE_MAX_ENTRIES", 50_000)
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": env_str("CACHE_DIR") or str(DATA_DIR / "cache"),
        "TIMEOUT": CACHE_TIMEOUT,
        "OPTIONS": {"MAX_ENTRIES": CACHE_MAX_ENTRIES},
    }
}
# The job queue (django-tasks with its database backend): web imports and other long work run in
# `beatbook worker` processes, never in a web process. A job whose worker dies is retried up to
# JOBS_MAX_ATTEMPTS claims in all, then failed (see beatbook/jobs/reaper.py).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
JOBS_MAX_ATTEMPTS = env_int("BEATBOOK_JOBS_MAX_ATTEMPTS", 3)
JOBS_HEARTBEAT_SECONDS = env_int("BEATBOOK_JOBS_HEARTBEAT_SECONDS", 10)
JOBS_REAP_SECONDS = env_int("BEATBOOK_JOBS_REAP_SECONDS", 60)
# A worker on another machine is presumed dead once its heartbeat is this old (workers on this machine
# are checked by process id at once).
JOBS_LEASE_SECONDS = env_int("BEATBOOK_JOBS_LEASE_SECONDS", 120)
# Public scrutiny (beatbook/scrutiny): the overseer's title, and the rules for public questions.
LOCAL_POLICING_BODY_TITLE = env_str("BEATBOOK_LOCAL_POLICING_BODY_TITLE", "Police and Crime Commissioner")
SCRUTINY_QUESTION_NOTICE_WORKING_DAYS = env_int("BEATBOOK_SCRUTINY_QUESTION_NOTICE_WORKING_DAYS", 10)
SCRUTINY_ANSWER_DUE_WORKING_DAYS = env_int("BEATBOOK_SCRUTINY_ANSWER_DUE_WORKING_DAYS", 3)
SCRUTINY_VERY_OVERDUE_WORKING_DAYS = env_int("BEATBOOK_SCRUTINY_VERY_OVERDUE_WORKING_DAYS", 5)
SCRUTINY_QUESTIONS_PER_PERSON = env_int("BEATBOOK_SCRUTINY_QUESTIONS_PER_PERSON", 2)
SCRUTINY_REPEAT_MONTHS = env_int("BEATBOOK_SCRUTINY_REPEAT_MONTHS", 6)
SCRUTINY_QUESTIONS_PER_HOUR_PER_ADDRESS = env_int("BEATBOOK_SCRUTINY_QUESTIONS_PER_HOUR_PER_ADDRESS", 5)
# An asker's email address is erased this many days after their answer is published (or after the meeting,
# if it never is): beatbook/scrutiny/askers.py, run daily by `beatbook erase_asker_emails`.
SCRUTINY_ASKER_EMAIL_RETENTION_DAYS = env_int("BEATBOOK_SCRUTINY_ASKER_EMAIL_RETENTION_DAYS", 30)
# The service's public address, for links in emails sent by jobs (which have no request to take it from).
PUBLIC_BASE_URL = env_str("BEATBOOK_PUBLIC_URL", "http://localhost:8000")
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
