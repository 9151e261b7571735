"""Checks on what staff type or upload, with messages a commune officer can act on."""

from __future__ import annotations

import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# About 20 minutes of speech at a normal pace: longer than any bulletin a slot can air.
MAX_SCRIPT_CHARS = 15_000

_ALLOWED_PUNCT = set(".,;:!?…-–—/()[]\"'“”‘’«»%&+=*#@°×–\n\r\t ₫$€")


def unreadable_characters(text: str) -> list[str]:
    """Characters the reader cannot say: emoji, symbols, scripts other than Latin."""
    bad: list[str] = []
    for ch in text:
        if ch in _ALLOWED_PUNCT or ch.isdigit():
            continue
        cat = unicodedata.category(ch)
        if cat.startswith("L"):
            try:
                name = unicodedata.name(ch)
            except ValueError:
                name = ""
            if name.startswith("LATIN"):
                continue
        elif cat in {"Mn", "Pd", "Ps", "Pe", "Pi", "Pf", "Po", "Zs"}:
            # combining marks (decomposed Vietnamese), ordinary punctuation, spaces
            continue
        if ch not in bad:
            bad.append(ch)
    return bad


def check_script(script: str, *, required: bool) -> str:
    """Return the script, stripped and NFC-normalised, or raise ValidationError on 'script'."""
    script = unicodedata.normalize("NFC", script or "").strip()
    if not script:
        if required:
            raise ValidationError(
                {"script": _("Nội dung đọc đang trống. Hãy nhập nội dung hoặc tải lên bản ghi âm.")}
            )
        return ""
    if len(script) > MAX_SCRIPT_CHARS:
        raise ValidationError(
            {
                "script": _(
                    "Nội dung dài %(n)s ký tự, vượt quá %(max)s ký tự (khoảng 20 phút đọc). "
                    "Hãy tách thành nhiều bản tin."
                )
                % {
                    "n": f"{len(script):,}".replace(",", "."),
                    "max": f"{MAX_SCRIPT_CHARS:,}".replace(",", "."),
                }
            }
        )
    bad = unreadable_characters(script)
    if bad:
        shown = " ".join(bad[:10])
        raise ValidationError(
            {
                "script": _(
                    "Nội dung có ký tự máy không đọc được: %(chars)s. Hãy xoá hoặc viết thành chữ."
                )
                % {"chars": shown}
            }
        )
    return script
