"""Private files: their own storage, and the one way to hand one to a user (ADR 0085).

Two storages, set in settings.STORAGES:
  - "default" — public files only (portal image renditions): MEDIA_ROOT, mapped to MEDIA_URL.
  - "private" — everything with personal or unissued data (evidence, sign-in sheets, task
    files, issued reports, radio audio and jingles, originals of portal images, published
    PDFs). Its root (LOALANG_PRIVATE_ROOT) is outside MEDIA_ROOT and STATIC_ROOT, so no
    public URL maps to it, whatever the spelling of the path (`//`, `%2e`, `..`, case…).

A private file reaches a browser only through a view that first checks access and then calls
`private_file_response`, which, depending on settings.LOALANG_PRIVATE_SERVE:
  - "django"     streams it (FileResponse; single machine, no proxy);
  - "x-accel"    answers with an empty body and `X-Accel-Redirect: <internal prefix><name>`,
                 for nginx to send from an `internal` location (docs/deploy.md);
  - "x-sendfile" answers with `X-Sendfile: <absolute path>` (Apache mod_xsendfile, lighttpd);
and, whatever the mode, for object storage (no local path) redirects to a signed URL that
expires after LOALANG_S3_PRIVATE_URL_SECONDS (the bucket itself stays private).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any
from urllib.parse import quote

from django.conf import settings
from django.core.checks import Error, register
from django.core.files.storage import Storage, storages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.http.response import HttpResponseBase
from django.utils.encoding import escape_uri_path

from loalang.core.ranges import ranged_file_response

PRIVATE = "private"
SERVE_MODES = ("django", "x-accel", "x-sendfile")


def private_storage() -> Storage:
    """The storage for private files (a callable, so FileFields can name it lazily)."""
    return storages[PRIVATE]


def public_storage() -> Storage:
    """The storage whose every file may be shown to anyone (MEDIA_URL)."""
    return storages["default"]


def _local_path(storage: Storage, name: str) -> str | None:
    try:
        return storage.path(name)
    except NotImplementedError:
        return None


def _disposition(filename: str, as_attachment: bool) -> str:
    kind = "attachment" if as_attachment else "inline"
    if not filename:
        return kind
    ascii_name = filename.encode("ascii", "ignore").decode().replace('"', "") or "file"
    return f"{kind}; filename=\"{ascii_name}\"; filename*=utf-8''{quote(filename)}"


def private_file_response(
    name: str,
    *,
    content_type: str,
    request: HttpRequest | None = None,
    filename: str = "",
    as_attachment: bool = True,
    storage: Storage | None = None,
    cache: str = "private, no-store",
) -> HttpResponseBase:
    """Hand the private file `name` to the user. Call only after checking access.

    With `request`, streaming answers HEAD and byte ranges (core.ranges; audio players seek).
    Raises Http404 if the file is missing. Never returns a URL that outlives the check by more
    than the signed-URL lifetime (object storage) and never a public media URL.
    """
    storage = storage or private_storage()
    name = str(name or "")
    if not name or not storage.exists(name):
        raise Http404
    disposition = _disposition(filename, as_attachment)
    path = _local_path(storage, name)
    response: HttpResponseBase
    if path is None:
        # Object storage: a short-lived signed link, with the headers the bucket must send.
        url = storage.url(  # type: ignore[call-arg]  # S3Storage.url takes `parameters`
            name,
            parameters={
                "ResponseContentType": content_type,
                "ResponseContentDisposition": disposition,
            },
        )
        response = HttpResponseRedirect(url)
    else:
        mode = getattr(settings, "LOALANG_PRIVATE_SERVE", "django")
        if mode == "x-accel":
            response = HttpResponse(content_type=content_type)
            prefix = settings.LOALANG_PRIVATE_ACCEL_PREFIX.rstrip("/")
            response["X-Accel-Redirect"] = f"{prefix}/{escape_uri_path(name)}"
        elif mode == "x-sendfile":
            response = HttpResponse(content_type=content_type)
            response["X-Sendfile"] = path
        else:
            try:
                handle = storage.open(name, "rb")
            except FileNotFoundError as exc:
                raise Http404 from exc
            if request is not None:
                response = ranged_file_response(
                    request, handle, size=os.path.getsize(path), content_type=content_type
                )
            else:
                response = FileResponse(handle, content_type=content_type)
                response["Content-Length"] = str(os.path.getsize(path))
        response["Content-Disposition"] = disposition
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = cache
    return response


def _inside(child: Path, parent: Path) -> bool:
    child, parent = child.resolve(), parent.resolve()
    return child == parent or parent in child.parents


@register("loalang")
def check_private_root(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    """The private root must not be, or lie under/over, a folder a public URL serves."""
    errors: list[Error] = []
    if getattr(settings, "LOALANG_PRIVATE_SERVE", "django") not in SERVE_MODES:
        errors.append(
            Error(f"LOALANG_PRIVATE_SERVE must be one of {SERVE_MODES}", id="loalang.E101")
        )
    root = getattr(private_storage(), "location", None)
    if not root:
        return errors
    for setting in ("MEDIA_ROOT", "STATIC_ROOT"):
        public = getattr(settings, setting, None)
        if public and (_inside(Path(root), Path(public)) or _inside(Path(public), Path(root))):
            errors.append(
                Error(
                    f"The private file root {root} overlaps {setting} ({public}): a public URL "
                    "could serve private files.",
                    hint="Set LOALANG_PRIVATE_ROOT to a folder outside MEDIA_ROOT/STATIC_ROOT.",
                    id="loalang.E100",
                )
            )
    return errors
