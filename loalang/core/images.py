"""Location metadata in uploaded pictures: the one rule for every app that keeps images.

A phone photo carries the GPS position where it was taken (EXIF GPS block, sometimes XMP
too). Loa Làng drops it on upload unless the uploader ticks "keep location" on purpose.
"""

from __future__ import annotations

import io
import struct
from typing import Any

from PIL import Image

GPS_IFD = 0x8825
_XMP_LOCATION_MARKERS = (b"GPSLatitude", b"GPSLongitude", b"exif:GPS")


_EXIF_ERRORS = (OSError, ValueError, SyntaxError, KeyError, TypeError, struct.error)


def gps_block(image: Image.Image) -> dict[int, Any]:
    """The image's EXIF GPS block ({} if none or unreadable)."""
    try:
        return dict(image.getexif().get_ifd(GPS_IFD))
    except _EXIF_ERRORS:
        return {}


def _exif_unreadable(image: Image.Image) -> bool:
    try:
        image.getexif().get_ifd(GPS_IFD)
    except _EXIF_ERRORS:
        return True
    return False


def _xmp_has_location(image: Image.Image) -> bool:
    xmp = image.info.get("xmp") or b""
    if isinstance(xmp, str):
        xmp = xmp.encode()
    return any(marker in xmp for marker in _XMP_LOCATION_MARKERS)


def has_location(data: bytes) -> bool:
    with Image.open(io.BytesIO(data)) as image:
        return bool(gps_block(image)) or _xmp_has_location(image)


def without_location(data: bytes) -> bytes:
    """The same picture without its GPS block (and XMP, which may repeat the position).

    Pictures with no location come back byte for byte. JPEGs are re-saved with their own
    quantisation tables (`quality="keep"`), so the visible loss is negligible; PNG is lossless.
    """
    with Image.open(io.BytesIO(data)) as image:
        unreadable = _exif_unreadable(image)
        if not unreadable and not gps_block(image) and not _xmp_has_location(image):
            return data
        fmt = image.format or "JPEG"
        image.info.pop("xmp", None)
        kwargs: dict[str, Any] = {"exif": b""}
        if not unreadable:  # keep orientation, camera, date…; an unreadable block goes whole
            exif = image.getexif()
            exif.pop(GPS_IFD, None)
            kwargs["exif"] = exif.tobytes()
        if image.info.get("icc_profile"):
            kwargs["icc_profile"] = image.info["icc_profile"]
        if fmt == "JPEG":
            kwargs.update(quality="keep", subsampling="keep")
        elif fmt == "WEBP":
            kwargs.update(quality=95, save_all=getattr(image, "n_frames", 1) > 1)
        elif fmt == "PNG":
            kwargs["optimize"] = False
        out = io.BytesIO()
        image.save(out, fmt, **kwargs)
        return out.getvalue()
