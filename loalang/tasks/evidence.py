"""Evidence files for task progress: the type is decided by the bytes, never by the name.

Images are re-encoded (which drops EXIF, including GPS) and scaled to at most 2000 px; PDFs
and Office files are stored as sent. Everything goes to the private storage (loalang.core.files)
and is served only by the access-checked view (tasks:evidence).
"""

from __future__ import annotations

import io
import uuid
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_SIDE_PX = 2000
MAX_FILES = 10


@dataclass(frozen=True)
class CheckedFile:
    content: bytes
    extension: str
    content_type: str
    original_name: str


def sniff(head: bytes, data: bytes) -> tuple[str, str] | None:
    """(extension, content type) from the file's first bytes, or None if not allowed."""
    if head.startswith(b"\xff\xd8\xff"):
        return "jpg", "image/jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png", "image/png"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp", "image/webp"
    if head.startswith(b"%PDF-"):
        return "pdf", "application/pdf"
    if head.startswith(b"PK\x03\x04"):
        try:
            names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
        except zipfile.BadZipFile:
            return None
        if "word/document.xml" in names:
            return (
                "docx",
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            )
        if "xl/workbook.xml" in names:
            return "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return None


def _reencode(data: bytes, extension: str) -> bytes:
    try:
        with Image.open(io.BytesIO(data)) as opened:
            opened.load()
            img = ImageOps.exif_transpose(opened)
            img.thumbnail((MAX_SIDE_PX, MAX_SIDE_PX))
            out = io.BytesIO()
            if extension == "png":
                img.save(out, format="PNG", optimize=True)
            elif extension == "webp":
                img.save(out, format="WEBP", quality=85)
            else:
                img.convert("RGB").save(out, format="JPEG", quality=85, optimize=True)
            return out.getvalue()
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError) as exc:
        raise ValidationError(_("Ảnh bị hỏng hoặc không đọc được.")) from exc


def check_upload(upload: UploadedFile) -> CheckedFile:
    """Read, check and clean one uploaded file; raise ValidationError in Vietnamese."""
    limit = settings.LOALANG_MAX_UPLOAD_BYTES
    if upload.size is not None and upload.size > limit:
        raise ValidationError(
            _("Tệp %(name)s quá lớn (tối đa %(mb)d MB).")
            % {"name": upload.name, "mb": limit // (1024 * 1024)}
        )
    data = upload.read()
    kind = sniff(data[:16], data)
    if kind is None:
        raise ValidationError(
            _("Tệp %(name)s không phải ảnh (JPEG, PNG, WebP), PDF, DOCX hoặc XLSX.")
            % {"name": upload.name}
        )
    extension, content_type = kind
    if content_type.startswith("image/"):
        data = _reencode(data, extension)
    return CheckedFile(
        content=data,
        extension=extension,
        content_type=content_type,
        original_name=(upload.name or f"minh-chung.{extension}")[-255:],
    )


def storage_name(checked: CheckedFile) -> str:
    return f"{uuid.uuid4().hex}.{checked.extension}"
