"""Checking an uploaded DOCX safely, in memory (read by plans.importer.sources; never stored).

Refused with a message: files over MAX_UPLOAD_BYTES, anything that is not a ZIP holding
word/document.xml, archives with too many entries, whose entries would unpack beyond
MAX_UNPACKED_BYTES in total, or that are compressed more than MAX_RATIO times (zip bombs).
"""

from __future__ import annotations

import io
import zipfile

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_UNPACKED_BYTES = 40 * 1024 * 1024
MAX_ENTRIES = 500
MAX_RATIO = 100


def check_docx_bytes(raw: bytes) -> None:
    not_docx = ValidationError(
        _("Tệp không phải là văn bản Word (.docx). Hãy lưu lại dưới dạng .docx rồi tải lên."),
        code="not_docx",
    )
    if not raw.startswith(b"PK\x03\x04"):
        raise not_docx
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
    except zipfile.BadZipFile as exc:
        raise not_docx from exc
    with archive:
        infos = archive.infolist()
        names = {i.filename for i in infos}
        if "word/document.xml" not in names or "[Content_Types].xml" not in names:
            raise not_docx
        bomb = ValidationError(
            _("Tệp nén bất thường (có thể là “bom nén”); không xử lý."), code="zip_bomb"
        )
        if len(infos) > MAX_ENTRIES:
            raise bomb
        total = 0
        for info in infos:
            total += info.file_size
            if total > MAX_UNPACKED_BYTES:
                raise bomb
            if info.compress_size and info.file_size / info.compress_size > MAX_RATIO:
                raise bomb
        # Sizes in the headers can lie: count what actually comes out, and stop early.
        unpacked = 0
        for info in infos:
            with archive.open(info) as member:
                while chunk := member.read(64 * 1024):
                    unpacked += len(chunk)
                    if unpacked > MAX_UNPACKED_BYTES:
                        raise bomb
