"""File storage that never leaves a half-written file under a real name.

Django's FileSystemStorage writes straight into the final file: a full disk or a killed
process leaves a truncated file that looks real (and may be served). Here each file is written
to a hidden temporary name in the same folder, flushed to disk, and only then published under
its name with a hard link (atomic, and it fails instead of overwriting). On any error the
temporary file is removed and the error goes up: the caller's transaction rolls back and the
site shows a clear message (ops.middleware).
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from typing import Any

from django.core.files.storage import FileSystemStorage

TEMP_PREFIX = ".upload-"


class SafeFileSystemStorage(FileSystemStorage):
    def _save(self, name: str, content: Any) -> str:
        full_path = self.path(name)
        directory = os.path.dirname(full_path)
        try:
            os.makedirs(directory, exist_ok=True)
        except FileExistsError as exc:
            raise FileExistsError(f"{directory} exists and is not a directory.") from exc
        fd, tmp = tempfile.mkstemp(dir=directory, prefix=TEMP_PREFIX, suffix=".part")
        try:
            with os.fdopen(fd, "wb") as fh:
                if hasattr(content, "seek") and getattr(content, "seekable", lambda: True)():
                    with contextlib.suppress(OSError, ValueError):
                        content.seek(0)
                for chunk in content.chunks():
                    fh.write(chunk if isinstance(chunk, bytes) else chunk.encode())
                fh.flush()
                os.fsync(fh.fileno())
            while True:
                try:
                    os.link(tmp, full_path)
                    break
                except FileExistsError:
                    name = self.get_available_name(name)
                    full_path = self.path(name)
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
        if self.file_permissions_mode is not None:
            os.chmod(full_path, self.file_permissions_mode)
        return str(name).replace("\\", "/")
