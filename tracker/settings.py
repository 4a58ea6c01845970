"""Settings for the Partner Commitments Tracker: one file, read from the environment.

With no environment set the app runs embedded: SQLite and a file-system Celery transport
under var/, email written to var/mail/. DATABASE_URL and REDIS_URL switch to PostgreSQL
and Redis.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("TRACKER_VAR_DIR", BASE_DIR / "var"))


# Environment parsing is strict: a value that is not understood stops start-up with a message
# naming the variable and what it accepts, instead of silently meaning "off" or crashing later.
# An empty value counts as unset (the default applies), as `VAR=` in a shell or compose file.
# (Helper names are lowercase: every uppercase name in this module becomes a Django setting.)
_true_words = ("1", "true", "yes", "on")
_false_words = ("0", "false", "no", "off")


def _env(name: str) -> str | None:
    """The stripped value of an environment variable; None when unset or empty."""
    value = os.environ.get(name, "").strip()
    return value or None


def envbool(name: str, default: bool) -> bool:
    """Read a yes/no environment variable."""
    value = _env(name)
    if value is None:
        return default
    if value.lower() in _true_words:
        return True
    if value.lower() in _false_words:
        return False
    accepted = ", ".join(_true_words + _false_words)
    raise ImproperlyConfigured(f"{name}={value!r} is not a yes/no value; use one of {accepted}.")


def envint(name: str, default: int) -> int:
    """Read a whole-number environment variable."""
    value = _env(name)
    if value is None:
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(
            f"{name}={value!r} is not a whole number, e.g. {name}={default}."
        ) from None


def envchoice(name: str, default: str, choices: tuple[str, ...]) -> str:
    """Read an environment variable that must be one of `choices` (compared case-insensitively)."""
    value = _env(name)
    if value is None:
        return default
    if value.lower() not in {choice.lower() for choice in choices}:
        raise ImproperlyConfigured(f"{name}={value!r} is not understood; use one of {', '.join(choices)}.")
    return value


def envlist(name: str, default: str) -> list[str]:
    """Read a comma-separated environment variable."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = envbool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "insecure-development-key-only-for-debug"  # noqa: S105
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "django.forms",  # Django's widget templates, for FORM_RENDERER
    "django_htmx",
    "django_countries",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "tracker.core",
    "tracker.accounts",
    "tracker.reference",
    "tracker.projects",
    "tracker.commitments",
    "tracker.contacts",
    "tracker.followups",
    "tracker.history",
    "tracker.savedviews",
    "tracker.figures",
    "tracker.security",
    "tracker.notifications",
    "tracker.imports",
    "tracker.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # Sends the profile's language as the language cookie at sign-in.
    "tracker.accounts.language.SignInLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Ends a session past SESSION_ABSOLUTE_SECONDS before anything looks at the user.
    "tracker.security.middleware.SessionLifetimeMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # After htmx (it answers htmx requests with HX-Redirect) and after sign-in is required.
    "tracker.security.middleware.SecondFactorRequiredMiddleware",
    "tracker.security.middleware.RefusedAccessMiddleware",
    "tracker.core.middleware.HtmxRedirectMiddleware",
    "tracker.core.middleware.AsOfLinksMiddleware",
    # Last: turns a sign-in refused by django-axes into the 429 lock-out page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "tracker.urls"
# One layout for every form field (templates/core/_field.html), from the project's templates.
FORM_RENDERER = "tracker.core.forms.FormRenderer"
WSGI_APPLICATION = "tracker.wsgi.application"

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
                "django.template.context_processors.csp",
                "tracker.notifications.context_processors.scheduler_warning",
            ],
            # {% url %} reversing each name once per process, not once per link (tracker.core.links).
            "builtins": ["tracker.core.templatetags.fast_url"],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'tracker.sqlite3'}"),
        conn_max_age=envint("CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Embedded mode runs Celery worker processes beside the web server. Begin every
    # transaction as a writer and wait for the lock, instead of failing with "database is
    # locked" when a read-then-write transaction meets another writer.
    DATABASES["default"].setdefault("OPTIONS", {}).update({"transaction_mode": "IMMEDIATE", "timeout": 20})
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    # Length over complexity: long passphrases pass, short passwords do not. No maximum.
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("uk", _("Ukrainian"))]
LOCALE_PATHS = [BASE_DIR / "tracker" / "locale"]
TIME_ZONE = os.environ.get("TIME_ZONE", "Europe/Kyiv")
USE_I18N = True
# One date and one date-time format per language, used everywhere (tracker/formats/).
FORMAT_MODULE_PATH = ["tracker.formats"]
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = VAR_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        # Hashed names need `collectstatic` first, so development and tests use plain names.
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if envbool("STATIC_MANIFEST", not DEBUG)
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# Email: SMTP when EMAIL_HOST is set, otherwise one file per message under var/mail/.
# The variables keep Django's classic EMAIL_* names; Django 6.1 reads them through MAILERS.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
if EMAIL_HOST:
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": EMAIL_HOST,
                "port": envint("EMAIL_PORT", 25),
                "username": os.environ.get("EMAIL_HOST_USER", ""),
                "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
                "use_tls": envbool("EMAIL_USE_TLS", False),
                "timeout": envint("EMAIL_TIMEOUT", 20),
            },
        }
    }
else:
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "OPTIONS": {"file_path": str(VAR_DIR / "mail")},
        }
    }
del EMAIL_HOST  # only MAILERS configures email; the old setting is deprecated
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "tracker@localhost")

# Celery: Redis when REDIS_URL is set, otherwise kombu's file-system transport (no server).
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CELERY_BROKER_URL = REDIS_URL
    # Redis hands an unacknowledged message to another worker after the visibility timeout.
    # It must exceed the longest task (CELERY_TASK_TIME_LIMIT) plus the longest retry
    # countdown (NOTIFY_RETRY_BACKOFF_MAX), or Redis would redeliver work still in progress.
    CELERY_BROKER_TRANSPORT_OPTIONS: dict = {"visibility_timeout": envint("CELERY_VISIBILITY_TIMEOUT", 3600)}
else:
    # Every folder under var/, the control folder included (kombu's default is ./control, in
    # whatever directory the process started). tracker.core creates them at start-up.
    _queue_dir = VAR_DIR / "celery"
    CELERY_BROKER_URL = "filesystem://"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_queue_dir / "queue"),
        "data_folder_out": str(_queue_dir / "queue"),
        "processed_folder": str(_queue_dir / "processed"),
        "control_folder": str(_queue_dir / "control"),
        "store_processed": False,
    }
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_IGNORE_RESULT = True
# Reliability. A task is acknowledged only after it finished (acks_late), and put back on
# the queue when its worker process dies mid-way (reject_on_worker_lost); every task
# checks the database before sending, so a redelivered task never mails twice. Each
# worker process reserves one message at a time (prefetch 1), so a slow SMTP server does
# not hold other messages hostage.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# No task may run longer than this; the soft limit raises inside the task first.
CELERY_TASK_SOFT_TIME_LIMIT = envint("CELERY_TASK_SOFT_TIME_LIMIT", 120)
CELERY_TASK_TIME_LIMIT = envint("CELERY_TASK_TIME_LIMIT", 180)
# A publish while Redis is down gives up quickly; the reminder scan re-enqueues the rows.
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 2, "interval_start": 0, "interval_step": 0.5}

# Notifications (docs/notifications.md): reminders of follow-ups and the weekly digest.
REMINDER_DAYS_BEFORE = envint("REMINDER_DAYS_BEFORE", 2)  # the "due soon" reminder
REMINDER_REPEAT_DAYS = envint("REMINDER_REPEAT_DAYS", 7)  # overdue: again every N days
ESCALATE_AFTER_DAYS = envint("ESCALATE_AFTER_DAYS", 7)  # coordinators copied from then on
REMINDER_EARLIEST_HOUR = envint("REMINDER_EARLIEST_HOUR", 8)  # no reminder before 08:00 local
REMINDER_SCAN_MINUTES = envint("REMINDER_SCAN_MINUTES", 15)
_days = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
DIGEST_DAY_OF_WEEK = envchoice(  # a crontab day: a name, its first three letters, or 0-7 (0, 7: Sunday)
    "DIGEST_DAY_OF_WEEK", "mon", (*(day[:3] for day in _days), *_days, *map(str, range(8)))
)
DIGEST_HOUR = envint("DIGEST_HOUR", 8)
DIGEST_MINUTE = envint("DIGEST_MINUTE", 0)
# Mail errors are retried with exponential backoff (seconds: factor, cap) and full jitter;
# after the last retry the reminder or digest is recorded as failed.
NOTIFY_MAX_RETRIES = envint("NOTIFY_MAX_RETRIES", 5)
NOTIFY_RETRY_BACKOFF = envint("NOTIFY_RETRY_BACKOFF", 30)
NOTIFY_RETRY_BACKOFF_MAX = envint("NOTIFY_RETRY_BACKOFF_MAX", 600)
# A pending row whose task has not finished after this long is enqueued again by the scan
# (its message was lost, e.g. Redis was down). Longer than all retries of one task.
NOTIFY_REQUEUE_AFTER_MINUTES = envint("NOTIFY_REQUEUE_AFTER_MINUTES", 30)
# /healthz and the coordinators' banner report reminder scans older than twice the interval.
# Turn off where no Celery beat is meant to run.
SCHEDULER_HEALTH_CHECK = envbool("SCHEDULER_HEALTH_CHECK", True)
# Seconds each web process keeps the choices of list filter menus (owners, enterprises,
# partner countries), which cost more to read than the rest of a list page; 0 turns it off.
FILTER_CHOICES_SECONDS = envint("FILTER_CHOICES_SECONDS", 60)

# The schedule. Times are in CELERY_TIMEZONE (TIME_ZONE, Europe/Kyiv by default). Every
# run expires before the next one is due, so runs missed while workers were down do not
# pile up; the scan itself catches up on whatever is due.
CELERY_BEAT_SCHEDULE = {
    "scan-reminders": {
        "task": "notifications.scan_reminders",
        "schedule": crontab(minute=f"*/{REMINDER_SCAN_MINUTES}"),
        "options": {"expires": REMINDER_SCAN_MINUTES * 60 - 30},
    },
    "weekly-digest": {
        "task": "notifications.send_digests",
        "schedule": crontab(day_of_week=DIGEST_DAY_OF_WEEK, hour=DIGEST_HOUR, minute=DIGEST_MINUTE),
        "options": {"expires": 6 * 3600},
    },
    "clear-expired-sessions": {
        "task": "security.clear_expired_sessions",
        "schedule": crontab(hour=3, minute=30),
        "options": {"expires": 12 * 3600},
    },
}


_log_levels = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": envchoice("LOG_LEVEL", "INFO", _log_levels).upper()},
}
HEALTH_BROKER_TIMEOUT = envint("HEALTH_BROKER_TIMEOUT", 2)

# ---------------------------------------------------------------------------------------------
# Security (docs/security.md lists each control and the test that proves it).
# Production (DEBUG off) defaults pass `manage.py check --deploy`; `make run` (DEBUG=1) serves
# plain http on 127.0.0.1, so the HTTPS-only switches default to off there. The test suite runs
# with DEBUG off over http and turns off only what http needs (tests/environment.py says why).
# ---------------------------------------------------------------------------------------------
SECRET_KEY_FALLBACKS = envlist("SECRET_KEY_FALLBACKS", "")  # old keys while rotating (docs/operations.md)

# HTTPS: redirect http to https, cookies only over https, browsers told to stay on https.
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = envbool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = envbool("CSRF_COOKIE_SECURE", not DEBUG)
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 0 if DEBUG else 365 * 24 * 3600)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
# Behind a TLS-terminating proxy (nginx) Django sees http; trust the proxy's header only when
# told to, since any client could send it to an app that is reachable directly.
if envbool("SECURE_PROXY_SSL_HEADER", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# How many proxies append to X-Forwarded-For in front of the app: the client address used for
# sign-in lock-outs and the refused-access log is the entry that many places from the right.
TRUSTED_PROXY_COUNT = envint("TRUSTED_PROXY_COUNT", 0)
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False  # htmx reads the token from the page, not the cookie.

# Content Security Policy (Django's own middleware): only our own files, scripts also need the
# per-response nonce that {% htmx_script %} writes; no inline script or style, no eval.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
    "report-uri": ["/csp-report/"],
}

# Sessions: a new key at every sign-in (Django's login() cycles it), ended after
# SESSION_IDLE_SECONDS without a request and SESSION_ABSOLUTE_SECONDS after sign-in whatever
# happens. The session table records each session's user, so deactivating a user ends them all.
SESSION_ENGINE = "tracker.security.sessions"
SESSION_IDLE_SECONDS = envint("SESSION_IDLE_SECONDS", 3600)
SESSION_ABSOLUTE_SECONDS = envint("SESSION_ABSOLUTE_SECONDS", 12 * 3600)
# The cookie may live until the absolute limit; the idle limit is checked on the server
# (tracker.security.middleware.SessionLifetimeMiddleware), which records activity at most
# once a minute instead of saving the session on every request.
SESSION_COOKIE_AGE = SESSION_ABSOLUTE_SECONDS
SESSION_SAVE_EVERY_REQUEST = False
SESSION_IDLE_RESOLUTION = envint("SESSION_IDLE_RESOLUTION", 60)

# Sign-in lock-out (django-axes) on the app's and the admin's sign-in alike: one account at one
# address is refused after SIGNIN_FAILURE_LIMIT failures, a whole address (an office behind one
# NAT) after SIGNIN_ADDRESS_FAILURE_LIMIT, for SIGNIN_LOCKOUT_MINUTES, answered with 429.
# Every failed and successful sign-in is kept (axes' AccessAttempt/AccessLog, in the admin).
AUTHENTICATION_BACKENDS = [
    "tracker.security.signin.LockoutBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_HANDLER = "tracker.security.signin.AddressAwareHandler"
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_FAILURE_LIMIT = envint("SIGNIN_FAILURE_LIMIT", 5)
SIGNIN_ADDRESS_FAILURE_LIMIT = envint("SIGNIN_ADDRESS_FAILURE_LIMIT", 20)
AXES_COOLOFF_TIME = timedelta(minutes=envint("SIGNIN_LOCKOUT_MINUTES", 15))
AXES_LOCKOUT_CALLABLE = "tracker.security.signin.lockout_response"
AXES_CLIENT_IP_CALLABLE = "tracker.security.signin.client_address"
AXES_RESET_ON_SUCCESS = False  # a signed-in attacker must not reset their address's count
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_VERBOSE = False  # the records are in the database; the log gets our own one-line notes

# Two-factor sign-in (django-otp: TOTP apps plus one-time recovery codes). Roles listed here
# must use it ("admin" means is_staff or is_superuser); anyone else may turn it on.
MFA_REQUIRED_ROLES = envlist("MFA_REQUIRED_ROLES", "" if DEBUG else "coordinator,admin")
OTP_TOTP_ISSUER = "Partner Commitments Tracker"
