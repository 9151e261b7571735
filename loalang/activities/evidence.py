"""Evidence files: checked by content, images re-encoded, stored privately (ADR 0024).

- The type is read from the first bytes (JPEG, PNG, WebP images; PDF documents); the file
  name and the browser's content type are ignored.
- Images must open and verify in Pillow and stay under a pixel budget (decompression bombs).
  They are turned upright, shrunk to at most 1600 px and re-encoded as JPEG, which drops
  every metadata block. The GPS block alone is copied back only when the uploader asks.
- Files go to the private storage (`evidence/…`, loalang.core.files), which no public URL
  maps to; on the local disk they are written to a temporary file and moved into place, so a
  crash leaves no half file.
"""

from __future__ import annotations

import hashlib
import io
import os
import tempfile
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.utils.translation import gettext as _
from PIL import Image, ImageOps

from loalang.activities.details import Evidence
from loalang.activities.models import Activity
from loalang.core.audit import audit_log, snapshot
from loalang.core.images import GPS_IFD, gps_block

MAX_IMAGE_BYTES = 15 * 1024 * 1024
MAX_PDF_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 40_000_000
MAX_SIDE = 1600
JPEG_QUALITY = 82
MAX_FILES_PER_ACTIVITY = 20


def sniff(head: bytes) -> str | None:
    """The content type the first bytes reveal, or None for anything we do not accept."""
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    if head.startswith(b"%PDF-"):
        return "application/pdf"
    return None


def _read_limited(upload: Any, limit: int) -> bytes:
    upload.seek(0)
    data = upload.read(limit + 1)
    if len(data) > limit:
        raise ValidationError(_("Tệp quá lớn (tối đa %(mb)s MB).") % {"mb": limit // (1024 * 1024)})
    return data


def _process_image(data: bytes, *, keep_location: bool) -> tuple[bytes, bool]:
    """Re-encoded JPEG bytes, and whether GPS data was kept."""
    try:
        with Image.open(io.BytesIO(data)) as probe:
            if probe.width * probe.height > MAX_PIXELS:
                raise ValidationError(_("Ảnh có kích thước điểm ảnh quá lớn."))
            probe.verify()
        img: Image.Image = Image.open(io.BytesIO(data))
        img.load()
    except ValidationError:
        raise
    except Exception as exc:
        raise ValidationError(_("Tệp ảnh bị hỏng hoặc không phải ảnh.")) from exc
    gps = gps_block(img) if keep_location else {}
    img = ImageOps.exif_transpose(img)
    if img.mode not in ("RGB", "L"):
        background = Image.new("RGB", img.size, (255, 255, 255))
        rgba = img.convert("RGBA")
        background.paste(rgba, mask=rgba.getchannel("A"))
        img = background
    img.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    kwargs: dict[str, Any] = {"quality": JPEG_QUALITY, "optimize": True}
    if gps:
        exif = Image.Exif()
        exif[GPS_IFD] = gps
        kwargs["exif"] = exif.tobytes()
    img.convert("RGB").save(out, "JPEG", **kwargs)
    return out.getvalue(), bool(gps)


def evidence_prepare(upload: Any, *, keep_location: bool = False) -> dict[str, Any]:
    """Check and transform an upload. Raises ValidationError with a Vietnamese message."""
    upload.seek(0)
    kind = sniff(upload.read(16))
    if kind is None:
        raise ValidationError(
            _("Chỉ nhận ảnh (JPEG, PNG, WebP) hoặc tệp PDF; tệp này không đúng định dạng.")
        )
    if kind == "application/pdf":
        data = _read_limited(upload, MAX_PDF_BYTES)
        if b"%%EOF" not in data[-2048:]:
            raise ValidationError(_("Tệp PDF bị hỏng hoặc chưa tải lên hết."))
        return {"data": data, "content_type": kind, "ext": "pdf", "has_location": False}
    data, kept = _process_image(_read_limited(upload, MAX_IMAGE_BYTES), keep_location=keep_location)
    return {"data": data, "content_type": "image/jpeg", "ext": "jpg", "has_location": kept}


@transaction.atomic
def evidence_add(
    *,
    activity: Activity,
    actor: Any,
    upload: Any,
    purpose: str = Evidence.Purpose.PHOTO,
    keep_location: bool = False,
) -> Evidence:
    """Attach a checked, cleaned file to an activity."""
    from loalang.activities.services import _check_unlocked

    _check_unlocked(activity.commune, activity.held_on)
    if activity.evidence.count() >= MAX_FILES_PER_ACTIVITY:
        raise ValidationError(
            _("Mỗi hoạt động có tối đa %(n)s tệp minh chứng.") % {"n": MAX_FILES_PER_ACTIVITY}
        )
    prepared = evidence_prepare(upload, keep_location=keep_location)
    data: bytes = prepared["data"]
    original = os.path.basename(getattr(upload, "name", "") or "")[:200]
    evidence = Evidence(
        activity=activity,
        purpose=purpose,
        content_type=prepared["content_type"],
        size_bytes=len(data),
        original_name=original,
        sha256=hashlib.sha256(data).hexdigest(),
        has_location=prepared["has_location"],
        uploaded_by=actor if getattr(actor, "is_authenticated", False) else None,
        is_sample=activity.is_sample,
    )
    storage = evidence.file.storage
    tmp_dir = None
    if hasattr(storage, "location"):  # local disk: a temp file beside MEDIA_ROOT, then rename
        tmp_dir = os.path.join(storage.location, ".tmp")
        os.makedirs(tmp_dir, exist_ok=True)
    fd, tmp_path = tempfile.mkstemp(suffix="." + prepared["ext"], dir=tmp_dir)
    try:
        with os.fdopen(fd, "wb") as tmp:
            tmp.write(data)
        with open(tmp_path, "rb") as handle:
            wrapped = File(handle, name=f"evidence.{prepared['ext']}")
            # FileSystemStorage moves a file that has a path instead of copying it.
            wrapped.temporary_file_path = lambda: tmp_path  # type: ignore[attr-defined]
            evidence.file.save(wrapped.name, wrapped, save=False)  # type: ignore[arg-type]
    finally:
        if os.path.exists(tmp_path):
            os.unlink(tmp_path)
    stored = evidence.file.name
    try:
        evidence.full_clean()
        evidence.save()
        audit_log(actor=actor, verb="evidence.added", target=evidence, commune=activity.commune)
    except Exception:
        evidence.file.storage.delete(stored)  # type: ignore[arg-type]
        raise
    return evidence


@transaction.atomic
def evidence_delete(*, evidence: Evidence, actor: Any) -> None:
    from loalang.activities.services import _check_unlocked

    activity = evidence.activity
    _check_unlocked(activity.commune, activity.held_on)
    name = evidence.file.name
    storage = evidence.file.storage
    audit_log(
        actor=actor,
        verb="evidence.deleted",
        target=evidence,
        before=snapshot(evidence),
        commune=activity.commune,
    )
    evidence.delete()
    transaction.on_commit(lambda: storage.delete(name))  # type: ignore[arg-type]
