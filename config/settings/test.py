"""Settings for the test suite: real databases (SQLite by default, DATABASE_URL for PostgreSQL)."""

import os
import tempfile

os.environ.setdefault("DEBUG", "False")
os.environ.setdefault(
    "SECRET_KEY", "test-only-not-secret-8f4c2b1e9d7a6f5e3c2b1a0d9e8f7a6b5c4d3e2f1a0b9c8d"
)
os.environ.setdefault("SECURE_SSL_REDIRECT", "False")
os.environ.setdefault("SESSION_COOKIE_SECURE", "False")
os.environ.setdefault("CSRF_COOKIE_SECURE", "False")
os.environ.setdefault("SECURE_HSTS_SECONDS", "0")
os.environ.setdefault("EMAIL_ENABLED", "True")
os.environ.setdefault("MEDIA_ROOT", tempfile.mkdtemp(prefix="loalang-test-media-"))
os.environ.setdefault("LOALANG_PRIVATE_ROOT", tempfile.mkdtemp(prefix="loalang-test-private-"))
os.environ.setdefault("LOALANG_VAR_DIR", tempfile.mkdtemp(prefix="loalang-test-var-"))

from .base import *  # noqa: F403

ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.MD5PasswordHasher",  # speed only
    "loalang.accounts.hashers.OneTimePasswordHasher",  # bulk imports name it
]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "throttle": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "t"},
}
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
STORAGES = {
    "default": {"BACKEND": "loalang.ops.storage.SafeFileSystemStorage"},
    "private": STORAGES["private"],  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
