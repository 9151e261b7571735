"""The persistent secret key of a machine that runs `make run` (config.settings.local).

Generated once into `var/secret_key` with mode 0600 and read back on every start, so sessions,
password-reset links and backup encryption survive a restart. `var/` is never committed.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path


def secret_key_from(path: Path) -> str:
    """Read the key at `path`, creating it first if it does not exist.

    Safe when several processes start at once (gunicorn workers, the job worker): the key is
    written to a private temporary file and linked into place, so a reader sees either no file
    or the whole key, and only the first writer's key is ever used.
    """
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            with os.fdopen(fd, "w") as fh:
                fh.write(secrets.token_urlsafe(64) + "\n")
            with contextlib.suppress(FileExistsError):  # another process won: use its key
                os.link(tmp, path)
        finally:
            tmp.unlink(missing_ok=True)
    key = path.read_text().strip()
    if len(key) < 50:
        raise RuntimeError(f"{path} holds no usable secret key; delete it to generate a new one")
    return key
