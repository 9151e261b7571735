"""Who signs an official document, and in what capacity (Decree 30/2020 Art. 13, box 7).

A signer is four lines as printed: `authority` ("TM. ỦY BAN NHÂN DÂN" — signing for the
collective), `deputy` ("KT. CHỦ TỊCH", "TL. CHỦ TỊCH", "TUQ. CHỦ TỊCH" — signing on behalf of
the head), `title` ("CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Q. CHỦ TỊCH", "CHÁNH VĂN PHÒNG") and `name`.
Pure: no database here (the Chair who pre-fills a new document is read in selectors).
"""

from __future__ import annotations

from typing import TypedDict

from django.utils.translation import gettext as _

COLLECTIVE = "TM. ỦY BAN NHÂN DÂN"
# The authority forms a line may open with (Decree 30/2020 Art. 13).
FORMS = ("TM.", "KT.", "Q.", "TL.", "TUQ.")


class Signer(TypedDict):
    """The four printed lines (see above); "" for a line the document does not have."""

    authority: str
    deputy: str
    title: str
    name: str


def chair_signer(name: str) -> Signer:
    """The Chair signing for the People's Committee (the usual case)."""
    return {"authority": COLLECTIVE, "deputy": "", "title": "CHỦ TỊCH", "name": name}


def vice_chair_signer(name: str) -> Signer:
    """A Vice-Chair signing in the Chair's stead: TM. / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH."""
    return {"authority": COLLECTIVE, "deputy": "KT. CHỦ TỊCH", "title": "PHÓ CHỦ TỊCH",
            "name": name}  # fmt: skip


def _form(line: str) -> str:
    head = line.strip().split(" ", 1)[0].upper()
    return head if head in FORMS else ""


def signer_problems(signer: Signer) -> list[str]:
    """Messages (Vietnamese) for a signer that cannot go on an official document; [] = fine."""
    problems: list[str] = []
    authority = (signer.get("authority") or "").strip()
    deputy = (signer.get("deputy") or "").strip()
    title = (signer.get("title") or "").strip()
    name = (signer.get("name") or "").strip()
    if not title:
        problems.append(_("Chưa ghi chức vụ người ký (ví dụ: CHỦ TỊCH)."))
    if not name:
        problems.append(_("Chưa ghi họ tên người ký."))
    if authority and _form(authority) != "TM.":
        problems.append(
            _("Dòng thẩm quyền ký phải bắt đầu bằng “TM.” (ví dụ: TM. ỦY BAN NHÂN DÂN).")
        )
    if deputy and _form(deputy) not in {"KT.", "TL.", "TUQ."}:
        problems.append(
            _("Dòng ký thay phải bắt đầu bằng “KT.”, “TL.” hoặc “TUQ.” (ví dụ: KT. CHỦ TỊCH).")
        )
    if _form(deputy) == "KT." and title and deputy[3:].strip().upper() == title.upper():
        problems.append(
            _("Ký thay (KT.) thì chức vụ là của cấp phó (ví dụ: KT. CHỦ TỊCH / PHÓ CHỦ TỊCH).")
        )
    if _form(authority) == "TM." and not deputy and title.upper().startswith("PHÓ"):
        problems.append(
            _("Cấp phó ký thay người đứng đầu: thêm dòng “KT. CHỦ TỊCH” giữa hai dòng.")
        )
    return problems
