"""The signed PDF the clerk attaches when issuing: the legal document once it is issued.

Checked by content, not by name: it must start like a PDF, open in pypdf, have at least one
page and stay under MAX_BYTES. It is stored like every private file (under `private/`,
served only by views that check access), and from then on is the version shown and
downloaded instead of Loa Làng's own rendering.
"""

from __future__ import annotations

import io
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_BYTES = 20 * 1024 * 1024


def read_signed_pdf(upload: Any) -> bytes:
    """The upload's bytes if it is a real PDF within the size limit; ValidationError if not."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    upload.seek(0)
    data = upload.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise ValidationError(
            {"signed_pdf": _("Tệp quá lớn (tối đa %(mb)s MB).") % {"mb": MAX_BYTES // 2**20}}
        )
    if not data.lstrip()[:5] == b"%PDF-":
        raise ValidationError({"signed_pdf": _("Tệp đính kèm không phải là tệp PDF.")})
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        pages = len(reader.pages)
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise ValidationError({"signed_pdf": _("Tệp PDF bị hỏng, không mở được.")}) from exc
    if pages < 1:
        raise ValidationError({"signed_pdf": _("Tệp PDF không có trang nào.")})
    return data
