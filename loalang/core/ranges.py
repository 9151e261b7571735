"""Files answered with HEAD and byte ranges (RFC 9110 §14), as podcast apps and phone players
need to start playing before the whole file arrives and to seek.

One range per request (what players send); a multi-range request gets the whole file, which
RFC 9110 allows. An unsatisfiable range gets 416 with the file's size.
"""

from __future__ import annotations

import re
from typing import IO

from django.http import FileResponse, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase

_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")


def parse_range(header: str, size: int) -> tuple[int, int] | bool | None:
    """(first, last) byte positions, None for "no usable range: send it all", or False for
    "unsatisfiable"."""
    match = _RANGE.match(header.strip().replace(" ", ""))
    if not match:
        return None
    first_text, last_text = match.groups()
    if not first_text and not last_text:
        return None
    if not first_text:  # "bytes=-500": the last 500 bytes
        length = int(last_text)
        if length == 0:
            return False
        return max(0, size - length), size - 1
    first = int(first_text)
    if last_text and int(last_text) < first:
        return None  # an invalid range-spec: RFC 9110 §14.2 says ignore the header
    if first >= size:
        return False
    last = int(last_text) if last_text else size - 1
    return first, min(last, size - 1)


class _Slice:
    """A file-like window of `length` bytes from `first`, read in blocks by FileResponse."""

    def __init__(self, handle: IO[bytes], first: int, length: int) -> None:
        self.handle = handle
        self.remaining = length
        handle.seek(first)

    def read(self, size: int = -1) -> bytes:
        if self.remaining <= 0:
            return b""
        if size < 0 or size > self.remaining:
            size = self.remaining
        data = self.handle.read(size)
        self.remaining -= len(data)
        return data

    def close(self) -> None:
        self.handle.close()


def ranged_file_response(
    request: HttpRequest, handle: IO[bytes], *, size: int, content_type: str
) -> HttpResponseBase:
    """200 with the whole file, 206 with the asked range, 416 when the range lies past the
    end; HEAD gets the same headers and no body. Always says Accept-Ranges: bytes."""
    response: HttpResponseBase
    header = request.headers.get("Range")
    wanted = parse_range(header, size) if header else None
    if wanted is False:
        handle.close()
        response = HttpResponse(status=416)
        response["Content-Range"] = f"bytes */{size}"
    elif request.method == "HEAD":
        handle.close()
        response = HttpResponse(content_type=content_type)
        first, last = wanted if isinstance(wanted, tuple) else (0, size - 1)
        if isinstance(wanted, tuple):
            response.status_code = 206
            response["Content-Range"] = f"bytes {first}-{last}/{size}"
        response["Content-Length"] = str(max(0, last - first + 1))
    elif isinstance(wanted, tuple):
        first, last = wanted
        length = last - first + 1
        response = FileResponse(_Slice(handle, first, length), content_type=content_type)
        response.status_code = 206
        response["Content-Range"] = f"bytes {first}-{last}/{size}"
        response["Content-Length"] = str(length)
    else:
        response = FileResponse(handle, content_type=content_type)
        response["Content-Length"] = str(size)
    response["Accept-Ranges"] = "bytes"
    response["X-Content-Type-Options"] = "nosniff"
    return response
