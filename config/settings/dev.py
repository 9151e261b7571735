"""Local development: `make run`. Relaxes HTTPS-only settings; never use in production."""

import os

os.environ.setdefault("DEBUG", "True")
os.environ.setdefault(
    "SECRET_KEY", "dev-only-not-secret-8f4c2b1e9d7a6f5e3c2b1a0d9e8f7a6b5c4d3e2f1a0b9c8d"
)
os.environ.setdefault("SECURE_SSL_REDIRECT", "False")
os.environ.setdefault("SESSION_COOKIE_SECURE", "False")
os.environ.setdefault("CSRF_COOKIE_SECURE", "False")
os.environ.setdefault("SECURE_HSTS_SECONDS", "0")
os.environ.setdefault("EMAIL_ENABLED", "True")
os.environ.setdefault("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")

from .base import *  # noqa: F403  (the one star import: dev = base + relaxed environment)

ALLOWED_HOSTS = [*ALLOWED_HOSTS, "testserver"]  # noqa: F405
