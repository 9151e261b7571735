"""Pictures: checked by content, original kept private, public renditions re-encoded.

The original goes to private storage, its GPS position removed unless the uploader kept it on
purpose. Renditions go to public storage under a fresh random name: nothing in a public URL
leads to, or can be derived from, the original's name.
"""

from __future__ import annotations

import io
import secrets
import uuid
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from loalang.core.audit import audit_log
from loalang.core.files import private_storage, public_storage
from loalang.core.images import has_location, without_location
from loalang.core.schedule import enqueue_at
from loalang.portal.models import ArticleImage
from loalang.portal.richtext import clean_line

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
def image_upload(
    *, commune: Any, data: bytes, alt_text: str, actor: Any, keep_location: bool = False
) -> ArticleImage:
    """Store an uploaded picture after checking its content; renditions follow on the worker.

    The original is kept in private storage and never served; its GPS position is removed
    unless `keep_location` (the uploader ticked the box on purpose).
    """
    alt = clean_line(alt_text)
    if not alt:
        raise ValidationError({"alt_text": _("Hãy mô tả ảnh cho người không nhìn thấy ảnh.")})
    image = _open_checked(data)
    if not keep_location:
        data = without_location(data)
    record = ArticleImage(
        commune=commune,
        alt_text=alt,
        width=image.width,
        height=image.height,
        has_location=keep_location and has_location(data),
    )
    ext = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif"}[image.format or "JPEG"]
    name = private_storage().save(
        f"portal/img/{commune.pk}/{uuid.uuid4().hex}.{ext}", ContentFile(data)
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
    """Write the public JPEG/PNG renditions (no EXIF) and record their names. Idempotent:
    a re-run replaces the previous renditions. Each run picks a fresh random stem, unrelated
    to the original's private name."""
    record = ArticleImage.objects.get(pk=image_id)
    with private_storage().open(record.original.name or "", "rb") as fh:
        image = _open_checked(fh.read())
    has_alpha = image.mode in ("RGBA", "LA") or (image.mode == "P" and "transparency" in image.info)
    public = public_storage()
    previous = [n for n in (record.renditions or {}).values() if isinstance(n, str)]
    renditions: dict[str, str] = {}
    stem = secrets.token_urlsafe(18)
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
        renditions[str(width)] = public.save(target, ContentFile(out.getvalue()))
    ArticleImage.objects.filter(pk=record.pk).update(renditions=renditions)
    for name in previous:
        if name not in renditions.values():
            public.delete(name)
    record.renditions = renditions
    return record
