"""Settings shared by every environment. Production = this module + the environment.

Every value that differs between machines comes from an environment variable read through
config.env, which raises ImproperlyConfigured on a malformed value.
"""

from __future__ import annotations

import ipaddress
from pathlib import Path
from typing import Any

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _
from whitenoise.compress import Compressor

from config.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(env_str("LOALANG_VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_str("SECRET_KEY")
if not DEBUG and (len(SECRET_KEY) < 50 or SECRET_KEY.startswith("django-insecure")):
    raise ImproperlyConfigured("SECRET_KEY must be a random string of 50+ characters in production")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django_tasks",
    "django_tasks_db",
    "ninja",  # serves the API docs (Swagger UI) from local static files, not a CDN
    "storages",
    "loalang.core",
    "loalang.home",
    "loalang.places",
    "loalang.people",
    "loalang.accounts",
    "loalang.plans",
    "loalang.documents",
    "loalang.tasks",
    "loalang.activities",
    "loalang.events",
    "loalang.budget",
    "loalang.portal",
    "loalang.radio",
    "loalang.reports",
    "loalang.notifications",
    "loalang.commendations",
    "loalang.privacy",
    "loalang.ops",
    "loalang.api",
    "loalang.provinces",
]

MIDDLEWARE = [
    # Before the page cache: a commune's own host name becomes its /<slug>/ path (ADR 0121).
    "loalang.provinces.hosts.CommuneHostMiddleware",
    # First: stores public portal pages with the headers every other middleware set, and serves
    # them before anything else runs (loalang/portal/pagecache.py, ADR 0046). In production
    # config.wsgi answers most hits even earlier, before Django builds a request.
    "loalang.portal.pagecache.PortalCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "loalang.core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "loalang.accounts.middleware.PasswordChangeRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "loalang.core.middleware.SecurityHeadersMiddleware",
    "loalang.ops.middleware.StorageErrorMiddleware",  # full disk → a clear 507, not a 500
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

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
                "django.template.context_processors.i18n",
                "loalang.core.context_processors.shell",
            ],
            "builtins": ["loalang.core.templatetags.vn"],
        },
    }
]
# One form and one field template for every form ({{ form }}, {{ field.as_field_group }}).
FORM_RENDERER = "loalang.core.forms.FormRenderer"

# --- Database -------------------------------------------------------------------------------
DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'loalang.sqlite3'}")


def database(url: str) -> dict[str, Any]:
    """The default database from its URL. Connections are kept between requests (Django keeps
    one per thread and never shares it), on SQLite too: opening a file and setting its pragmas
    on every request cost ~3 ms of a 6–10 ms page (issue 20). WAL, busy_timeout and foreign keys
    are set once per connection when it opens (core.signals); IMMEDIATE is per transaction."""
    db: dict[str, Any] = dict(dj_database_url.parse(url, conn_max_age=60))
    if db["ENGINE"] == "django.db.backends.sqlite3":
        # IMMEDIATE: a write transaction takes the write lock up front, so a second writer waits
        # (busy_timeout, core.signals) instead of failing half-way.
        db["OPTIONS"] = {"transaction_mode": "IMMEDIATE", "timeout": 20}
    else:
        db["CONN_HEALTH_CHECKS"] = True
    return db


DATABASES = {"default": database(DATABASE_URL)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache ------------------------------------------------------------------------------------
REDIS_URL = env_str("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
else:
    # Shared by every process on the machine through the database, so the app stays stateless.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "loalang_cache",
        }
    }
# API throttle counters: in Redis when there is one (shared by every process); otherwise per
# process in memory, so that counting requests never turns a read into a database write.
CACHES["throttle"] = (
    {**CACHES["default"], "KEY_PREFIX": "throttle"}
    if REDIS_URL
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "throttle"}
)

# --- Jobs -------------------------------------------------------------------------------------
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# --- Auth -------------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
# The commune (tenant) model: core's audit entries point at it without importing its app (ADR 0090).
LOALANG_COMMUNE_MODEL = "places.Commune"
AUTHENTICATION_BACKENDS = ["django.contrib.auth.backends.ModelBackend"]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "app"
LOGOUT_REDIRECT_URL = "accounts:login"
# Django's hashers, plus the cheaper one for random one-time passwords of bulk user imports
# (loalang/accounts/hashers.py); the first stays the one every chosen password gets.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.BCryptSHA256PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
    "loalang.accounts.hashers.OneTimePasswordHasher",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Password guessing (accounts.throttle, ADR 0005): per (username, client address or known
# device) FREE failures, then waits of BASE_MINUTES doubling each further failure; and at most
# ACCOUNT_CAP failures an hour per username from clients without that account's device cookie.
LOALANG_LOGIN_FREE_FAILURES = env_int("LOALANG_LOGIN_FREE_FAILURES", 5)
LOALANG_LOGIN_BASE_MINUTES = env_int("LOALANG_LOGIN_BASE_MINUTES", 15)
LOALANG_LOGIN_ACCOUNT_CAP = env_int("LOALANG_LOGIN_ACCOUNT_CAP", 10)
# Proxies whose X-Forwarded-For is believed (core.net.client_address; docs/deploy.md).
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES", [])
for _cidr in TRUSTED_PROXIES:
    try:
        ipaddress.ip_network(_cidr, strict=False)
    except ValueError as _exc:
        raise ImproperlyConfigured(
            f"TRUSTED_PROXIES: {_cidr!r} is not an address or CIDR"
        ) from _exc
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 60 * 60 * 8)
SESSION_IDLE_TIMEOUT = env_int("SESSION_IDLE_TIMEOUT", 60 * 30)
SESSION_SAVE_EVERY_REQUEST = False
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

# --- Language, time, formats ------------------------------------------------------------------
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_TZ = True
FORMAT_MODULE_PATH = ["config.formats"]
LANGUAGE_COOKIE_NAME = "loalang_language"

# --- Files ------------------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
# Private files (evidence, sign-in sheets, issued reports, radio audio, image originals…) live
# in their own storage, outside MEDIA_ROOT: no public URL maps to it (loalang.core.files).
LOALANG_PRIVATE_ROOT = Path(env_str("LOALANG_PRIVATE_ROOT", str(VAR_DIR / "private")))
# How access-checked views hand a private file over: "django" (stream it), "x-accel" (nginx
# sends it from an internal location), "x-sendfile" (Apache/lighttpd). docs/deploy.md.
LOALANG_PRIVATE_SERVE = env_str("LOALANG_PRIVATE_SERVE", "django")
LOALANG_PRIVATE_ACCEL_PREFIX = env_str("LOALANG_PRIVATE_ACCEL_PREFIX", "/_private/")
STORAGES: dict[str, dict[str, Any]] = {
    "default": {
        "BACKEND": env_str("LOALANG_MEDIA_STORAGE", "loalang.ops.storage.SafeFileSystemStorage")
    },
    "private": {
        "BACKEND": "loalang.ops.storage.SafeFileSystemStorage",
        # base_url: a name of the private storage is never turned into a usable link.
        "OPTIONS": {"location": str(LOALANG_PRIVATE_ROOT), "base_url": "/_private/"},
    },
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Source maps (megabytes, for developers' tools only) are not pre-compressed: brotli on them
# was most of collectstatic's time, i.e. of the first `make run`.
WHITENOISE_SKIP_COMPRESS_EXTENSIONS = (
    *Compressor.SKIP_COMPRESS_EXTENSIONS,
    "map",
)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
SERVE_MEDIA = env_bool("SERVE_MEDIA", True)
LOALANG_MAX_UPLOAD_BYTES = env_int("LOALANG_MAX_UPLOAD_BYTES", 20 * 1024 * 1024)

# --- Media on S3-compatible object storage (several app machines; docs/deploy.md) -------------
LOALANG_S3_BUCKET = env_str("LOALANG_S3_BUCKET", "")
if LOALANG_S3_BUCKET:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": LOALANG_S3_BUCKET,
            "endpoint_url": env_str("LOALANG_S3_ENDPOINT_URL", "") or None,
            "region_name": env_str("LOALANG_S3_REGION", "") or None,
            "access_key": env_str("LOALANG_S3_ACCESS_KEY", "") or None,
            "secret_key": env_str("LOALANG_S3_SECRET_KEY", "") or None,
            "location": env_str("LOALANG_S3_PREFIX", ""),
            "default_acl": None,  # the bucket stays private; links are signed and expire
            "querystring_auth": True,
            "querystring_expire": env_int("LOALANG_S3_URL_SECONDS", 3600),
            "file_overwrite": False,  # same rule as the file system: never replace a file
        },
    }
    # Private files: a bucket of their own (never the public one, whose whole key space the
    # public storage owns); views hand out signed links that expire within a minute.
    LOALANG_S3_PRIVATE_BUCKET = env_str("LOALANG_S3_PRIVATE_BUCKET", "")
    if not LOALANG_S3_PRIVATE_BUCKET or LOALANG_S3_PRIVATE_BUCKET == LOALANG_S3_BUCKET:
        raise ImproperlyConfigured(
            "LOALANG_S3_PRIVATE_BUCKET must name a second, private bucket for private files"
        )
    STORAGES["private"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            **STORAGES["default"]["OPTIONS"],
            "bucket_name": LOALANG_S3_PRIVATE_BUCKET,
            "querystring_expire": env_int("LOALANG_S3_PRIVATE_URL_SECONDS", 60),
        },
    }
    SERVE_MEDIA = env_bool("SERVE_MEDIA", False)

# --- Outbound requests to staff-entered URLs (loalang.core.outbound) --------------------------
# Hosts, IP addresses or networks a system administrator allows although they are internal,
# e.g. the playout PC on the office LAN: "192.168.1.20,radio.lan". Everything non-public is
# refused otherwise (loopback, private, link-local, metadata services…).
LOALANG_OUTBOUND_ALLOWED_HOSTS = env_list("LOALANG_OUTBOUND_ALLOWED_HOSTS", [])

# --- Backups (loalang.ops; ADR 0060) ----------------------------------------------------------
LOALANG_BACKUP_DIR = Path(env_str("LOALANG_BACKUP_DIR", str(VAR_DIR / "backups")))
# Signs each archive's manifest; keep it with the site's secrets, restore needs the same key.
LOALANG_BACKUP_KEY = env_str("LOALANG_BACKUP_KEY", SECRET_KEY)
LOALANG_BACKUP_TMP_DIR = env_str("LOALANG_BACKUP_TMP_DIR", "") or None
LOALANG_BACKUP_KEEP_DAILY = env_int("LOALANG_BACKUP_KEEP_DAILY", 14)
LOALANG_BACKUP_KEEP_MONTHLY = env_int("LOALANG_BACKUP_KEEP_MONTHLY", 12)
# Job workers (manage.py ops_worker): heartbeat period, and silence after which a worker's
# running job is put back in the queue (ADR 0062).
LOALANG_WORKER_BEAT_SECONDS = env_int("LOALANG_WORKER_BEAT_SECONDS", 5)
LOALANG_WORKER_STALE_SECONDS = env_int("LOALANG_WORKER_STALE_SECONDS", 30)
# API requests per token (django-ninja throttling; counted in the shared cache).
LOALANG_API_RATE = env_str("LOALANG_API_RATE", "600/m")

# --- Email ------------------------------------------------------------------------------------
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Loa Lang <no-reply@localhost>")
# Whether Loa Làng sends mail at all (password reset by e-mail, security alerts). On by default
# only when the site names a mail server; otherwise the pages say to ask the user manager.
EMAIL_ENABLED = env_bool("EMAIL_ENABLED", bool(env_str("EMAIL_HOST", "")))

# --- Security (production defaults; dev.py relaxes them) --------------------------------------
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", True)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", True)
X_FRAME_OPTIONS = "DENY"

# --- Logging: one JSON object a line on stderr ------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "loalang.ops.logging.JsonFormatter"}},  # + event fields
    "handlers": {"stderr": {"class": "logging.StreamHandler", "formatter": "json"}},
    "root": {"handlers": ["stderr"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # Libraries the document and chart builders call: their INFO lines ("subsetting
        # font…", "categorical units…") and CSS warnings are noise on a clerk's console.
        "fontTools": {"level": "ERROR"},
        "weasyprint": {"level": "ERROR"},
        "matplotlib": {"level": "WARNING"},
        "PIL": {"level": "WARNING"},
    },
}

# --- Loa Làng ---------------------------------------------------------------------------------
LOALANG_SPEECH_ENGINE = env_str("LOALANG_SPEECH_ENGINE", "loalang.radio.speech.espeak.EspeakEngine")
LOALANG_SITE_NAME = _("Loa Làng")
# The address people open the site at: links in e-mail, Zalo, SMS and push messages are built
# from it (they are opened outside the site, e.g. in Zalo's in-app browser). Set it in production.
LOALANG_SITE_URL = env_str("LOALANG_SITE_URL", "http://127.0.0.1:8000")

# --- Notification channels (loalang.notifications.channels; ADR 0100) --------------------------
# The in-app list is always on; these are the outside channels a user may choose in their
# profile. Zalo and SMS are offered only when their gateway is set (dotted path of a
# notifications.channels.gateways.MessageGateway).
LOALANG_NOTIFICATION_CHANNELS = env_list(
    "LOALANG_NOTIFICATION_CHANNELS",
    [
        "loalang.notifications.channels.email.EmailChannel",
        "loalang.notifications.channels.webpush.WebPushChannel",
        "loalang.notifications.channels.gateways.ZaloChannel",
        "loalang.notifications.channels.gateways.SmsChannel",
    ],
)
LOALANG_ZALO_GATEWAY = env_str("LOALANG_ZALO_GATEWAY", "")
LOALANG_ZALO_ZNS_URL = env_str(
    "LOALANG_ZALO_ZNS_URL", "https://business.openapi.zalo.me/message/template"
)
LOALANG_ZALO_ACCESS_TOKEN = env_str("LOALANG_ZALO_ACCESS_TOKEN", "")
LOALANG_ZALO_TEMPLATE_ID = env_str("LOALANG_ZALO_TEMPLATE_ID", "")
LOALANG_SMS_GATEWAY = env_str("LOALANG_SMS_GATEWAY", "")
# Web Push (VAPID): a P-256 private key in PEM; empty = generated once into var/.
LOALANG_VAPID_PRIVATE_KEY = env_str("LOALANG_VAPID_PRIVATE_KEY", "")
LOALANG_VAPID_SUBJECT = env_str("LOALANG_VAPID_SUBJECT", LOALANG_SITE_URL)

# --- Personal-data protection (loalang.privacy; ADR 0080) ------------------------------------
# Hours from finding a personal-data incident to notifying the competent authority. 72 as in
# Decree 13/2023/NĐ-CP Art. 23(1), kept by Law 91/2025/QH15 (Art. 23) and Decree 356/2025/NĐ-CP
# as we read them; check the current guidance before deploying.
LOALANG_PDP_NOTIFY_HOURS = env_int("LOALANG_PDP_NOTIFY_HOURS", 72)
# The competent authority ("Kính gửi" of the draft notification).
LOALANG_PDP_AUTHORITY = env_str(
    "LOALANG_PDP_AUTHORITY",
    "Cục An ninh mạng và phòng, chống tội phạm sử dụng công nghệ cao (A05), Bộ Công an",
)
