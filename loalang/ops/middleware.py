"""A clear answer when the server cannot write a file (full disk, read-only or missing folder).

Without this, such a failure is a bare 500. Services write inside transactions, so by the
time this runs the database has rolled back; the storage removed its temporary file.
"""

from __future__ import annotations

import errno
import logging
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

log = logging.getLogger(__name__)

STORAGE_ERRNOS = {
    errno.ENOSPC: 507,  # no space left on device
    errno.EDQUOT: 507,  # quota exceeded
    errno.EROFS: 503,  # read-only file system
    errno.EACCES: 503,  # permission denied
    errno.ENOTDIR: 503,  # media path broken (a file where a folder should be)
}


class StorageErrorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exc: Exception) -> HttpResponse | None:
        if not isinstance(exc, OSError):
            return None
        status = STORAGE_ERRNOS.get(exc.errno or 0)
        if status is None and isinstance(exc, FileExistsError) and "not a directory" in str(exc):
            status = 503
        if status is None:
            return None
        log.error(
            "storage.write_failed",
            extra={"path": request.path, "errno": exc.errno, "error": str(exc)[:300]},
        )
        if status == 507:
            message = _(
                "Máy chủ đã hết dung lượng lưu trữ nên chưa lưu được. Dữ liệu bạn vừa gửi chưa "
                "được ghi; vui lòng báo quản trị hệ thống rồi thử lại."
            )
        else:
            message = _(
                "Máy chủ không ghi được tệp vào thư mục lưu trữ. Dữ liệu bạn vừa gửi chưa được "
                "ghi; vui lòng báo quản trị hệ thống rồi thử lại."
            )
        if request.path.startswith("/api/"):
            return JsonResponse({"detail": message}, status=status)
        response = render(request, "ops/storage_error.html", {"message": message}, status=status)
        return response
