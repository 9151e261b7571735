"""Pictures: checked by content, original kept private, public renditions re-encoded."""

from __future__ import annotations

import io
import os
import uuid
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from loalang.core.audit import audit_log
from loalang.portal.models import ArticleImage
from loalang.portal.richtext import clean_line
from loalang.portal.services._common import enqueue_at

MAX_IMAGE_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 40_000_000  # larger pictures are refused before they are decoded
RENDITION_WIDTHS = (320, 640, 1200)
_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}


def _open_checked(data: bytes) -> Image.Image:
    if len(data) > MAX_IMAGE_BYTES:
        raise ValidationError({"original": _("Ảnh quá lớn (tối đa 10 MB).")})
    try:
        probe = Image.open(io.BytesIO(data))
        if probe.format not in _FORMATS:
            raise ValidationError({"original": _("Chỉ nhận ảnh JPEG, PNG, WebP hoặc GIF.")})
        if probe.width * probe.height > MAX_PIXELS:
            raise ValidationError({"original": _("Ảnh có quá nhiều điểm ảnh.")})
        probe.verify()
        image = Image.open(io.BytesIO(data))
        image.load()
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError):
        raise ValidationError(
            {
                "original": _(
                    "Tệp không phải là ảnh hợp lệ (kiểm tra theo nội dung, không theo tên)."
                )
            }
        ) from None
    return image


@transaction.atomic
def image_upload(*, commune: Any, data: bytes, alt_text: str, actor: Any) -> ArticleImage:
    """Store an uploaded picture after checking its content; renditions follow on the worker.

    The original (which may carry GPS data in EXIF) is kept under private/ and never served.
    """
    alt = clean_line(alt_text)
    if not alt:
        raise ValidationError({"alt_text": _("Hãy mô tả ảnh cho người không nhìn thấy ảnh.")})
    image = _open_checked(data)
    record = ArticleImage(commune=commune, alt_text=alt, width=image.width, height=image.height)
    ext = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif"}[image.format or "JPEG"]
    name = default_storage.save(
        f"private/portal/img/{commune.pk}/{uuid.uuid4().hex}.{ext}", ContentFile(data)
    )
    record.original.name = name
    record.full_clean()
    record.save()
    audit_log(actor=actor, verb="article_image.uploaded", target=record, commune=commune)
    from loalang.portal.jobs import image_renditions_job

    pk = record.pk
    transaction.on_commit(lambda: enqueue_at(image_renditions_job, None, pk))
    return record


def image_make_renditions(*, image_id: int) -> ArticleImage:
    """Write the public JPEG/PNG renditions (no EXIF) and record their names. Idempotent."""
    record = ArticleImage.objects.get(pk=image_id)
    original = record.original.name or ""
    with default_storage.open(original, "rb") as fh:
        image = _open_checked(fh.read())
    has_alpha = image.mode in ("RGBA", "LA") or (image.mode == "P" and "transparency" in image.info)
    renditions: dict[str, str] = {}
    stem = os.path.splitext(os.path.basename(original))[0]
    for width in RENDITION_WIDTHS:
        copy = image.copy()
        if copy.width > width:
            copy.thumbnail((width, width * 10))
        out = io.BytesIO()
        if has_alpha:
            copy.convert("RGBA").save(out, "PNG", optimize=True)
            ext = "png"
        else:
            copy.convert("RGB").save(out, "JPEG", quality=82, optimize=True, progressive=True)
            ext = "jpg"
        target = f"portal/img/{record.commune_id}/{stem}-{width}.{ext}"
        if default_storage.exists(target):
            default_storage.delete(target)
        renditions[str(width)] = default_storage.save(target, ContentFile(out.getvalue()))
    ArticleImage.objects.filter(pk=record.pk).update(renditions=renditions)
    record.renditions = renditions
    return record
