"""`make run`: Loa Làng on a commune's own machine (ADR 0077).

The production code path — DEBUG off, gunicorn, WhiteNoise, a real secret key — served over
plain HTTP on 127.0.0.1, so no certificate is needed to try it. The secret key is generated
once into var/secret_key (0600) and kept. Put it behind HTTPS (docs/deploy.md) before other
machines use it.
"""

import os
from pathlib import Path

from config.secret import secret_key_from

_var = Path(
    os.environ.get("LOALANG_VAR_DIR", Path(__file__).resolve().parent.parent.parent / "var")
)
os.environ.setdefault("DEBUG", "False")
if "SECRET_KEY" not in os.environ:
    os.environ["SECRET_KEY"] = secret_key_from(_var / "secret_key")
# Plain HTTP on 127.0.0.1: cookies without the Secure flag, no redirect to HTTPS, no HSTS.
os.environ.setdefault("SECURE_SSL_REDIRECT", "False")
os.environ.setdefault("SESSION_COOKIE_SECURE", "False")
os.environ.setdefault("CSRF_COOKIE_SECURE", "False")
os.environ.setdefault("SECURE_HSTS_SECONDS", "0")
os.environ.setdefault("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")

from .base import *  # noqa: E402, F403  (local = base + a machine's own environment)
